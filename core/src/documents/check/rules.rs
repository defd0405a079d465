//! The art. 6 rules on the document as a whole: strength, person, bodies, issue data.
//!
//! Legal requirements are errors; what DOMAIN.md marks as recommended practice [B] is a
//! `document.recommended_missing` info. The rules for competences and experiences are in
//! [`super::competences`].

use std::collections::HashMap;

use serde_json::json;

use super::parts::{Field, Parts};
use super::Context;
use crate::codes::Code;
use crate::documents::{DocumentEnteTitolato, DocumentPerson, DocumentType};
use crate::formats::{Date, PartialDate};
use crate::path::Path;
use crate::report::Finding;

pub(super) use crate::report::finding;

/// Whether the document is a public act (validazione, certificato) rather than the parte-prima
/// Documento di trasparenza: the art. 6 D.Lgs. 13/2013 list binds only the former.
pub(super) fn is_public_act(doc_type: DocumentType) -> bool {
    doc_type != DocumentType::DocumentoTrasparenza
}

pub(super) fn check(parts: &Parts, ctx: &Context<'_>, findings: &mut Vec<Finding>) {
    let root = Path::root();
    let public = is_public_act(parts.doc_type);
    strength(parts, findings);
    match &parts.id {
        Field::Absent => findings.push(missing_issue(&root, "id")),
        Field::Present(id) if id.trim().is_empty() => findings.push(missing_issue(&root, "id")),
        _ => {}
    }
    match &parts.person {
        Field::Absent => findings.push(finding(
            Code::DocumentMissingPerson,
            root.join("person"),
            [],
        )),
        Field::Present(person) => check_person(person, &root.join("person"), ctx, findings),
        Field::Invalid => {}
    }
    if parts.ente_titolare.is_absent() {
        findings.push(required_or_recommended(
            public,
            Code::DocumentMissingEnteTitolare,
            &root,
            "ente_titolare",
        ));
    }
    match &parts.ente_titolato {
        Field::Absent => findings.push(required_or_recommended(
            public,
            Code::DocumentMissingEnteTitolato,
            &root,
            "ente_titolato",
        )),
        Field::Present(titolato) => check_titolato(titolato, public, findings),
        Field::Invalid => {}
    }
    for (field, value) in [
        ("issue_date", &parts.issue_date),
        ("issue_place", &parts.issue_place),
    ] {
        match value {
            Field::Absent => findings.push(if public {
                missing_issue(&root, field)
            } else {
                recommended(&root, field)
            }),
            Field::Present(text) if text.trim().is_empty() => {
                findings.push(missing_issue(&root, field));
            }
            Field::Present(text) if field == "issue_date" && Date::parse(text).is_none() => {
                findings.push(finding(Code::InvalidDate, root.join(field), []));
            }
            _ => {}
        }
    }
    if public && parts.signatory.is_absent() {
        findings.push(finding(
            Code::DocumentMissingSignatory,
            root.join("signatory"),
            [],
        ));
    }
    match parts.doc_type {
        DocumentType::DocumentoTrasparenza => {
            let has_f1 = parts.operators.iter().any(|(_, o)| {
                o.functions.is_empty() || o.functions.contains(&crate::documents::Role::F1)
            });
            if !has_f1 {
                findings.push(recommended(&root, "operators"));
            }
            if parts.evidence.is_absent() {
                findings.push(recommended(&root, "evidence"));
            }
        }
        DocumentType::Certificato if parts.board.is_absent() => {
            findings.push(recommended(&root, "board"));
        }
        _ => {}
    }
    if let Field::Present(board) = &parts.board {
        if board
            .date
            .as_deref()
            .is_some_and(|d| Date::parse(d).is_none())
        {
            findings.push(finding(
                Code::InvalidDate,
                root.join("board").join("date"),
                [],
            ));
        }
    }
    duplicate_ids(parts, findings);
}

fn strength(parts: &Parts, findings: &mut Vec<Finding>) {
    let required = parts.doc_type.minimum_strength();
    let at = Path::root().join("strength");
    match &parts.strength {
        Field::Absent => findings.push(finding(
            Code::DocumentMissingStrength,
            at,
            [("required", json!(required.as_str()))],
        )),
        Field::Present(found) if *found < required => findings.push(finding(
            Code::DocumentStrengthTooLow,
            at,
            [
                ("document_type", json!(parts.doc_type.as_str())),
                ("required", json!(required.as_str())),
                ("found", json!(found.as_str())),
            ],
        )),
        Field::Present(found)
            if parts.doc_type == DocumentType::DocumentoTrasparenza && *found > required =>
        {
            findings.push(finding(
                Code::DocumentStrengthTooHigh,
                at,
                [
                    ("document_type", json!(parts.doc_type.as_str())),
                    ("required", json!(required.as_str())),
                    ("found", json!(found.as_str())),
                ],
            ));
        }
        _ => {}
    }
}

fn check_person(
    person: &DocumentPerson,
    at: &Path,
    ctx: &Context<'_>,
    findings: &mut Vec<Finding>,
) {
    let Some(personal) = &person.personal else {
        findings.push(finding(
            Code::DocumentMissingPersonalData,
            at.join("personal"),
            [("field", json!("personal"))],
        ));
        return;
    };
    let at = at.join("personal");
    for (field, value) in [
        ("family_name", &personal.family_name),
        ("given_name", &personal.given_name),
        ("birth_date", &personal.birth_date),
    ] {
        if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
            findings.push(finding(
                Code::DocumentMissingPersonalData,
                at.join(field),
                [("field", json!(field))],
            ));
        }
    }
    if let Some(birth) = &personal.birth_date {
        match PartialDate::parse(birth) {
            None => findings.push(finding(Code::InvalidDate, at.join("birth_date"), [])),
            Some(date) => {
                if let Some(today) = ctx.reference_date.filter(|t| date.earliest() > *t) {
                    findings.push(finding(
                        Code::BirthDateInFuture,
                        at.join("birth_date"),
                        [("reference_date", json!(today.to_string()))],
                    ));
                }
            }
        }
    }
    if personal
        .fiscal_code
        .as_deref()
        .is_some_and(|c| !crate::formats::fiscal_code::is_fiscal_code(c))
    {
        findings.push(finding(Code::InvalidFiscalCode, at.join("fiscal_code"), []));
    }
    if personal
        .nationality
        .as_deref()
        .is_some_and(|c| !crate::formats::country::is_country_code(c))
    {
        findings.push(finding(Code::InvalidCountry, at.join("nationality"), []));
    }
}

fn check_titolato(titolato: &DocumentEnteTitolato, public: bool, findings: &mut Vec<Finding>) {
    let at = Path::root().join("ente_titolato").join("authorisation");
    match &titolato.authorisation {
        None if public => findings.push(finding(Code::DocumentMissingAuthorisation, at, [])),
        None => findings.push(finding(
            Code::DocumentRecommendedMissing,
            at,
            [("field", json!("ente_titolato.authorisation"))],
        )),
        Some(auth) => {
            if auth.reference.trim().is_empty() {
                findings.push(finding(
                    Code::DocumentMissingAuthorisation,
                    at.join("reference"),
                    [],
                ));
            }
            if auth
                .date
                .as_deref()
                .is_some_and(|d| Date::parse(d).is_none())
            {
                findings.push(finding(Code::InvalidDate, at.join("date"), []));
            }
        }
    }
}

fn duplicate_ids(parts: &Parts, findings: &mut Vec<Finding>) {
    for (list, ids) in [
        ("competences", &parts.competence_ids),
        ("experiences", &parts.experience_ids),
        ("operators", &parts.operator_ids),
    ] {
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (i, id) in ids {
            let i = *i;
            if let Some(&earlier) = first.get(id.as_str()) {
                findings.push(finding(
                    Code::DuplicateId,
                    Path::root().join(list).join(i).join("id"),
                    [
                        ("id", json!(id)),
                        (
                            "first",
                            json!(Path::root().join(list).join(earlier).to_pointer()),
                        ),
                    ],
                ));
            } else {
                first.insert(id, i);
            }
        }
    }
}

fn missing_issue(at: &Path, field: &str) -> Finding {
    finding(
        Code::DocumentMissingIssueData,
        at.join(field),
        [("field", json!(field))],
    )
}

pub(super) fn recommended(at: &Path, field: &str) -> Finding {
    finding(
        Code::DocumentRecommendedMissing,
        at.join(field),
        [("field", json!(field))],
    )
}

fn required_or_recommended(public: bool, code: Code, at: &Path, field: &str) -> Finding {
    if public {
        finding(code, at.join(field), [])
    } else {
        recommended(at, field)
    }
}
