//! The hash-chained event log of a case.
//!
//! Every action becomes an [`Event`] `{seq, at, actor, kind, payload, prev_hash, hash}`.
//! `seq` counts from 0; `prev_hash` is the previous event's `hash` ([`GENESIS_HASH`], 64
//! zeros, for the first); `hash` is the SHA-256 of the canonical JSON encoding (see
//! `canonical.rs`: sorted keys, no whitespace, integers only) of the object
//! `{"actor","at","kind","payload","prev_hash","seq"}`. Changing, removing, inserting or
//! reordering an event breaks the chain at that event, which [`verify`] names. Removing the
//! *last* events cannot be seen from the log alone; [`verify_head`] checks that a log ends at
//! a head (`seq` and `hash`) kept elsewhere (printed by `attesta case show`).
//!
//! The chain does not stop whoever can edit the file from rewriting an event and re-chaining
//! the rest: an event may also carry a `signature` of the ente titolato (see
//! [`signing`](super::signing)), which is not part of the hashed content (it signs the hash).
//!
//! Serialized, a log is JSON Lines: each event as its canonical encoding (which includes
//! `hash`) followed by `\n`. [`parse_log`] accepts only that exact form, so any change to a
//! single byte of a log is either a parse error, a non-canonical line or a broken hash.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::canonical::{encode, sha256_hex};
use super::signing::EventSignature;
use super::time::Timestamp;

/// `prev_hash` of the first event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One recorded action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Position in the log, from 0.
    pub seq: u64,
    /// When, RFC 3339 UTC (`2025-03-01T09:00:00Z`), given by the caller.
    pub at: String,
    /// Operator id, or the person's pseudonymous id.
    pub actor: String,
    /// Action kind (see `ActionKind`).
    pub kind: String,
    /// Action payload.
    pub payload: Value,
    /// Hash of the previous event ([`GENESIS_HASH`] for the first).
    pub prev_hash: String,
    /// SHA-256 of this event's canonical encoding without `hash` and `signature`.
    pub hash: String,
    /// The ente titolato's signature of the head this event makes (absent in unsigned logs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<EventSignature>,
}

/// What is wrong at one place of a log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Integrity {
    /// The sequence number is not the event's position.
    WrongSeq {
        /// The position.
        expected: u64,
    },
    /// `prev_hash` is not the previous event's hash (an event was removed, inserted or moved).
    BrokenChain,
    /// `hash` does not match the content (the event was changed).
    WrongHash,
    /// The payload holds a float, which has no canonical encoding.
    FloatInPayload {
        /// Where in the payload.
        pointer: String,
    },
    /// `at` is not an accepted RFC 3339 UTC time.
    BadTime,
    /// `at` is earlier than the previous event's.
    TimeGoesBack,
    /// A line is not a JSON event.
    Malformed {
        /// What does not parse (never the line's content).
        reason: String,
    },
    /// A line is an event, but not in its canonical encoding.
    NotCanonical,
    /// The last line has no final newline: a write was interrupted.
    TornLastLine,
    /// The log is not UTF-8.
    NotUtf8,
    /// The log ends before the expected head (events were removed from its end).
    MissingEvents {
        /// How many events the head says there are.
        expected: u64,
    },
    /// The event at the head's position is not the head.
    HeadMismatch,
    /// The log goes on after the expected head (events were appended after it).
    PastHead {
        /// How many events the head says there are.
        expected: u64,
    },
    /// The log has no event at all.
    Empty,
    /// The event carries no signature, and a signed log was expected.
    Unsigned,
    /// The event is signed with another key than the trusted one.
    UnknownKey,
    /// The event's signature does not sign its head (the event was rewritten or re-chained).
    BadSignature,
    /// The signed head is not signed by the trusted key (it was forged or edited).
    BadHeadSignature,
}

impl fmt::Display for Integrity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Integrity::WrongSeq { expected } => write!(f, "seq should be {expected}"),
            Integrity::BrokenChain => {
                f.write_str("prev_hash does not match the previous event's hash")
            }
            Integrity::WrongHash => f.write_str("hash does not match the event's content"),
            Integrity::FloatInPayload { pointer } => {
                write!(f, "payload holds a float at '{pointer}'")
            }
            Integrity::BadTime => f.write_str("'at' is not an RFC 3339 UTC time"),
            Integrity::TimeGoesBack => f.write_str("'at' is earlier than the previous event's"),
            Integrity::Malformed { reason } => write!(f, "not an event: {reason}"),
            Integrity::NotCanonical => f.write_str("line is not the event's canonical encoding"),
            Integrity::TornLastLine => {
                f.write_str("last line has no final newline (interrupted write)")
            }
            Integrity::NotUtf8 => f.write_str("log is not UTF-8"),
            Integrity::MissingEvents { expected } => {
                write!(f, "log ends early: {expected} events expected")
            }
            Integrity::HeadMismatch => f.write_str("event differs from the expected head"),
            Integrity::PastHead { expected } => {
                write!(f, "log goes on past the head: {expected} events expected")
            }
            Integrity::Empty => f.write_str("log has no event"),
            Integrity::Unsigned => f.write_str("event is not signed"),
            Integrity::UnknownKey => f.write_str("event is signed with a key that is not trusted"),
            Integrity::BadSignature => {
                f.write_str("signature does not match the event (rewritten or re-chained)")
            }
            Integrity::BadHeadSignature => {
                f.write_str("signed head is not signed by the trusted key")
            }
        }
    }
}

/// The first bad place of a log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, JsonSchema)]
#[error("event {index}{}: {problem}", seq.map(|s| format!(" (seq {s})")).unwrap_or_default())]
#[serde(deny_unknown_fields)]
pub struct IntegrityError {
    /// 0-based position of the event (line number − 1 in a JSON Lines log).
    pub index: usize,
    /// The event's `seq`, when it could be read.
    pub seq: Option<u64>,
    /// What is wrong.
    pub problem: Integrity,
}

/// The last event of a log, kept elsewhere to detect removal of trailing events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Head {
    /// `seq` of the last event.
    pub seq: u64,
    /// `hash` of the last event.
    pub hash: String,
}

impl Event {
    /// The canonical encoding the hash is computed over.
    fn preimage(&self) -> Result<String, Integrity> {
        encode(&json!({
            "seq": self.seq,
            "at": self.at,
            "actor": self.actor,
            "kind": self.kind,
            "payload": self.payload,
            "prev_hash": self.prev_hash,
        }))
        .map_err(|e| Integrity::FloatInPayload {
            pointer: e.pointer.strip_prefix("/payload").unwrap_or("").to_owned(),
        })
    }

    /// Builds a sealed event (with its hash).
    pub(crate) fn seal(
        seq: u64,
        at: String,
        actor: String,
        kind: String,
        payload: Value,
        prev_hash: String,
    ) -> Result<Event, Integrity> {
        let mut event = Event {
            seq,
            at,
            actor,
            kind,
            payload,
            prev_hash,
            hash: String::new(),
            signature: None,
        };
        event.hash = sha256_hex(event.preimage()?.as_bytes());
        Ok(event)
    }

    /// The event's line in a JSON Lines log (canonical encoding, without the newline).
    ///
    /// # Errors
    /// When the payload holds a float.
    pub fn to_line(&self) -> Result<String, Integrity> {
        let value = serde_json::to_value(self).map_err(|e| Integrity::Malformed {
            reason: e.to_string(),
        })?;
        encode(&value).map_err(|e| Integrity::FloatInPayload { pointer: e.pointer })
    }

    /// The head this event makes when it is the last.
    pub fn head(&self) -> Head {
        Head {
            seq: self.seq,
            hash: self.hash.clone(),
        }
    }
}

/// Checks the chain: sequence numbers, links, hashes and times. Names the first bad event.
///
/// # Errors
/// The first [`IntegrityError`].
pub fn verify(events: &[Event]) -> Result<(), IntegrityError> {
    let mut prev_hash = GENESIS_HASH;
    let mut prev_time: Option<Timestamp> = None;
    for (index, event) in events.iter().enumerate() {
        let fail = |problem| IntegrityError {
            index,
            seq: Some(event.seq),
            problem,
        };
        if event.seq != index as u64 {
            return Err(fail(Integrity::WrongSeq {
                expected: index as u64,
            }));
        }
        if event.prev_hash != prev_hash {
            return Err(fail(Integrity::BrokenChain));
        }
        let preimage = event.preimage().map_err(fail)?;
        if sha256_hex(preimage.as_bytes()) != event.hash {
            return Err(fail(Integrity::WrongHash));
        }
        let time = Timestamp::parse(&event.at).ok_or_else(|| fail(Integrity::BadTime))?;
        if prev_time.is_some_and(|p| time < p) {
            return Err(fail(Integrity::TimeGoesBack));
        }
        prev_time = Some(time);
        prev_hash = &event.hash;
    }
    Ok(())
}

/// [`verify`], then checks that the log reaches `head`; it may go on after it (a case that was
/// continued elsewhere and went on, e.g. into certificazione: see
/// [`crate::procedure::Case::continue_from`]).
///
/// # Errors
/// The first [`IntegrityError`]; [`Integrity::MissingEvents`] when the log is shorter than the
/// head says, [`Integrity::HeadMismatch`] when the event at the head's position differs.
pub fn verify_prefix(events: &[Event], head: &Head) -> Result<(), IntegrityError> {
    match verify_head(events, head) {
        Err(IntegrityError {
            problem: Integrity::PastHead { .. },
            ..
        }) => Ok(()),
        other => other,
    }
}

/// [`verify`], then checks that the log reaches `head` and ends there.
///
/// # Errors
/// The first [`IntegrityError`]; [`Integrity::MissingEvents`] when the log is shorter than the
/// head says, [`Integrity::HeadMismatch`] when the event at the head's position differs,
/// [`Integrity::PastHead`] (naming the first extra event) when the log goes on after it.
pub fn verify_head(events: &[Event], head: &Head) -> Result<(), IntegrityError> {
    verify(events)?;
    let expected = head.seq.saturating_add(1);
    let index = usize::try_from(head.seq).unwrap_or(usize::MAX);
    match events.get(index) {
        None => Err(IntegrityError {
            index: events.len(),
            seq: None,
            problem: Integrity::MissingEvents { expected },
        }),
        Some(event) if event.hash != head.hash => Err(IntegrityError {
            index,
            seq: Some(event.seq),
            problem: Integrity::HeadMismatch,
        }),
        Some(_) => match events.get(index + 1) {
            Some(extra) => Err(IntegrityError {
                index: index + 1,
                seq: Some(extra.seq),
                problem: Integrity::PastHead { expected },
            }),
            None => Ok(()),
        },
    }
}

/// Serializes events as a JSON Lines log (one canonical line per event, each ending in `\n`).
///
/// # Errors
/// When a payload holds a float (names the event).
pub fn write_log(events: &[Event]) -> Result<String, IntegrityError> {
    let mut out = String::new();
    for (index, event) in events.iter().enumerate() {
        let line = event.to_line().map_err(|problem| IntegrityError {
            index,
            seq: Some(event.seq),
            problem,
        })?;
        out.push_str(&line);
        out.push('\n');
    }
    Ok(out)
}

/// Reads a JSON Lines log written by [`write_log`], accepting only canonical lines, then
/// [`verify`]s it.
///
/// # Errors
/// The first bad line or event.
pub fn parse_log(bytes: &[u8]) -> Result<Vec<Event>, IntegrityError> {
    let events = parse_events(bytes)?;
    verify(&events)?;
    Ok(events)
}

/// Reads JSON Lines events as [`parse_log`] does (canonical lines only) without checking
/// that they chain from the start of a log: the events a mobile unit exported after a head,
/// which [`Case::append`](super::Case::append) checks against the case they continue.
///
/// # Errors
/// The first line that is not a canonical event.
pub fn parse_events(bytes: &[u8]) -> Result<Vec<Event>, IntegrityError> {
    let text = std::str::from_utf8(bytes).map_err(|e| IntegrityError {
        index: std::str::from_utf8(&bytes[..e.valid_up_to()])
            .map_or(0, |valid| valid.matches('\n').count()),
        seq: None,
        problem: Integrity::NotUtf8,
    })?;
    let mut events = Vec::new();
    if text.is_empty() {
        return Ok(events);
    }
    let body = text.strip_suffix('\n');
    let torn = body.is_none();
    let lines: Vec<&str> = body.unwrap_or(text).split('\n').collect();
    let last = lines.len() - 1;
    for (index, line) in lines.into_iter().enumerate() {
        let fail = |seq, problem| IntegrityError {
            index,
            seq,
            problem,
        };
        if torn && index == last {
            return Err(fail(None, Integrity::TornLastLine));
        }
        let event: Event = serde_json::from_str(line).map_err(|e| {
            fail(
                None,
                Integrity::Malformed {
                    reason: format!("{:?} error at column {}", e.classify(), e.column()),
                },
            )
        })?;
        match event.to_line() {
            Ok(canonical) if canonical == line => {}
            Ok(_) => return Err(fail(Some(event.seq), Integrity::NotCanonical)),
            Err(problem) => return Err(fail(Some(event.seq), problem)),
        }
        events.push(event);
    }
    Ok(events)
}
