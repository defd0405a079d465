//! The canonical JSON encoding that event hashes are computed over.
//!
//! A hash is only reproducible if every program encodes the same value to the same bytes, so
//! the encoding is fixed here and documented for other implementations:
//!
//! - objects: keys sorted by their UTF-8 bytes, `{"a":1,"b":2}`, no whitespace anywhere;
//! - strings: as `serde_json` writes them: `"` and `\` escaped with a backslash, control
//!   characters as `\b \f \n \r \t` or `\u00XX` (lower-case hex), everything else (including
//!   non-ASCII) as raw UTF-8;
//! - numbers: integers only, in plain decimal (`-12`, `0`, `18446744073709551615`).
//!   **Floats are refused**: their decimal forms are not unique across languages, and no
//!   procedure payload needs one (durations are whole numbers, dates are strings);
//! - `true`, `false`, `null` as themselves; arrays in their order, `[1,2]`.
//!
//! The SHA-256 of these bytes, as 64 lower-case hex characters, is an event's hash.

use serde_json::Value;
use sha2::{Digest, Sha256};

/// A value that has no canonical encoding: it holds a float.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FloatNotAllowed {
    /// JSON Pointer of the float inside the encoded value.
    pub(crate) pointer: String,
}

/// Writes the canonical encoding of `value`.
pub(crate) fn encode(value: &Value) -> Result<String, FloatNotAllowed> {
    let mut out = String::new();
    write(value, &mut out, &mut String::new())?;
    Ok(out)
}

/// SHA-256 of `bytes` as 64 lower-case hex characters.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

fn write(value: &Value, out: &mut String, pointer: &mut String) -> Result<(), FloatNotAllowed> {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if n.is_f64() {
                return Err(FloatNotAllowed {
                    pointer: pointer.clone(),
                });
            }
            out.push_str(&n.to_string());
        }
        Value::String(s) => push_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&i.to_string());
                write(item, out, pointer)?;
                pointer.truncate(len);
            }
            out.push(']');
        }
        Value::Object(map) => {
            // Sort explicitly: serde_json keeps insertion order when another crate in the
            // build enables its `preserve_order` feature.
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_unstable();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_string(key, out);
                out.push(':');
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                write(&map[key], out, pointer)?;
                pointer.truncate(len);
            }
            out.push('}');
        }
    }
    Ok(())
}

fn push_string(s: &str, out: &mut String) {
    // serde_json's string writer is deterministic and cannot fail for a `str`.
    match serde_json::to_string(s) {
        Ok(text) => out.push_str(&text),
        Err(_) => out.push_str("\"\""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sorts_keys_and_drops_whitespace() {
        let value = json!({"b": [1, {"z": null, "a": true}], "a": "x\n\u{e8}"});
        assert_eq!(
            encode(&value).unwrap(),
            "{\"a\":\"x\\n\u{e8}\",\"b\":[1,{\"a\":true,\"z\":null}]}"
        );
    }

    #[test]
    fn refuses_floats_with_their_location() {
        let value = json!({"a": [0, 1.5]});
        assert_eq!(encode(&value).unwrap_err().pointer, "/a/1");
    }

    #[test]
    fn hashes_known_vector() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
