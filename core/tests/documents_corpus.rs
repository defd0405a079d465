//! Replays the document corpus of `tests/documents/` (see its README): every folder is a
//! document given to the art. 6 check, with the expected report in `expected.json` and, for
//! the documents rendered, the expected HTML pages. The Python and WebAssembly bindings replay
//! the same files.
//!
//! `BLESS=1 cargo test -p attesta --all-features --test documents_corpus` rewrites every
//! expected file from the current behaviour; review the diff before committing it.

mod corpus_common;

use std::collections::BTreeMap;
use std::path::Path;

use attesta::documents::{render_html, Document, DocumentChecker, RenderOptions};
use attesta::{ErrorDetails, Report, ValidationOptions};
use corpus_common::{case_dirs, read_json, repo_dir, strings_under, Expectations};
use serde_json::{json, Map, Value};

/// The reference date every case runs with unless its `options.json` says otherwise (the same
/// as the record corpus of `tests/fixtures/`).
const REFERENCE_DATE: &str = "2026-01-01";

fn corpus() -> Vec<(String, std::path::PathBuf)> {
    case_dirs(&repo_dir().join("tests/documents"))
}

/// The options of a case: `{"reference_date": "2026-01-01"}` with `options.json` merged over.
fn options(dir: &Path) -> ValidationOptions {
    let mut options = Map::new();
    options.insert("reference_date".to_owned(), json!(REFERENCE_DATE));
    let path = dir.join("options.json");
    if path.is_file() {
        let Value::Object(extra) = read_json(&path) else {
            panic!("{}: not an object", path.display())
        };
        options.extend(extra);
    }
    serde_json::from_value(Value::Object(options))
        .unwrap_or_else(|e| panic!("{}: not validation options: {e}", dir.display()))
}

/// The check's answer in the form `expected.json` holds: the report, or `{"error": …}`.
fn answer(dir: &Path) -> Value {
    let input = std::fs::read(dir.join("input.json")).expect("input.json");
    let outcome = DocumentChecker::new(options(dir)).and_then(|c| c.check_slice(&input));
    match outcome {
        Ok(report) => serde_json::to_value(report).expect("reports serialize"),
        Err(error) => json!({ "error": error.details() }),
    }
}

/// The pages a case asks for in `render.json`: file name → render options.
fn renders(dir: &Path) -> BTreeMap<String, RenderOptions> {
    let path = dir.join("render.json");
    if !path.is_file() {
        return BTreeMap::new();
    }
    serde_json::from_value(read_json(&path))
        .unwrap_or_else(|e| panic!("{}: not file → render options: {e}", path.display()))
}

#[test]
fn every_document_gives_the_expected_report_and_pages() {
    let mut expectations = Expectations::default();
    for (name, dir) in corpus() {
        expectations.json(&name, &dir.join("expected.json"), &answer(&dir));
        let pages = renders(&dir);
        if pages.is_empty() {
            continue;
        }
        let text = std::fs::read_to_string(dir.join("input.json")).expect("input.json");
        let document: Document = match serde_json::from_str(&text) {
            Ok(document) => document,
            Err(e) => {
                expectations.fail(
                    &name,
                    &format!("render.json, but not a typed document: {e}"),
                );
                continue;
            }
        };
        for (file, options) in pages {
            match render_html(&document, &options) {
                Ok(html) => expectations.text(&name, &dir.join(&file), &html),
                Err(e) => expectations.fail(&name, &format!("{file}: {e}")),
            }
        }
    }
    expectations.finish("documents_corpus");
}

#[test]
fn the_corpus_is_well_formed() {
    if corpus_common::bless() {
        // The expected files are being rewritten meanwhile; the next run checks them.
        return;
    }
    let cases = corpus();
    assert!(cases.len() >= 7, "only {} document cases", cases.len());
    let mut kinds = [0usize; 3];
    for (name, dir) in &cases {
        let expected = read_json(&dir.join("expected.json"));
        if let Some(error) = expected.get("error") {
            let details: ErrorDetails = serde_json::from_value(error.clone())
                .unwrap_or_else(|e| panic!("{name}: not ErrorDetails: {e}"));
            assert!(!details.message.is_empty(), "{name}");
            kinds[2] += 1;
        } else {
            let report: Report = serde_json::from_value(expected)
                .unwrap_or_else(|e| panic!("{name}: not a Report: {e}"));
            kinds[usize::from(!report.valid)] += 1;
        }
        let pages = renders(dir);
        for entry in std::fs::read_dir(dir).expect("readable case") {
            let file = entry.expect("entry").file_name();
            let file = file.to_string_lossy();
            let known = ["input.json", "options.json", "expected.json", "render.json"];
            assert!(
                known.contains(&file.as_ref()) || pages.contains_key(file.as_ref()),
                "{name}: stray {file}"
            );
        }
    }
    let [valid, invalid, _] = kinds;
    assert!(
        valid >= 3 && invalid >= 3,
        "valid {valid}, invalid {invalid}"
    );
}

#[test]
fn no_report_quotes_personal_data() {
    for (name, dir) in corpus() {
        let Ok(input) = serde_json::from_slice::<Value>(
            &std::fs::read(dir.join("input.json")).expect("input.json"),
        ) else {
            continue;
        };
        let answer = serde_json::to_string(&answer(&dir)).expect("serializes");
        for secret in strings_under(&input, "/person/personal") {
            assert!(
                !answer.contains(&secret),
                "{name}: the report quotes personal value {secret:?}"
            );
        }
    }
}
