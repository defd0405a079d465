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
use crate::path::Path;
use crate::report::Finding;

use super::record::Parts;

/// What the rules need besides the record.
pub(crate) struct Context<'a> {
    pub(crate) reference_date: Option<Date>,
    pub(crate) frameworks: &'a FrameworkSet,
}

pub(crate) fn check(parts: &Parts<'_>, ctx: &Context<'_>, findings: &mut Vec<Finding>) {
    let ids = ids::check(parts, findings);
    if let Some(person) = &parts.person {
        person::check(person, ctx, findings);
    }
    for item in &parts.experiences {
        if let Some(experience) = &item.decoded {
            experience::check(experience, item.index, ctx, findings);
        }
    }
    for item in &parts.evidence {
        if let Some(evidence) = &item.decoded {
            evidence::check(evidence, item.index, &ids, ctx, findings);
        }
    }
    for item in &parts.claims {
        if let Some(claim) = &item.decoded {
            claim::check(claim, item.index, &ids, ctx, findings);
        }
    }
}

/// Builds a finding from a code, a path and `(name, value)` context pairs.
pub(crate) fn finding<const N: usize>(
    code: Code,
    path: Path,
    context: [(&str, Value); N],
) -> Finding {
    let context: BTreeMap<String, Value> = context
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
    Finding::new(code, path, context)
}

// The helpers below take the path as a closure: almost every value is well formed, and
// building a path allocates, so it is built only when there is something to report.

/// Parses a partial date or records `format.invalid_date`.
pub(crate) fn partial_date(
    text: &str,
    path: impl FnOnce() -> Path,
    findings: &mut Vec<Finding>,
) -> Option<PartialDate> {
    let parsed = PartialDate::parse(text);
    if parsed.is_none() {
        findings.push(finding(Code::InvalidDate, path(), []));
    }
    parsed
}

/// Records `format.invalid_country` unless `code` is ISO 3166-1 alpha-2.
pub(crate) fn country(code: &str, path: impl FnOnce() -> Path, findings: &mut Vec<Finding>) {
    if !crate::formats::country::is_country_code(code) {
        findings.push(finding(Code::InvalidCountry, path(), []));
    }
}

/// Records `format.invalid_language` unless `code` is ISO 639-1.
pub(crate) fn language(code: &str, path: impl FnOnce() -> Path, findings: &mut Vec<Finding>) {
    if !crate::formats::is_language_code(code) {
        findings.push(finding(Code::InvalidLanguage, path(), []));
    }
}
