//! The state machine: which phase allows which action, who may do it, and what each action
//! does to the state. Handlers work on a copy of the state, so a refusal changes nothing.
//!
//! | phase | actions |
//! |---|---|
//! | (no case) | `open_case` |
//! | accoglienza | `sign_domanda`, `sign_adesione` (both → identificazione), `add_credit`, `withdraw`, `refer`, `add_operator` |
//! | identificazione | `add_/update_experience`, `add_/update_evidence`, `add_/update_claim`, `judge_evidence`, `correct_evidence_judgement`, `add_credit`, `close_identificazione`, `withdraw`, `refer`, `add_operator` |
//! | valutazione | `judge_evidence`, `correct_evidence_judgement`, `add_credit`, `plan_assessment`, `record_assessment`, `decide_units`, `close_valutazione`, `withdraw`, `refer`, `add_operator` |
//! | attestazione | `issue_validazione`, `request_certificazione`, `withdraw`, `add_operator` |
//! | certificazione | `record_commission_exam`, `issue_certificato`, `withdraw`, `add_operator` |
//! | validated | `request_certificazione` |
//! | closed after the trasparenza | `refer` |
//! | other outcomes | nothing |
//!
//! `refer` during identificazione draws up the Documento di trasparenza of what was recorded
//! first (when there is an experience), so the person keeps it. `issue_validazione` on a case
//! that ended without any assessment is refused with `procedure.no_assessment_done`.
//!
//! `change_frameworks` is not in the table: the engine records it, in any phase, before the
//! action of an operator who explicitly allowed other frameworks than those the case runs on
//! (`FrameworkPolicy::AllowChange`); a user cannot send it.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::json;

use super::action::{Action, ActionKind, OpenCase};
use super::event::{Head, GENESIS_HASH};
use super::refusal::{Party, Refusal, RefusalReason};
use super::roles::Role;
use super::state::{CaseState, Phase, Signed, Stamp};
use super::target::Target;
use super::time::Timestamp;
use super::{certification, identificazione, valutazione};
use crate::codes::Code;
use crate::framework::FrameworkSet;
use crate::report::Finding;
use crate::Path;

use ActionKind as K;

/// The actions a phase allows (to someone).
pub fn allowed_in(phase: Option<Phase>) -> &'static [ActionKind] {
    match phase {
        None => &[K::OpenCase],
        Some(Phase::Accoglienza) => &[
            K::SignDomanda,
            K::SignAdesione,
            K::AddCredit,
            K::Withdraw,
            K::Refer,
            K::AddOperator,
            K::RecordSession,
        ],
        Some(Phase::Identificazione) => &[
            K::AddExperience,
            K::UpdateExperience,
            K::AddEvidence,
            K::UpdateEvidence,
            K::AddClaim,
            K::UpdateClaim,
            K::JudgeEvidence,
            K::CorrectEvidenceJudgement,
            K::AddCredit,
            K::CloseIdentificazione,
            K::Withdraw,
            K::Refer,
            K::AddOperator,
            K::RecordSession,
        ],
        Some(Phase::Valutazione) => &[
            K::JudgeEvidence,
            K::CorrectEvidenceJudgement,
            K::AddCredit,
            K::PlanAssessment,
            K::RecordAssessment,
            K::DecideUnits,
            K::CloseValutazione,
            K::Withdraw,
            K::Refer,
            K::AddOperator,
            K::RecordSession,
        ],
        Some(Phase::Attestazione) => &[
            K::IssueValidazione,
            K::RequestCertificazione,
            K::Withdraw,
            K::AddOperator,
        ],
        Some(Phase::Certificazione) => &[
            K::RecordCommissionExam,
            K::IssueCertificato,
            K::Withdraw,
            K::AddOperator,
        ],
        Some(Phase::Validated) => &[K::RequestCertificazione],
        // The person keeps the Documento di trasparenza and may be referred after it.
        Some(Phase::ClosedAfterTrasparenza) => &[K::Refer],
        Some(Phase::Withdrawn | Phase::Referred | Phase::Certified) => &[],
    }
}

/// Who may do `kind` in `phase`. Issuing is open to all here: the handler refuses an
/// unauthorised issuer with the `attestation.unauthorised_issuer` rule instead.
pub fn parties(kind: ActionKind, phase: Option<Phase>) -> &'static [Party] {
    use Party as P;
    match kind {
        K::OpenCase => &[P::F1, P::Responsabile],
        K::SignDomanda => &[P::Person, P::F1],
        K::SignAdesione
        | K::AddExperience
        | K::UpdateExperience
        | K::AddEvidence
        | K::UpdateEvidence
        | K::AddClaim
        | K::UpdateClaim
        | K::CloseIdentificazione => &[P::F1],
        K::JudgeEvidence | K::CorrectEvidenceJudgement => match phase {
            Some(Phase::Valutazione) => &[P::F2, P::F3],
            _ => &[P::F1],
        },
        K::AddCredit => &[P::F1, P::F2],
        K::PlanAssessment | K::DecideUnits | K::CloseValutazione => &[P::F2],
        K::RecordAssessment => &[P::F2, P::F3],
        K::IssueValidazione | K::IssueCertificato => {
            &[P::Person, P::F1, P::F2, P::F3, P::Responsabile, P::Titolare]
        }
        K::RecordCommissionExam => &[P::Titolare],
        K::RequestCertificazione => &[P::Person, P::F2, P::Responsabile],
        K::Withdraw => &[P::Person, P::F1, P::F2, P::Responsabile],
        // The operators who hold the sessions record their language and mediator.
        K::Refer | K::RecordSession => &[P::F1, P::F2, P::Responsabile],
        K::AddOperator => &[P::Responsabile],
        K::ChangeFrameworks => &[P::Person, P::F1, P::F2, P::F3, P::Responsabile, P::Titolare],
    }
}

/// One step being applied.
pub(crate) struct Step<'a> {
    pub(crate) seq: u64,
    pub(crate) at: &'a str,
    pub(crate) time: Timestamp,
    pub(crate) actor: &'a str,
    pub(crate) frameworks: &'a Arc<FrameworkSet>,
}

impl Step<'_> {
    pub(crate) fn stamp(&self) -> Stamp {
        Stamp {
            seq: self.seq,
            at: self.at.to_owned(),
            by: self.actor.to_owned(),
        }
    }
}

type Outcome = Result<(), RefusalReason>;

pub(crate) fn rule(code: Code, message: impl Into<String>) -> RefusalReason {
    RefusalReason::Rule {
        code,
        message: message.into(),
    }
}

pub(crate) fn invalid(message: impl Into<String>) -> RefusalReason {
    RefusalReason::InvalidPayload {
        message: message.into(),
    }
}

/// Applies `action` to `state` (`None` before the case is opened) and returns the new state.
/// The returned state's `head` is not yet set: the caller seals the event and sets it.
pub(crate) fn apply(
    state: Option<&CaseState>,
    frameworks: &Arc<FrameworkSet>,
    seq: u64,
    at: &str,
    actor: &str,
    action: &Action,
) -> Result<CaseState, Refusal> {
    let phase = state.map(|s| s.phase);
    let kind = action.kind();
    let refuse = |reason| Refusal {
        action: kind,
        phase,
        allowed: allowed_in(phase).to_vec(),
        reason,
    };
    let time = Timestamp::parse(at).ok_or_else(|| {
        refuse(RefusalReason::InvalidTime {
            message: "expected YYYY-MM-DDTHH:MM:SS[.fraction]Z".to_owned(),
        })
    })?;
    if let Some(last) = state.and_then(|s| Timestamp::parse(&s.last_at)) {
        if time < last {
            return Err(refuse(RefusalReason::InvalidTime {
                message: "earlier than the case's last event".to_owned(),
            }));
        }
    }
    // `change_frameworks` is the engine's record of an allowed change: any phase of an
    // opened case (the refusal of a user-sent one is in `Case::act`).
    let engine_made = kind == K::ChangeFrameworks && state.is_some();
    if let Some(reason) = state.and_then(|s| no_assessment_done(s, kind)) {
        return Err(refuse(reason));
    }
    if !engine_made && !allowed_in(phase).contains(&kind) {
        return Err(refuse(RefusalReason::WrongPhase));
    }
    let step = Step {
        seq,
        at,
        time,
        actor,
        frameworks,
    };
    match (state, action) {
        (None, Action::OpenCase(open)) => open_case(&step, open).map_err(refuse),
        (Some(current), _) => {
            let held = held_parties(current, actor).ok_or_else(|| {
                refuse(RefusalReason::UnknownActor {
                    actor: actor.into(),
                })
            })?;
            let allowed = parties(kind, phase);
            if !held.iter().any(|p| allowed.contains(p)) {
                return Err(refuse(RefusalReason::ActorNotAllowed {
                    actor: actor.to_owned(),
                    allowed: allowed.to_vec(),
                }));
            }
            let mut next = current.clone();
            // Operators who act as F1 before valutazione are the case's F1, for terzietà.
            if matches!(current.phase, Phase::Accoglienza | Phase::Identificazione)
                && allowed.contains(&Party::F1)
                && held.contains(&Party::F1)
                && !next.f1_operators.iter().any(|o| o == actor)
            {
                next.f1_operators.push(actor.to_owned());
            }
            handle(&mut next, &step, action).map_err(refuse)?;
            at.clone_into(&mut next.last_at);
            Ok(next)
        }
        (None, _) => Err(refuse(RefusalReason::WrongPhase)),
    }
}

/// The parties an actor stands for; `None` when unknown.
fn held_parties(state: &CaseState, actor: &str) -> Option<Vec<Party>> {
    if actor == state.record.person.id {
        return Some(vec![Party::Person]);
    }
    state
        .operator(actor)
        .map(|o| o.roles.iter().map(|r| Party::from(*r)).collect())
}

fn handle(s: &mut CaseState, step: &Step<'_>, action: &Action) -> Outcome {
    match action {
        Action::OpenCase(_) => Err(RefusalReason::WrongPhase),
        Action::SignDomanda(sig) => {
            if s.domanda.is_some() {
                return Err(invalid("the domanda is already signed"));
            }
            s.domanda = Some(Signed {
                stamp: step.stamp(),
                document: sig.document.clone(),
            });
            enter_identificazione(s);
            Ok(())
        }
        Action::SignAdesione(sig) => {
            if s.adesione.is_some() {
                return Err(invalid("the Documento di adesione is already signed"));
            }
            let mut missing = Vec::new();
            if !s.eligibility.informed {
                missing.push("person not informed");
            }
            if !s.eligibility.requirements_met {
                missing.push("access requirements not met");
            }
            if !missing.is_empty() {
                return Err(rule(Code::ProcedureNotEligible, missing.join(", ")));
            }
            s.adesione = Some(Signed {
                stamp: step.stamp(),
                document: sig.document.clone(),
            });
            enter_identificazione(s);
            Ok(())
        }
        Action::AddExperience(_)
        | Action::UpdateExperience(_)
        | Action::AddEvidence(_)
        | Action::UpdateEvidence(_)
        | Action::AddClaim(_)
        | Action::UpdateClaim(_) => identificazione::edit_record(s, step, action),
        Action::JudgeEvidence(judgement) => {
            identificazione::evidence_judgement(s, step, judgement, false)
        }
        Action::CorrectEvidenceJudgement(correction) => {
            identificazione::evidence_judgement(s, step, &correction.judgement, true)
        }
        Action::AddCredit(credit) => valutazione::add_credit(s, step, credit),
        Action::CloseIdentificazione(close) => {
            identificazione::close_identificazione(s, step, *close)
        }
        Action::PlanAssessment(plan) => valutazione::plan(s, step, plan),
        Action::RecordAssessment(record) => valutazione::record(s, step, record),
        Action::DecideUnits(decisions) => valutazione::decide(s, step, decisions),
        Action::CloseValutazione(close) => valutazione::close(s, close),
        Action::IssueValidazione(details) => valutazione::issue_validazione(s, step, details),
        Action::RequestCertificazione(_) => certification::request(s, step),
        Action::RecordCommissionExam(exam) => certification::record_exam(s, step, exam),
        Action::IssueCertificato(details) => valutazione::issue_certificato(s, step, details),
        Action::Withdraw(note) => {
            s.withdrawal = Some((step.stamp(), note.clone()));
            s.phase = Phase::Withdrawn;
            Ok(())
        }
        Action::Refer(referral) => refer(s, step, referral),
        Action::AddOperator(operator) => {
            if !crate::formats::is_id(&operator.id)
                || operator.id == s.record.person.id
                || s.operator(&operator.id).is_some()
            {
                return Err(invalid(format!(
                    "operator id '{}' is malformed or already used",
                    operator.id
                )));
            }
            if operator.roles.is_empty() {
                return Err(invalid(format!("operator '{}' has no role", operator.id)));
            }
            s.operators.push(operator.clone());
            Ok(())
        }
        Action::RecordSession(session) => record_session(s, step, session),
        Action::ChangeFrameworks(change) => {
            if change.previous != s.frameworks {
                return Err(invalid(
                    "change_frameworks does not start from the frameworks the case runs on",
                ));
            }
            s.frameworks.clone_from(&change.frameworks);
            Ok(())
        }
    }
}

/// A referral during identificazione comes with the Documento di trasparenza of what was
/// recorded, never instead of it (the person keeps the document).
fn refer(s: &mut CaseState, step: &Step<'_>, referral: &super::action::Referral) -> Outcome {
    if s.phase == Phase::Identificazione && !s.record.experiences.is_empty() {
        identificazione::close_identificazione(
            s,
            step,
            super::action::CloseIdentificazione {
                proceed_to_valutazione: false,
            },
        )?;
    }
    s.referral = Some((step.stamp(), referral.clone()));
    s.phase = Phase::Referred;
    Ok(())
}

/// A Documento di validazione asked for on a case that ended without any assessment (after
/// the trasparenza, or referred or withdrawn before valutazione): a specific refusal rather
/// than the phase's, so the operator knows the path was transparency-only.
fn no_assessment_done(s: &CaseState, kind: ActionKind) -> Option<RefusalReason> {
    let ended = matches!(
        s.phase,
        Phase::ClosedAfterTrasparenza | Phase::Referred | Phase::Withdrawn
    );
    (kind == K::IssueValidazione && ended && s.results.is_empty()).then(|| {
        rule(
            Code::ProcedureNoAssessmentDone,
            "no assessment was done: the case ended with the Documento di trasparenza",
        )
    })
}

fn enter_identificazione(s: &mut CaseState) {
    if s.domanda.is_some() && s.adesione.is_some() {
        s.phase = Phase::Identificazione;
    }
}

/// The target must be a qualification of a repertoire the ente titolare owns (D.I. 5/1/2021
/// art. 3 c. 1).
fn check_repertoire(open: &OpenCase, target: &Target) -> Result<(), RefusalReason> {
    if !open.ente.titolare.repertoires.contains(&target.framework) {
        return Err(rule(
            Code::AttestationOutsideRepertoire,
            if open.ente.titolare.repertoires.is_empty() {
                format!(
                    "the ente titolare lists no repertoires (ente.titolare.repertoires), so \
                     repertoire '{}' is not among them",
                    target.framework
                )
            } else {
                format!(
                    "repertoire '{}' is not one of the ente titolare's ({})",
                    target.framework,
                    open.ente.titolare.repertoires.join(", ")
                )
            },
        ));
    }
    Ok(())
}

fn open_case(step: &Step<'_>, open: &OpenCase) -> Result<CaseState, RefusalReason> {
    if !crate::formats::is_id(&open.case_id) {
        return Err(invalid("case_id is not a valid id"));
    }
    let mut seen = Vec::new();
    for operator in &open.operators {
        if !crate::formats::is_id(&operator.id)
            || operator.id == open.record.person.id
            || seen.contains(&&operator.id)
        {
            return Err(invalid(format!(
                "operator id '{}' is malformed or used twice",
                operator.id
            )));
        }
        if operator.roles.is_empty() {
            return Err(invalid(format!("operator '{}' has no role", operator.id)));
        }
        seen.push(&operator.id);
    }
    let opener = open.operators.iter().find(|o| o.id == step.actor);
    let Some(opener) = opener else {
        return Err(RefusalReason::UnknownActor {
            actor: step.actor.to_owned(),
        });
    };
    if !opener.has(Role::F1) && !opener.has(Role::Responsabile) {
        return Err(RefusalReason::ActorNotAllowed {
            actor: step.actor.to_owned(),
            allowed: parties(K::OpenCase, None).to_vec(),
        });
    }
    let config = open.config.clone().unwrap_or_default();
    if config.evac_update_window_years == 0 {
        return Err(invalid(
            "config.evac_update_window_years must be at least 1",
        ));
    }
    let target = Target::resolve(step.frameworks, &open.target).ok_or_else(|| {
        invalid(format!(
            "target '{}' is not a qualification of the loaded frameworks",
            open.target
        ))
    })?;
    check_repertoire(open, &target)?;
    let findings = reserved_activity_findings(&target);
    let mut state = CaseState {
        case_id: open.case_id.clone(),
        phase: Phase::Accoglienza,
        opened: step.stamp(),
        head: Head {
            seq: step.seq,
            hash: GENESIS_HASH.to_owned(),
        },
        last_at: step.at.to_owned(),
        record: open.record.clone(),
        target_ref: open.target.clone(),
        target,
        ente: open.ente.clone(),
        operators: open.operators.clone(),
        config,
        profile: open.profile.clone(),
        continues: open.continues.clone(),
        eligibility: open.eligibility.clone(),
        domanda: None,
        adesione: None,
        f1_operators: Vec::new(),
        judgements: BTreeMap::new(),
        credits: Vec::new(),
        session: None,
        trasparenza: None,
        plan: None,
        results: Vec::new(),
        decisions: BTreeMap::new(),
        validazione: None,
        certificazione_requested: None,
        certificato: None,
        dossier: None,
        commission_exam: None,
        withdrawal: None,
        referral: None,
        findings,
        frameworks: open.frameworks.clone(),
    };
    identificazione::check_record(&mut state, step)?;
    if let Some(earlier) = &open.continues {
        super::continuation::take_over(&mut state, step, earlier)?;
    }
    Ok(state)
}

/// The finding of a target that gives access to a reserved activity (none otherwise).
fn reserved_activity_findings(target: &Target) -> Vec<Finding> {
    if !target.reserved_activity {
        return Vec::new();
    }
    vec![Finding::new(
        Code::QualificationReservedActivity,
        Path::root()
            .join("events")
            .join(0)
            .join("payload")
            .join("target"),
        BTreeMap::from([("qualification".to_owned(), json!(target.qualification))]),
    )]
}

/// `record_session`: the language must be one a person can be served in (ISO 639-1 or a
/// catalogue locale such as `prs`), the mediator id well formed and not the person's.
fn record_session(
    s: &mut CaseState,
    step: &Step<'_>,
    session: &crate::documents::SessionLanguage,
) -> Result<(), RefusalReason> {
    let language = session.language.as_str();
    if !crate::formats::is_language_code(language) && crate::l10n::resolve(language).is_none() {
        return Err(invalid(
            "the session language is not an ISO 639-1 code or a locale Attesta knows",
        ));
    }
    if let Some(mediator) = &session.mediator {
        if !crate::formats::is_id(&mediator.id) || mediator.id == s.record.person.id {
            return Err(invalid("the mediator id is malformed or the person's own"));
        }
    }
    s.session = Some(super::state::RecordedSession {
        stamp: step.stamp(),
        session: session.clone(),
    });
    Ok(())
}
