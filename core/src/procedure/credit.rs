//! Credits: earlier attestations that already cover some UCs of the target (D.I. 5/1/2021
//! art. 3 c. 2: validated or certified competences may count as credits). A credit is
//! recorded, never re-issued: the earlier documents stay as they were, and the new Documento
//! di validazione lists only what this case validated. [`Coverage`] combines both views.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What the earlier attestation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CreditKind {
    /// A Documento di validazione issued by an earlier case.
    DocumentoValidazione,
    /// A Certificato (parte terza).
    Certificato,
    /// A course certificate (e.g. a Tuscan certificato di competenze or attestato) covering
    /// the UCs.
    CourseCertificate,
}

/// Payload of `add_credit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Credit {
    /// Id, unique within the case.
    pub id: String,
    /// Kind of attestation.
    pub kind: CreditKind,
    /// Issuing body.
    pub issuer: String,
    /// Issue date, `YYYY-MM-DD`.
    #[schemars(pattern(r"^\d{4}-\d{2}-\d{2}$"))]
    pub issued_on: String,
    /// Reference (protocol number, document id).
    pub reference: String,
    /// UC codes of the target it covers.
    pub units: Vec<String>,
}

/// The coverage of the target's UCs: by this case and by credits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    /// UCs validated in this case.
    pub validated_here: Vec<String>,
    /// UCs covered by credits, with the credit ids.
    pub credited: Vec<(String, Vec<String>)>,
    /// UCs covered by neither.
    pub uncovered: Vec<String>,
    /// Whether every UC of the target is covered one way or the other.
    pub complete: bool,
}
