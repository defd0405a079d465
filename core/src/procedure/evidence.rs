//! Judging evidence with the rules of evidence (DOMAIN.md §1.7, [B] as a legal source):
//! *pertinenza* (to which UC, capacità or conoscenza of the target), *autenticità*
//! (verified / plausible / doubtful), *attualità* (age against a threshold, relative to the
//! case date, measured from the document's issue date or, as the titolare profile says, from
//! when the experiences it documents ended; an old formal title may stay a warning), language
//! and translation, self-issued evidence and the link to an experience; then *sufficienza*
//! per UC: which items accepted evidence covers and which still need a colloquio tecnico or a
//! prova prestazionale (with the profile's documentary rules: pertinence to the item itself,
//! not only to its UC, and never self-issued evidence alone).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::assessment::AssessmentMethod;
use super::config::{CurrencyFrom, ProcedureConfig};
use super::target::{ItemKind, Target};
use crate::codes::Code;
use crate::formats::{Date, PartialDate};
use crate::model::{
    Authenticity, CompetenceRecord, Evidence, EvidenceKind, LearningContext, TranslationStatus,
};
use crate::report::Finding;
use crate::Path;

/// An operator's judgement of one evidence item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceJudgement {
    /// Id of the evidence item in the case's record.
    pub evidence: String,
    /// Codes of the target's UCs, capacità or conoscenze the item is pertinent to (a UC code
    /// stands for all its items). Empty: pertinent to nothing.
    pub pertinent_to: Vec<String>,
    /// The authenticity found.
    pub authenticity: Authenticity,
    /// Free note (no personal data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Payload of `correct_evidence_judgement`: a new judgement that replaces the current one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JudgementCorrection {
    /// The new judgement.
    pub judgement: EvidenceJudgement,
    /// Why the earlier judgement was wrong.
    pub reason: String,
}

/// A judgement as the case holds it: who made it, when, and in which event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordedJudgement {
    /// The judgement.
    pub judgement: EvidenceJudgement,
    /// Operator who made it.
    pub by: String,
    /// Sequence number of the event.
    pub seq: u64,
    /// Sequence numbers of the judgements it replaced, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<u64>,
}

/// Sufficiency of the accepted evidence for one UC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitSufficiency {
    /// UC code.
    pub unit: String,
    /// Items covered by accepted evidence, with the ids of that evidence.
    pub covered: BTreeMap<String, Vec<String>>,
    /// Items no accepted evidence covers, with the method suggested to assess them directly.
    pub to_assess: BTreeMap<String, AssessmentMethod>,
}

/// Findings on every evidence item of `record`, given the current judgements and the case
/// date. Paths point into the case state (`/record/evidence/N`).
pub fn evidence_findings(
    record: &CompetenceRecord,
    judgements: &BTreeMap<String, RecordedJudgement>,
    case_date: Date,
    config: &ProcedureConfig,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (index, evidence) in record.evidence.iter().enumerate() {
        let path = Path::root().join("record").join("evidence").join(index);
        let mut push = |code: Code, context: BTreeMap<String, Value>| {
            findings.push(Finding::new(code, path.clone(), context));
        };
        let id = || BTreeMap::from([("evidence".to_owned(), json!(evidence.id))]);
        if needs_translation(evidence, config) {
            let mut ctx = id();
            ctx.insert("language".into(), json!(evidence.language));
            push(Code::EvidenceForeignWithoutTranslation, ctx);
        }
        if evidence.self_issued {
            push(Code::EvidenceSelfIssued, id());
        }
        if let Some(years) = age_over_limit(record, evidence, case_date, config) {
            let mut ctx = id();
            ctx.insert("years".into(), json!(years));
            ctx.insert("limit".into(), json!(config.evidence_max_age_years));
            let code = if keeps_counting_when_old(record, evidence, config) {
                Code::EvidenceOldFormalTitle
            } else {
                Code::EvidenceOutdated
            };
            push(code, ctx);
        }
        if evidence.experiences.is_empty() && evidence.claims.is_empty() {
            push(Code::EvidenceNotLinked, BTreeMap::new());
        }
        if let Some(recorded) = judgements.get(&evidence.id) {
            if recorded.judgement.pertinent_to.is_empty() {
                push(Code::EvidenceNotPertinent, id());
            }
            if recorded.judgement.authenticity == Authenticity::Doubtful {
                push(Code::EvidenceDoubtfulAuthenticity, id());
            }
        }
    }
    findings
}

/// Whether a judged evidence item of `record` counts: pertinent to something, authentic
/// (verified, or plausible when the configuration allows), readable (Italian, a configured
/// language or translated) and not outdated (an old formal title still counts where the
/// configuration says formal titles do not expire).
pub fn is_accepted(
    record: &CompetenceRecord,
    evidence: &Evidence,
    judgement: &EvidenceJudgement,
    case_date: Date,
    config: &ProcedureConfig,
) -> bool {
    let authentic = match judgement.authenticity {
        Authenticity::Verified => true,
        Authenticity::Plausible => config.accept_plausible_evidence,
        Authenticity::NotChecked | Authenticity::Doubtful => false,
    };
    authentic
        && !judgement.pertinent_to.is_empty()
        && !needs_translation(evidence, config)
        && (age_over_limit(record, evidence, case_date, config).is_none()
            || keeps_counting_when_old(record, evidence, config))
}

/// Whether `evidence` may support an esame documentale pass of `item` (of UC `unit`): pertinent
/// to the item, or to its whole UC unless the configuration wants item-level pertinence.
pub(crate) fn pertinent_for_documentary(
    judgement: &EvidenceJudgement,
    item: &str,
    unit: &str,
    config: &ProcedureConfig,
) -> bool {
    judgement
        .pertinent_to
        .iter()
        .any(|c| c == item || (c == unit && !config.documentary_needs_item_pertinence))
}

/// A formal title (a diploma, or evidence of a formal-learning experience) that the
/// configuration keeps counting however old it is.
fn keeps_counting_when_old(
    record: &CompetenceRecord,
    evidence: &Evidence,
    config: &ProcedureConfig,
) -> bool {
    let formal = evidence.kind == EvidenceKind::Diploma
        || linked_experiences(record, evidence).any(|e| e.context == LearningContext::Formale);
    formal && !config.formal_titles_expire
}

fn linked_experiences<'a>(
    record: &'a CompetenceRecord,
    evidence: &'a Evidence,
) -> impl Iterator<Item = &'a crate::model::Experience> + 'a {
    record
        .experiences
        .iter()
        .filter(|e| evidence.experiences.contains(&e.id))
}

/// Which items of each UC accepted evidence covers.
pub fn sufficiency(
    target: &Target,
    record: &CompetenceRecord,
    judgements: &BTreeMap<String, RecordedJudgement>,
    case_date: Date,
    config: &ProcedureConfig,
) -> Vec<UnitSufficiency> {
    let mut covered: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    // Items covered only by self-issued evidence, when that alone does not pass.
    let mut self_issued_only: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for evidence in &record.evidence {
        let Some(recorded) = judgements.get(&evidence.id) else {
            continue;
        };
        if !is_accepted(record, evidence, &recorded.judgement, case_date, config) {
            continue;
        }
        let into = if evidence.self_issued && !config.self_issued_alone_passes {
            &mut self_issued_only
        } else {
            &mut covered
        };
        for code in &recorded.judgement.pertinent_to {
            let items: Vec<&str> = match target.unit(code) {
                Some(_) if config.documentary_needs_item_pertinence => Vec::new(),
                Some(unit) => unit.items().map(|(c, _)| c).collect(),
                None => target
                    .item(code)
                    .map(|_| code.as_str())
                    .into_iter()
                    .collect(),
            };
            for item in items {
                let ids = into.entry(item).or_default();
                if !ids.contains(&evidence.id) {
                    ids.push(evidence.id.clone());
                }
            }
        }
    }
    // Self-issued evidence corroborates: it joins items that other evidence covers.
    for (item, ids) in self_issued_only {
        if let Some(list) = covered.get_mut(item) {
            for id in ids {
                if !list.contains(&id) {
                    list.push(id);
                }
            }
        }
    }
    target
        .units
        .iter()
        .map(|unit| {
            let mut out = UnitSufficiency {
                unit: unit.code.clone(),
                covered: BTreeMap::new(),
                to_assess: BTreeMap::new(),
            };
            for (item, kind) in unit.items() {
                if let Some(ids) = covered.get(item) {
                    out.covered.insert(item.to_owned(), ids.clone());
                } else {
                    let method = match kind {
                        ItemKind::Capacita => AssessmentMethod::ProvaPrestazionale,
                        ItemKind::Conoscenza => AssessmentMethod::ColloquioTecnico,
                    };
                    out.to_assess.insert(item.to_owned(), method);
                }
            }
            out
        })
        .collect()
}

fn needs_translation(evidence: &Evidence, config: &ProcedureConfig) -> bool {
    let foreign = evidence.language.as_ref().is_some_and(|lang| {
        !config
            .languages_without_translation
            .iter()
            .any(|l| l == lang)
    });
    foreign
        && matches!(
            evidence.translation,
            TranslationStatus::Missing | TranslationStatus::NotNeeded
        )
}

/// Whole years between the evidence's reference day and the case date, when over the limit.
/// The reference day is the issue date, or with [`CurrencyFrom::ExperienceEnd`] the latest
/// end of the experiences it documents (an ongoing one makes it current; evidence linked to
/// no dated experience falls back to its issue date). A partial date is read generously (its
/// last day), so "2015" is not older than "2015-12".
fn age_over_limit(
    record: &CompetenceRecord,
    evidence: &Evidence,
    case_date: Date,
    config: &ProcedureConfig,
) -> Option<i32> {
    let from_experience = match config.evidence_currency_from {
        CurrencyFrom::IssueDate => None,
        CurrencyFrom::ExperienceEnd => {
            let mut latest: Option<Date> = None;
            for experience in linked_experiences(record, evidence) {
                match &experience.period.end {
                    None => return None,
                    Some(end) => {
                        if let Some(day) = PartialDate::parse(end).map(PartialDate::latest) {
                            latest = Some(latest.map_or(day, |l| l.max(day)));
                        }
                    }
                }
            }
            latest
        }
    };
    let reference = match from_experience {
        Some(day) => day,
        None => PartialDate::parse(evidence.issue_date.as_deref()?)?.latest(),
    };
    let years = reference.years_until(case_date);
    (years >= i32::from(config.evidence_max_age_years)).then_some(years)
}
