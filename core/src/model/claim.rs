//! Competence claims: "I can do this", pointing at a node of a framework.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::reference::FrameworkRef;

/// The person's own answer to "do you have this competence?" (as in France VAE's dossier).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SelfAssessment {
    /// Fully held.
    Yes,
    /// Partly held.
    Partially,
    /// Not held (recorded to plan training, not for validation).
    No,
}

/// A claimed competence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompetenceClaim {
    /// Id, unique within the record.
    pub id: String,
    /// The framework node claimed (an RRFP UC, an ESCO skill, …).
    pub target: FrameworkRef,
    /// The person's self-assessment.
    pub self_assessment: SelfAssessment,
    /// Ids of the experiences in which it was learned or used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub experiences: Vec<String>,
    /// Ids of the evidence items that support it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// Free notes by the operator (no personal data, please).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}
