//! "Cannot evaluate": the typed error for inputs Attesta cannot even look at.
//!
//! An invalid document is *not* an error: it yields a [`Report`](crate::Report) with findings.
//! [`Error`] is for malformed JSON, a wrong top-level type, an input over a limit, an
//! unsupported schema version, an unknown framework or an IO failure. Messages never quote the
//! input, so no personal data can leak through them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error as ThisError;

/// Why a document could not be evaluated at all.
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
    #[error("unknown document type {found:?}; expected one of: {expected}")]
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
    #[cfg(feature = "import")]
    #[error("{0}")]
    Import(crate::import::ImportProblem),
    /// Options that contradict each other or are out of range.
    #[error("invalid options: {0}")]
    InvalidOptions(String),
    /// Reading or writing a file failed.
    #[cfg(feature = "fs")]
    #[error("{path}: {source}")]
    Io {
        /// The file involved.
        path: std::path::PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// A short, stable, machine-readable kind, shared by every binding (e.g. `malformed_json`).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::MalformedJson { .. } => "malformed_json",
            Error::WrongTopLevelType { .. } => "wrong_top_level_type",
            Error::TooLarge { .. } | Error::EndlessInput { .. } => "too_large",
            Error::TooDeep { .. } => "too_deep",
            Error::UnsupportedSchemaVersion { .. } => "unsupported_schema_version",
            Error::UnknownDocumentType { .. } => "unknown_document_type",
            Error::UnknownFramework(_) => "unknown_framework",
            Error::InvalidFramework(_) => "invalid_framework",
            Error::InvalidBundle(_) => "invalid_bundle",
            #[cfg(feature = "import")]
            Error::Import(_) => "import_problem",
            Error::InvalidOptions(_) => "invalid_options",
            #[cfg(feature = "fs")]
            Error::Io { .. } => "io",
        }
    }

    /// The error as data: what every binding and `attesta validate --format json` emit.
    pub fn details(&self) -> ErrorDetails {
        let (line, column) = match self {
            Error::MalformedJson { line, column, .. } => (Some(*line), Some(*column)),
            #[cfg(feature = "import")]
            Error::Import(p) => (
                usize::try_from(p.line).ok(),
                p.column.and_then(|c| usize::try_from(c).ok()),
            ),
            _ => (None, None),
        };
        ErrorDetails {
            kind: self.kind().to_owned(),
            message: self.to_string(),
            line,
            column,
        }
    }

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

/// The serializable form of an [`Error`]: `{"kind", "message", "line"?, "column"?}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorDetails {
    /// Stable kind, e.g. `malformed_json` (see [`Error::kind`]).
    pub kind: String,
    /// English message (never quotes the input).
    pub message: String,
    /// 1-based line, for malformed JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column, for malformed JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

/// A declared value as a message shows it: quoted, or a plain word when it is absent (never
/// Rust's `Some(..)`/`None`, which would reach Python and browser users verbatim).
fn quoted_or_absent(found: Option<&str>) -> String {
    found.map_or_else(
        || "(absent or not a string)".to_owned(),
        |v| format!("'{v}'"),
    )
}

/// `Result` with Attesta's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
