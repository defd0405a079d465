//! The state of a case, as rebuilt from its events.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::action::{Eligibility, Issuance, Note, Referral};
use super::assessment::{
    check_unit, AssessmentPlan, RecordedResult, UnitCheck, UnitDecision, UnitOutcome,
};
use super::certification::{CertificazioneDossier, RecordedCommissionExam};
use super::config::ProcedureConfig;
use super::continuation::Continuation;
use super::credit::{Coverage, Credit};
use super::event::Head;
use super::evidence::{evidence_findings, sufficiency, RecordedJudgement, UnitSufficiency};
use super::profile::ProfileStamp;
use super::roles::{EnteTitolato, Operator};
use super::target::Target;
use super::time::Timestamp;
use crate::formats::Date;
use crate::framework::FrameworkStamp;
use crate::model::{CompetenceRecord, FileRef, FrameworkRef};
use crate::report::Finding;

/// Where a case stands: an active phase or a terminal outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Access: information, eligibility, domanda and Documento di adesione.
    Accoglienza,
    /// Identificazione e messa in trasparenza (F1).
    Identificazione,
    /// Valutazione (F2, F3).
    Valutazione,
    /// Attestazione: the Documento di validazione may be issued.
    Attestazione,
    /// Certificazione, on the person's request.
    Certificazione,
    /// Outcome: the person stopped after the trasparenza; the Documento di trasparenza is the
    /// outcome (also when valutazione validated no UC).
    ClosedAfterTrasparenza,
    /// Outcome: the person withdrew.
    Withdrawn,
    /// Outcome: the person was redirected to another service.
    Referred,
    /// Outcome: the Documento di validazione was issued (certificazione may still be asked).
    Validated,
    /// Outcome: the Certificato was issued.
    Certified,
}

impl Phase {
    /// The JSON word.
    pub const fn as_str(self) -> &'static str {
        match self {
            Phase::Accoglienza => "accoglienza",
            Phase::Identificazione => "identificazione",
            Phase::Valutazione => "valutazione",
            Phase::Attestazione => "attestazione",
            Phase::Certificazione => "certificazione",
            Phase::ClosedAfterTrasparenza => "closed_after_trasparenza",
            Phase::Withdrawn => "withdrawn",
            Phase::Referred => "referred",
            Phase::Validated => "validated",
            Phase::Certified => "certified",
        }
    }

    /// Whether the case has reached an outcome.
    pub const fn is_outcome(self) -> bool {
        matches!(
            self,
            Phase::ClosedAfterTrasparenza
                | Phase::Withdrawn
                | Phase::Referred
                | Phase::Validated
                | Phase::Certified
        )
    }
}

impl std::fmt::Display for Phase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who did something, when, in which event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stamp {
    /// Sequence number of the event.
    pub seq: u64,
    /// Time of the event.
    pub at: String,
    /// Actor.
    pub by: String,
}

/// A signed document of the accoglienza.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signed {
    /// When and by whom it was recorded.
    pub stamp: Stamp,
    /// The signed document, by reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<FileRef>,
}

/// A UC identified as a potential object of validation (D.I. 30/6/2015 art. 6 c. 1 b).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PotentialCompetence {
    /// UC code.
    pub unit: String,
    /// UC title.
    pub title: String,
    /// Claims pointing at it.
    pub claims: Vec<String>,
    /// Experiences that relate to it (art. 6 c. 1 c).
    pub experiences: Vec<String>,
    /// Accepted evidence pertinent to it, and evidence of its claims.
    pub evidence: Vec<String>,
}

/// The session language and mediator, as last recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordedSession {
    /// When and by whom it was recorded.
    pub stamp: Stamp,
    /// The language and mediator.
    pub session: crate::documents::SessionLanguage,
}

/// What the close of identificazione fixed: the data of the Documento di trasparenza.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Trasparenza {
    /// The closing event.
    pub stamp: Stamp,
    /// The UCs identified as potential objects of validation.
    pub competences: Vec<PotentialCompetence>,
    /// Whether the person went on to valutazione.
    pub proceed_to_valutazione: bool,
}

/// A plan as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordedPlan {
    /// The event.
    pub stamp: Stamp,
    /// The plan.
    pub plan: AssessmentPlan,
}

/// A UC decision as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordedDecision {
    /// The event.
    pub stamp: Stamp,
    /// The decision.
    pub decision: UnitDecision,
}

/// An issued attestation (Documento di validazione or Certificato).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issued {
    /// The issuing event.
    pub stamp: Stamp,
    /// Place, signatory and registration.
    pub details: Issuance,
    /// The UCs attested, in the qualification's order.
    pub units: Vec<String>,
}

/// The full state of a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseState {
    /// Case id.
    pub case_id: String,
    /// Current phase or outcome.
    pub phase: Phase,
    /// The opening event.
    pub opened: Stamp,
    /// The last event (`seq` and `hash`).
    pub head: Head,
    /// Time of the last event.
    pub last_at: String,
    /// The person's competence record as it stands.
    pub record: CompetenceRecord,
    /// The target qualification reference.
    pub target_ref: FrameworkRef,
    /// The target resolved against the frameworks.
    pub target: Target,
    /// The ente titolato.
    pub ente: EnteTitolato,
    /// Staff.
    pub operators: Vec<Operator>,
    /// Rules.
    pub config: ProcedureConfig,
    /// The titolare profile the rules come from; absent for cases opened before profiles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<ProfileStamp>,
    /// The earlier case this one continues.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continues: Option<Continuation>,
    /// Result of the accoglienza.
    pub eligibility: Eligibility,
    /// Domanda di iscrizione.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domanda: Option<Signed>,
    /// Documento di adesione.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adesione: Option<Signed>,
    /// Operators who acted as F1 on this case (for terzietà).
    pub f1_operators: Vec<String>,
    /// Current judgement per evidence id.
    pub judgements: BTreeMap<String, RecordedJudgement>,
    /// Credits from earlier attestations.
    pub credits: Vec<Credit>,
    /// The language of the sessions and the mediator present (`record_session`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<RecordedSession>,
    /// The Documento di trasparenza data, once identificazione is closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trasparenza: Option<Trasparenza>,
    /// The current assessment plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<RecordedPlan>,
    /// Every recorded result, in event order.
    pub results: Vec<RecordedResult>,
    /// Current decision per UC.
    pub decisions: BTreeMap<String, RecordedDecision>,
    /// The Documento di validazione, once issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validazione: Option<Issued>,
    /// The request for certificazione.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificazione_requested: Option<Stamp>,
    /// The Certificato, once issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificato: Option<Issued>,
    /// The dossier sent to the ente titolare with the request for certificazione.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dossier: Option<CertificazioneDossier>,
    /// The exam by the commission the titolare appointed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commission_exam: Option<RecordedCommissionExam>,
    /// The withdrawal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawal: Option<(Stamp, Note)>,
    /// The referral.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referral: Option<(Stamp, Referral)>,
    /// Findings recorded by actions that went through (rules in `finding` mode).
    pub findings: Vec<Finding>,
    /// The frameworks the case runs on: those recorded when it was opened, or by the last
    /// `change_frameworks` event. Empty for cases opened before Attesta recorded them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub frameworks: Vec<FrameworkStamp>,
}

impl CaseState {
    /// The day of the last event: "today" for currency checks.
    pub fn case_date(&self) -> Date {
        Timestamp::parse(&self.last_at).map_or(
            Date {
                year: 1970,
                month: 1,
                day: 1,
            },
            |t| t.date,
        )
    }

    /// The language of the sessions, when recorded (`record_session`).
    pub fn session_language(&self) -> Option<&str> {
        self.session.as_ref().map(|r| r.session.language.as_str())
    }

    /// The operator with this id.
    pub fn operator(&self, id: &str) -> Option<&Operator> {
        self.operators.iter().find(|o| o.id == id)
    }

    /// Findings on the evidence as it stands (recomputed, not stored).
    pub fn evidence_findings(&self) -> Vec<Finding> {
        evidence_findings(
            &self.record,
            &self.judgements,
            self.case_date(),
            &self.config,
        )
    }

    /// Which items accepted evidence covers, per UC.
    pub fn sufficiency(&self) -> Vec<UnitSufficiency> {
        sufficiency(
            &self.target,
            &self.record,
            &self.judgements,
            self.case_date(),
            &self.config,
        )
    }

    /// The UC rule applied to the results so far, per UC code.
    pub fn unit_checks(&self) -> BTreeMap<String, UnitCheck> {
        self.target
            .units
            .iter()
            .map(|u| (u.code.clone(), check_unit(u, &self.results, &self.config)))
            .collect()
    }

    /// UCs currently decided as validated, in the qualification's order.
    pub fn validated_units(&self) -> Vec<String> {
        self.target
            .units
            .iter()
            .filter(|u| {
                self.decisions
                    .get(&u.code)
                    .is_some_and(|d| d.decision.outcome == UnitOutcome::Validated)
            })
            .map(|u| u.code.clone())
            .collect()
    }

    /// Coverage of the target by this case and by credits.
    pub fn coverage(&self) -> Coverage {
        let validated = self.validated_units();
        let mut coverage = Coverage {
            validated_here: validated.clone(),
            ..Coverage::default()
        };
        for unit in &self.target.units {
            let credits: Vec<String> = self
                .credits
                .iter()
                .filter(|c| c.units.contains(&unit.code))
                .map(|c| c.id.clone())
                .collect();
            if !credits.is_empty() {
                coverage.credited.push((unit.code.clone(), credits));
            } else if !validated.contains(&unit.code) {
                coverage.uncovered.push(unit.code.clone());
            }
        }
        coverage.complete = coverage.uncovered.is_empty();
        coverage
    }
}
