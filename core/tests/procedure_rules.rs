//! One test per rule of the procedure, each with a case that breaks it: the action is
//! refused with the rule's code (or, for rules in `finding` mode, recorded as a finding) and
//! the log does not grow.

mod procedure_common;

use attesta::procedure::{ActionKind, Case, Phase, RefusalReason};
use procedure_common::{act, action, assert_rule, demo_steps, demo_until, kind, run, with_open};
use serde_json::{json, Value};

const T: &str = "2025-09-15T08:00:00Z";
const EVAC: &str = "op-evac-07";

fn plan(assessors: &[&str]) -> Value {
    kind(
        "plan_assessment",
        json!({"assessors": assessors, "methods": {"1955": ["prova_prestazionale"]}}),
    )
}

/// The demo up to the plan, with the `open_case` payload edited.
fn valutazione_with(edit: impl FnOnce(&mut Value)) -> Case {
    run(&with_open(demo_until("16-plan"), edit))
}

fn finding_codes(case: &Case) -> Vec<&str> {
    case.state()
        .findings
        .iter()
        .map(|f| f.code.as_str())
        .collect()
}

#[test]
fn wrong_phase_names_phase_action_and_allowed_actions() {
    let mut case = run(&demo_until("15-close"));
    let refusal = act(&mut case, T, EVAC, plan(&[EVAC, "op-esperto-03"])).unwrap_err();
    assert_eq!(refusal.reason, RefusalReason::WrongPhase);
    assert_eq!(refusal.phase, Some(Phase::Identificazione));
    assert_eq!(refusal.action, ActionKind::PlanAssessment);
    assert!(refusal.allowed.contains(&ActionKind::CloseIdentificazione));
    let text = refusal.to_string();
    assert!(
        text.contains("plan_assessment") && text.contains("identificazione"),
        "{text}"
    );
}

#[test]
fn roles_and_unknown_actors_are_refused() {
    let mut case = run(&demo_until("16-plan"));
    let refusal = act(&mut case, T, "op-eitc-01", plan(&[EVAC])).unwrap_err();
    assert!(matches!(
        refusal.reason,
        RefusalReason::ActorNotAllowed { .. }
    ));
    let refusal = act(&mut case, T, "op-nobody", plan(&[EVAC])).unwrap_err();
    assert!(matches!(refusal.reason, RefusalReason::UnknownActor { .. }));
    // The person cannot add evidence for themself; the F1 operator does.
    let mut case = run(&demo_until("05-add-evidence"));
    let refusal = act(
        &mut case,
        T,
        "p-7f3a9c21",
        kind(
            "add_claim",
            json!({
        "id": "cl-x", "target": {"scheme": "rrfp_toscana.unit", "code": "1955"},
        "self_assessment": "yes"}),
        ),
    )
    .unwrap_err();
    assert!(matches!(
        refusal.reason,
        RefusalReason::ActorNotAllowed { .. }
    ));
}

#[test]
fn time_must_be_rfc3339_utc_and_never_go_back() {
    let mut case = run(&demo_until("16-plan"));
    for bad in ["2025-09-15 08:00", "2025-09-15T08:00:00+02:00"] {
        let refusal = act(&mut case, bad, EVAC, plan(&[EVAC, "op-esperto-03"])).unwrap_err();
        assert!(
            matches!(refusal.reason, RefusalReason::InvalidTime { .. }),
            "{bad}"
        );
    }
    let refusal = act(
        &mut case,
        "2025-09-01T00:00:00Z",
        EVAC,
        plan(&[EVAC, "op-esperto-03"]),
    )
    .unwrap_err();
    assert!(matches!(refusal.reason, RefusalReason::InvalidTime { .. }));
}

#[test]
fn board_needs_an_f2_assessor() {
    let mut case = run(&demo_until("16-plan"));
    assert_rule(
        &mut case,
        T,
        EVAC,
        plan(&["op-esperto-03"]),
        "assessment.no_f2_assessor",
    );
}

#[test]
fn board_needs_an_f3_expert_where_configured() {
    let mut case = run(&demo_until("16-plan"));
    assert_rule(&mut case, T, EVAC, plan(&[EVAC]), "assessment.no_f3_expert");
    let mut relaxed = valutazione_with(|p| p["config"] = json!({"require_f3": false}));
    act(&mut relaxed, T, EVAC, plan(&[EVAC])).unwrap();
}

/// A case whose F1 operator also holds F2 (and did the identificazione).
fn f1_also_f2(independence: &str) -> Case {
    valutazione_with(|p| {
        p["config"] = json!({"require_f3": false, "independence": independence});
        p["operators"][0]["roles"] = json!(["f1", "f2"]);
        p["operators"][0]["evac"] = json!({"listed_on": "2024-03-01"});
    })
}

#[test]
fn f1_operator_never_assesses_alone() {
    let mut case = f1_also_f2("not_sole_assessor");
    assert_rule(
        &mut case,
        T,
        "op-eitc-01",
        plan(&["op-eitc-01"]),
        "assessment.not_independent",
    );
}

#[test]
fn f1_operator_on_the_board_is_a_finding_or_a_refusal_by_configuration() {
    let mut case = f1_also_f2("not_sole_assessor");
    act(&mut case, T, EVAC, plan(&[EVAC, "op-eitc-01"])).unwrap();
    assert!(finding_codes(&case).contains(&"assessment.not_independent"));
    let mut strict = f1_also_f2("different_people");
    assert_rule(
        &mut strict,
        T,
        EVAC,
        plan(&[EVAC, "op-eitc-01"]),
        "assessment.not_independent",
    );
}

#[test]
fn f2_assessor_must_be_listed_in_the_register() {
    let mut case = valutazione_with(|p| {
        p["operators"][1].as_object_mut().unwrap().remove("evac");
    });
    assert_rule(
        &mut case,
        T,
        EVAC,
        plan(&[EVAC, "op-esperto-03"]),
        "roles.not_listed",
    );
}

#[test]
fn overdue_evac_update_is_flagged_or_refused() {
    // Listed after 22-4-2022 (2023): the window runs from 1-1-2024; with a one-year window it
    // closed on 1-1-2025 and no update was made.
    let overdue = |mode: &'static str| {
        valutazione_with(move |p| {
            p["config"] = json!({"evac_update_window_years": 1, "evac_update_overdue": mode});
            p["operators"][1]["evac"] = json!({"listed_on": "2023-03-01"});
        })
    };
    let mut case = overdue("finding");
    act(&mut case, T, EVAC, plan(&[EVAC, "op-esperto-03"])).unwrap();
    let finding = case
        .state()
        .findings
        .iter()
        .find(|f| f.code.as_str() == "roles.evac_update_overdue")
        .expect("flagged");
    assert_eq!(finding.context["window_start"], "2024-01-01");
    assert_eq!(finding.context["window_end"], "2025-01-01");
    let mut strict = overdue("refuse");
    assert_rule(
        &mut strict,
        T,
        EVAC,
        plan(&[EVAC, "op-esperto-03"]),
        "roles.evac_update_overdue",
    );
    // With the default five-year window the demo EVAC (listed 2019, updated 2025) is fine.
    let demo = run(&demo_steps());
    assert!(!finding_codes(&demo).contains(&"roles.evac_update_overdue"));
}

#[test]
fn target_must_be_in_the_titolare_repertoires() {
    // Another region's repertoire, and none at all (the field is optional because documents
    // share the type, but a case cannot open without it).
    for (repertoires, says) in [
        (
            json!(["rrfp_lombardia"]),
            "not one of the ente titolare's (rrfp_lombardia)",
        ),
        (json!([]), "the ente titolare lists no repertoires"),
        (json!(null), "the ente titolare lists no repertoires"),
    ] {
        let steps = with_open(demo_until("01-"), |p| {
            if repertoires.is_null() {
                p["ente"]["titolare"]
                    .as_object_mut()
                    .unwrap()
                    .remove("repertoires");
            } else {
                p["ente"]["titolare"]["repertoires"] = repertoires.clone();
            }
        });
        let refusal = Case::open(
            attesta::builtin::frameworks(),
            &steps[0].at,
            &steps[0].actor,
            &action(&steps[0].action),
        )
        .unwrap_err();
        assert_eq!(
            refusal.code().map(attesta::Code::as_str),
            Some("attestation.outside_repertoire")
        );
        assert!(refusal.to_string().contains(says), "{refusal}");
    }
}

#[test]
fn only_a_responsabile_issues() {
    let mut case = run(&demo_until("22-issue"));
    let issue = demo_steps().pop().unwrap().action;
    assert_rule(
        &mut case,
        "2025-09-29T09:00:00Z",
        EVAC,
        issue,
        "attestation.unauthorised_issuer",
    );
}

#[test]
fn a_uc_with_a_failed_or_missing_item_cannot_be_validated() {
    let mut case = run(&demo_until("20-decide"));
    let decide = |unit: &str| {
        kind(
            "decide_units",
            json!({"decisions": [{"unit": unit, "outcome": "validated"}]}),
        )
    };
    assert_rule(
        &mut case,
        "2025-09-22T16:00:00Z",
        EVAC,
        decide("1953"),
        "assessment.unit_rule_not_met",
    );
    assert_rule(
        &mut case,
        "2025-09-22T16:00:00Z",
        EVAC,
        decide("1948"),
        "assessment.unit_rule_not_met",
    );
}

#[test]
fn a_later_failure_undoes_a_decision_at_close() {
    let mut case = run(&demo_until("21-close"));
    act(
        &mut case,
        "2025-09-22T16:05:00Z",
        "op-esperto-03",
        kind(
            "record_assessment",
            json!({
        "method": "prova_prestazionale", "results": [{"item": "1954.S-C1", "outcome": "failed"}]}),
        ),
    )
    .unwrap();
    assert_rule(
        &mut case,
        "2025-09-22T16:10:00Z",
        EVAC,
        kind("close_valutazione", json!({})),
        "assessment.unit_rule_not_met",
    );
}

#[test]
fn esame_documentale_needs_accepted_pertinent_evidence() {
    let mut case = run(&demo_until("17-record"));
    let t = "2025-09-22T08:30:00Z";
    let doc = |evidence: Value| {
        kind(
            "record_assessment",
            json!({
        "method": "esame_documentale", "results": [{"item": "1955.S-C1", "outcome": "passed", "evidence": evidence}]}),
        )
    };
    assert_rule(
        &mut case,
        t,
        EVAC,
        doc(json!([])),
        "assessment.documentary_without_evidence",
    );
    // ev-course is accepted but pertinent to 1955.S-K1/K2/C2 only.
    assert_rule(
        &mut case,
        t,
        EVAC,
        doc(json!(["ev-course"])),
        "assessment.documentary_without_evidence",
    );
    // The photos are pertinent to 1955.C1 but self-issued: under the Tuscan profile they never
    // pass alone; under rules that allow it they do.
    assert_rule(
        &mut case,
        t,
        EVAC,
        doc(json!(["ev-photos"])),
        "assessment.documentary_self_issued_only",
    );
    let mut lenient = run(&with_open(demo_until("17-record"), |p| {
        p["config"] = json!({"self_issued_alone_passes": true});
    }));
    act(&mut lenient, t, EVAC, doc(json!(["ev-photos"]))).unwrap();
}

#[test]
fn results_must_follow_the_plan() {
    let mut case = run(&demo_until("17-record"));
    let t = "2025-09-22T08:30:00Z";
    let colloquio_1955_c1 = kind(
        "record_assessment",
        json!({
        "method": "osservazione_in_situazione", "results": [{"item": "1955.S-C1", "outcome": "passed"}]}),
    );
    assert_rule(
        &mut case,
        t,
        EVAC,
        colloquio_1955_c1,
        "assessment.not_planned",
    );
    let mut before_plan = run(&demo_until("16-plan"));
    let prova = kind(
        "record_assessment",
        json!({
        "method": "prova_prestazionale", "results": [{"item": "1955.S-C1", "outcome": "passed"}]}),
    );
    assert_rule(&mut before_plan, t, EVAC, prova, "assessment.not_planned");
}

#[test]
fn adesione_needs_information_and_eligibility() {
    let mut case = run(&with_open(demo_until("02-sign-adesione"), |p| {
        p["eligibility"]["requirements_met"] = json!(false);
    }));
    let adesione = kind("sign_adesione", json!({}));
    assert_rule(
        &mut case,
        "2025-09-01T09:00:00Z",
        "op-eitc-01",
        adesione,
        "procedure.not_eligible",
    );
    act(
        &mut case,
        "2025-09-01T09:00:00Z",
        "op-eitc-01",
        kind(
            "refer",
            json!({"reason": "not_eligible", "to": "Servizi di orientamento"}),
        ),
    )
    .unwrap();
    assert_eq!(case.state().phase, Phase::Referred);
}

#[test]
fn valutazione_needs_something_identified() {
    let mut case = run(&demo_until("03-"));
    let close = kind(
        "close_identificazione",
        json!({"proceed_to_valutazione": true}),
    );
    assert_rule(
        &mut case,
        T,
        "op-eitc-01",
        close,
        "procedure.nothing_to_validate",
    );
}

#[test]
fn reserved_activity_targets_are_flagged() {
    let mut framework: attesta::framework::Framework =
        serde_json::from_str(attesta::builtin::RRFP_TOSCANA_SAMPLE).unwrap();
    framework.qualifications[1].reserved_activity = true;
    let mut set = attesta::framework::FrameworkSet::new();
    set.insert(framework).unwrap();
    let step = &demo_steps()[0];
    let case = Case::open(
        std::sync::Arc::new(set),
        &step.at,
        &step.actor,
        &action(&step.action),
    )
    .unwrap();
    assert!(finding_codes(&case).contains(&"qualification.reserved_activity"));
}

#[test]
fn record_edits_must_keep_the_record_valid() {
    let mut case = run(&demo_until("05-add-evidence"));
    let bad = kind(
        "add_evidence",
        json!({"id": "ev-x", "kind": "payslip", "experiences": ["exp-none"]}),
    );
    let refusal = act(&mut case, T, "op-eitc-01", bad).unwrap_err();
    assert!(matches!(
        refusal.reason,
        RefusalReason::InvalidPayload { .. }
    ));
    assert!(
        refusal.to_string().contains("evidence.unknown_reference"),
        "{refusal}"
    );
    let dup = kind("add_experience", demo_steps()[3].action["payload"].clone());
    let refusal = act(&mut case, T, "op-eitc-01", dup).unwrap_err();
    assert!(refusal.to_string().contains("already exists"));
}

#[test]
fn outdated_evidence_is_flagged_and_not_accepted() {
    // Currency from the issue date (the pre-profile rule); the Tuscan profile measures it from
    // the end of the experience (see procedure_profile_rules.rs).
    let mut case = run(&with_open(demo_until("15-close"), |p| {
        p["config"] = json!({});
    }));
    let t = "2025-09-08T09:30:00Z";
    act(
        &mut case,
        t,
        "op-eitc-01",
        kind(
            "add_evidence",
            json!({
        "id": "ev-old", "kind": "employer_statement", "issuer": "Impresa", "issue_date": "2012-05",
        "experiences": ["exp-port"]}),
        ),
    )
    .unwrap();
    act(
        &mut case,
        t,
        "op-eitc-01",
        kind(
            "judge_evidence",
            json!({
        "evidence": "ev-old", "pertinent_to": ["1953"], "authenticity": "verified"}),
        ),
    )
    .unwrap();
    let findings = case.state().evidence_findings();
    let outdated = findings
        .iter()
        .find(|f| f.code.as_str() == "evidence.outdated")
        .expect("outdated");
    assert_eq!(outdated.context["years"], 13);
    let uc1953 = case
        .state()
        .sufficiency()
        .into_iter()
        .find(|s| s.unit == "1953")
        .unwrap();
    assert!(
        uc1953.covered.is_empty(),
        "outdated evidence covers nothing"
    );
}
