//! W3C Data Integrity proofs with Ed25519: the cryptosuites `eddsa-rdfc-2022` (RDFC-1.0
//! canonical N-Quads) and `eddsa-jcs-2022` (JCS, RFC 8785) of W3C "Data Integrity `EdDSA`
//! Cryptosuites v1.0".
//!
//! Both hash the proof configuration (the proof without `proofValue`, with the document's
//! `@context`) and the document without its proof, each with SHA-256, and sign the two hashes
//! concatenated; `proofValue` is the signature in multibase base58btc. Ed25519 is
//! deterministic, so the published test vectors are reproduced byte for byte
//! (`core/tests/credentials_vectors.rs`).

use ed25519_dalek::{Signature, Signer as _};
use serde_json::{Map, Value};
use sha2::{Digest as _, Sha256};

use super::keys::CredentialKey;
use super::rdf::{canonical_nquads, check_depth};
use super::verification::{CredentialVerification, Cryptosuite, ProofOptions, ProofProblem};
use super::CredentialError;

fn invalid(what: &str) -> CredentialError {
    CredentialError::InvalidCredential(what.to_owned())
}

/// The credential as an object with an `@context`, and its `@context`.
fn document_parts(credential: &Value) -> Result<(&Map<String, Value>, &Value), CredentialError> {
    let object = credential
        .as_object()
        .ok_or_else(|| invalid("a credential is a JSON object"))?;
    let context = object
        .get("@context")
        .ok_or_else(|| invalid("a credential needs an @context"))?;
    Ok((object, context))
}

/// The bytes Ed25519 signs: SHA-256 of the canonical proof configuration, then of the
/// canonical document.
fn hash_data(
    suite: Cryptosuite,
    document: &Value,
    proof_config: &Value,
) -> Result<Vec<u8>, CredentialError> {
    // JCS recurses too: the same depth limit for both suites.
    check_depth(document)?;
    let canonical = |value: &Value| match suite {
        Cryptosuite::EddsaRdfc2022 => canonical_nquads(value),
        Cryptosuite::EddsaJcs2022 => serde_json_canonicalizer::to_string(value)
            .map_err(|_| invalid("cannot canonicalize with JCS")),
    };
    let mut out = Sha256::digest(canonical(proof_config)?.as_bytes()).to_vec();
    out.extend_from_slice(&Sha256::digest(canonical(document)?.as_bytes()));
    Ok(out)
}

/// Adds a `DataIntegrityProof` to a credential.
///
/// # Errors
/// [`CredentialError::InvalidKey`] when the key has no secret half;
/// [`CredentialError::InvalidCredential`] when the credential is not a JSON-LD object or
/// already has a proof; the canonicalization errors of
/// [`canonical_nquads`](super::canonical_nquads).
pub fn sign_credential(
    credential: &Value,
    key: &CredentialKey,
    options: &ProofOptions,
) -> Result<Value, CredentialError> {
    let signing = key.signing_key().ok_or_else(|| {
        CredentialError::InvalidKey("signing needs the secret key, not only the public one".into())
    })?;
    let (object, context) = document_parts(credential)?;
    if object.contains_key("proof") {
        return Err(invalid("the credential already has a proof"));
    }
    let mut proof = Map::new();
    proof.insert("type".into(), "DataIntegrityProof".into());
    proof.insert("cryptosuite".into(), options.cryptosuite.as_str().into());
    if let Some(created) = &options.created {
        proof.insert("created".into(), created.clone().into());
    }
    let method = options
        .verification_method
        .clone()
        .unwrap_or_else(|| key.did_key_verification_method());
    proof.insert("verificationMethod".into(), method.into());
    proof.insert("proofPurpose".into(), "assertionMethod".into());
    let mut config = proof.clone();
    config.insert("@context".into(), context.clone());
    let data = hash_data(options.cryptosuite, credential, &Value::Object(config))?;
    let signature = signing.sign(&data);
    if options.cryptosuite == Cryptosuite::EddsaJcs2022 {
        // eddsa-jcs-2022 keeps the context in the proof (its test vectors do).
        proof.insert("@context".into(), context.clone());
    }
    let value = format!("z{}", bs58::encode(signature.to_bytes()).into_string());
    proof.insert("proofValue".into(), value.into());
    let mut signed = object.clone();
    signed.insert("proof".into(), Value::Object(proof));
    Ok(Value::Object(signed))
}

fn problem(code: &str, message: &str) -> ProofProblem {
    ProofProblem {
        code: code.to_owned(),
        message: message.to_owned(),
    }
}

/// Verifies a credential's `DataIntegrityProof` with the trusted `key`, or without one with the
/// key of a `did:key` verification method.
///
/// # Errors
/// [`CredentialError::InvalidCredential`] when it is not a JSON-LD object; the
/// canonicalization errors (an unknown context, invalid JSON-LD). A proof that does not verify
/// is `Ok` with `verified: false` and the [`ProofProblem`].
pub fn verify_credential(
    credential: &Value,
    key: Option<&CredentialKey>,
) -> Result<CredentialVerification, CredentialError> {
    let (object, context) = document_parts(credential)?;
    let mut outcome = CredentialVerification {
        verified: false,
        cryptosuite: None,
        verification_method: None,
        key: None,
        key_source: None,
        problem: None,
    };
    let fail = |mut outcome: CredentialVerification, code: &str, message: &str| {
        outcome.problem = Some(problem(code, message));
        Ok(outcome)
    };
    let Some(proof) = object.get("proof") else {
        return fail(outcome, "proof.missing", "the credential has no proof");
    };
    let Some(proof) = proof.as_object() else {
        return fail(
            outcome,
            "proof.unsupported",
            "only one proof (an object) is supported",
        );
    };
    let text = |name: &str| proof.get(name).and_then(Value::as_str);
    outcome.verification_method = text("verificationMethod").map(str::to_owned);
    if text("type") != Some("DataIntegrityProof") || text("proofPurpose") != Some("assertionMethod")
    {
        return fail(
            outcome,
            "proof.unsupported",
            "not a DataIntegrityProof for assertionMethod",
        );
    }
    let Some(Ok(suite)) = text("cryptosuite").map(Cryptosuite::from_name) else {
        return fail(
            outcome,
            "proof.unsupported",
            "not an eddsa-rdfc-2022 or eddsa-jcs-2022 proof",
        );
    };
    outcome.cryptosuite = Some(suite);
    let signature = text("proofValue")
        .and_then(|v| v.strip_prefix('z'))
        .filter(|v| v.len() <= 100)
        .and_then(|v| bs58::decode(v).into_vec().ok())
        .and_then(|bytes| <[u8; 64]>::try_from(bytes.as_slice()).ok())
        .map(|bytes| Signature::from_bytes(&bytes));
    let Some(signature) = signature else {
        return fail(
            outcome,
            "proof.malformed",
            "proofValue is not a base58btc Ed25519 signature",
        );
    };
    if proof.get("@context").is_some_and(|c| c != context) {
        return fail(
            outcome,
            "proof.context_mismatch",
            "the proof's @context is not the credential's",
        );
    }
    let (checked, source) = match key {
        Some(key) => (key.clone(), "supplied"),
        None => match outcome
            .verification_method
            .as_deref()
            .and_then(CredentialKey::from_did_key)
        {
            Some(key) => (key, "did_key"),
            None => {
                return fail(
                    outcome,
                    "proof.no_key",
                    "no key supplied and the verification method is not a did:key",
                );
            }
        },
    };
    outcome.key = Some(checked.public_key_multibase());
    outcome.key_source = Some(source.to_owned());
    let mut config = proof.clone();
    config.remove("proofValue");
    config.insert("@context".into(), context.clone());
    let mut document = object.clone();
    document.remove("proof");
    let data = hash_data(suite, &Value::Object(document), &Value::Object(config))?;
    if checked
        .verifying_key()
        .verify_strict(&data, &signature)
        .is_err()
    {
        return fail(
            outcome,
            "proof.signature_mismatch",
            "the signature does not match the credential and the key",
        );
    }
    outcome.verified = true;
    Ok(outcome)
}
