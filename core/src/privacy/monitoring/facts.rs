//! What the monitoring export knows of one case: the facts it counts, nothing personal.

use std::collections::{BTreeMap, BTreeSet};

use crate::procedure::{CaseState, UnitOutcome};

/// The countable facts of one case, taken from its replayed state.
///
/// Only codes and words: the phase, the outcome, the target figure, the UC decisions and the
/// learning contexts of the experiences. The case id is kept only to join the monitoring
/// attributes and is never written into the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFacts {
    pub(super) case_id: String,
    /// `concluded`, or the phase of a running case.
    pub(super) phase: &'static str,
    /// The outcome word, or `in_progress`.
    pub(super) outcome: &'static str,
    /// `framework:qualification` of the target figure.
    pub(super) figure: String,
    /// Decided UCs: `qualification/unit` → `validated` or `not_validated`.
    pub(super) units: BTreeMap<String, &'static str>,
    /// The learning contexts of the person's experiences.
    pub(super) contexts: BTreeSet<&'static str>,
}

impl CaseFacts {
    /// The facts of a case as it stands.
    #[must_use]
    pub fn of(state: &CaseState) -> Self {
        let (phase, outcome) = if state.phase.is_outcome() {
            ("concluded", state.phase.as_str())
        } else {
            (state.phase.as_str(), "in_progress")
        };
        let units = state
            .decisions
            .iter()
            .map(|(unit, decided)| {
                let word = match decided.decision.outcome {
                    UnitOutcome::Validated => "validated",
                    UnitOutcome::NotValidated => "not_validated",
                };
                (format!("{}/{unit}", state.target.qualification), word)
            })
            .collect();
        let contexts = state
            .record
            .experiences
            .iter()
            .map(|e| e.context.as_str())
            .collect();
        Self {
            case_id: state.case_id.clone(),
            phase,
            outcome,
            figure: format!("{}:{}", state.target.framework, state.target.qualification),
            units,
            contexts,
        }
    }
}
