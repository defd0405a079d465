//! Cases carried on a mobile unit: the events made offline since a known head are exported
//! ([`Case::events_since`]) and appended to the central case ([`Case::append`];
//! `attesta case append CASE EVENTS` does it on a case file, under its lock).
//!
//! An append never trusts the unit: its first new event must continue from the central head;
//! when it continues from an earlier event, which the central case already continued
//! otherwise (two units extended the same head), the answer is a [`Fork`] naming both
//! branches, never a silent merge. The combined log must chain, carry valid signatures of
//! the trusted key when the case is signed, and replay under the procedure rules (every
//! action is re-applied, not taken as written). Events the central case already holds,
//! identical, are skipped, so handing the same file in twice appends nothing the second time.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    verify, verify_signatures, Case, Event, FrameworkPolicy, Head, SignedHead, TrustedKey,
    GENESIS_HASH,
};

/// Two branches of one case: the central log and a unit's events continue the same event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fork {
    /// The last event both branches share; absent when they part at the very start (two
    /// opening events).
    pub base: Option<Head>,
    /// The central branch's first event after the base.
    pub central: Head,
    /// The unit's first event after the base.
    pub unit: Head,
}

impl std::fmt::Display for Fork {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let base = self.base.as_ref().map_or_else(
            || "the start of the log".to_owned(),
            |b| format!("event {}", b.seq),
        );
        write!(
            f,
            "fork at {base}: the case continues it with event {} ({}), the appended events \
             with event {} ({}); not merged",
            self.central.seq,
            short(&self.central.hash),
            self.unit.seq,
            short(&self.unit.hash)
        )
    }
}

/// The first 12 hex digits of a hash, as a message shows it.
fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

impl Case {
    /// The events after `head` (an event of this case, usually the head the case had when it
    /// was taken offline): what a mobile unit exports for the central case file. Empty when
    /// `head` is the last event.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) when no event of the case has that
    /// `seq` and `hash` (the head belongs to another case or another branch).
    pub fn events_since(&self, head: &Head) -> Result<&[Event], crate::Error> {
        let at = usize::try_from(head.seq)
            .ok()
            .filter(|&i| self.events.get(i).is_some_and(|e| e.hash == head.hash))
            .ok_or_else(|| {
                crate::Error::InvalidInput(format!(
                    "the head (seq {}) is not an event of this case",
                    head.seq
                ))
            })?;
        Ok(&self.events[at + 1..])
    }

    /// Appends events made elsewhere (a mobile unit's, exported with
    /// [`events_since`](Self::events_since)) and returns those actually appended (events the
    /// case already holds, identical, are skipped). With `key`, the case must be signed by it
    /// and so must every new event; without, the case must be unsigned and so must the new
    /// events (a case is signed from its first event or not at all). On error the case is
    /// unchanged.
    ///
    /// # Errors
    /// [`Error::Fork`](crate::Error::Fork) when the first new event continues an event the
    /// case already continued; [`Error::Integrity`](crate::Error::Integrity) when the events
    /// do not chain onto the case or a signature is missing or wrong;
    /// [`Error::Replay`](crate::Error::Replay) when the rules refuse a new event (kind
    /// `event_refused`); [`Error::InvalidOptions`](crate::Error::InvalidOptions) when a key is
    /// missing for a signed case or given for an unsigned one.
    pub fn append(
        &mut self,
        events: &[Event],
        key: Option<&TrustedKey>,
    ) -> Result<&[Event], crate::Error> {
        let held = self.events.len();
        let known = events
            .iter()
            .take_while(|e| {
                usize::try_from(e.seq)
                    .ok()
                    .and_then(|i| self.events.get(i))
                    .is_some_and(|c| c == *e)
            })
            .count();
        let new = &events[known..];
        let Some(first) = new.first() else {
            return Ok(&[]);
        };
        if let Some(fork) = self.fork_of(first) {
            return Err(crate::Error::Fork(Box::new(fork)));
        }
        self.check_signing(new, key)?;
        let mut combined = self.events.clone();
        combined.extend_from_slice(new);
        match key {
            Some(key) => verify_signatures(&combined, key),
            None => verify(&combined),
        }
        .map_err(|e| crate::Error::Integrity(Box::new(e)))?;
        let policy = if self.pending.is_some() {
            FrameworkPolicy::AllowChange
        } else {
            FrameworkPolicy::Require
        };
        *self = Case::from_events_with(self.frameworks.clone(), combined, policy)
            .map_err(|e| crate::Error::Replay(Box::new(e)))?;
        Ok(&self.events[held..])
    }

    /// The signed head of the last event, from the signature it carries (an appended event
    /// was signed by the unit, which alone holds the key): what to keep beside the log.
    /// `None` for an unsigned or empty case.
    pub fn signed_head(&self) -> Option<SignedHead> {
        let last = self.events.last()?;
        let signature = last.signature.as_ref()?;
        Some(SignedHead {
            seq: last.seq,
            hash: last.hash.clone(),
            key_id: signature.key_id.clone(),
            signature: signature.signature.clone(),
        })
    }

    /// The fork `first` makes: it continues an event that is not the head (or the start of
    /// the log when the case has events).
    fn fork_of(&self, first: &Event) -> Option<Fork> {
        let head_hash = self.events.last().map_or(GENESIS_HASH, |e| e.hash.as_str());
        if first.prev_hash == head_hash {
            return None;
        }
        let next = if first.prev_hash == GENESIS_HASH {
            0
        } else {
            self.events.iter().position(|e| e.hash == first.prev_hash)? + 1
        };
        Some(Fork {
            base: next.checked_sub(1).map(|i| self.events[i].head()),
            central: self.events.get(next)?.head(),
            unit: first.head(),
        })
    }

    /// The signing policy: a key for a signed case, none for an unsigned one, and new events
    /// signed exactly when the case is.
    fn check_signing(&self, new: &[Event], key: Option<&TrustedKey>) -> Result<(), crate::Error> {
        let signed = self
            .events
            .first()
            .or(new.first())
            .is_some_and(|e| e.signature.is_some());
        match (signed, key) {
            (true, None) => Err(crate::Error::InvalidOptions(
                "the case is signed: give the trusted key its events must be signed with"
                    .to_owned(),
            )),
            (false, Some(_)) => Err(crate::Error::InvalidOptions(
                "the case is not signed; a case is signed from its first event or not at all"
                    .to_owned(),
            )),
            (false, None) => match new.iter().position(|e| e.signature.is_some()) {
                // Signatures nobody checks would look like a trusted history: refused.
                Some(i) => Err(crate::Error::InvalidOptions(format!(
                    "event {} is signed but the case is not; a case is signed from its first \
                     event or not at all",
                    new[i].seq
                ))),
                None => Ok(()),
            },
            (true, Some(_)) => Ok(()),
        }
    }
}

/// What `attesta case append --json` prints: the events appended to a case file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseAppend {
    /// The case file as the caller named it.
    pub file: String,
    /// How many events were appended.
    pub appended: usize,
    /// How many of the events given the case already held, identical (skipped).
    pub skipped: usize,
    /// The head of the case file now (seq and hash of its last event).
    pub head: Head,
}
