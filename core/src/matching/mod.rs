//! Occupation matching: which ESCO occupations fit a person's ESCO skills, and why.
//!
//! An [`OccupationMatcher`] holds the occupation → skill relations of an
//! [`EscoTaxonomy`](crate::framework::EscoTaxonomy) as two compact sparse matrices (occupation
//! → skills and skill → occupations, `u32` indexes, no URI strings in the hot loop). A person
//! is a list of skill URIs; the score of an occupation is its **weighted skill coverage**:
//!
//! ```text
//! score = (matched essential × 1 + matched optional × 0.25)
//!       / (essential × 1 + optional × 0.25)
//! ```
//!
//! so an occupation whose essential skills the person all has scores high even when optional
//! ones are missing, and optional skills alone cannot make a strong match. The weights are
//! powers of two, so sums are exact in floating point and a matrix-product implementation
//! (e.g. `scipy.sparse`) gives bit-identical scores. Occupations without skills never match.
//! Results are ordered by score, then by occupation URI, so they are reproducible.
//!
//! Each [`OccupationMatch`] explains itself: essential skills matched and missing (when
//! [`MatchOptions::explain`] is on). [`OccupationMatcher::match_batch`] streams the results of
//! many profiles to a callback; with the `parallel` feature,
//! [`OccupationMatcher::match_batch_parallel`] spreads the work over threads (rayon) and
//! returns exactly the same results in the same order.

mod batch;
mod languages;
mod matrix;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::framework::RegulatedProfession;
use crate::model::FrameworkRef;

pub use languages::{CefrCrosswalk, LanguageActivity};
pub use matrix::{OccupationMatcher, ESSENTIAL_WEIGHT, OPTIONAL_WEIGHT};

/// A person's skills, as ESCO skill URIs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillProfile {
    /// Caller's id for the profile (not personal data: a record id, a row number).
    pub id: String,
    /// ESCO skill URIs (`http://data.europa.eu/esco/skill/…`).
    pub skills: Vec<String>,
}

/// How many matches to return and how much to explain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct MatchOptions {
    /// At most this many occupations per profile (1–3,000).
    #[schemars(range(min = 1, max = 3000))]
    pub limit: usize,
    /// Occupations scoring below this are left out (`0.0..=1.0`; 0 keeps every occupation
    /// sharing at least one skill).
    pub min_score: f64,
    /// List the matched and missing essential skills of each occupation.
    pub explain: bool,
}

impl Default for MatchOptions {
    fn default() -> Self {
        MatchOptions {
            limit: 10,
            min_score: 0.0,
            explain: true,
        }
    }
}

/// One occupation that fits a profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OccupationMatch {
    /// The ESCO occupation (scheme `esco`).
    pub occupation: FrameworkRef,
    /// Its preferred label in the matcher's language, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// What ESCO says about it being a regulated profession, when the taxonomy has a note: a
    /// regulated profession needs a title that validating competences does not give.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regulated_profession: Option<RegulatedProfession>,
    /// Weighted skill coverage in `0.0..=1.0` (see the module documentation).
    pub score: f64,
    /// Essential skills the person has.
    pub essential_matched: u32,
    /// Essential skills of the occupation.
    pub essential_total: u32,
    /// Optional skills the person has.
    pub optional_matched: u32,
    /// Optional skills of the occupation.
    pub optional_total: u32,
    /// With `explain`: URIs of the essential skills the person has.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matched_essential: Vec<String>,
    /// With `explain`: URIs of the essential skills the person lacks (what to learn).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_essential: Vec<String>,
}

/// The matches of one profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileMatches {
    /// The profile's id.
    pub id: String,
    /// Best occupations first.
    pub matches: Vec<OccupationMatch>,
    /// Skill URIs of the profile that the taxonomy does not know (they counted for nothing).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown_skills: Vec<String>,
}
