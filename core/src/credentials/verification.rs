//! The options and outcome of Data Integrity proofs: the cryptosuites, how to sign, and what a
//! verification found. Plain data, in every build (their schemas are part of the contract);
//! signing and verifying need feature `credentials`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::CredentialError;

/// A Data Integrity cryptosuite for Ed25519.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub enum Cryptosuite {
    /// RDF Dataset Canonicalization (RDFC-1.0): what the Open Badges 3.0 ecosystem verifies.
    #[default]
    #[serde(rename = "eddsa-rdfc-2022")]
    EddsaRdfc2022,
    /// JSON Canonicalization Scheme: needs no JSON-LD context (so also for ELM credentials).
    #[serde(rename = "eddsa-jcs-2022")]
    EddsaJcs2022,
}

impl Cryptosuite {
    /// The name in `proof.cryptosuite`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Cryptosuite::EddsaRdfc2022 => "eddsa-rdfc-2022",
            Cryptosuite::EddsaJcs2022 => "eddsa-jcs-2022",
        }
    }

    /// Parses the name.
    ///
    /// # Errors
    /// [`CredentialError::UnsupportedSuite`] for any other name.
    pub fn from_name(name: &str) -> Result<Self, CredentialError> {
        match name {
            "eddsa-rdfc-2022" => Ok(Cryptosuite::EddsaRdfc2022),
            "eddsa-jcs-2022" => Ok(Cryptosuite::EddsaJcs2022),
            other => Err(CredentialError::UnsupportedSuite(
                other.chars().take(40).collect(),
            )),
        }
    }
}

/// How to sign a credential.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProofOptions {
    /// The cryptosuite; `eddsa-rdfc-2022` when absent.
    #[serde(default)]
    pub cryptosuite: Cryptosuite,
    /// The verification method to name in the proof (a URL the verifier resolves to the
    /// public key, e.g. `https://cpi.example/issuer#key-1`); absent: the key's `did:key`
    /// (`did:key:z6Mk…#z6Mk…`), which carries the public key itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification_method: Option<String>,
    /// The proof's `created` date-time (`YYYY-MM-DDThh:mm:ssZ`); the library reads no clock, so
    /// absent means no `created`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"))]
    pub created: Option<String>,
}

/// Why a proof did not verify: a stable code and a fixed message (never credential values).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProofProblem {
    /// `proof.missing`, `proof.malformed`, `proof.unsupported`, `proof.context_mismatch`,
    /// `proof.no_key`, `proof.signature_mismatch`.
    pub code: String,
    /// What it means.
    pub message: String,
}

/// The outcome of verifying a credential's proof.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CredentialVerification {
    /// Whether the proof is intact and signed by the key.
    pub verified: bool,
    /// The proof's cryptosuite, when it names a supported one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cryptosuite: Option<Cryptosuite>,
    /// The proof's `verificationMethod`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification_method: Option<String>,
    /// The public key checked against (`publicKeyMultibase`), when there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// `supplied` (the caller's trusted key) or `did_key` (read from a `did:key` verification
    /// method: proves integrity, not who the issuer is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_source: Option<String>,
    /// Why it did not verify.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<ProofProblem>,
}
