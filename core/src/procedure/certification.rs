//! Certificazione is the titolare's act, not the job centre's (D.Lgs. 13/2013 art. 2, D.I.
//! 30/6/2015 art. 5; DOMAIN.md §1.4, §4.3): `request_certificazione` fixes a
//! [`CertificazioneDossier`] for the ente titolare (the Documento di validazione, the evidence
//! list, the credits, and what the person still needs for the whole qualification); a
//! commission the titolare appointed examines the person (`record_commission_exam`: members,
//! date, outcome per UC); only then may an actor acting for the titolare (role `titolare`)
//! issue the Certificato, for the UCs the commission passed.
//!
//! The rule applies where the titolare profile sets `certificato_by_titolare` (Tuscany);
//! logs written before it keep the earlier behaviour (the responsabile issues the Certificato
//! for the validated UCs).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::assessment::AssessmentMethod;
use super::credit::{Coverage, Credit};
use super::event::Head;
use super::machine::{invalid, rule, Step};
use super::refusal::RefusalReason;
use super::roles::Role;
use super::state::{CaseState, Stamp};
use crate::codes::Code;
use crate::documents::{
    AssessmentBoard, AssessmentOutcome, AssessmentSession, BoardMember, CompetenceAssessment,
    DocumentOperator,
};
use crate::formats::Date;
use crate::model::{Authenticity, EvidenceKind, FrameworkRef};

type Outcome = Result<(), RefusalReason>;

/// The outcome of one UC at the commission's exam.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExamOutcome {
    /// The UC is certified.
    Passed,
    /// The UC is not certified.
    Failed,
}

/// A member of the commission (no names: a pseudonymous id and the function on the
/// commission, e.g. "presidente", "EVAC", "esperto di settore").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommissionMember {
    /// Pseudonymous id.
    pub id: String,
    /// Function on the commission.
    pub function: String,
}

/// Payload of `record_commission_exam`: the exam by the commission the titolare appointed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommissionExam {
    /// The act that appointed the commission (e.g. a decreto dirigenziale).
    pub appointed_by: String,
    /// The members (at least two distinct people).
    pub members: Vec<CommissionMember>,
    /// Day of the exam, `YYYY-MM-DD`.
    #[schemars(pattern(r"^\d{4}-\d{2}-\d{2}$"))]
    pub date: String,
    /// Outcome per UC of the target.
    pub outcomes: BTreeMap<String, ExamOutcome>,
    /// The methods of the exam, as the Certificato states them. Absent: the commission
    /// examined the dossier the titolare received (`esame_documentale`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<AssessmentMethod>,
    /// Free note (no personal data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The exam as the case holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordedCommissionExam {
    /// The event.
    pub stamp: Stamp,
    /// The exam.
    pub exam: CommissionExam,
}

/// The Documento di validazione as the dossier names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DossierValidazione {
    /// Document id.
    pub document: String,
    /// Day of issue.
    pub issued_on: String,
    /// UCs it attests.
    pub units: Vec<String>,
}

/// One evidence item in the dossier (what it is and how it was judged; no content).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DossierEvidence {
    /// Evidence id in the record.
    pub id: String,
    /// Kind of document.
    pub kind: EvidenceKind,
    /// Made by the person themself.
    pub self_issued: bool,
    /// Authenticity found by the judgement (absent: not judged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authenticity: Option<Authenticity>,
    /// Target codes it was judged pertinent to.
    pub pertinent_to: Vec<String>,
}

/// What the ente titolare receives when the person asks for certificazione.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CertificazioneDossier {
    /// Case id.
    pub case_id: String,
    /// The log's head when the dossier was made (the titolare can check the log against it).
    pub head: Head,
    /// The request.
    pub requested: Stamp,
    /// The target qualification.
    pub qualification: FrameworkRef,
    /// The Documento di validazione, when issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validazione: Option<DossierValidazione>,
    /// The evidence of the record.
    pub evidence: Vec<DossierEvidence>,
    /// Credits from earlier attestations.
    pub credits: Vec<Credit>,
    /// What the person still needs for the whole qualification: UCs validated here, credited
    /// by earlier documents, and left.
    pub eligibility: Coverage,
}

/// The dossier of `s` as of `requested` (see [`CertificazioneDossier`]).
pub fn dossier(s: &CaseState, requested: Stamp) -> CertificazioneDossier {
    CertificazioneDossier {
        case_id: s.case_id.clone(),
        head: s.head.clone(),
        requested,
        qualification: s.target_ref.clone(),
        validazione: s.validazione.as_ref().map(|v| DossierValidazione {
            document: super::issue::validazione_id(s),
            issued_on: v.stamp.at.get(..10).unwrap_or(&v.stamp.at).to_owned(),
            units: v.units.clone(),
        }),
        evidence: s
            .record
            .evidence
            .iter()
            .map(|e| {
                let judgement = s.judgements.get(&e.id).map(|j| &j.judgement);
                DossierEvidence {
                    id: e.id.clone(),
                    kind: e.kind,
                    self_issued: e.self_issued,
                    authenticity: judgement.map(|j| j.authenticity),
                    pertinent_to: judgement
                        .map(|j| j.pertinent_to.clone())
                        .unwrap_or_default(),
                }
            })
            .collect(),
        credits: s.credits.clone(),
        eligibility: s.coverage(),
    }
}

/// `request_certificazione`: where the titolare certifies, the Documento di validazione must be
/// issued first; the dossier is fixed.
pub(crate) fn request(s: &mut CaseState, step: &Step<'_>) -> Outcome {
    if s.config.certificato_by_titolare && s.validazione.is_none() {
        return Err(rule(
            Code::CertificazioneNoValidazione,
            "issue the Documento di validazione before asking the titolare for certificazione",
        ));
    }
    s.dossier = Some(dossier(s, step.stamp()));
    s.certificazione_requested = Some(step.stamp());
    s.phase = super::state::Phase::Certificazione;
    Ok(())
}

/// `record_commission_exam`, by an actor acting for the titolare.
pub(crate) fn record_exam(s: &mut CaseState, step: &Step<'_>, exam: &CommissionExam) -> Outcome {
    for_titolare(s, step)?;
    let date =
        Date::parse(&exam.date).ok_or_else(|| invalid("the exam date must be YYYY-MM-DD"))?;
    if date > step.time.date {
        return Err(invalid("the exam date is after the event's day"));
    }
    if exam.appointed_by.trim().is_empty() {
        return Err(invalid("the act that appointed the commission is missing"));
    }
    let mut ids: Vec<&String> = exam.members.iter().map(|m| &m.id).collect();
    ids.sort();
    ids.dedup();
    if ids.len() < 2 || ids.iter().any(|id| !crate::formats::is_id(id)) {
        return Err(invalid(
            "a commission has at least two distinct members with valid ids",
        ));
    }
    if exam.outcomes.is_empty() {
        return Err(invalid("the exam has no outcome"));
    }
    if let Some(unit) = exam.outcomes.keys().find(|u| s.target.unit(u).is_none()) {
        return Err(invalid(format!("'{unit}' is not a UC of the target")));
    }
    s.commission_exam = Some(RecordedCommissionExam {
        stamp: step.stamp(),
        exam: exam.clone(),
    });
    Ok(())
}

/// The UCs a Certificato issued by the titolare covers: those the commission passed, in the
/// qualification's order.
pub(crate) fn certified_units(
    s: &CaseState,
    step: &Step<'_>,
) -> Result<Vec<String>, RefusalReason> {
    for_titolare(s, step)?;
    let exam = s.commission_exam.as_ref().ok_or_else(|| {
        rule(
            Code::CertificazioneNoCommissionExam,
            "no exam by a commission of the titolare is recorded",
        )
    })?;
    let units: Vec<String> = s
        .target
        .units
        .iter()
        .filter(|u| exam.exam.outcomes.get(&u.code) == Some(&ExamOutcome::Passed))
        .map(|u| u.code.clone())
        .collect();
    if units.is_empty() {
        return Err(rule(
            Code::AttestationNothingValidated,
            "the commission passed no UC",
        ));
    }
    Ok(units)
}

/// What a Certificato issued by the titolare says of its commission: the board (the act that
/// appointed it, the exam date, the members with their function), the members who are not
/// operators of the case (listed among the document's operators so the assessment can cite
/// them), and the assessment behind every certified UC: the exam. `None` where the titolare
/// does not certify or no exam is recorded (logs written before the rule: the board was the
/// valutazione's assessors).
pub(super) fn commission(
    s: &CaseState,
) -> Option<(AssessmentBoard, Vec<DocumentOperator>, CompetenceAssessment)> {
    if !s.config.certificato_by_titolare {
        return None;
    }
    let exam = &s.commission_exam.as_ref()?.exam;
    let board = AssessmentBoard {
        appointed_by: Some(exam.appointed_by.clone()),
        date: Some(exam.date.clone()),
        members: exam
            .members
            .iter()
            .map(|m| BoardMember {
                role: m.function.clone(),
                name: None,
                operator: Some(m.id.clone()),
            })
            .collect(),
    };
    let mut outside: Vec<DocumentOperator> = Vec::new();
    for member in &exam.members {
        if s.operator(&member.id).is_none() && !outside.iter().any(|o| o.id == member.id) {
            outside.push(DocumentOperator {
                id: member.id.clone(),
                name: None,
                role: Some(member.function.clone()),
                functions: Vec::new(),
            });
        }
    }
    let mut methods = exam.methods.clone();
    if methods.is_empty() {
        methods.push(AssessmentMethod::EsameDocumentale);
    }
    methods.sort();
    methods.dedup();
    let mut assessors: Vec<String> = exam.members.iter().map(|m| m.id.clone()).collect();
    assessors.sort();
    assessors.dedup();
    let assessment = CompetenceAssessment {
        sessions: methods
            .iter()
            .map(|&method| AssessmentSession {
                method,
                date: exam.date.clone(),
            })
            .collect(),
        methods,
        date: Some(exam.date.clone()),
        outcome: Some(AssessmentOutcome::Positive),
        assessors,
    };
    Some((board, outside, assessment))
}

fn for_titolare(s: &CaseState, step: &Step<'_>) -> Outcome {
    if s.operator(step.actor)
        .is_some_and(|o| o.has(Role::Titolare))
    {
        return Ok(());
    }
    Err(rule(
        Code::CertificazioneNotTitolare,
        format!("'{}' does not act for the ente titolare", step.actor),
    ))
}
