//! Replays the shared fixture corpus in `tests/fixtures/` (see its README).
//!
//! Each case is a directory with `input.json` (raw bytes, not necessarily JSON), an optional
//! `options.json` merged over `{"reference_date": "2026-01-01"}`, and `expected.json`: the
//! serialized report, or `{"error": ErrorDetails}` when the input cannot be evaluated. The
//! Python and WebAssembly bindings replay the same files, so the corpus is the one definition of
//! "what Attesta answers" across languages.
//!
//! `BLESS=1 cargo test -p attesta --test fixtures` rewrites every `expected.json` from the
//! current behaviour; review the diff before committing it.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use attesta::{Code, ErrorDetails, Report, ValidationOptions};
use serde_json::{json, Map, Value};

mod corpus_common;
use corpus_common::{bless, diff, pretty, write};

/// The reference date every case runs with unless its `options.json` says otherwise.
const REFERENCE_DATE: &str = "2026-01-01";
/// The corpus must stay large enough to mean something.
const MIN_CASES: usize = 30;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

struct Case {
    name: String,
    dir: PathBuf,
}

fn cases() -> Vec<Case> {
    let mut cases: Vec<Case> = fs::read_dir(fixtures_dir())
        .expect("tests/fixtures exists")
        .map(|entry| entry.expect("readable fixtures directory").path())
        .filter(|path| path.is_dir())
        .map(|dir| Case {
            name: dir
                .file_name()
                .and_then(|n| n.to_str())
                .expect("UTF-8 case name")
                .to_owned(),
            dir,
        })
        .collect();
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    cases
}

/// The options of a case: the defaults of the corpus with `options.json` merged over them.
fn options_value(case: &Case) -> Value {
    let mut options = Map::new();
    options.insert("reference_date".to_owned(), json!(REFERENCE_DATE));
    let path = case.dir.join("options.json");
    if path.exists() {
        let text = fs::read_to_string(&path).expect("readable options.json");
        let extra: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: options.json is not JSON: {e}", case.name));
        let Value::Object(extra) = extra else {
            panic!("{}: options.json must be an object", case.name)
        };
        options.extend(extra);
    }
    Value::Object(options)
}

/// What Attesta answers for a case, in the JSON form that `expected.json` holds.
fn run(case: &Case) -> Value {
    let input = fs::read(case.dir.join("input.json"))
        .unwrap_or_else(|e| panic!("{}: input.json: {e}", case.name));
    let options: ValidationOptions = serde_json::from_value(options_value(case))
        .unwrap_or_else(|e| panic!("{}: options.json is not ValidationOptions: {e}", case.name));
    let outcome = options
        .build()
        .and_then(|validator| validator.validate_slice(&input));
    match outcome {
        Ok(report) => serde_json::to_value(report).expect("reports serialize"),
        Err(error) => json!({ "error": error.details() }),
    }
}

fn read_expected(case: &Case) -> Value {
    let path = case.dir.join("expected.json");
    let text = fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: expected.json: {e} (run with BLESS=1)", case.name));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{}: expected.json is not JSON: {e}", case.name))
}

#[test]
fn every_case_gives_the_expected_answer() {
    let mut failures = String::new();
    for case in cases() {
        let actual = run(&case);
        if bless() {
            write(&case.dir.join("expected.json"), &pretty(&actual));
            continue;
        }
        let expected = read_expected(&case);
        if expected != actual {
            let _ = writeln!(failures, "case {}:", case.name);
            diff(&expected, &actual, "", &mut failures);
        }
    }
    assert!(
        failures.is_empty(),
        "fixtures differ (BLESS=1 rewrites them; review the diff):\n{failures}"
    );
}

#[test]
fn expected_files_are_reports_or_error_details() {
    for case in cases() {
        let expected = read_expected(&case);
        if let Some(error) = expected.get("error") {
            let details: ErrorDetails = serde_json::from_value(error.clone())
                .unwrap_or_else(|e| panic!("{}: not ErrorDetails: {e}", case.name));
            assert!(!details.message.is_empty(), "{}", case.name);
            assert_eq!(expected.as_object().map(Map::len), Some(1), "{}", case.name);
        } else {
            let report: Report = serde_json::from_value(expected)
                .unwrap_or_else(|e| panic!("{}: not a Report: {e}", case.name));
            let has_error = report
                .findings
                .iter()
                .any(|f| f.severity == attesta::Severity::Error);
            let strict = options_value(&case)["strict"] == json!(true);
            if !strict {
                assert_eq!(report.valid, !has_error, "{}: validity", case.name);
            }
        }
    }
}

/// Areas whose codes only other evaluators produce (the procedure engine, the checks of the
/// issued documents): this corpus replays record validation, and those evaluators keep their own
/// cases. Any other code without a case fails the test below.
const OTHER_EVALUATOR_AREAS: &[&str] = &[
    "assessment",
    "attestation",
    "certificazione",
    "document",
    "procedure",
    "qualification",
    "roles",
];
/// Codes of record areas that the procedure engine, not record validation, produces.
const OTHER_EVALUATOR_CODES: &[&str] = &[
    "evidence.doubtful_authenticity",
    "evidence.foreign_without_translation",
    "evidence.insufficient_for_unit",
    "evidence.not_pertinent",
    "evidence.old_formal_title",
    "evidence.outdated",
    "evidence.self_issued",
];

fn record_validation_produces(code: Code) -> bool {
    let slug = code.as_str();
    let area = slug.split('.').next().unwrap_or_default();
    !OTHER_EVALUATOR_AREAS.contains(&area) && !OTHER_EVALUATOR_CODES.contains(&slug)
}

#[test]
fn exclusions_name_real_codes() {
    for slug in OTHER_EVALUATOR_CODES {
        assert!(Code::from_slug(slug).is_some(), "stale exclusion {slug}");
    }
}

#[test]
fn every_code_is_produced_by_some_case() {
    let mut seen = BTreeSet::new();
    for case in cases() {
        if let Some(findings) = read_expected(&case)["findings"].as_array() {
            seen.extend(
                findings
                    .iter()
                    .filter_map(|f| f["code"].as_str().map(str::to_owned)),
            );
        }
    }
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| record_validation_produces(**c))
        .map(|c| c.as_str())
        .filter(|c| !seen.contains(*c))
        .collect();
    assert!(missing.is_empty(), "codes without a fixture: {missing:?}");
}

#[test]
fn corpus_is_large_and_well_formed() {
    let cases = cases();
    assert!(
        cases.len() >= MIN_CASES,
        "only {} fixture cases",
        cases.len()
    );
    let allowed = ["input.json", "expected.json", "options.json"];
    for case in &cases {
        assert!(case.dir.join("input.json").is_file(), "{}", case.name);
        for entry in fs::read_dir(&case.dir).expect("readable case") {
            let name = entry.expect("entry").file_name();
            let name = name.to_string_lossy();
            assert!(
                allowed.contains(&name.as_ref()),
                "{}: stray {name}",
                case.name
            );
        }
    }
    let errors = cases
        .iter()
        .filter(|c| read_expected(c).get("error").is_some())
        .count();
    let valid = cases
        .iter()
        .filter(|c| read_expected(c)["valid"] == json!(true))
        .count();
    assert!(errors >= 8, "only {errors} cannot-evaluate cases");
    assert!(valid >= 4, "only {valid} valid cases");
}

/// Strings under `/person/personal` (at any depth) of an input that parses.
fn personal_strings(input: &[u8]) -> Vec<String> {
    fn collect(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::String(s) if s.len() >= 4 => out.push(s.clone()),
            Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
            Value::Object(map) => map.values().for_each(|v| collect(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(value) = serde_json::from_slice::<Value>(input) {
        if let Some(personal) = value.pointer("/person/personal") {
            collect(personal, &mut out);
        }
    }
    out
}

#[test]
fn no_answer_quotes_personal_data() {
    for case in cases() {
        let input = fs::read(case.dir.join("input.json")).expect("input");
        let answer = serde_json::to_string(&run(&case)).expect("serializes");
        for secret in personal_strings(&input) {
            assert!(
                !answer.contains(&secret),
                "{}: answer quotes personal value {secret:?}",
                case.name
            );
        }
    }
}
