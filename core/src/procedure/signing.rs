//! Signed case history: Ed25519 signatures of the ente titolato over the heads of a case log.
//!
//! The hash chain ([`verify`]) shows that a log is *consistent*; anyone who can
//! edit the file can still rewrite an event and re-chain every hash after it. Signatures show
//! who wrote it: an ente that signs its case logs makes a rewritten history detectable by
//! anyone holding its public key.
//!
//! **What is signed.** A *checkpoint* of the log — the head `(seq, hash)` it has after an
//! event — as the bytes `attesta-case-head-v1\n<seq>\n<hash>\n` (a fixed context string, so a
//! signature made for anything else never verifies here). Because `hash` chains every earlier
//! event, signing a head vouches for the whole log up to it, like a signed git commit or a
//! Certificate Transparency signed tree head. Every event carries the signature of the head it
//! makes ([`EventSignature`], written in the same line as the event, so in the same atomic
//! write), which lets [`verify_signatures`] name the first event that was rewritten, inserted
//! or appended without the key. A prefix of a signed log is still a signed log, so truncation
//! needs the [`SignedHead`] of the last event kept *outside* the log (a file beside it, written
//! with every act, or a head handed to the caller): [`verify_signed_log`] requires the log to
//! end exactly there.
//!
//! **Keys.** The host supplies them; nothing here generates one. A signing key is a PKCS#8 PEM
//! file (`-----BEGIN PRIVATE KEY-----`, as `openssl genpkey -algorithm ed25519` writes it), a
//! public key an SPKI PEM file (`-----BEGIN PUBLIC KEY-----`, `openssl pkey -pubout`). A key is
//! named by its [key id](TrustedKey::key_id), the first 16 bytes of the SHA-256 of the raw
//! public key in hex; a log records the key id of each signature, but a key is trusted only
//! when the caller passes it, never because a log names it. Verification needs no file system,
//! clock or randomness and builds for wasm32.
//!
//! ```
//! use attesta::procedure::{verify_signed_log, Action, EnteKey, TrustedKey, Case};
//! // The DEMO ONLY key pair shipped for `make demo` (a real ente supplies its own).
//! let keys = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/demo/keys");
//! let key = EnteKey::from_pem(&std::fs::read_to_string(format!("{keys}/demo-ente.pem"))?)?;
//! let public = TrustedKey::from_pem(&std::fs::read_to_string(format!("{keys}/demo-ente.pub.pem"))?)?;
//! let open: Action = serde_json::from_str(r#"{"kind": "open_case", "payload": {
//!   "case_id": "case-1",
//!   "record": {"schema_version": "1.0", "id": "rec-1", "person": {"id": "p-1"}},
//!   "target": {"scheme": "rrfp_toscana.qualification", "code": "450"},
//!   "ente": {"id": "cpi-li", "name": "CPI Livorno",
//!            "authorisation": {"kind": "ex_lege", "reference": "L.R. 32/2002"},
//!            "titolare": {"name": "Regione Toscana", "repertoires": ["rrfp_toscana"]}},
//!   "operators": [{"id": "op-f1", "roles": ["f1"]}],
//!   "eligibility": {"informed": true, "requirements_met": true}
//! }}"#)?;
//! let mut case = Case::open(attesta::builtin::frameworks(), "2025-03-03T09:00:00Z", "op-f1", &open)?;
//! let withdraw: Action = serde_json::from_str(r#"{"kind": "withdraw", "payload": {}}"#)?;
//! let mut head = case.sign_pending(&key).expect("one event");
//! case.act("2025-03-03T09:05:00Z", "p-1", &withdraw)?;
//! head = case.sign_pending(&key).expect("two events");
//! // Each event carries the signature of its head; the last head is kept beside the log.
//! verify_signed_log(case.events(), &head, &public)?;
//! // Cutting the last event leaves a log whose every signature is good, but the head shows it.
//! let error = verify_signed_log(&case.events()[..1], &head, &public).unwrap_err();
//! assert_eq!(error.to_string(), "event 1: log ends early: 2 events expected");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use ed25519_dalek::pkcs8::{DecodePrivateKey as _, DecodePublicKey as _};
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::canonical::sha256_hex;
use super::event::{verify, verify_head, Event, Head, Integrity, IntegrityError};

/// A key file that is not the expected Ed25519 key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an Ed25519 {expected} in PEM form ({format})")]
pub struct KeyError {
    /// `private key` or `public key`.
    expected: &'static str,
    /// The accepted encoding.
    format: &'static str,
}

/// The ente titolato's signing key (private). Its bytes are zeroed when dropped and never
/// printed.
pub struct EnteKey {
    key: SigningKey,
    trusted: TrustedKey,
}

impl fmt::Debug for EnteKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EnteKey")
            .field("key_id", &self.trusted.key_id)
            .finish_non_exhaustive()
    }
}

impl EnteKey {
    /// Reads a PKCS#8 PEM Ed25519 private key.
    ///
    /// # Errors
    /// [`KeyError`] for anything else (the text is never quoted).
    pub fn from_pem(text: &str) -> Result<EnteKey, KeyError> {
        let key = SigningKey::from_pkcs8_pem(text.trim()).map_err(|_| KeyError {
            expected: "private key",
            format: "PKCS#8, -----BEGIN PRIVATE KEY-----",
        })?;
        let trusted = TrustedKey::new(key.verifying_key());
        Ok(EnteKey { key, trusted })
    }

    /// The public half, to verify what this key signs.
    pub fn trusted(&self) -> &TrustedKey {
        &self.trusted
    }

    /// The key id.
    pub fn key_id(&self) -> &str {
        &self.trusted.key_id
    }

    /// Signs the head `(seq, hash)`.
    pub fn sign_head(&self, head: &Head) -> SignedHead {
        let signature = self.key.sign(&checkpoint(head.seq, &head.hash));
        SignedHead {
            seq: head.seq,
            hash: head.hash.clone(),
            key_id: self.trusted.key_id.clone(),
            signature: hex(&signature.to_bytes()),
        }
    }

    /// The signature an event carries: of the head the event makes.
    pub fn sign_event(&self, event: &Event) -> EventSignature {
        let signed = self.sign_head(&event.head());
        EventSignature {
            key_id: signed.key_id,
            signature: signed.signature,
        }
    }
}

/// A public key the caller trusts to have signed a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedKey {
    key: VerifyingKey,
    key_id: String,
}

impl TrustedKey {
    fn new(key: VerifyingKey) -> TrustedKey {
        let key_id = sha256_hex(key.as_bytes())[..32].to_owned();
        TrustedKey { key, key_id }
    }

    /// Reads an SPKI PEM Ed25519 public key.
    ///
    /// # Errors
    /// [`KeyError`] for anything else (the text is never quoted).
    pub fn from_pem(text: &str) -> Result<TrustedKey, KeyError> {
        VerifyingKey::from_public_key_pem(text.trim())
            .map(TrustedKey::new)
            .map_err(|_| KeyError {
                expected: "public key",
                format: "SPKI, -----BEGIN PUBLIC KEY-----",
            })
    }

    /// The key id: hex of the first 16 bytes of the SHA-256 of the raw 32-byte public key.
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// Whether `signature` (hex) by this key signs the head `(seq, hash)`, with the strict
    /// checks of RFC 8032 (no malleable or small-order forms).
    fn signs(&self, key_id: &str, signature: &str, seq: u64, hash: &str) -> bool {
        key_id == self.key_id
            && unhex64(signature).is_some_and(|bytes| {
                self.key
                    .verify_strict(&checkpoint(seq, hash), &Signature::from_bytes(&bytes))
                    .is_ok()
            })
    }
}

/// The signature carried by an event: of the head `(seq, hash)` the event makes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventSignature {
    /// Key id of the signing key (see the `signing` module).
    pub key_id: String,
    /// Ed25519 signature, 128 lowercase hex digits.
    pub signature: String,
}

/// A signed checkpoint of a case log: its last event's `seq` and `hash`, signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignedHead {
    /// `seq` of the last event.
    pub seq: u64,
    /// `hash` of the last event.
    pub hash: String,
    /// Key id of the signing key.
    pub key_id: String,
    /// Ed25519 signature of the checkpoint, 128 lowercase hex digits.
    pub signature: String,
}

impl SignedHead {
    /// The head, without the signature.
    pub fn head(&self) -> Head {
        Head {
            seq: self.seq,
            hash: self.hash.clone(),
        }
    }
}

/// The signed bytes of the head `(seq, hash)`.
fn checkpoint(seq: u64, hash: &str) -> Vec<u8> {
    format!("attesta-case-head-v1\n{seq}\n{hash}\n").into_bytes()
}

fn hex(bytes: &[u8]) -> String {
    use fmt::Write as _;
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// 64 bytes from exactly 128 lowercase hex digits (the only form [`hex`] writes).
fn unhex64(text: &str) -> Option<[u8; 64]> {
    let digit = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    let text = text.as_bytes();
    if text.len() != 128 {
        return None;
    }
    let mut out = [0u8; 64];
    for (byte, pair) in out.iter_mut().zip(text.chunks_exact(2)) {
        *byte = digit(pair[0])? << 4 | digit(pair[1])?;
    }
    Some(out)
}

/// Checks the chain, then that every event carries a valid signature by `key`. Names the
/// first event that is unsigned, signed by another key or wrongly signed: with a rewritten
/// and re-chained log, the first rewritten event.
///
/// # Errors
/// The first [`IntegrityError`]; [`Integrity::Empty`] for a log without events.
pub fn verify_signatures(events: &[Event], key: &TrustedKey) -> Result<(), IntegrityError> {
    verify(events)?;
    if events.is_empty() {
        return Err(IntegrityError {
            index: 0,
            seq: None,
            problem: Integrity::Empty,
        });
    }
    for (index, event) in events.iter().enumerate() {
        let problem = match &event.signature {
            None => Integrity::Unsigned,
            Some(sig) if sig.key_id != key.key_id => Integrity::UnknownKey,
            Some(sig) if !key.signs(&sig.key_id, &sig.signature, event.seq, &event.hash) => {
                Integrity::BadSignature
            }
            Some(_) => continue,
        };
        return Err(IntegrityError {
            index,
            seq: Some(event.seq),
            problem,
        });
    }
    Ok(())
}

/// [`verify_signatures`], then checks that `head` is signed by `key` and that the log ends
/// exactly at it: fewer events (a truncated log), a different event there (a rewritten log)
/// or more events (an extended log) are errors.
///
/// # Errors
/// The first [`IntegrityError`]; [`Integrity::BadHeadSignature`] for a head not signed by
/// `key`; [`Integrity::MissingEvents`], [`Integrity::HeadMismatch`], [`Integrity::PastHead`].
pub fn verify_signed_log(
    events: &[Event],
    head: &SignedHead,
    key: &TrustedKey,
) -> Result<(), IntegrityError> {
    verify_signatures(events, key)?;
    if !key.signs(&head.key_id, &head.signature, head.seq, &head.hash) {
        return Err(IntegrityError {
            index: usize::try_from(head.seq).unwrap_or(usize::MAX),
            seq: Some(head.seq),
            problem: Integrity::BadHeadSignature,
        });
    }
    verify_head(events, &head.head())
}
