//! Rules on evidence: dates, places, languages, file references and links.

use serde_json::json;

use crate::codes::Code;
use crate::formats::{is_media_type, is_sha256_hex};
use crate::model::EvidenceView;
use crate::path::Path;
use crate::validate::collect::Findings;

use super::ids::{IdIndex, List};
use super::{country, finding, language, partial_date, Context};

pub(crate) fn check(
    evidence: &EvidenceView<'_>,
    index: usize,
    ids: &dyn IdIndex,
    ctx: &Context<'_>,
    findings: &mut Findings,
) {
    let base = || Path::root().child("evidence").child(index);
    if let Some(text) = &evidence.issue_date {
        let path = || base().child("issue_date");
        if let (Some(date), Some(today)) = (partial_date(text, path, findings), ctx.reference_date)
        {
            if date.earliest() > today {
                findings.push(finding(
                    Code::EvidenceInFuture,
                    path(),
                    [
                        ("date", json!(date.to_string())),
                        ("reference_date", json!(today.to_string())),
                    ],
                ));
            }
        }
    }
    if let Some(code) = &evidence.country {
        country(code, || base().child("country"), findings);
    }
    if let Some(code) = &evidence.language {
        language(code, || base().child("language"), findings);
    }
    if let Some(file) = &evidence.file {
        if !is_sha256_hex(&file.sha256) {
            findings.push(finding(
                Code::InvalidHash,
                base().child("file").child("sha256"),
                [],
            ));
        }
        if !is_media_type(&file.media_type) {
            findings.push(finding(
                Code::InvalidMediaType,
                base().child("file").child("media_type"),
                [],
            ));
        }
    }
    if evidence.self_issued && evidence.issuer.is_some() {
        findings.push(finding(
            Code::SelfIssuedWithIssuer,
            base().child("issuer"),
            [],
        ));
    }
    for (list, targets, target) in [
        ("experiences", &evidence.experiences, List::Experiences),
        ("claims", &evidence.claims, List::Claims),
    ] {
        for (i, id) in targets.iter().enumerate() {
            if !ids.contains(target, id) {
                let noun = if list == "claims" {
                    "claim"
                } else {
                    "experience"
                };
                findings.push(finding(
                    Code::EvidenceUnknownReference,
                    base().child(list).child(i),
                    [("target", json!(noun)), ("id", json!(**id))],
                ));
            }
        }
    }
    if evidence.experiences.is_empty() && evidence.claims.is_empty() {
        findings.push(finding(Code::EvidenceNotLinked, base(), []));
    }
}
