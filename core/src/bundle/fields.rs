//! The checks of an ESCO bundle's text fields: every span lies inside the text on character
//! boundaries, and each table's concepts are sorted and unique by URI, as the lookups of
//! `EscoTaxonomy` rely on.
//!
//! Both checks read the text where fields meet: a span's end is the next field's start, and a
//! concept's URI is its first field. Run as two passes (full ESCO: ~83,000 fields over ~10 MB
//! of text) each pass waited on the same ~80,000 cache lines, together about as long as the
//! checksum of the whole bundle; one pass reads each line once. The pass is cut into runs of
//! about [`RUN_FIELDS`] fields, whole concepts of one table, so that two threads can share it
//! (`esco_load`): a run compares its first URI with the one before it, read again.

use std::ops::Range;

use super::malformed;
use crate::error::Result;
use crate::framework::esco_columns::{self, Columns, FIELD};

/// The fields a run holds at most, unless one concept has more (full ESCO: 8 runs).
pub(crate) const RUN_FIELDS: usize = 16_384;

/// The tables' names in errors, in `Kind::ALL` order.
const TABLES: [&str; 4] = ["skills", "occupations", "ISCO groups", "skill groups"];

/// Consecutive concepts of one table, whose fields one job checks.
#[derive(Debug, Clone)]
pub(crate) struct FieldRun {
    /// The table, in `Kind::ALL` order.
    table: usize,
    /// The index of the table's first field in the `fields` column.
    base: usize,
    /// Fields per concept of the table.
    per: usize,
    /// The run's concepts, indexes in the table.
    concepts: Range<usize>,
}

/// What the check of one run found.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RunChecked {
    table: usize,
    spans_inside: bool,
    sorted: bool,
}

/// The runs of the `fields` column for tables of `counts` concepts with `languages` label
/// languages, or why the column cannot hold them: a span count that does not match the
/// concept counts (checked before any span is read, so a damaged count is found without
/// reading spans for it), or a text too long for the spans' 32-bit offsets (the reason of a
/// malformed bundle).
pub(crate) fn runs(
    text: &[u8],
    fields: &[u8],
    languages: usize,
    counts: [usize; 4],
) -> std::result::Result<Vec<FieldRun>, &'static str> {
    let layout = Columns::layout(languages, counts);
    let expected = Columns::field_count(languages, counts).and_then(|n| n.checked_mul(FIELD));
    let Some((per, base)) = layout.filter(|_| expected == Some(fields.len())) else {
        return Err("the number of text fields does not match the concept counts");
    };
    if u32::try_from(text.len()).is_err() {
        return Err("the text is longer than 4 GiB");
    }
    let mut runs = Vec::new();
    for table in 0..TABLES.len() {
        let step = (RUN_FIELDS / per[table].max(1)).max(1);
        let mut start = 0;
        while start < counts[table] {
            let end = start.saturating_add(step).min(counts[table]);
            runs.push(FieldRun {
                table,
                base: base[table],
                per: per[table],
                concepts: start..end,
            });
            start = end;
        }
    }
    Ok(runs)
}

/// Checks the fields of `run` against `text`, in one loop without early exits: each span
/// lies inside the text and is cut on character boundaries (the text's UTF-8 is checked on
/// its own), and each concept's URI sorts after the one before it. A character boundary is
/// the end of the text or a byte that does not continue a character (`0b10xx_xxxx`); a span
/// that starts where the one before ended (all of them, as bundles are written) has its start
/// checked as that end.
pub(crate) fn check_run(text: &[u8], fields: &[u8], run: &FieldRun) -> RunChecked {
    let boundary = |at: usize| text.get(at).is_none_or(|&byte| byte & 0xc0 != 0x80);
    let len = text.len() as u64;
    // A span outside the text reads as no URI, which sorts first (the span check fails it).
    // Not `Span::range`: on a 32-bit target an unchecked span's end could overflow.
    // `concept`: a concept's fields, the URI's first.
    let uri = |concept: &[u8]| {
        let span = esco_columns::span_at(concept, 0);
        let start = span.start as usize;
        text.get(start..start.checked_add(span.len as usize)?)
    };
    let width = run.per * FIELD;
    let first = (run.base + run.concepts.start * run.per) * FIELD;
    // `runs` checked that the column holds every table's fields.
    let concepts = fields
        .get(first..first + run.concepts.len() * width)
        .unwrap_or_default();
    // The concept before the run, if any, to compare the first URI with.
    let mut previous = run.concepts.start.checked_sub(1).map(|before| {
        uri(fields
            .get((run.base + before * run.per) * FIELD..)
            .unwrap_or_default())
    });
    let (mut previous_end, mut bad_span, mut sorted) = (u64::MAX, false, true);
    for concept in concepts.chunks_exact(width.max(1)) {
        for record in concept.chunks_exact(FIELD) {
            let Ok(record) = <[u8; FIELD]>::try_from(record) else {
                continue;
            };
            let record = u64::from_le_bytes(record);
            let start = record & 0xffff_ffff;
            let end = start + (record >> 32);
            let start_ok = start == previous_end || usize::try_from(start).is_ok_and(boundary);
            let end_ok = end <= len && usize::try_from(end).is_ok_and(boundary);
            bad_span |= !(start_ok && end_ok);
            previous_end = end;
        }
        let current = uri(concept);
        if let Some(previous) = previous {
            sorted &= previous < current;
        }
        previous = Some(current);
    }
    RunChecked {
        table: run.table,
        spans_inside: !bad_span,
        sorted,
    }
}

/// The runs' findings, gathered in job order.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    bad_span: bool,
    /// The first table (in `Kind::ALL` order) found unsorted.
    unsorted: Option<usize>,
}

impl Findings {
    /// Adds the findings of one run.
    pub(crate) fn add(&mut self, run: RunChecked) {
        self.bad_span |= !run.spans_inside;
        if !run.sorted {
            self.unsorted = Some(self.unsorted.map_or(run.table, |t| t.min(run.table)));
        }
    }

    /// The error of the findings so far: the spans' first (a span outside the text makes the
    /// order meaningless), then the first unsorted table's.
    pub(crate) fn result(&self) -> Result<()> {
        if self.bad_span {
            return Err(malformed(
                "a text field runs past the text or splits a character",
            ));
        }
        match self.unsorted {
            Some(table) => Err(malformed(format!(
                "{} are not sorted and unique by URI",
                TABLES.get(table).unwrap_or(&"concepts")
            ))),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::BundleError;
    use super::*;
    use crate::error::Error;

    /// Text and `fields` column of `skills` skills (one label language: a URI and three
    /// labels each, the last with a two-byte character), URIs from `uri`.
    fn skills(skills: usize, uri: impl Fn(usize) -> String) -> (Vec<u8>, Vec<u8>) {
        let (mut text, mut fields) = (String::new(), Vec::new());
        for i in 0..skills {
            for field in [uri(i), "label".into(), String::new(), "caffè".into()] {
                // A span: start and length, `u32` little-endian.
                fields.extend(u32::try_from(text.len()).unwrap().to_le_bytes());
                fields.extend(u32::try_from(field.len()).unwrap().to_le_bytes());
                text.push_str(&field);
            }
        }
        (text.into_bytes(), fields)
    }

    fn check(text: &[u8], fields: &[u8], skills: usize) -> Result<()> {
        let mut findings = Findings::default();
        for run in runs(text, fields, 1, [skills, 0, 0, 0]).map_err(malformed)? {
            findings.add(check_run(text, fields, &run));
        }
        findings.result()
    }

    fn why(result: Result<()>) -> String {
        match result {
            Err(Error::InvalidBundle(BundleError::Malformed(why))) => why,
            other => panic!("not malformed: {other:?}"),
        }
    }

    #[test]
    fn runs_cover_every_concept_once_in_order() {
        let counts = [10_000, 3_000, 600, 700];
        let fields = Columns::field_count(1, counts).unwrap() * FIELD;
        let runs = runs(b"", &vec![0; fields], 1, counts).unwrap();
        assert!(runs.len() > 4, "the skills alone need more than one run");
        for (table, &count) in counts.iter().enumerate() {
            let mine: Vec<_> = runs.iter().filter(|r| r.table == table).collect();
            let mut next = 0;
            for run in mine {
                assert_eq!(run.concepts.start, next);
                assert!(run.concepts.len() * run.per <= RUN_FIELDS);
                next = run.concepts.end;
            }
            assert_eq!(next, count);
        }
    }

    #[test]
    fn concepts_are_checked_across_the_cuts_between_runs() {
        let count = 2 * RUN_FIELDS / 4 + 10;
        let uri = |i: usize| format!("esco/skill/{i:06}");
        let (text, fields) = skills(count, uri);
        assert!(runs(&text, &fields, 1, [count, 0, 0, 0]).unwrap().len() >= 3);
        assert!(check(&text, &fields, count).is_ok());
        // The last concept of the first run and the first of the second, out of order, then
        // the same URI twice.
        let cut = RUN_FIELDS / 4;
        let unsorted = "skills are not sorted and unique by URI";
        for instead in [cut - 2, cut - 1] {
            let uri = |i: usize| uri(if i == cut { instead } else { i });
            let (text, fields) = skills(count, uri);
            assert_eq!(why(check(&text, &fields, count)), unsorted, "{instead}");
        }
    }

    #[test]
    fn spans_are_checked_in_every_run() {
        let count = 2 * RUN_FIELDS / 4 + 10;
        let (text, mut fields) = skills(count, |i| format!("esco/skill/{i:06}"));
        // The last field of the last concept ends one byte short: inside the "è".
        let last = fields.len() - FIELD;
        let len = u32::from_le_bytes(fields[last + 4..].try_into().unwrap());
        fields[last + 4..].copy_from_slice(&(len - 1).to_le_bytes());
        assert_eq!(
            why(check(&text, &fields, count)),
            "a text field runs past the text or splits a character"
        );
        // A count that does not match the fields.
        assert_eq!(
            why(check(&text, &fields, count + 1)),
            "the number of text fields does not match the concept counts"
        );
    }
}
