//! Rules on experiences: periods in order and not in the future, places, context vs kind.

use serde_json::json;

use crate::codes::Code;
use crate::model::{ExperienceKind, ExperienceView, LearningContext, Text};
use crate::path::Path;
use crate::validate::collect::Findings;

use super::{country, finding, partial_date, Context};

pub(crate) fn check(
    experience: &ExperienceView<'_>,
    index: usize,
    ctx: &Context<'_>,
    findings: &mut Findings,
) {
    let base = || Path::root().child("experiences").child(index);
    let period = || base().child("period");
    let start = partial_date(
        &experience.period.start,
        || period().child("start"),
        findings,
    );
    let end = experience
        .period
        .end
        .as_ref()
        .and_then(|end| partial_date(end, || period().child("end"), findings));
    if let (Some(start), Some(end)) = (start, end) {
        // Compare whole ranges: "2019" … "2019-03" is fine, "2020" … "2019-12" is not.
        if end.latest() < start.earliest() {
            findings.push(finding(
                Code::EndBeforeStart,
                period().child("end"),
                [
                    ("start", json!(start.to_string())),
                    ("end", json!(end.to_string())),
                ],
            ));
        }
    }
    if let Some(today) = ctx.reference_date {
        for (field, date) in [("start", start), ("end", end)] {
            if let Some(date) = date.filter(|d| d.earliest() > today) {
                findings.push(finding(
                    Code::ExperienceInFuture,
                    period().child(field),
                    [
                        ("date", json!(date.to_string())),
                        ("reference_date", json!(today.to_string())),
                    ],
                ));
            }
        }
    }
    if let Some(code) = &experience.country {
        country(code, || base().child("country"), findings);
    }
    if let Some(hours) = experience.hours_per_week.filter(|h| *h > 168) {
        findings.push(finding(
            Code::InvalidValue,
            base().child("hours_per_week"),
            [(
                "expected",
                json!(format!("at most 168 hours in a week, not {hours}")),
            )],
        ));
    }
    if mismatched(experience.context, experience.kind) {
        findings.push(finding(
            Code::ContextKindMismatch,
            base().child("context"),
            [
                ("kind", json!(experience.kind.as_str())),
                ("context", json!(experience.context.as_str())),
            ],
        ));
    }
    if experience
        .role
        .as_deref()
        .is_none_or(|r| r.trim().is_empty())
        && !experience.tasks.described
    {
        findings.push(finding(Code::NoDescription, base(), []));
    }
    if experience.context == LearningContext::Formale {
        course_data(experience, &base(), findings);
    }
}

/// The data of a formal course the documents print (art. 6 D.Lgs. 13/2013): its name, and the
/// institution where it was attended or the body that awarded the title. A warning here, so a
/// record can be built up step by step; issuing a document with it missing is refused.
fn course_data(experience: &ExperienceView<'_>, at: &Path, findings: &mut Findings) {
    let blank = |v: &Option<Text<'_>>| v.as_deref().is_none_or(|v| v.trim().is_empty());
    if blank(&experience.course) {
        // The finding sits on the experience (the missing field has no path of its own to
        // point at); the context names the field.
        findings.push(finding(
            Code::MissingCourseData,
            at.clone(),
            [("field", json!("course"))],
        ));
    }
    if blank(&experience.organisation) && blank(&experience.awarding_body) {
        findings.push(finding(
            Code::MissingCourseData,
            at.clone(),
            [("field", json!("awarding_body"))],
        ));
    }
}

/// Formal learning happens in education and training; education that leads to a title is
/// formal; and what is learned in courses is not informal (D.Lgs. 13/2013 art. 2).
fn mismatched(context: LearningContext, kind: ExperienceKind) -> bool {
    use ExperienceKind as K;
    use LearningContext as C;
    matches!(
        (context, kind),
        (C::Formale, K::Work | K::Volunteering | K::Life)
            | (C::NonFormale, K::Education)
            | (C::Informale, K::Education | K::Training)
    )
}
