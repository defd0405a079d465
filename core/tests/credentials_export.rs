//! Exports of the demo case's Documento di validazione (`tests/cases/demo-450/`) to Open Badges
//! 3.0, ELM v3 and the Libretto record: content, the same UC identifiers in all three,
//! determinism, privacy, and signed exports that detect any change.
#![cfg(feature = "credentials")]

use std::sync::Arc;

use attesta::credentials::{
    export_credentials, libretto_record, sign_credential, verify_credential, CredentialError,
    CredentialKey, Cryptosuite, ExportFormat, ExportOptions, ProofOptions,
};
use attesta::documents::Document;
use attesta::framework::{FrameworkSet, Link, MappingRelation};
use attesta::model::FrameworkRef;
use serde_json::Value;

const CASE_DOCUMENTS: &str = "/../tests/cases/demo-450/expected/documents/";

fn document(name: &str) -> Document {
    let path = format!("{}{CASE_DOCUMENTS}{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn validazione() -> Document {
    document("documento_validazione-case-2025-0147-DV.json")
}

fn export(format: ExportFormat) -> Vec<Value> {
    let options = ExportOptions {
        format,
        ..ExportOptions::default()
    };
    export_credentials(&validazione(), None, &options).unwrap()
}

const UNITS: [&str; 2] = ["rrfp_toscana.unit:1955", "rrfp_toscana.unit:1954"];

#[test]
fn open_badges_one_credential_per_uc_with_alignments() {
    let badges = export(ExportFormat::Ob3);
    assert_eq!(badges.len(), 2);
    let first = &badges[0];
    assert_eq!(
        first["type"],
        serde_json::json!(["VerifiableCredential", "OpenBadgeCredential"])
    );
    assert_eq!(first["validFrom"], "2025-09-29T00:00:00Z");
    assert_eq!(
        first["id"],
        "urn:attesta:credential:case-2025-0147:ob3:rrfp_toscana.unit:1955"
    );
    let achievement = &first["credentialSubject"]["achievement"];
    assert_eq!(achievement["achievementType"], "Competency");
    assert_eq!(achievement["humanCode"], "1955");
    let targets: Vec<&str> = achievement["alignment"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["targetUrl"].as_str().unwrap())
        .collect();
    assert_eq!(
        targets,
        [
            "urn:attesta:node:rrfp_toscana.unit:1955",
            "urn:attesta:node:atlante_ada:ADA.11.01.20",
            "http://data.europa.eu/snb/eqf/3"
        ]
    );
    insta::assert_json_snapshot!("ob3_demo_450", badges);
}

#[test]
fn elm_one_achievement_per_uc_with_eqf_concept_and_awarding_body() {
    let elm = export(ExportFormat::Elm);
    assert_eq!(elm.len(), 1);
    let claims = elm[0]["credentialSubject"]["hasClaim"].as_array().unwrap();
    assert_eq!(claims.len(), 2);
    for claim in claims {
        assert_eq!(claim["type"], "LearningAchievement");
        assert_eq!(
            claim["specifiedBy"]["eqfLevel"]["id"],
            "http://data.europa.eu/snb/eqf/3"
        );
        assert_eq!(
            claim["awardedBy"]["awardingBody"][0]["legalName"]["it"],
            "Centro per l'impiego di Livorno (demo)"
        );
    }
    insta::assert_json_snapshot!("elm_demo_450", elm);
}

#[test]
fn the_three_formats_carry_the_same_uc_identifiers() {
    let from_ob3: Vec<String> = export(ExportFormat::Ob3)
        .iter()
        .map(|b| {
            b["credentialSubject"]["achievement"]["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let from_elm: Vec<String> = export(ExportFormat::Elm)[0]["credentialSubject"]["hasClaim"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["specifiedBy"]["id"].as_str().unwrap().to_owned())
        .collect();
    let record = libretto_record(&validazione(), None, &ExportOptions::default()).unwrap();
    let from_libretto: Vec<String> = record
        .competences
        .iter()
        .map(|c| format!("urn:attesta:node:{}", c.unit_key))
        .collect();
    let expected: Vec<String> = UNITS
        .iter()
        .map(|u| format!("urn:attesta:node:{u}"))
        .collect();
    assert_eq!(from_ob3, expected);
    assert_eq!(from_elm, expected);
    assert_eq!(from_libretto, expected);
    insta::assert_json_snapshot!("libretto_demo_450", record);
}

#[test]
fn exports_are_deterministic_and_can_leave_personal_data_out() {
    for format in [ExportFormat::Ob3, ExportFormat::Elm, ExportFormat::Libretto] {
        assert_eq!(export(format), export(format));
        let with = serde_json::to_string(&export(format)).unwrap();
        assert!(with.contains("Ousmane"), "{format:?} is for the person");
        let options = ExportOptions {
            format,
            include_personal_data: false,
            ..ExportOptions::default()
        };
        let text =
            serde_json::to_string(&export_credentials(&validazione(), None, &options).unwrap())
                .unwrap();
        for personal in [
            "Ousmane",
            "Esempio",
            "SMPSMN90D12Z343X",
            "1990-04-12",
            "Dakar (Senegal)",
        ] {
            assert!(!text.contains(personal), "{format:?} leaks {personal}");
        }
    }
}

#[test]
fn esco_links_of_the_frameworks_become_alignments_and_learning_outcomes() {
    let mut framework = attesta::builtin::frameworks().frameworks()[0].clone();
    let esco = "http://data.europa.eu/esco/skill/4d2a8c7b-3b1c-4d5e-9f6a-1b2c3d4e5f60";
    framework.links.push(Link {
        from: FrameworkRef::new("rrfp_toscana.unit", "1955"),
        to: FrameworkRef::new("esco", esco),
        relation: MappingRelation::Close,
        basis: None,
    });
    let mut set = FrameworkSet::new();
    set.insert(framework).unwrap();
    let set = Arc::new(set);
    let options = ExportOptions {
        units: vec!["1955".into()],
        ..ExportOptions::default()
    };
    let badges = export_credentials(&validazione(), Some(&set), &options).unwrap();
    assert_eq!(badges.len(), 1);
    let alignment = badges[0]["credentialSubject"]["achievement"]["alignment"]
        .as_array()
        .unwrap();
    assert!(alignment
        .iter()
        .any(|a| a["targetUrl"] == esco && a["targetFramework"] == "ESCO"));
    let elm_options = ExportOptions {
        format: ExportFormat::Elm,
        ..options.clone()
    };
    let elm = export_credentials(&validazione(), Some(&set), &elm_options).unwrap();
    let outcome = &elm[0]["credentialSubject"]["hasClaim"][0]["specifiedBy"]["learningOutcome"][0];
    assert_eq!(outcome["relatedESCOSkill"][0]["id"], esco);
    let record = libretto_record(&validazione(), Some(&set), &options).unwrap();
    assert_eq!(record.competences[0].esco, [esco]);
}

#[test]
fn what_cannot_be_exported_is_a_typed_error() {
    let trasparenza = document("documento_trasparenza-case-2025-0147-DT.json");
    let err = export_credentials(&trasparenza, None, &ExportOptions::default()).unwrap_err();
    assert!(matches!(err, CredentialError::NotExportable(_)));
    let options = ExportOptions {
        units: vec!["1953".into()], // claimed in the case, but not on the document
        ..ExportOptions::default()
    };
    let err = export_credentials(&validazione(), None, &options).unwrap_err();
    assert!(matches!(err, CredentialError::NotExportable(_)));
    let details = attesta::Error::from(err).details();
    assert_eq!(details.kind.as_str(), "credential");
}

/// Every string, number and boolean leaf of a JSON value, by JSON pointer.
fn leaves(value: &Value, pointer: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                leaves(
                    child,
                    &format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                leaves(child, &format!("{pointer}/{index}"), out);
            }
        }
        _ => out.push(pointer.to_owned()),
    }
}

fn changed(value: &Value) -> Value {
    match value {
        Value::String(text) if text.contains(':') => Value::String(format!("{text}x")),
        Value::String(text) => Value::String(format!("{text} (changed)")),
        Value::Bool(flag) => Value::Bool(!flag),
        Value::Number(n) => Value::from(n.as_u64().unwrap_or(0) + 1),
        _ => Value::String("x".into()),
    }
}

#[test]
fn signed_exports_verify_and_every_changed_field_is_detected() {
    let key = CredentialKey::from_secret_bytes(&[3; 32]);
    let cases = [
        (
            export(ExportFormat::Ob3).remove(0),
            Cryptosuite::EddsaRdfc2022,
        ),
        (
            export(ExportFormat::Ob3).remove(1),
            Cryptosuite::EddsaJcs2022,
        ),
        (
            export(ExportFormat::Elm).remove(0),
            Cryptosuite::EddsaJcs2022,
        ),
    ];
    for (credential, suite) in cases {
        let options = ProofOptions {
            cryptosuite: suite,
            created: Some("2025-09-29T10:00:00Z".into()),
            ..ProofOptions::default()
        };
        let signed = sign_credential(&credential, &key, &options).unwrap();
        assert!(verify_credential(&signed, Some(&key)).unwrap().verified);
        let mut pointers = Vec::new();
        leaves(&signed, "", &mut pointers);
        for pointer in pointers.iter().filter(|p| !p.ends_with("/proofValue")) {
            let mut copy = signed.clone();
            let target = copy.pointer_mut(pointer).unwrap();
            *target = changed(target);
            // Detected: either the proof fails, or the changed credential cannot be processed.
            if let Ok(outcome) = verify_credential(&copy, Some(&key)) {
                assert!(
                    !outcome.verified,
                    "{suite:?}: change at {pointer} not detected"
                );
            }
        }
    }
}

#[test]
fn rdfc_refuses_contexts_it_does_not_ship() {
    let key = CredentialKey::from_secret_bytes(&[3; 32]);
    let elm = export(ExportFormat::Elm).remove(0);
    let err = sign_credential(&elm, &key, &ProofOptions::default()).unwrap_err();
    assert!(
        matches!(&err, CredentialError::UnknownContext { url } if url.contains("data.europa.eu") || url.contains("2018/credentials")),
        "{err:?}"
    );
}
