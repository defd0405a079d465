//! Why a credential could not be exported, signed or checked at all.
//!
//! A credential whose proof does not verify is not an error: it yields a
//! [`CredentialVerification`](super::CredentialVerification) with `verified: false` and the
//! reason. This type is compiled in every build (the error catalogue is the same everywhere);
//! only builds with feature `credentials` produce it.

use thiserror::Error as ThisError;

/// A credential could not be exported, signed or verified. Messages name fields, URLs of
/// contexts and algorithms, never the values of the credential (which hold personal data).
#[derive(Debug, Clone, PartialEq, Eq, ThisError)]
#[non_exhaustive]
pub enum CredentialError {
    /// The document cannot be exported: it is not a Documento di validazione or a
    /// Certificato, or it has no validated UC (among those asked for).
    #[error("cannot export: {0}")]
    NotExportable(String),
    /// The credential is not JSON-LD Attesta can sign or verify (not an object, no
    /// `@context`, a malformed proof).
    #[error("not a credential Attesta can process: {0}")]
    InvalidCredential(String),
    /// The credential names a JSON-LD context Attesta does not ship (contexts are never
    /// fetched from the network).
    #[error("JSON-LD context not available offline: {url}")]
    UnknownContext {
        /// The context's URL.
        url: String,
    },
    /// JSON-LD expansion or RDF canonicalization failed (e.g. an invalid IRI, or a graph too
    /// complex for the canonicalization limit).
    #[error("cannot canonicalize the credential: {0}")]
    Canonicalization(String),
    /// A cryptosuite other than `eddsa-rdfc-2022` and `eddsa-jcs-2022`.
    #[error("unsupported cryptosuite '{0}' (supported: eddsa-rdfc-2022, eddsa-jcs-2022)")]
    UnsupportedSuite(String),
    /// A key is not an Ed25519 key in one of the accepted forms (Multikey, JWK, PEM); the
    /// key material is never quoted.
    #[error("invalid key: {0}")]
    InvalidKey(String),
}
