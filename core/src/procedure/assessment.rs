//! Valutazione: the board, the methods, results per capacità / conoscenza and the UC outcome.
//!
//! Methods (DOMAIN.md §1.7): *esame documentale* (of the dossier of evidence), *colloquio
//! tecnico*, *prova prestazionale* and *osservazione in situazione*. The UC rule, documented
//! and configurable through [`ProcedureConfig`]: a UC may be declared validated only when every
//! capacità and conoscenza has a passed result by a method accepted for its kind, and none
//! has a failed one. For each item and method the latest result counts, so a repeated test
//! replaces the earlier one; a failure by any method blocks the item. Partial validation
//! (some UCs only) is normal.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::config::ProcedureConfig;
use super::target::{ItemKind, TargetUnit};
pub use crate::documents::AssessmentMethod;

/// Payload of `plan_assessment`: the board and the methods planned per UC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentPlan {
    /// Operator ids of the board (F2, and F3 where required).
    pub assessors: Vec<String>,
    /// Methods planned for each UC code.
    pub methods: BTreeMap<String, Vec<AssessmentMethod>>,
    /// People present without an IVC function (mediator, interpreter); never assessors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub present: Vec<Presence>,
    /// Free note (no personal data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What a person present at the assessment without an IVC function does there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PresenceFunction {
    /// Mediatore linguistico-culturale.
    MediatoreLinguisticoCulturale,
    /// Interprete.
    Interprete,
}

/// A person present at the assessment sessions who neither assesses nor decides: recorded so
/// the act says in which language the sessions ran and who helped, never counted on the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Presence {
    /// Pseudonymous id of the person present (not an assessor of the board).
    pub id: String,
    /// Their function.
    pub function: PresenceFunction,
    /// Language of the session with the person, ISO 639-1 (e.g. `ar`).
    #[schemars(pattern(r"^[a-z]{2}$"))]
    pub language: String,
}

/// Outcome for one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemOutcome {
    /// The item was shown.
    Passed,
    /// The item was not shown.
    Failed,
}

/// A result for one capacità or conoscenza.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemResult {
    /// Item code (e.g. `1955.S-C1`).
    pub item: String,
    /// Outcome.
    pub outcome: ItemOutcome,
    /// Evidence ids the result rests on (required for an esame documentale).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
}

/// Payload of `record_assessment`: results of one method session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentRecord {
    /// The method used.
    pub method: AssessmentMethod,
    /// The day the session took place, `YYYY-MM-DD`, when it is not the day of the event
    /// (results are often recorded after the session). Absent in logs written before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^\d{4}-\d{2}-\d{2}$"))]
    pub date: Option<String>,
    /// Results per item.
    pub results: Vec<ItemResult>,
    /// Free note (no personal data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A result as the case holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordedResult {
    /// Sequence number of the event.
    pub seq: u64,
    /// Operator who recorded it.
    pub by: String,
    /// The method.
    pub method: AssessmentMethod,
    /// The day of the session (the payload's `date`, else the event's day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The result.
    pub result: ItemResult,
}

/// The decision on a UC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitOutcome {
    /// The UC is validated.
    Validated,
    /// The UC is not validated.
    NotValidated,
}

/// A decision on one UC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitDecision {
    /// UC code.
    pub unit: String,
    /// Outcome.
    pub outcome: UnitOutcome,
    /// Free note (no personal data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Payload of `decide_units`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitDecisions {
    /// One decision per UC.
    pub decisions: Vec<UnitDecision>,
}

/// How the results stand for one UC.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitCheck {
    /// Items with a passed result by an accepted method, with those methods.
    pub covered: BTreeMap<String, Vec<AssessmentMethod>>,
    /// Items whose latest result by some method is a failure.
    pub failed: Vec<String>,
    /// Items not (yet) covered by an accepted method.
    pub missing: Vec<String>,
}

impl UnitCheck {
    /// Whether the UC may be declared validated.
    pub fn may_validate(&self) -> bool {
        self.failed.is_empty() && self.missing.is_empty()
    }
}

/// Applies the UC rule to the results recorded so far.
pub fn check_unit(
    unit: &TargetUnit,
    results: &[RecordedResult],
    config: &ProcedureConfig,
) -> UnitCheck {
    let mut check = UnitCheck::default();
    for (item, kind) in unit.items() {
        // Latest outcome per method for this item (results are in event order).
        let mut latest: BTreeMap<AssessmentMethod, ItemOutcome> = BTreeMap::new();
        for r in results.iter().filter(|r| r.result.item == item) {
            latest.insert(r.method, r.result.outcome);
        }
        let accepted = match kind {
            ItemKind::Capacita => &config.capacita_methods,
            ItemKind::Conoscenza => &config.conoscenza_methods,
        };
        if latest.values().any(|o| *o == ItemOutcome::Failed) {
            check.failed.push(item.to_owned());
        }
        let passing: Vec<AssessmentMethod> = latest
            .iter()
            .filter(|(m, o)| **o == ItemOutcome::Passed && accepted.contains(m))
            .map(|(m, _)| *m)
            .collect();
        if passing.is_empty() {
            check.missing.push(item.to_owned());
        } else {
            check.covered.insert(item.to_owned(), passing);
        }
    }
    check
}
