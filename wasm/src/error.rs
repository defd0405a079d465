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

use attesta::{ErrorDetails, ErrorKind, EventPosition, Report};
use js_sys::{Object, Reflect, JSON};
use serde::Serialize;
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
        let text = details_json(&details).unwrap_or_else(|_| {
            details_json(&ErrorDetails::new(details.kind, details.message.clone()))
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

/// The JSON text of an error's details, as `serde_json::to_string` writes it.
#[cfg(any(feature = "cases", feature = "credentials"))]
fn details_json(details: &ErrorDetails) -> serde_json::Result<String> {
    serde_json::to_string(details)
}

/// The JSON text of an error's details in the main module, without the case fields.
#[cfg(not(any(feature = "cases", feature = "credentials")))]
fn details_json(details: &ErrorDetails) -> serde_json::Result<String> {
    serde_json::to_string(&LeanDetails::of(details))
}

/// `ErrorDetails` without the fields only the case procedure fills (`refusal`, `integrity`,
/// `fork`, `drift`), serialized the same way: same names, same order, same omissions.
///
/// The main module runs no case code, so those fields are always empty there; serializing
/// `ErrorDetails` itself would still link the serializers of refusals, log integrity errors,
/// forks and framework drift (about 10 KB of the module, 1.8 KB gzip). The case and credential
/// modules serialize `ErrorDetails` itself. `of` destructures `ErrorDetails` without `..`, so a
/// field added to the core's type does not compile here until it is handled; the tests compare
/// the two serializations.
#[derive(Serialize)]
#[cfg_attr(any(feature = "cases", feature = "credentials"), allow(dead_code))]
struct LeanDetails<'a> {
    kind: ErrorKind,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    framework: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pointer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    event: Option<EventPosition>,
    #[serde(skip_serializing_if = "Option::is_none")]
    report: Option<&'a Report>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cause: Option<Box<LeanDetails<'a>>>,
}

#[cfg_attr(any(feature = "cases", feature = "credentials"), allow(dead_code))]
impl<'a> LeanDetails<'a> {
    fn of(details: &'a ErrorDetails) -> Self {
        let ErrorDetails {
            kind,
            message,
            line,
            column,
            path,
            limit,
            framework,
            pointer,
            // Filled by the case procedure only (see above).
            refusal: _,
            integrity: _,
            fork: _,
            drift: _,
            event,
            report,
            cause,
        } = details;
        LeanDetails {
            kind: *kind,
            message,
            line: *line,
            column: *column,
            path: path.as_deref(),
            limit: *limit,
            framework: framework.as_deref(),
            pointer: pointer.as_deref(),
            event: *event,
            report: report.as_ref(),
            cause: cause.as_deref().map(|c| Box::new(LeanDetails::of(c))),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Details with every field the main module can fill, and a cause that has some too.
    fn full_details() -> ErrorDetails {
        let record = br#"{"schema_version": "1.0", "id": "r", "person": {"id": "p"},
            "experiences": [{"id": "e", "context": "informale", "kind": "work",
            "period": {"start": "2019-03", "end": "2018"}, "country": "MA", "role": "x"}]}"#;
        let report = attesta::ValidationOptions::default()
            .build()
            .expect("default options build")
            .validate_slice(record)
            .expect("the record can be evaluated");
        assert!(!report.findings.is_empty(), "the record has a finding");
        let cause = attesta::Error::MalformedJson {
            line: 3,
            column: 7,
            reason: "expected value".to_owned(),
        }
        .details();
        ErrorDetails {
            kind: ErrorKind::UnusableSource,
            message: "a message".to_owned(),
            line: Some(1),
            column: Some(2),
            path: Some("bundle 1".to_owned()),
            limit: Some(42),
            framework: Some("rrfp_toscana".to_owned()),
            pointer: Some("/units/0".to_owned()),
            refusal: None,
            integrity: None,
            fork: None,
            event: Some(EventPosition { index: 3, seq: 4 }),
            drift: None,
            report: Some(report),
            cause: Some(Box::new(cause)),
        }
    }

    #[test]
    fn lean_details_are_the_details_json() {
        let details = full_details();
        let lean = serde_json::to_string(&LeanDetails::of(&details)).expect("serializes");
        assert_eq!(lean, serde_json::to_string(&details).expect("serializes"));
        // And with no optional field at all.
        let bare = ErrorDetails::new(ErrorKind::TooLarge, "too large");
        let lean = serde_json::to_string(&LeanDetails::of(&bare)).expect("serializes");
        assert_eq!(lean, serde_json::to_string(&bare).expect("serializes"));
    }

    #[test]
    fn details_keep_kind_and_message() {
        let error = attesta::Error::InvalidOptions("option 'x': expected a number".to_owned());
        let details = Details::of(&error);
        assert_eq!(details.kind(), "invalid_options");
        assert_eq!(details.message(), error.to_string());
        let parsed: serde_json::Value = serde_json::from_str(&details.text).expect("JSON");
        assert_eq!(parsed["kind"], "invalid_options");
        assert_eq!(parsed["message"], error.to_string().as_str());
    }
}
