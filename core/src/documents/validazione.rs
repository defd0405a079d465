//! The *Documento di validazione* (D.I. 30/6/2015 art. 5 and art. 6 c. 2): the public act that
//! ends individuazione e validazione, at least *parte seconda*; and the competence entry it
//! shares with the [`Certificato`](super::Certificato).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{
    DocumentEnteTitolato, DocumentExperience, DocumentOperator, DocumentPerson, QualificationInfo,
    Registration, Repertoire, Signatory, ValueSource,
};
use super::AttestationStrength;
use crate::model::{FrameworkRef, LearningContext};
use crate::procedure::EnteTitolare;

/// *Documento di validazione*: a public act with the art. 6 D.Lgs. 13/2013 content and the ADA
/// codes of every validated competence (D.I. 30/6/2015 art. 6 c. 2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentoValidazione {
    /// Schema version, `"1.0"`.
    pub schema_version: String,
    /// Document identifier (protocol number or system id).
    pub id: String,
    /// `parte_seconda` (ente titolato's responsibility) or `parte_terza`.
    pub strength: AttestationStrength,
    /// The person (art. 6 c. 1 a).
    pub person: DocumentPerson,
    /// The ente pubblico titolare (art. 6 c. 1 b).
    pub ente_titolare: EnteTitolare,
    /// The ente titolato, with the legal reference of its authorisation (art. 6 c. 1 b).
    pub ente_titolato: DocumentEnteTitolato,
    /// Operators who took part (F1, F2, F3); assessments refer to them by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operators: Vec<DocumentOperator>,
    /// The validated competences (art. 6 c. 1 c).
    pub competences: Vec<AttestedCompetence>,
    /// The experiences and courses the competences were learned in (art. 6 c. 1 d).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub experiences: Vec<DocumentExperience>,
    /// Issue date, `YYYY-MM-DD`.
    #[schemars(pattern(r"^\d{4}-\d{2}-\d{2}$"))]
    pub issue_date: String,
    /// Place of issue.
    pub issue_place: String,
    /// Who signs.
    pub signatory: Signatory,
    /// Id of the Documento di trasparenza the validation started from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transparency_document: Option<String>,
    /// Id of the procedure (case) that produced it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_id: Option<String>,
    /// Registration in the titolare's information system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration: Option<Registration>,
}

/// An assessment method (DOMAIN.md §1.7; the Tuscan list is [B]): planned and recorded in a
/// case, and printed on the Documento di validazione and the Certificato.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum AssessmentMethod {
    /// *Esame tecnico della documentazione*: review of the evidence dossier.
    EsameDocumentale,
    /// *Colloquio tecnico*: technical interview (checks conoscenze and the account of
    /// experience).
    ColloquioTecnico,
    /// *Prova prestazionale / pratica*, including simulation (checks capacità).
    ProvaPrestazionale,
    /// *Osservazione in situazione*: observation at the workplace or an internship.
    OsservazioneInSituazione,
}

impl AssessmentMethod {
    /// The JSON word.
    pub const fn as_str(self) -> &'static str {
        match self {
            AssessmentMethod::EsameDocumentale => "esame_documentale",
            AssessmentMethod::ColloquioTecnico => "colloquio_tecnico",
            AssessmentMethod::ProvaPrestazionale => "prova_prestazionale",
            AssessmentMethod::OsservazioneInSituazione => "osservazione_in_situazione",
        }
    }
}

/// The outcome (*esito*) of the assessment of one competence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AssessmentOutcome {
    /// Esito positivo: the competence is validated (or certified).
    Positive,
    /// Esito parziale: only some capacità/conoscenze (listed in `validated_items`).
    Partial,
    /// Esito negativo: not validated; such a UC does not belong on the document.
    Negative,
}

/// How one competence was assessed (art. 6 c. 1 d D.Lgs. 13/2013).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompetenceAssessment {
    /// The method(s) used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<AssessmentMethod>,
    /// When each method took place (a colloquio tecnico and a prova prestazionale are often on
    /// different days). Documents of schema 1.0 have only `date`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sessions: Vec<AssessmentSession>,
    /// Date of the assessment (the decision), `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^\d{4}-\d{2}-\d{2}$"))]
    pub date: Option<String>,
    /// The outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<AssessmentOutcome>,
    /// Ids of the assessors among the document's `operators`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assessors: Vec<String>,
}

/// One assessment session of a competence: a method and the day it took place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentSession {
    /// The method.
    pub method: AssessmentMethod,
    /// The day, `YYYY-MM-DD`.
    #[schemars(pattern(r"^\d{4}-\d{2}-\d{2}$"))]
    pub date: String,
}

/// A validated or certified competence, as listed on a Documento di validazione or a Certificato.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttestedCompetence {
    /// Id, unique within the document.
    pub id: String,
    /// The unit of competence (UC), e.g. `rrfp_toscana.unit` `1710`.
    pub unit: FrameworkRef,
    /// Denominazione.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Description (capacità and conoscenze in summary).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The repertoire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repertoire: Option<Repertoire>,
    /// Reference qualification(s), each with EQF level and ATECO/CP codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub qualifications: Vec<QualificationInfo>,
    /// Atlante del Lavoro ADA codes (D.I. 30/6/2015 art. 6 c. 2: mandatory for each, unless
    /// one of the alternatives below is cited).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub atlante_ada: Vec<String>,
    /// The alternative reference art. 6 c. 2 allows instead of ADA codes: the *gruppi di
    /// correlazione* of the Atlante the competence belongs to (schema 1.1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub correlation_groups: Vec<String>,
    /// The other alternative reference: single *attività di lavoro* of the Atlante (schema 1.1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub work_activities: Vec<String>,
    /// The source of values not taken from the repertoire as published (overlay values).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<ValueSource>,
    /// Learning contexts, when stated without (or besides) experiences.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub learning_contexts: Vec<LearningContext>,
    /// Ids of the document's experiences in which it was learned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub experiences: Vec<String>,
    /// How it was assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<CompetenceAssessment>,
    /// For a partial outcome: the capacità/conoscenze validated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub validated_items: Vec<FrameworkRef>,
    /// For a competence not assessed in this procedure but credited from an earlier
    /// attestation (a later Documento di validazione covers the union, D.I. 5/1/2021 art. 3
    /// c. 2): the earlier document, whose assessment stands. Absent: assessed here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credited_from: Option<CreditedFrom>,
}

/// The earlier attestation a competence is credited from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CreditedFrom {
    /// Id of the earlier document (e.g. the earlier case's Documento di validazione).
    pub document: String,
    /// `parte_seconda` (a Documento di validazione) or `parte_terza` (a Certificato).
    pub strength: AttestationStrength,
    /// The body that issued it.
    pub issuer: String,
    /// Its issue date, `YYYY-MM-DD`.
    #[schemars(pattern(r"^\d{4}-\d{2}-\d{2}$"))]
    pub issued_on: String,
}
