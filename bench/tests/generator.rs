//! The benchmark record must be what the benchmark claims: deterministic, of the stated size,
//! valid for Attesta with only the planned warnings, and valid for the committed JSON Schema.

use attesta::{Severity, ValidationOptions};
use attesta_bench::{record, record_bytes, Shape, UNLINKED_EVIDENCE};

#[test]
fn record_is_deterministic_and_of_the_default_shape() {
    assert_eq!(record_bytes(), record_bytes());
    let value = record(Shape::default());
    for (field, n) in [("experiences", 50), ("claims", 50), ("evidence", 50)] {
        assert_eq!(value[field].as_array().map(Vec::len), Some(n), "{field}");
    }
}

#[test]
fn record_is_valid_with_only_the_planned_warnings() {
    let validator = ValidationOptions::default()
        .reference_date(attesta::formats::Date::new(2025, 6, 30).expect("date"))
        .build()
        .expect("validator");
    let report = validator
        .validate_slice(&record_bytes())
        .expect("evaluated");
    assert!(report.valid, "{:#?}", report.findings);
    let mut codes: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .map(|f| f.code.as_str())
        .collect();
    codes.dedup();
    assert_eq!(
        codes,
        ["evidence.not_linked", "evidence.self_issued_with_issuer"],
        "{:#?}",
        report.findings
    );
    let not_linked = report
        .findings
        .iter()
        .filter(|f| f.code.as_str() == "evidence.not_linked");
    assert_eq!(not_linked.count(), UNLINKED_EVIDENCE);
}

#[test]
fn record_matches_the_published_schema() {
    let text = attesta::schema::schema_text("competence-record").expect("schema");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema JSON");
    let peer = jsonschema::validator_for(&schema).expect("schema compiles");
    let value = record(Shape::default());
    let errors: Vec<String> = peer.iter_errors(&value).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}
