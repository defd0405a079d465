//! A report as a plain JS object: `{ valid, findings: [{ code, severity, path, message,
//! context? }] }`, the object `JSON.parse` gives of the core's JSON of the report.
//!
//! Built in place rather than parsed from that JSON text: parsing a report cost more than the
//! validation that made it (the fixture corpus in Node, 5 Dec 2026: `JSON.parse` of the 57
//! reports took about 80 µs, Ajv's whole pass over the same records 230 µs). The texts of every
//! finding's path and message cross into JS once, as one string, and each is a slice of it
//! (V8 keeps a slice of a long string as a view, without copying); codes, severities and
//! property names are JS strings made once for the module's life; the `context` maps, whose
//! values are any JSON, are the one part still parsed, all of a report's in one `JSON.parse`.
//! Properties are set in the order the core serializes them, so `JSON.stringify` of the
//! object is the core's JSON of the report byte for byte (`test/fixtures.test.mjs` and the
//! corpus tests compare them).

use std::cell::RefCell;
use std::collections::HashMap;

use attesta::{Finding, Report, Severity};
use js_sys::{Array, JsString, Object, JSON};
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
}

/// The property names and the fixed words of a report, made once.
struct Words {
    valid: JsString,
    findings: JsString,
    code: JsString,
    severity: JsString,
    path: JsString,
    message: JsString,
    context: JsString,
    severities: [JsString; 3],
    /// Each finding code's text, made the first time a finding has it.
    codes: RefCell<HashMap<&'static str, JsString>>,
}

impl Words {
    fn new() -> Self {
        Words {
            valid: JsString::from("valid"),
            findings: JsString::from("findings"),
            code: JsString::from("code"),
            severity: JsString::from("severity"),
            path: JsString::from("path"),
            message: JsString::from("message"),
            context: JsString::from("context"),
            severities: [Severity::Info, Severity::Warning, Severity::Error]
                .map(|s| JsString::from(s.as_str())),
            codes: RefCell::new(HashMap::new()),
        }
    }

    fn severity(&self, severity: Severity) -> &JsString {
        match severity {
            Severity::Info => &self.severities[0],
            Severity::Warning => &self.severities[1],
            Severity::Error => &self.severities[2],
        }
    }

    fn code(&self, code: &'static str) -> JsString {
        self.codes
            .borrow_mut()
            .entry(code)
            .or_insert_with(|| JsString::from(code))
            .clone()
    }
}

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
/// An internal error when a context cannot be written or read back, which does not happen for
/// the core's reports (their contexts are JSON values).
pub(crate) fn to_js(report: &Report) -> Result<JsValue, JsValue> {
    // The paths and messages, one after the other, with where each ends (UTF-16 units).
    let mut text = String::with_capacity(
        report
            .findings
            .iter()
            .map(|f| f.message.len() + 32)
            .sum::<usize>(),
    );
    let mut ends = Vec::with_capacity(report.findings.len() * 2);
    let mut units = 0usize;
    // The non-empty contexts, as one JSON array.
    let mut contexts = Vec::new();
    for finding in &report.findings {
        let path = finding.path.to_pointer();
        for part in [path.as_str(), finding.message.as_str()] {
            text.push_str(part);
            units += utf16_len(part);
            ends.push(u32::try_from(units).map_err(|_| too_long())?);
        }
        if !finding.context.is_empty() {
            contexts.push(if contexts.is_empty() { b'[' } else { b',' });
            serde_json::to_writer(&mut contexts, &finding.context)
                .map_err(|_| error::internal("a finding's context could not be serialized"))?;
        }
    }
    let contexts = if contexts.is_empty() {
        None
    } else {
        contexts.push(b']');
        let contexts = String::from_utf8(contexts)
            .map_err(|_| error::internal("a finding's context is not UTF-8"))?;
        Some(JSON::parse(&contexts)?.unchecked_into::<Array>())
    };
    WORDS.with(|words| {
        let all = JsString::from(text.as_str());
        let findings = Array::new();
        let mut start = 0;
        let mut context_at = 0;
        for (finding, pair) in report.findings.iter().zip(ends.chunks_exact(2)) {
            let object = finding_object(words, finding);
            object.set(&words.path, &all.slice(start, pair[0]));
            object.set(&words.message, &all.slice(pair[0], pair[1]));
            start = pair[1];
            if let (false, Some(contexts)) = (finding.context.is_empty(), &contexts) {
                object.set(&words.context, &contexts.get(context_at));
                context_at += 1;
            }
            findings.push(&object);
        }
        let object: Record = Object::new().unchecked_into();
        object.set(&words.valid, &JsValue::from_bool(report.valid));
        object.set(&words.findings, &findings);
        Ok(object.into())
    })
}

/// A finding's object with its code and severity (the path, message and context follow, in
/// that order).
fn finding_object(words: &Words, finding: &Finding) -> Record {
    let object: Record = Object::new().unchecked_into();
    object.set(&words.code, &words.code(finding.code.as_str()));
    object.set(&words.severity, words.severity(finding.severity));
    object
}

fn too_long() -> JsValue {
    error::internal("the report is too long for a JS string")
}
