//! Validation: `validate`, `isValid` and the reusable `Validator` class.
//!
//! Reports cross the boundary as the plain object `JSON.parse` would make of the core's serde
//! JSON (built in place by [`crate::report`]), so the object a JS caller gets is exactly the
//! JSON Rust produces (same keys, same order, same omissions).

use std::sync::{Arc, OnceLock};

use attesta::framework::FrameworkSet;
use attesta::{Report, ValidationOptions, Validator};
use wasm_bindgen::prelude::*;

use crate::{error, input, options};

/// A validator built once from options and reused for many records (a form that validates on
/// every change). JS: `new Validator({ strict: true, referenceDate: "2026-01-01" })`.
#[wasm_bindgen(js_name = Validator)]
pub struct JsValidator {
    inner: Validator,
}

#[wasm_bindgen(js_class = Validator)]
impl JsValidator {
    /// Builds a validator over the built-in frameworks; `options` is a camelCase object of
    /// the core's validation options, or `undefined` for the defaults.
    ///
    /// # Errors
    /// A JS error with kind `invalid_options` for unknown options, wrong types or values the
    /// core refuses.
    #[wasm_bindgen(constructor)]
    pub fn new(options: &JsValue) -> Result<JsValidator, JsValue> {
        JsValidator::build(options, attesta::builtin::frameworks())
    }

    /// Validates a record (object, JSON text or UTF-8 bytes) and returns the report object.
    ///
    /// # Errors
    /// A JS error when the record cannot be evaluated (see the `error` module).
    pub fn validate(&self, record: &JsValue) -> Result<JsValue, JsValue> {
        run(&self.inner, record)
    }

    /// Whether a record is valid; `false` also when the core cannot evaluate it.
    ///
    /// # Errors
    /// A `TypeError` when the argument is not a record form at all.
    #[wasm_bindgen(js_name = isValid)]
    pub fn is_valid(&self, record: &JsValue) -> Result<bool, JsValue> {
        check(&self.inner, record)
    }
}

impl JsValidator {
    /// A validator of the given options over the given frameworks.
    pub(crate) fn build(
        options: &JsValue,
        frameworks: Arc<FrameworkSet>,
    ) -> Result<JsValidator, JsValue> {
        let inner = options::from_js::<ValidationOptions>(options)?
            .build_with(frameworks)
            .map_err(|e| error::to_js(&e))?;
        Ok(JsValidator { inner })
    }
}

/// Validates a record with the default options (no reference date, so future-date checks are
/// skipped) and the built-in frameworks.
///
/// # Errors
/// A JS error when the record cannot be evaluated.
#[wasm_bindgen]
pub fn validate(record: &JsValue) -> Result<JsValue, JsValue> {
    run(default_validator()?, record)
}

/// Whether a record is valid with the default options; `false` also when the core cannot
/// evaluate it.
///
/// # Errors
/// A `TypeError` when the argument is not a record form at all.
#[wasm_bindgen(js_name = isValid)]
pub fn is_valid(record: &JsValue) -> Result<bool, JsValue> {
    check(default_validator()?, record)
}

/// The validator of the default options, built on first use.
fn default_validator() -> Result<&'static Validator, JsValue> {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    if let Some(validator) = VALIDATOR.get() {
        return Ok(validator);
    }
    let validator = ValidationOptions::default()
        .build()
        .map_err(|e| error::to_js(&e))?;
    Ok(VALIDATOR.get_or_init(|| validator))
}

fn run(validator: &Validator, record: &JsValue) -> Result<JsValue, JsValue> {
    let bytes = input::record_bytes(record, validator.options().max_size)?;
    let report = validator
        .validate_slice(&bytes)
        .map_err(|e| error::to_js(&e))?;
    report_to_js(&report)
}

fn check(validator: &Validator, record: &JsValue) -> Result<bool, JsValue> {
    // An oversized input is "cannot evaluate", hence `false`; only a value that is no record
    // form at all (a number, `undefined`) is the caller's mistake and thrown.
    match input::record_bytes(record, validator.options().max_size) {
        Ok(bytes) => Ok(validator.validate_slice(&bytes).is_ok_and(|r| r.valid)),
        Err(thrown) if is_type_error(&thrown) => Err(thrown),
        Err(_) => Ok(false),
    }
}

fn is_type_error(value: &JsValue) -> bool {
    value.is_instance_of::<js_sys::TypeError>()
}

/// The report as a plain JS object (see [`report`](crate::report)).
fn report_to_js(report: &Report) -> Result<JsValue, JsValue> {
    crate::report::to_js(report)
}
