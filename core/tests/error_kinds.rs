//! The error catalogue as a binding sees it: one instance of every [`ErrorKind`], made through
//! the API where a cheap input produces it, serialized through [`ErrorDetails`]. Each has
//! `kind` and `message`, carries only the optional fields its kind documents (and, across the
//! instances, every one of them), validates against the committed `data/schemas/error.json`,
//! and reads back unchanged.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use attesta::framework::{FrameworkSetError, FrameworkStamp, OverlayError};
use attesta::import::{ImportProblem, ProblemSeverity};
use attesta::procedure::{
    parse_log, Action, Case, CaseFileError, EnteKey, FrameworkDrift, RefusalReason, ReplayError,
};
use attesta::{Error, ErrorDetails, ErrorKind, ValidationOptions};
use serde_json::{json, Value};

const OPEN: &str = r#"{"kind": "open_case", "payload": {
  "case_id": "case-1",
  "record": {"schema_version": "1.0", "id": "rec-1", "person": {"id": "p-1"}},
  "target": {"scheme": "rrfp_toscana.qualification", "code": "450"},
  "ente": {"id": "cpi-li", "name": "CPI Livorno",
           "authorisation": {"kind": "ex_lege", "reference": "L.R. 32/2002"},
           "titolare": {"name": "Regione Toscana", "repertoires": ["rrfp_toscana"]}},
  "operators": [{"id": "op-f1", "roles": ["f1"]}],
  "eligibility": {"informed": true, "requirements_met": true}
}}"#;

/// A real refusal: planning an assessment in accoglienza.
fn wrong_phase_refusal() -> attesta::procedure::Refusal {
    let open: Action = serde_json::from_str(OPEN).unwrap();
    let mut case = Case::open(
        attesta::builtin::frameworks(),
        "2025-03-03T09:00:00Z",
        "op-f1",
        &open,
    )
    .unwrap();
    let plan: Action = serde_json::from_str(
        r#"{"kind": "plan_assessment", "payload": {"assessors": ["op-f1"], "methods": {}}}"#,
    )
    .unwrap();
    case.act("2025-03-03T09:04:00Z", "op-f1", &plan)
        .expect_err("accoglienza does not allow planning")
}

fn stamp() -> FrameworkStamp {
    FrameworkStamp {
        id: "rrfp_toscana".to_owned(),
        version: "2024-01".to_owned(),
        checksum: "0".repeat(64),
    }
}

fn path() -> PathBuf {
    PathBuf::from("cases/case-1.jsonl")
}

fn io_error() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::PermissionDenied, "permission denied")
}

/// One error or more of every kind.
#[allow(clippy::too_many_lines)] // one entry per kind, read as a list
fn instances() -> Vec<Error> {
    let validator = |options: ValidationOptions| options.build().unwrap();
    let refusal = wrong_phase_refusal();
    let integrity = parse_log(b"not an event\n").expect_err("not a log");
    let finding = attesta::validate(
        r#"{"schema_version": "1.0", "id": "r", "person": {"id": "p"}, "experiences": [{"id": "e",
        "context": "informale", "kind": "work", "period": {"start": "2019", "end": "2018"},
        "role": "x"}]}"#,
    )
    .unwrap()
    .findings
    .remove(0);
    let not_lawful = attesta::procedure::Refusal {
        reason: RefusalReason::DocumentNotLawful {
            document_type: attesta::documents::DocumentType::DocumentoValidazione,
            findings: vec![finding],
        },
        ..refusal.clone()
    };
    let overlay_conflict = OverlayError::Conflict {
        pointer: "/qualifications/450/eqf_level".to_owned(),
        framework: "rrfp_toscana".to_owned(),
        kind: "qualification",
        code: "450".to_owned(),
    };
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    vec![
        attesta::validate("{\"id\": ").unwrap_err(),
        attesta::validate("[]").unwrap_err(),
        validator(ValidationOptions::default().max_size(10))
            .validate_str("{\"schema_version\": \"1.0\"}")
            .unwrap_err(),
        attesta::validate(&deep).unwrap_err(),
        attesta::validate(r#"{"schema_version": "9.0"}"#).unwrap_err(),
        attesta::documents::check_document(r#"{"schema_version": "1.0", "document_type": "x"}"#)
            .unwrap_err(),
        Error::UnknownFramework("rrfp_umbria".to_owned()),
        Error::InvalidFramework("more than 2^29 occupations".to_owned()),
        attesta::bundle::Bundle::from_bytes(
            b"not a bundle at all, but long enough to have a header",
        )
        .unwrap_err(),
        Error::Import(ImportProblem {
            file: "classification/skills_en.csv".to_owned(),
            line: 3,
            column: Some(2),
            severity: ProblemSeverity::Error,
            reason: "unterminated quoted field".to_owned(),
        }),
        Error::InvalidOptions("max_size must be positive".to_owned()),
        attesta::procedure::read_action(r#"{"kind": "no_such_action"}"#).unwrap_err(),
        Error::InvalidInput("not a competence record; run `attesta validate` on it".to_owned()),
        attesta::check(
            r#"{"schema_version": "1.0", "id": "r", "person": {"id": "p"},
                "experiences": [{"id": "e", "context": "informale", "kind": "work",
                "period": {"start": "2019", "end": "2018"}, "country": "MA", "role": "x"}]}"#,
        )
        .unwrap_err(),
        Error::Io {
            path: path(),
            source: io_error(),
        },
        refusal.clone().into(),
        not_lawful.into(),
        integrity.clone().into(),
        ReplayError::BadPayload {
            index: 2,
            seq: 2,
            message: "missing field 'id' at payload".to_owned(),
        }
        .into(),
        ReplayError::Refused {
            index: 1,
            seq: 1,
            refusal: refusal.clone(),
        }
        .into(),
        ReplayError::Empty.into(),
        ReplayError::FrameworksChanged {
            drift: vec![FrameworkDrift {
                recorded: stamp(),
                loaded: None,
            }],
        }
        .into(),
        CaseFileError::Io {
            path: path(),
            source: io_error(),
        }
        .into(),
        CaseFileError::Integrity {
            path: path(),
            error: integrity,
        }
        .into(),
        Error::Fork(Box::new(attesta::procedure::Fork {
            base: Some(attesta::procedure::Head {
                seq: 9,
                hash: "a".repeat(64),
            }),
            central: attesta::procedure::Head {
                seq: 10,
                hash: "b".repeat(64),
            },
            unit: attesta::procedure::Head {
                seq: 10,
                hash: "c".repeat(64),
            },
        })),
        CaseFileError::Replay {
            path: path(),
            error: ReplayError::Refused {
                index: 1,
                seq: 1,
                refusal,
            },
        }
        .into(),
        CaseFileError::Replay {
            path: path(),
            error: ReplayError::Empty,
        }
        .into(),
        CaseFileError::Replay {
            path: path(),
            error: ReplayError::BadPayload {
                index: 0,
                seq: 0,
                message: "unknown action kind".to_owned(),
            },
        }
        .into(),
        CaseFileError::Replay {
            path: path(),
            error: ReplayError::FrameworksChanged {
                drift: vec![FrameworkDrift {
                    recorded: stamp(),
                    loaded: Some(stamp()),
                }],
            },
        }
        .into(),
        CaseFileError::Exists(path()).into(),
        CaseFileError::Diverged(path()).into(),
        CaseFileError::Symlink(path()).into(),
        CaseFileError::NotAFile(path()).into(),
        CaseFileError::TooLarge {
            path: path(),
            limit: 64 << 20,
        }
        .into(),
        CaseFileError::Locked(path()).into(),
        CaseFileError::BadHead(path()).into(),
        CaseFileError::InvalidPath(PathBuf::from("..")).into(),
        FrameworkSetError::Duplicate {
            id: "rrfp_toscana".to_owned(),
            first: "a.json".to_owned(),
            second: "b.attb".to_owned(),
        }
        .into(),
        FrameworkSetError::Source {
            label: "a.json".to_owned(),
            error: attesta::validate("{").unwrap_err(),
        }
        .into(),
        FrameworkSetError::OverlayTarget {
            label: "overlay.json".to_owned(),
            framework: "rrfp_umbria".to_owned(),
        }
        .into(),
        FrameworkSetError::Overlay {
            label: "overlay.json".to_owned(),
            error: overlay_conflict.clone(),
        }
        .into(),
        overlay_conflict.into(),
        OverlayError::SchemaVersion.into(),
        OverlayError::InvalidValue {
            pointer: "/units/1953/eqf_level".to_owned(),
            expected: "an EQF level 1 to 8",
        }
        .into(),
        OverlayError::VersionMismatch {
            framework: "rrfp_toscana".to_owned(),
            expected: "2023".to_owned(),
            found: "2024".to_owned(),
        }
        .into(),
        EnteKey::from_pem("not a key").unwrap_err().into(),
        attesta::credentials::CredentialError::UnknownContext {
            url: "https://example.org/unknown-context".to_owned(),
        }
        .into(),
    ]
}

fn error_schema() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/schemas/error.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn every_kind_serializes_as_one_documented_shape() {
    let validator = jsonschema::validator_for(&error_schema()).expect("error.json compiles");
    let mut fields_seen: BTreeMap<ErrorKind, BTreeSet<String>> = BTreeMap::new();
    for error in instances() {
        let details = error.details();
        assert_eq!(details.kind, error.kind());
        let json = serde_json::to_value(&details).unwrap();
        let object = json.as_object().expect("an object");
        assert_eq!(object["kind"], error.kind().as_str(), "{json}");
        assert!(
            object["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{json}"
        );
        assert_eq!(object["message"], error.to_string());
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| e.to_string())
            .collect();
        assert!(
            errors.is_empty(),
            "{json} does not fit error.json: {errors:?}"
        );
        let back: ErrorDetails = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(back, details);
        let documented = error.kind().fields();
        let seen = fields_seen.entry(error.kind()).or_default();
        for key in object.keys().filter(|k| *k != "kind" && *k != "message") {
            assert!(
                documented.contains(&key.as_str()),
                "{}: field '{key}' is not in its documented fields {documented:?}",
                error.kind()
            );
            seen.insert(key.clone());
        }
    }
    for kind in ErrorKind::ALL {
        let seen = fields_seen
            .get(kind)
            .unwrap_or_else(|| panic!("no instance of {kind}"));
        let documented: BTreeSet<String> = kind.fields().iter().map(|f| (*f).to_owned()).collect();
        assert_eq!(*seen, documented, "{kind}: documented fields never shown");
    }
}

/// What a caller acts on is in the fields, not only in the message.
#[test]
fn details_carry_what_a_caller_acts_on() {
    let refused: Error = wrong_phase_refusal().into();
    let json = serde_json::to_value(refused.details()).unwrap();
    assert_eq!(json["refusal"]["action"], "plan_assessment");
    assert_eq!(json["refusal"]["phase"], "accoglienza");
    assert_eq!(json["refusal"]["reason"], json!({"kind": "wrong_phase"}));
    assert!(json["refusal"]["allowed"]
        .as_array()
        .is_some_and(|a| a.contains(&json!("withdraw"))));

    let integrity: Error = parse_log(b"{}\n").unwrap_err().into();
    let json = serde_json::to_value(integrity.details()).unwrap();
    assert_eq!(json["kind"], "log_integrity");
    assert_eq!(json["integrity"]["index"], 0);
    assert_eq!(json["integrity"]["problem"]["kind"], "malformed");

    let malformed = attesta::validate("{\n  \"id\": }").unwrap_err().details();
    assert_eq!((malformed.line, malformed.column), (Some(2), Some(9)));

    let source: Error = FrameworkSetError::Source {
        label: "a.json".to_owned(),
        error: attesta::validate("[]").unwrap_err(),
    }
    .into();
    let details = source.details();
    assert_eq!(details.kind, ErrorKind::UnusableSource);
    assert_eq!(
        details.cause.map(|c| c.kind),
        Some(ErrorKind::WrongTopLevelType)
    );
}

/// The discriminator is `kind` in every nested error shape, never `reason`, `error` or
/// `problem` (those names may still be ordinary fields).
#[test]
fn nested_shapes_use_the_kind_discriminator() {
    let empty = serde_json::to_value(ReplayError::Empty).unwrap();
    assert_eq!(empty, json!({"kind": "empty"}));
    let integrity = serde_json::to_value(parse_log(b"x").unwrap_err()).unwrap();
    assert_eq!(integrity["problem"], json!({"kind": "torn_last_line"}));
    let replay =
        serde_json::to_value(ReplayError::Integrity(parse_log(b"x").unwrap_err())).unwrap();
    assert_eq!(replay["kind"], "integrity");
    assert_eq!(replay["problem"]["kind"], "torn_last_line");
    let back: ReplayError = serde_json::from_value(replay).unwrap();
    assert!(matches!(back, ReplayError::Integrity(_)));
}

/// Messages never quote an input value, whatever the kind: a canary in the input never shows.
#[test]
fn messages_do_not_quote_the_input() {
    const CANARY: &str = "Mario Rossi RSSMRA80A01H501U";
    let inputs = [
        format!("{{\"id\": \"{CANARY}\" "),
        format!("{{\"kind\": \"{CANARY}\", \"payload\": {{}}}}"),
        format!(
            "{{\"kind\": \"open_case\", \"payload\": {{\"case_id\": 1, \"x\": \"{CANARY}\"}}}}"
        ),
    ];
    for input in &inputs {
        for error in [
            attesta::validate(input).err(),
            attesta::procedure::read_action(input).err(),
        ]
        .into_iter()
        .flatten()
        {
            let json = serde_json::to_string(&error.details()).unwrap();
            assert!(!json.contains("Mario"), "{json}");
        }
    }
}

/// A declared version or document type is shown when it is a plain word (the user sees what
/// they wrote) and never when it is free text, which may be personal data in the wrong field.
#[test]
fn declared_words_are_shown_and_free_text_is_not() {
    let record = |version: &str| format!(r#"{{"schema_version": "{version}", "id": "r"}}"#);
    let shown = attesta::validate(&record("9.1")).unwrap_err().to_string();
    assert!(shown.contains("'9.1'"), "{shown}");
    let hidden = attesta::validate(&record("Mario Rossi, via Roma 1"))
        .unwrap_err()
        .to_string();
    assert!(
        !hidden.contains("Mario") && !hidden.contains("Roma"),
        "{hidden}"
    );
    assert!(hidden.contains("not shown"), "{hidden}");
    let document = r#"{"document_type": "attestato di Mario", "schema_version": "1.2"}"#;
    let message = attesta::documents::check_document(document)
        .unwrap_err()
        .to_string();
    assert!(
        !message.contains("Mario") && !message.contains("Some("),
        "{message}"
    );
    let document = r#"{"document_type": "attestato", "schema_version": "1.2"}"#;
    let message = attesta::documents::check_document(document)
        .unwrap_err()
        .to_string();
    assert!(message.contains("'attestato'"), "{message}");
}
