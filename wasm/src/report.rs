//! A report as a plain JS object: `{ valid, findings: [{ code, severity, path, message,
//! context? }] }`, the object `JSON.parse` gives of the core's JSON of the report.
//!
//! Built in place rather than parsed from that JSON text: parsing a report cost more than the
//! validation that made it (the fixture corpus in Node, 5 Dec 2026: `JSON.parse` of the 57
//! reports took about 80 µs, Ajv's whole pass over the same records 230 µs). The texts of every
//! finding's path and message cross into JS once, as one string, and each is a slice of it
//! (V8 keeps a slice of a long string as a view, without copying); codes, severities and
//! context names are JS strings made once for the module's life; the fixed properties are set
//! by a setter each (a monomorphic store in V8); the `context` values are built as
//! `JSON.parse` would make them (strings as slices too, numbers as the nearest double).
//! Properties are set in the order the core serializes them, so `JSON.stringify` of the
//! object is the core's JSON of the report byte for byte (`test/fixtures.test.mjs` and the
//! corpus tests compare them).

use std::cell::RefCell;

use attesta::{Code, Finding, Report, Severity};
use js_sys::{Array, JsString, Object, JSON};
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::error;

#[wasm_bindgen]
extern "C" {
    /// A plain object whose properties are set by name.
    #[wasm_bindgen(extends = Object)]
    type Record;

    /// `object[name] = value` (an own data property, as `JSON.parse` makes).
    #[wasm_bindgen(method, structural, indexing_setter)]
    fn set(this: &Record, name: &JsString, value: &JsValue);

    /// `object.code = value`. The fixed properties of findings and reports are set through
    /// setters of their own, one JS function per property (`object.code = value`), not the
    /// shared `object[name] = value`: every object passes through each such store with the same
    /// shape, so V8 keeps it monomorphic, while the shared store sees every shape of every
    /// object and goes megamorphic.
    #[wasm_bindgen(method, structural, setter = code)]
    fn set_code(this: &Record, value: &JsString);
    /// `object.severity = value`.
    #[wasm_bindgen(method, structural, setter = severity)]
    fn set_severity(this: &Record, value: &JsString);
    /// `object.path = value`.
    #[wasm_bindgen(method, structural, setter = path)]
    fn set_path(this: &Record, value: &JsString);
    /// `object.message = value`.
    #[wasm_bindgen(method, structural, setter = message)]
    fn set_message(this: &Record, value: &JsString);
    /// `object.context = value`.
    #[wasm_bindgen(method, structural, setter = context)]
    fn set_context(this: &Record, value: &Record);
    /// `object.valid = value`.
    #[wasm_bindgen(method, structural, setter = valid)]
    fn set_valid(this: &Record, value: bool);
    /// `object.findings = value`.
    #[wasm_bindgen(method, structural, setter = findings)]
    fn set_findings(this: &Record, value: &Array);
}

/// The fixed words of a report, made once.
struct Words {
    severities: [JsString; 3],
    /// Each finding code's text, made the first time a finding has it. A list searched in
    /// order (one search per finding): it holds the codes seen so far, at most the catalogue's
    /// few dozen, and comparing codes costs less than hashing their slugs with `SipHash`.
    codes: RefCell<Vec<(Code, JsString)>>,
    /// The names of context values (a few words of the core's rules), made once each. A list
    /// searched in order: the rules use a few dozen names at most, each a short word, and
    /// comparing them costs less than hashing one with the standard library's `SipHash`.
    names: RefCell<Vec<(String, JsString)>>,
}

impl Words {
    fn new() -> Self {
        Words {
            severities: [Severity::Info, Severity::Warning, Severity::Error]
                .map(|s| JsString::from(s.as_str())),
            codes: RefCell::new(Vec::new()),
            names: RefCell::new(Vec::new()),
        }
    }

    fn severity(&self, severity: Severity) -> &JsString {
        match severity {
            Severity::Info => &self.severities[0],
            Severity::Warning => &self.severities[1],
            Severity::Error => &self.severities[2],
        }
    }

    fn name(&self, name: &str) -> JsString {
        let mut names = self.names.borrow_mut();
        if let Some((_, known)) = names.iter().find(|(known, _)| known == name) {
            return known.clone();
        }
        let made = JsString::from(name);
        // The core's rules name a few dozen values at most; the bound only keeps memory (and
        // the search) bounded whatever happens.
        if names.len() < NAMES_KEPT {
            names.push((name.to_owned(), made.clone()));
        }
        made
    }

    fn code(&self, code: Code) -> JsString {
        let mut codes = self.codes.borrow_mut();
        if let Some((_, known)) = codes.iter().find(|(known, _)| *known == code) {
            return known.clone();
        }
        let made = JsString::from(code.as_str());
        codes.push((code, made.clone()));
        made
    }
}

/// Most context names kept as JS strings.
const NAMES_KEPT: usize = 64;

thread_local! {
    /// The module is single-threaded: one set of words for its life.
    static WORDS: Words = Words::new();
}

/// The length of `text` in UTF-16 code units, the unit of JS string indexes.
fn utf16_len(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.encode_utf16().count()
    }
}

/// The report as a plain JS object (see the module documentation).
///
/// # Errors
/// An internal error when a report is longer than a JS string can be.
pub(crate) fn to_js(report: &Report) -> Result<JsValue, JsValue> {
    let mut texts = Texts::default();
    for finding in &report.findings {
        texts.push(&finding.path.to_pointer())?;
        texts.push(&finding.message)?;
        for value in finding.context.values() {
            texts.push_strings(value)?;
        }
    }
    WORDS.with(|words| {
        let findings = Array::new();
        // A report without findings (most valid records) has no text to send across.
        if report.findings.is_empty() {
            return Ok(report_object(report.valid, &findings));
        }
        let all = JsString::from(texts.text.as_str());
        let mut slices = texts.ends.iter().scan(0, |start, &end| {
            let slice = all.slice(*start, end);
            *start = end;
            Some(slice)
        });
        let mut next = || slices.next().unwrap_or_else(|| JsString::from(""));
        for finding in &report.findings {
            let object = finding_object(words, finding);
            object.set_path(&next());
            object.set_message(&next());
            if !finding.context.is_empty() {
                let context: Record = Object::new().unchecked_into();
                for (name, value) in &finding.context {
                    context.set(&words.name(name), &js_value(value, &mut next)?);
                }
                object.set_context(&context);
            }
            findings.push(&object);
        }
        Ok(report_object(report.valid, &findings))
    })
}

/// The report's object: `{ valid, findings }`.
fn report_object(valid: bool, findings: &Array) -> JsValue {
    let object: Record = Object::new().unchecked_into();
    object.set_valid(valid);
    object.set_findings(findings);
    object.into()
}

/// The strings of a report, one after the other, and where each ends in UTF-16 code units
/// (the unit of JS string indexes).
#[derive(Default)]
struct Texts {
    text: String,
    ends: Vec<u32>,
    units: usize,
}

impl Texts {
    fn push(&mut self, part: &str) -> Result<(), JsValue> {
        self.text.push_str(part);
        self.units += utf16_len(part);
        let end = u32::try_from(self.units)
            .map_err(|_| error::internal("the report is too long for a JS string"))?;
        self.ends.push(end);
        Ok(())
    }

    /// Every string in a context value, in the order [`js_value`] takes them.
    fn push_strings(&mut self, value: &Value) -> Result<(), JsValue> {
        match value {
            Value::String(text) => self.push(text),
            Value::Array(items) => items.iter().try_for_each(|item| self.push_strings(item)),
            _ => Ok(()),
        }
    }
}

/// A context value as `JSON.parse` gives it; its strings are the next slices. An object (no
/// context of the core holds one) goes through `JSON.parse` itself.
fn js_value(value: &Value, next: &mut impl FnMut() -> JsString) -> Result<JsValue, JsValue> {
    Ok(match value {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        // What JSON.parse makes of the number's JSON: the nearest double.
        Value::Number(n) => match n.as_f64() {
            Some(number) => JsValue::from_f64(number),
            None => JSON::parse(&n.to_string())?,
        },
        Value::String(_) => next().into(),
        Value::Array(items) => {
            let array = Array::new();
            for item in items {
                array.push(&js_value(item, next)?);
            }
            array.into()
        }
        Value::Object(_) => JSON::parse(&value.to_string())?,
    })
}

/// A finding's object with its code and severity (the path, message and context follow, in
/// that order).
fn finding_object(words: &Words, finding: &Finding) -> Record {
    let object: Record = Object::new().unchecked_into();
    object.set_code(&words.code(finding.code));
    object.set_severity(words.severity(finding.severity));
    object
}
