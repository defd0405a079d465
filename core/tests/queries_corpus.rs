//! The shared corpus of framework queries (`tests/frameworks/cases.json`): search, lookup and gap
//! analysis over the built-in frameworks answer exactly the committed JSON, which the bindings
//! replay (`wasm/test/queries.test.mjs`). `BLESS=1` rewrites the answers from the core.

use std::path::{Path, PathBuf};

use attesta::gap::{analyze_gap, GapInput};
use attesta::model::{CompetenceRecord, FrameworkRef};
use attesta::search::lookup::lookup_node_in;
use attesta::search::{FrameworkLabels, SearchIndex, SearchIndexBuilder, SearchOptions};
use serde_json::{json, Value};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A node as the corpus writes it: `{ scheme, code }` or `"scheme:code"`.
fn node(value: &Value) -> FrameworkRef {
    match value {
        Value::String(text) => {
            let (scheme, code) = text.split_once(':').expect("a scheme:code node");
            FrameworkRef::new(scheme, code)
        }
        other => serde_json::from_value(other.clone()).expect("a node object"),
    }
}

/// The index the package builds over the built-in frameworks (no ESCO, no classification).
fn index() -> SearchIndex {
    let mut builder = SearchIndexBuilder::new();
    for framework in attesta::builtin::frameworks().frameworks() {
        builder.add_framework(framework, &FrameworkLabels::default());
    }
    builder.build().expect("the index builds")
}

/// The answer to one case: `("expected", value)` or `("error", details)`.
fn answer(case: &Value, index: &SearchIndex) -> (&'static str, Value) {
    let set = attesta::builtin::frameworks();
    let result = if let Some(search) = case.get("search") {
        let options: SearchOptions = search
            .get("options")
            .map(|o| serde_json::from_value(o.clone()).expect("search options"))
            .unwrap_or_default();
        let query = search["query"].as_str().expect("a query");
        index
            .search(query, &options)
            .map(|hits| serde_json::to_value(hits).expect("hits serialize"))
    } else if let Some(node_value) = case.get("lookup") {
        let locale = case.get("locale").and_then(Value::as_str);
        let found = lookup_node_in(&set, &node(node_value), Some(index), None, locale);
        Ok(serde_json::to_value(found).expect("a lookup serializes"))
    } else {
        let gap = &case["gap"];
        let record: CompetenceRecord = match gap.get("record_file") {
            Some(file) => {
                let path = root().join(file.as_str().expect("a path"));
                serde_json::from_slice(&std::fs::read(path).expect("the record file"))
                    .expect("a competence record")
            }
            None => serde_json::from_value(gap["record"].clone()).expect("a competence record"),
        };
        let validated = gap
            .get("validated")
            .and_then(Value::as_array)
            .map(|nodes| nodes.iter().map(node).collect())
            .unwrap_or_default();
        let locale = gap.get("locale").and_then(Value::as_str).map(str::to_owned);
        let input =
            GapInput::from_record(&record, node(&gap["target"]), validated).with_locale(locale);
        analyze_gap(&set, &input).map(|r| serde_json::to_value(r).expect("a report serializes"))
    };
    match result {
        Ok(value) => ("expected", value),
        Err(error) => (
            "error",
            serde_json::to_value(error.details()).expect("details serialize"),
        ),
    }
}

#[test]
fn the_core_answers_the_committed_corpus() {
    let path = root().join("tests/frameworks/cases.json");
    let text = std::fs::read_to_string(&path).expect("read the corpus");
    let mut cases: Vec<Value> = serde_json::from_str(&text).expect("the corpus is JSON");
    let index = index();
    let bless = std::env::var_os("BLESS").is_some();
    let mut kinds = std::collections::BTreeSet::new();
    for case in &mut cases {
        let name = case["name"].as_str().expect("a name").to_owned();
        let (key, value) = answer(case, &index);
        let object = case.as_object_mut().expect("a case object");
        kinds.insert(
            ["search", "lookup", "gap"]
                .into_iter()
                .find(|k| object.contains_key(*k))
                .map(|k| format!("{k} {key}")),
        );
        if bless {
            object.remove("expected");
            object.remove("error");
            object.insert(key.to_owned(), value);
        } else {
            assert_eq!(object.get(key), Some(&value), "{name}");
        }
    }
    if bless {
        let text = serde_json::to_string_pretty(&json!(cases)).expect("serialize") + "\n";
        std::fs::write(&path, text).expect("write the corpus");
    }
    // Every question is asked, and both answers (a result, an error) occur.
    for kind in [
        "search expected",
        "lookup expected",
        "gap expected",
        "gap error",
    ] {
        assert!(
            kinds.contains(&Some(kind.to_owned())),
            "the corpus has no {kind}"
        );
    }
}
