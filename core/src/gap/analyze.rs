//! The gap computation.

use std::collections::{BTreeSet, HashSet};

use super::{GapInput, GapReport, GapSummary, ToCover, UnitGap, UnitStatus};
use crate::error::{Error, Result};
use crate::framework::{FrameworkSet, Item, NodeRef, Unit};
use crate::l10n::FRAMEWORK_LANGUAGE;
use crate::model::{CompetenceClaim, FrameworkRef, NodeKind, SelfAssessment};

/// Compares a person's claims and validated UCs with a target qualification.
///
/// # Errors
/// [`Error::UnknownFramework`] when the target's framework is not loaded;
/// [`Error::InvalidOptions`] when the target is not a qualification of it.
pub fn analyze_gap(set: &FrameworkSet, input: &GapInput) -> Result<GapReport> {
    let target = &input.target;
    let Some(NodeRef::Qualification(framework, qualification)) = set.resolve(target) else {
        let framework = target.scheme.split('.').next().unwrap_or_default();
        if set.framework(framework).is_none() {
            return Err(Error::UnknownFramework(framework.to_owned()));
        }
        return Err(Error::InvalidOptions(format!(
            "gap target {target} is not a qualification of a loaded framework"
        )));
    };
    let scheme = |kind: NodeKind| format!("{}.{}", framework.id, kind.as_str());
    let unit_scheme = scheme(NodeKind::Unit);
    let validated: HashSet<&str> = input
        .validated
        .iter()
        .filter(|r| r.scheme == unit_scheme)
        .map(|r| r.code.as_str())
        .collect();
    let mut used_claims: HashSet<&str> = HashSet::new();
    let mut units = Vec::with_capacity(qualification.units.len());
    for code in &qualification.units {
        let Some(NodeRef::Unit(_, unit)) = set.node(&framework.id, NodeKind::Unit, code) else {
            // FrameworkSet::insert refuses a qualification listing an unknown UC.
            continue;
        };
        let gap = unit_gap(&framework.id, unit, &validated, &input.claims);
        used_claims.extend(
            input
                .claims
                .iter()
                .filter(|c| gap.claims.contains(&c.id))
                .map(|c| c.id.as_str()),
        );
        units.push(gap);
    }
    let in_target: HashSet<&str> = qualification.units.iter().map(String::as_str).collect();
    let mut summary = GapSummary {
        units: units.len(),
        ..GapSummary::default()
    };
    for u in &units {
        match u.status {
            UnitStatus::Validated => summary.validated += 1,
            UnitStatus::Claimed => summary.claimed += 1,
            UnitStatus::PartiallyClaimed => summary.partially_claimed += 1,
            UnitStatus::Missing => summary.missing += 1,
        }
    }
    Ok(GapReport {
        target: target.clone(),
        title: qualification.title.clone(),
        title_lang: FRAMEWORK_LANGUAGE.to_owned(),
        locale: input.locale.clone(),
        eqf_level: qualification.eqf_level,
        units,
        summary,
        other_claims: input
            .claims
            .iter()
            .filter(|c| !used_claims.contains(c.id.as_str()))
            .map(|c| c.id.clone())
            .collect(),
        other_validated: input
            .validated
            .iter()
            .filter(|r| r.scheme != unit_scheme || !in_target.contains(r.code.as_str()))
            .cloned()
            .collect(),
        esco_occupations: Vec::new(),
    })
}

fn unit_gap(
    framework: &str,
    unit: &Unit,
    validated: &HashSet<&str>,
    claims: &[CompetenceClaim],
) -> UnitGap {
    let unit_ref = FrameworkRef::new(format!("{framework}.unit"), &unit.code);
    let cap_scheme = format!("{framework}.capacita");
    let con_scheme = format!("{framework}.conoscenza");
    let counts = |c: &&CompetenceClaim| c.self_assessment != SelfAssessment::No;
    let on_unit: Vec<&CompetenceClaim> = claims
        .iter()
        .filter(counts)
        .filter(|c| c.target.scheme == unit_ref.scheme && c.target.code == unit.code)
        .collect();
    let on_item = |scheme: &str, items: &[Item]| -> Vec<&CompetenceClaim> {
        claims
            .iter()
            .filter(counts)
            .filter(|c| c.target.scheme == scheme && items.iter().any(|i| i.code == c.target.code))
            .collect()
    };
    let on_capacita = on_item(&cap_scheme, &unit.capacita);
    let on_conoscenze = on_item(&con_scheme, &unit.conoscenze);
    let all: Vec<&CompetenceClaim> = on_unit
        .iter()
        .chain(&on_capacita)
        .chain(&on_conoscenze)
        .copied()
        .collect();
    // Items held fully: a `yes` claim on the item.
    let held = |list: &[&CompetenceClaim]| -> BTreeSet<String> {
        list.iter()
            .filter(|c| c.self_assessment == SelfAssessment::Yes)
            .map(|c| c.target.code.clone())
            .collect()
    };
    let (held_cap, held_con) = (held(&on_capacita), held(&on_conoscenze));
    let item_count = unit.capacita.len() + unit.conoscenze.len();
    let all_items_held = item_count > 0 && held_cap.len() + held_con.len() == item_count;
    let status = if validated.contains(unit.code.as_str()) {
        UnitStatus::Validated
    } else if on_unit
        .iter()
        .any(|c| c.self_assessment == SelfAssessment::Yes)
        || all_items_held
    {
        UnitStatus::Claimed
    } else if all.is_empty() {
        UnitStatus::Missing
    } else {
        UnitStatus::PartiallyClaimed
    };
    let to_cover =
        matches!(status, UnitStatus::Missing | UnitStatus::PartiallyClaimed).then(|| ToCover {
            capacita: unit
                .capacita
                .iter()
                .filter(|i| !held_cap.contains(&i.code))
                .cloned()
                .collect(),
            conoscenze: unit
                .conoscenze
                .iter()
                .filter(|i| !held_con.contains(&i.code))
                .cloned()
                .collect(),
        });
    UnitGap {
        title: unit.title.clone(),
        title_lang: FRAMEWORK_LANGUAGE.to_owned(),
        unit: unit_ref,
        status,
        has_evidence: all.iter().any(|c| !c.evidence.is_empty()),
        claims: all.iter().map(|c| c.id.clone()).collect(),
        to_cover,
    }
}
