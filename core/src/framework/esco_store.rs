//! The text buffer and concept tables an [`EscoBuilder`](super::EscoBuilder) fills.
//!
//! Fields are appended to one `String` and recorded as [`Span`]s; `order` sorts a table by URI
//! when the builder finishes (or before the importer resolves relations).

use super::esco::{ConceptRef, ReuseLevel, SkillType};
use super::esco_columns;
use super::esco_taxonomy::Span;
use crate::error::{Error, Result};

/// The spans of one concept's labels in one language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct LabelSpans {
    pub(crate) preferred: Span,
    pub(crate) alt: Span,
    pub(crate) description: Span,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct SkillRow {
    pub(crate) uri: Span,
    pub(crate) skill_type: Option<SkillType>,
    pub(crate) reuse_level: Option<ReuseLevel>,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct OccupationRow {
    pub(crate) uri: Span,
    pub(crate) code: Span,
    pub(crate) isco_group: Span,
    /// `regulatedProfessionNote`, verbatim (empty when absent).
    pub(crate) regulated_note: Span,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct IscoRow {
    pub(crate) uri: Span,
    pub(crate) code: Span,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct GroupRow {
    pub(crate) uri: Span,
    pub(crate) code: Span,
    pub(crate) level: Option<u8>,
}

/// A concept row: what every table has.
pub(crate) trait ConceptRow: Copy {
    fn uri(&self) -> Span;
    /// The row's text fields before its labels, in column order (see `esco_columns`).
    fn fixed(&self) -> impl Iterator<Item = Span>;
}

impl ConceptRow for SkillRow {
    fn uri(&self) -> Span {
        self.uri
    }
    fn fixed(&self) -> impl Iterator<Item = Span> {
        [self.uri].into_iter()
    }
}

impl ConceptRow for OccupationRow {
    fn uri(&self) -> Span {
        self.uri
    }
    fn fixed(&self) -> impl Iterator<Item = Span> {
        [self.uri, self.code, self.isco_group, self.regulated_note].into_iter()
    }
}

impl ConceptRow for IscoRow {
    fn uri(&self) -> Span {
        self.uri
    }
    fn fixed(&self) -> impl Iterator<Item = Span> {
        [self.uri, self.code].into_iter()
    }
}

impl ConceptRow for GroupRow {
    fn uri(&self) -> Span {
        self.uri
    }
    fn fixed(&self) -> impl Iterator<Item = Span> {
        [self.uri, self.code].into_iter()
    }
}

/// The concepts of one kind and their labels (`labels[concept * languages + language]`).
#[derive(Debug, Clone)]
pub(crate) struct Table<R> {
    rows: Vec<R>,
    pub(crate) labels: Vec<LabelSpans>,
    /// Whether `rows` are in URI order. The ESCO files list their concepts sorted by URI, so
    /// [`order`] usually finds nothing to move: knowing it from the pushes (each URI compared
    /// with the one before, both just written) spares it comparing every URI again, a cache
    /// miss each, and moving every row and label (about 1 ms for the 14,000 skills).
    in_order: bool,
}

impl<R> Default for Table<R> {
    fn default() -> Self {
        Table {
            rows: Vec::new(),
            labels: Vec::new(),
            in_order: true,
        }
    }
}

impl<R> Table<R> {
    /// The concepts, in the order they were pushed until [`order`] sorts them.
    pub(crate) fn rows(&self) -> &[R] {
        &self.rows
    }
}

#[cfg(feature = "import")]
impl Table<GroupRow> {
    /// Sets the level of skill group `i` (nothing when there is none).
    pub(crate) fn set_level(&mut self, i: u32, level: u8) {
        if let Some(row) = self.rows.get_mut(i as usize) {
            row.level = Some(level);
        }
    }
}

impl<R: ConceptRow> Table<R> {
    /// Appends `row`, whose URI is in `text`.
    pub(crate) fn push(&mut self, text: &str, row: R) {
        if self.in_order {
            if let Some(last) = self.rows.last() {
                self.in_order = span_text(text, last.uri()) <= span_text(text, row.uri());
            }
        }
        self.rows.push(row);
    }

    /// Appends the text fields of every concept, in column order, to a `fields` column.
    fn write_fields(&self, languages: usize, out: &mut Vec<u8>) {
        for (i, row) in self.rows.iter().enumerate() {
            row.fixed()
                .for_each(|span| esco_columns::push_span(out, span));
            let labels = self
                .labels
                .get(i * languages..(i + 1) * languages)
                .unwrap_or_default();
            for l in labels {
                for span in [l.preferred, l.alt, l.description] {
                    esco_columns::push_span(out, span);
                }
            }
        }
    }
}

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
    /// The concept columns of the tables (text fields, skill and group attributes), with the
    /// concept counts (skills, occupations, ISCO groups, skill groups).
    pub(crate) fn concept_columns(&self) -> ([Vec<u8>; 3], [usize; 4]) {
        let n = self.languages;
        let counts = [
            self.skills.rows.len(),
            self.occupations.rows.len(),
            self.isco_groups.rows.len(),
            self.skill_groups.rows.len(),
        ];
        let fields_len = esco_columns::Columns::field_count(n, counts).unwrap_or(0);
        let mut fields = Vec::with_capacity(fields_len * esco_columns::FIELD);
        self.skills.write_fields(n, &mut fields);
        self.occupations.write_fields(n, &mut fields);
        self.isco_groups.write_fields(n, &mut fields);
        self.skill_groups.write_fields(n, &mut fields);
        let skills = (self.skills.rows.iter())
            .map(|r| esco_columns::encode_skill(r.skill_type, r.reuse_level))
            .collect();
        let groups = (self.skill_groups.rows.iter())
            .flat_map(|r| esco_columns::encode_group(r.level))
            .collect();
        ([fields, skills, groups], counts)
    }

    pub(crate) fn str(&self, span: Span) -> &str {
        span_text(&self.text, span)
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

/// The text of `span` in `text` (empty when out of range).
fn span_text(text: &str, span: Span) -> &str {
    let start = span.start as usize;
    text.get(start..start + span.len as usize)
        .unwrap_or_default()
}

/// Sorts `table` by URI (labels move with their concept); returns new index by old index, or
/// `None` when the table was in order already (nothing moved).
pub(crate) fn order<R: ConceptRow>(
    text: &str,
    table: &mut Table<R>,
    languages: usize,
) -> Option<Vec<u32>> {
    if table.in_order {
        return None;
    }
    let uri = |row: &R| span_text(text, row.uri());
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
    table.in_order = true;
    Some(new_of_old)
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
