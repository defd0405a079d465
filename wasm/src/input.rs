//! The record argument: turns what JavaScript passes into the bytes the core validates.
//!
//! Accepted forms:
//! - a string: the record's JSON text;
//! - a `Uint8Array` (a Node `Buffer` is one) or an `ArrayBuffer`: the record's UTF-8 bytes,
//!   passed unchanged (so a file read as bytes gets exactly the answer Rust gives, including
//!   for bytes that are not UTF-8);
//! - a plain object: written out with `JSON.stringify` (so `toJSON`, `undefined` members and
//!   the like follow JSON's own rules) and validated as that text.
//!
//! Anything else is not a record at all: a `TypeError` with the core's `wrong_top_level_type`
//! kind. The size limit is checked *before* the input is copied into the module's memory:
//! WebAssembly memory never shrinks, so an oversized input must not grow it.
//!
//! A string is encoded to UTF-8 by the platform's `TextEncoder.encodeInto` into a scratch
//! buffer kept between calls, then copied into the module's memory in one block. wasm-bindgen's
//! own string passing copies ASCII text one UTF-16 unit at a time in a JS loop, which took a
//! third of the time of a whole validation of a 70 KB record; `encodeInto` is native code and
//! gives the same bytes (a lone surrogate becomes U+FFFD either way).

use std::cell::Cell;

use js_sys::{Array, ArrayBuffer, JsString, Uint8Array, JSON};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{self, Class};

/// UTF-16 code units per slice when measuring an oversized string: bounds the memory used.
const MEASURE_CHUNK: u32 = 1 << 16;

/// Largest scratch buffer kept between calls, in bytes (JS memory, outside the module's): enough
/// for any string of up to 1 Mi UTF-16 units; a longer one gets a buffer of its own.
const SCRATCH_KEPT: u32 = 3 << 20;

#[wasm_bindgen]
extern "C" {
    /// The platform's UTF-8 encoder (a global in browsers and in Node).
    type TextEncoder;

    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;

    /// `encodeInto(source, destination)`: writes as much of `source` as fits.
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &TextEncoder, source: &JsString, destination: &Uint8Array) -> Encoded;

    /// What `encodeInto` answers: `{ read, written }`.
    type Encoded;

    /// The number of bytes written.
    #[wasm_bindgen(method, getter)]
    fn written(this: &Encoded) -> u32;
}

thread_local! {
    /// One encoder for the module's life (the module is single-threaded).
    static ENCODER: TextEncoder = TextEncoder::new();
    /// The scratch buffer of the last string encoded, when it is within [`SCRATCH_KEPT`].
    /// Kept with its length, so that reusing it asks JS nothing.
    static SCRATCH: Cell<Option<(Uint8Array, u32)>> = const { Cell::new(None) };
}

/// The bytes of a record argument, at most `max_size` of them.
///
/// # Errors
/// A JS `TypeError` when the value is not a record form, a `RangeError` (`too_large`) when it
/// is over `max_size`.
pub(crate) fn record_bytes(value: &JsValue, max_size: usize) -> Result<Vec<u8>, JsValue> {
    if let Some(text) = value.dyn_ref::<JsString>() {
        return string_bytes(text, max_size);
    }
    if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
        return array_bytes(bytes, max_size);
    }
    if let Some(buffer) = value.dyn_ref::<ArrayBuffer>() {
        return array_bytes(&Uint8Array::new(buffer), max_size);
    }
    if js_type_name(value) != "object" {
        return Err(wrong_type("object", value));
    }
    // JSON.stringify throws a TypeError of its own for a cycle or a BigInt (its message
    // may name properties of the record, so it is replaced), and answers `undefined` when
    // `toJSON` does.
    match JSON::stringify(value)
        .ok()
        .and_then(|t| t.dyn_into::<JsString>().ok())
    {
        Some(text) => string_bytes(&text, max_size),
        None => Err(type_error("object", "an object that JSON cannot represent")),
    }
}

/// The bytes of a framework bundle (`Uint8Array` or `ArrayBuffer`).
///
/// # Errors
/// A `TypeError` for any other value.
pub(crate) fn bundle_bytes(value: &JsValue) -> Result<Vec<u8>, JsValue> {
    if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
        return Ok(bytes.to_vec());
    }
    if let Some(buffer) = value.dyn_ref::<ArrayBuffer>() {
        return Ok(Uint8Array::new(buffer).to_vec());
    }
    Err(wrong_type("Uint8Array", value))
}

/// The JS type of a value, as an error message names it.
fn js_type_name(value: &JsValue) -> &'static str {
    if value.is_string() {
        "string"
    } else if value.is_undefined() {
        "undefined"
    } else if value.is_null() {
        "null"
    } else if value.as_bool().is_some() {
        "boolean"
    } else if value.as_f64().is_some() {
        "number"
    } else if value.is_bigint() {
        "bigint"
    } else if value.is_symbol() {
        "symbol"
    } else if value.is_function() {
        "function"
    } else if Array::is_array(value) {
        "array"
    } else if ArrayBuffer::is_view(value) {
        "typed array or DataView"
    } else {
        "object"
    }
}

/// The `TypeError` for an argument that is not of the `expected` JS type (a record is an
/// "object"), with the core's `wrong_top_level_type` kind: the argument is the top-level value.
pub(crate) fn wrong_type(expected: &'static str, value: &JsValue) -> JsValue {
    type_error(expected, js_type_name(value))
}

fn type_error(expected: &'static str, found: &'static str) -> JsValue {
    error::to_js_as(
        Class::Type,
        &attesta::Error::WrongTopLevelType { expected, found },
    )
}

/// The `RangeError` for an input over the size limit, as the core reports it.
fn too_large(size: usize, limit: usize) -> JsValue {
    error::to_js(&attesta::Error::TooLarge { size, limit })
}

fn array_bytes(bytes: &Uint8Array, max_size: usize) -> Result<Vec<u8>, JsValue> {
    let size = bytes.length() as usize;
    if size > max_size {
        return Err(too_large(size, max_size));
    }
    Ok(bytes.to_vec())
}

fn string_bytes(text: &JsString, max_size: usize) -> Result<Vec<u8>, JsValue> {
    // Every UTF-16 code unit takes at least one UTF-8 byte, so a string with more units than
    // the limit is over it; only then is its exact size measured, slice by slice.
    let units = text.length();
    if units as usize > max_size {
        return Err(too_large(utf8_len(text), max_size));
    }
    // Not wasm-bindgen's own string passing, even for short strings: its loop over the
    // characters runs in JS, and measured in Node (instruction counts over the fixture corpus)
    // it cost more than `encodeInto` and the copy, by about 20,000 instructions a record (6.87M against 5.72M a pass).
    let bytes = utf8(text, units);
    if bytes.len() > max_size {
        return Err(too_large(bytes.len(), max_size));
    }
    Ok(bytes)
}

/// The UTF-8 bytes of a JS string, as `String::from` gives them, encoded natively.
fn utf8(text: &JsString, units: u32) -> Vec<u8> {
    // At most 3 bytes per UTF-16 unit (a surrogate pair, 2 units, takes 4), so one call of
    // `encodeInto` always writes the whole string.
    let need = units.saturating_mul(3);
    let (buffer, size) = SCRATCH
        .take()
        .filter(|&(_, size)| size >= need)
        .unwrap_or_else(|| (Uint8Array::new_with_length(need), need));
    let written = ENCODER.with(|encoder| encoder.encode_into(text, &buffer).written());
    let bytes = buffer.subarray(0, written).to_vec();
    if size <= SCRATCH_KEPT {
        SCRATCH.set(Some((buffer, size)));
    }
    bytes
}

/// The UTF-8 size of a JS string, measured in slices so that at most one slice is in the
/// module's memory at a time. Slices never split a surrogate pair (a split pair would count as
/// two replacement characters, 6 bytes instead of 4).
fn utf8_len(text: &JsString) -> usize {
    let units = text.length();
    let mut start = 0;
    let mut total = 0;
    while start < units {
        let mut end = start.saturating_add(MEASURE_CHUNK).min(units);
        if end < units && is_high_surrogate(text.char_code_at(end - 1)) {
            end -= 1;
        }
        total += String::from(text.slice(start, end)).len();
        start = end;
    }
    total
}

/// Whether a UTF-16 code unit (as `charCodeAt` returns it) starts a surrogate pair.
fn is_high_surrogate(unit: f64) -> bool {
    (f64::from(0xD800_u16)..f64::from(0xDC00_u16)).contains(&unit)
}

/// A value of the core's type `T` from a JS object, JSON text or bytes; the error names what
/// was expected and where it does not fit, never a value. (The case and credential modules
/// read their arguments so; the main module has none of that kind.)
#[cfg(any(feature = "cases", feature = "credentials"))]
pub(crate) fn json_arg<T: serde::de::DeserializeOwned>(
    value: &JsValue,
    what: &str,
    max_size: usize,
) -> Result<T, JsValue> {
    let bytes = record_bytes(value, max_size)?;
    serde_json::from_slice(&bytes).map_err(|err| {
        let error = if err.is_syntax() || err.is_eof() {
            attesta::Error::MalformedJson {
                line: err.line(),
                column: err.column().max(1),
                reason: attesta::text::describe_serde_error(&err.to_string()),
            }
        } else {
            attesta::Error::InvalidInput(format!(
                "not {what}: {}",
                attesta::text::describe_serde_error(&err.to_string())
            ))
        };
        error::to_js(&error)
    })
}
