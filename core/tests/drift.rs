//! Generated files must match the code they are generated from: the JSON Schemas in
//! `data/schemas/`, the code table in `docs/finding-codes.md`, the error kind table in
//! `docs/error-kinds.md` and the English findings catalogue `data/l10n/en/findings.ftl`. `BLESS=1 cargo test -p attesta --test drift` rewrites them.

use std::fs;
use std::path::{Path, PathBuf};

use attesta::l10n::{english_findings_catalogue, Group, Localizer, LOCALES};
use attesta::{codes, schema, ErrorKind, ValidationOptions};

fn workspace_file(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative)
}

fn blessing() -> bool {
    std::env::var_os("BLESS").is_some_and(|v| v == "1")
}

/// Compares a committed file with its generated text, or rewrites it under `BLESS=1`.
fn check(relative: &str, generated: &str) -> Option<String> {
    let path = workspace_file(relative);
    if blessing() {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).expect("writable folder");
        }
        fs::write(&path, generated).expect("writable file");
        return None;
    }
    match fs::read_to_string(&path) {
        Ok(committed) if committed == generated => None,
        Ok(committed) => {
            let line = committed
                .lines()
                .zip(generated.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| committed.lines().count().min(generated.lines().count()));
            Some(format!(
                "{relative} drifted from the code (first difference at line {})",
                line + 1
            ))
        }
        Err(e) => Some(format!("{relative}: {e}")),
    }
}

fn assert_no_drift(problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{}\nrun `BLESS=1 cargo test -p attesta --test drift` and review the diff",
        problems.join("\n")
    );
}

#[test]
fn schemas_match_the_types() {
    let mut problems = Vec::new();
    for name in schema::NAMES {
        let text = schema::schema_text(name).expect("every listed name has a schema");
        problems.extend(check(&format!("data/schemas/{name}.json"), &text));
    }
    // A schema file whose name is no longer listed is stale. Without the importers,
    // `import-report` is not listed (see `schema::NAMES`): only a full build can tell.
    if !blessing() && cfg!(feature = "import") {
        for entry in fs::read_dir(workspace_file("data/schemas")).expect("data/schemas") {
            let file = entry.expect("entry").file_name();
            let file = file.to_string_lossy();
            let known = file
                .strip_suffix(".json")
                .is_some_and(|stem| schema::NAMES.contains(&stem));
            if !known {
                problems.push(format!(
                    "data/schemas/{file} is not a schema of schema::NAMES"
                ));
            }
        }
    }
    assert_no_drift(&problems);
}

#[test]
fn finding_code_table_matches_the_catalogue() {
    let problems: Vec<String> = check("docs/finding-codes.md", &codes::markdown_table())
        .into_iter()
        .collect();
    assert_no_drift(&problems);
}

#[test]
fn error_kind_table_matches_the_catalogue() {
    let problems: Vec<String> = check("docs/error-kinds.md", &ErrorKind::markdown_table())
        .into_iter()
        .collect();
    assert_no_drift(&problems);
}

#[test]
fn english_messages_match_the_catalogue() {
    let problems: Vec<String> = check("data/l10n/en/findings.ftl", &english_findings_catalogue())
        .into_iter()
        .collect();
    assert_no_drift(&problems);
}

/// Every finding of the fixture corpus renders in every language with no placeholder left,
/// i.e. the rules put into `context` every name their templates use.
#[test]
fn fixture_findings_render_completely_in_every_language() {
    let validator = ValidationOptions {
        reference_date: Some("2026-01-01".to_owned()),
        ..ValidationOptions::default()
    }
    .build()
    .expect("valid options");
    let mut rendered = 0;
    for entry in fs::read_dir(workspace_file("tests/fixtures")).expect("tests/fixtures") {
        let input = entry.expect("entry").path().join("input.json");
        let Ok(bytes) = fs::read(&input) else {
            continue;
        };
        let Ok(report) = validator.validate_slice(&bytes) else {
            continue;
        };
        for finding in &report.findings {
            for locale in LOCALES {
                let localizer = Localizer::new(locale).expect("a bundled locale");
                let text = localizer
                    .text(Group::Findings, finding.code.as_str(), &finding.context)
                    .expect("every code has a message along every chain");
                // Fluent writes an unfilled variable as `{$name}`.
                assert!(
                    !text.text.contains("{$"),
                    "{}: {} in {} leaves a variable unfilled: {}",
                    input.display(),
                    finding.code,
                    text.locale,
                    text.text
                );
                if *locale == "en" {
                    assert_eq!(text.text, finding.message, "{}", finding.code);
                }
                rendered += 1;
            }
        }
    }
    assert!(rendered > 100, "only {rendered} messages rendered");
}
