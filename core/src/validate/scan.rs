//! The first pass of the bounded path: one walk over the JSON text that keeps no tree.
//!
//! It checks the syntax (the same errors, lines and columns as a full parse), finds every
//! repeated key (`structure.duplicate_key`) and gathers what the second pass needs before it
//! meets the items: the top-level type, the declared `schema_version`, how often each
//! top-level field appears (a parsed object keeps the last of repeated keys, and so does the
//! second pass) and the id of every item, in the compact index of [`Ids`].
//!
//! Memory: the open objects' key sets hold one 128-bit hash per key (a false "repeated key"
//! needs two keys of one object with equal 128-bit foldhash values, which ordinary text does not
//! produce), the path stack holds the keys of the open levels, the ids their text.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::hash::BuildHasher;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::json;
use smallvec::SmallVec;

use crate::codes::Code;
use crate::error::{Error, Result};
use crate::path::{Path, PathSegment};

use super::collect::Findings;
use super::rules::{finding, Ids, List};

/// The record's top-level fields, in the order findings list them.
pub(crate) const TOP_LEVEL_FIELDS: &[&str] = &[
    "schema_version",
    "id",
    "person",
    "experiences",
    "evidence",
    "claims",
];

/// What the first pass found.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    /// The JSON type of the document (`object` for a record).
    pub(crate) root_type: &'static str,
    /// The last `schema_version` when it is a string (cut to 64 characters).
    pub(crate) schema_version: Option<String>,
    /// How many times each of [`TOP_LEVEL_FIELDS`] appears.
    pub(crate) occurrences: [usize; 6],
    /// The ids of the items of the last occurrence of each list.
    pub(crate) ids: Ids,
}

/// Walks `bytes` once (see the module documentation); repeated keys go to `findings`.
///
/// # Errors
/// [`Error::MalformedJson`] (with line and column) when `bytes` is not one JSON value. The
/// caller has bounded the nesting depth, so the parser's own recursion limit is lifted.
pub(crate) fn scan(bytes: &[u8], findings: &mut Findings) -> Result<Scan> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    de.disable_recursion_limit();
    let mut walk = Walk {
        stack: Vec::new(),
        scan: Scan::default(),
        findings,
    };
    let root_type = WalkSeed(&mut walk)
        .deserialize(&mut de)
        .map_err(|e| Error::from_json(&e))?;
    de.end().map_err(|e| Error::from_json(&e))?;
    let mut scan = walk.scan;
    scan.root_type = root_type;
    Ok(scan)
}

struct Walk<'de, 'f> {
    stack: Vec<Step<'de>>,
    scan: Scan,
    findings: &'f mut Findings,
}

/// A step of the path to the value being read: a key (borrowed from the text when it has no
/// escape: most keys are never copied) or an index.
enum Step<'de> {
    Key(Cow<'de, str>),
    Index(usize),
}

impl Walk<'_, '_> {
    /// Called for every value with its text when it is a string: keeps `schema_version` and
    /// item ids (the last of repeated keys wins, as in a parsed object).
    fn value(&mut self, text: Option<&str>) {
        match self.stack.as_slice() {
            [Step::Key(key)] if key == "schema_version" => {
                self.scan.schema_version = text.map(|t| crate::text::truncate(t, 64).into_owned());
            }
            [Step::Key(field), Step::Index(index), Step::Key(key)] if key == "id" => {
                if let Some(list) = List::ALL.into_iter().find(|l| l.field() == field) {
                    self.scan.ids.forget_last(list, *index);
                    if let Some(id) = text {
                        self.scan.ids.push(list, *index, id);
                    }
                }
            }
            _ => {}
        }
    }

    /// Counts a top-level key; a list seen again forgets the ids of its earlier occurrence.
    fn top_level_key(&mut self, key: &str) {
        if let Some(at) = TOP_LEVEL_FIELDS.iter().position(|f| *f == key) {
            self.scan.occurrences[at] += 1;
            if self.scan.occurrences[at] > 1 {
                if let Some(list) = List::ALL.into_iter().find(|l| l.field() == key) {
                    self.scan.ids.forget_list(list);
                }
            }
        }
    }
}

impl Step<'_> {
    /// The step as a segment of a finding's path.
    fn segment(&self) -> PathSegment {
        match self {
            Step::Key(key) => PathSegment::Key(key.clone().into_owned()),
            Step::Index(index) => PathSegment::Index(*index),
        }
    }
}

/// A 128-bit hash of a key: two foldhash values with fixed, different seeds.
fn key_hash(key: &str) -> u128 {
    let low = foldhash::quality::FixedState::with_seed(0x5eed_0001).hash_one(key);
    let high = foldhash::quality::FixedState::with_seed(0x5eed_0002).hash_one(key);
    (u128::from(high) << 64) | u128::from(low)
}

/// The keys of one object read so far, as 128-bit hashes: inline while they are few (most
/// objects have a handful of keys: no allocation), in a hash set beyond.
#[derive(Default)]
struct Keys {
    few: SmallVec<[u128; 8]>,
    many: HashSet<u128>,
}

impl Keys {
    /// Adds the hash of a key; whether it was not there yet.
    fn insert(&mut self, hash: u128) -> bool {
        if self.many.is_empty() {
            if self.few.contains(&hash) {
                return false;
            }
            if self.few.len() < self.few.inline_size() {
                self.few.push(hash);
                return true;
            }
            self.many.extend(self.few.drain(..));
        }
        self.many.insert(hash)
    }
}

/// A map key as the text has it: borrowed when it has no escape.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

struct WalkSeed<'w, 'de, 'f>(&'w mut Walk<'de, 'f>);

impl<'de> DeserializeSeed<'de> for WalkSeed<'_, 'de, '_> {
    type Value = &'static str;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for WalkSeed<'_, 'de, '_> {
    type Value = &'static str;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        self.0.value(None);
        Ok("boolean")
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        self.0.value(None);
        Ok("number")
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        self.0.value(None);
        Ok("number")
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        self.0.value(None);
        Ok("number")
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        self.0.value(Some(v));
        Ok("string")
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        self.0.value(None);
        Ok("null")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        self.0.value(None);
        let mut index = 0usize;
        loop {
            self.0.stack.push(Step::Index(index));
            let next = seq.next_element_seed(WalkSeed(self.0));
            self.0.stack.pop();
            match next? {
                Some(_) => index += 1,
                None => return Ok("array"),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        self.0.value(None);
        let mut seen = Keys::default();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let repeated = !seen.insert(key_hash(&key));
            if self.0.stack.is_empty() {
                self.0.top_level_key(&key);
            }
            self.0.stack.push(Step::Key(key));
            let value = map.next_value_seed(WalkSeed(self.0));
            let segment = self.0.stack.pop();
            value?;
            if let (true, Some(Step::Key(key))) = (repeated, segment) {
                let mut path: Vec<PathSegment> = self.0.stack.iter().map(Step::segment).collect();
                let shown = json!(key);
                path.push(PathSegment::Key(key.into_owned()));
                self.0.findings.push(finding(
                    Code::DuplicateKey,
                    Path::from_segments(path),
                    [("key", shown)],
                ));
            }
        }
        Ok("object")
    }
}

#[cfg(test)]
mod tests {
    use super::super::rules::IdIndex;
    use super::*;

    #[test]
    fn finds_repeats_ids_and_the_last_version() {
        let text = br#"{"schema_version": 1, "experiences": [{"id": "a", "id": "b"}, {"id": 3}],
                       "x": {"k": 1, "k": [2]}, "schema_version": "1.0"}"#;
        let mut findings = Findings::new(10);
        let scan = scan(text, &mut findings).unwrap();
        assert_eq!(scan.root_type, "object");
        assert_eq!(scan.schema_version.as_deref(), Some("1.0"));
        assert_eq!(scan.occurrences, [2, 0, 0, 1, 0, 0]);
        let mut ids = scan.ids;
        let mut id_findings = Findings::new(10);
        ids.check(&mut id_findings);
        assert!(ids.contains(List::Experiences, "b"));
        assert!(!ids.contains(List::Experiences, "a"));
        let report = findings.into_report(false);
        let pointers: Vec<String> = report
            .findings
            .iter()
            .map(|f| f.path.to_pointer())
            .collect();
        assert_eq!(pointers, ["/experiences/0/id", "/schema_version", "/x/k"]);
    }

    #[test]
    fn syntax_errors_keep_their_position() {
        let mut findings = Findings::new(10);
        let err = scan(b"{\n  \"a\": ", &mut findings).unwrap_err();
        assert!(matches!(err, Error::MalformedJson { line: 2, .. }), "{err}");
    }
}
