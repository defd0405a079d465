//! The *Documento di trasparenza* (D.I. 30/6/2015 art. 6 c. 1): the output of identificazione e
//! messa in trasparenza, an *attestazione di parte prima*.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{
    DocumentEnteTitolato, DocumentEvidence, DocumentExperience, DocumentOperator, DocumentPerson,
    QualificationInfo, Repertoire, ValueSource,
};
use super::AttestationStrength;
use crate::model::{FrameworkRef, LanguageSkill, SelfAssessment};
use crate::procedure::EnteTitolare;

/// *Documento di supporto alla messa in trasparenza delle competenze acquisite*.
///
/// Legal minimum (art. 6 c. 1): the person's dati anagrafici, the competences identified as
/// potential objects of validation, the experiences related to them. The rest (ente titolato,
/// the F1 operator, evidence, dates) is recommended practice [B].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentoTrasparenza {
    /// Schema version, `"1.1"` (`"1.0"` documents, without languages, ESCO claims,
    /// qualifications of reference and referral, still read).
    pub schema_version: String,
    /// Document identifier (protocol or system id).
    pub id: String,
    /// Always `parte_prima` for this document.
    pub strength: AttestationStrength,
    /// The person (art. 6 c. 1 a).
    pub person: DocumentPerson,
    /// The ente titolare whose rules apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ente_titolare: Option<EnteTitolare>,
    /// The ente titolato that delivered the service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ente_titolato: Option<DocumentEnteTitolato>,
    /// Operators, at least the F1 operator (EITC) who guided the person.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operators: Vec<DocumentOperator>,
    /// Competences identified as potential objects of validation (art. 6 c. 1 b).
    pub competences: Vec<IdentifiedCompetence>,
    /// Experiences related to those competences (art. 6 c. 1 c).
    pub experiences: Vec<DocumentExperience>,
    /// Evidence collected, each linked to the competences it supports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<DocumentEvidence>,
    /// The qualifications of reference (art. 5 D.Lgs. 13/2013): the target first, then every
    /// other qualification of the repertoire that includes an identified UC.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub qualifications: Vec<QualificationInfo>,
    /// Mother tongue(s), ISO 639-1.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mother_tongues: Vec<String>,
    /// Other languages with the CEFR level per dimension, as recorded with the person.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<LanguageSkill>,
    /// ESCO skills and occupations the person claims (outside the repertoire).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub esco: Vec<EscoClaim>,
    /// The referral made alongside or after this document (the person keeps the document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referral: Option<DocumentReferral>,
    /// Date the document was drawn up, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^\d{4}-\d{2}-\d{2}$"))]
    pub issue_date: Option<String>,
    /// Place where it was drawn up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue_place: Option<String>,
    /// Whether the person signed the declaration that the content is true (parte prima).
    #[serde(default)]
    pub person_declaration: bool,
    /// Id of the procedure (case) that produced it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_id: Option<String>,
    /// The language the sessions were held in and the linguistic-cultural mediator present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<SessionLanguage>,
}

/// The language of the sessions with the person and the linguistic-cultural mediator present
/// (payload of the case action `record_session`, printed on the Documento di trasparenza).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionLanguage {
    /// The language the sessions are held in: an ISO 639-1 code or one of Attesta's locales
    /// (e.g. `ti`, `ar`, `prs`).
    pub language: String,
    /// The linguistic-cultural mediator present, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mediator: Option<Mediator>,
}

/// A linguistic-cultural mediator, as the service records its staff: a pseudonymous id and the
/// organisation they work for, never a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mediator {
    /// Pseudonymous id (letters, digits, `-`, `_`, `.`, `:`).
    pub id: String,
    /// The organisation or service providing the mediator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
}

/// A competence identified as a potential object of validation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IdentifiedCompetence {
    /// Id, unique within the document; evidence refers to it.
    pub id: String,
    /// The unit of competence (UC) in its repertoire, e.g. `rrfp_toscana.unit` `1710`.
    pub unit: FrameworkRef,
    /// Denominazione of the UC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The repertoire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repertoire: Option<Repertoire>,
    /// Reference qualification(s) that include the UC.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub qualifications: Vec<QualificationInfo>,
    /// Atlante del Lavoro ADA codes, where known.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub atlante_ada: Vec<String>,
    /// The source of values not taken from the repertoire as published (overlay values).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<ValueSource>,
    /// Ids of the experiences (of this document) in which it was acquired.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub experiences: Vec<String>,
    /// The person's self-assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_assessment: Option<SelfAssessment>,
}

/// Whether an ESCO concept is a skill or an occupation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EscoKind {
    /// An ESCO skill or knowledge concept.
    Skill,
    /// An ESCO occupation.
    Occupation,
    /// Another concept (read from the URI; neither path segment matched).
    Other,
}

impl EscoKind {
    /// The kind an ESCO URI names (`…/esco/skill/…`, `…/esco/occupation/…`).
    pub fn of_uri(uri: &str) -> Self {
        if uri.contains("/skill/") {
            EscoKind::Skill
        } else if uri.contains("/occupation/") {
            EscoKind::Occupation
        } else {
            EscoKind::Other
        }
    }
}

/// An ESCO skill or occupation the person claims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EscoClaim {
    /// The concept: scheme `esco`, the URI as code, and the ESCO version (the claim's, else
    /// that of the ESCO bundle loaded when the document was drawn up).
    pub reference: FrameworkRef,
    /// Skill or occupation.
    pub kind: EscoKind,
    /// Preferred label, when an ESCO bundle was loaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The language of `label` (ISO 639-1): the one asked, or a fallback when the ESCO bundle
    /// lacks it (see `attesta::l10n::pick_label`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_lang: Option<String>,
    /// The person's self-assessment.
    pub self_assessment: SelfAssessment,
}

/// A referral to another service, made alongside or after the Documento di trasparenza.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentReferral {
    /// Why, as the procedure words it (`not_eligible`, `reserved_activity`,
    /// `foreign_title_recognition`, `other`).
    pub reason: String,
    /// The service the person is sent to.
    pub to: String,
    /// Day of the referral, `YYYY-MM-DD`.
    #[schemars(pattern(r"^\d{4}-\d{2}-\d{2}$"))]
    pub date: String,
}
