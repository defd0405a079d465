//! Ed25519 keys for Data Integrity proofs, as the host supplies them: a Multikey document
//! (`publicKeyMultibase` / `secretKeyMultibase`), a JWK (`kty: OKP`, `crv: Ed25519`), a bare
//! multibase string, or PKCS#8 / SPKI PEM (the form of the case-log keys). Attesta never
//! generates a key.
//!
//! Multikey encodings (W3C Controlled Identifiers §2.2.2): base58btc (`z`) of the multicodec
//! header `0xed 0x01` + 32 public bytes, or `0x80 0x26` + 32 secret bytes.

use base64ct::{Base64UrlUnpadded, Encoding as _};
use ed25519_dalek::pkcs8::{DecodePrivateKey as _, DecodePublicKey as _};
use ed25519_dalek::{SigningKey, VerifyingKey};
use serde_json::Value;

use super::CredentialError;

const PUBLIC_HEADER: [u8; 2] = [0xed, 0x01];
const SECRET_HEADER: [u8; 2] = [0x80, 0x26];

/// An Ed25519 key for credentials: always a public key, and the secret key when signing.
#[derive(Clone)]
pub struct CredentialKey {
    signing: Option<SigningKey>,
    verifying: VerifyingKey,
}

impl std::fmt::Debug for CredentialKey {
    // Never print the secret half.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CredentialKey")
            .field("public_key_multibase", &self.public_key_multibase())
            .field("can_sign", &self.can_sign())
            .finish()
    }
}

fn invalid(what: &str) -> CredentialError {
    CredentialError::InvalidKey(what.to_owned())
}

impl CredentialKey {
    /// Reads a key file's text: Multikey or JWK JSON, a multibase string, or PEM.
    ///
    /// # Errors
    /// [`CredentialError::InvalidKey`] when the text is none of those, or not Ed25519, or the
    /// secret and public halves do not belong together.
    pub fn from_text(text: &str) -> Result<Self, CredentialError> {
        let text = text.trim();
        if text.starts_with("-----BEGIN PRIVATE KEY-----") {
            let key = SigningKey::from_pkcs8_pem(text)
                .map_err(|_| invalid("not an Ed25519 PKCS#8 PEM private key"))?;
            return Ok(Self::from_signing_key(key));
        }
        if text.starts_with("-----BEGIN PUBLIC KEY-----") {
            let key = VerifyingKey::from_public_key_pem(text)
                .map_err(|_| invalid("not an Ed25519 SPKI PEM public key"))?;
            return Ok(Self::from_verifying_key(key));
        }
        if text.starts_with('{') {
            let value: Value =
                serde_json::from_str(text).map_err(|_| invalid("the key file is not JSON"))?;
            return Self::from_json(&value);
        }
        Self::from_multibase(text)
    }

    /// A key from a Multikey or JWK JSON object.
    ///
    /// # Errors
    /// As [`from_text`](Self::from_text).
    pub fn from_json(value: &Value) -> Result<Self, CredentialError> {
        let field = |name: &str| value.get(name).and_then(Value::as_str);
        if field("kty").is_some() {
            if field("kty") != Some("OKP") || field("crv") != Some("Ed25519") {
                return Err(invalid("a JWK must have kty OKP and crv Ed25519"));
            }
            let x = decode_b64(field("x").ok_or_else(|| invalid("a JWK needs x"))?)?;
            let public = VerifyingKey::from_bytes(&x)
                .map_err(|_| invalid("the JWK x is not an Ed25519 point"))?;
            return match field("d") {
                None => Ok(Self::from_verifying_key(public)),
                Some(d) => Self::pair(SigningKey::from_bytes(&decode_b64(d)?), Some(public)),
            };
        }
        let secret = field("secretKeyMultibase").or_else(|| field("privateKeyMultibase"));
        let public = field("publicKeyMultibase")
            .map(|p| decode_multikey(p, PUBLIC_HEADER))
            .transpose()?
            .map(|bytes| VerifyingKey::from_bytes(&bytes))
            .transpose()
            .map_err(|_| invalid("publicKeyMultibase is not an Ed25519 point"))?;
        match (secret, public) {
            (Some(secret), public) => Self::pair(
                SigningKey::from_bytes(&decode_multikey(secret, SECRET_HEADER)?),
                public,
            ),
            (None, Some(public)) => Ok(Self::from_verifying_key(public)),
            (None, None) => Err(invalid(
                "a key document needs publicKeyMultibase or secretKeyMultibase (or a JWK)",
            )),
        }
    }

    /// A key from one multibase string: a Multikey public or secret key.
    ///
    /// # Errors
    /// As [`from_text`](Self::from_text).
    pub fn from_multibase(text: &str) -> Result<Self, CredentialError> {
        let bytes = decode_base58btc(text)?;
        if let Some(rest) = bytes.strip_prefix(&SECRET_HEADER) {
            let secret: [u8; 32] = rest
                .try_into()
                .map_err(|_| invalid("an Ed25519 secret key has 32 bytes"))?;
            return Ok(Self::from_signing_key(SigningKey::from_bytes(&secret)));
        }
        let public = decode_multikey(text, PUBLIC_HEADER)?;
        VerifyingKey::from_bytes(&public)
            .map(Self::from_verifying_key)
            .map_err(|_| invalid("not an Ed25519 public key"))
    }

    /// A signing key from its 32 secret bytes.
    pub fn from_secret_bytes(secret: &[u8; 32]) -> Self {
        Self::from_signing_key(SigningKey::from_bytes(secret))
    }

    /// A verifying key from its 32 public bytes.
    ///
    /// # Errors
    /// [`CredentialError::InvalidKey`] when the bytes are not an Ed25519 point.
    pub fn from_public_bytes(public: &[u8; 32]) -> Result<Self, CredentialError> {
        VerifyingKey::from_bytes(public)
            .map(Self::from_verifying_key)
            .map_err(|_| invalid("not an Ed25519 public key"))
    }

    /// The public key of a `did:key` verification method (`did:key:z6Mk…#z6Mk…`), which
    /// carries the key itself: nothing is resolved.
    pub fn from_did_key(verification_method: &str) -> Option<Self> {
        let did = verification_method.strip_prefix("did:key:")?;
        let id = did.split('#').next()?;
        let key = Self::from_multibase(id).ok()?;
        (!key.can_sign()).then_some(key)
    }

    fn from_signing_key(signing: SigningKey) -> Self {
        CredentialKey {
            verifying: signing.verifying_key(),
            signing: Some(signing),
        }
    }

    fn from_verifying_key(verifying: VerifyingKey) -> Self {
        CredentialKey {
            signing: None,
            verifying,
        }
    }

    fn pair(signing: SigningKey, public: Option<VerifyingKey>) -> Result<Self, CredentialError> {
        if public.is_some_and(|p| p != signing.verifying_key()) {
            return Err(invalid("the public key does not belong to the secret key"));
        }
        Ok(Self::from_signing_key(signing))
    }

    /// Whether the secret half is present.
    pub fn can_sign(&self) -> bool {
        self.signing.is_some()
    }

    pub(crate) fn signing_key(&self) -> Option<&SigningKey> {
        self.signing.as_ref()
    }

    pub(crate) fn verifying_key(&self) -> &VerifyingKey {
        &self.verifying
    }

    /// The public key as a Multikey `publicKeyMultibase` (`z6Mk…`).
    pub fn public_key_multibase(&self) -> String {
        let mut bytes = PUBLIC_HEADER.to_vec();
        bytes.extend_from_slice(self.verifying.as_bytes());
        format!("z{}", bs58::encode(bytes).into_string())
    }

    /// The `did:key` verification method of the public key: `did:key:z6Mk…#z6Mk…`.
    pub fn did_key_verification_method(&self) -> String {
        let id = self.public_key_multibase();
        format!("did:key:{id}#{id}")
    }
}

fn decode_base58btc(text: &str) -> Result<Vec<u8>, CredentialError> {
    let body = text
        .strip_prefix('z')
        .ok_or_else(|| invalid("a multibase key must be base58btc (start with z)"))?;
    if body.len() > 128 {
        return Err(invalid("a multibase key is too long"));
    }
    bs58::decode(body)
        .into_vec()
        .map_err(|_| invalid("not base58btc"))
}

fn decode_multikey(text: &str, header: [u8; 2]) -> Result<[u8; 32], CredentialError> {
    let bytes = decode_base58btc(text)?;
    bytes
        .strip_prefix(&header)
        .and_then(|rest| <[u8; 32]>::try_from(rest).ok())
        .ok_or_else(|| invalid("not an Ed25519 Multikey of the expected kind"))
}

fn decode_b64(text: &str) -> Result<[u8; 32], CredentialError> {
    let mut out = [0u8; 32];
    match Base64UrlUnpadded::decode(text, &mut out) {
        Ok(bytes) if bytes.len() == 32 => Ok(out),
        _ => Err(invalid("a JWK coordinate must be 32 bytes of base64url")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The key pair of the vc-di-eddsa test vectors (TestVectors/keyPair.json).
    const PUBLIC: &str = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
    const SECRET: &str = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";

    #[test]
    fn multikey_secret_gives_its_public_key() {
        let key = CredentialKey::from_multibase(SECRET).unwrap();
        assert!(key.can_sign());
        assert_eq!(key.public_key_multibase(), PUBLIC);
        let json = serde_json::json!({"publicKeyMultibase": PUBLIC, "privateKeyMultibase": SECRET});
        assert!(CredentialKey::from_json(&json).unwrap().can_sign());
    }

    #[test]
    fn jwk_and_did_key_round_trip() {
        let key = CredentialKey::from_multibase(SECRET).unwrap();
        let x = Base64UrlUnpadded::encode_string(key.verifying_key().as_bytes());
        let d = Base64UrlUnpadded::encode_string(key.signing_key().unwrap().as_bytes());
        let jwk = format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{x}","d":"{d}"}}"#);
        let from_jwk = CredentialKey::from_text(&jwk).unwrap();
        assert_eq!(from_jwk.public_key_multibase(), PUBLIC);
        let vm = key.did_key_verification_method();
        let public = CredentialKey::from_did_key(&vm).unwrap();
        assert!(!public.can_sign());
        assert_eq!(public.public_key_multibase(), PUBLIC);
    }

    #[test]
    fn mismatched_halves_and_garbage_are_refused_without_quoting() {
        let other = CredentialKey::from_secret_bytes(&[7; 32]).public_key_multibase();
        let json = serde_json::json!({"publicKeyMultibase": other, "secretKeyMultibase": SECRET});
        assert!(CredentialKey::from_json(&json).is_err());
        let err = CredentialKey::from_text("zSECRETVALUE0").unwrap_err();
        assert!(!err.to_string().contains("SECRETVALUE"));
        assert!(CredentialKey::from_text(r#"{"kty":"EC","crv":"P-256","x":"AA"}"#).is_err());
    }
}
