//! Evidence ("evidenze"): documents and artefacts that support experiences and claims.
//!
//! A file is referenced by digest and media type, never embedded: records travel through
//! browsers and logs, and scans of documents do not belong there.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What the evidence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// A school or university title (diploma, laurea), Italian or foreign.
    Diploma,
    /// A certificate of attendance or completion of a course.
    CourseCertificate,
    /// A payslip (busta paga).
    Payslip,
    /// An employment or service contract.
    Contract,
    /// A statement by an employer (attestazione di servizio, dichiarazione del datore di lavoro).
    EmployerStatement,
    /// A declaration by the person (autodichiarazione).
    SelfDeclaration,
    /// A photo, video or product made by the person.
    Product,
    /// A reference letter from a third party.
    ReferenceLetter,
    /// Anything else (describe it).
    Other,
}

/// Whether a foreign-language document has a translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TranslationStatus {
    /// The document is in Italian, or no translation is needed.
    #[default]
    NotNeeded,
    /// A translation is needed and missing.
    Missing,
    /// An informal translation (by the person, a mediator, an operator).
    Informal,
    /// A sworn or certified translation (traduzione giurata / asseverata).
    Certified,
}

/// What is known of the evidence's authenticity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Authenticity {
    /// Not checked yet.
    #[default]
    NotChecked,
    /// Checked against an original, the issuer or a register.
    Verified,
    /// Consistent and credible, not verified at the source.
    Plausible,
    /// Doubts remain (inconsistencies, unidentifiable issuer).
    Doubtful,
}

/// A file held elsewhere, identified by its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileRef {
    /// SHA-256 of the file's bytes, 64 lower-case hex characters.
    #[schemars(pattern(r"^[0-9a-f]{64}$"))]
    pub sha256: String,
    /// Media type, e.g. `application/pdf`.
    pub media_type: String,
    /// Size in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
}

/// One piece of evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Id, unique within the record.
    pub id: String,
    /// What it is.
    pub kind: EvidenceKind,
    /// Short description (what the document says, what the product shows).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Who issued it (organisation name); absent for self-issued evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Made by the person themself (self-declaration, own photos).
    #[serde(default)]
    pub self_issued: bool,
    /// Issue date (partial dates allowed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^\d{4}(-\d{2}(-\d{2})?)?$"))]
    pub issue_date: Option<String>,
    /// Country of issue, ISO 3166-1 alpha-2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^[A-Z]{2}$"))]
    pub country: Option<String>,
    /// Language of the document, ISO 639-1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^[a-z]{2}$"))]
    pub language: Option<String>,
    /// Translation status.
    #[serde(default)]
    pub translation: TranslationStatus,
    /// Authenticity status.
    #[serde(default)]
    pub authenticity: Authenticity,
    /// Ids of the experiences this evidence documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub experiences: Vec<String>,
    /// Ids of the claims this evidence supports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<String>,
    /// The file, by reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<FileRef>,
}
