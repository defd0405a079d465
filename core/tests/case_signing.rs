//! Signed case history (`attesta::procedure::signing`): rewrite-and-rechain, truncation,
//! extension and reordering are each detected with the ente's public key and name the first
//! bad event; tampered signatures; old unsigned logs; key files.
#![cfg(feature = "cli")]

mod case_common;

use attesta::procedure::{
    verify, verify_signatures, verify_signed_log, EnteKey, Event, Integrity, SignedHead, TrustedKey,
};
use case_common::{demo_steps, rechain, DEMO_KEY, DEMO_PUB};
use serde_json::json;

fn keys() -> (EnteKey, TrustedKey) {
    let key = EnteKey::from_pem(&std::fs::read_to_string(DEMO_KEY).unwrap()).unwrap();
    let public = TrustedKey::from_pem(&std::fs::read_to_string(DEMO_PUB).unwrap()).unwrap();
    assert_eq!(key.trusted(), &public);
    (key, public)
}

fn action(value: &serde_json::Value) -> attesta::procedure::Action {
    serde_json::from_value(value.clone()).unwrap()
}

/// The demo case, every event signed as it is appended, and its signed head.
fn signed_demo() -> (Vec<Event>, SignedHead) {
    let (key, _) = keys();
    let steps = demo_steps();
    let mut case = attesta::procedure::Case::open(
        attesta::builtin::frameworks(),
        &steps[0].at,
        &steps[0].actor,
        &action(&steps[0].action),
    )
    .unwrap();
    let mut head = case.sign_pending(&key).unwrap();
    for step in &steps[1..] {
        case.act(&step.at, &step.actor, &action(&step.action))
            .unwrap();
        head = case.sign_pending(&key).unwrap();
    }
    (case.events().to_vec(), head)
}

#[test]
fn a_signed_log_verifies_with_the_key() {
    let (events, head) = signed_demo();
    let (_, public) = keys();
    verify_signed_log(&events, &head, &public).unwrap();
    assert_eq!(head.head(), events.last().unwrap().head());
}

#[test]
fn rewrite_and_rechain_is_caught_at_the_first_rewritten_event() {
    let (mut events, head) = signed_demo();
    let (_, public) = keys();
    events[5].payload["issuer"] = json!("Altro emittente");
    let forged = rechain(events, 5);
    // The chain alone cannot tell: this is what the key is for.
    verify(&forged).unwrap();
    let err = verify_signed_log(&forged, &head, &public).unwrap_err();
    assert_eq!((err.index, err.problem), (5, Integrity::BadSignature));
}

#[test]
fn a_history_re_signed_with_another_key_is_not_trusted() {
    let (mut events, _) = signed_demo();
    let (_, public) = keys();
    let other = other_key();
    events[3].actor = "op-other".into();
    let mut forged = rechain(events, 3);
    for event in &mut forged {
        event.signature = Some(other.sign_event(event));
    }
    let head = other.sign_head(&forged.last().unwrap().head());
    let err = verify_signed_log(&forged, &head, &public).unwrap_err();
    assert_eq!((err.index, err.problem), (0, Integrity::UnknownKey));
    // And a head signed by another key is refused even over a genuine log.
    let (genuine, _) = signed_demo();
    let head = other.sign_head(&genuine.last().unwrap().head());
    let err = verify_signed_log(&genuine, &head, &public).unwrap_err();
    assert_eq!(err.problem, Integrity::BadHeadSignature);
}

/// A second key, made from a fixed PKCS#8 document (the test never generates keys either).
fn other_key() -> EnteKey {
    EnteKey::from_pem(
        "-----BEGIN PRIVATE KEY-----\n\
         MC4CAQAwBQYDK2VwBCIEIBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQ\n\
         -----END PRIVATE KEY-----\n",
    )
    .unwrap()
}

#[test]
fn truncation_is_caught_with_the_signed_head() {
    let (events, head) = signed_demo();
    let (_, public) = keys();
    let short = &events[..events.len() - 3];
    // A prefix of a signed log is a signed log: only the head kept beside it shows the cut.
    verify_signatures(short, &public).unwrap();
    let err = verify_signed_log(short, &head, &public).unwrap_err();
    assert_eq!(err.index, short.len());
    assert_eq!(
        err.problem,
        Integrity::MissingEvents {
            expected: events.len() as u64
        }
    );
}

#[test]
fn extension_is_caught_at_the_first_added_event() {
    let (mut events, head) = signed_demo();
    let (_, public) = keys();
    let mut extra = events.last().unwrap().clone();
    extra.kind = "add_note".into();
    extra.signature = None;
    events.push(extra);
    let forged = rechain(events, 0);
    let last = forged.len() - 1;
    let err = verify_signed_log(&forged, &head, &public).unwrap_err();
    assert_eq!((err.index, err.problem), (last, Integrity::Unsigned));
    // The extra event with a signature copied from a genuine one is still caught.
    let mut copied = forged.clone();
    copied[last].signature = copied[last - 1].signature.clone();
    let err = verify_signed_log(&copied, &head, &public).unwrap_err();
    assert_eq!((err.index, err.problem), (last, Integrity::BadSignature));
}

#[test]
fn a_genuine_log_longer_than_its_head_does_not_end_there() {
    let (events, _) = signed_demo();
    let (key, public) = keys();
    let old_head = key.sign_head(&events[events.len() - 2].head());
    let err = verify_signed_log(&events, &old_head, &public).unwrap_err();
    assert_eq!(err.index, events.len() - 1);
    assert!(matches!(err.problem, Integrity::PastHead { .. }));
}

#[test]
fn reordering_is_caught_at_the_first_moved_event() {
    let (mut events, head) = signed_demo();
    let (_, public) = keys();
    events.swap(4, 5);
    let err = verify(&events).unwrap_err();
    assert_eq!(err.index, 4, "plain reordering breaks the chain");
    // A careful forger also swaps the times back, so that they still go forward.
    let (first, second) = (events[4].at.clone(), events[5].at.clone());
    (events[4].at, events[5].at) = (second, first);
    let forged = rechain(events, 4);
    verify(&forged).unwrap();
    let err = verify_signed_log(&forged, &head, &public).unwrap_err();
    assert_eq!((err.index, err.problem), (4, Integrity::BadSignature));
}

#[test]
fn tampered_signatures_are_caught() {
    let (events, head) = signed_demo();
    let (_, public) = keys();
    for (i, bad) in [
        (3, flip(&events[3].signature.as_ref().unwrap().signature)),
        (7, "00".repeat(64)),
        (8, "short".to_owned()),
        (
            9,
            events[9]
                .signature
                .as_ref()
                .unwrap()
                .signature
                .to_uppercase(),
        ),
    ] {
        let mut tampered = events.clone();
        tampered[i].signature.as_mut().unwrap().signature = bad;
        let err = verify_signed_log(&tampered, &head, &public).unwrap_err();
        assert_eq!((err.index, err.problem), (i, Integrity::BadSignature));
    }
    let mut bad_head = head.clone();
    bad_head.signature = flip(&head.signature);
    let err = verify_signed_log(&events, &bad_head, &public).unwrap_err();
    assert_eq!(err.problem, Integrity::BadHeadSignature);
}

fn flip(hex: &str) -> String {
    let mut bytes = hex.as_bytes().to_vec();
    bytes[10] = if bytes[10] == b'0' { b'1' } else { b'0' };
    String::from_utf8(bytes).unwrap()
}

#[test]
fn old_unsigned_logs_still_verify_but_are_not_trusted() {
    let events = case_common_unsigned();
    verify(&events).unwrap();
    let (_, public) = keys();
    let err = verify_signatures(&events, &public).unwrap_err();
    assert_eq!((err.index, err.problem), (0, Integrity::Unsigned));
    let err = verify_signatures(&[], &public).unwrap_err();
    assert_eq!(err.problem, Integrity::Empty);
    // Unsigned lines keep their exact old form (no `signature` key), so old files still parse.
    let text = attesta::procedure::write_log(&events).unwrap();
    assert!(!text.contains("signature"));
    assert_eq!(
        attesta::procedure::parse_log(text.as_bytes()).unwrap(),
        events
    );
}

fn case_common_unsigned() -> Vec<Event> {
    let steps = demo_steps();
    let mut case = attesta::procedure::Case::open(
        attesta::builtin::frameworks(),
        &steps[0].at,
        &steps[0].actor,
        &action(&steps[0].action),
    )
    .unwrap();
    for step in &steps[1..] {
        case.act(&step.at, &step.actor, &action(&step.action))
            .unwrap();
    }
    case.events().to_vec()
}

#[test]
fn key_files_of_the_wrong_kind_are_refused_without_quoting_them() {
    let public = std::fs::read_to_string(DEMO_PUB).unwrap();
    let private = std::fs::read_to_string(DEMO_KEY).unwrap();
    assert!(EnteKey::from_pem(&public).is_err());
    assert!(TrustedKey::from_pem(&private).is_err());
    let err = TrustedKey::from_pem("Mario Rossi RSSMRA80A01H501U").unwrap_err();
    assert!(!err.to_string().contains("Rossi"), "{err}");
    // The private key never shows in debug output.
    let key = EnteKey::from_pem(&private).unwrap();
    assert!(!format!("{key:?}").contains(private.lines().nth(1).unwrap()));
}
