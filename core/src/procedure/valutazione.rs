//! Handlers of valutazione and attestazione: the board and its independence, results,
//! UC decisions, credits and the issue of attestations.

use std::collections::BTreeMap;

use serde_json::json;

use super::action::{CloseDecision, CloseValutazione, Issuance};
use super::assessment::{
    check_unit, AssessmentMethod, AssessmentPlan, AssessmentRecord, ItemOutcome, RecordedResult,
    UnitDecisions, UnitOutcome,
};
use super::config::{Independence, RuleMode};
use super::credit::Credit;
use super::machine::{invalid, rule, Step};
use super::refusal::RefusalReason;
use super::roles::{evac_status, EvacStatus, Role};
use super::rules;
use super::state::{CaseState, Issued, Phase, RecordedDecision, RecordedPlan};
use crate::codes::Code;
use crate::formats::Date;
use crate::report::Finding;
use crate::Path;

type Outcome = Result<(), RefusalReason>;

fn event_path(step: &Step<'_>) -> Path {
    Path::root()
        .join("events")
        .join(usize::try_from(step.seq).unwrap_or(usize::MAX))
        .join("payload")
}

fn push_finding(s: &mut CaseState, finding: Finding) {
    if !s.findings.contains(&finding) {
        s.findings.push(finding);
    }
}

pub(crate) fn add_credit(s: &mut CaseState, step: &Step<'_>, credit: &Credit) -> Outcome {
    if !crate::formats::is_id(&credit.id) || s.credits.iter().any(|c| c.id == credit.id) {
        return Err(invalid(format!(
            "credit id '{}' is malformed or already used",
            credit.id
        )));
    }
    let issued = Date::parse(&credit.issued_on)
        .ok_or_else(|| invalid("credit issued_on must be YYYY-MM-DD"))?;
    if issued > step.time.date {
        return Err(invalid("credit issued_on is after the event's day"));
    }
    if credit.units.is_empty() {
        return Err(invalid("a credit covers at least one UC"));
    }
    if let Some(unit) = credit.units.iter().find(|u| s.target.unit(u).is_none()) {
        return Err(invalid(format!("'{unit}' is not a UC of the target")));
    }
    s.credits.push(credit.clone());
    Ok(())
}

/// Checks an F2 assessor against the register on the event's day.
fn check_register(s: &mut CaseState, step: &Step<'_>, operator_id: &str) -> Outcome {
    let Some(operator) = s.operator(operator_id) else {
        return Ok(());
    };
    if !operator.has(Role::F2) {
        return Ok(());
    }
    let Some(listing) = operator.evac.clone() else {
        if s.config.require_register_listing {
            return Err(rule(
                Code::RolesNotListed,
                format!("assessor '{operator_id}' is not listed in the regional register"),
            ));
        }
        return Ok(());
    };
    let listed = Date::parse(&listing.listed_on)
        .ok_or_else(|| invalid(format!("listed_on of '{operator_id}' is not YYYY-MM-DD")))?;
    rules::check_listing(s, step, operator_id, &listing, listed)?;
    let update =
        match &listing.last_update {
            Some(text) => Some(Date::parse(text).ok_or_else(|| {
                invalid(format!("last_update of '{operator_id}' is not YYYY-MM-DD"))
            })?),
            None => None,
        };
    let status = evac_status(
        listed,
        update,
        step.time.date,
        s.config.evac_update_window_years,
    );
    if let EvacStatus::UpdateOverdue {
        window_start,
        window_end,
    } = status
    {
        let context = BTreeMap::from([
            ("operator".to_owned(), json!(operator_id)),
            ("window_start".to_owned(), json!(window_start.to_string())),
            ("window_end".to_owned(), json!(window_end.to_string())),
        ]);
        match s.config.evac_update_overdue {
            RuleMode::Refuse => {
                return Err(rule(
                    Code::RolesEvacUpdateOverdue,
                    format!("assessor '{operator_id}' has no update since {window_start}"),
                ))
            }
            RuleMode::Finding => push_finding(
                s,
                Finding::new(Code::RolesEvacUpdateOverdue, event_path(step), context),
            ),
        }
    }
    Ok(())
}

pub(crate) fn plan(s: &mut CaseState, step: &Step<'_>, plan: &AssessmentPlan) -> Outcome {
    if plan.assessors.is_empty() {
        return Err(rule(Code::AssessmentNoF2Assessor, "the board is empty"));
    }
    let mut has_f2 = false;
    let mut has_f3 = false;
    for id in &plan.assessors {
        let operator = s
            .operator(id)
            .ok_or_else(|| invalid(format!("assessor '{id}' is not an operator of the case")))?;
        if !operator.has(Role::F2) && !operator.has(Role::F3) {
            return Err(invalid(format!("assessor '{id}' holds neither f2 nor f3")));
        }
        has_f2 |= operator.has(Role::F2);
        has_f3 |= operator.has(Role::F3);
    }
    if !has_f2 {
        return Err(rule(
            Code::AssessmentNoF2Assessor,
            "no member of the board holds f2",
        ));
    }
    if s.config.require_f3 && !has_f3 {
        return Err(rule(
            Code::AssessmentNoF3Expert,
            "the configuration requires an f3 esperto di settore",
        ));
    }
    rules::check_board(s, plan)?;
    for (unit, methods) in &plan.methods {
        if s.target.unit(unit).is_none() {
            return Err(invalid(format!("'{unit}' is not a UC of the target")));
        }
        if methods.is_empty() {
            return Err(invalid(format!("no method planned for UC '{unit}'")));
        }
    }
    // Terzietà: an F1 of the case never assesses alone; with `different_people` not at all.
    let f1_on_board: Vec<&String> = plan
        .assessors
        .iter()
        .filter(|a| s.f1_operators.contains(a))
        .collect();
    let sole = f1_on_board.len() == plan.assessors.len();
    if let Some(first) = f1_on_board.first() {
        let rule_name = match s.config.independence {
            Independence::NotSoleAssessor => "not_sole_assessor",
            Independence::DifferentPeople => "different_people",
        };
        if sole || s.config.independence == Independence::DifferentPeople {
            return Err(rule(
                Code::AssessmentNotIndependent,
                format!("operator '{first}' did the identificazione (rule: {rule_name})"),
            ));
        }
        for operator in f1_on_board {
            let context = BTreeMap::from([
                ("operator".to_owned(), json!(operator)),
                ("rule".to_owned(), json!(rule_name)),
            ]);
            let finding = Finding::new(Code::AssessmentNotIndependent, event_path(step), context);
            push_finding(s, finding);
        }
    }
    for id in plan.assessors.clone() {
        check_register(s, step, &id)?;
    }
    for finding in rules::sufficiency_findings(s, step, plan) {
        push_finding(s, finding);
    }
    s.plan = Some(RecordedPlan {
        stamp: step.stamp(),
        plan: plan.clone(),
    });
    Ok(())
}

fn on_board<'a>(s: &'a CaseState, step: &Step<'_>) -> Result<&'a AssessmentPlan, RefusalReason> {
    let plan = s
        .plan
        .as_ref()
        .ok_or_else(|| rule(Code::AssessmentNotPlanned, "no assessment plan"))?;
    if !plan.plan.assessors.iter().any(|a| a == step.actor) {
        return Err(rule(
            Code::AssessmentNotPlanned,
            format!("'{}' is not on the board", step.actor),
        ));
    }
    Ok(&plan.plan)
}

pub(crate) fn record(s: &mut CaseState, step: &Step<'_>, record: &AssessmentRecord) -> Outcome {
    let plan = on_board(s, step)?;
    if record.results.is_empty() {
        return Err(invalid("no results"));
    }
    let date = step.time.date;
    for result in &record.results {
        let (unit, _) = s
            .target
            .item(&result.item)
            .ok_or_else(|| invalid(format!("'{}' is not an item of the target", result.item)))?;
        let planned = plan
            .methods
            .get(&unit.code)
            .is_some_and(|m| m.contains(&record.method));
        if !planned {
            return Err(rule(
                Code::AssessmentNotPlanned,
                format!(
                    "method {} is not planned for UC '{}'",
                    record.method.as_str(),
                    unit.code
                ),
            ));
        }
        if record.method == AssessmentMethod::EsameDocumentale
            && result.outcome == ItemOutcome::Passed
        {
            rules::check_documentary(s, date, &result.item, &unit.code, &result.evidence)?;
        }
    }
    check_register(s, step, step.actor)?;
    let session_date = session_date(record.date.as_deref(), step)?;
    for result in &record.results {
        s.results.push(RecordedResult {
            seq: step.seq,
            by: step.actor.to_owned(),
            method: record.method,
            date: Some(session_date.clone()),
            result: result.clone(),
        });
    }
    Ok(())
}

pub(crate) fn decide(s: &mut CaseState, step: &Step<'_>, decisions: &UnitDecisions) -> Outcome {
    on_board(s, step)?;
    if decisions.decisions.is_empty() {
        return Err(invalid("no decisions"));
    }
    let mut seen = Vec::new();
    for decision in &decisions.decisions {
        let unit = s
            .target
            .unit(&decision.unit)
            .ok_or_else(|| invalid(format!("'{}' is not a UC of the target", decision.unit)))?;
        if seen.contains(&&decision.unit) {
            return Err(invalid(format!("UC '{}' decided twice", decision.unit)));
        }
        seen.push(&decision.unit);
        if decision.outcome == UnitOutcome::Validated {
            let check = check_unit(unit, &s.results, &s.config);
            if !check.may_validate() {
                return Err(unit_rule_refusal(&unit.code, &check));
            }
        }
    }
    for decision in &decisions.decisions {
        s.decisions.insert(
            decision.unit.clone(),
            RecordedDecision {
                stamp: step.stamp(),
                decision: decision.clone(),
            },
        );
    }
    Ok(())
}

fn unit_rule_refusal(unit: &str, check: &super::assessment::UnitCheck) -> RefusalReason {
    rule(
        Code::AssessmentUnitRuleNotMet,
        format!(
            "UC '{unit}': not covered [{}], failed [{}]",
            check.missing.join(", "),
            check.failed.join(", ")
        ),
    )
}

pub(crate) fn close(s: &mut CaseState, close: &CloseValutazione) -> Outcome {
    let validated = s.validated_units();
    // Results recorded after a decision may have broken it: decide again first.
    for code in &validated {
        if let Some(unit) = s.target.unit(code) {
            let check = check_unit(unit, &s.results, &s.config);
            if !check.may_validate() {
                return Err(unit_rule_refusal(code, &check));
            }
        }
    }
    if !validated.is_empty() {
        if close.decision.is_some() {
            return Err(invalid(
                "'decision' is only for a valutazione that validated nothing",
            ));
        }
        s.phase = Phase::Attestazione;
        return Ok(());
    }
    if close.decision.is_none() && s.config.close_without_validation_needs_decision {
        return Err(rule(
            Code::ProcedureCloseNeedsDecision,
            "nothing is validated: decide end_after_trasparenza or return_to_identificazione",
        ));
    }
    s.phase = if close.decision == Some(CloseDecision::ReturnToIdentificazione) {
        // A new plan is needed after the record changes; the results stay in the log.
        s.plan = None;
        Phase::Identificazione
    } else {
        Phase::ClosedAfterTrasparenza
    };
    Ok(())
}

/// Checks shared by the two attestations: an authorised issuer, something validated, and
/// assessment results behind every attested UC.
fn attestable(s: &CaseState, step: &Step<'_>) -> Result<Vec<String>, RefusalReason> {
    if !s
        .operator(step.actor)
        .is_some_and(|o| o.has(Role::Responsabile))
    {
        return Err(rule(
            Code::AttestationUnauthorisedIssuer,
            format!(
                "'{}' is not a responsabile of the ente titolato",
                step.actor
            ),
        ));
    }
    let units = s.validated_units();
    if units.is_empty() {
        return Err(rule(
            Code::AttestationNothingValidated,
            "no UC is validated",
        ));
    }
    for code in &units {
        let assessed = s.target.unit(code).is_some_and(|unit| {
            s.results
                .iter()
                .any(|r| unit.items().any(|(item, _)| item == r.result.item))
        });
        if !assessed {
            return Err(rule(
                Code::AttestationNoAssessment,
                format!("UC '{code}' has no assessment result"),
            ));
        }
    }
    Ok(units)
}

pub(crate) fn issue_validazione(s: &mut CaseState, step: &Step<'_>, details: &Issuance) -> Outcome {
    let units = attestable(s, step)?;
    rules::check_evac_in_attestazione(s, step, details)?;
    s.validazione = Some(Issued {
        stamp: step.stamp(),
        details: details.clone(),
        units,
    });
    s.phase = Phase::Validated;
    Ok(())
}

pub(crate) fn issue_certificato(s: &mut CaseState, step: &Step<'_>, details: &Issuance) -> Outcome {
    let units = if s.config.certificato_by_titolare {
        super::certification::certified_units(s, step)?
    } else {
        attestable(s, step)?
    };
    s.certificato = Some(Issued {
        stamp: step.stamp(),
        details: details.clone(),
        units,
    });
    s.phase = Phase::Certified;
    Ok(())
}

/// The day of an assessment session: the payload's `date` (a well-formed day, not after the
/// event that records it), else the event's day.
fn session_date(date: Option<&str>, step: &Step<'_>) -> Result<String, RefusalReason> {
    let Some(text) = date else {
        return Ok(step.time.date.to_string());
    };
    match crate::formats::Date::parse(text) {
        Some(day) if day <= step.time.date => Ok(day.to_string()),
        Some(_) => Err(invalid(
            "the session date is after the event that records it",
        )),
        None => Err(invalid("the session date is not YYYY-MM-DD")),
    }
}
