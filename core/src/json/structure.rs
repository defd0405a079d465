//! Structural decoding: JSON values into typed model parts, every mismatch a finding.
//!
//! Each item of each list is decoded on its own, so one bad experience does not hide the
//! findings of the others, and the semantic rules still run over everything that decoded.
//! serde's error messages quote the offending value, which may be personal data, so they are
//! never passed through: only their category, the field names and the expected words are kept.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{json, Value};

use crate::codes::Code;
use crate::path::Path;
use crate::report::Finding;

use super::{deserialize_located, json_type};

/// Decodes `value` as `T`, or records one finding at the first mismatch under `path`.
///
/// `T` may borrow from `value` (the validation's views borrow its strings).
pub(crate) fn decode<'v, T: Deserialize<'v>>(
    value: &'v Value,
    path: &Path,
    findings: &mut Vec<Finding>,
) -> Option<T> {
    match deserialize_located::<T, _>(value) {
        Ok(decoded) => Some(decoded),
        Err((err, segments)) => {
            let mut at = path.segments().to_vec();
            at.extend(segments);
            let at = Path::from_segments(at);
            let found = lookup(value, &at, path);
            findings.push(classify(&err.to_string(), at, found));
            None
        }
    }
}

/// The value at `at`, relative to `base` which points at `value`.
fn lookup<'v>(value: &'v Value, at: &Path, base: &Path) -> Option<&'v Value> {
    let mut current = value;
    for segment in &at.segments()[base.segments().len()..] {
        current = match segment {
            crate::path::PathSegment::Key(k) => current.get(k)?,
            crate::path::PathSegment::Index(i) => current.get(i)?,
        };
    }
    Some(current)
}

/// Words between backticks, in order.
fn backticked(message: &str) -> Vec<String> {
    message
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// Splits serde's "unknown field/variant `VALUE`, expected …" message into the quoted value and
/// the expected words. `VALUE` comes from the input and may itself hold backticks, so the
/// message is cut at its *last* "`, expected " / "`, there are no …": the expected words are
/// fixed identifiers of the schema and never contain that text.
fn split_unknown(message: &str) -> (String, Vec<String>) {
    let body = message.split_once('`').map_or("", |(_, rest)| rest);
    if let Some((value, expected)) = body.rsplit_once("`, expected ") {
        (value.to_owned(), backticked(expected))
    } else if let Some((value, _)) = body.rsplit_once("`, there are no ") {
        (value.to_owned(), Vec::new())
    } else {
        (String::new(), Vec::new())
    }
}

/// Turns a serde error message into a finding without quoting the input.
fn classify(message: &str, at: Path, found: Option<&Value>) -> Finding {
    let mut context = BTreeMap::new();
    let (code, path) = if message.starts_with("missing field") {
        let field = backticked(message).into_iter().next().unwrap_or_default();
        context.insert("field".to_owned(), json!(field));
        (Code::MissingField, at.join(field))
    } else if message.starts_with("unknown field") {
        let (field, words) = split_unknown(message);
        context.insert("field".to_owned(), json!(field));
        context.insert("expected".to_owned(), json!(words));
        // The located path already ends at the unknown key.
        let path = if at.segments().last() == Some(&crate::path::PathSegment::Key(field.clone())) {
            at
        } else {
            at.join(field)
        };
        (Code::UnknownField, path)
    } else if message.starts_with("unknown variant") {
        // The rejected value itself is never kept: it may be personal data.
        let (_, words) = split_unknown(message);
        context.insert("expected".to_owned(), json!(words));
        (Code::UnknownVariant, at)
    } else if message.starts_with("invalid type") {
        let expected = message.rsplit("expected ").next().unwrap_or("");
        context.insert("expected".to_owned(), json!(json_expectation(expected)));
        context.insert(
            "found".to_owned(),
            json!(found.map_or("another type", json_type)),
        );
        (Code::InvalidType, at)
    } else {
        let expected = message
            .rsplit_once("expected ")
            .map_or("a valid value", |(_, e)| e);
        context.insert("expected".to_owned(), json!(json_expectation(expected)));
        (Code::InvalidValue, at)
    };
    // The field of an unknown key is echoed input: cut it like every echoed string.
    let context = context
        .into_iter()
        .map(|(k, v)| (k, crate::report::shorten(v)))
        .collect();
    Finding::new(code, path, context)
}

/// Rewrites serde's Rust-flavoured expectation ("u8", "struct Period") in JSON terms.
fn json_expectation(expected: &str) -> &'static str {
    let e = expected.trim();
    if e.contains("string") || e.starts_with("enum") || e.starts_with("variant") {
        "a string"
    } else if e == "u8" {
        "an integer from 0 to 255"
    } else if e.starts_with('u') && e[1..].bytes().all(|b| b.is_ascii_digit()) {
        "a non-negative integer"
    } else if e.starts_with('i') && e[1..].bytes().all(|b| b.is_ascii_digit()) {
        "an integer"
    } else if e.contains("bool") {
        "a boolean"
    } else if e.contains("sequence") {
        "an array"
    } else if e.starts_with("struct") || e.contains("map") {
        "an object"
    } else {
        "a valid value"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Period;

    #[test]
    fn never_quotes_the_value() {
        let mut findings = Vec::new();
        let value = json!({"start": {"secret": "Mario Rossi"}});
        assert!(decode::<Period>(&value, &Path::root().join("period"), &mut findings).is_none());
        let f = &findings[0];
        assert_eq!(f.code, Code::InvalidType);
        assert_eq!(f.path.to_pointer(), "/period/start");
        assert_eq!(f.message, "Expected a string, found object.");
        assert!(!serde_json::to_string(f).unwrap().contains("Mario"));
    }

    #[test]
    fn missing_and_unknown_fields_point_at_the_field() {
        let mut findings = Vec::new();
        decode::<Period>(&json!({"end": "2020"}), &Path::root(), &mut findings);
        decode::<Period>(
            &json!({"start": "2020", "ende": "2021"}),
            &Path::root(),
            &mut findings,
        );
        assert_eq!(findings[0].code, Code::MissingField);
        assert_eq!(findings[0].path.to_pointer(), "/start");
        assert_eq!(findings[1].code, Code::UnknownField);
        assert_eq!(findings[1].path.to_pointer(), "/ende");
        assert_eq!(findings[1].context["expected"], json!(["start", "end"]));
    }

    #[test]
    fn backticks_in_the_input_neither_leak_nor_shift_the_path() {
        let mut findings = Vec::new();
        decode::<crate::model::Experience>(
            &json!({"id": "e", "context": "Mario`Rossi`x", "kind": "work",
                    "period": {"start": "2019"}}),
            &Path::root(),
            &mut findings,
        );
        decode::<Period>(
            &json!({"start": "2019", "a`b`c": 1}),
            &Path::root(),
            &mut findings,
        );
        assert_eq!(findings[0].code, Code::UnknownVariant);
        assert_eq!(
            findings[0].context["expected"],
            json!(["formale", "non_formale", "informale"])
        );
        assert!(!serde_json::to_string(&findings[0])
            .unwrap()
            .contains("Rossi"));
        assert_eq!(findings[1].code, Code::UnknownField);
        assert_eq!(findings[1].path.to_pointer(), "/a`b`c");
        assert_eq!(findings[1].context["expected"], json!(["start", "end"]));
    }
}
