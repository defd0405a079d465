//! The meaning rules: what must hold of a structurally sound record.
//!
//! One module per part of the record. Every rule pushes findings; none stops the others.

mod claim;
mod evidence;
mod experience;
mod ids;
mod person;

use std::collections::BTreeMap;

use serde_json::Value;

use crate::codes::Code;
use crate::formats::{Date, PartialDate};
use crate::framework::FrameworkSet;
use crate::model::CompetenceRecord;
use crate::path::Path;
use crate::report::Finding;
use crate::text::{truncate, ECHO_MAX_CHARS};

use super::collect::Findings;

pub(crate) use claim::check as check_claim;
pub(crate) use evidence::check as check_evidence;
pub(crate) use experience::check as check_experience;
pub(crate) use ids::{check_top as check_top_ids, Ids, List};
pub(crate) use person::check as check_person;

/// What the rules need besides the record.
pub(crate) struct Context<'a> {
    pub(crate) reference_date: Option<Date>,
    pub(crate) frameworks: &'a FrameworkSet,
}

/// Applies every rule to a typed record.
pub(crate) fn check(record: &CompetenceRecord, ctx: &Context<'_>, findings: &mut Findings) {
    let mut ids = Ids::from_record(record);
    ids.check(findings);
    check_top_ids(Some(&record.id), Some(&record.person.id), findings);
    person::check(&record.person, ctx, findings);
    for (index, experience) in record.experiences.iter().enumerate() {
        experience::check(experience, index, ctx, findings);
    }
    for (index, evidence) in record.evidence.iter().enumerate() {
        evidence::check(evidence, index, &ids, ctx, findings);
    }
    for (index, claim) in record.claims.iter().enumerate() {
        claim::check(claim, index, &ids, ctx, findings);
    }
}

/// Builds a finding from a code, a path and `(name, value)` context pairs. Strings in the
/// context are echoed input (ids, codes, keys) or short words of the schema, so they are cut
/// to [`ECHO_MAX_CHARS`]: a finding stays small whatever the input holds.
pub(crate) fn finding<const N: usize>(
    code: Code,
    path: Path,
    context: [(&str, Value); N],
) -> Finding {
    let context: BTreeMap<String, Value> = context
        .into_iter()
        .map(|(k, v)| (k.to_owned(), shorten(v)))
        .collect();
    Finding::new(code, path, context)
}

// The helpers below take the path as a closure: almost every value is well formed, and
// building a path allocates, so it is built only when there is something to report.

/// Parses a partial date or records `format.invalid_date`.
pub(crate) fn partial_date(
    text: &str,
    path: impl FnOnce() -> Path,
    findings: &mut Findings,
) -> Option<PartialDate> {
    let parsed = PartialDate::parse(text);
    if parsed.is_none() {
        findings.push(finding(Code::InvalidDate, path(), []));
    }
    parsed
}

/// Records `format.invalid_country` unless `code` is ISO 3166-1 alpha-2.
pub(crate) fn country(code: &str, path: impl FnOnce() -> Path, findings: &mut Findings) {
    if !crate::formats::country::is_country_code(code) {
        findings.push(finding(Code::InvalidCountry, path(), []));
    }
}

/// Records `format.invalid_language` unless `code` is ISO 639-1.
pub(crate) fn language(code: &str, path: impl FnOnce() -> Path, findings: &mut Findings) {
    if !crate::formats::is_language_code(code) {
        findings.push(finding(Code::InvalidLanguage, path(), []));
    }
}

/// `value` with every string in it (also inside arrays) cut to [`ECHO_MAX_CHARS`].
pub(crate) fn shorten(value: Value) -> Value {
    match value {
        Value::String(text) => match truncate(&text, ECHO_MAX_CHARS) {
            std::borrow::Cow::Borrowed(_) => Value::String(text),
            std::borrow::Cow::Owned(short) => Value::String(short),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(shorten).collect()),
        other => other,
    }
}
