//! The rows of a [`Sink`] that takes records whole ([`Sink::plain`]) are what the `csv` crate
//! reads too: the records it takes and those that come as fields together (see the property
//! test of the parent module).

use super::*;

/// A [`Sink`] that takes every record it can whole ([`Sink::plain`]): those of the header's
/// width, split at their commas by hand. The rows it takes and those that come as fields must
/// together be what the `csv` crate reads.
struct PlainSplit(Vec<SeenRow>);

/// A row as [`seen_row`] gives it.
type SeenRow = (u64, Vec<String>, Vec<(u64, String)>);

impl Sink for PlainSplit {
    const PLAIN: bool = true;

    fn plain(&mut self, columns: &[usize], width: usize, line: u64, rest: &str) -> Option<usize> {
        let end = rest.find(['\r', '\n'])?;
        let fields: Vec<Cow<'_, str>> = rest[..end].split(',').map(Cow::Borrowed).collect();
        if fields.len() != width {
            return None;
        }
        let row = Row {
            record: &fields,
            columns,
            line,
        };
        self.0.push(seen_row(&row));
        Some(end)
    }

    fn row(&mut self, row: &Row<'_>, _: &mut Problems) -> Result<()> {
        self.0.push(seen_row(row));
        Ok(())
    }
}

/// As [`fast`](super::fast), with the records taken whole where they can be ([`PlainSplit`]).
pub(super) fn fast_plain(bytes: &[u8], width: Width) -> Result<Seen> {
    let source = MemoryFiles::new().with("t.csv", bytes);
    let mut problems = Problems::new(ImportMode::Lenient);
    let mut sink = PlainSplit(Vec::new());
    read_table_with(&source, "t.csv", &WANTED, width, &mut problems, &mut sink)?;
    Ok((sink.0, listed(problems)))
}

/// As [`chunked`](super::chunked), with the records taken whole where they can be ([`PlainSplit`]).
pub(super) fn chunked_plain(bytes: &[u8], width: Width, chunk: usize, step: usize) -> Result<Seen> {
    let mut sink = PlainSplit(Vec::new());
    let problems = super::read_chunked(bytes, width, (chunk, step), &mut sink)?;
    Ok((sink.0, problems))
}
