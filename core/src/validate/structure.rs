//! Structural decoding: JSON values into typed model parts, every mismatch a finding.
//!
//! Each item of each list is decoded on its own, so one bad experience does not hide the
//! findings of the others, and the semantic rules still run over everything that decoded.
//! serde's error messages quote the offending value, which may be personal data, so they are
//! never passed through: only their category, the field names and the expected words are kept.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use crate::codes::Code;
use crate::path::Path;
use crate::report::Finding;

use super::input::json_type;

/// Decodes `value` as `T`, or records one finding at the first mismatch under `path`.
pub(crate) fn decode<T: DeserializeOwned>(
    value: &Value,
    path: &Path,
    findings: &mut Vec<Finding>,
) -> Option<T> {
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(decoded) => Some(decoded),
        Err(err) => {
            let mut at = path.clone();
            for segment in err.path() {
                match segment {
                    serde_path_to_error::Segment::Seq { index } => at = at.join(*index),
                    serde_path_to_error::Segment::Map { key } => at = at.join(key.as_str()),
                    serde_path_to_error::Segment::Enum { .. }
                    | serde_path_to_error::Segment::Unknown => {}
                }
            }
            let found = lookup(value, &at, path);
            findings.push(classify(&err.into_inner().to_string(), at, found));
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

/// Turns a serde error message into a finding without quoting the input.
fn classify(message: &str, at: Path, found: Option<&Value>) -> Finding {
    let mut context = BTreeMap::new();
    let (code, path) = if message.starts_with("missing field") {
        let field = backticked(message).into_iter().next().unwrap_or_default();
        context.insert("field".to_owned(), json!(field));
        (Code::MissingField, at.join(field))
    } else if message.starts_with("unknown field") {
        let mut words = backticked(message);
        let field = if words.is_empty() {
            String::new()
        } else {
            words.remove(0)
        };
        context.insert("field".to_owned(), json!(field));
        context.insert("expected".to_owned(), json!(words));
        // serde_path_to_error already ends the path at the unknown key.
        let path = if at.segments().last() == Some(&crate::path::PathSegment::Key(field.clone())) {
            at
        } else {
            at.join(field)
        };
        (Code::UnknownField, path)
    } else if message.starts_with("unknown variant") {
        let words = backticked(message);
        context.insert(
            "expected".to_owned(),
            json!(words.get(1..).unwrap_or_default()),
        );
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
}
