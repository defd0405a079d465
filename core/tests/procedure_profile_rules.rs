//! The rules of the titolare profile (issue 11): where the rules come from, who may sit on the
//! board, the EVAC register, evidence as an assessor judges it and the explicit decision when
//! nothing is validated. Every rule has a row that breaks it (refused with its code, the log
//! unchanged, or flagged) and one that satisfies it, under the bundled Tuscan profile.

mod procedure_common;

use attesta::framework::FrameworkSetBuilder;
use attesta::procedure::{Case, Phase};
use procedure_common::{
    act, action, assert_rule, demo_steps, demo_until, frameworks_with_rules, kind, run, with_open,
};
use serde_json::{json, Value};

const T: &str = "2025-09-15T08:00:00Z";
const EVAC: &str = "op-evac-07";
const EXPERT: &str = "op-esperto-03";

#[allow(clippy::needless_pass_by_value)] // tests pass `json!` literals
fn plan(assessors: &[&str], extra: Value) -> Value {
    let mut payload = json!({"assessors": assessors, "methods": {"1955": ["prova_prestazionale"]}});
    if let (Some(p), Some(e)) = (payload.as_object_mut(), extra.as_object()) {
        p.extend(e.clone());
    }
    kind("plan_assessment", payload)
}

/// The demo up to the plan, with the `open_case` payload edited.
fn valutazione_with(edit: impl FnOnce(&mut Value)) -> Case {
    run(&with_open(demo_until("16-plan"), edit))
}

/// Applies `value` and returns whether it went through, or the refusal's code.
fn outcome(case: &mut Case, at: &str, actor: &str, value: Value) -> Result<(), String> {
    let before = case.events().len();
    match act(case, at, actor, value) {
        Ok(()) => Ok(()),
        Err(refusal) => {
            assert_eq!(
                case.events().len(),
                before,
                "a refusal must not grow the log"
            );
            Err(refusal
                .code()
                .map_or_else(|| refusal.to_string(), |c| c.as_str().to_owned()))
        }
    }
}

#[test]
fn rules_come_from_the_titolare_profile_not_from_the_opener() {
    let steps = demo_steps();
    let open = &steps[0];
    // The opener may not choose the rules.
    let mut sent = open.action.clone();
    sent["payload"]["config"] = json!({"min_board_size": 1});
    let refusal = Case::open(
        attesta::builtin::frameworks(),
        &open.at,
        &open.actor,
        &action(&sent),
    )
    .unwrap_err();
    assert!(
        refusal.to_string().contains("titolare profile"),
        "{refusal}"
    );
    // Without a loaded profile, the bundled Tuscan one applies and is recorded.
    let case = run(&demo_until("01-sign"));
    let tuscany = attesta::procedure::regione_toscana();
    assert_eq!(case.state().profile, Some(tuscany.stamp()));
    assert_eq!(case.state().config, tuscany.procedure);
    assert_eq!(case.events()[0].payload["profile"]["id"], "regione_toscana");
    // A profile loaded with the frameworks (as JSON, like a framework source) applies instead.
    let custom = frameworks_with_rules(&json!({"min_board_size": 3}));
    let case = Case::open(custom, &open.at, &open.actor, &action(&open.action)).unwrap();
    assert_eq!(case.state().config.min_board_size, 3);
    assert_eq!(case.state().profile.as_ref().unwrap().id, "test_profile");
    // A profile of another titolare is refused.
    let other =
        json!({"id": "lazio", "version": "1", "titolare": "Regione Lazio", "procedure": {}});
    let lazio = FrameworkSetBuilder::new()
        .json("lazio.json", &other.to_string())
        .unwrap()
        .build()
        .unwrap();
    let refusal = Case::open(
        lazio.set().clone(),
        &open.at,
        &open.actor,
        &action(&open.action),
    )
    .unwrap_err();
    assert_eq!(
        refusal.code().map(attesta::Code::as_str),
        Some("procedure.profile_other_titolare")
    );
    // Two profiles in one load are a duplicate, naming both sources.
    let twice = FrameworkSetBuilder::new()
        .json("a.json", &other.to_string())
        .unwrap()
        .json("b.json", &other.to_string())
        .unwrap()
        .build()
        .unwrap_err();
    assert!(twice.to_string().contains("a.json") && twice.to_string().contains("b.json"));
}

/// One row of the board table: what it shows, the `open_case` edit, the board, extra plan
/// fields and the expected outcome.
type BoardRow = (
    &'static str,
    fn(&mut Value),
    Vec<&'static str>,
    Value,
    Result<(), &'static str>,
);

fn board_rows() -> Vec<BoardRow> {
    vec![
        (
            "demo board: EVAC + esperto",
            |_| {},
            vec![EVAC, EXPERT],
            json!({}),
            Ok(()),
        ),
        (
            "the F1 of the case on the board",
            |p| {
                p["operators"][0]["roles"] = json!(["f1", "f3"]);
            },
            vec![EVAC, "op-eitc-01"],
            json!({}),
            Err("assessment.not_independent"),
        ),
        (
            "one person holding f2 and f3",
            |p| p["operators"][1]["roles"] = json!(["f2", "f3"]),
            vec![EVAC],
            json!({}),
            Err("assessment.board_too_small"),
        ),
        (
            "the same person named twice",
            |p| p["operators"][1]["roles"] = json!(["f2", "f3"]),
            vec![EVAC, EVAC],
            json!({}),
            Err("assessment.board_too_small"),
        ),
        (
            "a mediator present does not count on the board",
            |p| p["operators"][1]["roles"] = json!(["f2", "f3"]),
            vec![EVAC],
            json!({"present": [{"id": "med-01", "function": "mediatore_linguistico_culturale", "language": "fr"}]}),
            Err("assessment.board_too_small"),
        ),
        (
            "a mediator present next to a full board, with the session's language",
            |_| {},
            vec![EVAC, EXPERT],
            json!({"present": [{"id": "med-01", "function": "mediatore_linguistico_culturale", "language": "fr"}]}),
            Ok(()),
        ),
        (
            "a register listing without entry id",
            |p| {
                p["operators"][1]["evac"]
                    .as_object_mut()
                    .unwrap()
                    .remove("register_entry");
            },
            vec![EVAC, EXPERT],
            json!({}),
            Err("roles.no_register_entry"),
        ),
        (
            "listed after the assessment day",
            |p| p["operators"][1]["evac"]["listed_on"] = json!("2025-10-01"),
            vec![EVAC, EXPERT],
            json!({}),
            Err("roles.listed_after_assessment"),
        ),
        (
            "listed before 22-4-2022 without the FAD training",
            |p| {
                p["operators"][1]["evac"]
                    .as_object_mut()
                    .unwrap()
                    .remove("transition_training_on");
            },
            vec![EVAC, EXPERT],
            json!({}),
            Err("roles.evac_training_missing"),
        ),
        (
            "listed before 22-4-2022, training after the deadline",
            |p| p["operators"][1]["evac"]["transition_training_on"] = json!("2025-01-10"),
            vec![EVAC, EXPERT],
            json!({}),
            Err("roles.evac_training_missing"),
        ),
        (
            "listed after 22-4-2022: no FAD duty",
            |p| {
                p["operators"][1]["evac"] =
                    json!({"listed_on": "2023-02-01", "register_entry": "EVAC-2023-12"});
            },
            vec![EVAC, EXPERT],
            json!({}),
            Ok(()),
        ),
    ]
}

#[test]
fn board_rules_table() {
    for (what, edit, board, extra, expected) in board_rows() {
        let mut case = valutazione_with(edit);
        let got = outcome(&mut case, T, EVAC, plan(&board, extra));
        assert_eq!(got, expected.map_err(str::to_owned), "{what}");
    }
    // A mediator may not also be an assessor.
    let mut case = run(&demo_until("16-plan"));
    let both = json!({"present": [{"id": EXPERT, "function": "interprete", "language": "fr"}]});
    assert!(act(&mut case, T, EVAC, plan(&[EVAC, EXPERT], both)).is_err());
}

#[test]
fn the_evac_takes_part_in_the_attestazione() {
    let issue = demo_steps().pop().unwrap();
    let mut without = issue.action.clone();
    without["payload"]
        .as_object_mut()
        .unwrap()
        .remove("participants");
    let mut case = run(&demo_until("22-issue"));
    assert_rule(
        &mut case,
        &issue.at,
        &issue.actor,
        without,
        "attestation.without_evac",
    );
    // The esperto di settore alone is not enough.
    let mut expert_only = issue.action.clone();
    expert_only["payload"]["participants"] = json!([EXPERT]);
    assert_rule(
        &mut case,
        &issue.at,
        &issue.actor,
        expert_only,
        "attestation.without_evac",
    );
    act(&mut case, &issue.at, &issue.actor, issue.action.clone()).unwrap();
    assert_eq!(case.state().phase, Phase::Validated);
}

/// The demo in identificazione with one more experience and evidence item judged pertinent to
/// UC 1953's conoscenza K1; returns the evidence findings' codes and whether it covers K1.
fn judged(experience: Value, evidence: Value) -> (Vec<String>, bool) {
    let mut case = run(&demo_until("15-close"));
    let t = "2025-09-08T09:30:00Z";
    let f1 = "op-eitc-01";
    act(&mut case, t, f1, kind("add_experience", experience)).unwrap();
    act(&mut case, t, f1, kind("add_evidence", evidence)).unwrap();
    let judge =
        json!({"evidence": "ev-x", "pertinent_to": ["1953.S-K1"], "authenticity": "verified"});
    act(&mut case, t, f1, kind("judge_evidence", judge)).unwrap();
    let codes = case
        .state()
        .evidence_findings()
        .iter()
        .filter(|f| f.context.get("evidence") == Some(&json!("ev-x")))
        .map(|f| f.code.as_str().to_owned())
        .collect();
    let covered = case
        .state()
        .sufficiency()
        .iter()
        .any(|u| u.covered.contains_key("1953.S-K1"));
    (codes, covered)
}

fn experience(context: &str, start: &str, end: Option<&str>) -> Value {
    let mut period = json!({"start": start});
    if let Some(end) = end {
        period["end"] = json!(end);
    }
    json!({"id": "exp-x", "context": context, "kind": "work", "period": period,
           "role": "Magazziniere", "country": "IT"})
}

fn evidence(kind: &str, issued: &str) -> Value {
    json!({"id": "ev-x", "kind": kind, "issuer": "Ente", "issue_date": issued,
           "experiences": ["exp-x"]})
}

#[test]
fn currency_is_measured_from_when_the_experience_ended() {
    // A recent statement about work that ended long ago is not current.
    let (codes, covered) = judged(
        experience("informale", "2005-01", Some("2012-06")),
        evidence("employer_statement", "2025-05"),
    );
    assert!(codes.contains(&"evidence.outdated".to_owned()), "{codes:?}");
    assert!(!covered);
    // An old statement about work still going on is current.
    let (codes, covered) = judged(
        experience("informale", "2005-01", None),
        evidence("employer_statement", "2010-03"),
    );
    assert!(
        !codes.contains(&"evidence.outdated".to_owned()),
        "{codes:?}"
    );
    assert!(covered);
}

#[test]
fn an_old_formal_title_is_a_warning_never_an_exclusion() {
    let (codes, covered) = judged(
        experience("formale", "1995-09", Some("2000-07")),
        evidence("diploma", "2000-07"),
    );
    assert_eq!(codes, ["evidence.old_formal_title"]);
    assert!(covered, "the title still counts");
    // An informal experience of the same age is excluded.
    let (codes, covered) = judged(
        experience("informale", "1995-09", Some("2000-07")),
        evidence("employer_statement", "2000-07"),
    );
    assert_eq!(codes, ["evidence.outdated"]);
    assert!(!covered);
}

#[test]
fn documentary_pass_needs_item_pertinence_and_not_only_own_evidence() {
    let t = "2025-09-22T08:30:00Z";
    let doc = |item: &str, evidence: Value| {
        kind(
            "record_assessment",
            json!({"method": "esame_documentale",
                   "results": [{"item": item, "outcome": "passed", "evidence": evidence}]}),
        )
    };
    let rows: Vec<(&str, Value, &str, Result<(), &str>)> = vec![
        (
            "employer statement pertinent to the whole UC only",
            json!({}),
            "1955.S-C2",
            Err("assessment.documentary_without_evidence"),
        ),
        (
            "a profile that asks for item pertinence",
            json!({"documentary_needs_item_pertinence": true}),
            "1955.S-C2",
            Err("assessment.documentary_without_evidence"),
        ),
        (
            "a profile where UC pertinence covers its items",
            json!({"documentary_needs_item_pertinence": false}),
            "1955.S-C2",
            Ok(()),
        ),
    ];
    for (what, rules, item, expected) in rows {
        let steps = demo_until("17-record");
        let mut case = if rules.as_object().is_some_and(serde_json::Map::is_empty) {
            run(&steps)
        } else {
            run(&with_open(steps, |p| p["config"] = rules))
        };
        let got = outcome(&mut case, t, EVAC, doc(item, json!(["ev-employer"])));
        assert_eq!(got, expected.map_err(str::to_owned), "{what}");
    }
    // The person's own photos, pertinent to the item, do not pass alone.
    let mut case = run(&demo_until("17-record"));
    let photos = json!(["ev-photos"]);
    assert_eq!(
        outcome(&mut case, t, EVAC, doc("1955.S-C1", photos)),
        Err("assessment.documentary_self_issued_only".to_owned())
    );
}

#[test]
fn a_per_uc_finding_names_the_items_without_support() {
    let mut case = run(&demo_until("16-plan"));
    let methods = json!({"methods": {
        "1955": ["esame_documentale", "prova_prestazionale"],
        "1953": ["esame_documentale", "colloquio_tecnico"]}});
    act(&mut case, T, EVAC, plan(&[EVAC, EXPERT], methods)).unwrap();
    let findings: Vec<_> = case
        .state()
        .findings
        .iter()
        .filter(|f| f.code.as_str() == "evidence.insufficient_for_unit")
        .collect();
    let of = |unit: &str| {
        findings
            .iter()
            .find(|f| f.context["unit"] == unit)
            .map(|f| f.context["items"].as_str().unwrap_or_default().to_owned())
    };
    // 1955: the course covers K1, K2 and C2; C1 has only the person's own photos.
    assert_eq!(of("1955").as_deref(), Some("1955.S-C1"));
    // 1953: nothing covers any item.
    assert_eq!(
        of("1953").as_deref(),
        Some("1953.S-C1, 1953.S-C2, 1953.S-K1, 1953.S-K2")
    );
    // A UC planned without an esame documentale gets no such finding.
    let mut case = run(&demo_until("16-plan"));
    act(&mut case, T, EVAC, plan(&[EVAC, EXPERT], json!({}))).unwrap();
    assert!(!case
        .state()
        .findings
        .iter()
        .any(|f| f.code.as_str() == "evidence.insufficient_for_unit"));
}

#[test]
fn closing_with_nothing_validated_asks_for_a_decision() {
    let at = "2025-09-16T08:00:00Z";
    let planned = || {
        let mut case = run(&demo_until("16-plan"));
        act(&mut case, T, EVAC, plan(&[EVAC, EXPERT], json!({}))).unwrap();
        case
    };
    let mut case = planned();
    assert_rule(
        &mut case,
        at,
        EVAC,
        kind("close_valutazione", json!({})),
        "procedure.close_needs_decision",
    );
    let decide = |decision: &str| kind("close_valutazione", json!({"decision": decision}));
    act(&mut case, at, EVAC, decide("return_to_identificazione")).unwrap();
    assert_eq!(case.state().phase, Phase::Identificazione);
    assert!(case.state().plan.is_none(), "a new plan is needed");
    let mut case = planned();
    act(&mut case, at, EVAC, decide("end_after_trasparenza")).unwrap();
    assert_eq!(case.state().phase, Phase::ClosedAfterTrasparenza);
    // With something validated, a decision is out of place; the demo closes without one.
    let mut case = run(&demo_until("21-close"));
    let close = demo_steps()
        .into_iter()
        .find(|s| s.file.contains("21-close"))
        .unwrap();
    assert!(act(&mut case, &close.at, EVAC, decide("end_after_trasparenza")).is_err());
    act(&mut case, &close.at, EVAC, close.action).unwrap();
    assert_eq!(case.state().phase, Phase::Attestazione);
}
