//! [`EscoTaxonomy`]: one ESCO release, with all its text in one shared buffer.
//!
//! Full ESCO has ~17,000 concepts with ~80,000 text fields (URIs, codes, labels, descriptions)
//! and ~150,000 relations. Owning each field as a `String` made loading a bundle mostly a
//! matter of allocating and copying those strings, so the taxonomy keeps every field as a
//! [`Span`] (offset and length) into one immutable text buffer, and hands out borrowed views
//! (`SkillView`, …, see `esco_views`). The buffer is reference-counted: cloning a taxonomy does
//! not copy the text, and a bundle read into an owned `Vec<u8>` is used in place
//! ([`Bundle::from_vec`](crate::bundle::Bundle::from_vec)).
//!
//! Invariants, established by [`EscoBuilder`](super::EscoBuilder) and checked when a bundle is
//! loaded: every span lies inside the text on character boundaries; concepts of each table are
//! sorted and unique by URI (a URI lookup is a binary search, no hash index is built or
//! shipped); each table has one label set per concept and language, concept-major; relation
//! tables are sorted and point inside the tables (so "the skills of an occupation" is a
//! contiguous slice).

use std::ops::Range;

use bytestring::ByteString;

use super::esco::{
    BroaderRelation, ConceptRef, OccupationSkill, Relevance, ReuseLevel, SkillSkillRelation,
    SkillType,
};
use super::esco_views::{IscoGroupView, LabelsView, OccupationView, SkillGroupView, SkillView};

/// A field of the text buffer: byte offset and length.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: u32,
    pub(crate) len: u32,
}

impl Span {
    pub(crate) fn range(self) -> Range<usize> {
        let start = self.start as usize;
        start..start + self.len as usize
    }
}

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
}

macro_rules! concept_row {
    ($($row:ty),*) => {$(
        impl ConceptRow for $row {
            fn uri(&self) -> Span {
                self.uri
            }
        }
    )*};
}
concept_row!(SkillRow, OccupationRow, IscoRow, GroupRow);

/// The concepts of one kind and their labels (`labels[concept * languages + language]`).
#[derive(Debug, Clone)]
pub(crate) struct Table<R> {
    pub(crate) rows: Vec<R>,
    pub(crate) labels: Vec<LabelSpans>,
}

impl<R> Default for Table<R> {
    fn default() -> Self {
        Table {
            rows: Vec::new(),
            labels: Vec::new(),
        }
    }
}

/// One ESCO release. See the module documentation; build one with
/// [`EscoBuilder`](super::EscoBuilder), the ESCO importer or a bundle.
#[derive(Clone)]
pub struct EscoTaxonomy {
    pub(crate) version: String,
    pub(crate) languages: Vec<String>,
    pub(crate) text: ByteString,
    pub(crate) skills: Table<SkillRow>,
    pub(crate) occupations: Table<OccupationRow>,
    pub(crate) isco_groups: Table<IscoRow>,
    pub(crate) skill_groups: Table<GroupRow>,
    pub(crate) broader: Vec<BroaderRelation>,
    pub(crate) occupation_skills: Vec<OccupationSkill>,
    pub(crate) skill_skills: Vec<SkillSkillRelation>,
}

impl std::fmt::Debug for EscoTaxonomy {
    /// A summary: printing ~80,000 strings helps nobody.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EscoTaxonomy")
            .field("version", &self.version)
            .field("languages", &self.languages)
            .field("counts", &self.counts())
            .finish_non_exhaustive()
    }
}

impl PartialEq for EscoTaxonomy {
    /// Equal content, whatever the layout of the text buffer.
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version
            && self.languages == other.languages
            && self.broader == other.broader
            && self.occupation_skills == other.occupation_skills
            && self.skill_skills == other.skill_skills
            && self.skills().eq(other.skills())
            && self.occupations().eq(other.occupations())
            && self.isco_groups().eq(other.isco_groups())
            && self.skill_groups().eq(other.skill_groups())
    }
}

impl Eq for EscoTaxonomy {}

/// Index of the concept with `uri` in a table sorted by URI.
fn find<R: ConceptRow>(esco: &EscoTaxonomy, table: &Table<R>, uri: &str) -> Option<usize> {
    table
        .rows
        .binary_search_by(|row| esco.str(row.uri()).cmp(uri))
        .ok()
}

impl EscoTaxonomy {
    /// The text of a span (empty for a span outside the text, which the invariants rule out).
    pub(crate) fn str(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or_default()
    }

    /// The labels of concept `index` of `table` in language `lang`.
    pub(crate) fn labels_at<R>(
        &self,
        table: &Table<R>,
        index: usize,
        lang: usize,
    ) -> Option<LabelsView<'_>> {
        if lang >= self.languages.len() {
            return None;
        }
        let spans = table.labels.get(index * self.languages.len() + lang)?;
        Some(LabelsView {
            preferred: self.str(spans.preferred),
            alt: self.str(spans.alt),
            description: self.str(spans.description),
        })
    }

    /// ESCO version, e.g. `v1.1.1`.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Label languages (ISO 639-1, e.g. `en`, `it`); the first defined the concepts.
    pub fn languages(&self) -> &[String] {
        &self.languages
    }

    /// Index of `language` in [`EscoTaxonomy::languages`].
    pub fn language_index(&self, language: &str) -> Option<usize> {
        self.languages.iter().position(|l| l == language)
    }

    /// Skills and knowledge concepts, sorted by URI.
    pub fn skills(&self) -> impl ExactSizeIterator<Item = SkillView<'_>> + DoubleEndedIterator {
        (0..self.skills.rows.len()).map(|index| SkillView { esco: self, index })
    }

    /// Occupations, sorted by URI.
    pub fn occupations(
        &self,
    ) -> impl ExactSizeIterator<Item = OccupationView<'_>> + DoubleEndedIterator {
        (0..self.occupations.rows.len()).map(|index| OccupationView { esco: self, index })
    }

    /// ISCO-08 groups (1–4 digit codes), sorted by URI.
    pub fn isco_groups(
        &self,
    ) -> impl ExactSizeIterator<Item = IscoGroupView<'_>> + DoubleEndedIterator {
        (0..self.isco_groups.rows.len()).map(|index| IscoGroupView { esco: self, index })
    }

    /// Skill groups of the skills hierarchy (and ISCED-F fields used as knowledge groups),
    /// sorted by URI.
    pub fn skill_groups(
        &self,
    ) -> impl ExactSizeIterator<Item = SkillGroupView<'_>> + DoubleEndedIterator {
        (0..self.skill_groups.rows.len()).map(|index| SkillGroupView { esco: self, index })
    }

    /// The skill at `index` (into [`EscoTaxonomy::skills`]).
    pub fn skill_at(&self, index: usize) -> Option<SkillView<'_>> {
        (index < self.skills.rows.len()).then_some(SkillView { esco: self, index })
    }

    /// The occupation at `index` (into [`EscoTaxonomy::occupations`]).
    pub fn occupation_at(&self, index: usize) -> Option<OccupationView<'_>> {
        (index < self.occupations.rows.len()).then_some(OccupationView { esco: self, index })
    }

    /// The ISCO-08 group at `index` (into [`EscoTaxonomy::isco_groups`]).
    pub fn isco_group_at(&self, index: usize) -> Option<IscoGroupView<'_>> {
        (index < self.isco_groups.rows.len()).then_some(IscoGroupView { esco: self, index })
    }

    /// The skill group at `index` (into [`EscoTaxonomy::skill_groups`]).
    pub fn skill_group_at(&self, index: usize) -> Option<SkillGroupView<'_>> {
        (index < self.skill_groups.rows.len()).then_some(SkillGroupView { esco: self, index })
    }

    /// Every skill with its labels in `language` (e.g. `en`); empty when the taxonomy has no
    /// labels in that language.
    pub fn skills_with_labels<'a>(
        &'a self,
        language: &str,
    ) -> impl Iterator<Item = (SkillView<'a>, LabelsView<'a>)> + 'a {
        let lang = self.language_index(language);
        self.skills()
            .filter_map(move |s| Some((s, s.labels(lang?)?)))
    }

    /// Every occupation with its labels in `language` (e.g. `en`); empty when the taxonomy has
    /// no labels in that language.
    pub fn occupations_with_labels<'a>(
        &'a self,
        language: &str,
    ) -> impl Iterator<Item = (OccupationView<'a>, LabelsView<'a>)> + 'a {
        let lang = self.language_index(language);
        self.occupations()
            .filter_map(move |o| Some((o, o.labels(lang?)?)))
    }

    /// Index of the skill with this URI.
    pub fn skill_index(&self, uri: &str) -> Option<usize> {
        find(self, &self.skills, uri)
    }

    /// The skill with this URI.
    pub fn skill(&self, uri: &str) -> Option<SkillView<'_>> {
        self.skill_index(uri).and_then(|i| self.skill_at(i))
    }

    /// Index of the occupation with this URI.
    pub fn occupation_index(&self, uri: &str) -> Option<usize> {
        find(self, &self.occupations, uri)
    }

    /// The occupation with this URI.
    pub fn occupation(&self, uri: &str) -> Option<OccupationView<'_>> {
        self.occupation_index(uri)
            .and_then(|i| self.occupation_at(i))
    }

    /// Index of the ISCO-08 group with this URI.
    pub fn isco_group_index(&self, uri: &str) -> Option<usize> {
        find(self, &self.isco_groups, uri)
    }

    /// Index of the skill group with this URI.
    pub fn skill_group_index(&self, uri: &str) -> Option<usize> {
        find(self, &self.skill_groups, uri)
    }

    /// The concept with this URI, of any kind.
    pub fn concept(&self, uri: &str) -> Option<ConceptRef> {
        let idx = |i: usize| u32::try_from(i).ok();
        (self.skill_index(uri).and_then(idx).map(ConceptRef::Skill))
            .or_else(|| {
                self.occupation_index(uri)
                    .and_then(idx)
                    .map(ConceptRef::Occupation)
            })
            .or_else(|| {
                self.isco_group_index(uri)
                    .and_then(idx)
                    .map(ConceptRef::IscoGroup)
            })
            .or_else(|| {
                self.skill_group_index(uri)
                    .and_then(idx)
                    .map(ConceptRef::SkillGroup)
            })
    }

    /// The ISCO-08 group with this code (e.g. `2654`); a linear scan over ~600 groups.
    pub fn isco_group_by_code(&self, code: &str) -> Option<IscoGroupView<'_>> {
        self.isco_groups().find(|g| g.code() == code)
    }

    /// Broader relations of both pillars (skill → group, group → group, occupation → ISCO
    /// group, occupation → occupation, ISCO group → ISCO group), sorted.
    pub fn broader(&self) -> &[BroaderRelation] {
        &self.broader
    }

    /// Occupation → skill relations, sorted by occupation, then relevance, then skill.
    pub fn occupation_skills(&self) -> &[OccupationSkill] {
        &self.occupation_skills
    }

    /// Skill → skill relations, sorted by source skill.
    pub fn skill_skills(&self) -> &[SkillSkillRelation] {
        &self.skill_skills
    }

    /// The skills an occupation needs, with their relevance, essential ones first.
    ///
    /// `occupation` is an index into [`EscoTaxonomy::occupations`]; an index out of range
    /// yields nothing.
    pub fn skills_of(
        &self,
        occupation: usize,
    ) -> impl Iterator<Item = (Relevance, SkillView<'_>)> + '_ {
        let occupation = u32::try_from(occupation).unwrap_or(u32::MAX);
        let start = self
            .occupation_skills
            .partition_point(|r| r.occupation < occupation);
        let end = self
            .occupation_skills
            .partition_point(|r| r.occupation <= occupation);
        self.occupation_skills[start..end]
            .iter()
            .filter_map(|r| Some((r.relevance, self.skill_at(r.skill as usize)?)))
    }

    /// The essential skills of an occupation (index into [`EscoTaxonomy::occupations`]).
    pub fn essential_skills(&self, occupation: usize) -> impl Iterator<Item = SkillView<'_>> {
        self.skills_of(occupation)
            .filter(|(r, _)| *r == Relevance::Essential)
            .map(|(_, s)| s)
    }

    /// The optional skills of an occupation (index into [`EscoTaxonomy::occupations`]).
    pub fn optional_skills(&self, occupation: usize) -> impl Iterator<Item = SkillView<'_>> {
        self.skills_of(occupation)
            .filter(|(r, _)| *r == Relevance::Optional)
            .map(|(_, s)| s)
    }

    /// The occupations that need a skill (index into [`EscoTaxonomy::skills`]), with the
    /// relevance; a scan of the relation table (~120,000 entries for full ESCO).
    pub fn occupations_with_skill(
        &self,
        skill: usize,
    ) -> impl Iterator<Item = (Relevance, OccupationView<'_>)> + '_ {
        self.occupation_skills
            .iter()
            .filter(move |r| r.skill as usize == skill)
            .filter_map(|r| Some((r.relevance, self.occupation_at(r.occupation as usize)?)))
    }

    /// The parents of a concept in its pillar's hierarchy.
    pub fn broader_of(&self, concept: ConceptRef) -> impl Iterator<Item = ConceptRef> + '_ {
        let start = self.broader.partition_point(|r| r.narrower < concept);
        self.broader[start..]
            .iter()
            .take_while(move |r| r.narrower == concept)
            .map(|r| r.broader)
    }

    /// Bytes of the shared text buffer (all URIs, codes, labels and descriptions).
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Counts of every table, for `attesta framework info` and logs.
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        vec![
            ("skills", self.skills.rows.len()),
            ("occupations", self.occupations.rows.len()),
            ("isco_groups", self.isco_groups.rows.len()),
            ("skill_groups", self.skill_groups.rows.len()),
            ("broader_relations", self.broader.len()),
            ("occupation_skill_relations", self.occupation_skills.len()),
            ("skill_skill_relations", self.skill_skills.len()),
        ]
    }
}
