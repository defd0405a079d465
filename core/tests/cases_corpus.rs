//! Replays the case corpus of `tests/cases/` (see its README): every folder is a case log
//! (`events.jsonl`, with its signed head `events.jsonl.head` when signed), replayed over the
//! built-in frameworks; the expected state, verification and documents are files under
//! `expected/`. The Python and WebAssembly bindings replay the same files.
//!
//! The log of the demo case is not written by hand: it is the log `data/demo/run-case.sh`
//! writes, rebuilt here from `data/demo/steps.tsv` and signed with the DEMO ONLY key, so the
//! corpus follows the demo.
//!
//! `BLESS=1 cargo test -p attesta --all-features --test cases_corpus` rewrites the demo's log
//! and every expected file from the current behaviour; review the diff before committing it.

mod corpus_common;
mod procedure_common;

use std::path::{Path, PathBuf};

use attesta::procedure::{
    parse_log, verify, verify_head, verify_signed_log, write_log, Case, EnteKey, Event, SignedHead,
    TrustedKey,
};
use corpus_common::{bless, case_dirs, read_json, repo_dir, Expectations};
use procedure_common::{action, demo_steps, DEMO_DIR};
use serde_json::{json, Value};

/// The case folder rebuilt from the demo's steps.
const DEMO_CASE: &str = "demo-450";

fn corpus() -> Vec<(String, PathBuf)> {
    case_dirs(&repo_dir().join("tests/cases"))
}

/// The signed head file beside a log, as `attesta case` names it.
fn head_path(dir: &Path) -> PathBuf {
    dir.join("events.jsonl.head")
}

/// The trusted public key named by the case's `options.json` (a path from the case folder).
fn trusted_key(dir: &Path) -> Option<TrustedKey> {
    let path = dir.join("options.json");
    if !path.is_file() {
        return None;
    }
    let options = read_json(&path);
    let key = options.get("trusted_key")?.as_str()?;
    let text = std::fs::read_to_string(dir.join(key)).expect("the trusted key file");
    Some(TrustedKey::from_pem(&text).expect("a public key"))
}

/// The demo case as `data/demo/run-case.sh` runs it: every step acted and signed at once.
fn demo_log() -> (String, SignedHead) {
    let key = EnteKey::from_pem(
        &std::fs::read_to_string(format!("{DEMO_DIR}/keys/demo-ente.pem")).expect("demo key"),
    )
    .expect("the demo key");
    let steps = demo_steps();
    let (first, rest) = steps.split_first().expect("steps");
    let mut case = Case::open(
        attesta::builtin::frameworks(),
        &first.at,
        &first.actor,
        &action(&first.action),
    )
    .expect("the demo opens");
    let mut head = case.sign_pending(&key);
    for step in rest {
        case.act(&step.at, &step.actor, &action(&step.action))
            .unwrap_or_else(|r| panic!("{}: {r}", step.file));
        head = case.sign_pending(&key);
    }
    let log = write_log(case.events()).expect("the demo log writes");
    (log, head.expect("a signed head"))
}

/// The verification answer: `{"ok": true, …}` or `{"ok": false, "error": IntegrityError}`.
fn verification(events: &[Event], head: Option<&SignedHead>, key: Option<&TrustedKey>) -> Value {
    let outcome = match (key, head) {
        (Some(key), Some(head)) => verify_signed_log(events, head, key),
        (Some(_), None) => panic!("a trusted key needs the signed head events.jsonl.head"),
        (None, Some(head)) => verify_head(events, &head.head()),
        (None, None) => verify(events),
    };
    if let Err(error) = outcome {
        return json!({"ok": false, "error": error});
    }
    let last = events.last().map(Event::head);
    let signatures = match key {
        Some(_) => "trusted",
        None if events.iter().any(|e| e.signature.is_some()) => "unchecked",
        None => "unsigned",
    };
    json!({
        "ok": true,
        "events": events.len(),
        "head": last,
        "signatures": signatures,
        "key_id": key.map(TrustedKey::key_id),
    })
}

/// The documents as `attesta case issue` writes them: file name → text.
fn documents(case: &Case) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for document in case.documents() {
        let base = format!("{}-{}", document.document_type().as_str(), document.id());
        let mut text = serde_json::to_string_pretty(&document).expect("documents serialize");
        text.push('\n');
        files.push((format!("{base}.json"), text));
        let html = attesta::documents::render_html(
            &document,
            &attesta::documents::RenderOptions::default(),
        )
        .expect("documents render");
        files.push((format!("{base}.html"), html));
    }
    files
}

#[test]
fn the_demo_log_is_the_one_the_demo_writes() {
    let (log, head) = demo_log();
    let dir = repo_dir().join("tests/cases").join(DEMO_CASE);
    let mut expectations = Expectations::default();
    expectations.text(DEMO_CASE, &dir.join("events.jsonl"), &log);
    let mut head_text = serde_json::to_string(&head).expect("heads serialize");
    head_text.push('\n');
    expectations.text(DEMO_CASE, &head_path(&dir), &head_text);
    expectations.finish("cases_corpus");
}

#[test]
fn every_case_replays_to_the_expected_state_verification_and_documents() {
    if bless() {
        // The demo's log first: the expectations below are replayed from it.
        let (log, head) = demo_log();
        let dir = repo_dir().join("tests/cases").join(DEMO_CASE);
        std::fs::create_dir_all(&dir).expect("the demo case folder");
        std::fs::write(dir.join("events.jsonl"), log).expect("writable corpus");
        let mut head_text = serde_json::to_string(&head).expect("heads serialize");
        head_text.push('\n');
        std::fs::write(head_path(&dir), head_text).expect("writable corpus");
    }
    let mut expectations = Expectations::default();
    for (name, dir) in corpus() {
        let bytes = std::fs::read(dir.join("events.jsonl")).expect("events.jsonl");
        let expected = dir.join("expected");
        let events = match parse_log(&bytes) {
            Ok(events) => events,
            Err(error) => {
                let answer = json!({"ok": false, "error": error});
                expectations.json(&name, &expected.join("verify.json"), &answer);
                continue;
            }
        };
        let head = head_path(&dir).is_file().then(|| {
            serde_json::from_value::<SignedHead>(read_json(&head_path(&dir)))
                .expect("a signed head")
        });
        let key = trusted_key(&dir);
        let verified = verification(&events, head.as_ref(), key.as_ref());
        expectations.json(&name, &expected.join("verify.json"), &verified);
        let case = match Case::from_events(attesta::builtin::frameworks(), events) {
            Ok(case) => case,
            Err(error) => {
                expectations.fail(&name, &format!("does not replay: {error}"));
                continue;
            }
        };
        let state = serde_json::to_value(case.state()).expect("states serialize");
        expectations.json(&name, &expected.join("state.json"), &state);
        let folder = expected.join("documents");
        let files = documents(&case);
        if bless() {
            // Documents the case no longer issues go.
            let _ = std::fs::remove_dir_all(&folder);
        } else {
            let mut listed: Vec<String> = std::fs::read_dir(&folder)
                .map(|entries| {
                    entries
                        .filter_map(|e| e.ok()?.file_name().into_string().ok())
                        .collect()
                })
                .unwrap_or_default();
            listed.sort();
            let mut issued: Vec<String> = files.iter().map(|(f, _)| f.clone()).collect();
            issued.sort();
            if listed != issued {
                expectations.fail(&name, &format!("documents {issued:?}, expected {listed:?}"));
            }
        }
        for (file, text) in files {
            expectations.text(&name, &folder.join(&file), &text);
        }
    }
    expectations.finish("cases_corpus");
}

#[test]
fn the_corpus_holds_the_demo_and_the_old_log() {
    if corpus_common::bless() {
        // The expected files are being rewritten meanwhile; the next run checks them.
        return;
    }
    let names: Vec<String> = corpus().into_iter().map(|(name, _)| name).collect();
    for needed in [DEMO_CASE, "before-recorded-frameworks"] {
        assert!(
            names.iter().any(|n| n == needed),
            "{needed} missing: {names:?}"
        );
    }
    // The demo is signed and checked against its key: a log cut or rewritten would fail.
    let dir = repo_dir().join("tests/cases").join(DEMO_CASE);
    assert!(trusted_key(&dir).is_some());
    let verified = read_json(&dir.join("expected/verify.json"));
    assert_eq!(verified["ok"], json!(true));
    assert_eq!(verified["signatures"], json!("trusted"));
    let state = read_json(&dir.join("expected/state.json"));
    assert_eq!(state["phase"], json!("validated"));
}

/// `attesta case issue` writes exactly the expected documents of each case.
#[cfg(feature = "cli")]
#[test]
fn the_cli_issues_the_expected_documents() {
    for (name, dir) in corpus() {
        let folder = dir.join("expected/documents");
        if !folder.is_dir() {
            continue;
        }
        let out = std::env::temp_dir().join(format!("attesta-cases-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_attesta"));
        command
            .env_remove("ATTESTA_SIGNING_KEY")
            .env_remove("ATTESTA_TRUSTED_KEY")
            .args(["case", "issue"])
            .arg(dir.join("events.jsonl"))
            .arg("--out")
            .arg(&out);
        if let Some(key) =
            read_json_option(&dir).and_then(|o| o["trusted_key"].as_str().map(str::to_owned))
        {
            command.arg("--key").arg(dir.join(key));
        }
        let output = command.output().expect("runs");
        assert!(
            output.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        for entry in std::fs::read_dir(&folder).expect("documents") {
            let file = entry.expect("entry").file_name();
            let written = std::fs::read(out.join(&file)).expect("the CLI wrote it");
            let expected = std::fs::read(folder.join(&file)).expect("expected file");
            assert!(written == expected, "{name}: {file:?} differs");
        }
        std::fs::remove_dir_all(&out).expect("scratch folder");
    }
}

#[cfg(feature = "cli")]
fn read_json_option(dir: &Path) -> Option<Value> {
    let path = dir.join("options.json");
    path.is_file().then(|| read_json(&path))
}
