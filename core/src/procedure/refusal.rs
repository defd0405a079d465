//! Refused actions. A refusal leaves the log unchanged and says why: the phase, the action,
//! the actions the phase allows, and the reason (wrong phase, an actor without the role, a
//! broken rule with its finding code, a payload that does not fit the case).

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::action::ActionKind;
use super::event::IntegrityError;
use super::roles::Role;
use super::state::Phase;
use crate::codes::Code;
use crate::documents::DocumentType;
use crate::framework::FrameworkStamp;
use crate::report::Finding;

/// Who may act: the person or a practitioner role.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// The person (actor id = the record's pseudonymous person id).
    Person,
    /// F1 (EITC).
    F1,
    /// F2 (EVAC).
    F2,
    /// F3 (esperto di settore).
    F3,
    /// Responsabile of the ente titolato.
    Responsabile,
    /// An official acting for the ente titolare.
    Titolare,
}

impl From<Role> for Party {
    fn from(role: Role) -> Self {
        match role {
            Role::F1 => Party::F1,
            Role::F2 => Party::F2,
            Role::F3 => Party::F3,
            Role::Responsabile => Party::Responsabile,
            Role::Titolare => Party::Titolare,
        }
    }
}

/// Why an action was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RefusalReason {
    /// The phase does not allow the action.
    WrongPhase,
    /// The actor is neither the person nor an operator of the case.
    UnknownActor {
        /// The actor id.
        actor: String,
    },
    /// The actor does not hold a role the action needs.
    ActorNotAllowed {
        /// The actor id.
        actor: String,
        /// Who may do it.
        allowed: Vec<Party>,
    },
    /// A rule of the procedure is broken.
    Rule {
        /// The finding code of the rule.
        code: Code,
        /// What is wrong (ids and codes only).
        message: String,
    },
    /// The payload does not fit the case (unknown id, duplicate id, code outside the target).
    InvalidPayload {
        /// What is wrong (ids and codes only).
        message: String,
    },
    /// The document the action would issue fails the art. 6 check (code
    /// `procedure.document_not_lawful`): the findings of severity error, with their JSON
    /// paths into that document, so the operator knows what to record first.
    DocumentNotLawful {
        /// Which document.
        document_type: DocumentType,
        /// The document check's errors (ids and codes only, never personal data).
        findings: Vec<Finding>,
    },
    /// `at` is not an accepted time or is earlier than the last event.
    InvalidTime {
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for RefusalReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RefusalReason::WrongPhase => f.write_str("the phase does not allow it"),
            RefusalReason::UnknownActor { actor } => {
                write!(f, "'{actor}' is not the person nor an operator of the case")
            }
            RefusalReason::ActorNotAllowed { actor, allowed } => {
                let names: Vec<String> = allowed
                    .iter()
                    .map(|p| {
                        serde_json::to_value(p)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default()
                    })
                    .collect();
                write!(f, "'{actor}' may not do it (allowed: {})", names.join(", "))
            }
            RefusalReason::Rule { code, message } => write!(f, "{code}: {message}"),
            RefusalReason::InvalidPayload { message } => write!(f, "invalid payload: {message}"),
            RefusalReason::DocumentNotLawful {
                document_type,
                findings,
            } => {
                let listed: Vec<String> = findings
                    .iter()
                    .map(|x| format!("{} at {}", x.code, x.path))
                    .collect();
                write!(
                    f,
                    "{}: the {} would fail the document check: {}",
                    Code::ProcedureDocumentNotLawful,
                    document_type.as_str(),
                    listed.join("; ")
                )
            }
            RefusalReason::InvalidTime { message } => write!(f, "invalid time: {message}"),
        }
    }
}

/// A refused action.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, JsonSchema)]
#[error(
    "'{}' refused in phase {}: {reason}; allowed in this phase: {}",
    action.as_str(),
    phase.map_or("(no case yet)", Phase::as_str),
    allowed.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(", ")
)]
#[serde(deny_unknown_fields)]
pub struct Refusal {
    /// The refused action.
    pub action: ActionKind,
    /// The phase of the case (`None` before `open_case`).
    pub phase: Option<Phase>,
    /// The actions the phase allows (to someone).
    pub allowed: Vec<ActionKind>,
    /// Why.
    pub reason: RefusalReason,
}

impl Refusal {
    /// The rule's finding code, when a rule was broken.
    pub fn code(&self) -> Option<Code> {
        match &self.reason {
            RefusalReason::Rule { code, .. } => Some(*code),
            RefusalReason::DocumentNotLawful { .. } => Some(Code::ProcedureDocumentNotLawful),
            _ => None,
        }
    }
}

/// Why a log could not be replayed.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReplayError {
    /// The chain is broken.
    #[error("log integrity: {0}")]
    Integrity(IntegrityError),
    /// An event's payload does not decode as its action.
    #[error("event {index} (seq {seq}): {message}")]
    BadPayload {
        /// 0-based position.
        index: usize,
        /// Its seq.
        seq: u64,
        /// What does not decode.
        message: String,
    },
    /// An event's action is refused by the rules (the log was not made by this library, or
    /// by a version with other rules).
    #[error("event {index} (seq {seq}): {refusal}")]
    Refused {
        /// 0-based position.
        index: usize,
        /// Its seq.
        seq: u64,
        /// The refusal.
        refusal: Refusal,
    },
    /// The log is empty.
    #[error("the log has no events")]
    Empty,
    /// The frameworks loaded are not those the case runs on (another version or content).
    #[error(
        "the case runs on other frameworks than those loaded: {}; load those, or allow the \
         change explicitly (API: FrameworkPolicy::AllowChange; CLI: --allow-framework-change), \
         which the next action records",
        drift.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
    )]
    FrameworksChanged {
        /// Each recorded framework that is loaded differently or not at all.
        drift: Vec<FrameworkDrift>,
    },
}

/// A framework the case runs on, and what is loaded under its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrameworkDrift {
    /// As recorded in the case.
    pub recorded: FrameworkStamp,
    /// As loaded now (`None`: not loaded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loaded: Option<FrameworkStamp>,
}

impl fmt::Display for FrameworkDrift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.loaded {
            Some(loaded) => write!(f, "recorded {}, loaded {loaded}", self.recorded),
            None => write!(f, "recorded {}, not loaded", self.recorded),
        }
    }
}
