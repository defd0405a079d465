//! Failures of the `attesta` program as programs read them: every command with JSON output
//! prints a failure as `{"error": ErrorDetails}` on standard output (in `validate` and
//! `document check`, as an entry of their array or line stream), exit code 2, with the
//! message for people on standard error. Each error object fits `data/schemas/error.json`.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_attesta");
const WORKSPACE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let output = Command::new(BIN)
        .args(args)
        .current_dir(WORKSPACE)
        .env_remove("ATTESTA_BUNDLES")
        .env_remove("ATTESTA_SIGNING_KEY")
        .env_remove("ATTESTA_TRUSTED_KEY")
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn missing(name: &str) -> String {
    let path: PathBuf =
        std::env::temp_dir().join(format!("attesta-cli-errors-{}-{name}", std::process::id()));
    path.display().to_string()
}

/// The error object of a failed run, checked against the committed schema.
fn error_of(value: &Value) -> &Value {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{WORKSPACE}/data/schemas/error.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("error.json compiles");
    let error = &value["error"];
    let problems: Vec<String> = validator
        .iter_errors(error)
        .map(|e| e.to_string())
        .collect();
    assert!(
        problems.is_empty(),
        "{error} does not fit error.json: {problems:?}"
    );
    error
}

/// `{"error": …}` alone on standard output, exit 2, and a message on standard error.
fn json_failure(args: &[&str]) -> Value {
    let out = run(args);
    assert_eq!(out.code, Some(2), "{args:?}: {}", out.stderr);
    assert!(
        out.stderr.starts_with("attesta"),
        "{args:?}: {}",
        out.stderr
    );
    let value: Value = serde_json::from_str(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: stdout is not one JSON value ({e}): {}",
            out.stdout
        )
    });
    let keys: Vec<&String> = value.as_object().expect("an object").keys().collect();
    assert_eq!(keys, ["error"], "{args:?}");
    error_of(&value).clone()
}

#[test]
fn json_commands_print_failures_as_error_objects() {
    let absent = missing("record.json");
    let error = json_failure(&[
        "gap",
        &absent,
        "--target",
        "rrfp_toscana.qualification:450",
        "--json",
    ]);
    assert_eq!(error["kind"], "io");
    assert_eq!(error["path"], absent.as_str());

    let error = json_failure(&[
        "gap",
        "data/examples/record-valid.json",
        "--target",
        "no-colon",
        "--json",
    ]);
    assert_eq!(error["kind"], "invalid_options");

    let bundle = missing("esco.attb");
    let error = json_failure(&[
        "match",
        "--esco",
        &bundle,
        "--json",
        "data/examples/record-valid.json",
    ]);
    assert_eq!(error["kind"], "unusable_source");
    assert_eq!(error["cause"]["kind"], "io");

    let error = json_failure(&["search", "--bundle", &bundle, "--json", "carrellista"]);
    assert_eq!(error["kind"], "unusable_source");

    let error = json_failure(&["framework", "info", &bundle, "--json"]);
    assert_eq!(error["kind"], "io");

    let case = missing("case.jsonl");
    let error = json_failure(&["case", "show", &case, "--json"]);
    assert_eq!(error["kind"], "io");
    assert_eq!(error["path"], case.as_str());
}

#[test]
fn without_json_a_failure_is_only_a_message() {
    let case = missing("case.jsonl");
    let out = run(&["case", "show", &case]);
    assert_eq!(out.code, Some(2));
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(out.stderr.starts_with("attesta case: "), "{}", out.stderr);
}

/// `validate` and `document check` keep their output shape when the run cannot start: an
/// array (or a line) with one entry `{"error"}`, with no `file` since it concerns them all.
#[test]
fn validate_and_document_check_report_a_failed_start_as_one_entry() {
    let bundle = missing("rrfp.attb");
    let out = run(&[
        "validate",
        "--format",
        "json",
        "--bundle",
        &bundle,
        "data/examples/record-valid.json",
    ]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    let entries: Value = serde_json::from_str(&out.stdout).expect("one JSON array");
    let entries = entries.as_array().expect("an array");
    assert_eq!(entries.len(), 1);
    assert!(entries[0].get("file").is_none());
    assert_eq!(error_of(&entries[0])["kind"], "unusable_source");

    let out = run(&[
        "document",
        "check",
        "--format",
        "jsonl",
        "--bundle",
        &bundle,
        "data/examples/record-valid.json",
    ]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", out.stdout);
    let entry: Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(error_of(&entry)["kind"], "unusable_source");
}
