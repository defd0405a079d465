//! The JSON contract of the public API, as the bindings (Python `.pyi`, TypeScript `.d.ts`)
//! will freeze it: every value that crosses the boundary has one name and one committed
//! schema, a name means one shape in every schema, and serialized errors carry the common
//! discriminator `kind`.
//!
//! - [`schema_names_and_committed_files_agree`]: `schema::NAMES` and `data/schemas/` list
//!   the same schemas, each with its versioned `$id`;
//! - [`committed_schemas_are_valid_and_self_contained`]: each is a valid draft 2020-12 schema
//!   whose references resolve;
//! - [`a_name_means_one_shape_in_every_schema`]: two schemas that define the same `$defs` name
//!   (or a root of that title) define it identically, and [`schema_names_are_type_names`]:
//!   every such name is a plain `UpperCamelCase` identifier;
//! - [`every_serialized_public_type_has_a_schema`]: every `pub struct`/`pub enum` of
//!   `core/src` deriving both `Serialize` and `JsonSchema` is the root or a `$defs` entry of
//!   a committed schema;
//! - [`serialized_errors_and_tagged_enums_use_kind`]: every error, refusal, reason, details
//!   or integrity definition that is an object or a tagged enum has a `kind` property, and
//!   every tagged enum is tagged by `kind`.
//!
//! Each failure names the schema, the type or the definition and says how to fix it.

use std::collections::{BTreeMap, BTreeSet};

use attesta::schema;
use serde_json::Value;

mod schema_scan;

use schema_scan::{
    branches, committed, definitions, derived_types, nodes, properties, source_types, tag_keys,
    SourceType,
};

// ---- Allow-lists. Each entry is a known, temporary or reasoned exception. ----

/// Types serialized with a schema only as part of another schema, where schemars writes them
/// inline (the variants of an internally tagged enum are flattened into it, with the tag), so
/// they have no `$defs` entry of their own: (type, schema that holds it).
const INLINED: &[(&str, &str)] = &[
    ("DocumentoTrasparenza", "document"),
    ("DocumentoValidazione", "document"),
    ("Certificato", "document"),
    ("QualificationProfile", "node-lookup"),
    ("UnitDetail", "node-lookup"),
    ("CodeLookup", "node-lookup"),
];

/// Public types deriving `Serialize` and `JsonSchema` that never cross the JSON boundary, each
/// with the reason.
const INTERNAL: &[(&str, &str)] = &[
    // Crosses the boundary as an `ErrorDetails` (kinds `log_integrity`, `bad_event_payload`,
    // `event_refused`, `empty_log`, `frameworks_changed`), never serialized on its own.
    (
        "ReplayError",
        "serialized through ErrorDetails, whose kinds name its variants",
    ),
    // Rows of ESCO and classification bundles: encoded with postcard inside `.attb` files,
    // never as JSON; what a bundle holds is described by `bundle-info`.
    ("Classification", "postcard rows of a classification bundle"),
    (
        "ClassificationNode",
        "postcard rows of a classification bundle",
    ),
    ("BroaderRelation", "postcard rows of an ESCO bundle"),
    ("ConceptRef", "postcard rows of an ESCO bundle"),
    ("EscoLabels", "postcard rows of an ESCO bundle"),
    ("EscoOccupation", "postcard rows of an ESCO bundle"),
    ("EscoSkill", "postcard rows of an ESCO bundle"),
    ("EscoSkillGroup", "postcard rows of an ESCO bundle"),
    ("IscoGroup", "postcard rows of an ESCO bundle"),
    ("OccupationSkill", "postcard rows of an ESCO bundle"),
    ("Relevance", "postcard rows of an ESCO bundle"),
    ("ReuseLevel", "postcard rows of an ESCO bundle"),
    ("SkillSkillRelation", "postcard rows of an ESCO bundle"),
    ("SkillType", "postcard rows of an ESCO bundle"),
    // The search index's stored table (postcard inside `SearchIndex`); hits are
    // `search-results`.
    ("LabelEntry", "the search index's stored entries"),
    // `SearchIndexBuilder` settings: the CLI (and the bindings) build the index with their
    // defaults; only Rust callers choose them.
    ("FrameworkLabels", "search index builder settings"),
    ("EscoLabelSelection", "search index builder settings"),
    // No serialized value has a field of these types: Rust-side vocabularies.
    (
        "NodeKind",
        "a field of no serialized type (scheme names spell it)",
    ),
    ("ItemKind", "a field of no serialized type"),
];

/// Error payloads that only cross the boundary inside an `ErrorDetails`, whose `kind` says what
/// they are; their own tagged parts use `kind` too (checked below): (type, where and why).
const CARRIED_BY_ERROR_DETAILS: &[(&str, &str)] = &[
    (
        "Refusal",
        "ErrorDetails.refusal of kind `refused` (and `event_refused`); its `reason` is tagged by kind",
    ),
    (
        "IntegrityError",
        "ErrorDetails.integrity of kind `log_integrity`; its `problem` is tagged by kind",
    ),
];

/// Tagged enums of the document formats whose tag is a field of the format itself, not a
/// discriminator of the API: (definition, tag key). `Document` is told apart by its
/// `document_type`, a field every document of the three kinds states (schema `document`,
/// version 1); renaming it would change the document format.
const FORMAT_TAGS: &[(&str, &str)] = &[("Document", "document_type")];

// ---- (d) NAMES and files ----

#[test]
fn schema_names_and_committed_files_agree() {
    let schemas = committed();
    let mut problems = Vec::new();
    for name in schema::NAMES {
        match schemas.get(*name) {
            None => problems.push(format!(
                "schema '{name}' is in schema::NAMES but data/schemas/{name}.json is not \
                 committed: run `BLESS=1 cargo test -p attesta --all-features --test drift` \
                 and commit the file"
            )),
            Some(value) => {
                let id = format!("urn:attesta:schema:v1:{name}");
                if value.get("$id").and_then(Value::as_str) != Some(id.as_str()) {
                    problems.push(format!(
                        "data/schemas/{name}.json: `$id` is not '{id}': the type declares \
                         another `$id` than its name in schema::NAMES; run `BLESS=1 cargo \
                         test -p attesta --all-features --test drift`"
                    ));
                }
            }
        }
    }
    for stem in schemas.keys() {
        if !schema::NAMES.contains(&stem.as_str()) {
            problems.push(format!(
                "data/schemas/{stem}.json is committed but '{stem}' is not in schema::NAMES \
                 (core/src/schema.rs): list it (with its type in `schema()`) or delete the file"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Each committed schema is a valid draft 2020-12 schema whose references all resolve, as a
/// validator in another language reads it (an `$id` inside `$defs` would move the base of the
/// `#/$defs/...` references under it).
#[test]
fn committed_schemas_are_valid_and_self_contained() {
    let mut problems = Vec::new();
    for (name, schema) in committed() {
        if let Err(e) = jsonschema::meta::validate(&schema) {
            problems.push(format!(
                "data/schemas/{name}.json is not a valid JSON Schema: {e}"
            ));
        } else if let Err(e) = jsonschema::validator_for(&schema) {
            problems.push(format!(
                "data/schemas/{name}.json cannot be used by a validator: {e}"
            ));
        }
        let mut all = Vec::new();
        nodes(&schema, "", &mut all);
        for (pointer, node) in all {
            if !pointer.is_empty() && node.get("$id").is_some_and(Value::is_string) {
                problems.push(format!(
                    "data/schemas/{name}.json: an `$id` at {pointer}: only the root has one \
                     (`schema::generate` sets it); remove `#[schemars(extend(\"$id\" = ...))]` \
                     from the type"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---- (a) one name, one shape ----

#[test]
fn a_name_means_one_shape_in_every_schema() {
    // name -> (first schema defining it, its definition)
    let mut seen: BTreeMap<String, (String, Value)> = BTreeMap::new();
    let mut problems = BTreeSet::new();
    for (schema_name, schema) in committed() {
        for (name, def) in definitions(&schema) {
            match seen.get(&name) {
                None => {
                    seen.insert(name, (schema_name.clone(), def));
                }
                Some((first, earlier)) if *earlier != def => {
                    problems.insert(format!(
                        "'{name}' has one shape in data/schemas/{first}.json and another in \
                         data/schemas/{schema_name}.json: two types (or two versions of one) \
                         share the name; rename one type (`#[schemars(rename = ...)]` only if \
                         the Rust name must stay) or make them one type"
                    ));
                }
                Some(_) => {}
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{}",
        problems.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// Root titles and `$defs` names become class names in Python and TypeScript: each is a plain
/// `UpperCamelCase` identifier (schemars' generated names such as `Array_of_X` or `X_for_Y`
/// are not).
#[test]
fn schema_names_are_type_names() {
    let mut problems = BTreeSet::new();
    for (schema_name, schema) in committed() {
        if schema.get("title").and_then(Value::as_str).is_none() {
            problems.insert(format!("data/schemas/{schema_name}.json has no `title`"));
        }
        for (name, _) in definitions(&schema) {
            let plain = name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && name.chars().all(|c| c.is_ascii_alphanumeric());
            if !plain {
                problems.insert(format!(
                    "data/schemas/{schema_name}.json: '{name}' is not an UpperCamelCase type \
                     name: give the type (or the schema's `title` in `schema::schema`) a plain \
                     name"
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{}",
        problems.into_iter().collect::<Vec<_>>().join("\n")
    );
}

// ---- (b) every serialized public type has a schema ----

#[test]
fn every_serialized_public_type_has_a_schema() {
    let schemas = committed();
    let mut named: BTreeSet<String> = BTreeSet::new();
    for schema in schemas.values() {
        named.extend(definitions(schema).into_iter().map(|(name, _)| name));
    }
    let has_schema = |name: &str| named.contains(name);
    let types = source_types();
    let exported: Vec<&SourceType> = types
        .iter()
        .filter(|t| {
            t.derives.iter().any(|d| d == "Serialize")
                && t.derives.iter().any(|d| d == "JsonSchema")
        })
        .collect();
    assert!(
        exported.len() > 100,
        "only {} public types deriving Serialize and JsonSchema found in core/src: the scan \
         of `#[derive(...)] pub struct|enum` in this test is broken",
        exported.len()
    );
    let mut problems = Vec::new();
    for t in &exported {
        let name = t.name.as_str();
        let inlined = INLINED.iter().find(|(n, _)| *n == name);
        let internal = INTERNAL.iter().any(|(n, _)| *n == name);
        if has_schema(name) {
            if internal || inlined.is_some() {
                problems.push(format!(
                    "{name} ({}) has a schema now: delete it from the allow-lists of \
                     core/tests/schema_contract.rs",
                    t.file
                ));
            }
        } else if let Some((_, holder)) = inlined {
            if !schemas.contains_key(*holder) {
                problems.push(format!(
                    "{name} ({}) is listed in INLINED as part of schema '{holder}', which is \
                     not committed",
                    t.file
                ));
            }
        } else if !internal {
            problems.push(format!(
                "{name} ({}) derives Serialize and JsonSchema but is in no committed schema: \
                 if it crosses the API boundary, add a schema for it (or for the value that \
                 holds it) to schema::NAMES and run `BLESS=1 cargo test -p attesta \
                 --all-features --test drift`; if it never does, add it to INTERNAL in \
                 core/tests/schema_contract.rs with the reason",
                t.file
            ));
        }
    }
    // An allow-list entry that names no type is stale.
    let listed = INLINED
        .iter()
        .map(|(n, _)| *n)
        .chain(INTERNAL.iter().map(|(n, _)| *n));
    for name in listed {
        if !exported.iter().any(|t| t.name == name) {
            problems.push(format!(
                "{name} is in an allow-list of core/tests/schema_contract.rs but no public type \
                 of core/src of that name derives Serialize and JsonSchema: delete the entry"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---- (c) the common discriminator ----

/// Whether a definition's name says it is an error shape.
fn is_error_name(name: &str) -> bool {
    (name == "Integrity"
        || ["Error", "Refusal", "Reason", "Details"]
            .iter()
            .any(|suffix| name.ends_with(suffix)))
        && !CARRIED_BY_ERROR_DETAILS.iter().any(|(n, _)| *n == name)
}

#[test]
fn serialized_errors_and_tagged_enums_use_kind() {
    let mut problems = Vec::new();
    for (schema_name, schema) in committed() {
        // Error shapes carry `kind`.
        for (name, def) in definitions(&schema) {
            if !is_error_name(&name) {
                continue;
            }
            let object_branches: Vec<&Value> = match branches(&def) {
                Some(b) => b.iter().filter(|b| properties(b).is_some()).collect(),
                None if properties(&def).is_some() => vec![&def],
                None => Vec::new(),
            };
            for branch in object_branches {
                if !properties(branch).is_some_and(|p| p.contains_key("kind")) {
                    problems.push(format!(
                        "data/schemas/{schema_name}.json: '{name}' is a serialized error \
                         (object or tagged enum) without a `kind` property: tag it with \
                         `#[serde(tag = \"kind\")]` or give it a `kind` field"
                    ));
                    break;
                }
            }
        }
        // Tagged enums are tagged by `kind`.
        let mut all = Vec::new();
        nodes(&schema, "", &mut all);
        for (pointer, node) in all {
            let keys = tag_keys(node);
            if keys.is_empty() || keys.contains("kind") {
                continue;
            }
            let name = node
                .get("title")
                .and_then(Value::as_str)
                .or_else(|| pointer.strip_prefix("/$defs/"))
                .unwrap_or_default();
            let allowed = keys
                .iter()
                .all(|key| FORMAT_TAGS.contains(&(name, key.as_str())));
            if !allowed {
                let at = if pointer.is_empty() {
                    String::new()
                } else {
                    format!(" at {pointer}")
                };
                problems.push(format!(
                    "data/schemas/{schema_name}.json{at}: a tagged enum ('{name}') is told \
                     apart by {keys:?}, not `kind`: use `#[serde(tag = \"kind\")]`"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The source scan finds types whatever their attributes, and only `pub` items.
#[test]
fn source_scan_reads_derives_across_attributes() {
    let text = r#"
#[derive(Debug, serde::Serialize, JsonSchema)]
#[serde(tag = "kind")]
/// Docs with a ] bracket.
#[schemars(extend("$id" = "urn:x[1]"))]
pub enum Tagged { A }
#[derive(Serialize)]
pub(crate) struct Hidden;
#[derive(
    Clone,
    Serialize,
)]
pub struct Multi {}
"#;
    let found = derived_types(text);
    assert_eq!(
        found,
        vec![
            (
                "Tagged".to_owned(),
                vec![
                    "Debug".to_owned(),
                    "Serialize".to_owned(),
                    "JsonSchema".to_owned()
                ]
            ),
            (
                "Multi".to_owned(),
                vec!["Clone".to_owned(), "Serialize".to_owned()]
            ),
        ]
    );
}
