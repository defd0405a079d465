//! Rules on the person: formats of personal data (never quoted), languages.

use std::collections::HashSet;

use serde_json::json;

use crate::codes::Code;
use crate::formats::fiscal_code::is_fiscal_code;
use crate::model::PersonView;
use crate::path::Path;
use crate::validate::collect::Findings;

use super::{country, finding, language, partial_date, Context};

pub(crate) fn check(person: &PersonView<'_>, ctx: &Context<'_>, findings: &mut Findings) {
    // Paths are built only for a finding (building one allocates).
    let base = || Path::root().child("person");
    if let Some(personal) = &person.personal {
        let at = || base().child("personal");
        if let Some(birth) = &personal.birth_date {
            let path = || at().child("birth_date");
            if let (Some(date), Some(today)) =
                (partial_date(birth, path, findings), ctx.reference_date)
            {
                if date.earliest() > today {
                    findings.push(finding(
                        Code::BirthDateInFuture,
                        path(),
                        [("reference_date", json!(today.to_string()))],
                    ));
                }
            }
        }
        if let Some(code) = &personal.fiscal_code {
            if !is_fiscal_code(code) {
                findings.push(finding(
                    Code::InvalidFiscalCode,
                    at().child("fiscal_code"),
                    [],
                ));
            }
        }
        if let Some(nationality) = &personal.nationality {
            country(nationality, || at().child("nationality"), findings);
        }
    }
    let mut seen = HashSet::new();
    for (i, tongue) in person.mother_tongues.iter().enumerate() {
        let path = || base().child("mother_tongues").child(i);
        language(tongue, path, findings);
        if !seen.insert(&**tongue) {
            findings.push(finding(
                Code::DuplicateLanguage,
                path(),
                [("language", json!(**tongue))],
            ));
        }
    }
    for (i, skill) in person.languages.iter().enumerate() {
        let path = || base().child("languages").child(i);
        language(&skill.language, || path().child("language"), findings);
        if !seen.insert(&*skill.language) {
            findings.push(finding(
                Code::DuplicateLanguage,
                path().child("language"),
                [("language", json!(*skill.language))],
            ));
        }
        if !skill.has_level() {
            findings.push(finding(
                Code::LanguageWithoutLevel,
                path(),
                [("language", json!(*skill.language))],
            ));
        }
    }
}
