//! Reading for `schema_contract.rs`: the committed schemas of `data/schemas/` with their named
//! definitions, walks over their JSON, and the `#[derive(...)] pub struct|enum` items of
//! `core/src`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// A path relative to the workspace root.
fn workspace(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative)
}

/// The committed schemas: file stem -> parsed JSON.
pub(crate) fn committed() -> BTreeMap<String, Value> {
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
pub(crate) fn definitions(schema: &Value) -> Vec<(String, Value)> {
    let mut found = Vec::new();
    let title = schema.get("title").and_then(Value::as_str);
    if let Some(title) = title {
        let mut root = schema.as_object().cloned().unwrap_or_default();
        for key in ["$id", "$schema", "$defs", "title"] {
            root.remove(key);
        }
        found.push((title.to_owned(), Value::Object(root)));
    }
    if let Some(defs) = schema.get("$defs").and_then(Value::as_object) {
        found.extend(defs.iter().map(|(name, def)| (name.clone(), def.clone())));
    }
    // A recursive root type refers to itself as `#` (e.g. `ErrorDetails.cause` in `error`),
    // and as `#/$defs/<name>` where another schema holds it: the same shape, spelled as the
    // latter so the two compare equal.
    if let Some(title) = title {
        let own = Value::String(format!("#/$defs/{title}"));
        for (_, def) in &mut found {
            rewrite_root_refs(def, &own);
        }
    }
    found
}

fn rewrite_root_refs(value: &mut Value, own: &Value) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if key == "$ref" && child.as_str() == Some("#") {
                    *child = own.clone();
                } else {
                    rewrite_root_refs(child, own);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rewrite_root_refs(v, own)),
        _ => {}
    }
}

/// A `pub struct`/`pub enum` of the sources and its derives.
pub(crate) struct SourceType {
    pub(crate) name: String,
    pub(crate) file: String,
    pub(crate) derives: Vec<String>,
}

/// Every `pub struct`/`pub enum` preceded by a `#[derive(...)]` in `core/src`.
pub(crate) fn source_types() -> Vec<SourceType> {
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
pub(crate) fn derived_types(text: &str) -> Vec<(String, Vec<String>)> {
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

/// The branches of a `oneOf`/`anyOf` definition.
pub(crate) fn branches(def: &Value) -> Option<&Vec<Value>> {
    def.get("oneOf")
        .or_else(|| def.get("anyOf"))
        .and_then(Value::as_array)
}

pub(crate) fn properties(def: &Value) -> Option<&Map<String, Value>> {
    def.get("properties").and_then(Value::as_object)
}

/// The tag of a tagged enum: a property every branch has, with one constant value each.
pub(crate) fn tag_keys(def: &Value) -> BTreeSet<String> {
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
pub(crate) fn nodes<'a>(value: &'a Value, pointer: &str, out: &mut Vec<(String, &'a Value)>) {
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
