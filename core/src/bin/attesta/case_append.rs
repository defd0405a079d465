//! `attesta case append CASE EVENTS`: the events a mobile unit made offline, appended to the
//! central case file.
//!
//! EVENTS is a JSON Lines file of events (`-` reads standard input) as the bindings export
//! them after the head the unit took the case at (`case.toJsonl(head)` in JavaScript,
//! `Case.to_jsonl(since=head)` in Python). Everything is checked by the library
//! (`procedure::file::append_events`): the first new event must continue from the case's
//! head (two units that extended the same head are a `fork`, naming both branches, never
//! merged), the events must chain, be signed by the trusted key when the case is signed, and
//! replay under the procedure rules. Exit codes: 0 appended (or nothing new), 1 refused (a
//! fork, a broken or unsigned event, a key missing for a signed case or given for an unsigned
//! one, an event the rules refuse: the file is unchanged), 2 could not run.

use std::io::Write as _;
use std::path::Path;

use attesta::procedure::file::{self, MAX_CASE_FILE_BYTES};
use attesta::procedure::{parse_events, CaseAppend};
use attesta::ErrorKind;

use crate::case::{Loaded, TrustArgs};
use crate::case_sign;
use crate::failure::Failure;

/// Exit code of a refused append.
const REFUSED: u8 = 1;

/// Runs `case append`: `Ok(exit code)`, or the failure when it could not run.
pub(crate) fn append(
    case: &Path,
    source: &str,
    trust: &TrustArgs,
    (frameworks, policy): Loaded,
    json: bool,
) -> Result<u8, Failure> {
    let key = case_sign::trusted_key(trust.key.as_ref())?;
    let bytes = if source == "-" {
        file::read_stream(
            std::io::stdin().lock(),
            MAX_CASE_FILE_BYTES,
            Path::new("<stdin>"),
        )
    } else {
        file::read_input(Path::new(source), MAX_CASE_FILE_BYTES)
    }?;
    let events =
        parse_events(&bytes).map_err(|e| Failure::from(attesta::Error::from(e)).context(source))?;
    let appended =
        match file::append_events(case, &events, frameworks.clone(), policy, key.as_ref()) {
            Ok(appended) => appended,
            Err(error) if refused(error.kind()) => {
                Failure::from(error)
                    .context(format!("{}: nothing appended", case.display()))
                    .report("attesta case append", json);
                return Ok(REFUSED);
            }
            Err(error) => return Err(Failure::from(error).context(case.display())),
        };
    if let Some(e) = &appended.head_not_written {
        let _ = writeln!(
            std::io::stderr(),
            "warning: the events are written but the signed head is not: {e}"
        );
    }
    print(&appended.outcome, json);
    Ok(0)
}

/// The kinds that mean "these events are not appended" rather than "could not run".
fn refused(kind: ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::Fork
            | ErrorKind::LogIntegrity
            | ErrorKind::EventRefused
            | ErrorKind::BadEventPayload
            | ErrorKind::InvalidOptions
    )
}

/// Prints what was appended (text, or JSON of schema `case-append`). Written, not `println!`:
/// the events are on disk already, so a closed standard output must not become a failure.
fn print(outcome: &CaseAppend, json: bool) {
    let mut out = std::io::stdout().lock();
    let _ = if json {
        serde_json::to_writer_pretty(&mut out, outcome)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out))
    } else {
        writeln!(
            out,
            "appended {} events ({} already there) seq {} hash {}",
            outcome.appended, outcome.skipped, outcome.head.seq, outcome.head.hash
        )
    };
}
