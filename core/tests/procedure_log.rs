//! The event log: hashes, verification of changed, removed, inserted and reordered events,
//! the canonical JSON Lines form, and case files on disk.

mod procedure_common;

use attesta::procedure::{
    parse_log, replay, verify, verify_head, write_log, Event, Integrity, ReplayError,
};
use procedure_common::{demo_steps, run};
use serde_json::json;

fn demo_events() -> Vec<Event> {
    run(&demo_steps()).events().to_vec()
}

#[test]
fn hashes_are_chained_and_reproducible() {
    let events = demo_events();
    assert_eq!(events[0].prev_hash, "0".repeat(64));
    for pair in events.windows(2) {
        assert_eq!(pair[1].prev_hash, pair[0].hash);
    }
    // Same actions, same times → same hashes (no clock, no randomness).
    assert_eq!(demo_events(), events);
}

#[test]
fn a_changed_event_is_named() {
    let mut events = demo_events();
    events[5].payload["issuer"] = json!("Altro emittente");
    let err = verify(&events).unwrap_err();
    assert_eq!(
        (err.index, err.seq, err.problem),
        (5, Some(5), Integrity::WrongHash)
    );
    let mut events = demo_events();
    events[3].actor = "op-evac-07".into();
    assert_eq!(verify(&events).unwrap_err().index, 3);
    let mut events = demo_events();
    events[7].at = "2025-09-01T09:51:00Z".into();
    assert_eq!(verify(&events).unwrap_err().problem, Integrity::WrongHash);
}

#[test]
fn removed_inserted_and_reordered_events_are_named() {
    let events = demo_events();
    let mut removed = events.clone();
    removed.remove(4);
    let err = verify(&removed).unwrap_err();
    assert_eq!(
        (err.index, err.problem),
        (4, Integrity::WrongSeq { expected: 4 })
    );

    let mut inserted = events.clone();
    inserted.insert(6, events[6].clone());
    assert_eq!(verify(&inserted).unwrap_err().index, 7);

    let mut swapped = events.clone();
    swapped.swap(8, 9);
    assert_eq!(verify(&swapped).unwrap_err().index, 8);

    // Renumbering after a removal still breaks the chain at the gap.
    let mut renumbered = removed;
    for (i, e) in renumbered.iter_mut().enumerate() {
        e.seq = i as u64;
    }
    let err = verify(&renumbered).unwrap_err();
    assert_eq!((err.index, err.problem), (4, Integrity::BrokenChain));
}

#[test]
fn truncation_is_caught_against_a_kept_head() {
    let events = demo_events();
    let head = events.last().unwrap().head();
    verify_head(&events, &head).unwrap();
    let short = &events[..events.len() - 2];
    verify(short).expect("a prefix is a valid log on its own");
    let err = verify_head(short, &head).unwrap_err();
    assert!(matches!(err.problem, Integrity::MissingEvents { .. }));
}

#[test]
fn replay_rebuilds_the_state_and_rejects_forged_events() {
    let case = run(&demo_steps());
    assert_eq!(&replay(case.events()).unwrap(), case.state());
    assert!(matches!(replay(&[]), Err(ReplayError::Empty)));
    // A well-chained log whose action breaks the rules (issued by an assessor) is refused.
    let mut forged: Vec<Event> = case.events().to_vec();
    let last = forged.len() - 1;
    forged[last].actor = "op-evac-07".into();
    let rechained = rechain(forged);
    let err = replay(&rechained).unwrap_err();
    assert!(
        matches!(err, ReplayError::Refused { index, .. } if index == last),
        "{err}"
    );
}

/// Recomputes hashes as a forger with the algorithm would.
fn rechain(events: Vec<Event>) -> Vec<Event> {
    let mut case_events: Vec<Event> = Vec::new();
    for mut event in events {
        event.prev_hash = case_events
            .last()
            .map_or("0".repeat(64), |e| e.hash.clone());
        let line = write_log(&[Event {
            hash: String::new(),
            ..event.clone()
        }])
        .unwrap();
        let value: serde_json::Value = serde_json::from_str(line.trim_end()).unwrap();
        let mut object = value.as_object().unwrap().clone();
        object.remove("hash");
        let preimage = serde_json::to_string(&object).unwrap();
        event.hash = sha256(preimage.as_bytes());
        case_events.push(event);
    }
    case_events
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    use std::fmt::Write as _;
    Sha256::digest(bytes)
        .iter()
        .fold(String::new(), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        })
}

#[test]
fn the_hash_is_sha256_of_the_documented_canonical_encoding() {
    let event = &demo_events()[1];
    let preimage = format!(
        "{{\"actor\":\"{}\",\"at\":\"{}\",\"kind\":\"{}\",\"payload\":{{}},\"prev_hash\":\"{}\",\"seq\":1}}",
        event.actor, event.at, event.kind, event.prev_hash
    );
    assert_eq!(event.hash, sha256(preimage.as_bytes()));
}

#[test]
fn the_log_accepts_only_its_canonical_form() {
    let events = demo_events();
    let text = write_log(&events).unwrap();
    assert_eq!(parse_log(text.as_bytes()).unwrap(), events);
    assert!(parse_log(b"").unwrap().is_empty());

    let torn = &text[..text.len() - 1];
    let err = parse_log(torn.as_bytes()).unwrap_err();
    assert_eq!(
        (err.index, err.problem),
        (events.len() - 1, Integrity::TornLastLine)
    );

    let spaced = text.replacen("{\"actor\"", "{ \"actor\"", 1);
    assert_eq!(
        parse_log(spaced.as_bytes()).unwrap_err().problem,
        Integrity::NotCanonical
    );

    let float = text.replacen("\"hours_per_week\":48", "\"hours_per_week\":48.0", 1);
    assert!(matches!(
        parse_log(float.as_bytes()).unwrap_err().problem,
        Integrity::FloatInPayload { .. }
    ));
}

#[cfg(feature = "fs")]
#[test]
fn case_files_round_trip_and_refuse_to_lose_history() {
    use attesta::procedure::file::{create, load, read_events, save, CaseFileError};
    let dir = std::env::temp_dir().join(format!("attesta-case-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("case.jsonl");
    let _ = std::fs::remove_file(&path);
    let events = demo_events();
    create(&path, &events[..3]).unwrap();
    assert!(matches!(
        create(&path, &events),
        Err(CaseFileError::Exists(_))
    ));
    save(&path, &events).unwrap();
    assert_eq!(read_events(&path).unwrap(), events);
    let case = load(&path, attesta::builtin::frameworks()).unwrap();
    assert_eq!(case.events(), &events[..]);
    // A stale copy (fewer events, then a different branch) may not replace the file.
    assert!(matches!(
        save(&path, &events[..5]),
        Err(CaseFileError::Diverged(_))
    ));
    // A torn write is reported with its line.
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.pop();
    std::fs::write(&path, &bytes).unwrap();
    match read_events(&path) {
        Err(CaseFileError::Integrity { error, .. }) => {
            assert_eq!(error.problem, Integrity::TornLastLine);
        }
        other => panic!("expected a torn line, got {other:?}"),
    }
    let temporaries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| {
            std::path::Path::new(n)
                .extension()
                .is_some_and(|e| e == "tmp")
        })
        .collect();
    assert!(temporaries.is_empty(), "temporaries left: {temporaries:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// An action file is read as strictly as a record: a key given twice is refused, never
/// resolved to one of its values, since the event must record what was sent.
#[test]
fn an_action_with_a_repeated_key_is_refused() {
    use attesta::procedure::read_action;
    let once = r#"{"kind": "withdraw", "payload": {"note": "Trasferimento"}}"#;
    assert!(read_action(once).is_ok());
    let twice = r#"{"kind": "withdraw", "payload": {"note": "A", "note": "Trasferimento"}}"#;
    let refused = read_action(twice).unwrap_err();
    assert_eq!(refused.kind().as_str(), "invalid_action");
    let refused = refused.to_string();
    assert!(refused.contains("'/payload/note' given twice"), "{refused}");
    assert!(!refused.contains("Trasferimento"), "{refused}");
    let deep = format!(
        r#"{{"kind": "withdraw", "payload": {{"x": {}{}}}}}"#,
        "[".repeat(200),
        "]".repeat(200)
    );
    let deep = read_action(&deep).unwrap_err();
    assert_eq!(deep.kind().as_str(), "too_deep");
    assert!(
        deep.to_string().contains("deeper than the limit of 128"),
        "{deep}"
    );
}
