//! Errors thrown to JavaScript.
//!
//! Every error is a real JS `Error` object (so `instanceof Error`, stack traces and
//! `console.error` work) with two extra properties, built generically from the core's
//! `attesta::Error::details()` serialized with serde:
//! - `code`: the error's `kind` (e.g. `malformed_json`), the same string in every binding;
//! - `details`: the whole `ErrorDetails` object (`kind`, `message` and the optional fields of
//!   that kind), exactly the JSON Rust produces.
//!
//! The kinds are not listed here (the core adds kinds and fields over time); only the JS class
//! is chosen from the kind, where JavaScript has a matching class: a limit is a `RangeError`,
//! a value of the wrong type a `TypeError`, anything else an `Error`.

use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::JsValue;

/// The JS error class thrown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// `Error`.
    Plain,
    /// `TypeError`: an argument or value of the wrong type.
    Type,
    /// `RangeError`: a value outside the accepted range (a size or depth limit).
    Range,
}

impl Class {
    /// The class that fits an error kind.
    fn of_kind(kind: &str) -> Self {
        match kind {
            "too_large" | "too_deep" => Class::Range,
            "wrong_top_level_type" => Class::Type,
            _ => Class::Plain,
        }
    }
}

/// A core error as a JS error of the class its kind calls for.
pub(crate) fn to_js(error: &attesta::Error) -> JsValue {
    let details = Details::of(error);
    build(Class::of_kind(details.kind()), &details)
}

/// A core error as a JS error of the given class (for argument checks of the binding, whose
/// class is known from the argument, e.g. an option of the wrong type is a `TypeError`).
pub(crate) fn to_js_as(class: Class, error: &attesta::Error) -> JsValue {
    build(class, &Details::of(error))
}

/// An error of the binding itself that no core error describes (a failed internal conversion):
/// a plain `Error` with the message only.
pub(crate) fn internal(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

/// The serialized `ErrorDetails` of an error: the text (handed to `JSON.parse`, so key order
/// and all are exactly serde's), its kind and its message.
///
/// Serialized once, to text only: a `serde_json::Value` of the details as well would link a
/// second serializer of every type the details can hold (reports, refusals, log integrity
/// errors...), about 30 KiB of the main module.
struct Details {
    text: String,
    kind: &'static str,
    message: String,
}

impl Details {
    fn of(error: &attesta::Error) -> Self {
        let details = error.details();
        // Serializing a plain data struct cannot fail; should it ever, the kind and message
        // still reach the caller, which matters more than the optional fields.
        let text = serde_json::to_string(&details).unwrap_or_else(|_| {
            serde_json::to_string(&attesta::ErrorDetails::new(
                details.kind,
                details.message.clone(),
            ))
            .unwrap_or_default()
        });
        Details {
            text,
            kind: details.kind.as_str(),
            message: details.message,
        }
    }

    fn kind(&self) -> &str {
        self.kind
    }

    fn message(&self) -> &str {
        &self.message
    }
}

/// Builds the JS error object: class, message, `code` and `details`.
fn build(class: Class, details: &Details) -> JsValue {
    let error: Object = match class {
        Class::Plain => js_sys::Error::new(details.message()).into(),
        Class::Type => js_sys::TypeError::new(details.message()).into(),
        Class::Range => js_sys::RangeError::new(details.message()).into(),
    };
    // The details go through JSON.parse so the object is exactly serde's JSON (no
    // serde-wasm-bindgen mapping in between, and no code for it in the module).
    let object = JSON::parse(&details.text).unwrap_or(JsValue::NULL);
    // Setting a property on a fresh Error cannot fail (it is extensible and has no setters).
    let _ = Reflect::set(&error, &"code".into(), &details.kind().into());
    let _ = Reflect::set(&error, &"details".into(), &object);
    error.into()
}
