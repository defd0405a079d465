//! # Attesta
//!
//! Identification, validation and certification of competences (IVC) as Italian law describes
//! it (D.Lgs. 13/2013, D.I. 30/6/2015, D.I. 5/1/2021): competence records of formal, non-formal
//! and informal learning, validated against regional repertoires (Tuscany's RRFP), the
//! Atlante del Lavoro, QNQ/EQF levels and ESCO.
//!
//! ```
//! let record = r#"{
//!   "schema_version": "1.0",
//!   "id": "rec-1",
//!   "person": {"id": "p-1", "mother_tongues": ["ar"]},
//!   "experiences": [{
//!     "id": "exp-1", "context": "informale", "kind": "work",
//!     "period": {"start": "2019-03", "end": "2018"}, "country": "MA", "role": "Carrellista"
//!   }]
//! }"#;
//! let report = attesta::validate(record)?;
//! assert!(!report.valid);
//! assert_eq!(report.findings[0].code.as_str(), "experience.end_before_start");
//! assert_eq!(report.findings[0].path.to_pointer(), "/experiences/0/period/end");
//! # Ok::<(), attesta::Error>(())
//! ```
//!
//! "Cannot evaluate" is an [`Error`]; "invalid" is a [`Report`] of [`Finding`]s.

pub mod builtin;
pub mod bundle;
pub mod codes;
pub mod documents;
mod error;
pub mod formats;
pub mod framework;
pub mod gap;
pub mod import;
#[cfg(feature = "fs")]
pub mod io;
mod join;
mod json;
pub mod matching;
pub mod messages;
pub mod model;
mod path;
pub mod privacy;
pub mod procedure;
mod report;
pub mod schema;
pub mod search;
pub mod text;
mod validate;

pub use codes::Code;
pub use error::{Error, ErrorDetails, ErrorKind, EventPosition, Result};
pub use json::{DEFAULT_MAX_DEPTH, DEFAULT_MAX_SIZE};
pub use path::{Path, PathSegment};
pub use report::{render_template, FileOutcome, Finding, Report, Severity};
pub use validate::{ValidationOptions, Validator, DEFAULT_MAX_FINDINGS, DEFAULT_MAX_ITEM_SIZE};

/// This library's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The README's Rust examples, compiled and run as doctests so they cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

/// Validates a competence record given as JSON text, with default options and the bundled
/// frameworks. Future-date checks need a reference date: use [`ValidationOptions`].
///
/// # Errors
/// When the input cannot be evaluated (see [`Error`]).
pub fn validate(json: &str) -> Result<Report> {
    default_validator().validate_str(json)
}

/// Validates a record with default options and returns the report only when it is valid.
///
/// ```
/// let invalid = r#"{"schema_version": "1.0", "id": "rec-1", "person": {"id": "p-1"},
///   "experiences": [{"id": "exp-1", "context": "informale", "kind": "work",
///     "period": {"start": "2019-03", "end": "2018"}, "country": "MA", "role": "Carrellista"}]}"#;
/// let error = attesta::check(invalid).unwrap_err();
/// assert_eq!(error.kind().as_str(), "invalid_record");
/// assert_eq!(
///     error.to_string(),
///     "the record is invalid: experience.end_before_start at /experiences/0/period/end"
/// );
/// // The report travels with the error, also as data.
/// assert!(!error.details().report.unwrap().valid);
/// ```
///
/// # Errors
/// [`Error::InvalidRecord`] with the report when the record is invalid; otherwise when it
/// cannot be evaluated (see [`Error`]).
pub fn check(json: &str) -> Result<Report> {
    default_validator().check_str(json)
}

/// Whether a record is valid with default options (`false` also when it cannot be evaluated).
pub fn is_valid(json: &str) -> bool {
    validate(json).is_ok_and(|r| r.valid)
}

fn default_validator() -> &'static Validator {
    static VALIDATOR: std::sync::OnceLock<Validator> = std::sync::OnceLock::new();
    VALIDATOR.get_or_init(|| {
        ValidationOptions::default()
            .build()
            .expect("default options are valid")
    })
}
