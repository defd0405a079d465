//! The documents a case issues meet the law's minimum (art. 6 D.Lgs. 13/2013, D.I. 30/6/2015
//! art. 6) and serve the person: one table-driven test per rule, each with a case that breaks
//! it and one that satisfies it. Every issued document is also run through the document check.

mod procedure_common;

use std::sync::Arc;

use attesta::documents::{check_document_value, Document, DocumentType};
use attesta::framework::{FrameworkSet, FrameworkSetBuilder};
use attesta::procedure::{replay_with, Phase, Refusal, RefusalReason, ValidationCase};
use procedure_common::{act, demo_steps, demo_until, kind, run, run_on, DEMO_DIR};
use serde_json::{json, Value};

const F1: &str = "op-eitc-01";
const RESP: &str = "op-resp-01";
const LATER: &str = "2025-10-01T09:00:00Z";

/// The demo's last step (the issue of the Documento di validazione) as JSON.
fn issue_step() -> (String, String, Value) {
    let step = demo_steps().pop().expect("demo steps");
    assert!(step.file.contains("issue-validazione"));
    (step.at, step.actor, step.action)
}

/// The demo's steps after `from` (inclusive), up to but excluding the issue.
fn demo_middle(from: &str) -> Vec<procedure_common::Step> {
    let steps = demo_steps();
    let start = steps.iter().position(|s| s.file.contains(from)).unwrap();
    steps[start..steps.len() - 1].to_vec()
}

fn continue_with(case: &mut ValidationCase, steps: &[procedure_common::Step]) {
    for step in steps {
        act(case, &step.at, &step.actor, step.action.clone())
            .unwrap_or_else(|r| panic!("{}: {r}", step.file));
    }
}

/// Every document the case has issued passes the document check without errors.
fn assert_lawful(case: &ValidationCase) {
    for doc in case.documents() {
        let report = check_document_value(&serde_json::to_value(&doc).unwrap()).unwrap();
        let errors: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity == attesta::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", doc.id());
    }
}

/// The refused document and the (code, path) of each finding; asserts the log is unchanged.
fn not_lawful(
    case: &mut ValidationCase,
    at: &str,
    actor: &str,
    action: Value,
) -> (DocumentType, Vec<(String, String)>) {
    let before = case.events().len();
    let refusal: Refusal = act(case, at, actor, action).expect_err("should be refused");
    assert_eq!(case.events().len(), before, "the log must not change");
    assert_eq!(
        refusal.code().map(attesta::Code::as_str),
        Some("procedure.document_not_lawful")
    );
    let RefusalReason::DocumentNotLawful {
        document_type,
        findings,
    } = refusal.reason
    else {
        panic!("not a document refusal: {refusal}");
    };
    let listed = findings
        .iter()
        .map(|f| (f.code.as_str().to_owned(), f.path.to_pointer()))
        .collect();
    (document_type, listed)
}

/// The bundled repertoire with the ADA codes of UC `unit` removed.
fn frameworks_without_ada(unit: &str) -> Arc<FrameworkSet> {
    let text = std::fs::read_to_string(format!("{DEMO_DIR}/../frameworks/rrfp_toscana.json"))
        .expect("bundled framework JSON");
    let mut framework: Value = serde_json::from_str(&text).unwrap();
    for u in framework["units"].as_array_mut().unwrap() {
        if u["code"] == json!(unit) {
            u.as_object_mut().unwrap().remove("atlante_ada");
        }
    }
    let built = FrameworkSetBuilder::empty()
        .json("without ADA", &framework.to_string())
        .unwrap()
        .build()
        .unwrap();
    Arc::clone(built.set())
}

#[test]
fn a_validazione_without_ada_codes_is_refused() {
    let (at, actor, issue) = issue_step();
    for (frameworks, refused) in [
        (frameworks_without_ada("1955"), true),
        (attesta::bundled::frameworks(), false),
    ] {
        let mut case = run_on(frameworks, &demo_until("22-issue"));
        if refused {
            let (doc, findings) = not_lawful(&mut case, &at, &actor, issue.clone());
            assert_eq!(doc, DocumentType::DocumentoValidazione);
            assert_eq!(
                findings,
                [(
                    "document.missing_ada_code".to_owned(),
                    "/competences/0/atlante_ada".to_owned()
                )]
            );
            assert_eq!(case.state().phase, Phase::Attestazione);
        } else {
            act(&mut case, &at, &actor, issue.clone()).unwrap();
            assert_eq!(case.state().phase, Phase::Validated);
            assert_lawful(&case);
        }
    }
}

fn course_experience(extra: &Value) -> Value {
    let mut e = json!({
        "id": "exp-course", "context": "formale", "kind": "training",
        "period": {"start": "2024-02-12", "end": "2024-02-16"}, "country": "IT",
        "role": "Allievo"
    });
    for (k, v) in extra.as_object().unwrap() {
        e[k] = v.clone();
    }
    e
}

#[test]
fn formal_learning_needs_its_course_data_before_the_trasparenza() {
    let cases = [
        (
            json!({}),
            vec!["/experiences/1/course", "/experiences/1/organisation"],
        ),
        (
            json!({"course": "Carrellisti (12 ore)"}),
            vec!["/experiences/1/organisation"],
        ),
        (
            json!({"course": "Carrellisti (12 ore)", "awarding_body": "Regione Toscana"}),
            vec![],
        ),
    ];
    for (extra, missing) in cases {
        let mut case = run(&demo_until("15-close"));
        let update = kind("update_experience", course_experience(&extra));
        act(&mut case, "2025-09-08T09:50:00Z", F1, update).unwrap();
        let close = kind(
            "close_identificazione",
            json!({"proceed_to_valutazione": true}),
        );
        if missing.is_empty() {
            act(&mut case, "2025-09-08T10:00:00Z", F1, close).unwrap();
            assert_lawful(&case);
            let Document::DocumentoTrasparenza(dt) = &case.documents()[0] else {
                panic!("no DT")
            };
            assert_eq!(
                dt.experiences[1].awarding_body.as_deref(),
                Some("Regione Toscana")
            );
        } else {
            let (doc, findings) = not_lawful(&mut case, "2025-09-08T10:00:00Z", F1, close);
            assert_eq!(doc, DocumentType::DocumentoTrasparenza);
            let paths: Vec<&str> = findings.iter().map(|(_, p)| p.as_str()).collect();
            assert_eq!(paths, missing);
            assert!(findings
                .iter()
                .all(|(code, _)| code == "document.missing_course_data"));
        }
    }
}

#[test]
fn a_public_act_names_where_each_experience_took_place() {
    let (at, actor, issue) = issue_step();
    let port = |place: Value| {
        let mut e: Value = serde_json::from_str::<Value>(
            &std::fs::read_to_string(format!("{DEMO_DIR}/case-450/03-add-experience-port.json"))
                .unwrap(),
        )
        .unwrap()["payload"]
            .clone();
        let e_obj = e.as_object_mut().unwrap();
        e_obj.remove("country");
        e_obj.remove("place");
        for (k, v) in place.as_object().unwrap() {
            e_obj.insert(k.clone(), v.clone());
        }
        kind("update_experience", e)
    };
    for (place, refused) in [
        (json!({}), true),
        (json!({"place": "Dakar"}), false),
        (json!({"country": "SN"}), false),
    ] {
        let mut case = run(&demo_until("11-update"));
        act(&mut case, "2025-09-08T08:00:00Z", F1, port(place)).unwrap();
        continue_with(&mut case, &demo_middle("11-update"));
        // The Documento di trasparenza (parte prima) only recommends the place.
        assert!(case.state().trasparenza.is_some());
        if refused {
            let (doc, findings) = not_lawful(&mut case, &at, &actor, issue.clone());
            assert_eq!(doc, DocumentType::DocumentoValidazione);
            assert_eq!(
                findings,
                [(
                    "document.missing_experience_data".to_owned(),
                    "/experiences/0/place".to_owned()
                )]
            );
        } else {
            act(&mut case, &at, &actor, issue.clone()).unwrap();
            assert_lawful(&case);
        }
    }
}

#[test]
fn a_validazione_after_a_transparency_only_path_is_refused_with_its_own_code() {
    let issue = issue_step().2;
    let stop = kind(
        "close_identificazione",
        json!({"proceed_to_valutazione": false}),
    );
    let refer = kind("refer", json!({"reason": "other", "to": "Orientamento"}));
    let proceed = kind(
        "close_identificazione",
        json!({"proceed_to_valutazione": true}),
    );
    for (ending, code) in [
        (stop, Some("procedure.no_assessment_done")),
        (refer, Some("procedure.no_assessment_done")),
        // In valutazione the phase refuses it: an assessment may still be done.
        (proceed, None),
    ] {
        let mut case = run(&demo_until("15-close"));
        act(&mut case, LATER, F1, ending).unwrap();
        let refusal = act(&mut case, LATER, RESP, issue.clone()).unwrap_err();
        assert_eq!(refusal.code().map(attesta::Code::as_str), code, "{refusal}");
        if code.is_none() {
            assert_eq!(refusal.reason, RefusalReason::WrongPhase);
        }
    }
}

#[test]
fn a_referral_comes_with_or_after_the_documento_di_trasparenza() {
    let refer = || {
        kind(
            "refer",
            json!({"reason": "reserved_activity", "to": "Servizio professioni regolamentate"}),
        )
    };
    let stop = kind(
        "close_identificazione",
        json!({"proceed_to_valutazione": false}),
    );
    // (steps before, close first?, a DT expected)
    for (until, close_first, with_dt) in [
        ("15-close", true, true),
        ("15-close", false, true),
        ("03-add-experience", false, false),
    ] {
        let mut case = run(&demo_until(until));
        if close_first {
            act(&mut case, "2025-09-08T10:00:00Z", F1, stop.clone()).unwrap();
        }
        act(&mut case, LATER, F1, refer()).unwrap();
        assert_eq!(case.state().phase, Phase::Referred);
        let docs = case.documents();
        assert_eq!(docs.len(), usize::from(with_dt), "{until} {close_first}");
        if let Some(Document::DocumentoTrasparenza(dt)) = docs.first() {
            let referral = dt.referral.as_ref().expect("the DT names the referral");
            assert_eq!(referral.reason, "reserved_activity");
            assert_eq!(referral.date, "2025-10-01");
        }
        assert_lawful(&case);
        // The log replays to the same state.
        assert_eq!(
            replay_with(case.events(), &attesta::bundled::frameworks()).unwrap(),
            *case.state()
        );
    }
}

#[test]
fn the_documento_di_trasparenza_lists_everything_recorded_with_the_person() {
    let mut case = run(&demo_until("15-close"));
    let volunteering = json!({
        "id": "exp-volunteer", "context": "informale", "kind": "volunteering",
        "period": {"start": "2022-01", "end": "2022-12"}, "country": "IT", "place": "Livorno",
        "organisation": "Associazione di quartiere (demo)", "role": "Volontario alla distribuzione"
    });
    act(
        &mut case,
        "2025-09-08T09:50:00Z",
        F1,
        kind("add_experience", volunteering),
    )
    .unwrap();
    continue_with(
        &mut case,
        &demo_until("16-plan")[demo_until("15-close").len()..],
    );
    let Document::DocumentoTrasparenza(dt) = &case.documents()[0] else {
        panic!("no DT")
    };
    let ids: Vec<&str> = dt.experiences.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["exp-port", "exp-course", "exp-volunteer"]);
    assert_eq!(dt.evidence.len(), case.state().record.evidence.len());
    // Languages with the CEFR level per dimension, and the mother tongue.
    assert_eq!(dt.mother_tongues, ["wo"]);
    let fr = dt.languages.iter().find(|l| l.language == "fr").unwrap();
    assert_eq!(
        serde_json::to_value(fr).unwrap()["writing"],
        json!("B1"),
        "per-dimension levels are kept"
    );
    // The qualification of reference first, by its code.
    assert_eq!(dt.qualifications[0].reference.code, "450");
    assert_eq!(
        dt.schema_version,
        attesta::documents::DOCUMENT_SCHEMA_VERSION
    );
    assert_lawful(&case);
}

#[test]
fn each_assessment_method_keeps_its_own_day() {
    let (at, actor, issue) = issue_step();
    let mut steps = demo_until("22-issue");
    // The colloquio took place two days before its results were recorded.
    let colloquio = steps
        .iter_mut()
        .find(|s| s.file.contains("colloquio"))
        .unwrap();
    colloquio.action["payload"]["date"] = json!("2025-09-20");
    let mut case = run(&steps);
    act(&mut case, &at, &actor, issue).unwrap();
    let Document::DocumentoValidazione(dv) = &case.documents()[1] else {
        panic!("no DV")
    };
    let uc_1954 = dv
        .competences
        .iter()
        .find(|c| c.unit.code == "1954")
        .unwrap();
    let sessions: Vec<(Value, &str)> = uc_1954
        .assessment
        .as_ref()
        .unwrap()
        .sessions
        .iter()
        .map(|s| (serde_json::to_value(s.method).unwrap(), s.date.as_str()))
        .collect();
    assert_eq!(sessions[0], (json!("colloquio_tecnico"), "2025-09-20"));
    assert!(sessions.len() > 1, "{sessions:?}");
    assert!(sessions[1..].iter().all(|(_, day)| *day == "2025-09-22"));
    assert_lawful(&case);
    // A session day after the event that records it is refused.
    let mut steps = demo_until("20-decide");
    let last = steps.pop().unwrap();
    let mut case = run(&steps);
    let mut action = last.action.clone();
    action["payload"]["date"] = json!("2025-09-23");
    let refusal = act(&mut case, &last.at, &last.actor, action).unwrap_err();
    assert!(matches!(
        refusal.reason,
        RefusalReason::InvalidPayload { .. }
    ));
}

#[test]
fn the_place_of_birth_is_printed_with_the_dati_anagrafici_and_redacted_with_them() {
    let mut steps = demo_steps();
    steps[0].action["payload"]["record"]["person"]["personal"]["birth_place"] =
        json!("Thiès (Senegal)");
    let case = run(&steps);
    let docs = case.documents();
    for doc in &docs {
        assert_eq!(doc.person().birth_place.as_deref(), Some("Thiès (Senegal)"));
        assert_eq!(doc.redacted().person().birth_place, None);
    }
    assert_lawful(&case);
}

#[test]
fn a_document_of_schema_1_0_still_reads() {
    let text = std::fs::read_to_string(format!(
        "{DEMO_DIR}/../../tests/documents/documento_validazione.json"
    ))
    .unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["schema_version"], json!("1.0"));
    let doc: Document = serde_json::from_value(value.clone()).expect("a 1.0 document reads");
    assert_eq!(doc.document_type(), DocumentType::DocumentoValidazione);
    let report = check_document_value(&value).unwrap();
    assert!(report.valid, "{:#?}", report.findings);
}

#[test]
fn the_printed_documents_show_the_new_content() {
    let options = attesta::documents::RenderOptions::default();
    // A DT drawn up with a referral: languages per dimension and the referral are printed.
    let mut case = run(&demo_until("15-close"));
    let refer = kind(
        "refer",
        json!({"reason": "reserved_activity", "to": "Servizio professioni regolamentate"}),
    );
    act(&mut case, LATER, F1, refer).unwrap();
    let html = attesta::documents::render_html(&case.documents()[0], &options).unwrap();
    for expected in [
        "Competenze linguistiche",
        "Interazione orale",
        "<td>C1</td>",
        "Invio ad altro servizio",
        "Servizio professioni regolamentate",
        "01/10/2025",
        "Dakar",
    ] {
        assert!(html.contains(expected), "DT lacks {expected}");
    }
    // A DV: each method with its day.
    let mut steps = demo_steps();
    let colloquio = steps
        .iter_mut()
        .find(|s| s.file.contains("colloquio"))
        .unwrap();
    colloquio.action["payload"]["date"] = json!("2025-09-20");
    let case = run(&steps);
    let html = attesta::documents::render_html(&case.documents()[1], &options).unwrap();
    assert!(html.contains("Colloquio tecnico (20/09/2025)"), "{html}");
    assert!(html.contains("Prova prestazionale (22/09/2025)"));
}

#[test]
fn esco_claims_are_listed_with_their_version_and_labelled_from_a_loaded_bundle() {
    use attesta::framework::{EscoBuilder, EscoLabels, EscoSkill};
    const URI: &str = "http://data.europa.eu/esco/skill/0a3a8b39-79e6-4a38-b8f9-3e1a4e1a2f3b";
    for (claimed_version, loaded, expected_version, label) in [
        (None, false, None, None),
        (
            None,
            true,
            Some("v1.2.0"),
            Some("guidare carrelli elevatori"),
        ),
        (
            Some("v1.1.1"),
            true,
            Some("v1.1.1"),
            Some("guidare carrelli elevatori"),
        ),
    ] {
        let mut case = run(&demo_until("15-close"));
        let mut target = json!({"scheme": "esco", "code": URI});
        if let Some(v) = claimed_version {
            target["version"] = json!(v);
        }
        let claim = json!({"id": "cl-esco", "target": target, "self_assessment": "yes",
            "experiences": ["exp-port"]});
        act(
            &mut case,
            "2025-09-08T09:50:00Z",
            F1,
            kind("add_claim", claim),
        )
        .unwrap();
        continue_with(
            &mut case,
            &demo_until("16-plan")[demo_until("15-close").len()..],
        );
        let Document::DocumentoTrasparenza(mut dt) = case.documents().remove(0) else {
            panic!("no DT")
        };
        if loaded {
            let mut esco = EscoBuilder::new("v1.2.0", vec!["it".into()]).unwrap();
            esco.add_skill(&EscoSkill {
                uri: URI.into(),
                skill_type: None,
                reuse_level: None,
                labels: vec![EscoLabels {
                    preferred: "guidare carrelli elevatori".into(),
                    alt: String::new(),
                    description: String::new(),
                }],
            })
            .unwrap();
            attesta::procedure::issue::label_esco(&mut dt, &esco.finish().unwrap(), "it");
        }
        assert_eq!(dt.esco.len(), 1);
        assert_eq!(dt.esco[0].kind, attesta::documents::EscoKind::Skill);
        assert_eq!(dt.esco[0].reference.version.as_deref(), expected_version);
        assert_eq!(dt.esco[0].label.as_deref(), label);
        let html = attesta::documents::render_html(
            &Document::DocumentoTrasparenza(dt),
            &attesta::documents::RenderOptions::default(),
        )
        .unwrap();
        assert!(html.contains(URI));
        assert_lawful(&case);
    }
}

#[test]
fn a_public_act_may_cite_the_alternatives_to_ada_codes() {
    let text = std::fs::read_to_string(format!(
        "{DEMO_DIR}/../../tests/documents/documento_validazione.json"
    ))
    .unwrap();
    let base: Value = serde_json::from_str(&text).unwrap();
    let missing = |doc: &Value| {
        check_document_value(doc)
            .unwrap()
            .findings
            .iter()
            .any(|f| f.code.as_str() == "document.missing_ada_code")
    };
    assert!(!missing(&base));
    for (alternative, lawful) in [
        (None, false),
        (Some(("correlation_groups", json!(["GC.11.01"]))), true),
        (
            Some((
                "work_activities",
                json!(["Conduzione di carrelli elevatori"]),
            )),
            true,
        ),
        (Some(("work_activities", json!([]))), false),
    ] {
        let mut doc = base.clone();
        let competence = doc["competences"][0].as_object_mut().unwrap();
        competence.remove("atlante_ada");
        competence.remove("sources");
        if let Some((field, value)) = alternative.clone() {
            competence.insert(field.to_owned(), value);
        }
        assert_eq!(missing(&doc), !lawful, "{alternative:?}");
    }
}
