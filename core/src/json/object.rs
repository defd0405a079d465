//! A whole JSON document as one object: parsed within the limits, repeated keys as findings,
//! its top-level type and its declared `schema_version` checked.

use serde_json::{json, Value};

use crate::codes::Code;
use crate::error::{Error, Result};
use crate::path::PathSegment;
use crate::report::Finding;

/// Parses `bytes` as a JSON object within the limits (tests only: callers use
/// [`parse_object_with_duplicates`] so repeated keys are never lost silently).
#[cfg(test)]
pub(crate) fn parse_object(bytes: &[u8], max_size: usize, max_depth: usize) -> Result<Value> {
    parse_object_with_duplicates(bytes, max_size, max_depth).map(|(value, _)| value)
}

/// Parses `bytes` as a JSON object within the limits, with one `structure.duplicate_key`
/// finding for every key repeated in an object (JSON parsers keep only one of them).
pub(crate) fn parse_object_with_duplicates(
    bytes: &[u8],
    max_size: usize,
    max_depth: usize,
) -> Result<(Value, Vec<Finding>)> {
    if bytes.len() > max_size {
        return Err(Error::TooLarge {
            size: bytes.len(),
            limit: max_size,
        });
    }
    if super::exceeds_depth(bytes, max_depth) {
        return Err(Error::TooDeep { limit: max_depth });
    }
    let (value, duplicates) =
        super::parse_with_duplicates(bytes).map_err(|e| Error::from_json(&e))?;
    expect_object(&value)?;
    let findings = duplicates
        .into_iter()
        .map(|path| {
            let key = match path.segments().last() {
                Some(PathSegment::Key(key)) => key.clone(),
                _ => String::new(),
            };
            Finding::new(
                Code::DuplicateKey,
                path,
                [("key".to_owned(), json!(key))].into(),
            )
        })
        .collect();
    Ok((value, findings))
}

/// Fails unless `value` is an object.
pub(crate) fn expect_object(value: &Value) -> Result<()> {
    if value.is_object() {
        Ok(())
    } else {
        Err(Error::WrongTopLevelType {
            expected: "object",
            found: json_type(value),
        })
    }
}

/// Checks the document's `schema_version` against the supported major version.
pub(crate) fn check_schema_version(
    value: &Value,
    supported_major: &str,
    supported: &'static str,
) -> Result<()> {
    check_version_text(
        value.get("schema_version").and_then(Value::as_str),
        supported_major,
        supported,
    )
}

/// Checks a declared version (`None` when absent or not a string).
pub(crate) fn check_version_text(
    version: Option<&str>,
    supported_major: &str,
    supported: &'static str,
) -> Result<()> {
    match version {
        Some(v) if split_version(v).is_some_and(|(major, _)| major == supported_major) => Ok(()),
        Some(v) => Err(Error::UnsupportedSchemaVersion {
            // A version string is not personal data, but cap it: it is echoed back.
            found: Some(v.chars().take(32).collect()),
            supported,
        }),
        None => Err(Error::UnsupportedSchemaVersion {
            found: None,
            supported,
        }),
    }
}

/// The major and minor parts of a version: two parts of 1 to 4 digits around a dot, or `None`.
fn split_version(v: &str) -> Option<(&str, &str)> {
    // Checked without collecting the parts, and the dot found with a byte search (it is ASCII,
    // so a character boundary): every validation checks its record's version.
    let part = |p: &str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    let dot = v.bytes().position(|b| b == b'.')?;
    let (major, minor) = (v.get(..dot)?, v.get(dot + 1..)?);
    (part(major) && part(minor)).then_some((major, minor))
}

/// The JSON type name of a value, as used in messages.
pub(crate) fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_and_types() {
        assert!(matches!(
            parse_object(b"{}", 1, 8),
            Err(Error::TooLarge { size: 2, limit: 1 })
        ));
        assert!(matches!(
            parse_object(b"[]", 10, 8),
            Err(Error::WrongTopLevelType { found: "array", .. })
        ));
        let err = parse_object(b"{\n  \"a\": ", 100, 8).unwrap_err();
        assert!(matches!(err, Error::MalformedJson { line: 2, .. }), "{err}");
    }

    #[test]
    fn schema_versions() {
        let ok = serde_json::json!({"schema_version": "1.3"});
        assert!(check_schema_version(&ok, "1", "1.x").is_ok());
        for bad in [
            serde_json::json!({"schema_version": "2.0"}),
            serde_json::json!({"schema_version": 1}),
            serde_json::json!({}),
            serde_json::json!({"schema_version": "1"}),
        ] {
            assert!(check_schema_version(&bad, "1", "1.x").is_err(), "{bad}");
        }
    }
}
