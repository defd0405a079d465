//! Gap analysis: how far a person is from a target qualification, UC by UC.
//!
//! For each unit of competence (UC) of the target qualification the report says whether it is
//! already **validated** (listed in earlier Documenti di validazione or credits), **claimed**
//! (the person's competence record claims it), **partially claimed**, or **missing**; for the
//! last two it lists the capacità and conoscenze still to cover — what a course (or the next
//! evidence) would need to address.
//!
//! Claims count when their self-assessment is `yes` or `partially`; a claim answered `no` is
//! recorded to plan training and counts as nothing. A claim may target a UC or a single
//! capacità/conoscenza of it:
//!
//! | what the person has | UC status |
//! |---|---|
//! | the UC in `validated` | `validated` |
//! | a `yes` claim on the UC, or `yes` claims on every item of it | `claimed` |
//! | a `partially` claim on the UC, or claims on some of its items | `partially_claimed` |
//! | nothing of the above | `missing` |
//!
//! Nothing is dropped: claims and validated references that do not belong to the target are
//! returned in `other_claims` / `other_validated`.
//!
//! Every title and label says its language (`title_lang`, `label_lang`): the repertoire's
//! titles are Italian; ESCO occupation labels are picked for [`GapInput::locale`] along
//! [`crate::l10n::pick_label`]'s order and say so when they fall back.

mod analyze;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::framework::{EscoTaxonomy, FrameworkSet, Item, RegulatedProfession};
use crate::model::{CompetenceClaim, CompetenceRecord, FrameworkRef};

pub use analyze::analyze_gap;

/// What a gap analysis compares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GapInput {
    /// The target qualification (e.g. `rrfp_toscana.qualification` `413`).
    pub target: FrameworkRef,
    /// The person's claims (from their competence record).
    #[serde(default)]
    pub claims: Vec<CompetenceClaim>,
    /// UCs already validated or certified (earlier Documenti di validazione, credits).
    #[serde(default)]
    pub validated: Vec<FrameworkRef>,
    /// The locale the report's labels are for (a language tag such as `ar`); absent: the
    /// frameworks' own languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
}

impl GapInput {
    /// The input for `record`'s claims against `target`.
    pub fn from_record(
        record: &CompetenceRecord,
        target: FrameworkRef,
        validated: Vec<FrameworkRef>,
    ) -> Self {
        GapInput {
            target,
            claims: record.claims.clone(),
            validated,
            locale: None,
        }
    }

    /// The same input with the report's labels asked in `locale`.
    #[must_use]
    pub fn with_locale(mut self, locale: Option<String>) -> Self {
        self.locale = locale;
        self
    }
}

/// Coverage of one UC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitStatus {
    /// Validated or certified before.
    Validated,
    /// Fully claimed in the record (still to be validated).
    Claimed,
    /// Partly claimed.
    PartiallyClaimed,
    /// Neither validated nor claimed.
    Missing,
}

/// Capacità and conoscenze still to cover.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ToCover {
    /// Capacità not yet claimed.
    pub capacita: Vec<Item>,
    /// Conoscenze not yet claimed.
    pub conoscenze: Vec<Item>,
}

/// The coverage of one UC of the target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitGap {
    /// The UC.
    pub unit: FrameworkRef,
    /// Its title.
    pub title: String,
    /// The language of the title, and of the capacità and conoscenze to cover (the
    /// repertoire's: `it`).
    pub title_lang: String,
    /// Its status.
    pub status: UnitStatus,
    /// Ids of the claims that count towards it (on the UC or its items).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<String>,
    /// Whether at least one of those claims cites evidence.
    pub has_evidence: bool,
    /// For `missing` and `partially_claimed` UCs: what is left to cover. A UC whose framework
    /// lists no items leaves this empty: the whole UC is to cover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_cover: Option<ToCover>,
}

/// Counts of UCs by status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GapSummary {
    /// UCs of the target.
    pub units: usize,
    /// Validated.
    pub validated: usize,
    /// Claimed.
    pub claimed: usize,
    /// Partially claimed.
    pub partially_claimed: usize,
    /// Missing.
    pub missing: usize,
}

/// The gap between a person and a target qualification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GapReport {
    /// The target qualification.
    pub target: FrameworkRef,
    /// Its title.
    pub title: String,
    /// The language of the title (the repertoire's: `it`).
    pub title_lang: String,
    /// The locale asked ([`GapInput::locale`]); absent when none was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Its EQF level, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eqf_level: Option<u8>,
    /// Each UC of the target, in the qualification's order.
    pub units: Vec<UnitGap>,
    /// Counts by status.
    pub summary: GapSummary,
    /// Ids of claims that do not bear on the target's UCs (other frameworks, other UCs,
    /// `no` answers).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_claims: Vec<String>,
    /// Validated references that are not UCs of the target.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_validated: Vec<FrameworkRef>,
    /// The ESCO occupations the target is linked to, with ESCO's regulated-profession note
    /// (filled by [`GapReport::with_esco`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub esco_occupations: Vec<LinkedOccupation>,
}

/// An ESCO occupation a qualification is linked to (a cross-walk of its framework).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkedOccupation {
    /// The occupation (scheme `esco`, code = concept URI).
    pub occupation: FrameworkRef,
    /// Its preferred label: in the report's locale when ESCO has it, else in the first
    /// language of the locale's fallback chain it has, else in the taxonomy's first language.
    pub label: String,
    /// The language of the label (a fallback when it differs from the report's `locale`).
    pub label_lang: String,

    /// What ESCO says about it being a regulated profession.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regulated_profession: Option<RegulatedProfession>,
}

impl GapReport {
    /// Adds the occupations of `esco` that the target qualification is linked to (links of
    /// its framework from the qualification to scheme `esco`), each with its
    /// regulated-profession note: a regulated profession needs a title that validated
    /// competences alone do not give.
    #[must_use]
    pub fn with_esco(mut self, set: &FrameworkSet, esco: &EscoTaxonomy) -> Self {
        let links = set.frameworks().iter().flat_map(|f| &f.links).filter(|l| {
            l.to.scheme == "esco"
                && l.from.scheme == self.target.scheme
                && l.from.code == self.target.code
        });
        for link in links {
            let Some(occupation) = esco.occupation(&link.to.code) else {
                continue;
            };
            if self
                .esco_occupations
                .iter()
                .any(|o| o.occupation.code == link.to.code)
            {
                continue;
            }
            let languages: Vec<&str> = esco.languages().iter().map(String::as_str).collect();
            let label = crate::l10n::pick_label(self.locale.as_deref(), &languages, |lang| {
                occupation.labels_in(lang).map(|l| l.preferred)
            });
            self.esco_occupations.push(LinkedOccupation {
                occupation: FrameworkRef::new("esco", occupation.uri()),
                label: label.map(|l| l.text.to_owned()).unwrap_or_default(),
                label_lang: label.map_or_else(
                    || languages.first().copied().unwrap_or_default().to_owned(),
                    |l| l.lang.to_owned(),
                ),
                regulated_profession: occupation.regulated_profession(),
            });
        }
        self
    }
}
