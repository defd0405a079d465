//! Parsing JSON into `serde_json::Value` while noticing duplicate keys.
//!
//! `serde_json` keeps the last of two equal keys in an object and drops the first without a
//! word. For a record that is silent data loss (two `given_name`s, two `period`s), so this
//! parser builds the same `Value` and reports the path of every repeated key. The path stack is
//! shared and keys are moved in and out of it, so the happy path allocates nothing extra.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::path::{Path, PathSegment};

/// Parses `bytes` as one JSON value; returns it and the paths of repeated keys.
///
/// The caller has already bounded the nesting depth, so `serde_json`'s own recursion limit
/// (which rejects the 128th level) is lifted to make the configured limit exact.
pub(crate) fn parse_with_duplicates(bytes: &[u8]) -> Result<(Value, Vec<Path>), serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    deserializer.disable_recursion_limit();
    let mut stack = Vec::new();
    let mut duplicates = Vec::new();
    let value = ValueSeed {
        stack: &mut stack,
        duplicates: &mut duplicates,
    }
    .deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok((value, duplicates))
}

struct ValueSeed<'a> {
    stack: &'a mut Vec<PathSegment>,
    duplicates: &'a mut Vec<Path>,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        // JSON text cannot spell NaN or infinity, so this is always a number.
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        loop {
            self.stack.push(PathSegment::Index(items.len()));
            let next = seq.next_element_seed(ValueSeed {
                stack: self.stack,
                duplicates: self.duplicates,
            });
            self.stack.pop();
            match next? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            self.stack.push(PathSegment::Key(key));
            let value = map.next_value_seed(ValueSeed {
                stack: self.stack,
                duplicates: self.duplicates,
            });
            let Some(PathSegment::Key(key)) = self.stack.pop() else {
                return Err(serde::de::Error::custom(
                    "internal: path stack out of order",
                ));
            };
            let value = value?;
            if object.contains_key(&key) {
                let mut path: Vec<PathSegment> = self.stack.clone();
                path.push(PathSegment::Key(key.clone()));
                self.duplicates.push(Path::from_segments(path));
            }
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_value_as_serde_json_and_duplicates_found() {
        let text = br#"{"a": [1, {"b": 2, "b": 3}], "c": -1.5, "a": null, "d": "x"}"#;
        let (value, duplicates) = parse_with_duplicates(text).unwrap();
        assert_eq!(value, serde_json::from_slice::<Value>(text).unwrap());
        let pointers: Vec<String> = duplicates.iter().map(Path::to_pointer).collect();
        assert_eq!(pointers, ["/a/1/b", "/a"]);
    }

    #[test]
    fn trailing_garbage_and_depth_128_accepted() {
        assert!(parse_with_duplicates(b"{} x").is_err());
        let deep = format!("{}{}", "[".repeat(128), "]".repeat(128));
        assert!(parse_with_duplicates(deep.as_bytes()).is_ok());
    }
}
