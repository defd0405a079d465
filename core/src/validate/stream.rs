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

use serde::de::{
    Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde_json::value::RawValue;
use serde_json::{json, Value};

use crate::codes::Code;
use crate::error::{Error, Result};
use crate::json::maps_only;
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
    for (at, field) in [(1, "id"), (2, "person")] {
        if occurrences[at] == 0 {
            top.findings.push(finding(
                Code::MissingField,
                Path::root().child(field),
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
                        .push(invalid_type(root.child("id"), "a string", raw));
                }
            }
            "person" => {
                let path = root.child("person");
                if self.too_large(raw, &path) {
                    return Ok(());
                }
                if let Some(person) = from_text::<PersonView>(raw) {
                    self.person(&person);
                    return Ok(());
                }
                let value = parse(raw)?;
                if let Some(person) = self.decode::<PersonView>(&value, &path) {
                    self.person(&person);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn person(&mut self, person: &PersonView<'_>) {
        rules::check_person(person, self.ctx, self.findings);
        self.person_id = Some(person.id.to_string());
    }

    fn item(&mut self, list: List, index: usize, raw: &RawValue) -> Result<()> {
        let path = Path::root().child(list.field()).child(index);
        if !raw.get().starts_with('{') {
            // Not an object: the finding decoding would give, without parsing the item.
            if !self.findings.omit_if_full(&path, Code::InvalidType) {
                self.findings.push(invalid_type(path, "an object", raw));
            }
            return Ok(());
        }
        if self.too_large(raw, &path) {
            return Ok(());
        }
        // Most items decode: straight from their text, as the fast path decodes a record. Only
        // an item that does not is parsed into a tree, to find where and why (the same decoding
        // of the same values, so an item decodes from its text exactly when from its tree).
        let decoded = match list {
            List::Experiences => from_text::<ExperienceView>(raw)
                .map(|item| rules::check_experience(&item, index, self.ctx, self.findings)),
            List::Evidence => from_text::<EvidenceView>(raw)
                .map(|item| rules::check_evidence(&item, index, self.ids, self.ctx, self.findings)),
            List::Claims => from_text::<ClaimView>(raw)
                .map(|item| rules::check_claim(&item, index, self.ids, self.ctx, self.findings)),
        };
        if decoded.is_some() {
            return Ok(());
        }
        let value = parse(raw)?;
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

    /// Reports a part over the item limit; whether it is.
    fn too_large(&mut self, raw: &RawValue, path: &Path) -> bool {
        let size = raw.get().len();
        let over = size > self.max_item_size;
        if over {
            self.findings.push(finding(
                Code::ItemTooLarge,
                path.clone(),
                [("size", json!(size)), ("limit", json!(self.max_item_size))],
            ));
        }
        over
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

/// Decodes one part straight from its text into its view (strings borrowed from the text), as
/// the fast path decodes a whole record; `None` when it does not decode.
fn from_text<'t, T: Deserialize<'t>>(raw: &'t RawValue) -> Option<T> {
    let mut de = serde_json::Deserializer::from_str(raw.get());
    T::deserialize(maps_only(&mut de)).ok()
}

/// Parses one part into a tree (the nesting was bounded before the first pass).
fn parse(raw: &RawValue) -> Result<Value> {
    let mut de = serde_json::Deserializer::from_str(raw.get());
    de.disable_recursion_limit();
    serde::Deserialize::deserialize(&mut de).map_err(|e| Error::from_json(&e))
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
                    Path::root().child(key.as_str()),
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
            if let Some(list) = List::ALL.into_iter().find(|l| l.field() == key) {
                // A list is walked where it is, its items taken one by one as raw text.
                map.next_value_seed(ListVisitor {
                    top: &mut *top,
                    list,
                })?;
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

/// The value of a list field: its items decoded and checked one at a time, or an
/// `invalid_type` finding when it is no array.
struct ListVisitor<'t, 'a, 'f> {
    top: &'t mut Top<'a, 'f>,
    list: List,
}

impl ListVisitor<'_, '_, '_> {
    /// The finding for a value of another type than an array.
    fn not_an_array(self, found: &str) {
        let path = Path::root().child(self.list.field());
        self.top.findings.push(finding(
            Code::InvalidType,
            path,
            [("expected", json!("an array")), ("found", json!(found))],
        ));
    }
}

impl<'de> DeserializeSeed<'de> for ListVisitor<'_, '_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ListVisitor<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        self.not_an_array("boolean");
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        self.not_an_array("number");
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        self.not_an_array("number");
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        self.not_an_array("number");
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        self.not_an_array("string");
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        self.not_an_array("null");
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        self.not_an_array("object");
        Ok(())
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
