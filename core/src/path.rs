//! Locations inside a JSON document.
//!
//! A [`Path`] is a list of object keys and array indexes. It is stored as segments (cheap to
//! build while walking a record) and always serialized as an RFC 6901 JSON Pointer such as
//! `/experiences/2/period/end`, so that every binding prints the same string.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One step of a [`Path`]: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PathSegment {
    /// A key of a JSON object.
    Key(String),
    /// A position in a JSON array (0-based).
    Index(usize),
}

impl From<&str> for PathSegment {
    fn from(key: &str) -> Self {
        PathSegment::Key(key.to_owned())
    }
}

impl From<String> for PathSegment {
    fn from(key: String) -> Self {
        PathSegment::Key(key)
    }
}

impl From<usize> for PathSegment {
    fn from(index: usize) -> Self {
        PathSegment::Index(index)
    }
}

/// A location in a JSON document, rendered as a JSON Pointer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Path(Vec<PathSegment>);

impl Path {
    /// The document root (`""` as a JSON Pointer).
    pub fn root() -> Self {
        Path(Vec::new())
    }

    /// A path from its segments, root first.
    pub fn from_segments(segments: Vec<PathSegment>) -> Self {
        Path(segments)
    }

    /// A new path with `segment` appended.
    #[must_use]
    pub fn join(&self, segment: impl Into<PathSegment>) -> Self {
        // Sized once: a clone then a push would allocate twice (findings build many paths).
        let mut segments = Vec::with_capacity(self.0.len() + 1);
        segments.extend_from_slice(&self.0);
        segments.push(segment.into());
        Path(segments)
    }

    /// This path with `segment` appended, in place: a path built step by step from the root
    /// (`Path::root().child("claims").child(2)`) allocates once, not once per step.
    #[must_use]
    pub(crate) fn child(mut self, segment: impl Into<PathSegment>) -> Self {
        self.0.push(segment.into());
        self
    }

    /// The segments, from the root down.
    pub fn segments(&self) -> &[PathSegment] {
        &self.0
    }

    /// Whether `prefix` is this path or one of its ancestors.
    pub fn starts_with(&self, prefix: &Path) -> bool {
        self.0.starts_with(&prefix.0)
    }

    /// Shortens every key longer than `max_chars` characters (see [`crate::text::truncate`]),
    /// so that a path echoing an input's keys stays small. Such a key no longer points at the
    /// value; it names it for a reader.
    pub(crate) fn shorten_keys(&mut self, max_chars: usize) {
        for segment in &mut self.0 {
            if let PathSegment::Key(key) = segment {
                if let std::borrow::Cow::Owned(short) = crate::text::truncate(key, max_chars) {
                    *key = short;
                }
            }
        }
    }

    /// Renders the path as an RFC 6901 JSON Pointer (`~` → `~0`, `/` → `~1`).
    pub fn to_pointer(&self) -> String {
        // Sized once for the common case (no escapes, indexes under 10,000): every report
        // serializes the path of each finding.
        let size = self
            .0
            .iter()
            .map(|segment| match segment {
                PathSegment::Key(key) => key.len() + 1,
                PathSegment::Index(_) => 5,
            })
            .sum();
        let mut out = String::with_capacity(size);
        for segment in &self.0 {
            out.push('/');
            match segment {
                PathSegment::Key(key) => {
                    let mut rest = key.as_str();
                    // A byte search: both characters are ASCII, so a match is a character
                    // boundary, and it costs less than a `char` pattern's searcher on short keys.
                    while let Some(at) = rest.bytes().position(|b| b == b'~' || b == b'/') {
                        out.push_str(&rest[..at]);
                        out.push_str(if rest.as_bytes()[at] == b'~' {
                            "~0"
                        } else {
                            "~1"
                        });
                        rest = &rest[at + 1..];
                    }
                    out.push_str(rest);
                }
                // With `itoa` (serde_json's own integer writer): `write!` through the
                // formatting machinery cost more than the few digits of an index.
                PathSegment::Index(index) => out.push_str(itoa::Buffer::new().format(*index)),
            }
        }
        out
    }

    /// Parses a JSON Pointer. All-digit tokens become indexes, which is what they are in every
    /// Attesta document; `None` when the pointer is not `""` and does not start with `/`, or
    /// when it holds an escape other than `~0` and `~1`.
    pub fn from_pointer(pointer: &str) -> Option<Self> {
        if pointer.is_empty() {
            return Some(Path::root());
        }
        let rest = pointer.strip_prefix('/')?;
        let mut segments = Vec::new();
        for token in rest.split('/') {
            let mut key = String::with_capacity(token.len());
            let mut chars = token.chars();
            while let Some(ch) = chars.next() {
                if ch == '~' {
                    match chars.next() {
                        Some('0') => key.push('~'),
                        Some('1') => key.push('/'),
                        _ => return None,
                    }
                } else {
                    key.push(ch);
                }
            }
            let is_index = !key.is_empty()
                && key.bytes().all(|b| b.is_ascii_digit())
                && (key == "0" || !key.starts_with('0'));
            match key.parse::<usize>() {
                Ok(index) if is_index => segments.push(PathSegment::Index(index)),
                _ => segments.push(PathSegment::Key(key)),
            }
        }
        Some(Path(segments))
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_pointer())
    }
}

impl Serialize for Path {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_pointer())
    }
}

impl<'de> Deserialize<'de> for Path {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let pointer = String::deserialize(deserializer)?;
        Path::from_pointer(&pointer)
            .ok_or_else(|| serde::de::Error::custom("not a JSON Pointer (RFC 6901)"))
    }
}

impl JsonSchema for Path {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "JsonPointer".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "RFC 6901 JSON Pointer into the evaluated document ('' is the root).",
            "pattern": "^(/([^~]|~[01])*)*$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_round_trips_with_escapes() {
        let path = Path::root().join("a/b").join(3).join("x~y").join("");
        assert_eq!(path.to_pointer(), "/a~1b/3/x~0y/");
        assert_eq!(Path::from_pointer(&path.to_pointer()), Some(path));
    }

    #[test]
    fn indexes_are_written_in_decimal() {
        for index in [0, 7, 10, 99, 100, 12_345, usize::MAX] {
            let path = Path::root().join(index).join("k");
            assert_eq!(path.to_pointer(), format!("/{index}/k"));
        }
    }

    #[test]
    fn rejects_bad_pointers() {
        assert_eq!(Path::from_pointer("a"), None);
        assert_eq!(Path::from_pointer("/~2"), None);
        assert_eq!(Path::from_pointer(""), Some(Path::root()));
    }

    #[test]
    fn leading_zero_tokens_stay_keys() {
        let path = Path::from_pointer("/01/1").unwrap();
        assert_eq!(
            path.segments(),
            &[PathSegment::Key("01".into()), PathSegment::Index(1)]
        );
    }
}
