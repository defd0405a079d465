//! Snapshots of the reports of the bundled example records (`data/examples/`), which `make demo`
//! shows: a change in what a user sees for them has to be reviewed and accepted
//! (`INSTA_UPDATE=always cargo test -p attesta --test snapshots`, then read the `.snap` diff).

use attesta::{Code, Report, ValidationOptions, Validator};
use serde_json::Value;

const RECORD_VALID: &str = include_str!("../../data/examples/record-valid.json");
const RECORD_WITH_FINDINGS: &str = include_str!("../../data/examples/record-with-findings.json");

fn validator(strict: bool) -> Validator {
    ValidationOptions::default()
        .strict(strict)
        .reference_date(attesta::formats::Date::parse("2026-01-01").expect("a real date"))
        .build()
        .expect("valid options")
}

fn codes(report: &Report) -> Vec<&str> {
    report.findings.iter().map(|f| f.code.as_str()).collect()
}

#[test]
fn valid_example_has_no_findings() {
    let report = validator(false)
        .validate_str(RECORD_VALID)
        .expect("evaluable");
    assert!(report.valid, "{:#?}", report.findings);
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
    // Strict mode too: the demo record has not even a warning.
    assert!(
        validator(true)
            .validate_str(RECORD_VALID)
            .expect("evaluable")
            .valid
    );
    insta::assert_json_snapshot!("record_valid", report);
}

#[test]
fn example_with_findings_reports_each_planted_mistake() {
    let report = validator(false)
        .validate_str(RECORD_WITH_FINDINGS)
        .expect("evaluable");
    assert!(!report.valid);
    let found = codes(&report);
    for (code, path) in [
        (Code::EndBeforeStart, "/experiences/0/period/end"),
        (Code::InvalidCountry, "/experiences/0/country"),
        (Code::EvidenceUnknownReference, "/evidence/0/experiences/0"),
        (Code::SelfIssuedWithIssuer, "/evidence/1/issuer"),
        (Code::InvalidHash, "/evidence/2/file/sha256"),
        (Code::InvalidMediaType, "/evidence/2/file/media_type"),
        (Code::EvidenceNotLinked, "/evidence/2"),
        (Code::AliasCode, "/claims/0/target/code"),
        (Code::UnknownFrameworkNode, "/claims/1/target/code"),
        (Code::FrameworkVersionMismatch, "/claims/2/target/version"),
        (Code::ClaimUnknownReference, "/claims/2/evidence/0"),
        (Code::LanguageWithoutLevel, "/person/languages/1"),
    ] {
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.code == code && f.path.to_pointer() == path),
            "{code} at {path} missing from {found:?}"
        );
    }
    insta::assert_json_snapshot!("record_with_findings", report);
}

#[test]
fn strict_mode_turns_warnings_into_invalidity() {
    // The valid example with its self-declaration unlinked: only a warning.
    let mut record: Value = serde_json::from_str(RECORD_VALID).expect("JSON");
    record["evidence"][2]
        .as_object_mut()
        .expect("evidence item")
        .remove("experiences");
    record["claims"][1]["evidence"] = serde_json::json!(["ev-1"]);
    let lenient = validator(false).validate_value(&record).expect("evaluable");
    let strict = validator(true).validate_value(&record).expect("evaluable");
    assert!(lenient.valid);
    assert!(!strict.valid);
    assert_eq!(
        lenient.findings, strict.findings,
        "strict only changes validity"
    );
    assert_eq!(codes(&strict), ["evidence.not_linked"]);
    insta::assert_json_snapshot!("strict_warning_only", strict);
}
