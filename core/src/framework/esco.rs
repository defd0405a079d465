//! ESCO (European Skills, Competences, Qualifications and Occupations) as loaded data.
//!
//! [`EscoTaxonomy`] holds one ESCO release: skills, occupations, ISCO-08 groups, skill groups,
//! the broader (hierarchy) relations of both pillars, the occupation → skill relations
//! (essential / optional) and the skill → skill relations.
//!
//! Memory is kept compact on purpose (full ESCO is ~17,000 concepts and ~150,000 relations):
//! every concept URI is stored once, in its concept; relation tables hold `u32` indexes into
//! the concept vectors. Concepts are sorted by URI, so a URI lookup is a binary search and no
//! hash index has to be built or shipped. Relation tables are sorted too, so "the skills of an
//! occupation" is a contiguous slice.
//!
//! Labels are per language: `labels[i]` of a concept belongs to `languages[i]` of the taxonomy.
//! Alternative labels are one string with one label per line (ESCO's own CSV layout), which
//! saves one allocation per label when a bundle is loaded; iterate them with
//! [`EscoLabels::alt_labels`].
//!
//! Fields are never skipped when serializing: the binary bundle format (postcard) is not
//! self-describing and needs every field present.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One ESCO release with its concepts and relations. See the module documentation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EscoTaxonomy {
    /// ESCO version, e.g. `v1.1.1`.
    pub version: String,
    /// Label languages (ISO 639-1, e.g. `en`, `it`), in the order of every `labels` vector.
    pub languages: Vec<String>,
    /// Skills and knowledge concepts, sorted by URI.
    pub skills: Vec<EscoSkill>,
    /// Occupations, sorted by URI.
    pub occupations: Vec<EscoOccupation>,
    /// ISCO-08 groups (1–4 digit codes), sorted by URI.
    pub isco_groups: Vec<IscoGroup>,
    /// Skill groups of the skills hierarchy (and ISCED-F fields used as knowledge groups),
    /// sorted by URI.
    pub skill_groups: Vec<EscoSkillGroup>,
    /// Broader relations of both pillars (skill → group, group → group, occupation → ISCO
    /// group, occupation → occupation, ISCO group → ISCO group), sorted.
    pub broader: Vec<BroaderRelation>,
    /// Occupation → skill relations, sorted by occupation, then relation, then skill.
    pub occupation_skills: Vec<OccupationSkill>,
    /// Skill → skill relations, sorted by source skill.
    pub skill_skills: Vec<SkillSkillRelation>,
}

/// Labels of one concept in one language.
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
        self.alt
            .split('\n')
            .map(str::trim)
            .filter(|label| !label.is_empty())
    }
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

/// An ESCO skill or knowledge concept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EscoSkill {
    /// Concept URI (`http://data.europa.eu/esco/skill/<uuid>`).
    pub uri: String,
    /// Knowledge or skill/competence; `None` where the source leaves it empty (6 in v1.1.1).
    pub skill_type: Option<SkillType>,
    /// Reusability level; `None` where the source leaves it empty (5 in v1.1.1).
    pub reuse_level: Option<ReuseLevel>,
    /// Labels, parallel to [`EscoTaxonomy::languages`].
    pub labels: Vec<EscoLabels>,
}

/// An ESCO occupation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EscoOccupation {
    /// Concept URI (`http://data.europa.eu/esco/occupation/<uuid>`).
    pub uri: String,
    /// ESCO occupation code (ISCO unit group + suffix, e.g. `2654.1.7`).
    pub code: String,
    /// The 4-digit ISCO-08 unit group, e.g. `2654`.
    pub isco_group: String,
    /// Labels, parallel to [`EscoTaxonomy::languages`].
    pub labels: Vec<EscoLabels>,
}

/// An ISCO-08 group (major, sub-major, minor or unit group).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IscoGroup {
    /// Concept URI (`http://data.europa.eu/esco/isco/C2654`).
    pub uri: String,
    /// ISCO-08 code, 1–4 digits.
    pub code: String,
    /// Labels, parallel to [`EscoTaxonomy::languages`].
    pub labels: Vec<EscoLabels>,
}

/// A group of the ESCO skills hierarchy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EscoSkillGroup {
    /// Concept URI.
    pub uri: String,
    /// Hierarchy code (e.g. `S1.2`, ISCED-F `0413`); may be empty.
    pub code: String,
    /// Depth in the skills hierarchy (0 = `S`, `K`, `L`, `T`), when the hierarchy file lists it.
    pub level: Option<u8>,
    /// Labels, parallel to [`EscoTaxonomy::languages`].
    pub labels: Vec<EscoLabels>,
}

/// A concept of the taxonomy, by kind and index into its vector.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
// Externally tagged (`{"skill": 12}`): postcard cannot read internally or adjacently tagged enums.
#[serde(rename_all = "snake_case")]
pub enum ConceptRef {
    /// Index into [`EscoTaxonomy::skills`].
    Skill(u32),
    /// Index into [`EscoTaxonomy::skill_groups`].
    SkillGroup(u32),
    /// Index into [`EscoTaxonomy::occupations`].
    Occupation(u32),
    /// Index into [`EscoTaxonomy::isco_groups`].
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

/// An occupation needs a skill, essentially or optionally.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct OccupationSkill {
    /// Index into [`EscoTaxonomy::occupations`].
    pub occupation: u32,
    /// Essential or optional.
    pub relevance: Relevance,
    /// Index into [`EscoTaxonomy::skills`].
    pub skill: u32,
}

/// A skill relates to another skill, essentially or optionally.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct SkillSkillRelation {
    /// Index of the original skill into [`EscoTaxonomy::skills`].
    pub from: u32,
    /// Essential or optional.
    pub relevance: Relevance,
    /// Index of the related skill into [`EscoTaxonomy::skills`].
    pub to: u32,
}

/// Looks `uri` up in a vector sorted by URI.
fn find_by_uri<T>(items: &[T], uri: &str, key: impl Fn(&T) -> &str) -> Option<usize> {
    items.binary_search_by(|item| key(item).cmp(uri)).ok()
}

impl EscoTaxonomy {
    /// Index of `language` in [`EscoTaxonomy::languages`].
    pub fn language_index(&self, language: &str) -> Option<usize> {
        self.languages.iter().position(|l| l == language)
    }

    /// Every skill with its labels in `language` (e.g. `en`); empty when the taxonomy has no
    /// labels in that language.
    pub fn skills_with_labels<'a>(
        &'a self,
        language: &str,
    ) -> impl Iterator<Item = (&'a EscoSkill, &'a EscoLabels)> + 'a {
        let lang = self.language_index(language);
        self.skills
            .iter()
            .filter_map(move |s| Some((s, s.labels.get(lang?)?)))
    }

    /// Every occupation with its labels in `language` (e.g. `en`); empty when the taxonomy has
    /// no labels in that language.
    pub fn occupations_with_labels<'a>(
        &'a self,
        language: &str,
    ) -> impl Iterator<Item = (&'a EscoOccupation, &'a EscoLabels)> + 'a {
        let lang = self.language_index(language);
        self.occupations
            .iter()
            .filter_map(move |o| Some((o, o.labels.get(lang?)?)))
    }

    /// Index of the skill with this URI.
    pub fn skill_index(&self, uri: &str) -> Option<usize> {
        find_by_uri(&self.skills, uri, |s| &s.uri)
    }

    /// The skill with this URI.
    pub fn skill(&self, uri: &str) -> Option<&EscoSkill> {
        self.skill_index(uri).map(|i| &self.skills[i])
    }

    /// Index of the occupation with this URI.
    pub fn occupation_index(&self, uri: &str) -> Option<usize> {
        find_by_uri(&self.occupations, uri, |o| &o.uri)
    }

    /// The occupation with this URI.
    pub fn occupation(&self, uri: &str) -> Option<&EscoOccupation> {
        self.occupation_index(uri).map(|i| &self.occupations[i])
    }

    /// Index of the ISCO-08 group with this URI.
    pub fn isco_group_index(&self, uri: &str) -> Option<usize> {
        find_by_uri(&self.isco_groups, uri, |g| &g.uri)
    }

    /// Index of the skill group with this URI.
    pub fn skill_group_index(&self, uri: &str) -> Option<usize> {
        find_by_uri(&self.skill_groups, uri, |g| &g.uri)
    }

    /// The ISCO-08 group with this code (e.g. `2654`); a linear scan over ~600 groups.
    pub fn isco_group_by_code(&self, code: &str) -> Option<&IscoGroup> {
        self.isco_groups.iter().find(|g| g.code == code)
    }

    /// The skills an occupation needs, with their relevance, essential ones first.
    ///
    /// `occupation` is an index into [`EscoTaxonomy::occupations`]; an index out of range
    /// yields nothing.
    pub fn skills_of(
        &self,
        occupation: usize,
    ) -> impl Iterator<Item = (Relevance, &EscoSkill)> + '_ {
        let occupation = u32::try_from(occupation).unwrap_or(u32::MAX);
        let start = self
            .occupation_skills
            .partition_point(|r| r.occupation < occupation);
        let end = self
            .occupation_skills
            .partition_point(|r| r.occupation <= occupation);
        self.occupation_skills[start..end]
            .iter()
            .filter_map(|r| Some((r.relevance, self.skills.get(r.skill as usize)?)))
    }

    /// The essential skills of an occupation (index into [`EscoTaxonomy::occupations`]).
    pub fn essential_skills(&self, occupation: usize) -> impl Iterator<Item = &EscoSkill> + '_ {
        self.skills_of(occupation)
            .filter(|(r, _)| *r == Relevance::Essential)
            .map(|(_, s)| s)
    }

    /// The optional skills of an occupation (index into [`EscoTaxonomy::occupations`]).
    pub fn optional_skills(&self, occupation: usize) -> impl Iterator<Item = &EscoSkill> + '_ {
        self.skills_of(occupation)
            .filter(|(r, _)| *r == Relevance::Optional)
            .map(|(_, s)| s)
    }

    /// The occupations that need a skill (index into [`EscoTaxonomy::skills`]), with the
    /// relevance; a scan of the relation table (~120,000 entries for full ESCO).
    pub fn occupations_with_skill(
        &self,
        skill: usize,
    ) -> impl Iterator<Item = (Relevance, &EscoOccupation)> + '_ {
        self.occupation_skills
            .iter()
            .filter(move |r| r.skill as usize == skill)
            .filter_map(|r| Some((r.relevance, self.occupations.get(r.occupation as usize)?)))
    }

    /// The parents of a concept in its pillar's hierarchy.
    pub fn broader_of(&self, concept: ConceptRef) -> impl Iterator<Item = ConceptRef> + '_ {
        let start = self.broader.partition_point(|r| r.narrower < concept);
        self.broader[start..]
            .iter()
            .take_while(move |r| r.narrower == concept)
            .map(|r| r.broader)
    }

    /// Sorts every vector into the order the lookups rely on (concepts by URI, relations by
    /// their fields) and re-points the relations. Importers call it; call it again after
    /// editing the vectors by hand.
    pub fn normalize(&mut self) {
        fn order<T>(items: &mut Vec<T>, key: impl Fn(&T) -> &str) -> Vec<u32> {
            let mut idx: Vec<usize> = (0..items.len()).collect();
            idx.sort_by(|&a, &b| key(&items[a]).cmp(key(&items[b])));
            let mut new_of_old = vec![0u32; items.len()];
            for (new, &old) in idx.iter().enumerate() {
                new_of_old[old] = u32::try_from(new).unwrap_or(u32::MAX);
            }
            let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
            items.extend(idx.iter().filter_map(|&old| slots[old].take()));
            new_of_old
        }
        let skills = order(&mut self.skills, |s| &s.uri);
        let groups = order(&mut self.skill_groups, |g| &g.uri);
        let occupations = order(&mut self.occupations, |o| &o.uri);
        let isco = order(&mut self.isco_groups, |g| &g.uri);
        let map = |table: &[u32], i: u32| table.get(i as usize).copied().unwrap_or(u32::MAX);
        let remap = |c: ConceptRef| match c {
            ConceptRef::Skill(i) => ConceptRef::Skill(map(&skills, i)),
            ConceptRef::SkillGroup(i) => ConceptRef::SkillGroup(map(&groups, i)),
            ConceptRef::Occupation(i) => ConceptRef::Occupation(map(&occupations, i)),
            ConceptRef::IscoGroup(i) => ConceptRef::IscoGroup(map(&isco, i)),
        };
        for r in &mut self.broader {
            r.narrower = remap(r.narrower);
            r.broader = remap(r.broader);
        }
        for r in &mut self.occupation_skills {
            r.occupation = map(&occupations, r.occupation);
            r.skill = map(&skills, r.skill);
        }
        for r in &mut self.skill_skills {
            r.from = map(&skills, r.from);
            r.to = map(&skills, r.to);
        }
        self.broader.sort_unstable();
        self.occupation_skills.sort_unstable();
        self.skill_skills.sort_unstable();
    }

    /// Counts of every table, for `attesta framework info` and logs.
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        vec![
            ("skills", self.skills.len()),
            ("occupations", self.occupations.len()),
            ("isco_groups", self.isco_groups.len()),
            ("skill_groups", self.skill_groups.len()),
            ("broader_relations", self.broader.len()),
            ("occupation_skill_relations", self.occupation_skills.len()),
            ("skill_skill_relations", self.skill_skills.len()),
        ]
    }
}
