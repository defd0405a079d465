//! [`EscoTaxonomy`]: one ESCO release, read in place from one text buffer and byte columns.
//!
//! Full ESCO has ~17,000 concepts with ~80,000 text fields (URIs, codes, labels, descriptions)
//! and ~150,000 relations. Owning each field as a `String`, or even building tables of spans
//! and vectors of relations, made loading a bundle mostly a matter of allocating and copying,
//! so the taxonomy keeps its text in one immutable buffer and everything else in fixed-width
//! byte columns (`esco_columns`), both reference-counted slices of the bundle buffer when the
//! taxonomy was loaded from one ([`Bundle::from_vec`](crate::bundle::Bundle::from_vec)).
//! Accessors decode the record they are asked for; views (`SkillView`, …, see `esco_views`)
//! return `&str` slices of the text. Cloning a taxonomy copies no text and no column.
//!
//! Invariants, established by [`EscoBuilder`](super::EscoBuilder) and checked when a bundle is
//! loaded: every span lies inside the text on character boundaries; concepts of each table are
//! sorted and unique by URI (a URI lookup is a binary search, no hash index is built or
//! shipped); each concept has its text fields in every language; relation columns are sorted
//! and point inside the tables (so "the skills of an occupation" is a contiguous run).

use std::ops::Range;

use super::esco::{BroaderRelation, ConceptRef, OccupationSkill, Relevance, SkillSkillRelation};
use super::esco_columns::{self, Columns, Kind};
use super::esco_views::{IscoGroupView, LabelsView, OccupationView, SkillGroupView, SkillView};
use super::shared_text::SharedText;

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

/// One ESCO release. See the module documentation; build one with
/// [`EscoBuilder`](super::EscoBuilder), the ESCO importer or a bundle.
#[derive(Clone)]
pub struct EscoTaxonomy {
    pub(crate) version: String,
    pub(crate) languages: Vec<String>,
    pub(crate) text: SharedText,
    pub(crate) columns: Columns,
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
            && self.broader().eq(other.broader())
            && self.occupation_skills().eq(other.occupation_skills())
            && self.skill_skills().eq(other.skill_skills())
            && self.skills().eq(other.skills())
            && self.occupations().eq(other.occupations())
            && self.isco_groups().eq(other.isco_groups())
            && self.skill_groups().eq(other.skill_groups())
    }
}

impl Eq for EscoTaxonomy {}

/// Index of the concept with `uri` in a table sorted by URI (a binary search).
fn find(esco: &EscoTaxonomy, kind: Kind, uri: &str) -> Option<usize> {
    let (mut lo, mut hi) = (0, esco.columns.count(kind));
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match esco.field(kind, mid, 0).cmp(uri) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return Some(mid),
        }
    }
    None
}

impl EscoTaxonomy {
    /// The text of a span (empty for a span outside the text, which the invariants rule out).
    pub(crate) fn str(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or_default()
    }

    /// Text field `k` of concept `index` of `kind` (see `esco_columns` for the order).
    pub(crate) fn field(&self, kind: Kind, index: usize, k: usize) -> &str {
        self.str(self.columns.span(kind, index, k))
    }

    /// The labels of concept `index` of `kind` in language `lang`.
    pub(crate) fn labels_at(
        &self,
        kind: Kind,
        index: usize,
        lang: usize,
    ) -> Option<LabelsView<'_>> {
        if lang >= self.languages.len() || index >= self.columns.count(kind) {
            return None;
        }
        let first = kind.fixed() + 3 * lang;
        Some(LabelsView {
            preferred: self.field(kind, index, first),
            alt: self.field(kind, index, first + 1),
            description: self.field(kind, index, first + 2),
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
        (0..self.columns.count(Kind::Skill)).map(|index| SkillView { esco: self, index })
    }

    /// Occupations, sorted by URI.
    pub fn occupations(
        &self,
    ) -> impl ExactSizeIterator<Item = OccupationView<'_>> + DoubleEndedIterator {
        (0..self.columns.count(Kind::Occupation)).map(|index| OccupationView { esco: self, index })
    }

    /// ISCO-08 groups (1–4 digit codes), sorted by URI.
    pub fn isco_groups(
        &self,
    ) -> impl ExactSizeIterator<Item = IscoGroupView<'_>> + DoubleEndedIterator {
        (0..self.columns.count(Kind::IscoGroup)).map(|index| IscoGroupView { esco: self, index })
    }

    /// Skill groups of the skills hierarchy (and ISCED-F fields used as knowledge groups),
    /// sorted by URI.
    pub fn skill_groups(
        &self,
    ) -> impl ExactSizeIterator<Item = SkillGroupView<'_>> + DoubleEndedIterator {
        (0..self.columns.count(Kind::SkillGroup)).map(|index| SkillGroupView { esco: self, index })
    }

    /// The skill at `index` (into [`EscoTaxonomy::skills`]).
    pub fn skill_at(&self, index: usize) -> Option<SkillView<'_>> {
        (index < self.columns.count(Kind::Skill)).then_some(SkillView { esco: self, index })
    }

    /// The occupation at `index` (into [`EscoTaxonomy::occupations`]).
    pub fn occupation_at(&self, index: usize) -> Option<OccupationView<'_>> {
        (index < self.columns.count(Kind::Occupation))
            .then_some(OccupationView { esco: self, index })
    }

    /// The ISCO-08 group at `index` (into [`EscoTaxonomy::isco_groups`]).
    pub fn isco_group_at(&self, index: usize) -> Option<IscoGroupView<'_>> {
        (index < self.columns.count(Kind::IscoGroup)).then_some(IscoGroupView { esco: self, index })
    }

    /// The skill group at `index` (into [`EscoTaxonomy::skill_groups`]).
    pub fn skill_group_at(&self, index: usize) -> Option<SkillGroupView<'_>> {
        (index < self.columns.count(Kind::SkillGroup))
            .then_some(SkillGroupView { esco: self, index })
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
        find(self, Kind::Skill, uri)
    }

    /// The skill with this URI.
    pub fn skill(&self, uri: &str) -> Option<SkillView<'_>> {
        self.skill_index(uri).and_then(|i| self.skill_at(i))
    }

    /// Index of the occupation with this URI.
    pub fn occupation_index(&self, uri: &str) -> Option<usize> {
        find(self, Kind::Occupation, uri)
    }

    /// The occupation with this URI.
    pub fn occupation(&self, uri: &str) -> Option<OccupationView<'_>> {
        self.occupation_index(uri)
            .and_then(|i| self.occupation_at(i))
    }

    /// Index of the ISCO-08 group with this URI.
    pub fn isco_group_index(&self, uri: &str) -> Option<usize> {
        find(self, Kind::IscoGroup, uri)
    }

    /// Index of the skill group with this URI.
    pub fn skill_group_index(&self, uri: &str) -> Option<usize> {
        find(self, Kind::SkillGroup, uri)
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
    pub fn broader(
        &self,
    ) -> impl ExactSizeIterator<Item = BroaderRelation> + DoubleEndedIterator + Clone + '_ {
        esco_columns::records(&self.columns.broader)
    }

    /// Occupation → skill relations, sorted by occupation, then relevance, then skill.
    pub fn occupation_skills(
        &self,
    ) -> impl ExactSizeIterator<Item = OccupationSkill> + DoubleEndedIterator + Clone + '_ {
        esco_columns::records(&self.columns.occupation_skills)
    }

    /// Skill → skill relations, sorted by source skill.
    pub fn skill_skills(
        &self,
    ) -> impl ExactSizeIterator<Item = SkillSkillRelation> + DoubleEndedIterator + Clone + '_ {
        esco_columns::records(&self.columns.skill_skills)
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
        let column = &self.columns.occupation_skills;
        let start =
            esco_columns::partition_point(column, |r: OccupationSkill| r.occupation < occupation);
        let end =
            esco_columns::partition_point(column, |r: OccupationSkill| r.occupation <= occupation);
        esco_columns::records_in::<OccupationSkill>(column, start..end)
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
        self.occupation_skills()
            .filter(move |r| r.skill as usize == skill)
            .filter_map(|r| Some((r.relevance, self.occupation_at(r.occupation as usize)?)))
    }

    /// The parents of a concept in its pillar's hierarchy.
    pub fn broader_of(&self, concept: ConceptRef) -> impl Iterator<Item = ConceptRef> + '_ {
        let column = &self.columns.broader;
        let start =
            esco_columns::partition_point(column, |r: BroaderRelation| r.narrower < concept);
        let rest = column.get(start.saturating_mul(10)..).unwrap_or_default();
        esco_columns::records::<BroaderRelation>(rest)
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
            ("skills", self.columns.count(Kind::Skill)),
            ("occupations", self.columns.count(Kind::Occupation)),
            ("isco_groups", self.columns.count(Kind::IscoGroup)),
            ("skill_groups", self.columns.count(Kind::SkillGroup)),
            ("broader_relations", self.broader().len()),
            ("occupation_skill_relations", self.occupation_skills().len()),
            ("skill_skill_relations", self.skill_skills().len()),
        ]
    }
}
