//! `docs/api.md` stays true: it lists every committed schema and every error kind, and names
//! no schema that does not exist.

use std::collections::BTreeSet;

fn api_doc() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/api.md");
    std::fs::read_to_string(path).expect("docs/api.md exists")
}

/// The names in the schema table: rows that start with a backticked name.
fn schema_rows(doc: &str) -> BTreeSet<String> {
    let section = doc
        .split("\n## Schemas")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("docs/api.md has a Schemas section");
    section
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split('`').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_schema_table_lists_exactly_the_committed_schemas() {
    let listed = schema_rows(&api_doc());
    let names: BTreeSet<String> = attesta::schema::NAMES
        .iter()
        .map(|n| (*n).to_owned())
        .collect();
    let missing: Vec<_> = names.difference(&listed).collect();
    let unknown: Vec<_> = listed.difference(&names).collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "docs/api.md's schema table is out of date: add {missing:?}, remove {unknown:?}"
    );
}

#[test]
fn every_error_kind_is_named_in_the_errors_section() {
    let doc = api_doc();
    let section = doc
        .split("\n## Errors")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("docs/api.md has an Errors section");
    let missing: Vec<&str> = attesta::ErrorKind::ALL
        .iter()
        .map(|k| k.as_str())
        .filter(|kind| !section.contains(&format!("`{kind}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/api.md's Errors section does not name the kinds {missing:?}"
    );
}

#[test]
fn the_document_schema_version_it_states_is_the_current_one() {
    let doc = api_doc();
    let stated = format!("today `{}`", attesta::documents::DOCUMENT_SCHEMA_VERSION);
    assert!(doc.contains(&stated), "docs/api.md should say {stated}");
}
