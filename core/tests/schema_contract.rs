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
use std::fs;
use std::path::{Path, PathBuf};

use attesta::schema;
use serde_json::{Map, Value};

// ---- Allow-lists. Each entry is a known, temporary or reasoned exception. ----

/// `$defs` names defined with different shapes in different schemas, tolerated only until the
/// lead's renames are merged (issue 13): `procedure::Operator` vs `documents::Operator`
/// (-> `DocumentOperator`), `procedure::EnteTitolato` vs `documents::EnteTitolato`
/// (-> `DocumentEnteTitolato`), and the two `EnteTitolare` structs (-> one struct).
/// THE LEAD DELETES THIS LIST AT MERGE; nothing else belongs in it.
const SAME_NAME_OTHER_SHAPE_PENDING_RENAMES: &[&str] =
    &["Operator", "EnteTitolare", "EnteTitolato"];

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

/// Error, refusal and integrity types whose schema comes with branch `errors` (issue 13:
/// `ErrorDetails` carries refusals, replay failures and log integrity problems), and the types
/// only they use. THE LEAD DELETES THIS LIST AT MERGE (the test then requires their schemas).
const SCHEMA_PENDING_ERRORS_BRANCH: &[&str] = &[
    "Refusal",
    "RefusalReason",
    "ReplayError",
    "Integrity",
    "IntegrityError",
    "Party",
    "DocumentType",
];

/// Tag keys other than `kind` that branch `errors` renames to `kind` (`RefusalReason`:
/// `reason`, `ReplayError`: `error`, `Integrity`: `problem`). THE LEAD DELETES THIS LIST AT
/// MERGE.
const TAG_KEYS_PENDING_ERRORS_BRANCH: &[&str] = &["reason", "error", "problem"];

/// Tagged enums of the document formats whose tag is a field of the format itself, not a
/// discriminator of the API: (definition, tag key). `Document` is told apart by its
/// `document_type`, a field every document of the three kinds states (schema `document`,
/// version 1); renaming it would change the document format.
const FORMAT_TAGS: &[(&str, &str)] = &[("Document", "document_type")];

// ---- Reading the committed schemas and the sources. ----

fn workspace(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative)
}

/// The committed schemas: file stem -> parsed JSON.
fn committed() -> BTreeMap<String, Value> {
    let dir = workspace("data/schemas");
    let mut schemas = BTreeMap::new();
    for entry in fs::read_dir(&dir).expect("data/schemas is readable") {
        let path = entry.expect("a directory entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a UTF-8 file name")
            .to_owned();
        let text = fs::read_to_string(&path).expect("a readable schema file");
        let value: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("data/schemas/{stem}.json is not JSON: {e}"));
        schemas.insert(stem, value);
    }
    schemas
}

/// Every named definition of a schema: its root (named by its `title`, without the keys only
/// a root has) and its `$defs` entries.
fn definitions(schema: &Value) -> Vec<(String, Value)> {
    let mut found = Vec::new();
    if let Some(title) = schema.get("title").and_then(Value::as_str) {
        let mut root = schema.as_object().cloned().unwrap_or_default();
        for key in ["$id", "$schema", "$defs", "title"] {
            root.remove(key);
        }
        found.push((title.to_owned(), Value::Object(root)));
    }
    if let Some(defs) = schema.get("$defs").and_then(Value::as_object) {
        found.extend(defs.iter().map(|(name, def)| (name.clone(), def.clone())));
    }
    found
}

/// A `pub struct`/`pub enum` of the sources and its derives.
struct SourceType {
    name: String,
    file: String,
    derives: Vec<String>,
}

/// Every `pub struct`/`pub enum` preceded by a `#[derive(...)]` in `core/src`.
fn source_types() -> Vec<SourceType> {
    let root = workspace("core/src");
    let mut files = Vec::new();
    collect_rs(&root, &mut files);
    let mut types = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).expect("a readable source file");
        let shown = file
            .strip_prefix(workspace(""))
            .unwrap_or(&file)
            .display()
            .to_string();
        for (name, derives) in derived_types(&text) {
            types.push(SourceType {
                name,
                file: shown.clone(),
                derives,
            });
        }
    }
    types
}

fn collect_rs(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("a readable source folder") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            collect_rs(&path, out);
        } else if path.extension().and_then(|e| e.to_str()) == Some("rs") {
            out.push(path);
        }
    }
}

/// `(type name, derives)` for each `#[derive(...)]` followed (after other attributes and doc
/// comments) by `pub struct NAME` or `pub enum NAME`.
fn derived_types(text: &str) -> Vec<(String, Vec<String>)> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[derive(") {
        let after = &rest[at + "#[derive(".len()..];
        let Some(close) = after.find(")]") else {
            break;
        };
        let derives: Vec<String> = after[..close]
            .split(',')
            .map(|d| d.trim().rsplit("::").next().unwrap_or_default().to_owned())
            .filter(|d| !d.is_empty())
            .collect();
        let item = skip_attributes(&after[close + 2..]);
        for keyword in ["pub struct ", "pub enum "] {
            if let Some(named) = item.strip_prefix(keyword) {
                let name: String = named
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                found.push((name, derives.clone()));
            }
        }
        rest = &after[close + 2..];
    }
    found
}

/// The text after any whitespace, `//` comments and `#[...]` attributes (brackets inside
/// string literals do not count).
fn skip_attributes(mut text: &str) -> &str {
    loop {
        text = text.trim_start();
        if text.starts_with("//") {
            text = text.find('\n').map_or("", |end| &text[end..]);
        } else if text.starts_with("#[") {
            text = &text[attribute_len(text)..];
        } else {
            return text;
        }
    }
}

/// The length of the attribute at the start of `text` (`#[` up to its matching `]`).
fn attribute_len(text: &str) -> usize {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (at, c) in text.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return at + 1;
                }
            }
            _ => {}
        }
    }
    text.len()
}

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
    let mut pending_seen = BTreeSet::new();
    for (schema_name, schema) in committed() {
        for (name, def) in definitions(&schema) {
            match seen.get(&name) {
                None => {
                    seen.insert(name, (schema_name.clone(), def));
                }
                Some((first, earlier)) if *earlier != def => {
                    if SAME_NAME_OTHER_SHAPE_PENDING_RENAMES.contains(&name.as_str()) {
                        pending_seen.insert(name);
                        continue;
                    }
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
    for name in SAME_NAME_OTHER_SHAPE_PENDING_RENAMES {
        if !pending_seen.contains(*name) {
            problems.insert(format!(
                "'{name}' now has one shape in every schema: delete it from \
                 SAME_NAME_OTHER_SHAPE_PENDING_RENAMES in core/tests/schema_contract.rs"
            ));
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
        let pending = SCHEMA_PENDING_ERRORS_BRANCH.contains(&name);
        if has_schema(name) {
            if internal || pending || inlined.is_some() {
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
        } else if !internal && !pending {
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
        .chain(INTERNAL.iter().map(|(n, _)| *n))
        .chain(SCHEMA_PENDING_ERRORS_BRANCH.iter().copied());
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
    name == "Integrity"
        || ["Error", "Refusal", "Reason", "Details"]
            .iter()
            .any(|suffix| name.ends_with(suffix))
}

/// The branches of a `oneOf`/`anyOf` definition.
fn branches(def: &Value) -> Option<&Vec<Value>> {
    def.get("oneOf")
        .or_else(|| def.get("anyOf"))
        .and_then(Value::as_array)
}

fn properties(def: &Value) -> Option<&Map<String, Value>> {
    def.get("properties").and_then(Value::as_object)
}

/// The tag of a tagged enum: a property every branch has, with one constant value each.
fn tag_keys(def: &Value) -> BTreeSet<String> {
    let Some(branches) = branches(def) else {
        return BTreeSet::new();
    };
    let constant = |v: &Value| {
        v.get("const").is_some()
            || v.get("enum")
                .and_then(Value::as_array)
                .is_some_and(|e| e.len() == 1)
    };
    let mut keys: Option<BTreeSet<String>> = None;
    for branch in branches {
        let Some(props) = properties(branch) else {
            return BTreeSet::new();
        };
        let here: BTreeSet<String> = props
            .iter()
            .filter(|(_, v)| constant(v))
            .map(|(k, _)| k.clone())
            .collect();
        keys = Some(match keys {
            None => here,
            Some(k) => k.intersection(&here).cloned().collect(),
        });
    }
    keys.unwrap_or_default()
}

/// Every object node of `value` with a JSON pointer, for the tagged enums nested anywhere.
fn nodes<'a>(value: &'a Value, pointer: &str, out: &mut Vec<(String, &'a Value)>) {
    match value {
        Value::Object(map) => {
            out.push((pointer.to_owned(), value));
            for (key, child) in map {
                nodes(child, &format!("{pointer}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                nodes(child, &format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
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
            let allowed = keys.iter().all(|key| {
                TAG_KEYS_PENDING_ERRORS_BRANCH.contains(&key.as_str())
                    || FORMAT_TAGS.contains(&(name, key.as_str()))
            });
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
