//! Portable credentials in the browser (feature `credentials`, the package's module
//! `attesta/credentials`): `exportCredential`, `signCredential`, `verifyCredential`.
//!
//! The same concepts as Python's `export_credential`, `sign_credential` and
//! `verify_credential`, on the core's `attesta::credentials`: a Documento di validazione or
//! Certificato exported as Open Badges 3.0, ELM v3 or the Libretto record, an Ed25519 Data
//! Integrity proof added (`eddsa-rdfc-2022`, `eddsa-jcs-2022`) and checked. Documents and
//! credentials cross the boundary as JSON (object, JSON text or bytes); options are the camelCase
//! names of the schemas `credential-export-options` and `credential-proof-options`; the
//! verification is the JSON of `credential-verification` (`attesta verify --json`).
//!
//! Keys are the host's, in the forms the core reads: a key file's text (Multikey or JWK JSON,
//! multibase, PEM), a Multikey or JWK object, or the 32 bytes of an Ed25519 secret key. Nothing
//! here generates a key, and no key material reaches a message. A key argument that is not an
//! Ed25519 key in one of those forms (a number, an EC JWK, a public key given to sign) is a
//! `TypeError` with code `invalid_key`: the argument is of the wrong type for the call.
//!
//! The frameworks of an export are optional (they supply the ESCO links of the UCs): the Rust
//! side takes a `Frameworks` object only as an argument of its own, so it exports two functions
//! (`exportCredentialWith`, `exportCredentialAlone`) that the package's `credentials-api.js`
//! maps onto `exportCredential(document, frameworks, options)`.

use attesta::credentials::{
    export_credentials, sign_credential as core_sign, verify_credential as core_verify,
    CredentialError, CredentialKey, ExportOptions, ProofOptions,
};
use attesta::documents::Document;
use attesta::framework::FrameworkSet;
use attesta::ErrorKind;
use js_sys::{ArrayBuffer, JsString, Uint8Array, JSON};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{self, Class};
use crate::frameworks::JsFrameworks;
use crate::input;
use crate::queries::to_js;

/// The largest document or credential read (16 MiB, as `attesta export` and `attesta sign`).
const MAX_JSON_BYTES: usize = 16 << 20;
/// The largest key read (64 KiB, as the CLI reads key files).
const MAX_KEY_BYTES: usize = 64 << 10;

/// Exports a document with the ESCO links of `frameworks`. JS: `exportCredential(document,
/// frameworks, options)`.
///
/// # Errors
/// As [`export_credential_alone`].
#[wasm_bindgen(js_name = exportCredentialWith)]
pub fn export_credential_with(
    frameworks: &JsFrameworks,
    document: &JsValue,
    options: &JsValue,
) -> Result<JsValue, JsValue> {
    export(Some(frameworks.frameworks.set()), document, options)
}

/// Exports a Documento di validazione or Certificato (object, JSON text or bytes) as an array
/// of credentials: Open Badges 3.0 (one per validated UC), one ELM v3 credential or one
/// Libretto record, as `options.format` says (`ob3`, the default, `elm`, `libretto`); the other
/// options are `units`, `issuerId`, `subjectId`, `includePersonalData`. JS:
/// `exportCredential(document, undefined, options)`.
///
/// # Errors
/// `credential` when the document cannot be exported (a Documento di trasparenza, no validated
/// UC among those asked for); `invalid_input` or `malformed_json` for a value that is not a
/// document; `invalid_options` for the options.
#[wasm_bindgen(js_name = exportCredentialAlone)]
pub fn export_credential_alone(document: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
    export(None, document, options)
}

fn export(
    frameworks: Option<&FrameworkSet>,
    document: &JsValue,
    options: &JsValue,
) -> Result<JsValue, JsValue> {
    let options: ExportOptions = crate::options::from_js(options)?;
    let document: Document = input::json_arg(document, "a document", MAX_JSON_BYTES)?;
    let exported = export_credentials(&document, frameworks, &options).map_err(to_js_error)?;
    to_js(&exported)
}

/// Adds an Ed25519 Data Integrity proof to a credential (object, JSON text or bytes) with the
/// host's secret `key`; `options` are `cryptosuite` (`eddsa-rdfc-2022`, the default, or
/// `eddsa-jcs-2022`), `verificationMethod` (default: the key's `did:key`) and `created` (no
/// clock is read: absent, the proof has no `created`). Returns the signed credential.
///
/// # Errors
/// A `TypeError` `invalid_key` for a key that cannot sign; `credential` for a credential that
/// cannot be canonicalized (a context not shipped, not JSON-LD); `invalid_options`.
#[wasm_bindgen(js_name = signCredential)]
pub fn sign_credential(
    credential: &JsValue,
    key: &JsValue,
    options: &JsValue,
) -> Result<JsValue, JsValue> {
    let options: ProofOptions = crate::options::from_js(options)?;
    let key = key_of(key)?;
    let credential: Value = input::json_arg(credential, "a credential", MAX_JSON_BYTES)?;
    let signed = core_sign(&credential, &key, &options).map_err(to_js_error)?;
    to_js(&signed)
}

/// Verifies a credential's proof with the trusted `key` or, without one (`undefined`/`null`),
/// the key of a `did:key` verification method (integrity only: anyone can make a did:key).
/// Returns the core's verification (`verified`, `cryptosuite`, `verification_method`, `key`,
/// `key_source`, `problem`; schema `credential-verification`, the JSON of `attesta verify
/// --json`): a proof that does not hold is `verified: false` with the
/// `problem`, not an error.
///
/// # Errors
/// A `TypeError` `invalid_key` for a key that is not one; `credential` when the credential
/// cannot be processed at all.
#[wasm_bindgen(js_name = verifyCredential)]
pub fn verify_credential(credential: &JsValue, key: &JsValue) -> Result<JsValue, JsValue> {
    let key = if key.is_undefined() || key.is_null() {
        None
    } else {
        Some(key_of(key)?)
    };
    let credential: Value = input::json_arg(credential, "a credential", MAX_JSON_BYTES)?;
    let outcome = core_verify(&credential, key.as_ref()).map_err(to_js_error)?;
    to_js(&outcome)
}

/// A key argument: a string (a key file's text), the 32 secret bytes (`Uint8Array` or
/// `ArrayBuffer`), or a Multikey/JWK object.
fn key_of(key: &JsValue) -> Result<CredentialKey, JsValue> {
    let parsed = if let Some(text) = key.dyn_ref::<JsString>() {
        if text.length() as usize > MAX_KEY_BYTES {
            return Err(wrong_key("a key file's text is at most 64 KiB"));
        }
        CredentialKey::from_text(&String::from(text))
    } else if let Some(bytes) = secret_bytes(key) {
        // Measured before anything is copied into the module's memory.
        if bytes.length() != 32 {
            return Err(wrong_key(
                "a key as bytes is the 32 bytes of an Ed25519 secret key",
            ));
        }
        let mut secret = [0u8; 32];
        bytes.copy_to(&mut secret);
        Ok(CredentialKey::from_secret_bytes(&secret))
    } else if key.is_object() && !key.is_function() && !js_sys::Array::is_array(key) {
        // Through JSON, as a key file's object would be read; its text never reaches a message.
        let value: Option<Value> = JSON::stringify(key)
            .ok()
            .and_then(|t| t.dyn_into::<JsString>().ok())
            .filter(|t| t.length() as usize <= MAX_KEY_BYTES)
            .and_then(|t| serde_json::from_str(&String::from(t)).ok());
        match value {
            Some(value) => CredentialKey::from_json(&value),
            None => return Err(wrong_key("a key object must be a Multikey or JWK")),
        }
    } else {
        return Err(wrong_key(
            "a key is a string (a key file's text), a Multikey or JWK object, or 32 bytes",
        ));
    };
    parsed.map_err(to_js_error)
}

/// The bytes of a key given as a `Uint8Array` or an `ArrayBuffer`, as a view (no copy).
fn secret_bytes(key: &JsValue) -> Option<Uint8Array> {
    if let Some(bytes) = key.dyn_ref::<Uint8Array>() {
        return Some(bytes.clone());
    }
    key.dyn_ref::<ArrayBuffer>()
        .map(|buffer| Uint8Array::new(buffer))
}

/// The `TypeError` `invalid_key` for a key argument of the wrong form.
fn wrong_key(reason: &str) -> JsValue {
    to_js_error(CredentialError::InvalidKey(reason.to_owned()))
}

/// A credential error as a JS error: an unusable key is a `TypeError` (the key argument is of
/// the wrong type for the call), anything else of the class its kind calls for.
fn to_js_error(error: CredentialError) -> JsValue {
    let error = attesta::Error::from(error);
    if error.kind() == ErrorKind::InvalidKey {
        error::to_js_as(Class::Type, &error)
    } else {
        error::to_js(&error)
    }
}
