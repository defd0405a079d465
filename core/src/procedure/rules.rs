//! The rules of the titolare profile that go beyond the phase table: the size of the board
//! and the people present without an IVC function, the EVAC register (entry id, listing day,
//! the transition training), the esame documentale (never on self-issued evidence alone, and
//! per item where the profile says so), the per-UC sufficiency findings and the EVAC's part
//! in the attestazione.

use std::collections::BTreeMap;

use serde_json::json;

use super::action::Issuance;
use super::assessment::{AssessmentMethod, AssessmentPlan};
use super::evidence::pertinent_for_documentary;
use super::machine::{invalid, rule, Step};
use super::refusal::RefusalReason;
use super::roles::{EvacListing, Role, EVAC_AVVISO_DATE};
use super::state::CaseState;
use crate::codes::Code;
use crate::formats::Date;
use crate::report::Finding;
use crate::Path;

type Outcome = Result<(), RefusalReason>;

/// Board size (distinct people) and the people present without an IVC function.
pub(crate) fn check_board(s: &CaseState, plan: &AssessmentPlan) -> Outcome {
    let mut distinct: Vec<&String> = plan.assessors.iter().collect();
    distinct.sort();
    distinct.dedup();
    let required = usize::from(s.config.min_board_size);
    if distinct.len() < required {
        return Err(rule(
            Code::AssessmentBoardTooSmall,
            format!(
                "the board has {} distinct people; the rules require {required}",
                distinct.len()
            ),
        ));
    }
    for presence in &plan.present {
        if !crate::formats::is_id(&presence.id) {
            return Err(invalid("a person present has a malformed id"));
        }
        if plan.assessors.contains(&presence.id) {
            return Err(invalid(format!(
                "'{}' is present without an IVC function and cannot be an assessor",
                presence.id
            )));
        }
        let language_ok = presence.language.len() == 2
            && presence.language.bytes().all(|b| b.is_ascii_lowercase());
        if !language_ok {
            return Err(invalid(
                "the language of a session is an ISO 639-1 code (e.g. 'ar')",
            ));
        }
    }
    Ok(())
}

/// The register rules beyond the listing itself: entry id, listed on or before the day, and
/// for those listed before the avviso the transition training by its deadline.
pub(crate) fn check_listing(
    s: &CaseState,
    step: &Step<'_>,
    operator_id: &str,
    listing: &EvacListing,
    listed: Date,
) -> Outcome {
    if s.config.require_register_entry
        && listing
            .register_entry
            .as_deref()
            .is_none_or(|e| e.trim().is_empty())
    {
        return Err(rule(
            Code::RolesNoRegisterEntry,
            format!("assessor '{operator_id}' has no register entry id"),
        ));
    }
    if listed > step.time.date {
        return Err(rule(
            Code::RolesListedAfterAssessment,
            format!("assessor '{operator_id}' was not yet listed on the day"),
        ));
    }
    let Some(deadline) = s
        .config
        .evac_transition_training_deadline
        .as_deref()
        .and_then(Date::parse)
    else {
        return Ok(());
    };
    if listed >= EVAC_AVVISO_DATE || step.time.date <= deadline {
        return Ok(());
    }
    let completed = match &listing.transition_training_on {
        Some(text) => Some(Date::parse(text).ok_or_else(|| {
            invalid(format!(
                "transition_training_on of '{operator_id}' is not YYYY-MM-DD"
            ))
        })?),
        None => None,
    };
    if completed.is_some_and(|day| day <= deadline) {
        return Ok(());
    }
    Err(rule(
        Code::RolesEvacTrainingMissing,
        format!("assessor '{operator_id}' did not complete the compulsory training by {deadline}"),
    ))
}

/// The esame documentale pass of `item` (of UC `unit`) on `evidence`: every item accepted and
/// pertinent (to the item itself where the profile says so), and not all self-issued unless
/// the profile allows it.
pub(crate) fn check_documentary(
    s: &CaseState,
    date: Date,
    item: &str,
    unit: &str,
    evidence: &[String],
) -> Outcome {
    let supported = !evidence.is_empty()
        && evidence.iter().all(|id| {
            let found = s.record.evidence.iter().find(|e| &e.id == id);
            match (found, s.judgements.get(id)) {
                (Some(e), Some(j)) => {
                    super::evidence::is_accepted(&s.record, e, &j.judgement, date, &s.config)
                        && pertinent_for_documentary(&j.judgement, item, unit, &s.config)
                }
                _ => false,
            }
        });
    if !supported {
        let lacking = lacking_items(s, date, unit);
        return Err(rule(
            Code::AssessmentDocumentaryWithoutEvidence,
            format!(
                "item '{item}' needs accepted evidence pertinent to it (UC '{unit}' lacks \
                 support for [{}])",
                lacking.join(", ")
            ),
        ));
    }
    let all_self_issued = evidence.iter().all(|id| {
        s.record
            .evidence
            .iter()
            .any(|e| &e.id == id && e.self_issued)
    });
    if all_self_issued && !s.config.self_issued_alone_passes {
        return Err(rule(
            Code::AssessmentDocumentarySelfIssuedOnly,
            format!("item '{item}' rests only on self-issued evidence"),
        ));
    }
    Ok(())
}

/// The items of UC `unit` that accepted evidence does not cover for an esame documentale.
fn lacking_items(s: &CaseState, date: Date, unit: &str) -> Vec<String> {
    super::evidence::sufficiency(&s.target, &s.record, &s.judgements, date, &s.config)
        .into_iter()
        .find(|u| u.unit == unit)
        .map(|u| u.to_assess.into_keys().collect())
        .unwrap_or_default()
}

/// One finding per UC planned with an esame documentale whose accepted evidence leaves items
/// without support, naming them (the board then plans other methods or asks for evidence).
pub(crate) fn sufficiency_findings(
    s: &CaseState,
    step: &Step<'_>,
    plan: &AssessmentPlan,
) -> Vec<Finding> {
    let path = Path::root()
        .join("events")
        .join(usize::try_from(step.seq).unwrap_or(usize::MAX))
        .join("payload")
        .join("methods");
    super::evidence::sufficiency(
        &s.target,
        &s.record,
        &s.judgements,
        step.time.date,
        &s.config,
    )
    .into_iter()
    .filter(|u| {
        !u.to_assess.is_empty()
            && plan
                .methods
                .get(&u.unit)
                .is_some_and(|m| m.contains(&AssessmentMethod::EsameDocumentale))
    })
    .map(|u| {
        let items: Vec<String> = u.to_assess.into_keys().collect();
        Finding::new(
            Code::EvidenceInsufficientForUnit,
            path.join(u.unit.as_str()),
            BTreeMap::from([
                ("unit".to_owned(), json!(u.unit)),
                ("items".to_owned(), json!(items.join(", "))),
            ]),
        )
    })
    .collect()
}

/// Where the profile wants it, an F2 assessor of the board takes part in the attestazione:
/// issuing it or named among its `participants`.
pub(crate) fn check_evac_in_attestazione(
    s: &CaseState,
    step: &Step<'_>,
    details: &Issuance,
) -> Outcome {
    if !s.config.evac_in_attestazione {
        return Ok(());
    }
    let board = s.plan.as_ref().map(|p| &p.plan.assessors);
    let takes_part = |id: &str| {
        board.is_some_and(|b| b.iter().any(|a| a == id))
            && s.operator(id).is_some_and(|o| o.has(Role::F2))
    };
    if takes_part(step.actor) || details.participants.iter().any(|p| takes_part(p)) {
        return Ok(());
    }
    Err(rule(
        Code::AttestationWithoutEvac,
        "no F2 assessor of the board takes part in the attestazione",
    ))
}
