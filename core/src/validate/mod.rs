//! Validating competence records (reading the input within its limits is
//! [`crate::json`]'s job; this module only validates records).
//!
//! Two tiers, as in jsonschema-rs: [`crate::validate`] for one-off use with the defaults and
//! the built-in frameworks, and a reusable [`Validator`] built from [`ValidationOptions`] for
//! repeated use (thousands of records, a web form on every keystroke).
//!
//! Evaluation runs in three steps: read the input within the limits (a typed
//! [`Error`](crate::Error) when that fails), decode its parts into the model (structural
//! findings), then apply the meaning rules to everything that decoded.
//!
//! **Bounded memory.** A small record that is sound is parsed straight into a borrowed view of
//! the typed record (the fast path: [`crate::model`]'s private views, strings borrowed from the
//! input, ids resolved through one hash map). Anything else takes the bounded path: a first
//! pass over the text keeps no tree (`scan`), a second decodes each part into the same views and
//! checks it, one part at a time (`stream`), and findings are collected up to
//! [`ValidationOptions::max_findings`] (`collect`), so the memory of a validation grows with the
//! ids and the findings kept, not with a tree of the input. Both paths decode into the same
//! views and apply the same rules (one copy of each rule in a build, whichever path).

mod collect;
mod rules;
mod scan;
mod stream;

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::formats::Date;
use crate::framework::FrameworkSet;
use crate::json::{
    check_version_text, exceeds_depth, maps_only, DEFAULT_MAX_DEPTH, DEFAULT_MAX_SIZE,
    PARSER_MAX_DEPTH,
};
use crate::model::{CompetenceRecord, RecordView};
use crate::report::Report;

use collect::Findings;

/// Default size limit of one part of a record (a list item, the person): 1 MiB.
pub const DEFAULT_MAX_ITEM_SIZE: usize = 1024 * 1024;
/// Default number of findings a report lists before the rest are only counted.
pub const DEFAULT_MAX_FINDINGS: usize = 1000;
/// Largest input the fast path parses straight into the typed record. A typed record can take
/// about 15 bytes of memory per input byte (an evidence item of 22 bytes is a struct of about
/// 300), so larger inputs take the bounded path, whose memory grows with the ids and findings.
const FAST_PATH_MAX_SIZE: usize = 2 * 1024 * 1024;

/// Options of a [`Validator`], serializable so bindings accept them as one object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ValidationOptions {
    /// Warnings make the record invalid too.
    pub strict: bool,
    /// Largest input accepted, in bytes.
    pub max_size: usize,
    /// Deepest nesting of arrays and objects accepted (at most 128).
    pub max_depth: usize,
    /// "Today" for the future-date checks, `YYYY-MM-DD`. Without it those checks are skipped:
    /// the library never reads a clock, so results are reproducible.
    pub reference_date: Option<String>,
    /// Most findings a report lists (at least 1): beyond it, the first findings in report
    /// order are kept and a final `report.findings_omitted` finding says how many more there
    /// were. Validity still counts every finding.
    pub max_findings: usize,
    /// Largest part accepted, in bytes: an item of `experiences`, `evidence` or `claims`, or
    /// the `person`. A larger part is not decoded (`structure.item_too_large`): decoding
    /// takes several times a part's size in memory, and no real part comes near 1 MiB.
    pub max_item_size: usize,
}

impl Default for ValidationOptions {
    fn default() -> Self {
        ValidationOptions {
            strict: false,
            max_size: DEFAULT_MAX_SIZE,
            max_depth: DEFAULT_MAX_DEPTH,
            reference_date: None,
            max_findings: DEFAULT_MAX_FINDINGS,
            max_item_size: DEFAULT_MAX_ITEM_SIZE,
        }
    }
}

impl ValidationOptions {
    /// Sets strict mode.
    #[must_use]
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Sets the size limit in bytes.
    #[must_use]
    pub fn max_size(mut self, bytes: usize) -> Self {
        self.max_size = bytes;
        self
    }

    /// Sets the depth limit.
    #[must_use]
    pub fn max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }

    /// Sets the most findings a report lists.
    #[must_use]
    pub fn max_findings(mut self, findings: usize) -> Self {
        self.max_findings = findings;
        self
    }

    /// Sets the largest part (list item, person) that is decoded.
    #[must_use]
    pub fn max_item_size(mut self, bytes: usize) -> Self {
        self.max_item_size = bytes;
        self
    }

    /// Sets the reference date for future-date checks.
    #[must_use]
    pub fn reference_date(mut self, date: Date) -> Self {
        self.reference_date = Some(date.to_string());
        self
    }

    /// Builds a validator over the built-in frameworks.
    ///
    /// # Errors
    /// [`Error::InvalidOptions`] for a depth over 128, a zero limit (size, depth, findings) or a
    /// malformed reference date.
    pub fn build(self) -> Result<Validator> {
        self.build_with(crate::builtin::frameworks())
    }

    /// Builds a validator over the given frameworks.
    ///
    /// # Errors
    /// As [`ValidationOptions::build`].
    pub fn build_with(self, frameworks: Arc<FrameworkSet>) -> Result<Validator> {
        if self.max_depth == 0 || self.max_depth > PARSER_MAX_DEPTH {
            return Err(Error::InvalidOptions(format!(
                "max_depth must be between 1 and {PARSER_MAX_DEPTH}"
            )));
        }
        if self.max_size == 0 {
            return Err(Error::InvalidOptions(
                "max_size must be positive".to_owned(),
            ));
        }
        if self.max_findings == 0 || self.max_item_size == 0 {
            return Err(Error::InvalidOptions(
                "max_findings and max_item_size must be positive".to_owned(),
            ));
        }
        let reference_date = match &self.reference_date {
            Some(text) => Some(Date::parse(text).ok_or_else(|| {
                Error::InvalidOptions("reference_date must be YYYY-MM-DD".to_owned())
            })?),
            None => None,
        };
        Ok(Validator {
            options: self,
            reference_date,
            frameworks,
        })
    }
}

/// A reusable validator: options checked once, frameworks shared.
#[derive(Debug, Clone)]
pub struct Validator {
    options: ValidationOptions,
    reference_date: Option<Date>,
    frameworks: Arc<FrameworkSet>,
}

impl Validator {
    /// The frameworks claims are checked against.
    pub fn frameworks(&self) -> &FrameworkSet {
        &self.frameworks
    }

    /// The options.
    pub fn options(&self) -> &ValidationOptions {
        &self.options
    }

    /// Validates a record given as JSON text.
    ///
    /// # Errors
    /// When the input cannot be evaluated: malformed JSON (with line and column), not an
    /// object, over the size or depth limit, or an unsupported `schema_version`.
    pub fn validate_str(&self, json: &str) -> Result<Report> {
        self.validate_slice(json.as_bytes())
    }

    /// Validates a record given as JSON text and returns the report only when it is valid.
    ///
    /// # Errors
    /// [`Error::InvalidRecord`](crate::Error::InvalidRecord) carrying the report when the record
    /// is invalid; otherwise as [`Validator::validate_str`].
    pub fn check_str(&self, json: &str) -> Result<Report> {
        self.check_slice(json.as_bytes())
    }

    /// [`Validator::check_str`] for JSON bytes (UTF-8).
    ///
    /// # Errors
    /// As [`Validator::check_str`].
    pub fn check_slice(&self, bytes: &[u8]) -> Result<Report> {
        let report = self.validate_slice(bytes)?;
        if report.valid {
            Ok(report)
        } else {
            Err(crate::Error::InvalidRecord(Box::new(report)))
        }
    }

    /// Validates a record given as JSON bytes (UTF-8).
    ///
    /// # Errors
    /// As [`Validator::validate_str`].
    pub fn validate_slice(&self, bytes: &[u8]) -> Result<Report> {
        // Fast path: most records are small and structurally sound, and then parsing straight
        // into the typed record is the whole structural check (serde refuses unknown, repeated
        // and missing fields and wrong types as the bounded path does), with no intermediate
        // tree. Any failure falls through to the bounded path, which collects every finding
        // with its path, or the precise "cannot evaluate" error.
        if bytes.len() <= self.options.max_size.min(FAST_PATH_MAX_SIZE)
            // Every part of a record within the item limit is the bounded path's answer too.
            && bytes.len() <= self.options.max_item_size
            // A typed record nests 4 levels at most; only an unusually low limit needs the scan.
            && (self.options.max_depth >= DEFAULT_MAX_DEPTH
                || !exceeds_depth(bytes, self.options.max_depth))
        {
            if let Some(record) = record_view(bytes) {
                check_version_text(Some(&record.schema_version), "1", "1.x")?;
                return Ok(self.check_view(&record));
            }
        }
        self.bounded(bytes, self.options.max_size)
    }

    /// Validates the record in the file at `path`, read within the size limit
    /// ([`ValidationOptions::max_size`]) by [`crate::io::read_file_limited`]: a larger file is
    /// refused after one `stat`, before a byte is read (feature `fs`).
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be opened or read, [`Error::TooLarge`] over the
    /// limit, and the errors of [`Validator::validate_slice`].
    #[cfg(feature = "fs")]
    pub fn validate_file(&self, path: &std::path::Path) -> Result<Report> {
        let bytes = crate::io::read_file_limited(path, self.options.max_size)?;
        self.validate_slice(&bytes)
    }

    /// The bounded path: limits, the first pass, the version, the ids, the second pass.
    fn bounded(&self, bytes: &[u8], max_size: usize) -> Result<Report> {
        if bytes.len() > max_size {
            return Err(Error::TooLarge {
                size: bytes.len(),
                limit: max_size,
            });
        }
        if exceeds_depth(bytes, self.options.max_depth) {
            return Err(Error::TooDeep {
                limit: self.options.max_depth,
            });
        }
        let mut findings = Findings::new(self.options.max_findings);
        let scanned = scan::scan(bytes, &mut findings)?;
        if scanned.root_type != "object" {
            return Err(Error::WrongTopLevelType {
                expected: "object",
                found: scanned.root_type,
            });
        }
        check_version_text(scanned.schema_version.as_deref(), "1", "1.x")?;
        let mut ids = scanned.ids;
        ids.check(&mut findings);
        stream::evaluate(
            bytes,
            &scanned.occurrences,
            self.options.max_item_size,
            &ids,
            &self.context(),
            &mut findings,
        )?;
        Ok(findings.into_report(self.options.strict))
    }

    /// Validates a record already parsed into a JSON value. The value is written out as text
    /// and validated as [`Validator::validate_slice`] does, without the size limit (the value
    /// is already in memory); the depth limit applies.
    ///
    /// # Errors
    /// When `value` is not an object, nests deeper than the limit, or its `schema_version` is
    /// unsupported.
    pub fn validate_value(&self, value: &Value) -> Result<Report> {
        let bytes = serde_json::to_vec(value).map_err(|e| Error::from_json(&e))?;
        self.bounded(&bytes, usize::MAX)
    }

    /// Validates a typed record (structure is then already right; the meaning rules run).
    pub fn validate_record(&self, record: &CompetenceRecord) -> Report {
        self.check_view(&RecordView::from(record))
    }

    /// The meaning rules over a whole record.
    fn check_view(&self, record: &RecordView<'_>) -> Report {
        let mut findings = Findings::new(self.options.max_findings);
        rules::check(record, &self.context(), &mut findings);
        findings.into_report(self.options.strict)
    }

    fn context(&self) -> rules::Context<'_> {
        rules::Context {
            reference_date: self.reference_date,
            frameworks: &self.frameworks,
        }
    }
}

/// The fast path's decoding: `serde_json::from_str` into the borrowed view of the record (see
/// [`RecordView`]: it accepts exactly what the typed record accepts, without copying strings),
/// with structs from JSON objects only (see [`maps_only`]), and nothing but white space after
/// the record.
///
/// The text is checked as UTF-8 once, up front: a `&str` reader then skips the check `serde_json`
/// otherwise makes on every string it meets. Bytes that are not UTF-8 fail here and go to the
/// bounded path, which reports them with their position.
fn record_view(bytes: &[u8]) -> Option<RecordView<'_>> {
    use serde::Deserialize;
    let text = std::str::from_utf8(bytes).ok()?;
    let mut de = serde_json::Deserializer::from_str(text);
    let record = RecordView::deserialize(maps_only(&mut de)).ok()?;
    de.end().ok()?;
    Some(record)
}
