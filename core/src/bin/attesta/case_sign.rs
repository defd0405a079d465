//! Signed case history in `attesta case`: keys named by flags or environment variables, the
//! checks before appending to a signed case, and `case verify`.
//!
//! A case is signed from its first event or not at all: `new --sign-key` starts a signed case,
//! `act` on a signed case needs the same key, and `act` with a key on an unsigned case is
//! refused (signing only the later events would not make the history verifiable). Before
//! appending, the log is checked against the key and its signed head, so a tampered log is
//! never extended and re-signed.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use attesta::framework::FrameworkSet;

use attesta::procedure::file::{self, CaseFile, CaseFileError};
use attesta::procedure::{
    verify_head, verify_signatures, verify_signed_log, Case, CaseVerification, EnteKey, Event,
    Head, Integrity, ReplayError, SignatureCheck, TrustedKey,
};
use attesta::{Error, ErrorKind};

use crate::failure::Failure;

/// Environment variable naming the ente's signing key file (PKCS#8 PEM).
pub(crate) const SIGNING_KEY_ENV: &str = "ATTESTA_SIGNING_KEY";
/// Environment variable naming the trusted public key file (SPKI PEM).
pub(crate) const TRUSTED_KEY_ENV: &str = "ATTESTA_TRUSTED_KEY";

/// The largest key file read; a PEM Ed25519 key is about 120 bytes.
const MAX_KEY_BYTES: u64 = 16 << 10;

fn read_key_text(path: &Path) -> Result<String, Failure> {
    let bytes = file::read_input(path, MAX_KEY_BYTES)?;
    String::from_utf8(bytes).map_err(|_| {
        Failure::new(
            ErrorKind::InvalidKey,
            format!("{}: not a PEM key file", path.display()),
        )
    })
}

/// An empty value (an environment variable set to nothing) means no key.
fn named(path: Option<&PathBuf>) -> Option<&Path> {
    path.map(PathBuf::as_path)
        .filter(|p| !p.as_os_str().is_empty())
}

/// The signing key at `path` (flag or [`SIGNING_KEY_ENV`]), if one is named.
pub(crate) fn signing_key(path: Option<&PathBuf>) -> Result<Option<EnteKey>, Failure> {
    let Some(path) = named(path) else {
        return Ok(None);
    };
    EnteKey::from_pem(&read_key_text(path)?)
        .map(Some)
        .map_err(|e| Failure::from(e).context(path.display()))
}

/// The trusted public key at `path` (flag or [`TRUSTED_KEY_ENV`]), if one is named.
pub(crate) fn trusted_key(path: Option<&PathBuf>) -> Result<Option<TrustedKey>, Failure> {
    let Some(path) = named(path) else {
        return Ok(None);
    };
    TrustedKey::from_pem(&read_key_text(path)?)
        .map(Some)
        .map_err(|e| Failure::from(e).context(path.display()))
}

/// Refuses to append to `held` when the signing policy or the signed history says no.
pub(crate) fn check_before_append(held: &CaseFile, key: Option<&EnteKey>) -> Result<(), Failure> {
    let events = held.events();
    let case = held.path().display();
    let signed_by = events
        .first()
        .and_then(|e| e.signature.as_ref())
        .map(|s| s.key_id.as_str());
    let key = match (signed_by, key) {
        (None, None) => return Ok(()),
        (Some(id), None) => {
            return Err(Failure::options(format!(
                "{case}: the case is signed (key id {id}); give its key with --sign-key or \
                 {SIGNING_KEY_ENV}"
            )))
        }
        (None, Some(_)) => {
            return Err(Failure::options(format!(
                "{case}: the case is not signed; a case is signed from its first event or \
                 not at all"
            )))
        }
        (Some(_), Some(key)) => key,
    };
    verify_signatures(events, key.trusted()).map_err(|e| {
        Failure::from(Error::from(e))
            .context(format!("{case}: not extended, the signed log is broken"))
    })?;
    let stored = file::read_signed_head(held.path())?.ok_or_else(|| {
        Failure::new(
            ErrorKind::InvalidSignedHead,
            format!("{case}: not extended, its signed head is missing"),
        )
    })?;
    // Events past the head are tolerated here (they are signed: an interrupted write left the
    // head behind, and this act writes a new one); fewer events or another head are not.
    match verify_signed_log(events, &stored, key.trusted()) {
        Err(e) if !matches!(e.problem, Integrity::PastHead { .. }) => {
            Err(Failure::from(Error::from(e)).context(format!(
                "{case}: not extended, the log does not match its signed head"
            )))
        }
        _ => Ok(()),
    }
}

/// Checks a case's events against a trusted key and the signed head beside it.
///
/// # Errors
/// Why the log is not trusted (the first bad event, or the missing head).
pub(crate) fn check_trusted(
    case: &Path,
    events: &[Event],
    key: &TrustedKey,
) -> Result<(), Failure> {
    // The events first: a bad event is the more precise report than a missing head.
    verify_signatures(events, key).map_err(integrity)?;
    let head = file::read_signed_head(case)?.ok_or_else(|| {
        Failure::new(
            ErrorKind::InvalidSignedHead,
            format!(
                "no signed head beside the log ({}): truncation cannot be ruled out",
                file::head_path(case).map_or_else(|_| String::new(), |p| p.display().to_string())
            ),
        )
    })?;
    verify_signed_log(events, &head, key).map_err(integrity)
}

/// A broken log as a failure; the text is the integrity error alone (the caller says where).
fn integrity(error: attesta::procedure::IntegrityError) -> Failure {
    let text = error.to_string();
    let mut failure = Failure::from(Error::from(error));
    failure.set_text(text);
    failure
}

/// Without a trusted key: when a signed head file is beside the log, the log must end at it
/// (its signature unchecked, so this shows an accidental truncation, not a forgery).
pub(crate) fn check_head_file(case: &Path, events: &[Event]) -> Result<(), Failure> {
    match file::read_signed_head(case)? {
        Some(stored) => verify_head(events, &stored.head()).map_err(|e| {
            let text = format!("{e} (head file, signature not checked)");
            let mut failure = integrity(e);
            failure.set_text(text);
            failure
        }),
        None => Ok(()),
    }
}

/// `attesta case verify`: checks the log and says how it stands. `Err` only when it cannot
/// run (the file cannot be read).
pub(crate) fn verify(
    case: &Path,
    head: Option<(u64, String)>,
    key: Option<&TrustedKey>,
    frameworks: &Arc<FrameworkSet>,
) -> Result<CaseVerification, Failure> {
    let shown = case.display().to_string();
    let events = match file::read_events(case) {
        Ok(events) => events,
        Err(CaseFileError::Integrity { error, .. }) => {
            return Ok(CaseVerification::broken(shown, None, error.to_string()))
        }
        Err(other) => return Err(other.into()),
    };
    let count = Some(events.len());
    let Some(last) = events.last() else {
        return Ok(CaseVerification::broken(
            shown,
            count,
            "the log has no event".to_owned(),
        ));
    };
    let (signatures, key_id) = if let Some(key) = key {
        if let Err(why) = check_trusted(case, &events, key) {
            return Ok(CaseVerification::broken(
                shown,
                count,
                why.text().to_owned(),
            ));
        }
        (SignatureCheck::Trusted, Some(key.key_id().to_owned()))
    } else {
        if let Err(why) = check_head_file(case, &events) {
            return Ok(CaseVerification::broken(
                shown,
                count,
                why.text().to_owned(),
            ));
        }
        if events.iter().any(|e| e.signature.is_some()) {
            (SignatureCheck::NotChecked, None)
        } else {
            (SignatureCheck::Unsigned, None)
        }
    };
    if let Some((seq, hash)) = head {
        if let Err(e) = verify_head(&events, &Head { seq, hash }) {
            return Ok(CaseVerification::broken(shown, count, e.to_string()));
        }
    }
    let head = Head {
        seq: last.seq,
        hash: last.hash.clone(),
    };
    // The chain is sound; say whether the frameworks loaded are those the case runs on.
    let framework_drift = match Case::from_events(frameworks.clone(), events) {
        Err(ReplayError::FrameworksChanged { drift }) => drift,
        _ => Vec::new(),
    };
    Ok(CaseVerification {
        file: shown,
        intact: true,
        problem: None,
        events: count,
        head: Some(head),
        signatures: Some(signatures),
        key_id,
        framework_drift,
    })
}

/// Prints the outcome of `case verify` (text, or JSON with `json`): exit 0 for an intact log,
/// 1 for a broken one.
pub(crate) fn print_verification(outcome: &CaseVerification, json: bool) -> Result<u8, Failure> {
    let shown = &outcome.file;
    let mut out = std::io::stdout().lock();
    let written = if json {
        serde_json::to_string_pretty(outcome)
            .map_err(std::io::Error::other)
            .and_then(|text| writeln!(out, "{text}"))
    } else if let Some(problem) = &outcome.problem {
        writeln!(out, "{shown}: broken: {problem}")
    } else {
        let signatures = match (outcome.signatures, &outcome.key_id) {
            (Some(SignatureCheck::Trusted), Some(id)) => format!("signed by trusted key {id}"),
            (Some(SignatureCheck::NotChecked), _) => {
                format!("signatures not checked (no trusted key: --key or {TRUSTED_KEY_ENV})")
            }
            _ => "unsigned".to_owned(),
        };
        let (seq, hash) = outcome
            .head
            .as_ref()
            .map_or((0, ""), |h| (h.seq, h.hash.as_str()));
        writeln!(
            out,
            "{shown}: ok, {} events, head seq {seq} hash {hash}, {signatures}",
            outcome.events.unwrap_or_default()
        )
        .and_then(|()| {
            outcome
                .framework_drift
                .iter()
                .try_for_each(|d| writeln!(out, "{shown}: frameworks differ: {d}"))
        })
    };
    match written {
        Ok(()) => {}
        // The reader went away: the exit code still says how the log stands.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(Failure::output(&e)),
    }
    Ok(u8::from(!outcome.intact))
}
