//! `case_replay`: a case log (JSON Lines of sealed events) replayed, and a script of actions
//! run through a case, from the same bytes.
//!
//! As a log: `parse_log` accepts only the canonical form, so a parsed log writes back to the
//! same bytes; `replay_with` and `Case::from_events` agree. The hash chain makes
//! almost every mutated log fail `parse_log` early, so the same bytes are also read as a
//! script, one action per line: `actor<TAB>at<TAB>{"kind": …, "payload": …}`. The first
//! accepted line opens the case, the next ones act on it. Then: a refused action leaves the
//! case unchanged, an accepted one adds one event, and the case's own log parses and replays
//! to the same state (what `attesta case act` then `case show` rely on).
//!
//! The hash chain is not a signature: anyone who can edit a log can re-seal it. So the lines
//! that read as events are also re-sealed into a valid chain (sequence numbers, links and
//! hashes recomputed, everything else as given) and that log replayed: edited payloads reach
//! the rules through the log, as they would from a tampered file.

use std::fmt::Write as _;

use attesta::builtin;
use attesta::procedure::{
    parse_log, read_action, replay_with, write_log, Case, Event, GENESIS_HASH,
};
use serde_json::json;
use sha2::{Digest, Sha256};

/// Most script lines read, so that one input cannot run for long.
const MAX_ACTIONS: usize = 64;

/// The `case_replay` target.
///
/// # Panics
/// When the library breaks one of the invariants in this module's documentation.
pub fn case_replay(data: &[u8]) {
    let valid = replay_log(data);
    if let Some(log) = resealed(data) {
        if valid {
            // The hashes follow the encoding `procedure::canonical` documents for other
            // implementations: sealing a valid log again changes nothing.
            assert!(log == data, "re-sealing a valid log changes it");
        } else {
            replay_log(&log);
        }
    }
    run_script(data);
}

/// The lines of `data` that read as events, re-sealed into a chain from the genesis hash
/// (`None` when none does, or one cannot be sealed).
fn resealed(data: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(data).ok()?;
    let mut events = Vec::new();
    for line in text.lines() {
        let Ok(mut event) = serde_json::from_str::<Event>(line) else {
            continue;
        };
        event.seq = events.len() as u64;
        event.prev_hash = events
            .last()
            .map_or_else(|| GENESIS_HASH.to_owned(), |last: &Event| last.hash.clone());
        // The preimage of `procedure::event`: these fields, keys sorted, no whitespace, which
        // is how serde_json writes a `Value` that holds no float.
        let preimage = serde_json::to_string(&json!({
            "seq": event.seq,
            "at": event.at,
            "actor": event.actor,
            "kind": event.kind,
            "payload": event.payload,
            "prev_hash": event.prev_hash,
        }))
        .ok()?;
        event.hash = Sha256::digest(preimage.as_bytes()).iter().fold(
            String::with_capacity(64),
            |mut hex, byte| {
                let _ = write!(hex, "{byte:02x}");
                hex
            },
        );
        events.push(event);
    }
    if events.is_empty() {
        return None;
    }
    write_log(&events).ok().map(String::into_bytes)
}

/// Parses and replays `data` as a log; whether it parsed.
fn replay_log(data: &[u8]) -> bool {
    let Ok(events) = parse_log(data) else {
        return false;
    };
    match write_log(&events) {
        Ok(text) => assert!(
            text.as_bytes() == data,
            "a log that parses does not write back to the same bytes"
        ),
        Err(error) => panic!("a parsed log cannot be written: {error}"),
    }
    let frameworks = builtin::frameworks();
    let replayed = replay_with(&events, &frameworks);
    match (Case::from_events(frameworks, events), replayed) {
        (Ok(case), Ok(state)) => {
            assert!(
                case.state() == &state,
                "from_events and replay_with disagree"
            );
            let _ = case.documents();
        }
        (Err(_), Err(_)) => {}
        _ => panic!("from_events and replay_with disagree on a log"),
    }
    true
}

fn run_script(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let frameworks = builtin::frameworks();
    let mut case: Option<Case> = None;
    for line in text.lines().take(MAX_ACTIONS) {
        let mut fields = line.splitn(3, '\t');
        let (Some(actor), Some(at), Some(json)) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let Ok(action) = read_action(json) else {
            continue;
        };
        match &mut case {
            None => case = Case::open(frameworks.clone(), at, actor, &action).ok(),
            Some(case) => {
                let before = case.clone();
                let accepted = case.act(at, actor, &action).is_ok();
                if accepted {
                    assert_eq!(case.events().len(), before.events().len() + 1);
                } else {
                    assert!(
                        case.events() == before.events() && case.state() == before.state(),
                        "a refused action changed the case"
                    );
                }
            }
        }
    }
    let Some(case) = case else {
        return;
    };
    let log = match write_log(case.events()) {
        Ok(log) => log,
        Err(error) => panic!("a case's own events cannot be written: {error}"),
    };
    let events = match parse_log(log.as_bytes()) {
        Ok(events) => events,
        Err(error) => panic!("a case's own log does not parse: {error}"),
    };
    assert!(
        events == case.events(),
        "a case's log parses to other events"
    );
    match replay_with(&events, case.frameworks()) {
        Ok(state) => assert!(
            &state == case.state(),
            "a case's log replays to another state"
        ),
        Err(error) => panic!("a case's own log does not replay: {error}"),
    }
    let _ = case.documents();
}
