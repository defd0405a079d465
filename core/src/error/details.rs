//! [`ErrorDetails`]: the one serialized shape of every error, and how each error type fills it.
//!
//! `kind` and `message` are always there; the optional fields carry what a caller needs to act
//! (where the JSON broke, which file, which limit, the refusal, the bad event…). Which kinds
//! carry which fields is [`ErrorKind::fields`], the table of `docs/error-kinds.md`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Error, ErrorKind};
use crate::framework::{FrameworkSetError, OverlayError};
use crate::import::ImportProblem;
use crate::procedure::{CaseFileError, Fork, FrameworkDrift, IntegrityError, Refusal, ReplayError};

/// The serializable form of every error: `{"kind", "message"}` and the optional fields of its
/// kind (see `docs/error-kinds.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorDetails {
    /// Stable kind, e.g. `malformed_json` (see [`ErrorKind`]).
    pub kind: ErrorKind,
    /// English message (never quotes the input).
    pub message: String,
    /// 1-based line: of malformed JSON, or where the row of an import problem starts (0 for a
    /// problem with the whole file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column: of malformed JSON, or the CSV field of an import problem.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The file involved: the one that failed to read or write, the case file, or the source
    /// file of an import problem (as named in the source).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The limit exceeded (bytes for `too_large`, levels for `too_deep`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
    /// The id of the framework involved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<String>,
    /// JSON Pointer of the value at fault in an overlay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// The refused action: action, phase, allowed actions and reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal: Option<Refusal>,
    /// The first bad event of a log that is not intact, and what is wrong with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integrity: Option<IntegrityError>,
    /// The two branches of a fork (`fork`): the common base, the case's and the appended
    /// events' first events after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fork: Option<Fork>,
    /// The event of an intact log that does not replay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<EventPosition>,
    /// Each framework the case runs on that is loaded differently or not at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drift: Option<Vec<FrameworkDrift>>,
    /// The report of an invalid record (`invalid_record`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<crate::Report>,
    /// The error behind this one (for `unusable_source`: why the source cannot be used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<Box<ErrorDetails>>,
}

/// Where an event is in a log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventPosition {
    /// 0-based position (line number − 1 in a JSON Lines log).
    pub index: usize,
    /// The event's `seq`.
    pub seq: u64,
}

impl ErrorDetails {
    /// Details of `kind` with `message` and no optional field.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        ErrorDetails {
            kind,
            message: message.into(),
            line: None,
            column: None,
            path: None,
            limit: None,
            framework: None,
            pointer: None,
            refusal: None,
            integrity: None,
            fork: None,
            event: None,
            drift: None,
            report: None,
            cause: None,
        }
    }
}

impl Error {
    /// The stable kind, shared by every binding (e.g. [`ErrorKind::MalformedJson`]).
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::MalformedJson { .. } => ErrorKind::MalformedJson,
            Error::WrongTopLevelType { .. } => ErrorKind::WrongTopLevelType,
            Error::TooLarge { .. } | Error::EndlessInput { .. } => ErrorKind::TooLarge,
            Error::TooDeep { .. } => ErrorKind::TooDeep,
            Error::UnsupportedSchemaVersion { .. } => ErrorKind::UnsupportedSchemaVersion,
            Error::UnknownDocumentType { .. } => ErrorKind::UnknownDocumentType,
            Error::UnknownFramework(_) => ErrorKind::UnknownFramework,
            Error::InvalidFramework(_) => ErrorKind::InvalidFramework,
            Error::InvalidBundle(_) => ErrorKind::InvalidBundle,
            Error::Import(_) => ErrorKind::ImportProblem,
            Error::InvalidOptions(_) => ErrorKind::InvalidOptions,
            Error::InvalidAction(_) => ErrorKind::InvalidAction,
            Error::InvalidInput(_) => ErrorKind::InvalidInput,
            Error::InvalidRecord(_) => ErrorKind::InvalidRecord,
            Error::Io { .. } => ErrorKind::Io,
            Error::Refused(_) => ErrorKind::Refused,
            Error::Replay(error) => replay_kind(error),
            Error::Integrity(_) => ErrorKind::LogIntegrity,
            Error::Fork(_) => ErrorKind::Fork,
            Error::CaseFile(error) => error.kind(),
            Error::FrameworkSet(error) => error.kind(),
            Error::Overlay(error) => overlay_kind(error),
            Error::Key(_) => ErrorKind::InvalidKey,
            Error::Credential(error) => match **error {
                crate::credentials::CredentialError::InvalidKey(_) => ErrorKind::InvalidKey,
                _ => ErrorKind::Credential,
            },
        }
    }

    /// The error as data: what every binding and the CLI's `--format json` emit.
    pub fn details(&self) -> ErrorDetails {
        let mut details = ErrorDetails::new(self.kind(), self.to_string());
        match self {
            Error::MalformedJson { line, column, .. } => {
                details.line = Some(*line);
                details.column = Some(*column);
            }
            Error::TooLarge { limit, .. }
            | Error::EndlessInput { limit }
            | Error::TooDeep { limit } => {
                details.limit = u64::try_from(*limit).ok();
            }
            Error::UnknownFramework(id) => details.framework = Some(id.clone()),
            Error::Import(problem) => import_fields(&mut details, problem),
            Error::Io { path, .. } => details.path = Some(path.display().to_string()),
            Error::Refused(refusal) => details.refusal = Some((**refusal).clone()),
            Error::InvalidRecord(report) => details.report = Some((**report).clone()),
            Error::Replay(error) => replay_fields(&mut details, error),
            Error::Integrity(error) => details.integrity = Some((**error).clone()),
            Error::Fork(fork) => details.fork = Some((**fork).clone()),
            Error::CaseFile(error) => case_file_fields(&mut details, error),
            Error::FrameworkSet(error) => framework_set_fields(&mut details, error),
            Error::Overlay(error) => overlay_fields(&mut details, error),
            _ => {}
        }
        details
    }
}

impl From<&Error> for ErrorDetails {
    fn from(error: &Error) -> Self {
        error.details()
    }
}

impl CaseFileError {
    /// The stable kind of this error (see [`ErrorKind`]).
    pub fn kind(&self) -> ErrorKind {
        match self {
            CaseFileError::Io { .. } => ErrorKind::Io,
            CaseFileError::Integrity { .. } => ErrorKind::LogIntegrity,
            CaseFileError::Replay { error, .. } => replay_kind(error),
            CaseFileError::Exists(_) => ErrorKind::FileExists,
            CaseFileError::Diverged(_) => ErrorKind::FileChanged,
            CaseFileError::Symlink(_) => ErrorKind::SymlinkRefused,
            CaseFileError::NotAFile(_) => ErrorKind::NotAFile,
            CaseFileError::TooLarge { .. } => ErrorKind::TooLarge,
            CaseFileError::Locked(_) => ErrorKind::CaseLocked,
            CaseFileError::BadHead(_) => ErrorKind::InvalidSignedHead,
            CaseFileError::InvalidPath(_) => ErrorKind::InvalidPath,
        }
    }
}

impl FrameworkSetError {
    /// The stable kind of this error (see [`ErrorKind`]).
    pub fn kind(&self) -> ErrorKind {
        match self {
            FrameworkSetError::Duplicate { .. } => ErrorKind::DuplicateFramework,
            FrameworkSetError::Source { .. } => ErrorKind::UnusableSource,
            FrameworkSetError::OverlayTarget { .. } => ErrorKind::OverlayTargetMissing,
            FrameworkSetError::Overlay { error, .. } => overlay_kind(error),
        }
    }
}

fn replay_kind(error: &ReplayError) -> ErrorKind {
    match error {
        ReplayError::Integrity(_) => ErrorKind::LogIntegrity,
        ReplayError::BadPayload { .. } => ErrorKind::BadEventPayload,
        ReplayError::Refused { .. } => ErrorKind::EventRefused,
        ReplayError::Empty => ErrorKind::EmptyLog,
        ReplayError::FrameworksChanged { .. } => ErrorKind::FrameworksChanged,
    }
}

fn overlay_kind(error: &OverlayError) -> ErrorKind {
    match error {
        OverlayError::Conflict { .. } => ErrorKind::OverlayConflict,
        _ => ErrorKind::InvalidOverlay,
    }
}

fn import_fields(details: &mut ErrorDetails, problem: &ImportProblem) {
    details.path = Some(problem.file.clone());
    details.line = usize::try_from(problem.line).ok();
    details.column = problem.column.and_then(|c| usize::try_from(c).ok());
}

fn replay_fields(details: &mut ErrorDetails, error: &ReplayError) {
    match error {
        ReplayError::Integrity(integrity) => details.integrity = Some(integrity.clone()),
        ReplayError::BadPayload { index, seq, .. } => {
            details.event = Some(EventPosition {
                index: *index,
                seq: *seq,
            });
        }
        ReplayError::Refused {
            index,
            seq,
            refusal,
        } => {
            details.event = Some(EventPosition {
                index: *index,
                seq: *seq,
            });
            details.refusal = Some(refusal.clone());
        }
        ReplayError::Empty => {}
        ReplayError::FrameworksChanged { drift } => details.drift = Some(drift.clone()),
    }
}

fn case_file_fields(details: &mut ErrorDetails, error: &CaseFileError) {
    let path = match error {
        CaseFileError::Integrity { path, error } => {
            details.integrity = Some(error.clone());
            path
        }
        CaseFileError::Replay { path, error } => {
            replay_fields(details, error);
            path
        }
        CaseFileError::TooLarge { path, limit } => {
            details.limit = Some(*limit);
            path
        }
        CaseFileError::Io { path, .. }
        | CaseFileError::Exists(path)
        | CaseFileError::Diverged(path)
        | CaseFileError::Symlink(path)
        | CaseFileError::NotAFile(path)
        | CaseFileError::Locked(path)
        | CaseFileError::BadHead(path)
        | CaseFileError::InvalidPath(path) => path,
    };
    details.path = Some(path.display().to_string());
}

fn framework_set_fields(details: &mut ErrorDetails, error: &FrameworkSetError) {
    match error {
        FrameworkSetError::Duplicate { id, .. } => details.framework = Some(id.clone()),
        FrameworkSetError::Source { error, .. } => details.cause = Some(Box::new(error.details())),
        FrameworkSetError::OverlayTarget { framework, .. } => {
            details.framework = Some(framework.clone());
        }
        FrameworkSetError::Overlay { error, .. } => overlay_fields(details, error),
    }
}

fn overlay_fields(details: &mut ErrorDetails, error: &OverlayError) {
    match error {
        OverlayError::SchemaVersion => {}
        OverlayError::VersionMismatch { framework, .. } => {
            details.framework = Some(framework.clone());
        }
        OverlayError::UnknownNode {
            pointer, framework, ..
        }
        | OverlayError::Conflict {
            pointer, framework, ..
        } => {
            details.framework = Some(framework.clone());
            details.pointer = Some(pointer.clone());
        }
        OverlayError::InvalidValue { pointer, .. } => details.pointer = Some(pointer.clone()),
    }
}
