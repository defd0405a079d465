//! The actions of the procedure, each an event kind with a typed payload.
//!
//! In JSON an action is `{"kind": "<action>", "payload": {…}}`; the event log stores exactly
//! these two fields, so `attesta case act` takes the same object that the log records.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::assessment::{AssessmentPlan, AssessmentRecord, UnitDecisions};
use super::certification::CommissionExam;
use super::config::ProcedureConfig;
use super::continuation::Continuation;
use super::credit::Credit;
use super::evidence::{EvidenceJudgement, JudgementCorrection};
use super::profile::ProfileStamp;
use super::roles::{EnteTitolato, Operator};
use crate::documents::{Registration, SessionLanguage, Signatory};
use crate::framework::FrameworkStamp;
use crate::model::{
    CompetenceClaim, CompetenceRecord, Evidence, Experience, FileRef, FrameworkRef,
};

macro_rules! actions {
    ($( $(#[$doc:meta])* $variant:ident($payload:ty) = $slug:literal; )*) => {
        /// An action on a case: what an event records.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
        #[serde(tag = "kind", content = "payload", rename_all = "snake_case", deny_unknown_fields)]
        #[allow(clippy::large_enum_variant)]
        pub enum Action {
            $( $(#[$doc])* $variant($payload), )*
        }

        /// The kind of an [`Action`], without its payload.
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
            JsonSchema,
        )]
        #[serde(rename_all = "snake_case")]
        pub enum ActionKind {
            $( $(#[$doc])* $variant, )*
        }

        impl Action {
            /// The action's kind.
            pub fn kind(&self) -> ActionKind {
                match self { $(Action::$variant(_) => ActionKind::$variant,)* }
            }
        }

        impl ActionKind {
            /// Every kind, in the order of the procedure.
            pub const ALL: &'static [ActionKind] = &[$(ActionKind::$variant),*];

            /// The JSON word (the event's `kind`).
            pub const fn as_str(self) -> &'static str {
                match self { $(ActionKind::$variant => $slug,)* }
            }

            /// Looks a kind up by its JSON word.
            pub fn from_slug(slug: &str) -> Option<ActionKind> {
                match slug { $($slug => Some(ActionKind::$variant),)* _ => None }
            }
        }
    };
}

actions! {
    /// Accoglienza: opens the case (always the first event).
    OpenCase(OpenCase) = "open_case";
    /// The person's domanda di iscrizione is filed.
    SignDomanda(Signature) = "sign_domanda";
    /// The Documento di adesione is signed by the person with the F1 operator.
    SignAdesione(Signature) = "sign_adesione";
    /// Identificazione: adds an experience to the record.
    AddExperience(Experience) = "add_experience";
    /// Identificazione: replaces the experience with the same id.
    UpdateExperience(Experience) = "update_experience";
    /// Identificazione: adds an evidence item.
    AddEvidence(Evidence) = "add_evidence";
    /// Identificazione: replaces the evidence item with the same id.
    UpdateEvidence(Evidence) = "update_evidence";
    /// Identificazione: adds a competence claim.
    AddClaim(CompetenceClaim) = "add_claim";
    /// Identificazione: replaces the claim with the same id.
    UpdateClaim(CompetenceClaim) = "update_claim";
    /// Judges an evidence item for the first time.
    JudgeEvidence(EvidenceJudgement) = "judge_evidence";
    /// Replaces an earlier judgement (the earlier event stays in the log).
    CorrectEvidenceJudgement(JudgementCorrection) = "correct_evidence_judgement";
    /// Records an earlier attestation that covers some UCs of the target.
    AddCredit(Credit) = "add_credit";
    /// Ends identificazione: the Documento di trasparenza data is fixed.
    CloseIdentificazione(CloseIdentificazione) = "close_identificazione";
    /// Valutazione: names the board and the planned methods.
    PlanAssessment(AssessmentPlan) = "plan_assessment";
    /// Valutazione: records results per capacità / conoscenza.
    RecordAssessment(AssessmentRecord) = "record_assessment";
    /// Valutazione: decides UC outcomes (a later decision on a UC replaces an earlier one).
    DecideUnits(UnitDecisions) = "decide_units";
    /// Ends valutazione.
    CloseValutazione(CloseValutazione) = "close_valutazione";
    /// Attestazione: issues the Documento di validazione.
    IssueValidazione(Issuance) = "issue_validazione";
    /// The person asks to continue into certificazione.
    RequestCertificazione(Note) = "request_certificazione";
    /// Certificazione: the exam by the commission the titolare appointed.
    RecordCommissionExam(CommissionExam) = "record_commission_exam";
    /// Certificazione: issues the Certificato.
    IssueCertificato(Issuance) = "issue_certificato";
    /// The person leaves the procedure.
    Withdraw(Note) = "withdraw";
    /// The person is redirected to another service.
    Refer(Referral) = "refer";
    /// The responsabile adds a member of staff to the case.
    AddOperator(Operator) = "add_operator";
    /// Records the language of the sessions and the linguistic-cultural mediator present
    /// (a later one replaces it; printed on the Documento di trasparenza).
    RecordSession(SessionLanguage) = "record_session";
    /// Made by the engine, never sent: an operator acted with frameworks other than those the
    /// case ran on, explicitly allowing it; from here on the case runs on these.
    ChangeFrameworks(FrameworkChange) = "change_frameworks";
}

impl Action {
    /// The payload as JSON (what the event stores).
    ///
    /// # Errors
    /// Never for the types of this module; kept fallible because serialization is.
    pub fn to_parts(&self) -> Result<(ActionKind, Value), serde_json::Error> {
        let value = serde_json::to_value(self)?;
        let payload = match value {
            Value::Object(mut map) => map.remove("payload").unwrap_or(Value::Null),
            _ => Value::Null,
        };
        Ok((self.kind(), payload))
    }

    /// Rebuilds an action from an event's `kind` and `payload`.
    ///
    /// # Errors
    /// A message naming the unknown kind or the payload field that does not fit (never the
    /// field's value).
    pub fn from_parts(kind: &str, payload: &Value) -> Result<Action, String> {
        if ActionKind::from_slug(kind).is_none() {
            // The mistyped kind is input: never quoted (it could be anything typed there).
            let kinds: Vec<&str> = ActionKind::ALL.iter().map(|k| k.as_str()).collect();
            return Err(format!(
                "unknown action kind; expected one of: {}",
                kinds.join(", ")
            ));
        }
        let value = serde_json::json!({"kind": kind, "payload": payload});
        serde_path_to_error::deserialize::<_, Action>(crate::json::maps_only(value)).map_err(
            |err| {
                // The path holds keys of the input: escaped and shortened like any echo.
                let path = crate::text::echo(&err.path().to_string()).into_owned();
                let inner = err.into_inner();
                let what = match inner.classify() {
                    serde_json::error::Category::Data => {
                        crate::text::describe_serde_error(&inner.to_string())
                    }
                    _ => "malformed payload".to_owned(),
                };
                format!("payload of '{kind}' at '{path}': {what}")
            },
        )
    }
}

/// What the accoglienza found about the person's access.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    /// The person received the information to take part knowingly.
    pub informed: bool,
    /// The access requirements are met (otherwise the person is redirected).
    pub requirements_met: bool,
    /// Notes of the accoglienza (no personal data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// Payload of `open_case`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenCase {
    /// Case id (pseudonymous).
    pub case_id: String,
    /// The person's competence record (pseudonymous: personal data may be left out).
    pub record: CompetenceRecord,
    /// The target qualification, scheme `<framework>.qualification`.
    pub target: FrameworkRef,
    /// The ente titolato running the case.
    pub ente: EnteTitolato,
    /// Staff who may act on the case.
    pub operators: Vec<Operator>,
    /// Filled by the engine, never by the opener: the rules the case runs under, copied from
    /// the titolare profile loaded with the frameworks. Logs written before profiles may carry
    /// the opener's rules here (absent: [`ProcedureConfig::default`]); they replay as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<ProcedureConfig>,
    /// Filled by the engine, never by the opener: the titolare profile the rules come from
    /// (id, version, checksum).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<ProfileStamp>,
    /// Filled by the engine ([`Case::continue_from`](super::Case::continue_from)),
    /// never by the opener: the earlier case this one continues and the credits taken from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continues: Option<Continuation>,
    /// Result of the accoglienza.
    pub eligibility: Eligibility,
    /// Filled by the engine, never by the opener: the frameworks loaded when the case was
    /// opened (id, version, checksum). An `open_case` action that carries it is refused.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub frameworks: Vec<FrameworkStamp>,
}

/// Payload of `change_frameworks` (made by the engine when a change is explicitly allowed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrameworkChange {
    /// The frameworks the case ran on until this event.
    pub previous: Vec<FrameworkStamp>,
    /// The frameworks it runs on from this event on.
    pub frameworks: Vec<FrameworkStamp>,
}

/// Payload of the signing actions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// The signed document, by reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<FileRef>,
}

/// Payload of `close_identificazione`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseIdentificazione {
    /// `true`: the person goes on to valutazione; `false`: the person stops here and the
    /// Documento di trasparenza is the outcome.
    pub proceed_to_valutazione: bool,
}

/// What happens to a case whose valutazione closes with nothing validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CloseDecision {
    /// The case ends; the Documento di trasparenza is its outcome.
    EndAfterTrasparenza,
    /// The case goes back to identificazione (more evidence, another target item), to be
    /// assessed again later.
    ReturnToIdentificazione,
}

/// Payload of `close_valutazione`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseValutazione {
    /// Free note (no personal data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// With nothing validated: what happens to the case (the titolare profile may require it;
    /// without it such a case ends after the trasparenza).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<CloseDecision>,
}

/// Payload of the issuing actions: what the act states besides the case's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issuance {
    /// Place of issue.
    pub place: String,
    /// Who signs (an official acting in that capacity, not the person).
    pub signatory: Signatory,
    /// Registration in the titolare's information system, when already known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration: Option<Registration>,
    /// Operator ids of the board who take part in the attestazione besides the issuer (the
    /// titolare profile may require an F2 assessor among them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<String>,
}

/// A payload that only carries an optional note.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// Free note (no personal data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Why a person is redirected to another service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReferralReason {
    /// Access requirements not met, or not interested.
    NotEligible,
    /// The target leads to an attività riservata / regulated profession.
    ReservedActivity,
    /// A foreign formal title that needs recognition (equipollenza, riconoscimento), not
    /// validation.
    ForeignTitleRecognition,
    /// Another reason (see the note).
    Other,
}

/// Payload of `refer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Referral {
    /// Why.
    pub reason: ReferralReason,
    /// The service the person is sent to.
    pub to: String,
    /// Free note (no personal data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
