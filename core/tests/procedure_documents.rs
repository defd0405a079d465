//! The documents a case issues meet the law's minimum (art. 6 D.Lgs. 13/2013, D.I. 30/6/2015
//! art. 6): one table-driven test per rule, each with a case that breaks it and one that
//! satisfies it. A refused action leaves the log unchanged.

mod documents_common;
mod procedure_common;

use std::sync::Arc;

use attesta::documents::{Document, DocumentType};
use attesta::framework::{FrameworkSet, FrameworkSetBuilder};
use attesta::procedure::{replay_with, Phase, RefusalReason};
use documents_common::{
    assert_lawful, continue_with, demo_middle, issue_step, not_lawful, F1, LATER, RESP,
};
use procedure_common::{act, demo_until, kind, run, run_on, DEMO_DIR};
use serde_json::{json, Value};

/// The bundled repertoire with the ADA codes of UC `unit` removed.
fn frameworks_without_ada(unit: &str) -> Arc<FrameworkSet> {
    let text = std::fs::read_to_string(format!("{DEMO_DIR}/../frameworks/rrfp_toscana.json"))
        .expect("built-in framework JSON");
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
        (attesta::builtin::frameworks(), false),
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
            replay_with(case.events(), &attesta::builtin::frameworks()).unwrap(),
            *case.state()
        );
    }
}
