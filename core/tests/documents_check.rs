//! `check_document` on the example documents of `tests/documents/`: valid documents of the three
//! types pass, and each missing art. 6 element is reported at its JSON path. The exact report of
//! every example is in its `expected.json`, compared by `documents_corpus.rs`; the tests here
//! say which parts of it matter and why.

use attesta::documents::{check_document, check_document_value, Document, DocumentChecker};
use attesta::{Report, Severity, ValidationOptions};

fn example(name: &str) -> String {
    let path = format!(
        "{}/../tests/documents/{}/input.json",
        env!("CARGO_MANIFEST_DIR"),
        name.trim_end_matches(".json")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn check(name: &str) -> Report {
    check_document(&example(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// `(code, path)` pairs, in report order.
fn pairs(report: &Report) -> Vec<(String, String)> {
    report
        .findings
        .iter()
        .map(|f| (f.code.as_str().to_owned(), f.path.to_pointer()))
        .collect()
}

fn has(report: &Report, code: &str, path: &str) -> bool {
    report
        .findings
        .iter()
        .any(|f| f.code.as_str() == code && f.path.to_pointer() == path)
}

#[test]
fn the_three_valid_examples_pass_without_errors_or_warnings() {
    for name in [
        "documento_trasparenza.json",
        "documento_validazione.json",
        "certificato.json",
    ] {
        let report = check(name);
        assert!(report.valid, "{name}: {:?}", pairs(&report));
        assert!(
            report.findings.iter().all(|f| f.severity == Severity::Info),
            "{name}: {:?}",
            pairs(&report)
        );
        // The examples are also valid typed documents (the strict, deny-unknown-fields path).
        let typed: Document = serde_json::from_str(&example(name)).expect(name);
        let checker = DocumentChecker::new(ValidationOptions::default()).unwrap();
        assert_eq!(checker.check(&typed).unwrap(), report, "{name}");
    }
}

#[test]
fn each_missing_art6_element_is_reported_at_its_path() {
    let report = check("invalid_validazione_missing_art6.json");
    assert!(!report.valid);
    for (code, path) in [
        (
            "document.missing_authorisation",
            "/ente_titolato/authorisation",
        ),
        (
            "document.missing_personal_data",
            "/person/personal/birth_date",
        ),
        ("document.missing_repertoire", "/competences/0/repertoire"),
        (
            "document.missing_eqf_level",
            "/competences/0/qualifications/0/eqf_level",
        ),
        ("document.missing_ada_code", "/competences/0/atlante_ada"),
        (
            "document.missing_assessment_method",
            "/competences/0/assessment/methods",
        ),
        ("document.missing_learning_context", "/competences/1"),
        ("attestation.no_assessment", "/competences/1/assessment"),
        ("document.missing_experience_data", "/experiences/0/period"),
        ("document.missing_experience_data", "/experiences/0/role"),
        ("document.missing_signatory", "/signatory"),
        ("document.missing_issue_data", "/issue_place"),
    ] {
        assert!(
            has(&report, code, path),
            "{code} at {path}: {:?}",
            pairs(&report)
        );
    }
    // The repertoire knows the UC's ADA code: the finding says which.
    let ada = report
        .findings
        .iter()
        .find(|f| f.code.as_str() == "document.missing_ada_code")
        .unwrap();
    assert_eq!(ada.context["known"], serde_json::json!(["ADA.11.01.20"]));
}

#[test]
fn a_certificate_needs_parte_terza_the_titolare_and_well_formed_codes() {
    let report = check("invalid_certificato.json");
    assert!(!report.valid);
    for (code, path) in [
        ("document.strength_too_low", "/strength"),
        ("document.missing_ente_titolare", "/ente_titolare"),
        (
            "reference.invalid_code",
            "/competences/0/qualifications/0/eqf_level",
        ),
        (
            "reference.invalid_code",
            "/competences/0/qualifications/0/cp2021/0",
        ),
        ("document.recommended_missing", "/board"),
    ] {
        assert!(
            has(&report, code, path),
            "{code} at {path}: {:?}",
            pairs(&report)
        );
    }
    let board = report
        .findings
        .iter()
        .find(|f| f.path.to_pointer() == "/board")
        .unwrap();
    assert_eq!(
        board.severity,
        Severity::Info,
        "the board is [B]: never an error"
    );
}

#[test]
fn another_regions_document_is_read_leniently_and_old_ada_codes_resolve() {
    let report = check("foreign_lombardia_old_ada.json");
    assert!(report.valid, "{:?}", pairs(&report));
    let alias = report
        .findings
        .iter()
        .find(|f| f.code.as_str() == "reference.alias_code")
        .expect("alias finding");
    assert_eq!(alias.path.to_pointer(), "/competences/0/atlante_ada/0");
    assert_eq!(alias.context["code"], "ADA.13.128.383");
    assert_eq!(alias.context["current"], "ADA.11.01.18");
    let unknown: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.code.as_str() == "document.unknown_field")
        .map(|f| {
            assert_eq!(f.severity, Severity::Warning);
            f.path.to_pointer()
        })
        .collect();
    assert_eq!(
        unknown,
        [
            "/competences/0/livello_complessita",
            "/person/id_sistema_regionale",
            "/protocollo"
        ]
    );
    // The Lombard repertoire is not loaded: said once, codes not looked up.
    assert_eq!(
        report
            .with_code(attesta::Code::DocumentFrameworkNotLoaded)
            .count(),
        1
    );
    // Strict mode turns the unknown fields into a reason to refuse.
    let strict = DocumentChecker::new(ValidationOptions::default().strict(true)).unwrap();
    assert!(
        !strict
            .check_str(&example("foreign_lombardia_old_ada.json"))
            .unwrap()
            .valid
    );
}

#[test]
fn findings_never_quote_personal_data() {
    for name in [
        "invalid_validazione_missing_art6.json",
        "foreign_lombardia_old_ada.json",
    ] {
        let text = serde_json::to_string(&check(name)).unwrap();
        for personal in [
            "Samira",
            "Haddad",
            "1990-04-12",
            "Yusuf",
            "Okafor",
            "1988-09-30",
        ] {
            assert!(!text.contains(personal), "{name} leaks {personal}");
        }
    }
}

#[test]
fn cannot_evaluate_is_an_error_not_a_report() {
    let kind = |json: &str| check_document(json).unwrap_err().kind().as_str();
    assert_eq!(kind("{\"schema_version\": "), "malformed_json");
    assert_eq!(kind("[]"), "wrong_top_level_type");
    assert_eq!(
        kind(r#"{"schema_version": "2.0", "document_type": "certificato"}"#),
        "unsupported_schema_version"
    );
    assert_eq!(
        kind(r#"{"schema_version": "1.0"}"#),
        "unknown_document_type"
    );
    assert_eq!(
        kind(r#"{"schema_version": "1.0", "document_type": "attestato"}"#),
        "unknown_document_type"
    );
    let small = DocumentChecker::new(ValidationOptions::default().max_size(10)).unwrap();
    assert_eq!(
        small
            .check_str(&example("certificato.json"))
            .unwrap_err()
            .kind()
            .as_str(),
        "too_large"
    );
    let deep = format!(
        r#"{{"schema_version": "1.0", "document_type": "certificato", "x": {}{}}}"#,
        "[".repeat(200),
        "]".repeat(200)
    );
    assert_eq!(kind(&deep), "too_deep");
}

#[test]
fn a_bare_document_reports_every_missing_element_not_just_the_first() {
    let value =
        serde_json::json!({"schema_version": "1.0", "document_type": "documento_validazione"});
    let report = check_document_value(&value).unwrap();
    let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
    for code in [
        "document.missing_issue_data",
        "document.missing_strength",
        "document.missing_person",
        "document.missing_ente_titolare",
        "document.missing_ente_titolato",
        "document.missing_competences",
        "document.missing_signatory",
    ] {
        assert!(codes.contains(&code), "{code}: {codes:?}");
    }
}

#[test]
fn a_malformed_block_is_one_structural_finding_and_the_rest_is_still_checked() {
    let mut value: serde_json::Value =
        serde_json::from_str(&example("documento_validazione.json")).unwrap();
    value["ente_titolare"] = serde_json::json!("Regione Toscana");
    value["competences"][0]["assessment"]["methods"] = serde_json::json!(["intervista"]);
    value["competences"][1]["atlante_ada"] = serde_json::json!(["ADA.11.1"]);
    let report = check_document_value(&value).unwrap();
    assert!(has(&report, "structure.invalid_type", "/ente_titolare"));
    assert!(has(
        &report,
        "structure.unknown_variant",
        "/competences/0/assessment/methods/0"
    ));
    assert!(has(
        &report,
        "reference.invalid_code",
        "/competences/1/atlante_ada/0"
    ));
    assert!(!has(
        &report,
        "document.missing_ente_titolare",
        "/ente_titolare"
    ));
}

/// A key given twice in a document is reported, not silently resolved to the last value.
#[test]
fn repeated_keys_are_reported() {
    let text = r#"{"schema_version": "1.0", "schema_version": "1.0", "document_type": "documento_trasparenza"}"#;
    let report = attesta::documents::check_document(text).expect("evaluable");
    assert!(report
        .findings
        .iter()
        .any(|f| f.code.as_str() == "structure.duplicate_key"
            && f.path.to_pointer() == "/schema_version"));
}
