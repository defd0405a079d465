//! Rules on the experiences a document lists: the learning context and, for it, the essential
//! data of the experience (non-formal, informal) or of the course (formal); dates and places.

use std::collections::HashSet;

use serde_json::json;

use super::rules::finding;
use crate::codes::Code;
use crate::documents::DocumentExperience;
use crate::formats::PartialDate;
use crate::model::LearningContext;
use crate::path::Path;
use crate::report::Finding;

/// Checks one experience; `public` says whether the document is a public act, on which the
/// place of the experience is required rather than recommended.
pub(super) fn check_experience(
    e: &DocumentExperience,
    at: &Path,
    public: bool,
    findings: &mut Vec<Finding>,
) {
    let Some(context) = e.context else {
        findings.push(finding(
            Code::DocumentMissingLearningContext,
            at.join("context"),
            [],
        ));
        return;
    };
    let code = if context == LearningContext::Formale {
        Code::DocumentMissingCourseData
    } else {
        Code::DocumentMissingExperienceData
    };
    let mut missing =
        |field: &str| findings.push(finding(code, at.join(field), [("field", json!(field))]));
    if e.period.is_none() {
        missing("period");
    }
    if context == LearningContext::Formale {
        if e.course.as_deref().is_none_or(|t| t.trim().is_empty()) {
            missing("course");
        }
        // The awarding body stands in for the institution when the course was not attended
        // at a named one (a title awarded after an external exam).
        if e.organisation.is_none() && e.awarding_body.is_none() {
            missing("organisation");
        }
    } else if e.organisation.is_none() && e.role.is_none() {
        missing("role");
    }
    // Where the competence was acquired: the town or, at least, the country.
    if blank(e.place.as_deref()) && blank(e.country.as_deref()) {
        if public {
            missing("place");
        } else {
            findings.push(super::rules::recommended(at, "place"));
        }
    }
    if let Some(period) = &e.period {
        let start = PartialDate::parse(&period.start);
        if start.is_none() {
            findings.push(finding(
                Code::InvalidDate,
                at.join("period").join("start"),
                [],
            ));
        }
        if let Some(end_text) = &period.end {
            match PartialDate::parse(end_text) {
                None => findings.push(finding(
                    Code::InvalidDate,
                    at.join("period").join("end"),
                    [],
                )),
                Some(end) => {
                    if start.is_some_and(|s| end.latest() < s.earliest()) {
                        findings.push(finding(
                            Code::EndBeforeStart,
                            at.join("period").join("end"),
                            [("start", json!(period.start)), ("end", json!(end_text))],
                        ));
                    }
                }
            }
        }
    }
    if e.country
        .as_deref()
        .is_some_and(|c| !crate::formats::country::is_country_code(c))
    {
        findings.push(finding(Code::InvalidCountry, at.join("country"), []));
    }
}

fn blank(value: Option<&str>) -> bool {
    value.is_none_or(|v| v.trim().is_empty())
}

pub(super) fn references(
    ids: &[String],
    known: &HashSet<&str>,
    target: &str,
    at: &Path,
    findings: &mut Vec<Finding>,
) {
    for (i, id) in ids.iter().enumerate() {
        if !known.contains(id.as_str()) {
            findings.push(finding(
                Code::DocumentUnknownReference,
                at.join(i),
                [("target", json!(target)), ("id", json!(id))],
            ));
        }
    }
}

pub(super) fn invalid_code(scheme: &str, expected: &str, at: Path) -> Finding {
    finding(
        Code::InvalidCode,
        at,
        [("scheme", json!(scheme)), ("expected", json!(expected))],
    )
}
