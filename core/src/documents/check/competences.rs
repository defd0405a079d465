//! The art. 6 rules on competences and on the experiences they were learned in: repertoire,
//! qualification (name, description, "Livello EQF", ATECO/CP), ADA codes with "ex" aliases,
//! learning context and its essential data, assessment method and outcome.

use std::collections::{BTreeSet, HashMap, HashSet};

use serde_json::json;

use super::experiences::{check_experience, invalid_code, references};
use super::parts::{Field, Parts};
use super::rules::{finding, is_public_act, recommended};
use super::Context;
use crate::codes::Code;
use crate::documents::{
    AssessmentOutcome, AttestedCompetence, DocumentExperience, QualificationInfo,
};
use crate::formats::code_shapes as shapes;
use crate::formats::{Date, PartialDate};
use crate::framework::NodeRef;
use crate::model::{FrameworkRef, LearningContext, NodeKind, Scheme};
use crate::path::Path;
use crate::report::Finding;

pub(super) fn check(parts: &Parts, ctx: &Context<'_>, findings: &mut Vec<Finding>) {
    let experiences: HashMap<&str, &DocumentExperience> = parts
        .experiences
        .iter()
        .map(|(_, e)| (e.id.as_str(), e))
        .collect();
    let experience_ids: HashSet<&str> = parts
        .experience_ids
        .iter()
        .map(|(_, id)| id.as_str())
        .collect();
    for (index, experience) in &parts.experiences {
        check_experience(
            experience,
            &Path::root().join("experiences").join(*index),
            is_public_act(parts.doc_type),
            findings,
        );
    }
    match &parts.competences {
        None => findings.push(finding(
            Code::DocumentMissingCompetences,
            Path::root().join("competences"),
            [],
        )),
        // A Documento di trasparenza serves the person even when nothing matched a UC of the
        // target (e.g. drawn up with a referral): its experiences are then the content.
        Some(list)
            if list.is_empty()
                && parts.competence_ids.is_empty()
                && !is_public_act(parts.doc_type)
                && !parts.experiences.is_empty() =>
        {
            findings.push(recommended(&Path::root(), "competences"));
        }
        Some(list) if list.is_empty() && parts.competence_ids.is_empty() => {
            findings.push(finding(
                Code::DocumentMissingCompetences,
                Path::root().join("competences"),
                [],
            ));
        }
        Some(list) => {
            let mut unloaded = BTreeSet::new();
            for (index, competence) in list {
                let at = Path::root().join("competences").join(*index);
                let c = Competence {
                    item: competence,
                    at: &at,
                    parts,
                    ctx,
                };
                c.check_unit(&mut unloaded, findings);
                c.check_qualifications(&mut unloaded, findings);
                c.check_ada(findings);
                c.check_learning(&experiences, &experience_ids, findings);
                c.check_assessment(findings);
            }
        }
    }
    if let Field::Present(evidence) = &parts.evidence {
        let competence_ids: HashSet<&str> = parts
            .competence_ids
            .iter()
            .map(|(_, id)| id.as_str())
            .collect();
        for (index, item) in evidence {
            let at = Path::root().join("evidence").join(*index);
            references(
                &item.competences,
                &competence_ids,
                "competence",
                &at.join("competences"),
                findings,
            );
            references(
                &item.experiences,
                &experience_ids,
                "experience",
                &at.join("experiences"),
                findings,
            );
            if item
                .issue_date
                .as_deref()
                .is_some_and(|d| PartialDate::parse(d).is_none())
            {
                findings.push(finding(Code::InvalidDate, at.join("issue_date"), []));
            }
        }
    }
}

struct Competence<'a> {
    item: &'a AttestedCompetence,
    at: &'a Path,
    parts: &'a Parts,
    ctx: &'a Context<'a>,
}

impl Competence<'_> {
    fn public(&self) -> bool {
        is_public_act(self.parts.doc_type)
    }

    fn id(&self) -> serde_json::Value {
        json!(self.item.id)
    }

    /// The UC: a repertoire unit reference, checked against the loaded repertoire when there is
    /// one. A repertoire that is not loaded (another region's) gets one info per document.
    fn check_unit(&self, unloaded: &mut BTreeSet<String>, findings: &mut Vec<Finding>) {
        let c = self.item;
        let at = self.at.join("unit");
        self.repertoire_node(&c.unit, NodeKind::Unit, &at, unloaded, findings);
        if c.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
            findings.push(if self.public() {
                finding(
                    Code::DocumentMissingCompetenceTitle,
                    self.at.join("title"),
                    [("competence", self.id())],
                )
            } else {
                recommended(self.at, "title")
            });
        }
        if c.repertoire.is_none() {
            findings.push(if self.public() {
                finding(
                    Code::DocumentMissingRepertoire,
                    self.at.join("repertoire"),
                    [("competence", self.id())],
                )
            } else {
                recommended(self.at, "repertoire")
            });
        }
    }

    fn check_qualifications(&self, unloaded: &mut BTreeSet<String>, findings: &mut Vec<Finding>) {
        let c = self.item;
        if c.qualifications.is_empty() {
            findings.push(if self.public() {
                finding(
                    Code::DocumentMissingQualification,
                    self.at.join("qualifications"),
                    [("competence", self.id())],
                )
            } else {
                recommended(self.at, "qualifications")
            });
        }
        for (i, q) in c.qualifications.iter().enumerate() {
            let at = self.at.join("qualifications").join(i);
            self.check_qualification(q, &at, unloaded, findings);
        }
    }

    fn check_qualification(
        &self,
        q: &QualificationInfo,
        at: &Path,
        unloaded: &mut BTreeSet<String>,
        findings: &mut Vec<Finding>,
    ) {
        let loaded = self.repertoire_node(
            &q.reference,
            NodeKind::Qualification,
            &at.join("reference"),
            unloaded,
            findings,
        );
        if self.public() {
            for (field, value) in [("title", &q.title), ("description", &q.description)] {
                if value.as_deref().is_none_or(|t| t.trim().is_empty()) {
                    findings.push(finding(
                        Code::DocumentMissingQualificationData,
                        at.join(field),
                        [("field", json!(field))],
                    ));
                }
            }
        }
        match q.eqf_level {
            None if self.public() => findings.push(finding(
                Code::DocumentMissingEqfLevel,
                at.join("eqf_level"),
                [],
            )),
            Some(level) if !(1..=8).contains(&level) => findings.push(invalid_code(
                "eqf",
                "a level from 1 to 8",
                at.join("eqf_level"),
            )),
            Some(level) => {
                if let Some(NodeRef::Qualification(_, known)) = loaded {
                    if let Some(expected) = known.eqf_level.filter(|e| *e != level) {
                        findings.push(finding(
                            Code::DocumentEqfLevelMismatch,
                            at.join("eqf_level"),
                            [("stated", json!(level)), ("expected", json!(expected))],
                        ));
                    }
                }
            }
            None => {}
        }
        for (i, code) in q.ateco.iter().enumerate() {
            if !shapes::is_ateco(code) {
                findings.push(invalid_code(
                    "ateco2007",
                    "an ATECO 2007 code such as 56.10.11",
                    at.join("ateco").join(i),
                ));
            }
        }
        for (i, code) in q.cp2021.iter().enumerate() {
            if !shapes::is_cp2021(code) {
                findings.push(invalid_code(
                    "cp2021",
                    "a CP2021 code such as 5.2.2.1.0",
                    at.join("cp2021").join(i),
                ));
            }
        }
    }

    /// ADA codes: required on public acts (D.I. 30/6/2015 art. 6 c. 2); each must have the
    /// `ADA.nn.nn.nn` shape; an old ("ex") code is resolved to the current one.
    fn check_ada(&self, findings: &mut Vec<Finding>) {
        let c = self.item;
        // Art. 6 c. 2 allows gruppi di correlazione or single attività di lavoro instead.
        let alternative = !c.correlation_groups.is_empty() || !c.work_activities.is_empty();
        if c.atlante_ada.is_empty() && !alternative && self.public() {
            let known = self.known_ada();
            let mut f = finding(
                Code::DocumentMissingAdaCode,
                self.at.join("atlante_ada"),
                [("competence", self.id())],
            );
            if !known.is_empty() {
                // The repertoire knows them: say which, so the issuer can fix the document.
                f.context.insert("known".to_owned(), json!(known));
            }
            findings.push(f);
        }
        for (i, code) in c.atlante_ada.iter().enumerate() {
            let at = self.at.join("atlante_ada").join(i);
            if !shapes::is_atlante_ada(code) {
                findings.push(invalid_code("atlante_ada", "ADA.nn.nn.nn", at));
            } else if let Some(current) = self.ctx.frameworks.current_code("atlante_ada", code) {
                findings.push(finding(
                    Code::AliasCode,
                    at,
                    [("code", json!(code)), ("current", json!(current))],
                ));
            } else if !self.ctx.frameworks.knows_ada(code) {
                findings.push(finding(
                    Code::DocumentUnknownAdaCode,
                    at,
                    [("code", json!(code))],
                ));
            }
        }
    }

    fn known_ada(&self) -> Vec<String> {
        let unit = &self.item.unit;
        match self.ctx.frameworks.resolve(unit) {
            Some(NodeRef::Unit(_, u)) => u.atlante_ada.clone(),
            _ => Vec::new(),
        }
    }

    /// How it was learned: at least one context; for non-formal and informal learning the
    /// essential data of an experience, for formal learning those of a course.
    fn check_learning(
        &self,
        experiences: &HashMap<&str, &DocumentExperience>,
        ids: &HashSet<&str>,
        findings: &mut Vec<Finding>,
    ) {
        let c = self.item;
        references(
            &c.experiences,
            ids,
            "experience",
            &self.at.join("experiences"),
            findings,
        );
        let linked: Vec<&DocumentExperience> = c
            .experiences
            .iter()
            .filter_map(|id| experiences.get(id.as_str()).copied())
            .collect();
        let mut contexts: BTreeSet<&'static str> =
            c.learning_contexts.iter().map(|l| l.as_str()).collect();
        contexts.extend(
            linked
                .iter()
                .filter_map(|e| e.context.map(LearningContext::as_str)),
        );
        if contexts.is_empty() {
            // An experience linked but without context is reported at the experience itself;
            // a credited competence states how it was learned in the document it cites.
            if linked.iter().all(|e| e.context.is_some()) && c.credited_from.is_none() {
                findings.push(finding(
                    Code::DocumentMissingLearningContext,
                    self.at.clone(),
                    [],
                ));
            }
            return;
        }
        if !self.public() {
            return;
        }
        let has = |wanted: &[LearningContext]| {
            linked
                .iter()
                .any(|e| e.context.is_some_and(|ctx| wanted.contains(&ctx)))
        };
        let informal = [LearningContext::NonFormale, LearningContext::Informale];
        if informal.iter().any(|l| contexts.contains(l.as_str())) && !has(&informal) {
            findings.push(finding(
                Code::DocumentMissingExperienceData,
                self.at.join("experiences"),
                [("field", json!("experiences"))],
            ));
        }
        if contexts.contains(LearningContext::Formale.as_str()) && !has(&[LearningContext::Formale])
        {
            findings.push(finding(
                Code::DocumentMissingCourseData,
                self.at.join("experiences"),
                [("field", json!("experiences"))],
            ));
        }
    }

    fn check_assessment(&self, findings: &mut Vec<Finding>) {
        if !self.public() {
            return;
        }
        let c = self.item;
        let at = self.at.join("assessment");
        let Some(assessment) = &c.assessment else {
            if c.credited_from.is_some() {
                // A credited competence was assessed in the earlier document it cites.
                return;
            }
            findings.push(finding(
                Code::AttestationNoAssessment,
                at,
                [("competence", self.id())],
            ));
            return;
        };
        if assessment.methods.is_empty() {
            findings.push(finding(
                Code::DocumentMissingAssessmentMethod,
                at.join("methods"),
                [],
            ));
        }
        if assessment
            .date
            .as_deref()
            .is_some_and(|d| Date::parse(d).is_none())
        {
            findings.push(finding(Code::InvalidDate, at.join("date"), []));
        }
        for (i, session) in assessment.sessions.iter().enumerate() {
            if Date::parse(&session.date).is_none() {
                findings.push(finding(
                    Code::InvalidDate,
                    at.join("sessions").join(i).join("date"),
                    [],
                ));
            }
        }
        match assessment.outcome {
            Some(AssessmentOutcome::Negative) => findings.push(finding(
                Code::DocumentCompetenceNotValidated,
                at.join("outcome"),
                [("competence", self.id())],
            )),
            Some(AssessmentOutcome::Partial) if c.validated_items.is_empty() => {
                findings.push(finding(
                    Code::DocumentPartialWithoutItems,
                    self.at.join("validated_items"),
                    [("competence", self.id())],
                ));
            }
            _ => {}
        }
        let operators: HashSet<&str> = self
            .parts
            .operator_ids
            .iter()
            .map(|(_, id)| id.as_str())
            .collect();
        references(
            &assessment.assessors,
            &operators,
            "operator",
            &at.join("assessors"),
            findings,
        );
    }

    /// Checks a repertoire reference's scheme and shape and, when its repertoire is loaded,
    /// that the node exists. Returns the node when found.
    fn repertoire_node<'f>(
        &'f self,
        reference: &FrameworkRef,
        kind: NodeKind,
        at: &Path,
        unloaded: &mut BTreeSet<String>,
        findings: &mut Vec<Finding>,
    ) -> Option<NodeRef<'f>> {
        let framework = match reference.parsed_scheme() {
            Some(Scheme::Repertoire { framework, kind: k }) if k == kind => framework,
            _ => {
                findings.push(finding(
                    Code::UnknownScheme,
                    at.join("scheme"),
                    [
                        ("scheme", json!(reference.scheme)),
                        (
                            "expected",
                            json!([format!("<repertoire>.{}", kind.as_str())]),
                        ),
                    ],
                ));
                return None;
            }
        };
        if !shapes::is_repertoire_code(&reference.code) {
            findings.push(invalid_code(
                &reference.scheme,
                "1-32 letters, digits, '-', '_', '.'",
                at.join("code"),
            ));
            return None;
        }
        if self.ctx.frameworks.framework(&framework).is_none() {
            if unloaded.insert(framework.clone()) {
                findings.push(finding(
                    Code::DocumentFrameworkNotLoaded,
                    at.join("scheme"),
                    [("framework", json!(framework))],
                ));
            }
            return None;
        }
        let node = self.ctx.frameworks.node(&framework, kind, &reference.code);
        if node.is_none() {
            findings.push(finding(
                Code::DocumentUnknownFrameworkNode,
                at.join("code"),
                [
                    ("framework", json!(framework)),
                    ("kind", json!(kind.as_str())),
                    ("code", json!(reference.code)),
                ],
            ));
        }
        node
    }
}
