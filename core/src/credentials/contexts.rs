//! The JSON-LD contexts Attesta knows, compiled in (`data/contexts/`, README there names each
//! source). The document loader of the canonicalization serves only these: a credential that
//! names any other context is refused with [`CredentialError::UnknownContext`], so nothing is
//! ever fetched.

use super::CredentialError;

/// W3C Verifiable Credentials Data Model 2.0.
pub const CREDENTIALS_V2: &str = "https://www.w3.org/ns/credentials/v2";
/// W3C Data Integrity v2 (also contained in [`CREDENTIALS_V2`]).
pub const DATA_INTEGRITY_V2: &str = "https://w3id.org/security/data-integrity/v2";
/// 1EdTech Open Badges 3.0.3.
pub const OPEN_BADGES_V3: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
/// The examples context of the VC specifications (used by the cryptosuite test vectors).
pub const CREDENTIALS_EXAMPLES_V2: &str = "https://www.w3.org/ns/credentials/examples/v2";

const SHIPPED: [(&str, &str); 4] = [
    (
        CREDENTIALS_V2,
        include_str!("../../../data/contexts/credentials-v2.jsonld"),
    ),
    (
        DATA_INTEGRITY_V2,
        include_str!("../../../data/contexts/data-integrity-v2.jsonld"),
    ),
    (
        OPEN_BADGES_V3,
        include_str!("../../../data/contexts/ob-v3p0-context-3.0.3.json"),
    ),
    (
        CREDENTIALS_EXAMPLES_V2,
        include_str!("../../../data/contexts/credentials-examples-v2.jsonld"),
    ),
];

/// The URLs of every context Attesta ships.
pub fn shipped_contexts() -> impl Iterator<Item = &'static str> {
    SHIPPED.iter().map(|(url, _)| *url)
}

/// The shipped context document for `url`.
///
/// # Errors
/// [`CredentialError::UnknownContext`] for any other URL.
pub fn context_document(url: &str) -> Result<&'static str, CredentialError> {
    SHIPPED
        .iter()
        .find(|(known, _)| *known == url)
        .map(|(_, document)| *document)
        .ok_or_else(|| CredentialError::UnknownContext {
            url: url.chars().take(200).collect(),
        })
}
