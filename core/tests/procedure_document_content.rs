//! The documents a case issues serve the person: the Documento di trasparenza lists everything
//! recorded with them (experiences, evidence, languages, ESCO claims, qualifications of
//! reference), each assessment method keeps its day, the place of birth is printed and
//! redacted with the dati anagrafici, and documents of schema 1.0 still read.

mod documents_common;
mod procedure_common;

use attesta::documents::{check_document_value, Document, DocumentType};
use attesta::procedure::RefusalReason;
use documents_common::{assert_lawful, continue_with, issue_step, F1, LATER};
use procedure_common::{act, demo_steps, demo_until, kind, run, DEMO_DIR};
use serde_json::{json, Value};

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
        "{DEMO_DIR}/../../tests/documents/documento_validazione/input.json"
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
        "{DEMO_DIR}/../../tests/documents/documento_validazione/input.json"
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

#[test]
fn a_session_day_that_is_not_a_date_is_reported() {
    let text = std::fs::read_to_string(format!(
        "{DEMO_DIR}/../../tests/documents/documento_validazione/input.json"
    ))
    .unwrap();
    let base: Value = serde_json::from_str(&text).unwrap();
    for (day, invalid) in [("2025-09-20", false), ("20/09/2025", true)] {
        let mut doc = base.clone();
        doc["schema_version"] = json!("1.1");
        doc["competences"][0]["assessment"]["sessions"] =
            json!([{"method": "colloquio_tecnico", "date": day}]);
        let report = check_document_value(&doc).unwrap();
        let flagged = report.findings.iter().any(|f| {
            f.code.as_str() == "format.invalid_date"
                && f.path.to_pointer() == "/competences/0/assessment/sessions/0/date"
        });
        assert_eq!(flagged, invalid, "{day}");
        assert_eq!(report.valid, !invalid);
    }
}
