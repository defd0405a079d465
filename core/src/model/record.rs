//! The top-level competence record.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{CompetenceClaim, Evidence, Experience, Person};

/// The schema version this build reads and writes.
pub const RECORD_SCHEMA_VERSION: &str = "1.0";

/// A person's competence record: the input of identificazione e messa in trasparenza.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompetenceRecord {
    /// Schema version, `"1.0"`. Minor versions of 1 are read too.
    pub schema_version: String,
    /// Record id.
    pub id: String,
    /// The person.
    pub person: Person,
    /// Experiences of work, study, training, volunteering and life.
    #[serde(default)]
    pub experiences: Vec<Experience>,
    /// Evidence items.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// Claimed competences.
    #[serde(default)]
    pub claims: Vec<CompetenceClaim>,
}
