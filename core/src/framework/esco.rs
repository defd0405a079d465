//! ESCO (European Skills, Competences, Qualifications and Occupations): the value types.
//!
//! One ESCO release is an [`EscoTaxonomy`](super::EscoTaxonomy) (`esco_taxonomy`): skills,
//! occupations, ISCO-08 groups and skill groups, with the broader (hierarchy) relations of both
//! pillars, the occupation → skill relations (essential / optional) and the skill → skill
//! relations. This module holds the small types they are made of: the enums, the relations
//! (`u32` indexes into the concept tables), [`ConceptRef`], and the *owned* forms of concepts
//! ([`EscoSkill`], [`EscoOccupation`], [`IscoGroup`], [`EscoSkillGroup`] with [`EscoLabels`]):
//! what is added to an [`EscoBuilder`](super::EscoBuilder) and what a view's `to_owned`
//! returns. The taxonomy itself keeps all its text in one shared buffer and hands out borrowed
//! views (`esco_views`), so loading full ESCO does not allocate ~80,000 strings.
//!
//! Alternative labels are one string with one label per line (ESCO's own CSV layout); iterate
//! them with [`EscoLabels::alt_labels`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Labels of one concept in one language (owned form; see
/// [`LabelsView`](super::LabelsView) for the borrowed one).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EscoLabels {
    /// Preferred label (may be empty when the language's file lacks the concept).
    pub preferred: String,
    /// Alternative labels, one per line (`\n`); empty when there are none.
    pub alt: String,
    /// Description (may be empty).
    pub description: String,
}

impl EscoLabels {
    /// The alternative labels, one by one.
    pub fn alt_labels(&self) -> impl Iterator<Item = &str> + '_ {
        split_alt_labels(&self.alt)
    }
}

/// The labels of a one-label-per-line string, trimmed, blank lines skipped.
pub(super) fn split_alt_labels(alt: &str) -> impl Iterator<Item = &str> + '_ {
    alt.split('\n')
        .map(str::trim)
        .filter(|label| !label.is_empty())
}

/// `knowledge` or `skill/competence` (ESCO does not tell skills and competences apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SkillType {
    /// `knowledge`.
    Knowledge,
    /// `skill/competence`.
    SkillCompetence,
}

impl SkillType {
    /// Parses ESCO's spelling (`knowledge`, `skill/competence`).
    pub fn parse(text: &str) -> Option<SkillType> {
        match text {
            "knowledge" => Some(SkillType::Knowledge),
            "skill/competence" => Some(SkillType::SkillCompetence),
            _ => None,
        }
    }
}

/// How widely a skill applies (ESCO `reuseLevel`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReuseLevel {
    /// Relevant to all occupations.
    Transversal,
    /// Relevant across several sectors.
    CrossSector,
    /// Specific to one sector.
    SectorSpecific,
    /// Specific to one occupation.
    OccupationSpecific,
}

impl ReuseLevel {
    /// Parses ESCO's spelling (`transversal`, `cross-sector`, …).
    pub fn parse(text: &str) -> Option<ReuseLevel> {
        match text {
            "transversal" => Some(ReuseLevel::Transversal),
            "cross-sector" => Some(ReuseLevel::CrossSector),
            "sector-specific" => Some(ReuseLevel::SectorSpecific),
            "occupation-specific" => Some(ReuseLevel::OccupationSpecific),
            _ => None,
        }
    }
}

/// An ESCO skill or knowledge concept (owned form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EscoSkill {
    /// Concept URI (`http://data.europa.eu/esco/skill/<uuid>`).
    pub uri: String,
    /// Knowledge or skill/competence; `None` where the source leaves it empty (6 in v1.1.1).
    pub skill_type: Option<SkillType>,
    /// Reusability level; `None` where the source leaves it empty (5 in v1.1.1).
    pub reuse_level: Option<ReuseLevel>,
    /// Labels, one set per language of the taxonomy, in its order.
    pub labels: Vec<EscoLabels>,
}

/// An ESCO occupation (owned form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EscoOccupation {
    /// Concept URI (`http://data.europa.eu/esco/occupation/<uuid>`).
    pub uri: String,
    /// ESCO occupation code (ISCO unit group + suffix, e.g. `2654.1.7`).
    pub code: String,
    /// The 4-digit ISCO-08 unit group, e.g. `2654`.
    pub isco_group: String,
    /// ESCO's `regulatedProfessionNote`, verbatim (v1.1.1: the URI
    /// `http://data.europa.eu/esco/regulated-professions/regulated` or `…/unregulated`; older
    /// releases: a text); empty when the source has none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub regulated_profession_note: String,
    /// Labels, one set per language of the taxonomy, in its order.
    pub labels: Vec<EscoLabels>,
}

/// What ESCO says about an occupation being a regulated profession (its
/// `regulatedProfessionNote`), as shown on lookups and match results. A regulated profession
/// needs a title that validation of competences alone does not give (D.I. 30/6/2015 art. 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegulatedProfession {
    /// `true` for ESCO's "regulated" concept, `false` for "unregulated", absent for a note
    /// that is a text (older releases), which is shown as it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regulated: Option<bool>,
    /// The note, verbatim.
    pub note: String,
}

impl RegulatedProfession {
    /// ESCO's concept for a regulated profession.
    pub const REGULATED: &'static str =
        "http://data.europa.eu/esco/regulated-professions/regulated";
    /// ESCO's concept for a profession that is not regulated.
    pub const UNREGULATED: &'static str =
        "http://data.europa.eu/esco/regulated-professions/unregulated";

    /// Reads a note; `None` for an empty one.
    pub fn from_note(note: &str) -> Option<Self> {
        let note = note.trim();
        let regulated = match note {
            "" => return None,
            Self::REGULATED => Some(true),
            Self::UNREGULATED => Some(false),
            _ => None,
        };
        Some(RegulatedProfession {
            regulated,
            note: note.to_owned(),
        })
    }

    /// Whether a person should be told: a regulated profession or a note in words (an
    /// "unregulated" mark is the ordinary case and says nothing to act on).
    pub fn is_notable(&self) -> bool {
        self.regulated != Some(false)
    }
}

/// An ISCO-08 group (major, sub-major, minor or unit group) (owned form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IscoGroup {
    /// Concept URI (`http://data.europa.eu/esco/isco/C2654`).
    pub uri: String,
    /// ISCO-08 code, 1–4 digits.
    pub code: String,
    /// Labels, one set per language of the taxonomy, in its order.
    pub labels: Vec<EscoLabels>,
}

/// A group of the ESCO skills hierarchy (owned form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EscoSkillGroup {
    /// Concept URI.
    pub uri: String,
    /// Hierarchy code (e.g. `S1.2`, ISCED-F `0413`); may be empty.
    pub code: String,
    /// Depth in the skills hierarchy (0 = `S`, `K`, `L`, `T`), when the hierarchy file lists it.
    pub level: Option<u8>,
    /// Labels, one set per language of the taxonomy, in its order.
    pub labels: Vec<EscoLabels>,
}

/// A concept of the taxonomy, by kind and index into its vector.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
// Externally tagged (`{"skill": 12}`): postcard cannot read internally or adjacently tagged enums.
#[serde(rename_all = "snake_case")]
pub enum ConceptRef {
    /// Index into the skills table.
    Skill(u32),
    /// Index into the skill-groups table.
    SkillGroup(u32),
    /// Index into the occupations table.
    Occupation(u32),
    /// Index into the ISCO-groups table.
    IscoGroup(u32),
}

/// `narrower` has `broader` as its parent in the hierarchy.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct BroaderRelation {
    /// The child concept.
    pub narrower: ConceptRef,
    /// The parent concept.
    pub broader: ConceptRef,
}

/// Whether a related skill is essential or optional.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Relevance {
    /// `essential`.
    Essential,
    /// `optional`.
    Optional,
}

impl Relevance {
    /// Parses ESCO's spelling (`essential`, `optional`).
    pub fn parse(text: &str) -> Option<Relevance> {
        match text {
            "essential" => Some(Relevance::Essential),
            "optional" => Some(Relevance::Optional),
            _ => None,
        }
    }
}

/// The derived order of [`OccupationSkill`] and [`SkillSkillRelation`] (first index,
/// relevance, second index) packed in one `u64`, so that sorting or checking the order of
/// 130,000 relations costs one compare each instead of three.
pub(crate) fn relation_order(first: u32, relevance: Relevance, second: u32) -> u64 {
    u64::from(first) << 33 | (relevance as u64) << 32 | u64::from(second)
}

/// An occupation needs a skill, essentially or optionally.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct OccupationSkill {
    /// Index into the occupations table.
    pub occupation: u32,
    /// Essential or optional.
    pub relevance: Relevance,
    /// Index into the skills table.
    pub skill: u32,
}

/// A skill relates to another skill, essentially or optionally.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct SkillSkillRelation {
    /// Index of the original skill into the skills table.
    pub from: u32,
    /// Essential or optional.
    pub relevance: Relevance,
    /// Index of the related skill into the skills table.
    pub to: u32,
}
