//! Checking a document made elsewhere (another region's system, an old export, a form) for
//! the elements art. 6 D.Lgs. 13/2013 and D.I. 30/6/2015 art. 6 require.
//!
//! The check is lenient, because the documents come from systems Attesta does not control:
//! every missing element is a finding with its JSON path (not just the first), fields Attesta
//! does not know are warnings (`document.unknown_field`) and are skipped, and a malformed block
//! is one structural finding while the rest is still checked. Only what makes the document
//! impossible to evaluate — malformed JSON, a top level that is not an object, an input over
//! the limits, an unsupported `schema_version`, an unknown `document_type` — is an
//! [`Error`](crate::Error).
//!
//! Fields named in Italian by other regions' systems are read through the table of
//! `docs/document-check.md` ([`ITALIAN_FIELD_NAMES`]), each with a `document.mapped_field` info.
//!
//! Codes are checked for shape (ADA, EQF 1–8, CP2021, ATECO); old Atlante ADA codes are
//! resolved to current ones through the loaded frameworks' aliases (`reference.alias_code`,
//! current code in `context.current`); UC and qualification codes are looked up when their
//! repertoire is loaded.

mod competences;
mod experiences;
mod italian;
mod lenient;
mod parts;
mod rules;

use std::sync::Arc;

use serde_json::Value;

pub use italian::{FIELD_NAMES as ITALIAN_FIELD_NAMES, OUTCOME_WORDS as ITALIAN_OUTCOME_WORDS};

use super::{Document, DocumentType};
use crate::error::{Error, Result};
use crate::formats::Date;
use crate::framework::FrameworkSet;
use crate::json::{check_schema_version, expect_object, parse_object_with_duplicates};
use crate::report::{Finding, Report};
use crate::{ValidationOptions, Validator};

/// What the rules need besides the document.
pub(crate) struct Context<'a> {
    pub(crate) reference_date: Option<Date>,
    pub(crate) frameworks: &'a FrameworkSet,
}

/// A reusable document checker: options checked once, frameworks shared. It takes the same
/// [`ValidationOptions`] as the record [`Validator`] (strict mode, input limits, reference date).
#[derive(Debug, Clone)]
pub struct DocumentChecker {
    validator: Validator,
    reference_date: Option<Date>,
}

impl DocumentChecker {
    /// A checker with `options` over the built-in frameworks.
    ///
    /// # Errors
    /// [`Error::InvalidOptions`] as for [`ValidationOptions::build`].
    pub fn new(options: ValidationOptions) -> Result<Self> {
        Self::with_frameworks(options, crate::builtin::frameworks())
    }

    /// A checker with `options` over the given frameworks (their aliases resolve old ADA codes).
    ///
    /// # Errors
    /// [`Error::InvalidOptions`] as for [`ValidationOptions::build`].
    pub fn with_frameworks(
        options: ValidationOptions,
        frameworks: Arc<FrameworkSet>,
    ) -> Result<Self> {
        let validator = options.build_with(frameworks)?;
        // `build_with` has already refused a malformed date, so this parse cannot fail.
        let reference_date = validator
            .options()
            .reference_date
            .as_deref()
            .and_then(Date::parse);
        Ok(DocumentChecker {
            validator,
            reference_date,
        })
    }

    /// The options (the size and depth limits, strictness, the reference date).
    pub fn options(&self) -> &ValidationOptions {
        self.validator.options()
    }

    /// Checks a document given as JSON text.
    ///
    /// # Errors
    /// When the input cannot be evaluated: malformed JSON, not an object, over the size or
    /// depth limit, unsupported `schema_version`, absent or unknown `document_type`.
    pub fn check_str(&self, json: &str) -> Result<Report> {
        self.check_slice(json.as_bytes())
    }

    /// Checks a document given as JSON bytes (UTF-8); bytes that are not UTF-8 are malformed
    /// JSON, with their position.
    ///
    /// # Errors
    /// As [`DocumentChecker::check_str`].
    pub fn check_slice(&self, bytes: &[u8]) -> Result<Report> {
        let options = self.validator.options();
        let (value, duplicates) =
            parse_object_with_duplicates(bytes, options.max_size, options.max_depth)?;
        self.evaluate(&value, duplicates)
    }

    /// Checks the document in the file at `path`, read within the size limit by
    /// [`crate::io::read_file_limited`], as [`crate::Validator::validate_file`] reads a record (feature
    /// `fs`).
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be opened or read, [`Error::TooLarge`] over the
    /// limit, and the errors of [`DocumentChecker::check_slice`].
    #[cfg(feature = "fs")]
    pub fn check_file(&self, path: &std::path::Path) -> Result<Report> {
        let bytes = crate::io::read_file_limited(path, self.validator.options().max_size)?;
        self.check_slice(&bytes)
    }

    /// Checks a document already parsed into a JSON value.
    ///
    /// # Errors
    /// As [`DocumentChecker::check_str`], except for the size limit.
    pub fn check_value(&self, value: &Value) -> Result<Report> {
        self.evaluate(value, Vec::new())
    }

    /// Checks `value`, starting from findings the parser made (repeated keys).
    fn evaluate(&self, value: &Value, mut findings: Vec<Finding>) -> Result<Report> {
        expect_object(value)?;
        let mut cleaned = value.clone();
        italian::map_italian_names(&mut cleaned, &mut findings);
        check_schema_version(&cleaned, "1", "1.x")?;
        let doc_type = document_type(&cleaned)?;
        lenient::strip_unknown_fields(&mut cleaned, doc_type, &mut findings);
        let Value::Object(object) = &cleaned else {
            return Err(Error::WrongTopLevelType {
                expected: "object",
                found: "another type",
            });
        };
        let parts = parts::decode_parts(object, doc_type, &mut findings);
        let ctx = Context {
            reference_date: self.reference_date,
            frameworks: self.validator.frameworks(),
        };
        rules::check(&parts, &ctx, &mut findings);
        competences::check(&parts, &ctx, &mut findings);
        Ok(Report::from_findings(
            findings,
            self.validator.options().strict,
        ))
    }

    /// Checks a typed document (for example one the procedure engine has just built).
    ///
    /// # Errors
    /// [`Error::UnsupportedSchemaVersion`] when its `schema_version` is not `1.x`.
    pub fn check(&self, document: &Document) -> Result<Report> {
        let value = serde_json::to_value(document).map_err(|e| Error::from_json(&e))?;
        self.check_value(&value)
    }
}

/// Reads `document_type`.
fn document_type(value: &Value) -> Result<DocumentType> {
    const EXPECTED: &str = "documento_trasparenza, documento_validazione, certificato";
    match value.get("document_type") {
        Some(Value::String(word)) => {
            DocumentType::from_word(word).ok_or_else(|| Error::UnknownDocumentType {
                // Not personal data, but echoed back: cap it.
                found: Some(word.chars().take(32).collect()),
                expected: EXPECTED,
            })
        }
        _ => Err(Error::UnknownDocumentType {
            found: None,
            expected: EXPECTED,
        }),
    }
}

fn default_checker() -> &'static DocumentChecker {
    static CHECKER: std::sync::OnceLock<DocumentChecker> = std::sync::OnceLock::new();
    CHECKER.get_or_init(|| {
        DocumentChecker::new(ValidationOptions::default()).expect("default options are valid")
    })
}

/// Checks a document given as JSON text, with default options and the built-in frameworks.
///
/// ```
/// let report = attesta::documents::check_document(r#"{
///   "schema_version": "1.0", "document_type": "documento_validazione", "id": "DV-1",
///   "strength": "parte_prima", "competences": []
/// }"#)?;
/// assert!(!report.valid);
/// let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
/// assert!(codes.contains(&"document.strength_too_low"));
/// assert!(codes.contains(&"document.missing_person"));
/// # Ok::<(), attesta::Error>(())
/// ```
///
/// # Errors
/// When the input cannot be evaluated (see [`DocumentChecker::check_str`]).
pub fn check_document(json: &str) -> Result<Report> {
    default_checker().check_str(json)
}

/// Checks a document already parsed into a JSON value, with default options.
///
/// # Errors
/// As [`check_document`].
pub fn check_document_value(value: &Value) -> Result<Report> {
    default_checker().check_value(value)
}
