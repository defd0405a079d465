//! Splitting a record's JSON into independently decoded parts.

use std::borrow::Cow;

use serde_json::{json, Map, Value};

use crate::codes::Code;
use crate::model::{CompetenceClaim, CompetenceRecord, Evidence, Experience, Person};
use crate::path::Path;
use crate::report::Finding;

use super::decode;
use super::input::json_type;

const TOP_LEVEL_FIELDS: &[&str] = &[
    "schema_version",
    "id",
    "person",
    "experiences",
    "evidence",
    "claims",
];

/// One list item: its position, its raw id (kept even when the item failed to decode, so that
/// references to it are not reported as dangling) and the decoded item.
pub(crate) struct Item<'a, T: Clone> {
    pub(crate) index: usize,
    pub(crate) raw_id: Option<&'a str>,
    pub(crate) decoded: Option<Cow<'a, T>>,
}

/// The record's parts, each decoded on its own.
pub(crate) struct Parts<'a> {
    pub(crate) id: Option<&'a str>,
    pub(crate) person: Option<Cow<'a, Person>>,
    pub(crate) experiences: Vec<Item<'a, Experience>>,
    pub(crate) evidence: Vec<Item<'a, Evidence>>,
    pub(crate) claims: Vec<Item<'a, CompetenceClaim>>,
}

impl<'a> Parts<'a> {
    pub(crate) fn from_record(record: &'a CompetenceRecord) -> Self {
        fn items<T: Clone>(list: &[T], id: impl Fn(&T) -> &str) -> Vec<Item<'_, T>> {
            list.iter()
                .enumerate()
                .map(|(index, item)| Item {
                    index,
                    raw_id: Some(id(item)),
                    decoded: Some(Cow::Borrowed(item)),
                })
                .collect()
        }
        Parts {
            id: Some(&record.id),
            person: Some(Cow::Borrowed(&record.person)),
            experiences: items(&record.experiences, |e| &e.id),
            evidence: items(&record.evidence, |e| &e.id),
            claims: items(&record.claims, |c| &c.id),
        }
    }
}

pub(crate) fn decode_parts<'a>(value: &'a Value, findings: &mut Vec<Finding>) -> Parts<'a> {
    let Some(object) = value.as_object() else {
        // Callers check the top-level type first; an empty record is the safe answer anyway.
        return Parts {
            id: None,
            person: None,
            experiences: Vec::new(),
            evidence: Vec::new(),
            claims: Vec::new(),
        };
    };
    let root = Path::root();
    for key in object
        .keys()
        .filter(|k| !TOP_LEVEL_FIELDS.contains(&k.as_str()))
    {
        findings.push(Finding::new(
            Code::UnknownField,
            root.join(key.as_str()),
            [
                ("field".to_owned(), json!(key)),
                ("expected".to_owned(), json!(TOP_LEVEL_FIELDS)),
            ]
            .into(),
        ));
    }
    let id = match object.get("id") {
        Some(Value::String(id)) => Some(id.as_str()),
        Some(other) => {
            findings.push(invalid_type(root.join("id"), "a string", other));
            None
        }
        None => {
            findings.push(missing(&root, "id"));
            None
        }
    };
    let person = if let Some(person) = object.get("person") {
        decode::<Person>(person, &root.join("person"), findings).map(Cow::Owned)
    } else {
        findings.push(missing(&root, "person"));
        None
    };
    Parts {
        id,
        person,
        experiences: list(object, "experiences", findings),
        evidence: list(object, "evidence", findings),
        claims: list(object, "claims", findings),
    }
}

fn list<'a, T: serde::de::DeserializeOwned + Clone>(
    object: &'a Map<String, Value>,
    field: &str,
    findings: &mut Vec<Finding>,
) -> Vec<Item<'a, T>> {
    let path = Path::root().join(field);
    match object.get(field) {
        None => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(index, raw)| Item {
                index,
                raw_id: raw.get("id").and_then(Value::as_str),
                decoded: decode::<T>(raw, &path.join(index), findings).map(Cow::Owned),
            })
            .collect(),
        Some(other) => {
            findings.push(invalid_type(path, "an array", other));
            Vec::new()
        }
    }
}

fn missing(at: &Path, field: &str) -> Finding {
    Finding::new(
        Code::MissingField,
        at.join(field),
        [("field".to_owned(), json!(field))].into(),
    )
}

fn invalid_type(path: Path, expected: &str, found: &Value) -> Finding {
    Finding::new(
        Code::InvalidType,
        path,
        [
            ("expected".to_owned(), json!(expected)),
            ("found".to_owned(), json!(json_type(found))),
        ]
        .into(),
    )
}
