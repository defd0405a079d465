//! The *Documento di trasparenza* (D.I. 30/6/2015 art. 6 c. 1): the output of identificazione e
//! messa in trasparenza, an *attestazione di parte prima*.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{
    DocumentEvidence, DocumentExperience, DocumentPerson, EnteTitolare, EnteTitolato, Operator,
    QualificationInfo, Repertoire, ValueSource,
};
use super::AttestationStrength;
use crate::model::{FrameworkRef, SelfAssessment};

/// *Documento di supporto alla messa in trasparenza delle competenze acquisite*.
///
/// Legal minimum (art. 6 c. 1): the person's dati anagrafici, the competences identified as
/// potential objects of validation, the experiences related to them. The rest (ente titolato,
/// the F1 operator, evidence, dates) is recommended practice [B].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentoTrasparenza {
    /// Schema version, `"1.0"`.
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
    pub ente_titolato: Option<EnteTitolato>,
    /// Operators, at least the F1 operator (EITC) who guided the person.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operators: Vec<Operator>,
    /// Competences identified as potential objects of validation (art. 6 c. 1 b).
    pub competences: Vec<IdentifiedCompetence>,
    /// Experiences related to those competences (art. 6 c. 1 c).
    pub experiences: Vec<DocumentExperience>,
    /// Evidence collected, each linked to the competences it supports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<DocumentEvidence>,
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
