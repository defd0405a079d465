//! Handlers of accoglienza and identificazione: edits of the record, evidence judgements
//! and the close of identificazione, which fixes the Documento di trasparenza data.

use std::sync::Arc;

use super::action::{Action, CloseIdentificazione};
use super::evidence;
use super::machine::{invalid, rule, Step};
use super::refusal::RefusalReason;
use super::state::{CaseState, Phase, PotentialCompetence, Trasparenza};
use crate::codes::Code;
use crate::model::SelfAssessment;
use crate::report::Severity;
use crate::validate::ValidationOptions;

type Outcome = Result<(), RefusalReason>;

/// The identificazione edits of the record; ids must be new for `add_*` and known for
/// `update_*`, and the record must stay free of errors.
pub(crate) fn edit_record(s: &mut CaseState, step: &Step<'_>, action: &Action) -> Outcome {
    match action {
        Action::AddExperience(item) => {
            if s.record.experiences.iter().any(|e| e.id == item.id) {
                return Err(invalid(format!("experience '{}' already exists", item.id)));
            }
            s.record.experiences.push(item.clone());
            check_record(s, step)
        }
        Action::UpdateExperience(item) => {
            let slot = s.record.experiences.iter_mut().find(|e| e.id == item.id);
            *slot.ok_or_else(|| invalid(format!("no experience '{}'", item.id)))? = item.clone();
            check_record(s, step)
        }
        Action::AddEvidence(item) => {
            if s.record.evidence.iter().any(|e| e.id == item.id) {
                return Err(invalid(format!("evidence '{}' already exists", item.id)));
            }
            s.record.evidence.push(item.clone());
            check_record(s, step)
        }
        Action::UpdateEvidence(item) => {
            let slot = s.record.evidence.iter_mut().find(|e| e.id == item.id);
            *slot.ok_or_else(|| invalid(format!("no evidence '{}'", item.id)))? = item.clone();
            check_record(s, step)
        }
        Action::AddClaim(item) => {
            if s.record.claims.iter().any(|c| c.id == item.id) {
                return Err(invalid(format!("claim '{}' already exists", item.id)));
            }
            s.record.claims.push(item.clone());
            check_record(s, step)
        }
        Action::UpdateClaim(item) => {
            let slot = s.record.claims.iter_mut().find(|c| c.id == item.id);
            *slot.ok_or_else(|| invalid(format!("no claim '{}'", item.id)))? = item.clone();
            check_record(s, step)
        }
        _ => Err(RefusalReason::WrongPhase),
    }
}

/// Fixes the Documento di trasparenza data and goes on to valutazione or stops.
pub(crate) fn close_identificazione(
    s: &mut CaseState,
    step: &Step<'_>,
    close: CloseIdentificazione,
) -> Outcome {
    let competences = potential_competences(s);
    if close.proceed_to_valutazione && competences.is_empty() {
        return Err(rule(
            Code::ProcedureNothingToValidate,
            "no UC identified as a potential object of validation",
        ));
    }
    s.trasparenza = Some(Trasparenza {
        stamp: step.stamp(),
        competences,
        proceed_to_valutazione: close.proceed_to_valutazione,
    });
    s.phase = if close.proceed_to_valutazione {
        Phase::Valutazione
    } else {
        Phase::ClosedAfterTrasparenza
    };
    Ok(())
}

/// Refuses a record with errors (ids, references, formats, claims outside the frameworks),
/// checked as of the event's day.
pub(crate) fn check_record(s: &mut CaseState, step: &Step<'_>) -> Outcome {
    let validator = ValidationOptions::default()
        .reference_date(step.time.date)
        .build_with(Arc::clone(step.frameworks))
        .map_err(|e| invalid(e.to_string()))?;
    let report = validator.validate_record(&s.record);
    let errors: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{} at /record{}", f.code, f.path))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(invalid(format!(
            "the record would have errors: {}",
            errors.join("; ")
        )))
    }
}

pub(crate) fn evidence_judgement(
    s: &mut CaseState,
    step: &Step<'_>,
    judgement: &evidence::EvidenceJudgement,
    correction: bool,
) -> Outcome {
    if !s.record.evidence.iter().any(|e| e.id == judgement.evidence) {
        return Err(invalid(format!("no evidence '{}'", judgement.evidence)));
    }
    if let Some(code) = judgement
        .pertinent_to
        .iter()
        .find(|c| s.target.unit_of(c).is_none())
    {
        return Err(invalid(format!(
            "'{code}' is not a UC, capacità or conoscenza of the target"
        )));
    }
    let earlier = s.judgements.get(&judgement.evidence);
    let replaces = match (earlier, correction) {
        (Some(_), false) => {
            return Err(invalid(format!(
                "evidence '{}' is already judged; use correct_evidence_judgement",
                judgement.evidence
            )))
        }
        (None, true) => {
            return Err(invalid(format!(
                "evidence '{}' has no judgement to correct",
                judgement.evidence
            )))
        }
        (Some(e), true) => {
            let mut chain = e.replaces.clone();
            chain.push(e.seq);
            chain
        }
        (None, false) => Vec::new(),
    };
    s.judgements.insert(
        judgement.evidence.clone(),
        evidence::RecordedJudgement {
            judgement: judgement.clone(),
            by: step.actor.to_owned(),
            seq: step.seq,
            replaces,
        },
    );
    Ok(())
}

/// UCs with a claim (not self-assessed "no") or accepted pertinent evidence.
fn potential_competences(s: &CaseState) -> Vec<PotentialCompetence> {
    let date = s.case_date();
    let mut out = Vec::new();
    for unit in &s.target.units {
        let claims: Vec<_> = s
            .record
            .claims
            .iter()
            .filter(|c| c.self_assessment != SelfAssessment::No)
            .filter(|c| {
                s.target
                    .units_of_ref(&c.target)
                    .iter()
                    .any(|u| u.code == unit.code)
            })
            .collect();
        let accepted: Vec<_> = s
            .record
            .evidence
            .iter()
            .filter(|e| {
                s.judgements.get(&e.id).is_some_and(|j| {
                    evidence::is_accepted(&s.record, e, &j.judgement, date, &s.config)
                        && j.judgement
                            .pertinent_to
                            .iter()
                            .any(|c| s.target.unit_of(c).is_some_and(|u| u.code == unit.code))
                })
            })
            .collect();
        if claims.is_empty() && accepted.is_empty() {
            continue;
        }
        let mut experiences: Vec<String> = claims
            .iter()
            .flat_map(|c| c.experiences.iter())
            .chain(accepted.iter().flat_map(|e| e.experiences.iter()))
            .cloned()
            .collect();
        experiences.sort();
        experiences.dedup();
        let mut evidence: Vec<String> = claims
            .iter()
            .flat_map(|c| c.evidence.iter().cloned())
            .chain(accepted.iter().map(|e| e.id.clone()))
            .collect();
        evidence.sort();
        evidence.dedup();
        out.push(PotentialCompetence {
            unit: unit.code.clone(),
            title: unit.title.clone(),
            claims: claims.iter().map(|c| c.id.clone()).collect(),
            experiences,
            evidence,
        });
    }
    out
}
