//! Cases carried offline (issue 16): the events a mobile unit made after the head it took the
//! case at are appended to the central case (`Case::append`, `procedure::file::append_events`,
//! `attesta case append`). They must continue from the central head (two units that extended
//! the same head are a fork naming both branches, never merged), chain, be signed by the
//! trusted key when the case is signed, and replay under the rules.

mod case_common;

use std::sync::Arc;

use attesta::procedure::file;
use attesta::procedure::{
    parse_events, write_log, Case, EnteKey, Event, FrameworkPolicy, Head, TrustedKey,
};
use attesta::{Error, ErrorKind};
use case_common::procedure_common::{action, demo_steps, run};
use case_common::{attesta, rechain, scratch, DEMO_KEY, DEMO_PUB};
use serde_json::{json, Value};

/// Where the unit takes the case: after this many events of the demo.
const TAKEN: usize = 10;
/// The person of the demo case (who may withdraw at any time).
const PERSON: &str = "p-7f3a9c21";

fn builtin() -> Arc<attesta::framework::FrameworkSet> {
    attesta::builtin::frameworks()
}

/// The demo case, every event signed with the DEMO ONLY key, as `data/demo/run-case.sh`
/// writes it.
fn signed_demo() -> Case {
    let key = EnteKey::from_pem(&std::fs::read_to_string(DEMO_KEY).expect("demo key"))
        .expect("the demo key");
    let steps = demo_steps();
    let (first, rest) = steps.split_first().expect("steps");
    let mut case =
        Case::open(builtin(), &first.at, &first.actor, &action(&first.action)).expect("open");
    case.sign_pending(&key);
    for step in rest {
        case.act(&step.at, &step.actor, &action(&step.action))
            .expect("a demo step");
        case.sign_pending(&key);
    }
    case
}

fn trusted() -> TrustedKey {
    TrustedKey::from_pem(&std::fs::read_to_string(DEMO_PUB).expect("demo public key"))
        .expect("the demo public key")
}

/// The central case as it was when the unit took it: the first [`TAKEN`] events of `full`.
fn central_of(full: &Case) -> Case {
    Case::from_events(builtin(), full.events()[..TAKEN].to_vec()).expect("a prefix replays")
}

/// A second unit's work from the same head: the person withdraws.
fn withdrawal_after(central: &Case) -> Vec<Event> {
    let mut unit = central.clone();
    let head = unit.state().head.clone();
    unit.act(
        "2025-12-01T09:00:00Z",
        PERSON,
        &action(&json!({"kind": "withdraw", "payload": {}})),
    )
    .expect("the person may withdraw");
    unit.events_since(&head).expect("its own head").to_vec()
}

#[test]
fn the_events_after_the_head_continue_the_central_case() {
    let full = run(&demo_steps());
    let mut central = central_of(&full);
    let taken = central.state().head.clone();
    let new = full
        .events_since(&taken)
        .expect("a head of the case")
        .to_vec();
    assert_eq!(new.len(), full.events().len() - TAKEN);
    // The export is JSON Lines that read back as the same events.
    let exported = write_log(&new).expect("canonical events");
    assert_eq!(parse_events(exported.as_bytes()).expect("events"), new);

    let appended = central.append(&new, None).expect("a continuation").len();
    assert_eq!(appended, new.len());
    assert_eq!(central.events(), full.events());
    assert_eq!(central.state(), full.state());
    // Handing the same events in again appends nothing.
    assert!(central.append(&new, None).expect("nothing new").is_empty());
    assert!(central.append(&[], None).expect("nothing").is_empty());
    // A head that is not of this case is not exported from.
    let other = Head {
        seq: 3,
        hash: "0".repeat(64),
    };
    assert_eq!(
        central.events_since(&other).unwrap_err().kind(),
        ErrorKind::InvalidInput
    );
}

#[test]
fn two_units_extending_the_same_head_are_a_fork_naming_both_branches() {
    let full = run(&demo_steps());
    let mut central = central_of(&full);
    let unit_a = full.events()[TAKEN..].to_vec();
    let unit_b = withdrawal_after(&central);
    central
        .append(&unit_a, None)
        .expect("the first unit continues");

    let before = central.events().to_vec();
    let error = central.append(&unit_b, None).unwrap_err();
    let Error::Fork(fork) = &error else {
        panic!("not a fork: {error}");
    };
    assert_eq!(fork.base, Some(full.events()[TAKEN - 1].head()));
    assert_eq!(fork.central, full.events()[TAKEN].head());
    assert_eq!(fork.unit, unit_b[0].head());
    // Nothing merged: the case is as it was.
    assert_eq!(central.events(), &before[..]);
    // The error object names both branches for every binding.
    let details = serde_json::to_value(error.details()).expect("details");
    assert_eq!(details["kind"], "fork");
    assert_eq!(details["fork"]["base"]["seq"], json!(TAKEN - 1));
    assert_eq!(
        details["fork"]["central"]["hash"],
        json!(full.events()[TAKEN].hash)
    );
    assert_eq!(details["fork"]["unit"]["hash"], json!(unit_b[0].hash));
    assert!(!details["message"]
        .as_str()
        .unwrap_or_default()
        .contains(PERSON));

    // A case opened again elsewhere parts from this one at the very start: no common event.
    let mut reopened = full.events()[..1].to_vec();
    reopened[0].at = "2025-09-01T08:31:00Z".to_owned();
    let reopened = rechain(reopened, 0);
    let Err(Error::Fork(fork)) = central.append(&reopened, None) else {
        panic!("a second opening event is a fork");
    };
    assert_eq!(fork.base, None);
    assert_eq!(fork.central, full.events()[0].head());
    assert_eq!(fork.unit, reopened[0].head());
}

#[test]
fn a_signed_case_takes_only_events_signed_by_the_trusted_key() {
    let full = signed_demo();
    let key = trusted();
    let new = full.events()[TAKEN..].to_vec();

    let mut central = central_of(&full);
    central.append(&new, Some(&key)).expect("signed events");
    assert_eq!(central.events(), full.events());
    assert_eq!(central.signed_head(), full.signed_head());

    // Without the key, a signed case takes nothing.
    let mut central = central_of(&full);
    let error = central.append(&new, None).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidOptions);

    // A changed event: its hash no longer matches; re-chained, its signature does not.
    let mut changed = new.clone();
    changed[2].at = "2025-09-20T09:00:00Z".to_owned();
    let error = central.append(&changed, Some(&key)).unwrap_err();
    assert_eq!(
        integrity_problem(&error),
        ("wrong_hash".to_owned(), TAKEN + 2)
    );
    let mut forged = full.events().to_vec();
    // The time of the event before: still in order, so only the signature can tell.
    forged[TAKEN + 2].at = forged[TAKEN + 1].at.clone();
    let forged = rechain(forged, TAKEN + 2);
    let error = central.append(&forged[TAKEN..], Some(&key)).unwrap_err();
    assert_eq!(
        integrity_problem(&error),
        ("bad_signature".to_owned(), TAKEN + 2)
    );

    // Unsigned events on a signed case.
    let mut unsigned = new.clone();
    unsigned[0].signature = None;
    let error = central.append(&unsigned, Some(&key)).unwrap_err();
    assert_eq!(integrity_problem(&error), ("unsigned".to_owned(), TAKEN));
    assert_eq!(central.events(), &full.events()[..TAKEN]);

    // A key given for an unsigned case, or signed events for one, are refused too.
    let plain = run(&demo_steps());
    let mut central = central_of(&plain);
    let plain_new = plain.events()[TAKEN..].to_vec();
    assert_eq!(
        central.append(&plain_new, Some(&key)).unwrap_err().kind(),
        ErrorKind::InvalidOptions
    );
    let mut mixed = plain_new.clone();
    mixed[1].signature = new[1].signature.clone();
    assert_eq!(
        central.append(&mixed, None).unwrap_err().kind(),
        ErrorKind::InvalidOptions
    );
}

/// The problem kind and event index of a `log_integrity` error.
fn integrity_problem(error: &Error) -> (String, usize) {
    let details = serde_json::to_value(error.details()).expect("details");
    assert_eq!(details["kind"], "log_integrity", "{error}");
    let integrity = &details["integrity"];
    (
        integrity["problem"]["kind"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        usize::try_from(integrity["index"].as_u64().unwrap_or_default()).unwrap_or_default(),
    )
}

#[test]
fn events_the_rules_refuse_are_not_appended() {
    let full = run(&demo_steps());
    let mut central = central_of(&full);
    // A well-chained event by someone the case does not know: the rules are re-applied on
    // append, so it is refused even though its hashes are right.
    let mut events = full.events().to_vec();
    events[TAKEN].actor = "op-unknown".to_owned();
    let events = rechain(events, TAKEN);
    let error = central.append(&events[TAKEN..], None).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::EventRefused, "{error}");
    let details: Value = serde_json::to_value(error.details()).expect("details");
    assert_eq!(details["event"]["index"], json!(TAKEN));
    assert_eq!(central.events(), &full.events()[..TAKEN]);
    // Events that do not continue any event of the case are a broken chain.
    let stray = full.events()[TAKEN + 1..].to_vec();
    assert_eq!(
        central.append(&stray, None).unwrap_err().kind(),
        ErrorKind::LogIntegrity
    );
}

#[test]
fn a_case_file_is_appended_to_under_its_lock_and_keeps_its_signed_head() {
    let dir = scratch("append-file");
    let path = dir.join("case.jsonl");
    let full = signed_demo();
    let central = central_of(&full);
    file::create(&path, central.events()).expect("a new case file");
    let head = central.signed_head().expect("signed");
    let head_file = file::head_path(&path).expect("a head path");
    std::fs::write(
        &head_file,
        serde_json::to_string(&head).expect("JSON") + "\n",
    )
    .expect("the head file");
    let key = trusted();

    let new = full.events()[TAKEN..].to_vec();
    let done = file::append_events(&path, &new, builtin(), FrameworkPolicy::Require, Some(&key))
        .expect("appended");
    assert!(done.head_not_written.is_none());
    assert_eq!(done.outcome.appended, new.len());
    assert_eq!(done.outcome.head, full.state().head);
    assert_eq!(file::read_events(&path).expect("the log"), full.events());
    assert_eq!(
        file::read_signed_head(&path).expect("readable"),
        full.signed_head()
    );

    // A fork leaves the file as it was, byte for byte.
    let before = std::fs::read(&path).expect("the log");
    let mut unit = central_of(&full);
    let fork_base = unit.state().head.clone();
    unit.act(
        "2025-12-01T09:00:00Z",
        PERSON,
        &action(&json!({"kind": "withdraw", "payload": {}})),
    )
    .expect("withdraw");
    unit.sign_pending(
        &EnteKey::from_pem(&std::fs::read_to_string(DEMO_KEY).expect("key")).expect("key"),
    );
    let other = unit.events_since(&fork_base).expect("own head").to_vec();
    let error = file::append_events(
        &path,
        &other,
        builtin(),
        FrameworkPolicy::Require,
        Some(&key),
    )
    .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Fork);
    assert_eq!(std::fs::read(&path).expect("the log"), before);
}

#[test]
fn the_cli_appends_and_reports_a_fork_as_json() {
    let dir = scratch("append-cli");
    let case = dir.join("case.jsonl");
    let full = run(&demo_steps());
    file::create(&case, central_of(&full).events()).expect("a new case file");
    let unit_a = dir.join("unit-a.jsonl");
    let unit_b = dir.join("unit-b.jsonl");
    std::fs::write(&unit_a, write_log(&full.events()[TAKEN..]).expect("log")).expect("write");
    let withdrawal = withdrawal_after(&central_of(&full));
    std::fs::write(&unit_b, write_log(&withdrawal).expect("log")).expect("write");
    let arg = |p: &std::path::Path| p.to_str().expect("UTF-8").to_owned();

    let out = attesta(&["case", "append", &arg(&case), &arg(&unit_a), "--json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let done: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(done["appended"], json!(full.events().len() - TAKEN));
    assert_eq!(done["head"]["hash"], json!(full.state().head.hash));

    let out = attesta(&["case", "append", &arg(&case), &arg(&unit_b), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let refused: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(refused["error"]["kind"], "fork");
    assert_eq!(
        refused["error"]["fork"]["unit"]["hash"],
        json!(withdrawal[0].hash)
    );
    assert_eq!(
        file::read_events(&case).expect("the log"),
        full.events(),
        "the fork is not merged"
    );
}
