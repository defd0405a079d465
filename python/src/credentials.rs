//! `attesta.export_credential`, `attesta.sign_credential`, `attesta.verify_credential`: the
//! portable credentials of a validated case (core `attesta::credentials`).
//!
//! Documents and credentials cross the boundary as JSON (a dict, JSON str or bytes); options
//! are keyword arguments named as in the schemas `credential-export-options` and
//! `credential-proof-options`; the verification is a dict of schema `credential-verification`.
//! A key is the host's: the text of a key file (Multikey or JWK JSON, multibase, PEM), a
//! Multikey/JWK dict, or the 32 secret bytes. Nothing here generates a key.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use serde_json::Value;

use attesta::credentials::{
    export_credentials, sign_credential as core_sign, verify_credential as core_verify,
    CredentialKey, ExportOptions, ProofOptions,
};
use attesta::documents::Document;

use crate::convert::{from_json_bytes, from_json_input, option_json, to_py, type_name};
use crate::errors::attesta_error;
use crate::frameworks::Frameworks;

/// Keyword arguments as one options value of the core, unknown names refused as the core's
/// schema refuses them (`invalid_options`).
fn options_of<T: serde::de::DeserializeOwned + Default>(
    py: Python<'_>,
    options: Option<&Bound<'_, PyDict>>,
    what: &str,
) -> PyResult<T> {
    let Some(options) = options else {
        return Ok(T::default());
    };
    let bytes = option_json(options.as_any())?;
    serde_json::from_slice(&bytes).map_err(|err| {
        let reason = attesta::text::describe_serde_error(&err.to_string());
        attesta_error(
            py,
            &attesta::Error::InvalidOptions(format!("{what}: {reason}")),
        )
    })
}

fn key_of(key: &Bound<'_, PyAny>) -> PyResult<CredentialKey> {
    let py = key.py();
    let parsed = if let Ok(text) = key.cast::<PyString>() {
        CredentialKey::from_text(&text.to_cow()?)
    } else if let Ok(bytes) = key.cast::<PyBytes>() {
        let secret: [u8; 32] = bytes.as_bytes().try_into().map_err(|_| {
            PyTypeError::new_err("a key as bytes is the 32 bytes of an Ed25519 secret key")
        })?;
        Ok(CredentialKey::from_secret_bytes(&secret))
    } else if key.cast::<PyDict>().is_ok() {
        let value: Value = from_json_bytes(py, &option_json(key)?, "a key")?;
        CredentialKey::from_json(&value)
    } else {
        return Err(PyTypeError::new_err(format!(
            "a key is a str (a key file's text), a dict (Multikey or JWK) or 32 bytes, not {}",
            type_name(key)
        )));
    };
    parsed.map_err(|e| attesta_error(py, &e.into()))
}

/// Exports a Documento di validazione or Certificato (dict, JSON str or bytes) as a list of
/// credentials: Open Badges 3.0 (one per validated UC), ELM v3 or the Libretto record, as
/// `format` says (`ob3`, `elm`, `libretto`). `frameworks` supplies the ESCO links of the UCs.
#[pyfunction]
#[pyo3(signature = (document, frameworks = None, **options))]
pub(crate) fn export_credential<'py>(
    py: Python<'py>,
    document: &Bound<'py, PyAny>,
    frameworks: Option<&Bound<'py, Frameworks>>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let options: ExportOptions = options_of(py, options, "export_credential options")?;
    let document: Document = from_json_input(document, "a document")?;
    let set = frameworks.map(|f| f.get().inner.set().clone());
    let exported = py
        .detach(|| export_credentials(&document, set.as_deref(), &options))
        .map_err(|e| attesta_error(py, &e.into()))?;
    to_py(py, &exported)
}

/// Adds an Ed25519 Data Integrity proof to a credential with the host's `key`; the keyword
/// arguments are `cryptosuite`, `verification_method` and `created` (no clock is read).
#[pyfunction]
#[pyo3(signature = (credential, key, **options))]
pub(crate) fn sign_credential<'py>(
    py: Python<'py>,
    credential: &Bound<'py, PyAny>,
    key: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let options: ProofOptions = options_of(py, options, "sign_credential options")?;
    let key = key_of(key)?;
    let credential: Value = from_json_input(credential, "a credential")?;
    let signed = py
        .detach(|| core_sign(&credential, &key, &options))
        .map_err(|e| attesta_error(py, &e.into()))?;
    to_py(py, &signed)
}

/// Verifies a credential's proof with the trusted `key` (or, without one, the key of a
/// `did:key` verification method): a dict with `verified` and, when false, the `problem`.
#[pyfunction]
#[pyo3(signature = (credential, key = None))]
pub(crate) fn verify_credential<'py>(
    py: Python<'py>,
    credential: &Bound<'py, PyAny>,
    key: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let key = key.map(key_of).transpose()?;
    let credential: Value = from_json_input(credential, "a credential")?;
    let outcome = py
        .detach(|| core_verify(&credential, key.as_ref()))
        .map_err(|e| attesta_error(py, &e.into()))?;
    to_py(py, &outcome)
}
