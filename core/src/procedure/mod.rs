//! The IVC procedure as an event-sourced state machine: one [`Case`] per person and
//! target qualification.
//!
//! The phases follow D.Lgs. 13/2013 art. 5 and the Tuscan flow (DOMAIN.md §4.3):
//! *accoglienza* → *identificazione* (messa in trasparenza) → *valutazione* → *attestazione*
//! → optionally *certificazione*, with the outcomes closed after the trasparenza, withdrawn,
//! referred, validated and certified (see [`Phase`]).
//!
//! Every action is appended to a hash-chained log of [`Event`]s; the state is never stored,
//! only rebuilt with [`replay`]. Corrections are new events (`correct_evidence_judgement`, a
//! new `decide_units`); nothing is rewritten. An action the phase or the actor's role does
//! not allow, or that breaks a rule, is a [`Refusal`] and leaves the log unchanged.
//!
//! The opening event records the frameworks the case was opened with ([`FrameworkStamp`]: id,
//! version, SHA-256 of the content; filled by the engine). Loading or acting on the case over
//! other frameworks is [`ReplayError::FrameworksChanged`] unless the caller passes
//! [`FrameworkPolicy::AllowChange`]; the next action then records a `change_frameworks` event
//! first. Logs written before frameworks were recorded load as before.
//!
//! ```
//! use attesta::procedure::{Action, Case};
//! let open: Action = serde_json::from_str(r#"{"kind": "open_case", "payload": {
//!   "case_id": "case-1",
//!   "record": {"schema_version": "1.0", "id": "rec-1", "person": {"id": "p-1"}},
//!   "target": {"scheme": "rrfp_toscana.qualification", "code": "450"},
//!   "ente": {"id": "cpi-li", "name": "CPI Livorno",
//!            "authorisation": {"kind": "ex_lege", "reference": "L.R. 32/2002"},
//!            "titolare": {"name": "Regione Toscana", "repertoires": ["rrfp_toscana"]}},
//!   "operators": [{"id": "op-f1", "roles": ["f1"]}],
//!   "eligibility": {"informed": true, "requirements_met": true}
//! }}"#)?;
//! let mut case = Case::open(attesta::builtin::frameworks(), "2025-03-03T09:00:00Z", "op-f1", &open)?;
//! // Accoglienza does not allow planning an assessment: refused, the log is unchanged.
//! let plan: Action = serde_json::from_str(r#"{"kind": "plan_assessment",
//!   "payload": {"assessors": ["op-f1"], "methods": {}}}"#)?;
//! let refusal = case.act("2025-03-03T09:04:00Z", "op-f1", &plan).unwrap_err();
//! assert!(refusal.allowed.contains(&attesta::procedure::ActionKind::Withdraw));
//! assert_eq!(case.events().len(), 1);
//! // The person may withdraw at any time.
//! let withdraw: Action = serde_json::from_str(r#"{"kind": "withdraw", "payload": {}}"#)?;
//! case.act("2025-03-03T09:05:00Z", "p-1", &withdraw)?;
//! assert_eq!(case.state().phase.as_str(), "withdrawn");
//! attesta::procedure::verify(case.events())?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod action;
mod append;
mod assessment;
mod canonical;
mod certification;
mod config;
mod continuation;
mod credit;
mod event;
mod evidence;
#[cfg(feature = "fs")]
pub mod file;
mod file_error;
mod identificazione;
pub mod issue;
mod lawful;
mod machine;
mod opening;
mod profile;
mod refusal;
mod roles;
mod rules;
pub mod signing;
mod state;
mod target;
mod time;
mod trasparenza;
mod valutazione;
mod view;

use std::sync::Arc;

pub use action::{
    Action, ActionKind, CloseDecision, CloseIdentificazione, CloseValutazione, Eligibility,
    FrameworkChange, Issuance, Note, OpenCase, Referral, ReferralReason, Signature,
};
pub use assessment::{
    check_unit, AssessmentMethod, AssessmentPlan, AssessmentRecord, ItemOutcome, ItemResult,
    Presence, PresenceFunction, RecordedResult, UnitCheck, UnitDecision, UnitDecisions,
    UnitOutcome,
};
pub(crate) use canonical::sha256_hex;
pub use certification::{
    dossier, CertificazioneDossier, CommissionExam, CommissionMember, DossierEvidence,
    DossierValidazione, ExamOutcome, RecordedCommissionExam,
};
pub use config::{CurrencyFrom, Independence, ProcedureConfig, RuleMode};
pub use continuation::Continuation;
pub use credit::{Coverage, Credit, CreditKind};
pub use event::{
    parse_log, verify, verify_head, verify_prefix, write_log, Event, Head, Integrity,
    IntegrityError, GENESIS_HASH,
};
pub use evidence::{
    evidence_findings, is_accepted, sufficiency, EvidenceJudgement, JudgementCorrection,
    RecordedJudgement, UnitSufficiency,
};
pub use file_error::CaseFileError;
pub use machine::{allowed_in, parties};
pub use profile::{
    regione_toscana, ProfileSource, ProfileStamp, TitolareProfile, REGIONE_TOSCANA_PROFILE,
};
pub use refusal::{FrameworkDrift, Party, Refusal, RefusalReason, ReplayError};
pub use roles::{
    evac_status, evac_window_start, EnteTitolare, EnteTitolato, EvacListing, EvacStatus, Operator,
    Role, EVAC_AVVISO_DATE, EVAC_TRANSITION_WINDOW_START,
};
pub use signing::{
    verify_signatures, verify_signed_log, EnteKey, EventSignature, KeyError, SignedHead, TrustedKey,
};
pub use state::{
    CaseState, Issued, Phase, PotentialCompetence, RecordedDecision, RecordedPlan, Signed, Stamp,
    Trasparenza,
};
pub use target::{ItemKind, Target, TargetUnit};
pub use time::Timestamp;
pub use view::{CaseVerification, CaseView, SignatureCheck};

use crate::framework::{FrameworkSet, FrameworkStamp};

/// Whether a case may run on other frameworks than those it recorded (another version or
/// content of a repertoire, or one not loaded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FrameworkPolicy {
    /// Refuse with [`ReplayError::FrameworksChanged`].
    #[default]
    Require,
    /// Allow it: the next action first records a `change_frameworks` event, so the log says
    /// from which event on the case ran on what.
    AllowChange,
}

/// A case: its event log and the state it yields, over a set of frameworks.
#[derive(Debug, Clone)]
pub struct Case {
    frameworks: Arc<FrameworkSet>,
    events: Vec<Event>,
    state: CaseState,
    /// An allowed change not yet recorded: the loaded stamps and how they differ.
    pending: Option<PendingChange>,
}

/// An allowed framework change not yet recorded: the loaded stamps and how they differ.
type PendingChange = (Vec<FrameworkStamp>, Vec<FrameworkDrift>);

/// The stamps of every framework of `set`, by id.
fn stamps_of(set: &FrameworkSet) -> crate::Result<Vec<FrameworkStamp>> {
    let mut stamps = set
        .frameworks()
        .iter()
        .map(FrameworkStamp::of)
        .collect::<crate::Result<Vec<_>>>()?;
    stamps.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(stamps)
}

/// The recorded frameworks that are loaded differently or not at all.
fn drift(recorded: &[FrameworkStamp], loaded: &[FrameworkStamp]) -> Vec<FrameworkDrift> {
    recorded
        .iter()
        .filter_map(|r| {
            let now = loaded.iter().find(|l| l.id == r.id);
            (now != Some(r)).then(|| FrameworkDrift {
                recorded: r.clone(),
                loaded: now.cloned(),
            })
        })
        .collect()
}

impl Case {
    /// Rebuilds a case from its events (checking the chain first), refusing frameworks other
    /// than those the case runs on.
    ///
    /// # Errors
    /// As [`replay_with`].
    pub fn from_events(
        frameworks: Arc<FrameworkSet>,
        events: Vec<Event>,
    ) -> Result<Case, ReplayError> {
        Self::from_events_with(frameworks, events, FrameworkPolicy::Require)
    }

    /// Rebuilds a case from its events; with [`FrameworkPolicy::AllowChange`] other
    /// frameworks than those recorded are accepted and the next [`act`](Self::act) records
    /// the change ([`framework_drift`](Self::framework_drift) says what differs).
    ///
    /// # Errors
    /// As [`replay_with`]; [`ReplayError::FrameworksChanged`] only with
    /// [`FrameworkPolicy::Require`].
    pub fn from_events_with(
        frameworks: Arc<FrameworkSet>,
        events: Vec<Event>,
        policy: FrameworkPolicy,
    ) -> Result<Case, ReplayError> {
        let state = replay_unchecked(&events, &frameworks)?;
        let pending = check_frameworks(&state, &frameworks, policy)?;
        Ok(Case {
            frameworks,
            events,
            state,
            pending,
        })
    }

    /// How the loaded frameworks differ from those the case runs on, when a change was
    /// allowed and is not yet recorded (empty otherwise).
    pub fn framework_drift(&self) -> &[FrameworkDrift] {
        self.pending.as_ref().map_or(&[], |(_, drift)| drift)
    }

    /// Applies an action at time `at` (RFC 3339 UTC, not earlier than the last event) by
    /// `actor`, appending one event.
    ///
    /// # Errors
    /// A [`Refusal`]; the case is then unchanged.
    pub fn act(&mut self, at: &str, actor: &str, action: &Action) -> Result<&Event, Refusal> {
        if let Action::ChangeFrameworks(_) = action {
            return Err(Refusal {
                action: action.kind(),
                phase: Some(self.state.phase),
                allowed: allowed_in(Some(self.state.phase)).to_vec(),
                reason: RefusalReason::InvalidPayload {
                    message: "change_frameworks is recorded by the engine, not sent".to_owned(),
                },
            });
        }
        let Some((loaded, _)) = self.pending.take() else {
            return self.act_unchecked(at, actor, action);
        };
        let change = Action::ChangeFrameworks(FrameworkChange {
            previous: self.state.frameworks.clone(),
            frameworks: loaded.clone(),
        });
        let (state, events) = (self.state.clone(), self.events.len());
        let outcome = self
            .act_unchecked(at, actor, &change)
            .map(|_| ())
            .and_then(|()| self.act_unchecked(at, actor, action).map(|_| ()));
        if let Err(refusal) = outcome {
            // Neither the change nor the action: the case is as it was, change still pending.
            self.state = state;
            self.events.truncate(events);
            let drift = drift(&self.state.frameworks, &loaded);
            self.pending = Some((loaded, drift));
            return Err(refusal);
        }
        Ok(&self.events[self.events.len() - 1])
    }

    /// [`act`](Self::act) without the framework bookkeeping.
    fn act_unchecked(&mut self, at: &str, actor: &str, action: &Action) -> Result<&Event, Refusal> {
        let seq = self.events.len() as u64;
        let next = machine::apply(Some(&self.state), &self.frameworks, seq, at, actor, action)?;
        lawful::check_new_documents(&self.state, &next, &self.frameworks, at).map_err(
            |reason| Refusal {
                action: action.kind(),
                phase: Some(self.state.phase),
                allowed: allowed_in(Some(self.state.phase)).to_vec(),
                reason,
            },
        )?;
        let previous = std::mem::replace(&mut self.state, next);
        if let Err(refusal) = self.seal(at, actor, action) {
            self.state = previous;
            return Err(refusal);
        }
        Ok(&self.events[self.events.len() - 1])
    }

    /// The events, oldest first.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The current state.
    pub fn state(&self) -> &CaseState {
        &self.state
    }

    /// The documents the case has produced so far (see [`issue`]).
    pub fn documents(&self) -> Vec<crate::documents::Document> {
        issue::documents(&self.state, &self.frameworks)
    }

    /// Signs, with the ente titolato's key, every event that has no signature yet — those
    /// appended since the case was read: one action, or a recorded framework change and the
    /// action — and returns the signed head, to keep beside the log. `None` for a case
    /// without events.
    pub fn sign_pending(&mut self, key: &signing::EnteKey) -> Option<SignedHead> {
        for event in self.events.iter_mut().filter(|e| e.signature.is_none()) {
            event.signature = Some(key.sign_event(event));
        }
        let last = self.events.last()?;
        Some(key.sign_head(&last.head()))
    }

    /// The frameworks the case is resolved against.
    pub fn frameworks(&self) -> &Arc<FrameworkSet> {
        &self.frameworks
    }

    /// Seals the event for an applied action and sets the head.
    fn seal(&mut self, at: &str, actor: &str, action: &Action) -> Result<(), Refusal> {
        let refuse = |message: String| Refusal {
            action: action.kind(),
            phase: Some(self.state.phase),
            allowed: allowed_in(Some(self.state.phase)).to_vec(),
            reason: RefusalReason::InvalidPayload { message },
        };
        let (kind, payload) = action.to_parts().map_err(|e| refuse(e.to_string()))?;
        let prev_hash = self
            .events
            .last()
            .map_or_else(|| GENESIS_HASH.to_owned(), |e| e.hash.clone());
        let event = Event::seal_event(
            self.events.len() as u64,
            at,
            actor,
            kind.as_str(),
            payload,
            prev_hash,
        )
        .map_err(|problem| refuse(problem.to_string()))?;
        self.state.head = event.head();
        self.events.push(event);
        Ok(())
    }
}

impl Event {
    fn seal_event(
        seq: u64,
        at: &str,
        actor: &str,
        kind: &str,
        payload: serde_json::Value,
        prev_hash: String,
    ) -> Result<Event, Integrity> {
        Event::seal(
            seq,
            at.to_owned(),
            actor.to_owned(),
            kind.to_owned(),
            payload,
            prev_hash,
        )
    }
}

/// Reads an action from JSON text (`{"kind": "...", "payload": {...}}`), with the path of
/// the field that does not fit in the message (never a value of the input). A key given twice
/// in an object, or nesting deeper than 128 levels, is refused.
///
/// # Errors
/// [`Error::MalformedJson`](crate::Error::MalformedJson) for text that is not JSON,
/// [`Error::TooDeep`](crate::Error::TooDeep) past the depth limit,
/// [`Error::InvalidAction`](crate::Error::InvalidAction) naming the problem otherwise.
pub fn read_action(json: &str) -> Result<Action, crate::Error> {
    // Bounded JSON input, as records and documents are read: the depth is checked before any
    // parser runs, and a repeated key is refused rather than resolved to its last value, since
    // the event recorded must be what was sent (a parser would drop one of the two silently).
    let limit = crate::json::PARSER_MAX_DEPTH;
    if crate::json::exceeds_depth(json.as_bytes(), limit) {
        return Err(crate::Error::TooDeep { limit });
    }
    let (value, repeated) = crate::json::parse_with_duplicates(json.as_bytes())
        .map_err(|e| crate::Error::from_json(&e))?;
    if let Some(path) = repeated.first() {
        return Err(crate::Error::InvalidAction(format!(
            "key '{}' given twice",
            crate::text::echo(&path.to_pointer())
        )));
    }
    let kind = value
        .get("kind")
        .and_then(serde_json::Value::as_str)
        .ok_or_else(|| crate::Error::InvalidAction("an action needs a string 'kind'".to_owned()))?;
    if let Some(extra) = value
        .as_object()
        .and_then(|o| o.keys().find(|k| *k != "kind" && *k != "payload"))
    {
        return Err(crate::Error::InvalidAction(format!(
            "unknown field '{}'; expected kind, payload",
            crate::text::echo(extra)
        )));
    }
    let payload = value
        .get("payload")
        .cloned()
        .unwrap_or(serde_json::Value::Object(serde_json::Map::new()));
    Action::from_parts(kind, &payload).map_err(crate::Error::InvalidAction)
}

/// Rebuilds the state of a case from its events, against the built-in frameworks.
///
/// # Errors
/// As [`replay_with`].
pub fn replay(events: &[Event]) -> Result<CaseState, ReplayError> {
    replay_with(events, &crate::builtin::frameworks())
}

/// Rebuilds the state of a case from its events: [`verify`]s the chain, then applies every
/// event's action with the rules the case was opened with.
///
/// # Errors
/// [`ReplayError::Integrity`] for a broken chain, [`ReplayError::BadPayload`] for a payload
/// that is not its action, [`ReplayError::Refused`] for an action the rules refuse,
/// [`ReplayError::Empty`] for no events.
pub fn replay_with(
    events: &[Event],
    frameworks: &Arc<FrameworkSet>,
) -> Result<CaseState, ReplayError> {
    let state = replay_unchecked(events, frameworks)?;
    check_frameworks(&state, frameworks, FrameworkPolicy::Require)?;
    Ok(state)
}

/// Compares the frameworks a case runs on with `frameworks`: the pending change when they
/// differ and `policy` allows it. Cases opened before frameworks were recorded pass.
fn check_frameworks(
    state: &CaseState,
    frameworks: &FrameworkSet,
    policy: FrameworkPolicy,
) -> Result<Option<PendingChange>, ReplayError> {
    if state.frameworks.is_empty() {
        return Ok(None);
    }
    let loaded = stamps_of(frameworks).map_err(|e| ReplayError::BadPayload {
        index: 0,
        seq: 0,
        message: format!("the loaded frameworks cannot be encoded: {e}"),
    })?;
    let drift = drift(&state.frameworks, &loaded);
    match (drift.is_empty(), policy) {
        (true, _) => Ok(None),
        (false, FrameworkPolicy::Require) => Err(ReplayError::FrameworksChanged { drift }),
        (false, FrameworkPolicy::AllowChange) => Ok(Some((loaded, drift))),
    }
}

/// [`replay_with`] without comparing the frameworks.
fn replay_unchecked(
    events: &[Event],
    frameworks: &Arc<FrameworkSet>,
) -> Result<CaseState, ReplayError> {
    verify(events).map_err(ReplayError::Integrity)?;
    let mut state: Option<CaseState> = None;
    for (index, event) in events.iter().enumerate() {
        let action = Action::from_parts(&event.kind, &event.payload).map_err(|message| {
            ReplayError::BadPayload {
                index,
                seq: event.seq,
                message,
            }
        })?;
        let mut next = machine::apply(
            state.as_ref(),
            frameworks,
            event.seq,
            &event.at,
            &event.actor,
            &action,
        )
        .map_err(|refusal| ReplayError::Refused {
            index,
            seq: event.seq,
            refusal,
        })?;
        next.head = event.head();
        state = Some(next);
    }
    state.ok_or(ReplayError::Empty)
}
