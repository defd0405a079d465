//! The second pass of the bounded path: items decoded and checked one at a time.
//!
//! The document is read again, field by field. Each item of `experiences`, `evidence` and
//! `claims` is taken as raw text, parsed and decoded on its own (one bad item does not hide
//! the findings of the others), checked by the meaning rules against the ids gathered by the
//! first pass ([`super::scan`]), and dropped before the next item is read. So memory holds one
//! item at a time, never the tree of the whole document: a record of millions of tiny bad
//! items costs its findings (capped by [`Findings`]) and its ids, nothing per item beyond.
//!
//! Where a field is repeated, only its last occurrence is evaluated, as a parsed object keeps
//! only the last value (the first pass reported the repeat).

use std::fmt;

use serde::de::{Deserialize, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserializer as _;
use serde_json::value::RawValue;
use serde_json::{json, Value};

use crate::codes::Code;
use crate::error::{Error, Result};
use crate::model::{ClaimView, EvidenceView, ExperienceView, PersonView};
use crate::path::Path;
use crate::report::Finding;

use super::collect::Findings;
use super::rules::{self, finding, Context, Ids, List};
use super::scan::TOP_LEVEL_FIELDS;

/// Decodes and checks every part of the record in `bytes` (an object, already scanned).
///
/// # Errors
/// Only when the text does not parse, which the first pass has ruled out.
pub(crate) fn evaluate(
    bytes: &[u8],
    occurrences: &[usize; 6],
    max_item_size: usize,
    ids: &Ids,
    ctx: &Context<'_>,
    findings: &mut Findings,
) -> Result<()> {
    let mut top = Top {
        occurrences,
        max_item_size,
        seen: [0; 6],
        ids,
        ctx,
        findings,
        record_id: None,
        person_id: None,
        failure: None,
    };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    de.disable_recursion_limit();
    let outcome = (&mut de).deserialize_map(TopVisitor(&mut top));
    if let Some(error) = top.failure.take() {
        return Err(error);
    }
    outcome.map_err(|e| Error::from_json(&e))?;
    let root = Path::root();
    for (at, field) in [(1, "id"), (2, "person")] {
        if occurrences[at] == 0 {
            top.findings.push(finding(
                Code::MissingField,
                root.join(field),
                [("field", json!(field))],
            ));
        }
    }
    rules::check_top_ids(
        top.record_id.as_deref(),
        top.person_id.as_deref(),
        top.findings,
    );
    Ok(())
}

struct Top<'a, 'f> {
    occurrences: &'a [usize; 6],
    max_item_size: usize,
    seen: [usize; 6],
    ids: &'a Ids,
    ctx: &'a Context<'a>,
    findings: &'f mut Findings,
    record_id: Option<String>,
    person_id: Option<String>,
    /// An error that is not the parser's (kept here: serde errors carry only text).
    failure: Option<Error>,
}

impl Top<'_, '_> {
    fn field(&mut self, field: &str, raw: &RawValue) -> Result<()> {
        let root = Path::root();
        match field {
            "id" => {
                if raw.get().starts_with('"') {
                    let id: String =
                        serde_json::from_str(raw.get()).map_err(|e| Error::from_json(&e))?;
                    self.record_id = Some(id);
                } else {
                    self.findings
                        .push(invalid_type(root.join("id"), "a string", raw));
                }
            }
            "person" => {
                let path = root.join("person");
                let Some(value) = self.parse(raw, &path)? else {
                    return Ok(());
                };
                if let Some(person) = self.decode::<PersonView>(&value, &path) {
                    rules::check_person(&person, self.ctx, self.findings);
                    self.person_id = Some(person.id.to_string());
                }
            }
            _ => {
                if let Some(list) = List::ALL.into_iter().find(|l| l.field() == field) {
                    self.list(list, raw)?;
                }
            }
        }
        Ok(())
    }

    fn list(&mut self, list: List, raw: &RawValue) -> Result<()> {
        let path = Path::root().join(list.field());
        if !raw.get().starts_with('[') {
            self.findings.push(invalid_type(path, "an array", raw));
            return Ok(());
        }
        let mut de = serde_json::Deserializer::from_str(raw.get());
        de.disable_recursion_limit();
        let outcome = de.deserialize_seq(ListVisitor { top: self, list });
        if let Some(error) = self.failure.take() {
            return Err(error);
        }
        outcome.map_err(|e| Error::from_json(&e))
    }

    fn item(&mut self, list: List, index: usize, raw: &RawValue) -> Result<()> {
        let path = Path::root().join(list.field()).join(index);
        if !raw.get().starts_with('{') {
            // Not an object: the finding decoding would give, without parsing the item.
            if !self.findings.omit_if_full(&path, Code::InvalidType) {
                self.findings.push(invalid_type(path, "an object", raw));
            }
            return Ok(());
        }
        let Some(value) = self.parse(raw, &path)? else {
            return Ok(());
        };
        match list {
            List::Experiences => {
                if let Some(item) = self.decode::<ExperienceView>(&value, &path) {
                    rules::check_experience(&item, index, self.ctx, self.findings);
                }
            }
            List::Evidence => {
                if let Some(item) = self.decode::<EvidenceView>(&value, &path) {
                    rules::check_evidence(&item, index, self.ids, self.ctx, self.findings);
                }
            }
            List::Claims => {
                if let Some(item) = self.decode::<ClaimView>(&value, &path) {
                    rules::check_claim(&item, index, self.ids, self.ctx, self.findings);
                }
            }
        }
        Ok(())
    }

    /// Parses one part, or reports it when it is over the item limit.
    fn parse(&mut self, raw: &RawValue, path: &Path) -> Result<Option<Value>> {
        let size = raw.get().len();
        if size > self.max_item_size {
            self.findings.push(finding(
                Code::ItemTooLarge,
                path.clone(),
                [("size", json!(size)), ("limit", json!(self.max_item_size))],
            ));
            return Ok(None);
        }
        let mut de = serde_json::Deserializer::from_str(raw.get());
        de.disable_recursion_limit();
        let value = serde::Deserialize::deserialize(&mut de).map_err(|e| Error::from_json(&e))?;
        Ok(Some(value))
    }

    /// Decodes a parsed part into its view (strings borrowed from `value`), its structural
    /// findings into `findings`.
    fn decode<'v, T: Deserialize<'v>>(&mut self, value: &'v Value, path: &Path) -> Option<T> {
        let mut found = Vec::new();
        let decoded = crate::json::decode::<T>(value, path, &mut found);
        self.findings.extend(found);
        decoded
    }
}

/// The JSON type of raw JSON text, from its first character.
fn raw_type(raw: &RawValue) -> &'static str {
    match raw.get().as_bytes().first() {
        Some(b'{') => "object",
        Some(b'[') => "array",
        Some(b'"') => "string",
        Some(b't' | b'f') => "boolean",
        Some(b'n') => "null",
        _ => "number",
    }
}

fn invalid_type(path: Path, expected: &str, found: &RawValue) -> Finding {
    finding(
        Code::InvalidType,
        path,
        [
            ("expected", json!(expected)),
            ("found", json!(raw_type(found))),
        ],
    )
}

fn serde_failure<E: serde::de::Error>(top: &mut Top<'_, '_>, error: Error) -> E {
    top.failure = Some(error);
    E::custom("evaluation stopped")
}

struct TopVisitor<'t, 'a, 'f>(&'t mut Top<'a, 'f>);

impl<'de> Visitor<'de> for TopVisitor<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let top = self.0;
        while let Some(key) = map.next_key::<String>()? {
            let Some(at) = TOP_LEVEL_FIELDS.iter().position(|f| *f == key) else {
                top.findings.push(finding(
                    Code::UnknownField,
                    Path::root().join(key.as_str()),
                    [("field", json!(key)), ("expected", json!(TOP_LEVEL_FIELDS))],
                ));
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            top.seen[at] += 1;
            // Only the last occurrence counts; `schema_version` was read by the first pass.
            if top.seen[at] < top.occurrences[at] || key == "schema_version" {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            let raw: &RawValue = map.next_value()?;
            if let Err(error) = top.field(&key, raw) {
                return Err(serde_failure(top, error));
            }
        }
        Ok(())
    }
}

struct ListVisitor<'t, 'a, 'f> {
    top: &'t mut Top<'a, 'f>,
    list: List,
}

impl<'de> Visitor<'de> for ListVisitor<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0usize;
        while let Some(raw) = seq.next_element::<&RawValue>()? {
            if let Err(error) = self.top.item(self.list, index, raw) {
                return Err(serde_failure(self.top, error));
            }
            index += 1;
        }
        Ok(())
    }
}
