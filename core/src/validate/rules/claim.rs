//! Rules on claims: references resolve, codes have their scheme's shape, repertoire nodes exist.

use serde_json::json;

use crate::codes::Code;
use crate::model::{
    split_repertoire, ClaimView, ReferenceView, Scheme, SelfAssessment, NATIONAL_SCHEMES,
};
use crate::path::Path;
use crate::validate::collect::Findings;

use super::ids::{IdIndex, List};
use super::{finding, Context};

pub(crate) fn check(
    claim: &ClaimView<'_>,
    index: usize,
    ids: &dyn IdIndex,
    ctx: &Context<'_>,
    findings: &mut Findings,
) {
    let base = || Path::root().child("claims").child(index);
    for (list, targets, target, noun) in [
        (
            "experiences",
            &claim.experiences,
            List::Experiences,
            "experience",
        ),
        ("evidence", &claim.evidence, List::Evidence, "evidence item"),
    ] {
        for (i, id) in targets.iter().enumerate() {
            if !ids.contains(target, id) {
                findings.push(finding(
                    Code::ClaimUnknownReference,
                    base().child(list).child(i),
                    [("target", json!(noun)), ("id", json!(**id))],
                ));
            }
        }
    }
    if claim.experiences.is_empty() && claim.evidence.is_empty() {
        findings.push(finding(Code::ClaimUnsupported, base(), []));
    }
    if claim.self_assessment == SelfAssessment::No {
        findings.push(finding(
            Code::ClaimSelfAssessedNo,
            base().child("self_assessment"),
            [],
        ));
    }
    check_reference(&claim.target, || base().child("target"), ctx, findings);
}

/// Checks a framework reference: known scheme, code shape, alias, and for repertoire schemes
/// that the framework is loaded and has the node. `at` builds the reference's path, only
/// when there is something to report (building a path allocates).
pub(crate) fn check_reference(
    reference: &ReferenceView<'_>,
    at: impl Fn() -> Path,
    ctx: &Context<'_>,
    findings: &mut Findings,
) {
    // A repertoire scheme is parsed in place (its framework id borrowed); the national ones
    // have no id to copy.
    let repertoire = split_repertoire(&reference.scheme);
    let parsed = match repertoire {
        Some((_, kind)) => Some(Scheme::Repertoire {
            framework: String::new(),
            kind,
        }),
        None => Scheme::parse(&reference.scheme),
    };
    let Some(scheme) = parsed else {
        findings.push(finding(
            Code::UnknownScheme,
            at().child("scheme"),
            [
                ("scheme", json!(*reference.scheme)),
                ("expected", json!(expected_schemes(ctx))),
            ],
        ));
        return;
    };
    let (well_formed, shape) = scheme.check_code(&reference.code);
    if !well_formed {
        findings.push(finding(
            Code::InvalidCode,
            at().child("code"),
            [
                ("scheme", json!(*reference.scheme)),
                ("expected", json!(shape)),
            ],
        ));
        return;
    }
    if let Some(current) = ctx
        .frameworks
        .current_code(&reference.scheme, &reference.code)
    {
        findings.push(finding(
            Code::AliasCode,
            at().child("code"),
            [
                ("code", json!(*reference.code)),
                ("current", json!(current)),
            ],
        ));
    }
    let Some((framework, kind)) = repertoire else {
        return;
    };
    let Some(loaded) = ctx.frameworks.framework(framework) else {
        findings.push(finding(
            Code::UnknownFramework,
            at().child("scheme"),
            [("scheme", json!(*reference.scheme))],
        ));
        return;
    };
    if ctx
        .frameworks
        .node(framework, kind, &reference.code)
        .is_none()
    {
        findings.push(finding(
            Code::UnknownFrameworkNode,
            at().child("code"),
            [
                ("framework", json!(framework)),
                ("kind", json!(kind.as_str())),
                ("code", json!(*reference.code)),
            ],
        ));
    }
    // A claim citing the published version of a framework an overlay extends is not a mismatch.
    if let Some(claimed) = reference
        .version
        .as_deref()
        .filter(|v| *v != loaded.version && *v != loaded.base_version())
    {
        findings.push(finding(
            Code::FrameworkVersionMismatch,
            at().child("version"),
            [
                ("claimed", json!(claimed)),
                ("loaded", json!(loaded.version)),
            ],
        ));
    }
}

fn expected_schemes(ctx: &Context<'_>) -> Vec<String> {
    let mut names: Vec<String> = ctx
        .frameworks
        .frameworks()
        .iter()
        .flat_map(|f| {
            ["qualification", "unit", "capacita", "conoscenza"].map(|k| format!("{}.{k}", f.id))
        })
        .collect();
    names.extend(NATIONAL_SCHEMES.iter().map(|s| (*s).to_owned()));
    names
}
