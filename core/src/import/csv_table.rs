//! Reading one CSV table of a source: header by name, rows with their line, problems reported.
//!
//! Why not plain `csv::Reader` iteration: the sources have quirks (ragged rows in ESCO's skills
//! hierarchy, multi-line quoted fields, CRLF) and the importers must report *every* bad row with
//! its line. The `csv` crate also accepts a quoted field left open at the end of the file
//! without error, which would silently glue the rest of a truncated file into one field; this
//! reader counts the quote bytes (an odd count means a quote left open: every quoted field has
//! an opening and a closing quote, escaped quotes come in pairs) and reports the last row.
//!
//! The file is read into memory first (the largest source, ESCO's occupation → skill relations,
//! is 21 MB): that gives the quote count and exact line numbers — the `csv` crate's line count
//! is one short for records that follow a CRLF terminator.

use std::borrow::Cow;

use csv::StringRecord;

use super::{ImportSource, Problems};
use crate::error::Result;

/// How strictly the row width is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Width {
    /// Every row has as many fields as the header.
    Exact,
    /// Rows may omit trailing empty fields (ESCO `skillsHierarchy_en.csv`).
    Ragged,
}

/// The fields of a row: a `csv` record, or slices of a file without quotes.
#[derive(Clone, Copy)]
enum Fields<'r> {
    Csv(&'r StringRecord),
    Plain(&'r [&'r str]),
}

impl<'r> Fields<'r> {
    fn get(self, c: usize) -> Option<&'r str> {
        match self {
            Fields::Csv(record) => record.get(c),
            Fields::Plain(fields) => fields.get(c).copied(),
        }
    }

    fn len(self) -> usize {
        match self {
            Fields::Csv(record) => record.len(),
            Fields::Plain(fields) => fields.len(),
        }
    }
}

/// A data row, with access by the position of the wanted column.
pub(crate) struct Row<'r> {
    record: Fields<'r>,
    columns: &'r [usize],
    /// 1-based line where the row starts.
    pub(crate) line: u64,
}

impl Row<'_> {
    /// The field of wanted column `i` (empty when a ragged row omits it).
    pub(crate) fn get(&self, i: usize) -> &str {
        self.columns
            .get(i)
            .and_then(|&c| self.record.get(c))
            .unwrap_or("")
    }

    /// The field of wanted column `i`, trimmed.
    pub(crate) fn trimmed(&self, i: usize) -> &str {
        self.get(i).trim()
    }

    /// Every field from wanted column `i` to the end of the row, with its 1-based column
    /// number (for a run of numbered columns such as `ada_1 … ada_47`).
    pub(crate) fn fields_from(&self, i: usize) -> impl Iterator<Item = (u64, &str)> + '_ {
        let start = self.columns.get(i).copied().unwrap_or(usize::MAX);
        let record = self.record;
        (start..record.len()).filter_map(move |c| record.get(c).map(|f| (c as u64 + 1, f)))
    }

    /// The 1-based CSV column number of wanted column `i`.
    /// Reports a problem in wanted column `i` of this row (the caller then skips the row).
    pub(crate) fn problem(
        &self,
        problems: &mut Problems,
        file: &str,
        i: usize,
        reason: impl Into<String>,
    ) -> Result<()> {
        problems.at(file, self.line, self.column(i), reason)
    }

    pub(crate) fn column(&self, i: usize) -> Option<u64> {
        self.columns.get(i).map(|&c| c as u64 + 1)
    }
}

enum Next {
    Record,
    Eof,
    /// A bad record was consumed; reading can go on.
    Bad(u64, String),
    /// Reading cannot go on (IO failure).
    Fatal(u64, String),
}

/// The 1-based line of a record, from the `csv` crate's position.
fn line_at(bytes: &[u8], position: &csv::Position) -> u64 {
    let offset = usize::try_from(position.byte()).unwrap_or(usize::MAX);
    // After a CRLF terminator the recorded start is the `\n`, not yet counted as a line.
    position.line() + u64::from(bytes.get(offset) == Some(&b'\n'))
}

fn read_next(reader: &mut csv::Reader<&[u8]>, bytes: &[u8], record: &mut StringRecord) -> Next {
    match reader.read_record(record) {
        Ok(true) => Next::Record,
        Ok(false) => Next::Eof,
        Err(e) => {
            let line = e
                .position()
                .map_or(reader.position().line(), |p| line_at(bytes, p));
            match e.into_kind() {
                csv::ErrorKind::Utf8 { err, .. } => Next::Bad(line, not_utf8(err.field())),
                csv::ErrorKind::Io(io) => Next::Fatal(line, format!("read error: {io}")),
                other => Next::Fatal(line, format!("CSV error: {other:?}")),
            }
        }
    }
}

/// The bytes of `file` (borrowed when the source holds them), or `None` after reporting why
/// there are none.
fn load<'s>(
    source: &'s dyn ImportSource,
    file: &str,
    problems: &mut Problems,
) -> Result<Option<Cow<'s, [u8]>>> {
    match source.read_all(file) {
        Ok(Some(bytes)) => Ok(Some(bytes)),
        Ok(None) => {
            problems.at(file, 0, None, "file is missing; its content is not loaded")?;
            Ok(None)
        }
        Err(e) => {
            problems.at(
                file,
                0,
                None,
                format!("cannot open or read: {e}; file not loaded"),
            )?;
            Ok(None)
        }
    }
}

/// The header, the positions of the wanted columns and the expected width of a table.
struct Table<'t> {
    file: &'t str,
    columns: Vec<usize>,
    width: Width,
    width_expected: usize,
}

impl<'t> Table<'t> {
    /// Finds the `wanted` columns in `header`; `None` after reporting a missing one.
    fn new(
        file: &'t str,
        header: &[&str],
        wanted: &[&str],
        width: Width,
        problems: &mut Problems,
    ) -> Result<Option<Self>> {
        let mut columns = Vec::with_capacity(wanted.len());
        for name in wanted {
            let Some(i) = header.iter().position(|h| h.trim() == *name) else {
                problems.at(
                    file,
                    1,
                    None,
                    format!("header has no column '{name}'; file not loaded"),
                )?;
                return Ok(None);
            };
            columns.push(i);
        }
        Ok(Some(Table {
            file,
            columns,
            width,
            width_expected: header.len(),
        }))
    }

    /// Checks the width of a well-formed record and hands it to `on_row` (a fully blank line
    /// is not a row).
    fn deliver(
        &self,
        record: Fields<'_>,
        line: u64,
        problems: &mut Problems,
        on_row: &mut impl FnMut(&Row<'_>, &mut Problems) -> Result<()>,
    ) -> Result<()> {
        let fields = record.len();
        let width_ok = match self.width {
            Width::Exact => fields == self.width_expected,
            Width::Ragged => fields <= self.width_expected,
        };
        if !width_ok {
            problems.at(
                self.file,
                line,
                None,
                format!(
                    "expected {} fields, found {fields}; row skipped",
                    self.width_expected
                ),
            )
        } else if fields == 1 && record.get(0).is_some_and(str::is_empty) {
            Ok(())
        } else {
            let row = Row {
                record,
                columns: &self.columns,
                line,
            };
            on_row(&row, problems)
        }
    }
}

fn not_utf8(field: usize) -> String {
    format!("field {} is not valid UTF-8; row skipped", field + 1)
}

/// Reads `file` from `source`, checks the header has the `wanted` columns, and calls `on_row`
/// for every well-formed data row. Problems (missing file or column, wrong field count,
/// invalid UTF-8, unterminated quote) go to `problems`. Returns whether the file was read.
pub(crate) fn read_table(
    source: &dyn ImportSource,
    file: &str,
    wanted: &[&str],
    width: Width,
    problems: &mut Problems,
    mut on_row: impl FnMut(&Row<'_>, &mut Problems) -> Result<()>,
) -> Result<bool> {
    let Some(bytes) = load(source, file, problems)? else {
        return Ok(false);
    };
    let bytes: &[u8] = &bytes;
    if memchr::memchr(b'"', bytes).is_none() {
        return read_plain(bytes, file, wanted, width, problems, &mut on_row);
    }
    read_quoted(bytes, file, wanted, width, problems, &mut on_row)
}

/// [`read_table`] through the `csv` crate, for files with quoted fields.
fn read_quoted(
    bytes: &[u8],
    file: &str,
    wanted: &[&str],
    width: Width,
    problems: &mut Problems,
    on_row: &mut impl FnMut(&Row<'_>, &mut Problems) -> Result<()>,
) -> Result<bool> {
    let quotes_odd = memchr::memchr_iter(b'"', bytes).count() % 2 == 1;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut current = StringRecord::new();
    let mut next = StringRecord::new();

    let table = match read_next(&mut reader, bytes, &mut current) {
        Next::Record => {
            let header: Vec<&str> = current.iter().collect();
            Table::new(file, &header, wanted, width, problems)?
        }
        Next::Eof => {
            problems.at(file, 0, None, "file is empty (no header row)")?;
            return Ok(false);
        }
        Next::Bad(line, reason) | Next::Fatal(line, reason) => {
            problems.at(file, line, None, format!("header row unreadable: {reason}"))?;
            return Ok(false);
        }
    };
    let Some(table) = table else {
        return Ok(false);
    };

    let mut state = read_next(&mut reader, bytes, &mut current);
    loop {
        match state {
            Next::Eof => break,
            Next::Fatal(line, reason) => {
                problems.at(
                    file,
                    line,
                    None,
                    format!("{reason}; rest of the file not loaded"),
                )?;
                break;
            }
            Next::Bad(line, reason) => {
                problems.at(file, line, None, reason)?;
                state = read_next(&mut reader, bytes, &mut current);
            }
            Next::Record => {
                let following = read_next(&mut reader, bytes, &mut next);
                let line = current.position().map_or(0, |p| line_at(bytes, p));
                if matches!(following, Next::Eof) && quotes_odd {
                    problems.at(
                        file,
                        line,
                        None,
                        "quoted field not closed before the end of the file; row skipped",
                    )?;
                    break;
                }
                table.deliver(Fields::Csv(&current), line, problems, on_row)?;
                std::mem::swap(&mut current, &mut next);
                state = following;
            }
        }
    }
    Ok(true)
}

/// [`read_table`] for a file without any `"`: records are split at the terminators and commas
/// directly, several times faster than the `csv` state machine on the 26 MB of ESCO relation
/// files. It reproduces what the `csv` crate does with such input: `\r`, `\n` and `\r\n` end
/// a record, blank lines are skipped, and a record's line is the one where the previous
/// record's terminator ended (so a record after blank lines has the line of the first one).
fn read_plain(
    bytes: &[u8],
    file: &str,
    wanted: &[&str],
    width: Width,
    problems: &mut Problems,
    on_row: &mut impl FnMut(&Row<'_>, &mut Problems) -> Result<()>,
) -> Result<bool> {
    let mut table: Option<Table<'_>> = None;
    let mut fields: Vec<&str> = Vec::new();
    // `pos`: where the previous record's terminator ended; `newlines`: `\n` bytes before it.
    let (mut pos, mut newlines) = (0usize, 0u64);
    loop {
        let line = 1 + newlines + u64::from(bytes.get(pos) == Some(&b'\n'));
        let mut start = pos;
        while let Some(&b) = bytes.get(start) {
            match b {
                b'\n' => newlines += 1,
                b'\r' => {}
                _ => break,
            }
            start += 1;
        }
        let Some(rest) = bytes.get(start..).filter(|r| !r.is_empty()) else {
            break;
        };
        let len = memchr::memchr2(b'\r', b'\n', rest).unwrap_or(rest.len());
        let record = &rest[..len];
        if rest.get(len) == Some(&b'\n') {
            newlines += 1;
        }
        pos = start + len + 1;

        fields.clear();
        let bad = match std::str::from_utf8(record) {
            // A `,` byte in valid UTF-8 is always a whole character.
            Ok(text) => {
                let mut from = 0;
                for end in memchr::memchr_iter(b',', record).chain(std::iter::once(record.len())) {
                    fields.push(text.get(from..end).unwrap_or_default());
                    from = end + 1;
                }
                None
            }
            // The first field that is not valid UTF-8, as the `csv` crate reports it.
            Err(_) => record
                .split(|&b| b == b',')
                .position(|field| std::str::from_utf8(field).is_err()),
        };
        match (&table, bad) {
            (None, Some(c)) => {
                let reason = not_utf8(c);
                problems.at(file, line, None, format!("header row unreadable: {reason}"))?;
                return Ok(false);
            }
            (None, None) => {
                let Some(t) = Table::new(file, &fields, wanted, width, problems)? else {
                    return Ok(false);
                };
                table = Some(t);
            }
            (Some(_), Some(c)) => problems.at(file, line, None, not_utf8(c))?,
            (Some(t), None) => t.deliver(Fields::Plain(&fields), line, problems, on_row)?,
        }
    }
    if table.is_none() {
        problems.at(file, 0, None, "file is empty (no header row)")?;
        return Ok(false);
    }
    Ok(true)
}

#[cfg(test)]
mod plain_equals_csv {
    //! The quote-free fast path must read exactly what the `csv` crate reads: same rows, same
    //! line numbers, same problems.

    use proptest::prelude::*;

    use super::*;
    use crate::import::ImportMode;

    type Outcome = (Vec<(u64, Vec<String>)>, Vec<String>);

    fn outcome(bytes: &[u8], quoted: bool) -> Outcome {
        let mut problems = Problems::new(ImportMode::Lenient);
        let mut rows = Vec::new();
        let mut on_row = |row: &Row<'_>, _: &mut Problems| -> Result<()> {
            rows.push((row.line, (0..3).map(|i| row.get(i).to_owned()).collect()));
            Ok(())
        };
        let wanted = ["a", "b"];
        let read = if quoted {
            read_quoted(
                bytes,
                "t.csv",
                &wanted,
                Width::Ragged,
                &mut problems,
                &mut on_row,
            )
        } else {
            read_plain(
                bytes,
                "t.csv",
                &wanted,
                Width::Ragged,
                &mut problems,
                &mut on_row,
            )
        };
        assert!(read.is_ok(), "lenient reading never fails");
        let listed = problems
            .finish(())
            .problems
            .iter()
            .map(ToString::to_string)
            .collect();
        (rows, listed)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn same_rows_lines_and_problems(
            body in proptest::collection::vec(
                prop_oneof![
                    Just(b'x'), Just(b'y'), Just(b','), Just(b'\n'), Just(b'\r'), Just(b' '), Just(0xffu8)
                ],
                0..80,
            ),
            header_end in prop_oneof![Just(&b"\n"[..]), Just(&b"\r\n"[..]), Just(&b"\r"[..])],
        ) {
            let mut bytes = b"a,b,c".to_vec();
            bytes.extend_from_slice(header_end);
            bytes.extend_from_slice(&body);
            prop_assert_eq!(outcome(&bytes, false), outcome(&bytes, true));
        }
    }
}
