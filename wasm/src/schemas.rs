//! The JSON Schemas of the public document types: the committed `data/schemas/*.json`, the same
//! text as `attesta schema NAME`.
//!
//! They are embedded as text rather than generated with `attesta::schema::schema`: generating
//! them at run time links every type's schemars code, about 390 KiB of the module before
//! compression, against about 40 KiB of gzipped text. The core's drift test keeps the files equal
//! to what the core generates, and this module's test keeps the list equal to the core's names.

use js_sys::JSON;
use wasm_bindgen::prelude::*;

use crate::input;

/// `(name, text of data/schemas/<name>.json)`.
macro_rules! schema_file {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!("../../data/schemas/", $name, ".json")),
        )
    };
}

/// Each schema's name and committed text, in the order of `attesta::schema::NAMES`.
const SCHEMAS: &[(&str, &str)] = &[
    schema_file!("case-action"),
    schema_file!("case-event"),
    schema_file!("case-head"),
    schema_file!("case-state"),
    schema_file!("certificazione-dossier"),
    schema_file!("competence-record"),
    schema_file!("document"),
    schema_file!("error"),
    schema_file!("framework"),
    schema_file!("framework-overlay"),
    schema_file!("procedure-config"),
    schema_file!("render-options"),
    schema_file!("report"),
    schema_file!("titolare-profile"),
    schema_file!("validation-options"),
];

/// The names `schema` accepts, e.g. `competence-record`, `report`, `error`.
#[wasm_bindgen(js_name = schemaNames)]
pub fn schema_names() -> Vec<String> {
    SCHEMAS.iter().map(|(name, _)| (*name).to_owned()).collect()
}

/// The JSON Schema called `name` as a plain object, or `undefined` for an unknown name.
///
/// # Errors
/// A `TypeError` (kind `wrong_top_level_type`) when `name` is not a string.
#[wasm_bindgen]
pub fn schema(name: &JsValue) -> Result<JsValue, JsValue> {
    let Some(name) = name.as_string() else {
        return Err(input::wrong_type("string", name));
    };
    match SCHEMAS.iter().find(|(n, _)| *n == name) {
        Some((_, text)) => JSON::parse(text),
        None => Ok(JsValue::UNDEFINED),
    }
}

#[cfg(test)]
mod tests {
    use super::SCHEMAS;

    #[test]
    fn embedded_schemas_are_the_cores() {
        let names: Vec<&str> = SCHEMAS.iter().map(|(name, _)| *name).collect();
        assert_eq!(
            names,
            attesta::schema::NAMES,
            "add or remove the file in SCHEMAS"
        );
        for (name, text) in SCHEMAS {
            assert!(
                serde_json::from_str::<serde_json::Value>(text).is_ok(),
                "{name}"
            );
            assert_eq!(
                Some(*text),
                attesta::schema::schema_text(name).as_deref(),
                "data/schemas/{name}.json is stale: run `make schemas`"
            );
        }
    }
}
