//! Checks a JSON value against a committed schema of `data/schemas/` with the `jsonschema`
//! crate (an independent validator: the schemas are checked as a binding's user reads them,
//! not through the Rust types that generated them).

use std::path::Path;

use serde_json::Value;

/// Panics, naming `what`, the schema and every violation (JSON pointer and reason), unless
/// `value` is valid against `data/schemas/<schema>.json`.
pub(crate) fn assert_valid(schema: &str, value: &Value, what: &str) {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../data/schemas")
        .join(format!("{schema}.json"));
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let schema_value: Value = serde_json::from_str(&text).expect("a committed schema is JSON");
    let validator = jsonschema::validator_for(&schema_value)
        .unwrap_or_else(|e| panic!("data/schemas/{schema}.json is not a usable schema: {e}"));
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("  at '{}': {e}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not match schema '{schema}':\n{}",
        errors.join("\n")
    );
}
