//! [`append_events`]: events made elsewhere (a mobile unit's, offline) appended to a case file,
//! under its lock, with the checks of [`Case::append`](super::super::Case::append).

use std::path::Path;
use std::sync::Arc;

use super::{read_signed_head, CaseFile, CaseFileError};
use crate::framework::FrameworkSet;
use crate::procedure::{
    verify_signatures, verify_signed_log, CaseAppend, Event, FrameworkPolicy, Integrity, TrustedKey,
};

/// The outcome of [`append_events`]: what was appended, and whether the signed head could not
/// be written after the log (the events are on disk either way; `case verify` then reports
/// the log as going on past its head until the next write puts a new one).
#[derive(Debug)]
pub struct Appended {
    /// The events appended and the new head.
    pub outcome: CaseAppend,
    /// Why the signed head beside the log was not written, if it was not.
    pub head_not_written: Option<CaseFileError>,
}

/// Appends `events` to the case file at `path` under its lock: the case is read, checked and
/// replayed over `frameworks`, the events are appended with
/// [`Case::append`](crate::procedure::Case::append) (fork, chain, signatures, rules), and the
/// grown log replaces the file atomically; for a signed case, the signed head of its new last
/// event (the unit's signature) is written beside it. With `key`, the case file itself must
/// first be signed by it and end at its signed head, as before `attesta case act`, so a
/// tampered log is never extended. On error the file is unchanged.
///
/// # Errors
/// The case file's errors (lock, IO, integrity, replay); `log_integrity` for a central log
/// that does not verify with `key`, `invalid_signed_head` when its signed head is missing;
/// the errors of [`Case::append`](crate::procedure::Case::append) (`fork`, `log_integrity`,
/// `event_refused`, `invalid_options`).
pub fn append_events(
    path: &Path,
    events: &[Event],
    frameworks: Arc<FrameworkSet>,
    policy: FrameworkPolicy,
    key: Option<&TrustedKey>,
) -> Result<Appended, crate::Error> {
    let mut held = CaseFile::open(path)?;
    if let Some(key) = key {
        verify_signatures(held.events(), key)?;
        let stored = read_signed_head(path)?.ok_or_else(|| CaseFileError::BadHead(path.into()))?;
        // Events past the head are tolerated (signed, an interrupted write left the head
        // behind; this append writes a new one); fewer events or another head are not.
        match verify_signed_log(held.events(), &stored, key) {
            Err(e) if !matches!(e.problem, Integrity::PastHead { .. }) => return Err(e.into()),
            _ => {}
        }
    }
    let mut case = held.replay_with(frameworks, policy)?;
    let appended = case.append(events, key)?.len();
    let mut head_not_written = None;
    if appended > 0 {
        held.commit(case.events())?;
        if let Some(signed) = case.signed_head() {
            head_not_written = held.write_head(&signed).err();
        }
    }
    Ok(Appended {
        outcome: CaseAppend {
            file: path.display().to_string(),
            appended,
            skipped: events.len() - appended,
            head: case.state().head.clone(),
        },
        head_not_written,
    })
}
