//! Portable credentials (feature `credentials`): a validated case's Documento di validazione
//! or Certificato exported as Open Badges 3.0 credentials, a European Learning Model v3
//! credential, or a Libretto formativo record, and signed or verified with a W3C Data
//! Integrity proof (Ed25519, `eddsa-rdfc-2022` or `eddsa-jcs-2022`).
//!
//! Exports are deterministic: ids derive from the case (or document) id and the UC,
//! `validFrom` is the document's issue date, and no clock, random number or network is used.
//! JSON-LD contexts are compiled in ([`shipped_contexts`]); keys come from the host
//! ([`CredentialKey`]), never generated.
//!
//! ```
//! # #[cfg(feature = "credentials")] {
//! use attesta::credentials::{export_credentials, sign_credential, verify_credential,
//!     CredentialKey, ExportFormat, ExportOptions, ProofOptions};
//! let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"),
//!     "/../tests/cases/demo-450/expected/documents/documento_validazione-case-2025-0147-DV.json"))?;
//! let document: attesta::documents::Document = serde_json::from_str(&json)?;
//! let options = ExportOptions { format: ExportFormat::Ob3, ..ExportOptions::default() };
//! let badges = export_credentials(&document, None, &options)?;
//! assert_eq!(badges.len(), 2); // one per validated UC
//! let key = CredentialKey::from_secret_bytes(&[42; 32]); // the host's key, never generated
//! let signed = sign_credential(&badges[0], &key, &ProofOptions::default())?;
//! assert!(verify_credential(&signed, Some(&key))?.verified);
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
mod libretto;
mod verification;

pub use error::CredentialError;
pub use libretto::{
    LibrettoAct, LibrettoBody, LibrettoCompetence, LibrettoPerson, LibrettoRecord,
    LIBRETTO_SCHEMA_VERSION,
};
pub use verification::{CredentialVerification, Cryptosuite, ProofOptions, ProofProblem};

#[cfg(feature = "credentials")]
mod contexts;
#[cfg(feature = "credentials")]
mod elm;
#[cfg(feature = "credentials")]
mod keys;
#[cfg(feature = "credentials")]
mod ob3;
#[cfg(feature = "credentials")]
mod proof;
#[cfg(feature = "credentials")]
mod rdf;
#[cfg(feature = "credentials")]
mod source;

#[cfg(feature = "credentials")]
pub use contexts::{
    context_document, shipped_contexts, CREDENTIALS_EXAMPLES_V2, CREDENTIALS_V2, DATA_INTEGRITY_V2,
    OPEN_BADGES_V3,
};
#[cfg(feature = "credentials")]
pub use elm::{CREDENTIALS_V1, EDC_AP};
#[cfg(feature = "credentials")]
pub use keys::CredentialKey;
#[cfg(feature = "credentials")]
pub use proof::{sign_credential, verify_credential};
#[cfg(feature = "credentials")]
pub use rdf::{canonical_nquads, check_depth, MAX_CREDENTIAL_DEPTH, MAX_QUADS};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// Open Badges 3.0 `OpenBadgeCredential`s, one per validated UC.
    #[default]
    Ob3,
    /// One European Learning Model v3 (Europass EDC) credential.
    Elm,
    /// One Libretto formativo record (plain JSON, [`LibrettoRecord`]).
    Libretto,
}

impl ExportFormat {
    /// The word used in options and on the command line.
    pub const fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Ob3 => "ob3",
            ExportFormat::Elm => "elm",
            ExportFormat::Libretto => "libretto",
        }
    }
}

fn default_true() -> bool {
    true
}

/// What to export from a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExportOptions {
    /// The format; `ob3` when absent.
    #[serde(default)]
    pub format: ExportFormat,
    /// Codes of the UCs to export (e.g. `["1955"]`); empty: every validated UC.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<String>,
    /// The issuer's id (a URL or DID; for a proof verified elsewhere, the controller of the
    /// signing key); absent: `urn:attesta:issuer:<ente titolato code>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer_id: Option<String>,
    /// The credential subject's id (e.g. the person's wallet DID); absent: none in OB3, the
    /// person's pseudonymous id as a URN in ELM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject_id: Option<String>,
    /// Whether the person's name (OB3, ELM) and dati anagrafici (Libretto) go in: true for the
    /// person's own credentials and the job centre's register, false for anything shared
    /// further.
    #[serde(default = "default_true")]
    pub include_personal_data: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            format: ExportFormat::Ob3,
            units: Vec::new(),
            issuer_id: None,
            subject_id: None,
            include_personal_data: true,
        }
    }
}

/// Exports a Documento di validazione or a Certificato: a list of JSON documents (OB3: one per
/// UC; ELM and Libretto: one). ESCO alignments come from the `frameworks`' links of each UC.
///
/// # Errors
/// [`CredentialError::NotExportable`] for a Documento di trasparenza, a document without a
/// validated UC, or a requested UC it does not validate.
#[cfg(feature = "credentials")]
pub fn export_credentials(
    document: &crate::documents::Document,
    frameworks: Option<&crate::framework::FrameworkSet>,
    options: &ExportOptions,
) -> Result<Vec<serde_json::Value>, CredentialError> {
    let source = source::Source::read(document, frameworks, options)?;
    Ok(match options.format {
        ExportFormat::Ob3 => ob3::credentials(&source, options),
        ExportFormat::Elm => vec![elm::credential(&source, options)],
        ExportFormat::Libretto => {
            let record = libretto::record(&source, options);
            // A typed record of plain data always serializes.
            vec![serde_json::to_value(record).unwrap_or_default()]
        }
    })
}

/// The Libretto formativo record of a document, typed.
///
/// # Errors
/// As [`export_credentials`].
#[cfg(feature = "credentials")]
pub fn libretto_record(
    document: &crate::documents::Document,
    frameworks: Option<&crate::framework::FrameworkSet>,
    options: &ExportOptions,
) -> Result<LibrettoRecord, CredentialError> {
    let source = source::Source::read(document, frameworks, options)?;
    Ok(libretto::record(&source, options))
}
