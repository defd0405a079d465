//! CEFR cross-walk: a person's language self-assessment (CEFR level per dimension of the
//! Europass grid) → the ESCO language skills, so that languages count in matching.
//!
//! ESCO models each language as a knowledge concept (`Arabic`) with four narrower
//! skill/competence concepts named after the four language activities: `understand spoken
//! Arabic`, `understand written Arabic`, `interact verbally in Arabic`, `write Arabic`. The
//! cross-walk finds them **in the taxonomy**, never from a list of URIs: a skill is a language
//! skill when its English preferred label is one of those four forms *and* its broader concept
//! is the knowledge concept of that language name. The language is identified by its ISO 639-1
//! code through the English name of the concept (preferred or alternative label) as ISO 639
//! spells it (`isolang`); a language whose ESCO names match no ISO 639-1 name (e.g. Romani,
//! Berber, which have no ISO 639-1 code) is left out. The taxonomy must have English labels.
//!
//! | CEFR dimension (Europass) | ESCO skill |
//! |---|---|
//! | ascolto (listening) | `understand spoken <L>` |
//! | lettura (reading) | `understand written <L>` |
//! | interazione (spoken interaction) | `interact verbally in <L>` |
//! | produzione scritta (writing) | `write <L>` |
//! | produzione orale (spoken production) | — (ESCO has no production-only skill) |
//!
//! A dimension counts as having the skill from [`CefrCrosswalk::min_level`] up (default
//! **A2**, [`CefrCrosswalk::DEFAULT_MIN_LEVEL`]: a setting, not a rule of the sources; A1 is
//! "can use isolated words", A2 "can communicate in simple routine tasks"). A mother tongue
//! counts as every dimension held.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::SkillProfile;
use crate::framework::{ConceptRef, EscoTaxonomy, SkillType};
use crate::model::{CefrLevel, CompetenceRecord, LanguageSkill, SelfAssessment};

/// A language activity with an ESCO skill (see the module docs for the CEFR dimensions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LanguageActivity {
    /// `understand spoken <L>` ← ascolto.
    Listening,
    /// `understand written <L>` ← lettura.
    Reading,
    /// `interact verbally in <L>` ← interazione.
    SpokenInteraction,
    /// `write <L>` ← produzione scritta.
    Writing,
}

impl LanguageActivity {
    /// The four activities, in the order of the Europass grid.
    pub const ALL: [LanguageActivity; 4] = [
        LanguageActivity::Listening,
        LanguageActivity::Reading,
        LanguageActivity::SpokenInteraction,
        LanguageActivity::Writing,
    ];

    /// The English label of the activity's ESCO skill before the language name.
    fn label_prefix(self) -> &'static str {
        match self {
            LanguageActivity::Listening => "understand spoken ",
            LanguageActivity::Reading => "understand written ",
            LanguageActivity::SpokenInteraction => "interact verbally in ",
            LanguageActivity::Writing => "write ",
        }
    }

    /// The person's self-assessed level for this activity.
    fn level(self, language: &LanguageSkill) -> Option<CefrLevel> {
        match self {
            LanguageActivity::Listening => language.listening,
            LanguageActivity::Reading => language.reading,
            LanguageActivity::SpokenInteraction => language.spoken_interaction,
            LanguageActivity::Writing => language.writing,
        }
    }

    fn slot(self) -> usize {
        self as usize
    }
}

/// The ESCO language skills of a taxonomy by ISO 639-1 language and activity, with the CEFR
/// level from which a self-assessment counts (see the module docs).
#[derive(Debug, Clone)]
pub struct CefrCrosswalk {
    min_level: CefrLevel,
    /// ISO 639-1 code → skill URI per activity ([`LanguageActivity`] order).
    skills: HashMap<String, [Option<String>; 4]>,
    /// Languages whose ESCO names are no ISO 639 name, by lower-case ESCO name: found through
    /// the ISO name of the person's code (see [`CefrCrosswalk::skill`]).
    by_name: HashMap<String, [Option<String>; 4]>,
}

impl CefrCrosswalk {
    /// The level from which a dimension counts unless set otherwise.
    pub const DEFAULT_MIN_LEVEL: CefrLevel = CefrLevel::A2;

    /// Finds the language skills of `esco` (empty when it has no English labels).
    pub fn new(esco: &EscoTaxonomy) -> Self {
        let mut crosswalk = CefrCrosswalk {
            min_level: Self::DEFAULT_MIN_LEVEL,
            skills: HashMap::new(),
            by_name: HashMap::new(),
        };
        let Some(en) = esco.language_index("en") else {
            return crosswalk;
        };
        for (index, skill) in esco.skills().enumerate() {
            if skill.skill_type() != Some(SkillType::SkillCompetence) {
                continue;
            }
            let Some(label) = skill.labels(en).map(|l| l.preferred) else {
                continue;
            };
            let Some((activity, name)) = LanguageActivity::ALL
                .iter()
                .find_map(|a| Some((*a, label.strip_prefix(a.label_prefix())?)))
            else {
                continue;
            };
            let Ok(index) = u32::try_from(index) else {
                continue;
            };
            // The broader concept must be the knowledge concept of that language.
            let parent = esco.broader_of(ConceptRef::Skill(index)).find_map(|b| {
                let ConceptRef::Skill(p) = b else { return None };
                let parent = esco.skill_at(p as usize)?;
                let labels = parent.labels(en)?;
                (parent.skill_type() == Some(SkillType::Knowledge) && labels.preferred == name)
                    .then_some(labels)
            });
            let Some(parent) = parent else {
                continue;
            };
            let code = std::iter::once(parent.preferred)
                .chain(parent.alt_labels())
                .find_map(|n| isolang::Language::from_name(n.trim())?.to_639_1());
            let slots = match code {
                Some(code) => crosswalk.skills.entry(code.to_owned()).or_default(),
                None => crosswalk.by_name.entry(name.to_lowercase()).or_default(),
            };
            slots[activity.slot()] = Some(skill.uri().to_owned());
        }
        crosswalk
    }

    /// Sets the level from which a dimension counts.
    #[must_use]
    pub fn with_min_level(mut self, level: CefrLevel) -> Self {
        self.min_level = level;
        self
    }

    /// The level from which a dimension counts.
    pub fn min_level(&self) -> CefrLevel {
        self.min_level
    }

    /// How many ESCO languages have at least one skill in the cross-walk.
    pub fn languages(&self) -> usize {
        self.skills.len() + self.by_name.len()
    }

    /// The ESCO skill URI of `activity` in `language` (ISO 639-1), when the taxonomy has it.
    /// A language whose ESCO name is not its ISO 639 name is found through the ISO name
    /// without its qualifier, or the last word of it: ISO's "Modern Greek (1453-)" is ESCO's
    /// "Greek".
    pub fn skill(&self, language: &str, activity: LanguageActivity) -> Option<&str> {
        let slots = self.skills.get(language).or_else(|| {
            let iso = isolang::Language::from_639_1(language)?.to_name();
            let bare = iso.split(" (").next().unwrap_or(iso).to_lowercase();
            let last = bare.rsplit(' ').next().unwrap_or(&bare).to_owned();
            self.by_name.get(&bare).or_else(|| self.by_name.get(&last))
        })?;
        slots[activity.slot()].as_deref()
    }

    /// The ESCO skills a self-assessment gives: every activity assessed at
    /// [`CefrCrosswalk::min_level`] or above.
    pub fn skills_of<'a>(&'a self, language: &'a LanguageSkill) -> impl Iterator<Item = &'a str> {
        LanguageActivity::ALL.into_iter().filter_map(move |a| {
            let level = a.level(language)?;
            (level >= self.min_level)
                .then(|| self.skill(&language.language, a))
                .flatten()
        })
    }

    /// The ESCO skills of a mother tongue: all four activities.
    pub fn mother_tongue_skills<'a>(&'a self, language: &'a str) -> impl Iterator<Item = &'a str> {
        LanguageActivity::ALL
            .into_iter()
            .filter_map(move |a| self.skill(language, a))
    }

    /// The skill profile of a competence record: the skills of its `esco` claims (except
    /// those self-assessed as not held), then the language skills of its mother tongues and
    /// CEFR self-assessments, each skill once.
    pub fn profile_of(&self, record: &CompetenceRecord) -> SkillProfile {
        let mut skills: Vec<String> = Vec::new();
        let mut add = |uri: &str| {
            if !skills.iter().any(|s| s == uri) {
                skills.push(uri.to_owned());
            }
        };
        for claim in &record.claims {
            if claim.target.scheme == "esco" && claim.self_assessment != SelfAssessment::No {
                add(&claim.target.code);
            }
        }
        for language in &record.person.mother_tongues {
            self.mother_tongue_skills(language).for_each(&mut add);
        }
        for language in &record.person.languages {
            self.skills_of(language).for_each(&mut add);
        }
        SkillProfile {
            id: record.id.clone(),
            skills,
        }
    }
}
