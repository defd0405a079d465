//! The frameworks every command and API call uses (`FrameworkSetBuilder`), overlays and their
//! conflicts, and cases that record the frameworks they run on.

mod procedure_common;

use std::sync::Arc;

use attesta::framework::{
    Framework, FrameworkNotice, FrameworkSetBuilder, FrameworkSetError, FrameworkStamp,
    OverlayError,
};
use attesta::model::NodeKind;
use attesta::procedure::{
    parse_log, ActionKind, Case, FrameworkPolicy, RefusalReason, ReplayError,
};
use procedure_common::{action, demo_steps, demo_until, DEMO_DIR};
use serde_json::json;

fn sample() -> Framework {
    attesta::builtin::frameworks().frameworks()[0].clone()
}

/// A small repertoire of another region, as a titolare would write it in JSON.
fn other_region() -> serde_json::Value {
    json!({
        "schema_version": "1.0", "id": "rq_test", "title": "Test repertoire",
        "version": "2025-01", "publisher": "Regione di prova", "source": "written for this test",
        "qualifications": [{"code": "Q1", "title": "Profilo di prova", "units": ["U1"]}],
        "units": [{"code": "U1", "title": "Competenza di prova",
                   "capacita": [{"code": "U1.C1", "text": "Capacità"}]}]
    })
}

fn overlay(body: &serde_json::Value) -> String {
    let mut value = json!({
        "schema_version": "1.0", "id": "test_overlay", "extends": "rq_test",
        "source": "test overlay, illustrative values", "version": "2025-02"
    });
    for (k, v) in body.as_object().expect("object") {
        value[k] = v.clone();
    }
    value.to_string()
}

#[test]
fn the_bundled_sample_is_the_default_and_a_loaded_framework_replaces_it_with_a_notice() {
    let default = FrameworkSetBuilder::new().build().expect("builds");
    assert!(default.notices().is_empty());
    assert_eq!(default.set().frameworks().len(), 1);

    let mut newer = sample();
    newer.version = "2026-01".into();
    let built = FrameworkSetBuilder::new()
        .framework("rrfp-2026.attb", newer)
        .build()
        .expect("builds");
    assert_eq!(
        built.set().frameworks().len(),
        1,
        "replaced, not loaded twice"
    );
    assert_eq!(built.set().frameworks()[0].version, "2026-01");
    let [FrameworkNotice::ReplacesBundled { id, source, .. }] = built.notices() else {
        panic!("one replacement notice, got {:?}", built.notices());
    };
    assert_eq!(
        (id.as_str(), source.as_str()),
        ("rrfp_toscana", "rrfp-2026.attb")
    );
    assert!(built.notices()[0]
        .to_string()
        .contains("replaces the built-in sample"));
}

#[test]
fn two_user_frameworks_with_one_id_are_an_error_naming_both_sources() {
    let err = FrameworkSetBuilder::new()
        .framework("a/rrfp.attb", sample())
        .framework("b/rrfp.json", sample())
        .build()
        .unwrap_err();
    assert_eq!(err.kind().as_str(), "duplicate_framework");
    let message = err.to_string();
    assert!(
        message.contains("a/rrfp.attb") && message.contains("b/rrfp.json"),
        "{message}"
    );
    // The same through the byte and JSON entry points.
    let bytes = attesta::builtin::RRFP_TOSCANA_SAMPLE_BUNDLE.to_vec();
    let err = FrameworkSetBuilder::new()
        .bundle_bytes("x.attb", bytes)
        .and_then(|b| b.json("y.json", attesta::builtin::RRFP_TOSCANA_SAMPLE))
        .and_then(FrameworkSetBuilder::build)
        .unwrap_err();
    assert!(
        matches!(err, FrameworkSetError::Duplicate { ref first, ref second, .. }
        if first == "x.attb" && second == "y.json")
    );
}

#[test]
fn unusable_sources_are_typed_errors_with_their_label() {
    let err = FrameworkSetBuilder::new()
        .bundle_bytes("broken.attb", b"ATTB\r\n\x1a\nrest".to_vec())
        .unwrap_err();
    assert_eq!(err.kind().as_str(), "unusable_source");
    assert!(err.to_string().starts_with("broken.attb: "));
    let err = FrameworkSetBuilder::new()
        .json(
            "typo.json",
            r#"{"schema_version": "1.0", "id": "x", "titel": "?"}"#,
        )
        .unwrap_err();
    assert!(err.to_string().contains("typo.json"), "{err}");
}

#[test]
fn an_overlay_adds_values_with_their_source_and_changes_the_version() {
    let text = overlay(&json!({
        "qualifications": [{"code": "Q1", "eqf_level": 3, "description": "Descrizione",
            "ateco": ["16.29.19"], "cp2021": ["6.5.2.1.2"],
            "reserved_activity": {"legal_reference": "L. 0/0000 (test)"}}],
        "units": [{"code": "U1", "atlante_ada": ["ADA.19.01.01"]}]
    }));
    let built = FrameworkSetBuilder::empty()
        .json("rq_test.json", &other_region().to_string())
        .and_then(|b| b.json("overlay.json", &text))
        .and_then(FrameworkSetBuilder::build)
        .expect("builds");
    let set = built.set();
    let framework = set.framework("rq_test").expect("loaded");
    assert_eq!(framework.version, "2025-01 + test_overlay 2025-02");
    assert_eq!(framework.base_version(), "2025-01");
    let q = &framework.qualifications[0];
    assert_eq!(q.eqf_level, Some(3));
    assert!(q.reserved_activity);
    assert_eq!(framework.units[0].atlante_ada, ["ADA.19.01.01"]);
    assert!(set.knows_ada("ADA.19.01.01"));
    let basis = "integrazione test_overlay 2025-02";
    for (scheme, code) in [
        ("eqf", "3"),
        ("atlante_ada", "ADA.19.01.01"),
        ("ateco2007", "16.29.19"),
        ("cp2021", "6.5.2.1.2"),
    ] {
        assert!(
            framework.links.iter().any(|l| l.to.scheme == scheme
                && l.to.code == code
                && l.basis.as_deref() == Some(basis)),
            "{scheme}:{code} is traceable to the overlay"
        );
    }
    assert!(framework
        .notes
        .iter()
        .any(|n| n.contains("L. 0/0000 (test)")));
    assert!(matches!(
        built.notices(),
        [FrameworkNotice::OverlayApplied { .. }]
    ));
}

#[test]
fn an_overlay_never_overwrites_an_official_value() {
    let mut official = other_region();
    official["qualifications"][0]["eqf_level"] = json!(4);
    let build = |body: serde_json::Value| {
        FrameworkSetBuilder::empty()
            .json("rq_test.json", &official.to_string())
            .and_then(|b| b.json("overlay.json", &overlay(&body)))
            .and_then(FrameworkSetBuilder::build)
    };
    // The same value is no conflict (and adds nothing).
    let same = build(json!({"qualifications": [{"code": "Q1", "eqf_level": 4}]})).expect("ok");
    assert_eq!(
        same.set().frameworks()[0].qualifications[0].eqf_level,
        Some(4)
    );
    // Another value is refused, naming the overlay and the pointer.
    let err = build(json!({"qualifications": [{"code": "Q1", "eqf_level": 3}]})).unwrap_err();
    assert_eq!(err.kind().as_str(), "overlay_conflict");
    let FrameworkSetError::Overlay { label, error } = &err else {
        panic!("{err}")
    };
    assert_eq!(label, "overlay.json");
    assert!(
        matches!(error, OverlayError::Conflict { pointer, .. } if pointer == "/qualifications/0/eqf_level")
    );
    // Unknown nodes, malformed codes, a missing target, a wrong base version.
    let err = build(json!({"units": [{"code": "U9", "atlante_ada": ["ADA.1.2.3"]}]})).unwrap_err();
    assert!(err.to_string().contains("/units/0/code"), "{err}");
    let err = build(json!({"units": [{"code": "U1", "atlante_ada": ["ADA-1"]}]})).unwrap_err();
    assert_eq!(err.kind().as_str(), "invalid_overlay");
    let err = build(json!({"extends": "rq_missing"})).unwrap_err();
    assert_eq!(err.kind().as_str(), "overlay_target_missing");
    let err = build(json!({"extends_version": "2024-01"})).unwrap_err();
    assert!(matches!(
        err,
        FrameworkSetError::Overlay {
            error: OverlayError::VersionMismatch { .. },
            ..
        }
    ));
}

/// The sample with one more ADA code on UC 1955: same id and version, other content.
fn changed_sample() -> Arc<attesta::framework::FrameworkSet> {
    let changed = FrameworkSetBuilder::new()
        .json(
            "overlay.json",
            &json!({"schema_version": "1.0", "id": "more_ada", "extends": "rrfp_toscana",
                "source": "test", "version": "1",
                "units": [{"code": "1955", "atlante_ada": ["ADA.11.01.99"]}]})
            .to_string(),
        )
        .and_then(FrameworkSetBuilder::build)
        .expect("builds");
    changed.set().clone()
}

#[test]
fn a_case_records_its_frameworks_and_refuses_others_unless_allowed() {
    let steps = demo_until("15-close");
    let case = procedure_common::run(&steps);
    let recorded = &case.state().frameworks;
    let expected = FrameworkStamp::of(&sample()).expect("stamp");
    assert_eq!(recorded, &vec![expected.clone()]);
    assert_eq!(
        case.events()[0].payload["frameworks"][0]["checksum"],
        json!(expected.checksum)
    );

    // An opener may not fill the record itself.
    let mut open = demo_steps()[0].action.clone();
    open["payload"]["frameworks"] = json!([expected]);
    let refusal = Case::open(
        attesta::builtin::frameworks(),
        "2025-09-01T08:30:00Z",
        "op-eitc-01",
        &action(&open),
    )
    .unwrap_err();
    assert!(matches!(
        refusal.reason,
        RefusalReason::InvalidPayload { .. }
    ));

    // Replaying over other content is refused, naming both stamps.
    let changed = changed_sample();
    let err = Case::from_events(changed.clone(), case.events().to_vec()).unwrap_err();
    let ReplayError::FrameworksChanged { drift } = &err else {
        panic!("{err}")
    };
    assert_eq!(drift[0].recorded, expected);
    assert_ne!(
        drift[0].loaded.as_ref().map(|l| &l.checksum),
        Some(&expected.checksum)
    );
    assert!(err.to_string().contains("--allow-framework-change"));

    // Explicitly allowed: the next action records the change first.
    let mut allowed = Case::from_events_with(
        changed.clone(),
        case.events().to_vec(),
        FrameworkPolicy::AllowChange,
    )
    .expect("allowed");
    assert_eq!(allowed.framework_drift().len(), 1);
    let next = &demo_steps()[steps.len()];
    allowed
        .act(&next.at, &next.actor, &action(&next.action))
        .expect("acts");
    let kinds: Vec<&str> = allowed.events()[steps.len()..]
        .iter()
        .map(|e| e.kind.as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            ActionKind::ChangeFrameworks.as_str(),
            "close_identificazione"
        ]
    );
    assert!(allowed.framework_drift().is_empty());
    // From then on the case runs on the new content, and no longer on the old one.
    Case::from_events(changed, allowed.events().to_vec()).expect("runs on the new");
    assert!(Case::from_events(attesta::builtin::frameworks(), allowed.events().to_vec()).is_err());
    // A change_frameworks action cannot be sent by a user.
    let mut plain = procedure_common::run(&steps);
    let forged = action(&json!({"kind": "change_frameworks",
        "payload": {"previous": [], "frameworks": []}}));
    assert!(plain.act(&next.at, &next.actor, &forged).is_err());
}

#[test]
fn a_refused_action_leaves_an_allowed_change_pending_and_the_log_unchanged() {
    let steps = demo_until("15-close");
    let case = procedure_common::run(&steps);
    let mut allowed = Case::from_events_with(
        changed_sample(),
        case.events().to_vec(),
        FrameworkPolicy::AllowChange,
    )
    .expect("allowed");
    let plan = action(&json!({"kind": "plan_assessment",
        "payload": {"assessors": ["op-evac-07"], "methods": {}}}));
    assert!(allowed
        .act("2025-09-09T09:00:00Z", "op-evac-07", &plan)
        .is_err());
    assert_eq!(allowed.events().len(), case.events().len());
    assert_eq!(allowed.framework_drift().len(), 1);
}

#[test]
fn a_case_log_written_before_frameworks_were_recorded_still_loads() {
    let bytes = std::fs::read(format!(
        "{DEMO_DIR}/../../tests/cases/before-recorded-frameworks/events.jsonl"
    ))
    .expect("the committed demo log");
    let events = parse_log(&bytes).expect("a sound log");
    assert!(events[0].payload.get("frameworks").is_none());
    let case = Case::from_events(attesta::builtin::frameworks(), events).expect("an old log loads");
    assert!(case.state().frameworks.is_empty());
    assert_eq!(case.state().phase.as_str(), "validated");
    // Its documents cite the version of the repertoire used.
    let documents = serde_json::to_value(case.documents()).expect("serializes");
    assert_eq!(
        documents[1]["competences"][0]["repertoire"]["version"],
        json!(sample().version)
    );
}

#[test]
fn frameworks_of_another_region_resolve_alongside_the_sample() {
    let built = FrameworkSetBuilder::new()
        .json("rq_test.json", &other_region().to_string())
        .and_then(FrameworkSetBuilder::build)
        .expect("builds");
    let set = built.set();
    assert!(set.node("rq_test", NodeKind::Qualification, "Q1").is_some());
    assert!(set
        .node("rrfp_toscana", NodeKind::Qualification, "450")
        .is_some());
}

#[test]
fn a_claim_citing_the_published_version_matches_the_overlaid_framework() {
    let built = FrameworkSetBuilder::new()
        .json(
            "overlay.json",
            &json!({"schema_version": "1.0", "id": "more_ada", "extends": "rrfp_toscana",
                "source": "test", "version": "1",
                "units": [{"code": "1955", "atlante_ada": ["ADA.11.01.99"]}]})
            .to_string(),
        )
        .and_then(FrameworkSetBuilder::build)
        .expect("builds");
    let validator = attesta::ValidationOptions::default()
        .build_with(built.set().clone())
        .expect("validator");
    let record = |version: &str| {
        json!({"schema_version": "1.0", "id": "r", "person": {"id": "p"},
            "claims": [{"id": "c", "self_assessment": "yes",
                "target": {"scheme": "rrfp_toscana.unit", "code": "1955", "version": version}}]})
        .to_string()
    };
    let codes = |version: &str| -> Vec<String> {
        validator
            .validate_str(&record(version))
            .expect("evaluates")
            .findings
            .iter()
            .map(|f| f.code.as_str().to_owned())
            .collect()
    };
    let mismatch = "claim.framework_version_mismatch".to_owned();
    assert!(!codes(&sample().version).contains(&mismatch));
    assert!(codes("1999-01").contains(&mismatch));
}
