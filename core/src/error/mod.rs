//! "Cannot evaluate": the typed error for inputs Attesta cannot even look at, and for
//! operations it cannot do.
//!
//! An invalid document is *not* an error: it yields a [`Report`](crate::Report) with findings.
//! [`Error`] is for malformed JSON, a wrong top-level type, an input over a limit, an
//! unsupported schema version, an unknown framework, an IO failure, and, wrapped, every other
//! error type of the API (refusals, replay and log integrity failures, case file, framework set,
//! overlay, key and credential errors: each converts with `From`), so a binding translates one type. Its
//! variants are the same in every build. Messages never quote the input, so no personal data
//! can leak through them.
//!
//! Serialized, every error is one [`ErrorDetails`] object whose `kind` is an [`ErrorKind`]
//! (catalogue: `docs/error-kinds.md`).

mod details;
mod kind;

use thiserror::Error as ThisError;

use crate::credentials::CredentialError;
use crate::framework::{FrameworkSetError, OverlayError};
use crate::import::ImportProblem;
use crate::procedure::{CaseFileError, Fork, IntegrityError, KeyError, Refusal, ReplayError};

pub use details::{ErrorDetails, EventPosition};
pub use kind::ErrorKind;

/// Why an input could not be evaluated at all, or an operation could not be done.
#[derive(Debug, ThisError)]
#[non_exhaustive]
pub enum Error {
    /// The input is not well-formed JSON.
    #[error("malformed JSON at line {line}, column {column}: {reason}")]
    MalformedJson {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What the parser expected (never a quote of the input).
        reason: String,
    },
    /// The top-level JSON value is not the expected type (e.g. an array instead of an object).
    #[error("expected a JSON {expected} at the top level, found {found}")]
    WrongTopLevelType {
        /// The expected JSON type.
        expected: &'static str,
        /// The JSON type found.
        found: &'static str,
    },
    /// The input is larger than the configured limit.
    #[error("input is {size} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The configured limit in bytes.
        limit: usize,
    },
    /// A stream over the size limit that did not end within 1 GiB more (`io::COUNT_PAST_LIMIT`,
    /// feature `fs`), such as `/dev/zero`: it is not read further.
    #[error("input goes on past the limit of {limit} bytes without end")]
    EndlessInput {
        /// The configured limit in bytes.
        limit: usize,
    },
    /// The input nests deeper than the configured limit.
    #[error("input nests deeper than the limit of {limit} levels")]
    TooDeep {
        /// The configured depth limit.
        limit: usize,
    },
    /// The document declares a schema version this build does not support.
    #[error(
        "unsupported schema version {}; this build supports {supported}",
        quoted_or_absent(.found.as_deref())
    )]
    UnsupportedSchemaVersion {
        /// The declared version (`None` when the field is absent or not a string).
        found: Option<String>,
        /// The versions this build understands.
        supported: &'static str,
    },
    /// A document's `document_type` is absent or not one Attesta knows, so the rules that
    /// apply to it cannot be chosen.
    #[error(
        "unknown document type {}; expected one of: {expected}",
        quoted_or_absent(.found.as_deref())
    )]
    UnknownDocumentType {
        /// The declared type, capped (`None` when absent or not a string).
        found: Option<String>,
        /// The known types.
        expected: &'static str,
    },
    /// A framework was asked for that is not loaded.
    #[error("unknown framework '{0}'")]
    UnknownFramework(String),
    /// A framework file or bundle is not usable.
    #[error("invalid framework data: {0}")]
    InvalidFramework(String),
    /// A framework bundle (`.attb`) is truncated, corrupted, not a bundle, or of a newer format.
    #[error("invalid bundle: {0}")]
    InvalidBundle(crate::bundle::BundleError),
    /// A source file of a framework import has a problem (strict import mode stops at the
    /// first; lenient mode returns them all with the data).
    #[error("{0}")]
    Import(ImportProblem),
    /// Options that contradict each other or are out of range.
    #[error("invalid options: {0}")]
    InvalidOptions(String),
    /// An action is not `{"kind", "payload"}` with a known kind and a payload of its shape.
    #[error("invalid action: {0}")]
    InvalidAction(String),
    /// An input is well-formed JSON but not of the shape the operation takes (the validator or
    /// the document check says what is wrong).
    #[error("{0}")]
    InvalidInput(String),
    /// A record was evaluated and is invalid: what the `check` functions return instead of an
    /// invalid report (`validate` returns the report itself), carrying it.
    #[error("{}", invalid_message(.0))]
    InvalidRecord(Box<crate::Report>),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file involved.
        path: std::path::PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The procedure refused an action; the case is unchanged.
    #[error(transparent)]
    Refused(Box<Refusal>),
    /// A case's event log does not replay.
    #[error(transparent)]
    Replay(Box<ReplayError>),
    /// An event log is not intact.
    #[error("log integrity: {0}")]
    Integrity(Box<IntegrityError>),
    /// Events to append continue an event the case already continued otherwise: two
    /// branches, never merged silently.
    #[error("{0}")]
    Fork(Box<Fork>),
    /// A case file cannot be read or written.
    #[error(transparent)]
    CaseFile(Box<CaseFileError>),
    /// A set of frameworks cannot be built.
    #[error(transparent)]
    FrameworkSet(Box<FrameworkSetError>),
    /// An overlay cannot be applied.
    #[error(transparent)]
    Overlay(Box<OverlayError>),
    /// A key is not the expected Ed25519 key.
    #[error(transparent)]
    Key(KeyError),
    /// A credential cannot be exported, signed or verified (see [`CredentialError`]).
    #[error(transparent)]
    Credential(Box<CredentialError>),
}

impl Error {
    /// Converts a `serde_json` parse error without quoting the input.
    pub(crate) fn from_json(err: &serde_json::Error) -> Self {
        use serde_json::error::Category;
        let reason = match err.classify() {
            Category::Eof => "unexpected end of input".to_owned(),
            Category::Io => "input could not be read".to_owned(),
            // serde_json's syntax messages describe the grammar ("expected `,` or `}`"), never
            // the input's content; strip its own " at line L column C" suffix, we carry those.
            Category::Data => "data does not match the expected type".to_owned(),
            Category::Syntax => {
                let text = err.to_string();
                match text.rfind(" at line ") {
                    Some(at) => text[..at].to_owned(),
                    None => text,
                }
            }
        };
        if reason.contains("recursion limit") {
            return Error::TooDeep { limit: 128 };
        }
        Error::MalformedJson {
            line: err.line(),
            // serde_json says column 0 at the very start of a line (e.g. end of input after a
            // newline); the documented contract is 1-based.
            column: err.column().max(1),
            reason,
        }
    }
}

/// A declared value as a message shows it: quoted when it is a plain word, else a description
/// (never Rust's `Some(..)`/`None`, which would reach Python and browser users verbatim).
fn quoted_or_absent(found: Option<&str>) -> String {
    match found {
        None => "(absent or not a string)".to_owned(),
        // A version or a type word is shown, so the user sees what they wrote; anything else
        // (free text, maybe personal data put in the wrong field) is never echoed.
        Some(v) if is_plain_word(v) => format!("'{v}'"),
        Some(_) => "(a value that is not a plain word, not shown)".to_owned(),
    }
}

/// At most 32 ASCII letters, digits, `.`, `_` or `-`: a version number or a type word.
fn is_plain_word(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 32
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// `Result` with Attesta's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<Refusal> for Error {
    fn from(refusal: Refusal) -> Self {
        Error::Refused(Box::new(refusal))
    }
}

impl From<ReplayError> for Error {
    fn from(error: ReplayError) -> Self {
        Error::Replay(Box::new(error))
    }
}

impl From<IntegrityError> for Error {
    fn from(error: IntegrityError) -> Self {
        Error::Integrity(Box::new(error))
    }
}

impl From<CaseFileError> for Error {
    fn from(error: CaseFileError) -> Self {
        Error::CaseFile(Box::new(error))
    }
}

impl From<FrameworkSetError> for Error {
    fn from(error: FrameworkSetError) -> Self {
        Error::FrameworkSet(Box::new(error))
    }
}

impl From<OverlayError> for Error {
    fn from(error: OverlayError) -> Self {
        Error::Overlay(Box::new(error))
    }
}

impl From<KeyError> for Error {
    fn from(error: KeyError) -> Self {
        Error::Key(error)
    }
}

impl From<CredentialError> for Error {
    fn from(error: CredentialError) -> Self {
        Error::Credential(Box::new(error))
    }
}

impl From<ImportProblem> for Error {
    fn from(problem: ImportProblem) -> Self {
        Error::Import(problem)
    }
}

/// "the record is invalid: CODE at POINTER and N more findings": the first finding that makes
/// the report invalid (an error, or in strict mode a warning); codes and paths only.
fn invalid_message(report: &crate::Report) -> String {
    use std::fmt::Write as _;

    use crate::Severity;
    let first = report
        .findings
        .iter()
        .find(|f| f.severity == Severity::Error)
        .or_else(|| {
            report
                .findings
                .iter()
                .find(|f| f.severity == Severity::Warning)
        });
    let mut message = "the record is invalid".to_owned();
    if let Some(first) = first {
        let pointer = first.path.to_pointer();
        let pointer = if pointer.is_empty() {
            "/".to_owned()
        } else {
            pointer
        };
        let _ = write!(message, ": {} at {pointer}", first.code);
        if report.findings.len() > 1 {
            let _ = write!(message, " and {} more findings", report.findings.len() - 1);
        }
    }
    message
}
