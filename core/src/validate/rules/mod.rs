//! The meaning rules: what must hold of a structurally sound record.
//!
//! One module per part of the record. Every rule pushes findings; none stops the others.

mod claim;
mod evidence;
mod experience;
mod ids;
mod person;
mod record_ids;

use crate::codes::Code;
use crate::formats::{Date, PartialDate};
use crate::framework::FrameworkSet;
use crate::model::RecordView;
use crate::path::Path;
pub(crate) use crate::report::finding;

use super::collect::Findings;

pub(crate) use claim::check as check_claim;
pub(crate) use evidence::check as check_evidence;
pub(crate) use experience::check as check_experience;
#[cfg(test)]
pub(crate) use ids::IdIndex;
pub(crate) use ids::{check_top as check_top_ids, Ids, List};
pub(crate) use person::check as check_person;
pub(crate) use record_ids::RecordIds;

/// What the rules need besides the record.
pub(crate) struct Context<'a> {
    pub(crate) reference_date: Option<Date>,
    pub(crate) frameworks: &'a FrameworkSet,
}

/// Applies every rule to a decoded record.
pub(crate) fn check(record: &RecordView<'_>, ctx: &Context<'_>, findings: &mut Findings) {
    let ids = RecordIds::check(record, findings);
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
