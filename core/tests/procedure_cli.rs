//! `attesta case …` end to end: the demo script's steps through the program, refusals that
//! leave the file unchanged, tampering caught by `verify`, documents written by `issue`.
#![cfg(feature = "cli")]

mod procedure_common;

use std::path::Path;
use std::process::{Command, Output};

use procedure_common::{demo_steps, DEMO_DIR};

fn attesta(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_attesta"))
        .args(args)
        .output()
        .expect("runs")
}

fn step_args<'a>(
    verb: &'a str,
    case: &'a str,
    file: &'a str,
    actor: &'a str,
    at: &'a str,
) -> Vec<&'a str> {
    vec!["case", verb, case, file, "--actor", actor, "--at", at]
}

#[test]
fn the_demo_runs_through_the_cli() {
    let dir = std::env::temp_dir().join(format!("attesta-case-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let case = dir.join("case.jsonl");
    let case_arg = case.to_str().unwrap();
    for (i, step) in demo_steps().iter().enumerate() {
        let file = format!("{DEMO_DIR}/{}", step.file);
        let verb = if i == 0 { "new" } else { "act" };
        let out = attesta(&step_args(verb, case_arg, &file, &step.actor, &step.at));
        assert!(
            out.status.success(),
            "{}: {}",
            step.file,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // A refused action: exit 1, the reason on stderr, the file unchanged.
    let before = std::fs::read(&case).unwrap();
    let withdraw = dir.join("withdraw.json");
    std::fs::write(&withdraw, r#"{"kind": "withdraw", "payload": {}}"#).unwrap();
    let out = attesta(&step_args(
        "act",
        case_arg,
        withdraw.to_str().unwrap(),
        "p-7f3a9c21",
        "2025-10-01T09:00:00Z",
    ));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("request_certificazione"));
    assert_eq!(std::fs::read(&case).unwrap(), before);

    let out = attesta(&["case", "show", case_arg, "--json"]);
    assert!(out.status.success());
    let view: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(view["state"]["phase"], "validated");

    let docs = dir.join("docs");
    let out = attesta(&["case", "issue", case_arg, "--out", docs.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8(out.stdout).unwrap();
    let paths: Vec<&str> = printed.lines().collect();
    assert_eq!(paths.len(), 4, "{printed}");
    assert!(paths.iter().all(|p| Path::new(p).exists()));
    let html = std::fs::read_to_string(
        paths
            .iter()
            .find(|p| {
                p.contains("validazione") && Path::new(p).extension().is_some_and(|e| e == "html")
            })
            .unwrap(),
    )
    .unwrap();
    assert!(html.contains("1955") && html.contains("1954") && !html.contains("1953"));
    // Every document the demo issues passes `attesta document check` (exit 0: no error).
    let json_docs: Vec<&str> = paths
        .iter()
        .copied()
        .filter(|p| Path::new(p).extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(json_docs.len(), 2);
    for doc in json_docs {
        let out = attesta(&["document", "check", doc]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{doc}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }

    // Tampering: one changed byte in the middle of the file.
    let out = attesta(&["case", "verify", case_arg]);
    assert!(out.status.success());
    let mut bytes = before.clone();
    let at = bytes.len() / 2;
    bytes[at] = if bytes[at] == b'a' { b'b' } else { b'a' };
    std::fs::write(&case, &bytes).unwrap();
    let out = attesta(&["case", "verify", case_arg]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("broken"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A case keeps the rules it was opened under; a later profile (another version of the
/// titolare's rules) is said on standard error and applies to new cases only.
#[test]
fn a_case_keeps_its_rules_when_another_profile_is_loaded() {
    let dir = std::env::temp_dir().join(format!("attesta-case-profile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let case = dir.join("case.jsonl");
    let case_arg = case.to_str().unwrap();
    let open = &demo_steps()[0];
    let file = format!("{DEMO_DIR}/{}", open.file);
    let out = attesta(&step_args("new", case_arg, &file, &open.actor, &open.at));
    assert!(out.status.success());
    let mut profile: serde_json::Value =
        serde_json::from_str(attesta::procedure::REGIONE_TOSCANA_PROFILE).unwrap();
    profile["version"] = serde_json::json!("2027-1");
    profile["procedure"]["min_board_size"] = serde_json::json!(3);
    let later = dir.join("profile-2027.json");
    std::fs::write(&later, profile.to_string()).unwrap();
    let show = attesta(&[
        "case",
        "show",
        case_arg,
        "--bundle",
        later.to_str().unwrap(),
    ]);
    assert!(show.status.success());
    let stderr = String::from_utf8_lossy(&show.stderr);
    assert!(
        stderr.contains("version '2026-1'") && stderr.contains("version '2027-1'"),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&show.stdout).contains("regione_toscana version '2026-1'"));
    // Without another profile, nothing is said.
    let show = attesta(&["case", "show", case_arg]);
    assert!(!String::from_utf8_lossy(&show.stderr).contains("titolare profile"));
}

/// `case show` prints what a case file and its frameworks hold (titles, ids, messages): a
/// title carrying terminal control sequences is shown escaped, never sent to the terminal.
#[test]
fn case_show_escapes_control_characters_from_the_frameworks() {
    let dir = std::env::temp_dir().join(format!("attesta-case-show-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/frameworks/rrfp_toscana.json");
    let mut framework: serde_json::Value =
        serde_json::from_slice(&std::fs::read(sample).unwrap()).unwrap();
    let figure = framework["qualifications"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|q| q["code"] == "450")
        .unwrap();
    figure["title"] = serde_json::json!("Carrellista\u{1b}[2J\u{1b}]0;owned\u{7}\u{202e}");
    let bundle = dir.join("repertoire.json");
    std::fs::write(&bundle, framework.to_string()).unwrap();
    let case = dir.join("case.jsonl");
    let open = &demo_steps()[0];
    let file = format!("{DEMO_DIR}/{}", open.file);
    let mut args = step_args("new", case.to_str().unwrap(), &file, &open.actor, &open.at);
    args.extend(["--bundle", bundle.to_str().unwrap()]);
    let out = attesta(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = attesta(&[
        "case",
        "show",
        case.to_str().unwrap(),
        "--bundle",
        bundle.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("Carrellista\\u{1b}[2J"), "{stdout}");
    assert!(
        !stdout
            .chars()
            .any(|c| c == '\u{1b}' || c == '\u{7}' || c == '\u{202e}'),
        "{stdout:?}"
    );
}
