//! Every JSON output of the `attesta` program, and every file it writes or reads, matches its
//! committed schema in `data/schemas/` (checked with the `jsonschema` crate, as a program in
//! another language would check it): the commands of the README and of the CLI tests, with
//! `--format json`, `--format jsonl` or `--json`.
//!
//! `attesta match --json` (`occupation-matches`) is checked in `match_cli.rs`, which builds
//! the ESCO bundle it needs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

mod procedure_common;
mod real_data;
mod schema_check;

use procedure_common::{demo_steps, DEMO_DIR};
use schema_check::assert_valid;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs `attesta` from the workspace root.
fn attesta(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_attesta"))
        .args(args)
        .current_dir(workspace())
        .output()
        .expect("attesta runs")
}

/// Runs `attesta`, checks the exit code and parses standard output as one JSON value.
fn json_of(args: &[&str], exit: i32) -> Value {
    let out = attesta(args);
    assert_eq!(
        out.status.code(),
        Some(exit),
        "attesta {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("attesta {}: stdout is not JSON: {e}", args.join(" ")))
}

/// A fresh folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-schemas-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a writable temporary folder");
    dir
}

#[test]
fn validate_and_document_check_outputs_are_file_outcomes() {
    // A report, an invalid report and a file that cannot be evaluated, in one array.
    let args = [
        "validate",
        "--format",
        "json",
        "--reference-date",
        "2026-01-01",
        "data/examples/record-valid.json",
        "data/examples/record-with-findings.json",
        "data/examples/no-such-file.json",
    ];
    let outcomes = json_of(&args, 2);
    let items = outcomes.as_array().expect("an array of outcomes");
    assert_eq!(items.len(), 3);
    for item in items {
        assert_valid("file-outcome", item, "an item of `validate --format json`");
    }
    assert_eq!(items[1]["report"]["valid"], false);
    assert!(items[2]["error"]["kind"].is_string());

    let out = attesta(&[
        "validate",
        "--format",
        "jsonl",
        "--reference-date",
        "none",
        "data/examples/record-valid.json",
        "data/examples/no-such-file.json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).expect("UTF-8 output");
    assert_eq!(text.lines().count(), 2, "{text}");
    for line in text.lines() {
        let item: Value = serde_json::from_str(line).expect("one JSON value per line");
        assert_valid("file-outcome", &item, "a line of `validate --format jsonl`");
    }

    let checked = json_of(
        &[
            "document",
            "check",
            "--format",
            "json",
            "data/examples/documento-validazione-campi-italiani.json",
        ],
        0,
    );
    for item in checked.as_array().expect("an array of outcomes") {
        assert_valid(
            "file-outcome",
            item,
            "an item of `document check --format json`",
        );
    }
}

#[test]
fn search_and_lookup_outputs_match_their_schemas() {
    let hits = json_of(&["search", "--json", "carrellista", "--limit", "3"], 0);
    assert!(!hits.as_array().expect("an array of hits").is_empty());
    assert_valid("search-results", &hits, "`search --json`");

    // Each kind of lookup, through both commands.
    for (reference, kind) in [
        ("rrfp_toscana.qualification:450", "qualification"),
        ("rrfp_toscana.unit:2263", "unit"),
        ("atlante_ada:ADA.13.128.385", "code"),
    ] {
        for args in [
            ["search", "--lookup", reference, "--json"],
            ["framework", "lookup", reference, "--json"],
        ] {
            let found = json_of(&args, 0);
            assert_eq!(found["kind"], kind, "{reference}");
            assert_valid("node-lookup", &found, &format!("`{}`", args.join(" ")));
        }
    }
}

#[test]
fn gap_and_bundle_info_outputs_match_their_schemas() {
    let report = json_of(
        &[
            "gap",
            "data/examples/record-valid.json",
            "--target",
            "rrfp_toscana.qualification:450",
            "--json",
        ],
        1,
    );
    assert_valid("gap-report", &report, "`gap --json`");

    let info = json_of(
        &[
            "framework",
            "info",
            "data/frameworks/rrfp_toscana.attb",
            "--json",
        ],
        0,
    );
    assert_eq!(info["kind"], "framework");
    assert_valid("bundle-info", &info, "`framework info --json`");
}

#[test]
fn import_report_matches_its_schema() {
    let Some(source) = real_data::folder("calabria-repertorio-qualificazioni") else {
        return;
    };
    let out = scratch("import").join("calabria.attb");
    let report = json_of(
        &[
            "framework",
            "import",
            "--kind",
            "calabria",
            source.to_str().expect("a UTF-8 path"),
            "--out",
            out.to_str().expect("a UTF-8 path"),
            "--json",
        ],
        1,
    );
    assert_valid("import-report", &report, "`framework import --json`");
    // The published files' known defects, counted as the text output counts them.
    assert_eq!(report["warnings"], 39);
    assert_eq!(report["errors"], 0);
    assert_eq!(report["mode"], "standard");
    assert_eq!(report["problems"].as_array().map(Vec::len), Some(39));
}

#[test]
fn case_outputs_and_written_files_match_their_schemas() {
    let dir = scratch("case");
    let case = dir.join("case.jsonl");
    let case_arg = case.to_str().expect("a UTF-8 path");
    for (i, step) in demo_steps().iter().enumerate() {
        let file = format!("{DEMO_DIR}/{}", step.file);
        // The action files users write are case actions.
        let action: Value =
            serde_json::from_str(&std::fs::read_to_string(&file).expect("a demo step"))
                .expect("a JSON action");
        assert_valid("case-action", &action, &step.file);
        let verb = if i == 0 { "new" } else { "act" };
        let out = attesta(&[
            "case",
            verb,
            case_arg,
            &file,
            "--actor",
            &step.actor,
            "--at",
            &step.at,
        ]);
        assert!(
            out.status.success(),
            "{}: {}",
            step.file,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // The log it writes is one event per line.
    let log = std::fs::read_to_string(&case).expect("the case file");
    for (i, line) in log.lines().enumerate() {
        let event: Value = serde_json::from_str(line).expect("a JSON event");
        assert_valid("case-event", &event, &format!("event {i} of the case log"));
    }

    let view = json_of(&["case", "show", case_arg, "--json"], 0);
    assert_eq!(view["state"]["phase"], "validated");
    assert_valid("case-view", &view, "`case show --json`");

    // The funder's export of the same case, with its separate monitoring attributes.
    let attributes = "data/examples/monitoring-attributes.jsonl";
    for line in std::fs::read_to_string(workspace().join(attributes))
        .expect("the example attributes")
        .lines()
    {
        let value: Value = serde_json::from_str(line).expect("JSON");
        assert_valid("monitoring-attributes", &value, attributes);
    }
    let export = json_of(&["monitoring", case_arg, "--attributes", attributes], 0);
    assert_valid("monitoring-report", &export, "`monitoring`");

    let verified = json_of(&["case", "verify", case_arg, "--json"], 0);
    assert_eq!(verified["intact"], true);
    assert_eq!(verified["signatures"], "unsigned");
    assert_valid("case-verification", &verified, "`case verify --json`");

    // The documents it writes are documents.
    let docs = dir.join("docs");
    let out = attesta(&[
        "case",
        "issue",
        case_arg,
        "--out",
        docs.to_str().expect("a UTF-8 path"),
    ]);
    assert!(out.status.success());
    let printed = String::from_utf8(out.stdout).expect("UTF-8 paths");
    let written: Vec<&str> = printed
        .lines()
        .filter(|p| Path::new(p).extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(written.len(), 2, "{printed}");
    for path in written {
        let document: Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("a written document"))
                .expect("a JSON document");
        assert_valid("document", &document, path);
    }

    // A damaged log: broken, exit 1, still one value of the same schema.
    let mut bytes = log.into_bytes();
    let at = bytes.len() / 2;
    bytes[at] = if bytes[at] == b'a' { b'b' } else { b'a' };
    std::fs::write(&case, &bytes).expect("a writable case file");
    let broken = json_of(&["case", "verify", case_arg, "--json"], 1);
    assert_eq!(broken["intact"], false);
    assert!(broken["problem"].is_string());
    assert_valid(
        "case-verification",
        &broken,
        "`case verify --json` on a damaged log",
    );
}

/// A signed case writes its signed head beside the log (`CASE.head`): a `case-head`.
#[test]
fn a_signed_head_matches_its_schema() {
    let dir = scratch("signed");
    let case = dir.join("case.jsonl");
    let open = &demo_steps()[0];
    let out = attesta(&[
        "case",
        "new",
        case.to_str().expect("a UTF-8 path"),
        &format!("{DEMO_DIR}/{}", open.file),
        "--actor",
        &open.actor,
        "--at",
        &open.at,
        "--sign-key",
        "data/demo/keys/demo-ente.pem",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let head_file = dir.join("case.jsonl.head");
    let text = std::fs::read_to_string(&head_file)
        .unwrap_or_else(|e| panic!("{}: {e}", head_file.display()));
    let head: Value = serde_json::from_str(&text).expect("a JSON head");
    assert_valid("case-head", &head, "the signed head file");
    let verified = json_of(
        &[
            "case",
            "verify",
            case.to_str().expect("a UTF-8 path"),
            "--key",
            "data/demo/keys/demo-ente.pub.pem",
            "--json",
        ],
        0,
    );
    assert_eq!(verified["signatures"], "trusted");
    assert!(verified["key_id"].is_string());
    assert_valid("case-verification", &verified, "`case verify --key --json`");
}

/// The files users write by hand, as the repository ships them, match their schemas.
#[test]
fn example_inputs_match_their_schemas() {
    let files = [
        ("competence-record", "data/examples/record-valid.json"),
        ("case-action", "data/examples/open-case-524.json"),
        ("case-action", "data/examples/open-case-continuation.json"),
        (
            "case-action",
            "data/examples/close-identificazione-stop.json",
        ),
        ("case-action", "data/examples/refer-after-trasparenza.json"),
        ("framework-overlay", "data/examples/overlay-rrfp-524.json"),
        ("framework", "data/frameworks/rrfp_toscana.json"),
        ("titolare-profile", "data/profiles/regione_toscana.json"),
    ];
    for (schema, file) in files {
        let text = std::fs::read_to_string(workspace().join(file)).expect("a shipped file");
        let value: Value = serde_json::from_str(&text).expect("JSON");
        assert_valid(schema, &value, file);
    }
}

#[test]
fn redact_outputs_match_their_schemas() {
    let record = "data/examples/record-valid.json";
    let plain = json_of(&["redact", record, "--keep-birth-year"], 0);
    assert_valid("competence-record", &plain, "`redact`");
    let key = "data/examples/pseudonym-key.demo";
    let redaction = json_of(&["redact", record, "--pseudonym-key", key, "--json"], 0);
    assert_valid("redaction", &redaction, "`redact --json`");
    assert_eq!(redaction["pseudonymised"], true);
}

/// The check above rejects what a schema does not allow (it is not vacuous).
#[test]
fn the_schema_check_rejects_a_wrong_shape() {
    let wrong = serde_json::json!({"file": "x.json", "report": {"valid": "yes"}});
    let refused = std::panic::catch_unwind(|| {
        assert_valid("file-outcome", &wrong, "a wrong outcome");
    });
    assert!(
        refused.is_err(),
        "a report whose `valid` is a string passed"
    );
}
