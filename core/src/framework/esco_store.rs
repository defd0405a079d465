//! The text buffer and concept tables an [`EscoBuilder`](super::EscoBuilder) fills.
//!
//! Fields are appended to one `String` and recorded as [`Span`]s; `order` sorts a table by URI
//! when the builder finishes (or before the importer resolves relations).

use super::esco::ConceptRef;
use super::esco_taxonomy::{
    ConceptRow, GroupRow, IscoRow, LabelSpans, OccupationRow, SkillRow, Span, Table,
};
use crate::error::{Error, Result};

/// Preferred label, alternative labels (one per line), description.
pub(crate) type LabelTexts<'a> = [&'a str; 3];

/// The text and the concept tables being built.
pub(crate) struct Store {
    pub(crate) text: String,
    pub(crate) languages: usize,
    pub(crate) skills: Table<SkillRow>,
    pub(crate) occupations: Table<OccupationRow>,
    pub(crate) isco_groups: Table<IscoRow>,
    pub(crate) skill_groups: Table<GroupRow>,
}

pub(crate) fn u32_of(n: usize, what: &str) -> Result<u32> {
    u32::try_from(n).map_err(|_| Error::InvalidFramework(format!("more than 2^32 ESCO {what}")))
}

impl Store {
    pub(crate) fn str(&self, span: Span) -> &str {
        let start = span.start as usize;
        self.text
            .get(start..start + span.len as usize)
            .unwrap_or_default()
    }

    pub(crate) fn uri(&self, concept: ConceptRef) -> &str {
        let span = match concept {
            ConceptRef::Skill(i) => self.skills.rows.get(i as usize).map(ConceptRow::uri),
            ConceptRef::Occupation(i) => self.occupations.rows.get(i as usize).map(ConceptRow::uri),
            ConceptRef::IscoGroup(i) => self.isco_groups.rows.get(i as usize).map(ConceptRow::uri),
            ConceptRef::SkillGroup(i) => {
                self.skill_groups.rows.get(i as usize).map(ConceptRow::uri)
            }
        };
        span.map_or("", |s| self.str(s))
    }

    /// Appends `field`, with `\r\n` turned into `\n` (ESCO's multi-line alternative labels).
    pub(crate) fn push(&mut self, field: &str) -> Result<Span> {
        let start = u32_of(self.text.len(), "text bytes")?;
        // A `memchr` search per field (SIMD): `str::find('\r')` scans a word at a time and cost
        // ~230 instructions per field; a `&str` pattern would build a two-way searcher each time.
        let mut rest = field;
        while let Some(cr) = memchr::memchr(b'\r', rest.as_bytes()) {
            let skip = usize::from(rest[cr + 1..].starts_with('\n'));
            self.text.push_str(&rest[..cr + 1 - skip]);
            rest = &rest[cr + 1..];
        }
        self.text.push_str(rest);
        let len = u32_of(self.text.len() - start as usize, "text bytes")?;
        Ok(Span { start, len })
    }

    pub(crate) fn push_labels(
        &mut self,
        [preferred, alt, description]: LabelTexts<'_>,
    ) -> Result<LabelSpans> {
        Ok(LabelSpans {
            preferred: self.push(preferred)?,
            alt: self.push(alt)?,
            description: self.push(description)?,
        })
    }

    /// The label slot of `concept` in language `lang`.
    pub(crate) fn label_slot(
        &mut self,
        concept: ConceptRef,
        lang: usize,
    ) -> Option<&mut LabelSpans> {
        let n = self.languages;
        let (labels, i) = match concept {
            ConceptRef::Skill(i) => (&mut self.skills.labels, i),
            ConceptRef::Occupation(i) => (&mut self.occupations.labels, i),
            ConceptRef::IscoGroup(i) => (&mut self.isco_groups.labels, i),
            ConceptRef::SkillGroup(i) => (&mut self.skill_groups.labels, i),
        };
        (lang < n).then(|| labels.get_mut(i as usize * n + lang))?
    }
}

/// Sorts `table` by URI (labels move with their concept); returns new index by old index.
pub(crate) fn order<R: ConceptRow>(text: &str, table: &mut Table<R>, languages: usize) -> Vec<u32> {
    let uri = |row: &R| {
        let span = row.uri();
        let start = span.start as usize;
        text.get(start..start + span.len as usize)
            .unwrap_or_default()
    };
    let mut idx: Vec<usize> = (0..table.rows.len()).collect();
    idx.sort_unstable_by(|&a, &b| uri(&table.rows[a]).cmp(uri(&table.rows[b])));
    let mut new_of_old = vec![0u32; table.rows.len()];
    for (new, &old) in idx.iter().enumerate() {
        new_of_old[old] = u32::try_from(new).unwrap_or(u32::MAX);
    }
    table.rows = idx.iter().map(|&old| table.rows[old]).collect();
    table.labels = idx
        .iter()
        .flat_map(|&old| {
            table
                .labels
                .get(old * languages..(old + 1) * languages)
                .unwrap_or_default()
        })
        .copied()
        .collect();
    new_of_old
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_becomes_lf_and_a_lone_cr_stays() {
        let mut store = Store {
            text: String::new(),
            languages: 1,
            skills: Table::default(),
            occupations: Table::default(),
            isco_groups: Table::default(),
            skill_groups: Table::default(),
        };
        let span = store.push("a\r\nb\rc\r\n").unwrap();
        assert_eq!(store.str(span), "a\nb\rc\n");
        let next = store.push("é").unwrap();
        assert_eq!((next.start, store.str(next)), (span.start + span.len, "é"));
    }
}
