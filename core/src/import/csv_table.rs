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

    /// Reports a warning (a defect of the published file) in wanted column `i` of this row.
    pub(crate) fn warning(
        &self,
        problems: &mut Problems,
        file: &str,
        i: usize,
        reason: impl Into<String>,
    ) -> Result<()> {
        problems.warn(file, self.line, self.column(i), reason)
    }

    pub(crate) fn column(&self, i: usize) -> Option<u64> {
        self.columns.get(i).map(|&c| c as u64 + 1)
    }
}

/// Where [`read_table_with`] hands the rows of a table.
pub(crate) trait Sink {
    /// Whether [`Sink::plain`] may take records (else it is never called).
    const PLAIN: bool = false;

    /// Reads the record at the start of `rest` whole, by its known shape, or declines (`None`,
    /// then it comes to [`Sink::row`] as fields). `rest` holds no `"` (see
    /// [`Reader::take_plain`]); `columns` are the 0-based positions of the wanted columns and
    /// `width` the header's. A record taken must be one [`Sink::row`] would get, with the same
    /// fields: `width` fields, split at its commas, ended by `\r` or `\n`, whose position in
    /// `rest` is returned.
    fn plain(
        &mut self,
        _columns: &[usize],
        _width: usize,
        _line: u64,
        _rest: &str,
    ) -> Option<usize> {
        None
    }

    /// Takes a well-formed data row.
    fn row(&mut self, row: &Row<'_>, problems: &mut Problems) -> Result<()>;
}

/// A [`Sink`] that is a function of each row.
struct OnRow<F>(F);

impl<F: FnMut(&Row<'_>, &mut Problems) -> Result<()>> Sink for OnRow<F> {
    fn row(&mut self, row: &Row<'_>, problems: &mut Problems) -> Result<()> {
        (self.0)(row, problems)
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
        sink: &mut impl Sink,
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
            sink.row(&row, problems)
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
    on_row: impl FnMut(&Row<'_>, &mut Problems) -> Result<()>,
) -> Result<bool> {
    read_table_with(source, file, wanted, width, problems, &mut OnRow(on_row))
}

/// [`read_table`] into a [`Sink`], which may take records whole.
pub(crate) fn read_table_with(
    source: &dyn ImportSource,
    file: &str,
    wanted: &[&str],
    width: Width,
    problems: &mut Problems,
    on_row: &mut impl Sink,
) -> Result<bool> {
    let mut rows = Rows {
        file,
        wanted,
        width,
        table: None,
    };
    if let Some(bytes) = source.held(file) {
        return rows.read_all(Reader::new(bytes), problems, on_row);
    }
    match source.open(file) {
        Ok(Some(mut input)) => rows.read_chunks(&mut input, CHUNK, problems, on_row),
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
        on_row: &mut impl Sink,
    ) -> Result<bool> {
        // Room for a chunk and a record cut at its end: `read_to_end` into an empty buffer
        // starts with small reads and grows it by doubling, a copy at each step.
        let mut buffer = Vec::with_capacity(chunk + chunk / 8);
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
        on_row: &mut impl Sink,
    ) -> Result<bool> {
        Ok(self.read_some(&mut reader, problems, on_row)? && self.finish(problems)?)
    }

    /// Hands on the records of `reader`; `false` when the file cannot be read on (its header
    /// is unreadable or lacks a wanted column).
    fn read_some<S: Sink>(
        &mut self,
        reader: &mut Reader<'_>,
        problems: &mut Problems,
        on_row: &mut S,
    ) -> Result<bool> {
        let mut fields = Vec::new();
        loop {
            if let (true, Some(t)) = (S::PLAIN, &self.table) {
                let (columns, width) = (&t.columns, t.width_expected);
                if reader.take_plain(|line, rest| on_row.plain(columns, width, line, rest)) {
                    continue;
                }
            }
            let Some(Record { line, outcome }) = reader.next_record(&mut fields) else {
                break;
            };
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
#[path = "csv_table_tests.rs"]
mod fast_equals_csv;
