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

use std::io::Read;

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

/// A data row, with access by the position of the wanted column.
pub(crate) struct Row<'r> {
    record: &'r StringRecord,
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
        self.record
            .iter()
            .enumerate()
            .skip(start)
            .map(|(c, field)| (c as u64 + 1, field))
    }

    /// The 1-based CSV column number of wanted column `i`.
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
                csv::ErrorKind::Utf8 { err, .. } => Next::Bad(
                    line,
                    format!("field {} is not valid UTF-8; row skipped", err.field() + 1),
                ),
                csv::ErrorKind::Io(io) => Next::Fatal(line, format!("read error: {io}")),
                other => Next::Fatal(line, format!("CSV error: {other:?}")),
            }
        }
    }
}

/// The bytes of `file`, or `None` after reporting why there are none.
fn load(source: &dyn ImportSource, file: &str, problems: &mut Problems) -> Result<Option<Vec<u8>>> {
    let mut input = match source.open(file) {
        Ok(Some(input)) => input,
        Ok(None) => {
            problems.at(file, 0, None, "file is missing; its content is not loaded")?;
            return Ok(None);
        }
        Err(e) => {
            problems.at(file, 0, None, format!("cannot open: {e}"))?;
            return Ok(None);
        }
    };
    let mut bytes = Vec::new();
    if let Err(e) = input.read_to_end(&mut bytes) {
        problems.at(file, 0, None, format!("read error: {e}; file not loaded"))?;
        return Ok(None);
    }
    Ok(Some(bytes))
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
    // One pass over at most a few tens of MB; not worth the `bytecount` crate.
    #[allow(clippy::naive_bytecount)]
    let quotes_odd = bytes.iter().filter(|&&b| b == b'"').count() % 2 == 1;
    let bytes = bytes.as_slice();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut current = StringRecord::new();
    let mut next = StringRecord::new();

    let header = match read_next(&mut reader, bytes, &mut current) {
        Next::Record => current.clone(),
        Next::Eof => {
            problems.at(file, 0, None, "file is empty (no header row)")?;
            return Ok(false);
        }
        Next::Bad(line, reason) | Next::Fatal(line, reason) => {
            problems.at(file, line, None, format!("header row unreadable: {reason}"))?;
            return Ok(false);
        }
    };
    let mut columns = Vec::with_capacity(wanted.len());
    for name in wanted {
        let Some(i) = header.iter().position(|h| h.trim() == *name) else {
            problems.at(
                file,
                1,
                None,
                format!("header has no column '{name}'; file not loaded"),
            )?;
            return Ok(false);
        };
        columns.push(i);
    }
    let width_expected = header.len();

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
                let fields = current.len();
                let width_ok = match width {
                    Width::Exact => fields == width_expected,
                    Width::Ragged => fields <= width_expected,
                };
                if !width_ok {
                    problems.at(
                        file,
                        line,
                        None,
                        format!("expected {width_expected} fields, found {fields}; row skipped"),
                    )?;
                } else if !(fields == 1 && current.get(0).is_some_and(str::is_empty)) {
                    // (A fully blank line is not a row.)
                    let row = Row {
                        record: &current,
                        columns: &columns,
                        line,
                    };
                    on_row(&row, problems)?;
                }
                std::mem::swap(&mut current, &mut next);
                state = following;
            }
        }
    }
    Ok(true)
}
