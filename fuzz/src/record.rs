//! `validate_record`: `Validator::validate_slice` over arbitrary bytes, then over a
//! record-shaped JSON document built from the same bytes (see [`super::structured`]).
//!
//! Invariants: no panic; an error has a kind and a message; a report is valid exactly when it
//! has no error finding; every finding points into the document (or, for a missing field, at
//! a place in an object that exists; or into the earlier copy of a repeated key) and has its code's severity; a finding's path reads back
//! from its JSON Pointer; a report reads back from its JSON (what `--format json` prints); the
//! typed fast path of `validate_slice` and the value path of `validate_value` give the same
//! report.

use std::sync::OnceLock;

use attesta::codes::Code;
use attesta::formats::Date;
use attesta::{Path, Report, Severity, ValidationOptions, Validator};
use serde_json::Value;

use super::structured;

/// One validator for every run, as an application would keep it; a fixed reference date so
/// that a crash replays the same way on any day.
fn validator() -> &'static Validator {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let Some(date) = Date::new(2025, 6, 30) else {
            panic!("2025-06-30 is a date");
        };
        match ValidationOptions::default().reference_date(date).build() {
            Ok(validator) => validator,
            Err(error) => panic!("the default options build a validator: {error}"),
        }
    })
}

/// The `validate_record` target.
///
/// # Panics
/// When the library breaks one of the invariants in this module's documentation.
pub fn validate_record(data: &[u8]) {
    let validator = validator();
    match validator.validate_slice(data) {
        Ok(report) => {
            // The document as the validator saw it (a duplicated key keeps its last value in
            // a `Value`, and a finding about it points at that key all the same).
            if let Ok(document) = serde_json::from_slice::<Value>(data) {
                check_report(&document, &report);
            }
        }
        Err(error) => check_error(&error),
    }

    let document = structured::document(data);
    let Ok(text) = serde_json::to_vec(&document) else {
        return;
    };
    let from_text = validator.validate_slice(&text);
    let from_value = validator.validate_value(&document);
    match (from_text, from_value) {
        (Ok(a), Ok(b)) => {
            check_report(&document, &a);
            assert!(
                a == b,
                "validate_slice and validate_value disagree:\n{a:#?}\n{b:#?}"
            );
        }
        (Err(a), Err(b)) => {
            check_error(&a);
            assert_eq!(
                a.kind(),
                b.kind(),
                "validate_slice and validate_value fail differently"
            );
        }
        (a, b) => panic!("validate_slice gives {a:?} but validate_value {b:?}"),
    }
}

fn check_error(error: &attesta::Error) {
    let details = error.details();
    let json = serde_json::to_value(&details).expect("error details serialize");
    assert_eq!(
        json["kind"],
        error.kind().as_str(),
        "an error without its kind"
    );
    assert!(!details.message.is_empty(), "an error without a message");
}

/// The invariants every report must satisfy for the document it describes.
fn check_report(document: &Value, report: &Report) {
    let has_error = report
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error);
    assert_eq!(report.valid, !has_error, "validity is 'no error finding'");
    // A repeated key keeps its last value (as serde_json does); what was inside an earlier
    // copy is still reported, at the repeated key's path, which then points at the shadowed
    // text (`validate::json` reports every repeated key, on purpose).
    let repeated: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.code == Code::DuplicateKey)
        .map(|f| f.path.to_pointer() + "/")
        .collect();
    for finding in &report.findings {
        let pointer = finding.path.to_pointer();
        let shadowed = repeated
            .iter()
            .any(|prefix| pointer.starts_with(prefix.as_str()));
        let resolves = shadowed
            || if finding.code == Code::MissingField {
                document.pointer(&pointer).is_none()
                    && matches!(document.pointer(parent(&pointer)), Some(Value::Object(_)))
            } else {
                document.pointer(&pointer).is_some()
            };
        assert!(
            resolves,
            "{} at {pointer} does not point into the document",
            finding.code
        );
        assert_eq!(finding.severity, finding.code.default_severity());
        // Compared as pointers: an all-digit key (an unknown field "0") reads back as an
        // index, and both are the same JSON Pointer.
        assert!(
            Path::from_pointer(&pointer).map(|path| path.to_pointer()) == Some(pointer.clone()),
            "the path {pointer} does not read back from its pointer"
        );
    }
    let json = match serde_json::to_string(report) {
        Ok(json) => json,
        Err(error) => panic!("a report cannot be written as JSON: {error}"),
    };
    match serde_json::from_str::<Report>(&json) {
        Ok(back) => assert!(
            serde_json::to_string(&back).ok() == Some(json),
            "a report reads back differently from its JSON"
        ),
        Err(error) => panic!("a report's JSON does not read back: {error}"),
    }
}

fn parent(pointer: &str) -> &str {
    pointer.rsplit_once('/').map_or("", |(parent, _)| parent)
}
