//! The legal documents built from a case's state: the Documento di trasparenza once
//! identificazione is closed, the Documento di validazione and the Certificato once issued.
//!
//! Documents are derived, never stored: the same log always yields the same documents. They
//! list only what the case fixed: the trasparenza lists the UCs identified as potential
//! objects of validation; the validazione lists the UCs validated in this case and, citing
//! them, those earlier attestations credit (see [`super::credit`]); the certificato lists the
//! UCs the titolare's commission passed, with that commission as its board (see
//! [`super::certification`]).

use crate::documents::{
    AssessmentBoard, AssessmentMethod, AssessmentOutcome, AssessmentSession, AttestationStrength,
    AttestedCompetence, BoardMember, Certificato, CompetenceAssessment, Document,
    DocumentEnteTitolato, DocumentExperience, DocumentOperator, DocumentPerson,
    DocumentoValidazione, EnteTitolare, QualificationInfo, Repertoire, Role, ValueSource,
    DOCUMENT_SCHEMA_VERSION,
};
use crate::framework::{FrameworkSet, NodeRef};
use crate::model::{FrameworkRef, LearningContext, NodeKind};

use super::state::{CaseState, Issued};

/// Id of the case's Documento di trasparenza.
pub fn trasparenza_id(state: &CaseState) -> String {
    format!("{}-DT", state.case_id)
}

/// Id of the case's Documento di validazione.
pub fn validazione_id(state: &CaseState) -> String {
    format!("{}-DV", state.case_id)
}

/// Id of the case's Certificato.
pub fn certificato_id(state: &CaseState) -> String {
    format!("{}-CERT", state.case_id)
}

/// The documents the case has produced so far, in the order they were produced.
pub fn documents(state: &CaseState, frameworks: &FrameworkSet) -> Vec<Document> {
    let mut out = Vec::new();
    if let Some(doc) = documento_trasparenza(state, frameworks) {
        out.push(Document::DocumentoTrasparenza(doc));
    }
    if let Some(doc) = documento_validazione(state, frameworks) {
        out.push(Document::DocumentoValidazione(doc));
    }
    if let Some(doc) = certificato(state, frameworks) {
        out.push(Document::Certificato(doc));
    }
    out
}

pub use super::trasparenza::{documento_trasparenza, label_esco};

/// The Documento di validazione (parte seconda), once issued.
pub fn documento_validazione(
    state: &CaseState,
    frameworks: &FrameworkSet,
) -> Option<DocumentoValidazione> {
    let issued = state.validazione.as_ref()?;
    let (mut competences, experiences) = attested(state, frameworks, issued);
    competences.extend(super::credit::credited_competences(
        state,
        frameworks,
        &issued.units,
    ));
    Some(DocumentoValidazione {
        schema_version: DOCUMENT_SCHEMA_VERSION.to_owned(),
        id: validazione_id(state),
        strength: AttestationStrength::ParteSeconda,
        person: DocumentPerson::from(&state.record.person),
        ente_titolare: ente_titolare(state),
        ente_titolato: ente_titolato(state),
        operators: operators(state, &involved(state)),
        competences,
        experiences,
        issue_date: day(&issued.stamp.at),
        issue_place: issued.details.place.clone(),
        signatory: issued.details.signatory.clone(),
        transparency_document: state.trasparenza.as_ref().map(|_| trasparenza_id(state)),
        case_id: Some(state.case_id.clone()),
        registration: issued.details.registration.clone(),
    })
}

/// The Certificato (parte terza), once issued.
pub fn certificato(state: &CaseState, frameworks: &FrameworkSet) -> Option<Certificato> {
    let issued = state.certificato.as_ref()?;
    let (mut competences, experiences) = attested(state, frameworks, issued);
    let mut operators = operators(state, &involved(state));
    let board = if let Some((board, outside, exam)) = super::certification::commission(state) {
        // The titolare's act: the commission it appointed examined every UC listed (issue
        // checks they passed), so the exam is the assessment behind them.
        for competence in &mut competences {
            competence.assessment = Some(exam.clone());
        }
        for member in &board.members {
            let known = operators
                .iter()
                .any(|o| Some(&o.id) == member.operator.as_ref());
            if let Some(id) = member.operator.as_ref().filter(|_| !known) {
                operators.extend(self::operators(state, std::slice::from_ref(id)));
            }
        }
        operators.extend(outside);
        Some(board)
    } else {
        plan_board(state)
    };
    Some(Certificato {
        schema_version: DOCUMENT_SCHEMA_VERSION.to_owned(),
        id: certificato_id(state),
        strength: AttestationStrength::ParteTerza,
        person: DocumentPerson::from(&state.record.person),
        ente_titolare: ente_titolare(state),
        ente_titolato: ente_titolato(state),
        operators,
        competences,
        experiences,
        board,
        issue_date: day(&issued.stamp.at),
        issue_place: issued.details.place.clone(),
        signatory: issued.details.signatory.clone(),
        validation_document: state.validazione.as_ref().map(|_| validazione_id(state)),
        case_id: Some(state.case_id.clone()),
        registration: issued.details.registration.clone(),
    })
}

/// The board of a Certificato issued before the titolare's commission rule: the valutazione's
/// assessors (kept so that older logs yield the documents they issued).
fn plan_board(state: &CaseState) -> Option<AssessmentBoard> {
    state.plan.as_ref().map(|plan| AssessmentBoard {
        appointed_by: None,
        date: None,
        members: plan
            .plan
            .assessors
            .iter()
            .map(|id| BoardMember {
                role: state
                    .operator(id)
                    .map_or("Valutatore", |o| {
                        if o.has(Role::F2) {
                            "EVAC"
                        } else {
                            "Esperto di settore"
                        }
                    })
                    .to_owned(),
                name: None,
                operator: Some(id.clone()),
            })
            .collect(),
    })
}

/// The attested competences of an issued act and the experiences they cite.
fn attested(
    state: &CaseState,
    frameworks: &FrameworkSet,
    issued: &Issued,
) -> (Vec<AttestedCompetence>, Vec<DocumentExperience>) {
    let mut competences = Vec::new();
    let mut experience_ids: Vec<String> = Vec::new();
    for code in &issued.units {
        let Some(unit) = state.target.unit(code) else {
            continue;
        };
        let results: Vec<_> = state
            .results
            .iter()
            .filter(|r| unit.items().any(|(item, _)| item == r.result.item))
            .collect();
        let mut methods: Vec<AssessmentMethod> = results.iter().map(|r| r.method).collect();
        methods.sort();
        methods.dedup();
        let mut assessors: Vec<String> = results.iter().map(|r| r.by.clone()).collect();
        assessors.sort();
        assessors.dedup();
        let experiences: Vec<String> = state
            .trasparenza
            .as_ref()
            .and_then(|t| t.competences.iter().find(|c| &c.unit == code))
            .map(|c| c.experiences.clone())
            .unwrap_or_default();
        let mut contexts: Vec<LearningContext> = state
            .record
            .experiences
            .iter()
            .filter(|e| experiences.contains(&e.id))
            .map(|e| e.context)
            .collect();
        contexts.sort_by_key(|c| c.as_str());
        contexts.dedup();
        experience_ids.extend(experiences.iter().cloned());
        competences.push(AttestedCompetence {
            id: competence_id(code),
            unit: unit_ref(state, code),
            title: Some(unit.title.clone()),
            description: None,
            repertoire: repertoire(state, frameworks),
            qualifications: qualification(state, frameworks).into_iter().collect(),
            atlante_ada: atlante_ada(state, frameworks, code),
            // Repertoires link UCs to ADA codes only; the alternatives stay empty.
            correlation_groups: Vec::new(),
            work_activities: Vec::new(),
            sources: value_sources(state, frameworks, code),
            learning_contexts: contexts,
            experiences,
            assessment: Some(CompetenceAssessment {
                sessions: sessions(&results),
                methods,
                date: results.iter().map(|r| r.seq).max().and_then(|seq| {
                    state
                        .decisions
                        .get(code)
                        .filter(|d| d.stamp.seq >= seq)
                        .map(|d| day(&d.stamp.at))
                }),
                outcome: Some(AssessmentOutcome::Positive),
                assessors,
            }),
            validated_items: Vec::new(),
            credited_from: None,
        });
    }
    let experiences = state
        .record
        .experiences
        .iter()
        .filter(|e| experience_ids.contains(&e.id))
        .map(DocumentExperience::from)
        .collect();
    (competences, experiences)
}

/// The sessions behind a competence's results: each method with the day it took place, in
/// order of date. Results recorded before session days existed have no day and are left out
/// (the competence's `date` still gives the decision day).
fn sessions(results: &[&super::assessment::RecordedResult]) -> Vec<AssessmentSession> {
    let mut days: Vec<(&String, AssessmentMethod)> = results
        .iter()
        .filter_map(|r| r.date.as_ref().map(|date| (date, r.method)))
        .collect();
    days.sort();
    days.dedup();
    days.into_iter()
        .map(|(date, method)| AssessmentSession {
            method,
            date: date.clone(),
        })
        .collect()
}

pub(crate) fn competence_id(unit: &str) -> String {
    format!("uc-{unit}")
}

pub(super) fn day(at: &str) -> String {
    at.get(..10).unwrap_or(at).to_owned()
}

pub(super) fn unit_ref(state: &CaseState, code: &str) -> FrameworkRef {
    FrameworkRef::new(format!("{}.unit", state.target.framework), code)
}

pub(super) fn repertoire(state: &CaseState, frameworks: &FrameworkSet) -> Option<Repertoire> {
    let framework = frameworks.framework(&state.target.framework)?;
    Some(Repertoire {
        id: framework.id.clone(),
        title: framework.title.clone(),
        version: Some(framework.version.clone()),
        publisher: Some(framework.publisher.clone()),
    })
}

pub(super) fn qualification(
    state: &CaseState,
    frameworks: &FrameworkSet,
) -> Option<QualificationInfo> {
    let NodeRef::Qualification(framework, q) = frameworks.node(
        &state.target.framework,
        NodeKind::Qualification,
        &state.target.qualification,
    )?
    else {
        return None;
    };
    let mut reference = state.target_ref.clone();
    reference
        .version
        .get_or_insert_with(|| framework.version.clone());
    Some(QualificationInfo {
        reference,
        title: Some(q.title.clone()),
        description: q.description.clone(),
        eqf_level: q.eqf_level,
        ateco: q.ateco.clone(),
        cp2021: q.cp2021.clone(),
    })
}

/// The values on a competence entry (the UC's ADA codes, the target's EQF level, ATECO and
/// CP2021 codes) that an overlay supplied, with the overlay as their basis: the links an
/// overlay adds have a basis starting with `integrazione ` (see `framework::FrameworkOverlay`).
pub(super) fn value_sources(
    state: &CaseState,
    frameworks: &FrameworkSet,
    unit: &str,
) -> Vec<ValueSource> {
    let Some(framework) = frameworks.framework(&state.target.framework) else {
        return Vec::new();
    };
    let unit_scheme = format!("{}.unit", framework.id);
    let qualification_scheme = format!("{}.qualification", framework.id);
    framework
        .links
        .iter()
        .filter_map(|link| {
            let basis = link.basis.as_deref()?;
            if !basis.starts_with("integrazione ") {
                return None;
            }
            let field = match (link.from.scheme.as_str(), link.to.scheme.as_str()) {
                (s, "atlante_ada") if s == unit_scheme && link.from.code == unit => "atlante_ada",
                (s, target)
                    if s == qualification_scheme
                        && link.from.code == state.target.qualification =>
                {
                    match target {
                        "eqf" => "eqf_level",
                        "ateco2007" => "ateco",
                        "cp2021" => "cp2021",
                        _ => return None,
                    }
                }
                _ => return None,
            };
            Some(ValueSource {
                field: field.to_owned(),
                value: link.to.code.clone(),
                basis: basis.to_owned(),
            })
        })
        .collect()
}

pub(super) fn atlante_ada(state: &CaseState, frameworks: &FrameworkSet, unit: &str) -> Vec<String> {
    match frameworks.node(&state.target.framework, NodeKind::Unit, unit) {
        Some(NodeRef::Unit(_, u)) => u.atlante_ada.clone(),
        _ => Vec::new(),
    }
}

/// The titolare as documents print it: the repertoires it owns are the case's business, not
/// the document's content.
pub(super) fn ente_titolare(state: &CaseState) -> EnteTitolare {
    EnteTitolare {
        repertoires: Vec::new(),
        ..state.ente.titolare.clone()
    }
}

pub(super) fn ente_titolato(state: &CaseState) -> DocumentEnteTitolato {
    DocumentEnteTitolato {
        name: state.ente.name.clone(),
        code: Some(state.ente.id.clone()),
        address: state.ente.address.clone(),
        authorisation: Some(state.ente.authorisation.clone()),
    }
}

/// F1 operators of the case and the assessment board.
fn involved(state: &CaseState) -> Vec<String> {
    let mut ids = state.f1_operators.clone();
    if let Some(plan) = &state.plan {
        for id in &plan.plan.assessors {
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
    }
    ids
}

pub(super) fn operators(state: &CaseState, ids: &[String]) -> Vec<DocumentOperator> {
    ids.iter()
        .filter_map(|id| state.operator(id))
        .map(|o| DocumentOperator {
            id: o.id.clone(),
            name: None,
            role: o.label.clone(),
            functions: o
                .roles
                .iter()
                .filter_map(|r| match r {
                    Role::F1 => Some(Role::F1),
                    Role::F2 => Some(Role::F2),
                    Role::F3 => Some(Role::F3),
                    Role::Responsabile | Role::Titolare => None,
                })
                .collect(),
        })
        .collect()
}
