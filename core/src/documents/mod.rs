//! The three legal documents of the IVC services and what Attesta does with them.
//!
//! | document | ends | strength | type |
//! |---|---|---|---|
//! | *Documento di trasparenza* | identificazione e messa in trasparenza | parte prima (D.I. 30/6/2015 art. 6 c. 1) | [`DocumentoTrasparenza`] |
//! | *Documento di validazione* | individuazione e validazione | at least parte seconda, public act (art. 5, art. 6 c. 2) | [`DocumentoValidazione`] |
//! | *Certificato* | certification procedure | parte terza, public act (art. 5, art. 6 c. 3) | [`Certificato`] |
//!
//! A [`Document`] is one of the three, tagged by `document_type` in JSON. The minimum content
//! of the validation document and of the certificate is the list of art. 6 D.Lgs. 13/2013 plus
//! the ADA codes of every competence (D.I. 30/6/2015 art. 6 c. 2).
//!
//! The person's dati anagrafici sit in one block ([`DocumentPerson::personal`]) so that a copy
//! can be redacted by dropping it; findings never quote them.

mod certificato;
mod check;
mod common;
mod render;
mod trasparenza;
mod validazione;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use certificato::{AssessmentBoard, BoardMember, Certificato};
pub use check::{
    check_document, check_document_value, DocumentChecker, ITALIAN_FIELD_NAMES,
    ITALIAN_OUTCOME_WORDS,
};
pub use common::{
    Authorisation, AuthorisationKind, DocumentEnteTitolato, DocumentEvidence, DocumentExperience,
    DocumentOperator, DocumentPerson, QualificationInfo, Registration, Repertoire, Signatory,
    ValueSource,
};
// One type each for cases and documents; re-exported here because documents print them.
pub use crate::procedure::{EnteTitolare, Role};
pub use render::{
    escape as escape_html, render_html, render_html_with_labels, Labels, RenderOptions,
    BUILTIN_LANGUAGES,
};
pub use trasparenza::{
    DocumentReferral, DocumentoTrasparenza, EscoClaim, EscoKind, IdentifiedCompetence, Mediator,
    SessionLanguage,
};
pub use validazione::{
    AssessmentMethod, AssessmentOutcome, AssessmentSession, AttestedCompetence,
    CompetenceAssessment, CreditedFrom, DocumentoValidazione,
};

/// The schema version of documents this build reads and writes.
///
/// 1.1 added the per-method assessment sessions, the awarding body of formal learning, and
/// the Documento di trasparenza's languages, ESCO claims, qualifications of reference and
/// referral; every 1.1 field is optional, so a 1.0 document still reads.
///
/// 1.2 gave cases and documents one [`EnteTitolare`] (which may list its `repertoires`) and one
/// [`Role`] (an operator's `functions` may name `responsabile` and `titolare` besides `f1`–`f3`);
/// both only widen what reads, so 1.0 and 1.1 documents still read (`tests/compat/`).
pub const DOCUMENT_SCHEMA_VERSION: &str = "1.2";

/// The strength of an attestation (D.I. 30/6/2015 art. 2), weakest first, so `<` compares.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum AttestationStrength {
    /// *Parte prima*: rests on the person's self-declaration, even when guided.
    PartePrima,
    /// *Parte seconda*: issued under the ente titolato's responsibility.
    ParteSeconda,
    /// *Parte terza*: issued under the ente titolare's responsibility.
    ParteTerza,
}

impl AttestationStrength {
    /// The JSON word, e.g. `parte_seconda`.
    pub const fn as_str(self) -> &'static str {
        match self {
            AttestationStrength::PartePrima => "parte_prima",
            AttestationStrength::ParteSeconda => "parte_seconda",
            AttestationStrength::ParteTerza => "parte_terza",
        }
    }

    /// Parses the JSON word.
    pub fn from_word(word: &str) -> Option<Self> {
        Some(match word {
            "parte_prima" => AttestationStrength::PartePrima,
            "parte_seconda" => AttestationStrength::ParteSeconda,
            "parte_terza" => AttestationStrength::ParteTerza,
            _ => return None,
        })
    }
}

/// Which of the three documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentType {
    /// Documento di trasparenza.
    DocumentoTrasparenza,
    /// Documento di validazione.
    DocumentoValidazione,
    /// Certificato.
    Certificato,
}

impl DocumentType {
    /// Every document type.
    pub const ALL: [DocumentType; 3] = [
        DocumentType::DocumentoTrasparenza,
        DocumentType::DocumentoValidazione,
        DocumentType::Certificato,
    ];

    /// The JSON word (the value of `document_type`).
    pub const fn as_str(self) -> &'static str {
        match self {
            DocumentType::DocumentoTrasparenza => "documento_trasparenza",
            DocumentType::DocumentoValidazione => "documento_validazione",
            DocumentType::Certificato => "certificato",
        }
    }

    /// Parses the JSON word.
    pub fn from_word(word: &str) -> Option<Self> {
        DocumentType::ALL.into_iter().find(|t| t.as_str() == word)
    }

    /// The strength the law requires at least (art. 6 c. 1–3 D.I. 30/6/2015).
    pub const fn minimum_strength(self) -> AttestationStrength {
        match self {
            DocumentType::DocumentoTrasparenza => AttestationStrength::PartePrima,
            DocumentType::DocumentoValidazione => AttestationStrength::ParteSeconda,
            DocumentType::Certificato => AttestationStrength::ParteTerza,
        }
    }
}

/// One of the three documents, tagged by `document_type` in JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "document_type", rename_all = "snake_case")]
pub enum Document {
    /// A Documento di trasparenza.
    DocumentoTrasparenza(DocumentoTrasparenza),
    /// A Documento di validazione.
    DocumentoValidazione(DocumentoValidazione),
    /// A Certificato.
    Certificato(Certificato),
}

impl Document {
    /// Which document it is.
    pub fn document_type(&self) -> DocumentType {
        match self {
            Document::DocumentoTrasparenza(_) => DocumentType::DocumentoTrasparenza,
            Document::DocumentoValidazione(_) => DocumentType::DocumentoValidazione,
            Document::Certificato(_) => DocumentType::Certificato,
        }
    }

    /// The document identifier.
    pub fn id(&self) -> &str {
        match self {
            Document::DocumentoTrasparenza(d) => &d.id,
            Document::DocumentoValidazione(d) => &d.id,
            Document::Certificato(d) => &d.id,
        }
    }

    /// The attestation strength the document states.
    pub fn strength(&self) -> AttestationStrength {
        match self {
            Document::DocumentoTrasparenza(d) => d.strength,
            Document::DocumentoValidazione(d) => d.strength,
            Document::Certificato(d) => d.strength,
        }
    }

    /// The person the document is about.
    pub fn person(&self) -> &DocumentPerson {
        match self {
            Document::DocumentoTrasparenza(d) => &d.person,
            Document::DocumentoValidazione(d) => &d.person,
            Document::Certificato(d) => &d.person,
        }
    }

    /// A copy without the person's dati anagrafici (for sharing, logs, statistics).
    #[must_use]
    pub fn redacted(&self) -> Document {
        let mut copy = self.clone();
        let person = match &mut copy {
            Document::DocumentoTrasparenza(d) => &mut d.person,
            Document::DocumentoValidazione(d) => &mut d.person,
            Document::Certificato(d) => &mut d.person,
        };
        person.personal = None;
        person.birth_place = None;
        copy
    }
}

impl From<DocumentoTrasparenza> for Document {
    fn from(d: DocumentoTrasparenza) -> Self {
        Document::DocumentoTrasparenza(d)
    }
}

impl From<DocumentoValidazione> for Document {
    fn from(d: DocumentoValidazione) -> Self {
        Document::DocumentoValidazione(d)
    }
}

impl From<Certificato> for Document {
    fn from(d: Certificato) -> Self {
        Document::Certificato(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tagged_json_round_trips_and_refuses_unknown_fields() {
        let json = serde_json::json!({
            "document_type": "documento_trasparenza",
            "schema_version": "1.0",
            "id": "DT-1",
            "strength": "parte_prima",
            "person": {"id": "p-1"},
            "competences": [],
            "experiences": []
        });
        let doc: Document = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(doc.document_type(), DocumentType::DocumentoTrasparenza);
        assert_eq!(
            serde_json::to_value(&doc).unwrap()["document_type"],
            json["document_type"]
        );
        let mut typo = json;
        typo["competenze"] = serde_json::json!([]);
        assert!(serde_json::from_value::<Document>(typo).is_err());
    }

    #[test]
    fn strengths_are_ordered_weakest_first() {
        assert!(AttestationStrength::PartePrima < AttestationStrength::ParteSeconda);
        assert!(DocumentType::Certificato.minimum_strength() == AttestationStrength::ParteTerza);
    }
}
