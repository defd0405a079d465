//! Reading one CSV table of a source: header by name, rows with their line, problems reported.
//!
//! Why not plain `csv::Reader` iteration: the sources have quirks (ragged rows in ESCO's skills
//! hierarchy, multi-line quoted fields, CRLF) and the importers must report *every* bad row with
//! its line. The records come from [`csv_fast`](super::csv_fast), which reads what the `csv`
//! crate reads, much faster, and also reports a quoted field left open at the end of the file
//! (the `csv` crate accepts it, silently gluing the rest of a truncated file into one field).
//!
//! Fields are borrowed from the bytes: those the source holds ([`ImportSource::held`]), or a
//! chunk of a few hundred kilobytes read from [`ImportSource::open`] (never the whole file: the
//! largest source, ESCO's occupation → skill relations, is 21 MB, and in a short import process
//! touching fresh memory for it costs more than parsing it). Line numbers are exact — the `csv`
//! crate's line count is one short for records that follow a CRLF terminator.

use std::borrow::Cow;
use std::io::Read;

use super::csv_fast::{Outcome, Reader, Record, Resume};
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
    /// The fields of the record (borrowed from the file unless unescaped).
    record: &'r [Cow<'r, str>],
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
            .map_or("", |field| field)
    }

    /// The field of wanted column `i`, trimmed (of Unicode white space, as `str::trim`).
    pub(crate) fn trimmed(&self, i: usize) -> &str {
        let field = self.get(i);
        // Most fields start and end with a visible ASCII character, which is never white
        // space: skip `trim`'s Unicode scan (it showed in profiles of the ESCO import).
        let visible = |b: Option<&u8>| b.is_some_and(|&b| (0x21..0x7f).contains(&b));
        if visible(field.as_bytes().first()) && visible(field.as_bytes().last()) {
            field
        } else {
            field.trim()
        }
    }

    /// Every field from wanted column `i` to the end of the row, with its 1-based column
    /// number (for a run of numbered columns such as `ada_1 … ada_47`).
    pub(crate) fn fields_from(&self, i: usize) -> impl Iterator<Item = (u64, &str)> + '_ {
        let start = self.columns.get(i).copied().unwrap_or(usize::MAX);
        (self.record.iter().enumerate())
            .skip(start)
            .map(|(c, field)| (c as u64 + 1, &**field))
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
        header: &[Cow<'_, str>],
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
        record: &[Cow<'_, str>],
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
        } else if fields == 1 && record.first().is_some_and(|field| field.is_empty()) {
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

/// Why a record truncated by the end of the file inside a quoted field is skipped.
const UNCLOSED: &str = "quoted field not closed before the end of the file; row skipped";

fn not_utf8(field: usize) -> String {
    format!("field {} is not valid UTF-8; row skipped", field + 1)
}

/// How many bytes [`read_table`] reads at a time from a source that does not hold its files:
/// a chunk fits in a core's cache, so the parsing reads what the copy just wrote.
const CHUNK: usize = 256 * 1024;

/// Reads `file` from `source`, checks the header has the `wanted` columns, and calls `on_row`
/// for every well-formed data row. Problems (missing file or column, wrong field count,
/// invalid UTF-8, unterminated quote, a read error) go to `problems`. Returns whether the file
/// was read.
pub(crate) fn read_table(
    source: &dyn ImportSource,
    file: &str,
    wanted: &[&str],
    width: Width,
    problems: &mut Problems,
    mut on_row: impl FnMut(&Row<'_>, &mut Problems) -> Result<()>,
) -> Result<bool> {
    let mut rows = Rows {
        file,
        wanted,
        width,
        table: None,
    };
    if let Some(bytes) = source.held(file) {
        return rows.read_all(Reader::new(bytes), problems, &mut on_row);
    }
    match source.open(file) {
        Ok(Some(mut input)) => rows.read_chunks(&mut input, CHUNK, problems, &mut on_row),
        Ok(None) => {
            problems.at(file, 0, None, "file is missing; its content is not loaded")?;
            Ok(false)
        }
        Err(e) => {
            let reason = format!("cannot open: {e}; file not loaded");
            problems.at(file, 0, None, reason)?;
            Ok(false)
        }
    }
}

/// The rows of one table as its records arrive: the header first, then the data rows.
struct Rows<'t> {
    file: &'t str,
    wanted: &'t [&'t str],
    width: Width,
    /// Known once the header is read.
    table: Option<Table<'t>>,
}

impl Rows<'_> {
    /// Reads `input` `chunk` bytes at a time (see [`Reader::chunk`]).
    fn read_chunks(
        &mut self,
        input: &mut dyn Read,
        chunk: usize,
        problems: &mut Problems,
        on_row: &mut impl FnMut(&Row<'_>, &mut Problems) -> Result<()>,
    ) -> Result<bool> {
        let mut buffer = Vec::new();
        let mut from = Resume::default();
        loop {
            // A record longer than the buffer doubles it, so the records read again from
            // their start cost linear time overall.
            let want = chunk.max(buffer.len());
            let got = match input.take(want as u64).read_to_end(&mut buffer) {
                Ok(got) => got,
                Err(e) => {
                    let line = 1 + from.newlines;
                    let reason = format!(
                        "cannot read from line {line} on: {e}; rest of the file not loaded"
                    );
                    problems.at(self.file, line, None, reason)?;
                    return Ok(false);
                }
            };
            let last = got < want;
            let mut reader = Reader::chunk(&buffer, from, last);
            if !self.read_some(&mut reader, problems, on_row)? {
                return Ok(false);
            }
            if last {
                return self.finish(problems);
            }
            let consumed = reader.consumed();
            from = reader.resume();
            buffer.drain(..consumed);
        }
    }

    /// Reads a whole file.
    fn read_all(
        &mut self,
        mut reader: Reader<'_>,
        problems: &mut Problems,
        on_row: &mut impl FnMut(&Row<'_>, &mut Problems) -> Result<()>,
    ) -> Result<bool> {
        Ok(self.read_some(&mut reader, problems, on_row)? && self.finish(problems)?)
    }

    /// Hands on the records of `reader`; `false` when the file cannot be read on (its header
    /// is unreadable or lacks a wanted column).
    fn read_some(
        &mut self,
        reader: &mut Reader<'_>,
        problems: &mut Problems,
        on_row: &mut impl FnMut(&Row<'_>, &mut Problems) -> Result<()>,
    ) -> Result<bool> {
        let mut fields = Vec::new();
        while let Some(Record { line, outcome }) = reader.next_record(&mut fields) {
            let bad = match outcome {
                Outcome::Fields => None,
                Outcome::NotUtf8(c) => Some(not_utf8(c)),
                Outcome::Unclosed => Some(UNCLOSED.to_owned()),
            };
            match (&self.table, bad) {
                (None, Some(reason)) => {
                    let reason = format!("header row unreadable: {reason}");
                    problems.at(self.file, line, None, reason)?;
                    return Ok(false);
                }
                (None, None) => {
                    let table = Table::new(self.file, &fields, self.wanted, self.width, problems)?;
                    if table.is_none() {
                        return Ok(false);
                    }
                    self.table = table;
                }
                (Some(_), Some(reason)) => problems.at(self.file, line, None, reason)?,
                (Some(t), None) => t.deliver(&fields, line, problems, on_row)?,
            }
        }
        Ok(true)
    }

    /// After the last record: a file without even a header is a problem.
    fn finish(&self, problems: &mut Problems) -> Result<bool> {
        if self.table.is_none() {
            problems.at(self.file, 0, None, "file is empty (no header row)")?;
            return Ok(false);
        }
        Ok(true)
    }
}

#[cfg(test)]
mod fast_equals_csv {
    //! [`read_table`] must read exactly what the `csv` crate reads (default `ReaderBuilder`,
    //! `has_headers(false)`, `flexible(true)`): same rows, same line numbers, same problems. The
    //! oracle below drives the `csv` crate and applies the table rules to its records.

    use proptest::prelude::*;

    use super::*;
    use crate::import::{ImportMode, MemoryFiles};

    /// Rows (line, the 3 wanted columns, every field with its column) and problems, as text.
    type Seen = (Vec<(u64, Vec<String>, Vec<(u64, String)>)>, Vec<String>);

    const WANTED: [&str; 3] = ["a", "b", "c"];

    fn seen_row(row: &Row<'_>) -> (u64, Vec<String>, Vec<(u64, String)>) {
        let wanted = (0..3).map(|i| row.get(i).to_owned()).collect();
        let all = row.fields_from(0).map(|(c, f)| (c, f.to_owned())).collect();
        (row.line, wanted, all)
    }

    fn listed(problems: Problems) -> Vec<String> {
        let problems = problems.finish(()).problems;
        problems.iter().map(ToString::to_string).collect()
    }

    fn fast(bytes: &[u8], width: Width) -> Result<Seen> {
        let source = MemoryFiles::new().with("t.csv", bytes);
        let mut problems = Problems::new(ImportMode::Lenient);
        let mut rows = Vec::new();
        read_table(&source, "t.csv", &WANTED, width, &mut problems, |row, _| {
            rows.push(seen_row(row));
            Ok(())
        })?;
        Ok((rows, listed(problems)))
    }

    /// A reader that hands out at most `step` bytes per call, as a pipe or socket may.
    struct Trickle<'b> {
        bytes: &'b [u8],
        step: usize,
    }

    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.step.min(out.len()).min(self.bytes.len());
            out[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    /// As [`fast`], but read in chunks of `chunk` bytes, `step` bytes per read call.
    fn chunked(bytes: &[u8], width: Width, chunk: usize, step: usize) -> Result<Seen> {
        let mut problems = Problems::new(ImportMode::Lenient);
        let mut seen = Vec::new();
        let mut rows = Rows {
            file: "t.csv",
            wanted: &WANTED,
            width,
            table: None,
        };
        let mut input = Trickle { bytes, step };
        rows.read_chunks(&mut input, chunk, &mut problems, &mut |row, _| {
            seen.push(seen_row(row));
            Ok(())
        })?;
        Ok((seen, listed(problems)))
    }

    /// The 1-based line of a record, from the `csv` crate's position: after a CRLF terminator
    /// the recorded start is the `\n`, not yet counted as a line.
    fn line_at(bytes: &[u8], position: Option<&csv::Position>) -> u64 {
        position.map_or(0, |p| {
            let offset = usize::try_from(p.byte()).unwrap_or(usize::MAX);
            p.line() + u64::from(bytes.get(offset) == Some(&b'\n'))
        })
    }

    fn byte_records(bytes: &[u8]) -> Vec<csv::ByteRecord> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        reader
            .byte_records()
            .map_while(std::result::Result::ok)
            .collect()
    }

    /// Whether the `csv` crate ends `bytes` inside a quoted field. It accepts such a field
    /// without a word, so this asks it indirectly, by appending quotes: only inside a quoted
    /// field does one more `"` leave the last record unchanged (it closes the field) *and* two
    /// more add exactly one `"` to its last field (an escaped quote). After a terminator they
    /// start a new record; after a comma `""` is an empty field, like the end of the file; in
    /// an unquoted field, or just after a closing quote, one `"` is data.
    fn open_quote_at_end(bytes: &[u8]) -> bool {
        let with = |tail: &[u8]| byte_records(&[bytes, tail].concat());
        let (plain, one, two) = (with(b""), with(b"\""), with(b"\"\""));
        let (Some(last), Some(last_one), Some(last_two)) = (plain.last(), one.last(), two.last())
        else {
            return false;
        };
        let mut grown: Vec<Vec<u8>> = last.iter().map(<[u8]>::to_vec).collect();
        if let Some(field) = grown.last_mut() {
            field.push(b'"');
        }
        plain.len() == one.len()
            && plain.len() == two.len()
            && last_one == last
            && last_two.iter().eq(grown.iter().map(Vec::as_slice))
    }

    /// What [`read_table`] must report, from the `csv` crate's records.
    ///
    /// The one case where the crate cannot be followed: a quoted field open at the end of the
    /// file (detected by [`open_quote_at_end`], independently of the reader under test). The
    /// crate returns the truncated last record; the reader must instead report that record,
    /// at its line, as not closed (a UTF-8 error in it is then moot: the truncation may well
    /// have cut a character).
    fn oracle(bytes: &[u8], width: Width) -> Result<Seen> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let mut records = Vec::new();
        let mut record = csv::StringRecord::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    let fields: Vec<String> = record.iter().map(str::to_owned).collect();
                    records.push((line_at(bytes, record.position()), Ok(fields)));
                }
                Err(e) => {
                    let line = line_at(bytes, e.position());
                    let reason = match e.kind() {
                        csv::ErrorKind::Utf8 { err, .. } => not_utf8(err.field()),
                        other => format!("unexpected: {other:?}"),
                    };
                    records.push((line, Err(reason)));
                }
            }
        }
        if open_quote_at_end(bytes) {
            if let Some(last) = records.last_mut() {
                last.1 = Err(UNCLOSED.to_owned());
            }
        }

        let mut problems = Problems::new(ImportMode::Lenient);
        let mut rows = Vec::new();
        let mut table = None;
        for (line, record) in records {
            match (&table, record) {
                (None, Err(reason)) => {
                    let reason = format!("header row unreadable: {reason}");
                    problems.at("t.csv", line, None, reason)?;
                    return Ok((rows, listed(problems)));
                }
                (None, Ok(fields)) => {
                    let fields: Vec<Cow<'_, str>> = fields.into_iter().map(Cow::Owned).collect();
                    match Table::new("t.csv", &fields, &WANTED, width, &mut problems)? {
                        Some(t) => table = Some(t),
                        None => return Ok((rows, listed(problems))),
                    }
                }
                (Some(_), Err(reason)) => problems.at("t.csv", line, None, reason)?,
                (Some(t), Ok(fields)) => {
                    let fields: Vec<Cow<'_, str>> = fields.into_iter().map(Cow::Owned).collect();
                    t.deliver(&fields, line, &mut problems, &mut |row, _| {
                        rows.push(seen_row(row));
                        Ok(())
                    })?;
                }
            }
        }
        if table.is_none() {
            problems.at("t.csv", 0, None, "file is empty (no header row)")?;
        }
        Ok((rows, listed(problems)))
    }

    /// A random file: an optional header (with a byte order mark or quotes), its terminator,
    /// then random pieces.
    fn file(pieces: &[&[u8]], header: &[u8], header_end: &[u8]) -> Vec<u8> {
        [header, header_end]
            .concat()
            .into_iter()
            .chain(pieces.concat())
            .collect()
    }

    fn headers() -> impl Strategy<Value = &'static [u8]> {
        prop_oneof![
            Just(&b"a,b,c"[..]),
            Just(&b"\xef\xbb\xbfa,b,c"[..]),
            Just(&b"\"a\",b,\"c\""[..]),
            Just(&b""[..]),
        ]
    }

    fn header_ends() -> impl Strategy<Value = &'static [u8]> {
        prop_oneof![Just(&b"\n"[..]), Just(&b"\r\n"[..]), Just(&b"\r"[..])]
    }

    fn widths() -> impl Strategy<Value = Width> {
        prop_oneof![Just(Width::Exact), Just(Width::Ragged)]
    }

    /// The bytes that matter to CSV, and a two-byte character.
    fn text_piece() -> impl Strategy<Value = &'static [u8]> {
        prop_oneof![
            Just(&b"x"[..]),
            Just(&b"y"[..]),
            Just(&b","[..]),
            Just(&b"\n"[..]),
            Just(&b"\r"[..]),
            Just(&b"\""[..]),
            Just(&b" "[..]),
            Just("é".as_bytes()),
        ]
    }

    /// Invalid UTF-8: 0xff, and the halves of `é` (a closing quote between them gives a valid
    /// field from an invalid record).
    fn byte_piece() -> impl Strategy<Value = &'static [u8]> {
        prop_oneof![
            4 => text_piece(),
            1 => Just(&b"\xff"[..]),
            1 => Just(&b"\xc3"[..]),
            1 => Just(&b"\xa9"[..]),
        ]
    }

    /// Whole, and in chunks of 1 to 9 bytes (so that chunk boundaries fall everywhere: inside
    /// quotes, between `""`, inside `é`, between `\r` and `\n`), the file reads as the oracle.
    fn same_as_csv(
        bytes: &[u8],
        width: Width,
        chunk: usize,
        step: usize,
    ) -> Result<(), TestCaseError> {
        let expected = oracle(bytes, width)?;
        prop_assert_eq!(&fast(bytes, width)?, &expected);
        prop_assert_eq!(&chunked(bytes, width, chunk, step)?, &expected);
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]

        #[test]
        fn same_as_csv_on_text(
            pieces in proptest::collection::vec(text_piece(), 0..80),
            header in headers(),
            header_end in header_ends(),
            width in widths(),
            chunk in 1..10usize,
            step in 1..4usize,
        ) {
            same_as_csv(&file(&pieces, header, header_end), width, chunk, step)?;
        }

        #[test]
        fn same_as_csv_on_bytes(
            pieces in proptest::collection::vec(byte_piece(), 0..80),
            header in headers(),
            header_end in header_ends(),
            width in widths(),
            chunk in 1..10usize,
            step in 1..4usize,
        ) {
            same_as_csv(&file(&pieces, header, header_end), width, chunk, step)?;
        }
    }

    /// A read error half-way is reported at the line where reading stopped; the rows before
    /// it are kept, nothing after it is invented.
    #[test]
    fn a_read_error_is_reported_with_its_line() -> Result<()> {
        struct Failing<'b>(&'b [u8]);
        impl std::io::Read for Failing<'_> {
            fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
                if self.0.is_empty() {
                    return Err(std::io::Error::other("device gone"));
                }
                let n = out.len().min(self.0.len());
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut problems = Problems::new(ImportMode::Lenient);
        let mut seen = Vec::new();
        let mut rows = Rows {
            file: "t.csv",
            wanted: &WANTED,
            width: Width::Exact,
            table: None,
        };
        let read = rows.read_chunks(
            &mut Failing(b"a,b,c\n1,2,3\n4,5"),
            4,
            &mut problems,
            &mut |row, _| {
                seen.push(seen_row(row).1);
                Ok(())
            },
        )?;
        assert!(!read);
        assert_eq!(seen, [["1", "2", "3"]]);
        assert_eq!(
            listed(problems),
            ["t.csv:3: cannot read from line 3 on: device gone; rest of the file not loaded"]
        );
        Ok(())
    }

    #[test]
    fn a_quote_open_at_the_end_of_the_file_skips_the_row() -> Result<()> {
        let (rows, problems) = fast(b"a,b,c\n1,2,3\n4,\"5\n6,7", Width::Exact)?;
        assert_eq!(rows.len(), 1);
        assert_eq!(
            problems,
            [format!("t.csv:3: {UNCLOSED}")],
            "the truncated record is reported, not glued"
        );
        Ok(())
    }

    #[test]
    fn a_literal_quote_at_the_end_of_the_file_is_data() -> Result<()> {
        // An odd number of `"` bytes, yet no quoted field: the last row is complete.
        let (rows, problems) = fast(b"a,b,c\n1,2,3\nx,a\"b,c", Width::Exact)?;
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(rows[1].1, ["x", "a\"b", "c"]);
        Ok(())
    }
}
