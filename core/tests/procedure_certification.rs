//! Certificazione is the titolare's act (issue 11): a job centre asks, the ente titolare's
//! commission examines, an actor acting for the titolare issues the Certificato. Each rule has
//! a step that breaks it (refused with its code, the log unchanged) and one that satisfies it.

mod procedure_common;

use attesta::documents::Document;
use attesta::procedure::{replay, Case, Phase};
use procedure_common::{act, assert_rule, demo_steps, demo_until, kind, run};
use serde_json::{json, Value};

const PERSON: &str = "p-7f3a9c21";
const RESP: &str = "op-resp-01";
const REGION: &str = "rt-cert-02";

fn issue() -> Value {
    kind(
        "issue_certificato",
        json!({"place": "Firenze", "signatory": {"name": "Dirigente di esempio (demo)",
            "role": "Dirigente del settore certificazione", "on_behalf_of": "Regione Toscana"}}),
    )
}

#[allow(clippy::needless_pass_by_value)] // tests pass `json!` literals
fn exam(members: &[&str], outcomes: Value) -> Value {
    let members: Vec<Value> = members
        .iter()
        .map(|id| json!({"id": id, "function": "componente"}))
        .collect();
    kind(
        "record_commission_exam",
        json!({"appointed_by": "D.D. di nomina n. 1234/2025 (demo)", "members": members,
               "date": "2025-11-05", "outcomes": outcomes}),
    )
}

/// The demo case, validated, with the person's request and the titolare's official added.
fn requested() -> Case {
    let mut case = run(&demo_steps());
    act(
        &mut case,
        "2025-10-01T09:00:00Z",
        PERSON,
        kind("request_certificazione", json!({})),
    )
    .unwrap();
    let official = json!({"id": REGION, "roles": ["titolare"],
                          "label": "Settore certificazione, Regione Toscana"});
    act(
        &mut case,
        "2025-10-01T09:05:00Z",
        RESP,
        kind("add_operator", official),
    )
    .unwrap();
    case
}

#[test]
fn the_request_fixes_a_dossier_for_the_titolare() {
    let case = requested();
    let state = case.state();
    assert_eq!(state.phase, Phase::Certificazione);
    let dossier = state.dossier.as_ref().expect("dossier");
    let dv = dossier
        .validazione
        .as_ref()
        .expect("the DV is in the dossier");
    assert_eq!(dv.document, "case-2025-0147-DV");
    assert_eq!(dv.units, ["1955", "1954"]);
    assert_eq!(dossier.evidence.len(), 3);
    assert!(dossier
        .evidence
        .iter()
        .any(|e| e.id == "ev-photos" && e.self_issued));
    // What the person still needs for the whole qualification.
    assert_eq!(dossier.eligibility.validated_here, ["1955", "1954"]);
    assert!(!dossier.eligibility.complete);
    assert!(!dossier.eligibility.uncovered.is_empty());
    assert!(!dossier.eligibility.uncovered.contains(&"1955".to_owned()));
    // The head names the log as it was before the request.
    assert_eq!(dossier.head, case.events()[case.events().len() - 3].head());
}

#[test]
fn no_request_before_the_documento_di_validazione() {
    let mut case = run(&demo_until("22-issue"));
    assert_rule(
        &mut case,
        "2025-09-29T09:00:00Z",
        PERSON,
        kind("request_certificazione", json!({})),
        "certificazione.no_validazione",
    );
}

#[test]
fn only_the_titolare_certifies_after_its_commission() {
    let mut case = requested();
    let t = "2025-11-10T09:00:00Z";
    // A job centre does not print a Certificato.
    assert_rule(&mut case, t, RESP, issue(), "certificazione.not_titolare");
    // The titolare's official needs the commission's exam first.
    assert_rule(
        &mut case,
        t,
        REGION,
        issue(),
        "certificazione.no_commission_exam",
    );
    // Only the titolare records the exam; the commission has two people or more.
    let outcomes = json!({"1955": "passed", "1954": "failed"});
    let refusal = act(&mut case, t, RESP, exam(&["c-1", "c-2"], outcomes.clone())).unwrap_err();
    assert!(refusal.to_string().contains("titolare"), "{refusal}");
    assert!(act(
        &mut case,
        t,
        REGION,
        exam(&["c-1", "c-1"], outcomes.clone())
    )
    .is_err());
    assert!(act(
        &mut case,
        t,
        REGION,
        exam(&["c-1", "c-2"], json!({"9999": "passed"}))
    )
    .is_err());
    act(&mut case, t, REGION, exam(&["c-1", "c-2", "c-3"], outcomes)).unwrap();
    act(&mut case, t, REGION, issue()).unwrap();
    assert_eq!(case.state().phase, Phase::Certified);
    // The Certificato covers what the commission passed, not everything validated.
    assert_eq!(case.state().certificato.as_ref().unwrap().units, ["1955"]);
    let docs = case.documents();
    assert!(docs.iter().any(|d| matches!(d, Document::Certificato(_))));
    assert_eq!(replay(case.events()).unwrap(), *case.state());
}

#[test]
fn a_commission_that_passes_nothing_certifies_nothing() {
    let mut case = requested();
    let t = "2025-11-10T09:00:00Z";
    act(
        &mut case,
        t,
        REGION,
        exam(&["c-1", "c-2"], json!({"1955": "failed"})),
    )
    .unwrap();
    assert_rule(
        &mut case,
        t,
        REGION,
        issue(),
        "attestation.nothing_validated",
    );
}

#[test]
fn the_certificato_names_the_commission_and_its_exam() {
    let mut case = requested();
    let t = "2025-11-10T09:00:00Z";
    let payload = json!({"appointed_by": "D.D. di nomina n. 1234/2025 (demo)",
        "members": [{"id": "c-pres", "function": "presidente"},
                    {"id": "c-evac", "function": "EVAC"},
                    {"id": "op-esperto-03", "function": "esperto di settore"}],
        "date": "2025-11-05", "methods": ["prova_prestazionale", "colloquio_tecnico"],
        "outcomes": {"1955": "passed", "1954": "failed"}});
    act(
        &mut case,
        t,
        REGION,
        kind("record_commission_exam", payload),
    )
    .unwrap();
    act(&mut case, t, REGION, issue()).unwrap();
    let docs = case.documents();
    let Some(Document::Certificato(cert)) = docs.last() else {
        panic!("no Certificato: {docs:?}");
    };
    // The board is the commission the titolare appointed, not the valutazione's assessors.
    let board = cert.board.as_ref().expect("board");
    assert_eq!(
        board.appointed_by.as_deref(),
        Some("D.D. di nomina n. 1234/2025 (demo)")
    );
    assert_eq!(board.date.as_deref(), Some("2025-11-05"));
    let members: Vec<(&str, Option<&str>)> = board
        .members
        .iter()
        .map(|m| (m.role.as_str(), m.operator.as_deref()))
        .collect();
    assert_eq!(
        members,
        [
            ("presidente", Some("c-pres")),
            ("EVAC", Some("c-evac")),
            ("esperto di settore", Some("op-esperto-03"))
        ]
    );
    // Every member is among the document's operators, so the assessment can cite them.
    for id in ["c-pres", "c-evac", "op-esperto-03"] {
        assert!(cert.operators.iter().any(|o| o.id == id), "{id}");
    }
    // Only the UC the commission passed, assessed by the exam.
    let units: Vec<&str> = cert
        .competences
        .iter()
        .map(|c| c.unit.code.as_str())
        .collect();
    assert_eq!(units, ["1955"]);
    let assessment = cert.competences[0].assessment.as_ref().expect("assessment");
    assert_eq!(assessment.date.as_deref(), Some("2025-11-05"));
    assert_eq!(assessment.assessors, ["c-evac", "c-pres", "op-esperto-03"]);
    assert_eq!(assessment.methods.len(), 2);
    assert!(assessment.sessions.iter().all(|s| s.date == "2025-11-05"));
    // The Certificato passes its own art. 6 check and the log replays to the same documents.
    let checker = attesta::documents::DocumentChecker::with_frameworks(
        attesta::ValidationOptions::default(),
        attesta::builtin::frameworks(),
    )
    .unwrap();
    let report = checker.check(docs.last().unwrap()).unwrap();
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.severity != attesta::Severity::Error),
        "{:?}",
        report.findings
    );
    let replayed = replay(case.events()).unwrap();
    assert_eq!(replayed, *case.state());
}
