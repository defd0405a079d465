//! Signed case history through the built CLI: the demo settings (keys named by environment
//! variables), tampered files on disk caught by `case verify`, `show` and `issue`, and the
//! signing rules of `case new|act`.
#![cfg(feature = "cli")]

mod case_common;

use std::path::{Path, PathBuf};
use std::process::Output;

use attesta::procedure::file::read_events;
use attesta::procedure::write_log;
use case_common::{
    act_args, command, demo_steps, experience, rechain, scratch, start_case, step_args, DEMO_KEY,
    DEMO_PUB,
};

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `attesta case verify CASE` with the demo's trusted key in the environment, as `make demo`
/// sets it, plus `extra` arguments.
fn verify_trusted(case: &Path, extra: &[&str]) -> Output {
    command()
        .env("ATTESTA_TRUSTED_KEY", DEMO_PUB)
        .args(["case", "verify", case.to_str().unwrap()])
        .args(extra)
        .output()
        .unwrap()
}

fn verify_plain(case: &Path, extra: &[&str]) -> Output {
    command()
        .args(["case", "verify", case.to_str().unwrap()])
        .args(extra)
        .output()
        .unwrap()
}

/// A signed demo case of `steps` steps in a fresh folder.
fn signed_case(test: &str, steps: usize) -> (PathBuf, PathBuf) {
    let dir = scratch(test);
    let case = dir.join("case.jsonl");
    start_case(&case, steps, &["--sign-key", DEMO_KEY]);
    (dir, case)
}

fn write_events(case: &Path, events: &[attesta::procedure::Event]) {
    std::fs::write(case, write_log(events).unwrap()).unwrap();
}

#[test]
fn the_demo_settings_make_a_plain_verify_check_the_signatures() {
    let (dir, case) = signed_case("sign-demo", demo_steps().len());
    assert!(dir.join("case.jsonl.head").is_file());
    let out = verify_trusted(&case, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("signed by trusted key"),
        "{}",
        stdout(&out)
    );
    // Without a trusted key, the chain and the head are checked and the output says that the
    // signatures were not.
    let out = verify_plain(&case, &[]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("signatures not checked"),
        "{}",
        stdout(&out)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_rewritten_and_rechained_file_is_named_and_never_issued() {
    let (dir, case) = signed_case("sign-rewrite", demo_steps().len());
    let mut events = read_events(&case).unwrap();
    // The forger renames the ente on the case's first event and re-chains the rest.
    events[0].payload["ente"]["name"] = serde_json::json!("Ente Inventato");
    let first = 0;
    write_events(&case, &rechain(events, 0));
    let out = verify_plain(&case, &[]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the head beside the log no longer matches"
    );
    let out = verify_trusted(&case, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains(&format!("event {first} ")),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("signature"), "{}", stdout(&out));

    // Even with the head file forged to match, only the key tells.
    let forged = read_events(&case).unwrap();
    let head_file = dir.join("case.jsonl.head");
    let mut head: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&head_file).unwrap()).unwrap();
    head["hash"] = serde_json::json!(forged.last().unwrap().hash);
    std::fs::write(&head_file, head.to_string()).unwrap();
    let docs = dir.join("docs");
    let out = command()
        .args(["case", "issue", case.to_str().unwrap(), "--out"])
        .arg(&docs)
        .output()
        .unwrap();
    assert!(out.status.success(), "without the key the forgery passes");
    std::fs::remove_dir_all(&docs).unwrap();

    let out = command()
        .env("ATTESTA_TRUSTED_KEY", DEMO_PUB)
        .args(["case", "issue", case.to_str().unwrap(), "--out"])
        .arg(&docs)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not trusted"), "{}", stderr(&out));
    assert!(!docs.exists() || std::fs::read_dir(&docs).unwrap().next().is_none());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn truncated_and_extended_files_are_caught() {
    let (dir, case) = signed_case("sign-cut", 10);
    let events = read_events(&case).unwrap();
    write_events(&case, &events[..7]);
    let out = verify_trusted(&case, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("ends early"), "{}", stdout(&out));
    // Deleting the head file as well does not help.
    std::fs::remove_file(dir.join("case.jsonl.head")).unwrap();
    let out = verify_trusted(&case, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("no signed head"), "{}", stdout(&out));

    // Extension: the genuine log and head, plus one forged event.
    let (dir2, case2) = signed_case("sign-extend", 10);
    let mut events = read_events(&case2).unwrap();
    let mut extra = events[9].clone();
    extra.signature = None;
    events.push(extra);
    write_events(&case2, &rechain(events, 10));
    let out = verify_trusted(&case2, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("event 10 "), "{}", stdout(&out));
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&dir2).unwrap();
}

#[test]
fn head_flags_require_the_log_to_end_there_and_empty_logs_never_verify() {
    let dir = scratch("head-flags");
    let case = dir.join("case.jsonl");
    start_case(&case, 5, &[]);
    let events = read_events(&case).unwrap();
    let at = |i: usize| {
        vec![
            "--head-seq".to_owned(),
            events[i].seq.to_string(),
            "--head-hash".to_owned(),
            events[i].hash.clone(),
        ]
    };
    let args = at(4);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    assert_eq!(verify_plain(&case, &refs).status.code(), Some(0));
    let args = at(2);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = verify_plain(&case, &refs);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("past the head"), "{}", stdout(&out));

    let empty = dir.join("empty.jsonl");
    std::fs::write(&empty, "").unwrap();
    let out = verify_plain(&empty, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("broken"), "{}", stdout(&out));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn signing_rules_of_new_and_act() {
    let (dir, case) = signed_case("sign-rules", 3);
    let before = std::fs::read(&case).unwrap();
    let action = experience(&dir, "exp-1");
    // A signed case needs its key.
    let out = command().args(act_args(&case, &action)).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is signed"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&case).unwrap(), before);

    // A tampered signed log is not extended (and re-signed).
    let mut events = read_events(&case).unwrap();
    events[1].actor = "p-other".into();
    write_events(&case, &rechain(events, 1));
    let tampered = std::fs::read(&case).unwrap();
    let out = command()
        .args(act_args(&case, &action))
        .args(["--sign-key", DEMO_KEY])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not extended"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&case).unwrap(), tampered);

    // An unsigned case is not signed half-way.
    let plain = dir.join("plain.jsonl");
    start_case(&plain, 3, &[]);
    let out = command()
        .args(act_args(&plain, &action))
        .env("ATTESTA_SIGNING_KEY", DEMO_KEY)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not signed"), "{}", stderr(&out));

    // `new` refuses a head file left by a deleted case of the same name.
    std::fs::remove_file(&case).unwrap();
    let out = command().args(step_args(0, &case)).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("case.jsonl.head"), "{}", stderr(&out));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_head_left_behind_by_an_interrupted_write_is_caught_then_repaired_by_the_next_act() {
    let (dir, case) = signed_case("sign-lag", 3);
    let head = dir.join("case.jsonl.head");
    let old_head = std::fs::read(&head).unwrap();
    let sign = ["--sign-key", DEMO_KEY];
    let out = command()
        .args(act_args(&case, &experience(&dir, "exp-1")))
        .args(sign)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // As if the writer died between replacing the log and replacing its head.
    std::fs::write(&head, &old_head).unwrap();
    let out = verify_trusted(&case, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("past the head"), "{}", stdout(&out));
    let out = command()
        .args(act_args(&case, &experience(&dir, "exp-2")))
        .args(sign)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(verify_trusted(&case, &[]).status.code(), Some(0));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn without_the_key_the_chain_is_still_checked_and_old_unsigned_logs_still_verify() {
    // An old, unsigned log: fine without a key, not trusted with one.
    let dir = scratch("unsigned-old");
    let case = dir.join("case.jsonl");
    start_case(&case, 5, &[]);
    let out = verify_plain(&case, &[]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("unsigned"), "{}", stdout(&out));
    let out = verify_trusted(&case, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("event 0 "), "{}", stdout(&out));
    assert!(stdout(&out).contains("not signed"), "{}", stdout(&out));

    // A signed log with an event changed but not re-chained: caught by the chain alone.
    let (dir2, signed) = signed_case("signed-nokey", 5);
    let mut events = read_events(&signed).unwrap();
    events[2].actor = "op-other".into();
    write_events(&signed, &events);
    let out = verify_plain(&signed, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("event 2 "), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("hash does not match"),
        "{}",
        stdout(&out)
    );
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&dir2).unwrap();
}

/// `case new --continues` reads the earlier case as carefully as `case show` does: its
/// attestations become credits of the new case, so a cut or unsigned earlier log is refused
/// (exit 2) before anything is written.
#[test]
fn a_continued_case_trusts_only_an_intact_earlier_log() {
    let (dir, earlier) = signed_case("continues-earlier", demo_steps().len());
    let mut open: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/demo/case-450/00-open-case.json"),
        )
        .unwrap(),
    )
    .unwrap();
    open["payload"]["case_id"] = serde_json::json!("case-2027-0031");
    let action = dir.join("reopen.json");
    std::fs::write(&action, open.to_string()).unwrap();
    let continue_to = |name: &str, trusted: bool| {
        let mut cmd = command();
        if trusted {
            cmd.env("ATTESTA_TRUSTED_KEY", DEMO_PUB);
        }
        cmd.args(["case", "new", dir.join(name).to_str().unwrap()])
            .args([action.to_str().unwrap(), "--actor", "op-eitc-01"])
            .args(["--at", "2027-03-01T09:00:00Z", "--continues"])
            .arg(&earlier)
            .output()
            .unwrap()
    };
    let out = continue_to("intact.jsonl", true);
    assert!(out.status.success(), "{}", stderr(&out));

    // The earlier log loses its last event: its signed head no longer matches.
    let events = read_events(&earlier).unwrap();
    write_events(&earlier, &events[..events.len() - 1]);
    for trusted in [true, false] {
        let name = format!("from-cut-{trusted}.jsonl");
        let out = continue_to(&name, trusted);
        assert_eq!(
            out.status.code(),
            Some(2),
            "trusted {trusted}: {}",
            stdout(&out)
        );
        assert!(!dir.join(&name).exists(), "nothing is written");
    }
}
