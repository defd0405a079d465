//! Lenient reading of documents made by other systems: fields that Attesta's schema does not
//! define are reported as warnings and removed, so the rest can still be decoded and checked.
//!
//! Other regions' systems add their own fields (protocol metadata, internal ids). Refusing the
//! whole document for that would hide every real finding, so the walk below follows the JSON
//! Schema generated from the document types — the single source of "which fields exist" — and
//! drops only what the schema does not know.

use std::sync::OnceLock;

use schemars::JsonSchema;
use serde_json::{json, Map, Value};

use crate::codes::Code;
use crate::documents::{Certificato, DocumentType, DocumentoTrasparenza, DocumentoValidazione};
use crate::path::Path;
use crate::report::Finding;

/// The generated schema of one document type, as JSON.
fn schema_of(doc_type: DocumentType) -> &'static Value {
    fn generate<T: JsonSchema>() -> Value {
        schemars::generate::SchemaSettings::draft2020_12()
            .into_generator()
            .into_root_schema_for::<T>()
            .to_value()
    }
    static SCHEMAS: OnceLock<[Value; 3]> = OnceLock::new();
    let all = SCHEMAS.get_or_init(|| {
        [
            generate::<DocumentoTrasparenza>(),
            generate::<DocumentoValidazione>(),
            generate::<Certificato>(),
        ]
    });
    match doc_type {
        DocumentType::DocumentoTrasparenza => &all[0],
        DocumentType::DocumentoValidazione => &all[1],
        DocumentType::Certificato => &all[2],
    }
}

/// Removes from `document` every field the schema of `doc_type` does not define, with a
/// `document.unknown_field` warning for each. `document_type` itself is the tag, not a field.
pub(super) fn strip_unknown_fields(
    document: &mut Value,
    doc_type: DocumentType,
    findings: &mut Vec<Finding>,
) {
    let root = schema_of(doc_type);
    if let Value::Object(object) = document {
        let tag = object.remove("document_type");
        walk_object(object, root, root, &Path::root(), findings);
        if let Some(tag) = tag {
            object.insert("document_type".to_owned(), tag);
        }
    }
}

fn walk(value: &mut Value, schema: &Value, root: &Value, path: &Path, findings: &mut Vec<Finding>) {
    match value {
        Value::Object(object) => {
            if let Some(object_schema) = find(schema, root, "properties") {
                walk_object(object, object_schema, root, path, findings);
            }
        }
        Value::Array(items) => {
            if let Some(items_schema) = find(schema, root, "items").and_then(|s| s.get("items")) {
                for (i, item) in items.iter_mut().enumerate() {
                    walk(item, items_schema, root, &path.join(i), findings);
                }
            }
        }
        _ => {}
    }
}

fn walk_object(
    object: &mut Map<String, Value>,
    schema: &Value,
    root: &Value,
    path: &Path,
    findings: &mut Vec<Finding>,
) {
    let Some(properties) = resolve(schema, root)
        .get("properties")
        .and_then(Value::as_object)
    else {
        return;
    };
    let unknown: Vec<String> = object
        .keys()
        .filter(|k| !properties.contains_key(k.as_str()))
        .cloned()
        .collect();
    for key in unknown {
        object.remove(&key);
        findings.push(Finding::new(
            Code::DocumentUnknownField,
            path.join(key.as_str()),
            [("field".to_owned(), json!(key))].into(),
        ));
    }
    for (key, value) in object.iter_mut() {
        if let Some(property) = properties.get(key) {
            walk(value, property, root, &path.join(key.as_str()), findings);
        }
    }
}

/// Follows a local `$ref` (`#/$defs/Name`); other schemas are returned as they are.
fn resolve<'s>(schema: &'s Value, root: &'s Value) -> &'s Value {
    let mut current = schema;
    // Bounded: the generated schemas never chain more than a couple of references.
    for _ in 0..8 {
        let Some(name) = current
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
        else {
            break;
        };
        match root.get("$defs").and_then(|d| d.get(name)) {
            Some(target) => current = target,
            None => break,
        }
    }
    current
}

/// The (resolved) schema, or the first of its `anyOf`/`oneOf` branches, that has `keyword`
/// (`Option<T>` is generated as `anyOf: [T, null]`).
fn find<'s>(schema: &'s Value, root: &'s Value, keyword: &str) -> Option<&'s Value> {
    let resolved = resolve(schema, root);
    if resolved.get(keyword).is_some() {
        return Some(resolved);
    }
    ["anyOf", "oneOf"]
        .iter()
        .filter_map(|k| resolved.get(*k).and_then(Value::as_array))
        .flatten()
        .map(|branch| resolve(branch, root))
        .find(|branch| branch.get(keyword).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_unknown_fields_at_any_depth_and_keeps_known_ones() {
        let mut doc = json!({
            "schema_version": "1.0",
            "document_type": "documento_validazione",
            "protocollo_interno": "X",
            "ente_titolato": {"name": "CPI", "authorisation": {"kind": "ex_lege", "reference": "L.R. 32/2002", "pec": "a@b"}},
            "competences": [{"id": "c1", "unit": {"scheme": "s.unit", "code": "1", "extra": 1}}]
        });
        let mut findings = Vec::new();
        strip_unknown_fields(&mut doc, DocumentType::DocumentoValidazione, &mut findings);
        let mut paths: Vec<String> = findings.iter().map(|f| f.path.to_pointer()).collect();
        paths.sort();
        assert_eq!(
            paths,
            [
                "/competences/0/unit/extra",
                "/ente_titolato/authorisation/pec",
                "/protocollo_interno",
            ]
        );
        assert!(findings
            .iter()
            .all(|f| f.code == Code::DocumentUnknownField));
        assert_eq!(
            doc["ente_titolato"]["authorisation"]["reference"],
            "L.R. 32/2002"
        );
        assert_eq!(doc["document_type"], "documento_validazione");
        assert!(doc.get("protocollo_interno").is_none());
    }
}
