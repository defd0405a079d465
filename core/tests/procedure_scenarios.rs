//! Scenario tests: each path of the procedure, run on the bundled repertoire (figure 450).

mod procedure_common;

use attesta::documents::{check_document_value, Document};
use attesta::procedure::{replay, verify, ActionKind, Phase};
use procedure_common::{
    act, demo_steps, demo_until, frameworks_with_test_ada, kind, run, run_on, with_open,
};
use serde_json::json;

const LATER: &str = "2025-10-01T09:00:00Z";

fn codes(units: &[attesta::documents::AttestedCompetence]) -> Vec<&str> {
    units.iter().map(|c| c.unit.code.as_str()).collect()
}

#[test]
fn demo_case_validates_1955_and_1954_but_not_1953() {
    let case = run(&demo_steps());
    let state = case.state();
    assert_eq!(state.phase, Phase::Validated);
    assert_eq!(state.validated_units(), ["1955", "1954"]);
    verify(case.events()).expect("chain intact");
    assert_eq!(&replay(case.events()).expect("replays"), state);

    let docs = case.documents();
    assert_eq!(docs.len(), 2);
    let Document::DocumentoTrasparenza(dt) = &docs[0] else {
        panic!("first document is the trasparenza")
    };
    let identified: Vec<&str> = dt
        .competences
        .iter()
        .map(|c| c.unit.code.as_str())
        .collect();
    assert_eq!(identified, ["1955", "1954", "1953"]);
    let Document::DocumentoValidazione(dv) = &docs[1] else {
        panic!("second document is the validazione")
    };
    assert_eq!(codes(&dv.competences), ["1955", "1954"]);
    assert!(dv.competences.iter().all(|c| !c.atlante_ada.is_empty()));
    assert_eq!(
        dv.transparency_document.as_deref(),
        Some("case-2025-0147-DT")
    );
    // The generated documents meet the legal minimum content as Attesta's checker reads it.
    for doc in &docs {
        let report = check_document_value(&serde_json::to_value(doc).unwrap()).unwrap();
        let errors: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity == attesta::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", doc.id());
    }
}

#[test]
fn demo_evidence_findings_follow_the_judgements() {
    // Before the translation arrives the employer statement is flagged.
    let case = run(&demo_until("11-update-evidence"));
    let codes: Vec<&str> = case
        .state()
        .evidence_findings()
        .iter()
        .map(|f| f.code.as_str())
        .collect();
    assert!(codes.contains(&"evidence.foreign_without_translation"));
    assert!(codes.contains(&"evidence.self_issued"));
    // After it, no translation finding; the photos stay self-issued.
    let case = run(&demo_steps());
    let findings = case.state().evidence_findings();
    assert!(!findings
        .iter()
        .any(|f| f.code.as_str() == "evidence.foreign_without_translation"));
    // Sufficiency: the course covers 1955's conoscenze and C2; C1 has only the person's own
    // photos, which never pass an esame documentale alone (Tuscan profile): it is assessed
    // directly. 1953 needs direct assessment.
    let sufficiency = case.state().sufficiency();
    let uc1955 = sufficiency.iter().find(|s| s.unit == "1955").unwrap();
    assert_eq!(
        uc1955.to_assess.keys().collect::<Vec<_>>(),
        ["1955.S-C1"],
        "{uc1955:?}"
    );
    assert_eq!(uc1955.covered.len(), 3);
    let uc1953 = sufficiency.iter().find(|s| s.unit == "1953").unwrap();
    assert_eq!(uc1953.covered.len(), 0);
    assert_eq!(uc1953.to_assess.len(), 4);
}

#[test]
fn person_may_stop_after_the_trasparenza() {
    let mut case = run(&demo_until("15-close-identificazione"));
    act(
        &mut case,
        LATER,
        "op-eitc-01",
        kind(
            "close_identificazione",
            json!({"proceed_to_valutazione": false}),
        ),
    )
    .unwrap();
    assert_eq!(case.state().phase, Phase::ClosedAfterTrasparenza);
    let docs = case.documents();
    assert_eq!(docs.len(), 1);
    assert!(matches!(docs[0], Document::DocumentoTrasparenza(_)));
    // The case ended: only a referral may follow (the person keeps the document).
    let refusal = act(&mut case, LATER, "p-7f3a9c21", kind("withdraw", json!({}))).unwrap_err();
    assert_eq!(refusal.allowed, [attesta::procedure::ActionKind::Refer]);
}

#[test]
fn person_may_withdraw_during_valutazione_but_not_after_validation() {
    let mut case = run(&demo_until("17-record"));
    act(
        &mut case,
        LATER,
        "p-7f3a9c21",
        kind("withdraw", json!({"note": "trasferimento"})),
    )
    .unwrap();
    assert_eq!(case.state().phase, Phase::Withdrawn);
    assert!(case.documents().len() == 1, "only the trasparenza exists");

    let mut done = run(&demo_steps());
    let refusal = act(&mut done, LATER, "p-7f3a9c21", kind("withdraw", json!({}))).unwrap_err();
    assert_eq!(refusal.allowed, [ActionKind::RequestCertificazione]);
}

#[test]
fn foreign_title_is_referred_from_accoglienza() {
    let mut case = run(&demo_until("01-sign-domanda"));
    act(
        &mut case,
        "2025-09-01T08:45:00Z",
        "op-eitc-01",
        kind(
            "refer",
            json!({"reason": "foreign_title_recognition", "to": "Ufficio riconoscimento titoli esteri"}),
        ),
    )
    .unwrap();
    assert_eq!(case.state().phase, Phase::Referred);
    assert!(case.documents().is_empty());
    assert_eq!(replay(case.events()).unwrap(), *case.state());
}

/// Runs the demo to the plan, then plans and passes every item of `units` by prova
/// prestazionale (capacità) and colloquio tecnico (conoscenze).
#[allow(clippy::too_many_lines)] // one scripted case, read top to bottom
fn pass_units(extra_claim: bool, credit: bool, units: &[&str]) -> attesta::procedure::Case {
    let mut case = run_on(
        frameworks_with_test_ada(),
        &demo_until("15-close-identificazione"),
    );
    let f1 = "op-eitc-01";
    let t = "2025-09-08T09:30:00Z";
    if extra_claim {
        act(
            &mut case,
            t,
            f1,
            kind(
                "add_claim",
                json!({
            "id": "cl-1948", "target": {"scheme": "rrfp_toscana.unit", "code": "1948"},
            "self_assessment": "yes", "experiences": ["exp-course"]}),
            ),
        )
        .unwrap();
    }
    if credit {
        act(
            &mut case,
            t,
            f1,
            kind(
                "add_credit",
                json!({
            "id": "cr-sicurezza", "kind": "course_certificate",
            "issuer": "Agenzia formativa accreditata (Livorno)", "issued_on": "2024-02-16",
            "reference": "Attestato n. 12/2024", "units": ["1948"]}),
            ),
        )
        .unwrap();
    }
    act(
        &mut case,
        "2025-09-08T10:00:00Z",
        f1,
        kind(
            "close_identificazione",
            json!({"proceed_to_valutazione": true}),
        ),
    )
    .unwrap();
    let methods: serde_json::Map<String, serde_json::Value> = units
        .iter()
        .map(|u| {
            (
                (*u).to_owned(),
                json!(["prova_prestazionale", "colloquio_tecnico"]),
            )
        })
        .collect();
    let evac = "op-evac-07";
    act(
        &mut case,
        "2025-09-15T08:00:00Z",
        evac,
        kind(
            "plan_assessment",
            json!({
        "assessors": [evac, "op-esperto-03"], "methods": methods}),
        ),
    )
    .unwrap();
    let items = |suffix: &str| -> Vec<serde_json::Value> {
        units
            .iter()
            .flat_map(|u| {
                [1, 2].map(|n| json!({"item": format!("{u}.S-{suffix}{n}"), "outcome": "passed"}))
            })
            .collect()
    };
    act(
        &mut case,
        "2025-09-22T09:00:00Z",
        evac,
        kind(
            "record_assessment",
            json!({
        "method": "prova_prestazionale", "results": items("C")}),
        ),
    )
    .unwrap();
    act(
        &mut case,
        "2025-09-22T10:00:00Z",
        evac,
        kind(
            "record_assessment",
            json!({
        "method": "colloquio_tecnico", "results": items("K")}),
        ),
    )
    .unwrap();
    let decisions: Vec<_> = units
        .iter()
        .map(|u| json!({"unit": u, "outcome": "validated"}))
        .collect();
    act(
        &mut case,
        "2025-09-22T11:00:00Z",
        evac,
        kind("decide_units", json!({"decisions": decisions})),
    )
    .unwrap();
    act(
        &mut case,
        "2025-09-22T11:05:00Z",
        evac,
        kind("close_valutazione", json!({})),
    )
    .unwrap();
    act(&mut case, "2025-09-29T09:00:00Z", "op-resp-01", kind("issue_validazione", json!({
        "place": "Livorno", "signatory": {"name": "Firmatario di esempio (demo)", "role": "Responsabile del servizio"},
        "participants": [evac]}))).unwrap();
    case
}

#[test]
fn full_validation_of_every_uc() {
    let case = pass_units(true, false, &["1955", "1954", "1948", "1953"]);
    assert_eq!(
        case.state().validated_units(),
        ["1955", "1954", "1948", "1953"]
    );
    assert!(case.state().coverage().complete);
    let Document::DocumentoValidazione(dv) = &case.documents()[1] else {
        panic!()
    };
    assert_eq!(codes(&dv.competences), ["1955", "1954", "1948", "1953"]);
}

#[test]
fn credits_complete_the_coverage_without_being_attested_again() {
    let case = pass_units(false, true, &["1955", "1954", "1953"]);
    let coverage = case.state().coverage();
    assert!(coverage.complete, "{coverage:?}");
    assert_eq!(
        coverage.credited,
        [("1948".to_owned(), vec!["cr-sicurezza".to_owned()])]
    );
    let Document::DocumentoValidazione(dv) = &case.documents()[1] else {
        panic!()
    };
    assert_eq!(
        codes(&dv.competences),
        ["1955", "1954", "1953"],
        "credits stay on their own documents"
    );
    // A credit for a UC outside the target is refused.
    let mut case = run(&demo_until("15-close-identificazione"));
    let refusal = act(
        &mut case,
        LATER,
        "op-eitc-01",
        kind(
            "add_credit",
            json!({
        "id": "cr-x", "kind": "certificato", "issuer": "Regione Toscana", "issued_on": "2020-01-01",
        "reference": "x", "units": ["1710"]}),
        ),
    )
    .unwrap_err();
    assert!(refusal.to_string().contains("1710"));
}

#[test]
fn certificazione_follows_the_validazione_on_request() {
    // The rules of logs written before titolare profiles: the responsabile issues the
    // Certificato (procedure_certification.rs has the titolare's procedure).
    let mut case = run(&with_open(demo_steps(), |p| p["config"] = json!({})));
    act(
        &mut case,
        LATER,
        "p-7f3a9c21",
        kind("request_certificazione", json!({})),
    )
    .unwrap();
    assert_eq!(case.state().phase, Phase::Certificazione);
    act(&mut case, "2025-11-10T09:00:00Z", "op-resp-01", kind("issue_certificato", json!({
        "place": "Livorno", "signatory": {"name": "Firmatario di esempio (demo)", "role": "Dirigente"}}))).unwrap();
    assert_eq!(case.state().phase, Phase::Certified);
    let docs = case.documents();
    let Document::Certificato(cert) = &docs[2] else {
        panic!()
    };
    assert_eq!(codes(&cert.competences), ["1955", "1954"]);
    assert_eq!(
        cert.validation_document.as_deref(),
        Some("case-2025-0147-DV")
    );
    assert_eq!(replay(case.events()).unwrap(), *case.state());
}

#[test]
fn corrections_are_new_events_and_keep_the_old_one() {
    let mut case = run(&demo_until("15-close-identificazione"));
    let before = case.events().to_vec();
    let refusal = act(
        &mut case,
        LATER,
        "op-eitc-01",
        kind(
            "judge_evidence",
            json!({
        "evidence": "ev-photos", "pertinent_to": [], "authenticity": "doubtful"}),
        ),
    )
    .unwrap_err();
    assert!(refusal.to_string().contains("correct_evidence_judgement"));
    act(
        &mut case,
        LATER,
        "op-eitc-01",
        kind(
            "correct_evidence_judgement",
            json!({
        "judgement": {"evidence": "ev-photos", "pertinent_to": [], "authenticity": "doubtful"},
        "reason": "Le foto non mostrano il volto della persona."}),
        ),
    )
    .unwrap();
    assert_eq!(
        &case.events()[..before.len()],
        &before[..],
        "history is never rewritten"
    );
    let judged = &case.state().judgements["ev-photos"];
    assert_eq!(
        judged.replaces,
        [before
            .iter()
            .find(|e| e.kind == "judge_evidence" && e.payload["evidence"] == "ev-photos")
            .unwrap()
            .seq]
    );
    let codes: Vec<_> = case
        .state()
        .evidence_findings()
        .iter()
        .map(|f| f.code.as_str())
        .collect();
    assert!(
        codes.contains(&"evidence.not_pertinent")
            && codes.contains(&"evidence.doubtful_authenticity")
    );
}
