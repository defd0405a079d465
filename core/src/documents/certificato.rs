//! The *Certificato* (D.I. 30/6/2015 art. 5 and art. 6 c. 3): the public act that ends the
//! certification procedure, an *attestazione di parte terza* under the ente titolare's
//! responsibility.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{
    DocumentEnteTitolato, DocumentExperience, DocumentOperator, DocumentPerson, Registration,
    Signatory,
};
use super::validazione::AttestedCompetence;
use super::AttestationStrength;
use crate::procedure::EnteTitolare;

/// *Certificato di competenze*: the art. 6 D.Lgs. 13/2013 content, issued as parte terza.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Certificato {
    /// Schema version, `"1.0"`.
    pub schema_version: String,
    /// Document identifier (protocol number or system id).
    pub id: String,
    /// Always `parte_terza`.
    pub strength: AttestationStrength,
    /// The person (art. 6 c. 1 a).
    pub person: DocumentPerson,
    /// The ente pubblico titolare, under whose responsibility it is issued.
    pub ente_titolare: EnteTitolare,
    /// The ente titolato that supported the procedure, with its authorisation.
    pub ente_titolato: DocumentEnteTitolato,
    /// Operators who took part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operators: Vec<DocumentOperator>,
    /// The certified competences.
    pub competences: Vec<AttestedCompetence>,
    /// The experiences and courses the competences were learned in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub experiences: Vec<DocumentExperience>,
    /// The assessment board (commissione), when there was one [B].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub board: Option<AssessmentBoard>,
    /// Issue date, `YYYY-MM-DD`.
    #[schemars(pattern(r"^\d{4}-\d{2}-\d{2}$"))]
    pub issue_date: String,
    /// Place of issue.
    pub issue_place: String,
    /// Who signs, on behalf of the ente titolare.
    pub signatory: Signatory,
    /// Id of the Documento di validazione the certification followed, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation_document: Option<String>,
    /// Id of the procedure (case) that produced it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_id: Option<String>,
    /// Registration in the titolare's information system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration: Option<Registration>,
}

/// The assessment board (*commissione d'esame*).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentBoard {
    /// The act that appointed it, as cited on paper.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appointed_by: Option<String>,
    /// Date of the exam session, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^\d{4}-\d{2}-\d{2}$"))]
    pub date: Option<String>,
    /// Members.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<BoardMember>,
}

/// A member of the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BoardMember {
    /// Role on the board, e.g. "Presidente", "Esperto di settore", "EVAC".
    pub role: String,
    /// Name as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Id among the document's operators, when the member is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
}
