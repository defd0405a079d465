//! What a caller shows of a case: the state with the views derived from it
//! (`attesta case show --json`, schema `case-view`), and the outcome of checking a case log
//! (`attesta case verify --json`, schema `case-verification`).
//!
//! The derived views are recomputed from the state, never stored in the log; they are put
//! beside it here so that a program (or a binding) reads them in one value, with one schema.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    allowed_in, ActionKind, CaseState, Coverage, FrameworkDrift, Head, UnitCheck, UnitSufficiency,
};
use crate::report::Finding;

/// A case's state with what follows from it: the actions its phase allows, the findings on
/// its evidence, evidence sufficiency and the UC rule per UC, and the coverage of the target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseView {
    /// The full state, as replayed from the log.
    pub state: CaseState,
    /// The actions the case's phase allows next.
    pub allowed_actions: Vec<ActionKind>,
    /// Findings on the evidence as it stands ([`CaseState::evidence_findings`]).
    pub evidence_findings: Vec<Finding>,
    /// Which items accepted evidence covers, per UC ([`CaseState::sufficiency`]).
    pub sufficiency: Vec<UnitSufficiency>,
    /// The UC rule applied to the results so far, by UC code ([`CaseState::unit_checks`]).
    pub unit_checks: BTreeMap<String, UnitCheck>,
    /// Coverage of the target by this case and by credits ([`CaseState::coverage`]).
    pub coverage: Coverage,
}

impl CaseView {
    /// The view of `state` (a copy of it, with the derived views computed now).
    pub fn of(state: &CaseState) -> Self {
        CaseView {
            allowed_actions: allowed_in(Some(state.phase)).to_vec(),
            evidence_findings: state.evidence_findings(),
            sufficiency: state.sufficiency(),
            unit_checks: state.unit_checks(),
            coverage: state.coverage(),
            state: state.clone(),
        }
    }
}

/// How the signatures of a case log were checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SignatureCheck {
    /// Every event is signed by the trusted key given, and the log ends at its signed head.
    Trusted,
    /// The events are signed, but no trusted key was given: signatures not checked.
    NotChecked,
    /// The log is not signed.
    Unsigned,
}

/// The outcome of checking a case log: its hash chain, its signatures with a trusted key,
/// that it ends at its signed head (and at an expected head, when given), and whether the
/// frameworks loaded are those the case runs on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseVerification {
    /// The case file as the caller named it.
    pub file: String,
    /// `true` when every check passed.
    pub intact: bool,
    /// Why the log is broken (the first bad event, a missing or different head); absent when
    /// intact. An English message that never quotes the content of events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    /// The number of events read; absent when the log could not be read as events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<usize>,
    /// The last event (seq and hash), when the log is intact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<Head>,
    /// How the signatures were checked, when the log is intact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signatures: Option<SignatureCheck>,
    /// The id of the trusted key the log is signed with, when it was checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_id: Option<String>,
    /// The frameworks the case runs on that differ from those loaded (empty: the same).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub framework_drift: Vec<FrameworkDrift>,
}

impl CaseVerification {
    /// A broken log: `problem` says why; `events` is the number read, if any.
    pub fn broken(file: impl Into<String>, events: Option<usize>, problem: String) -> Self {
        CaseVerification {
            file: file.into(),
            intact: false,
            problem: Some(problem),
            events,
            head: None,
            signatures: None,
            key_id: None,
            framework_drift: Vec::new(),
        }
    }
}
