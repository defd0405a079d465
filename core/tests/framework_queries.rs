//! The framework query corpus of `tests/framework-queries/` (see its README): each folder is a
//! search, lookup or gap question over the built-in frameworks; the `attesta` CLI's JSON
//! answer must equal `expected.json`. The Python binding asks the same questions and must give
//! the same JSON, so the CLI and the bindings cannot drift apart.
//!
//! `BLESS=1 cargo test -p attesta --all-features --test framework_queries` rewrites the
//! expected files from the CLI's current output; review the diff before committing it.

mod corpus_common;

use std::process::Command;

use corpus_common::{case_dirs, read_json, repo_dir, Expectations};
use serde_json::Value;

/// The CLI arguments of a query (see the README's table).
fn arguments(query: &Value) -> Vec<String> {
    let strings = |key: &str| -> Vec<String> {
        query[key]
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .map(|i| i.as_str().expect("strings").to_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut args = Vec::new();
    if let Some(text) = query["search"].as_str() {
        args.push("search".to_owned());
        args.extend(text.split_whitespace().map(str::to_owned));
        if let Some(limit) = query["limit"].as_u64() {
            args.extend(["--limit".to_owned(), limit.to_string()]);
        }
        for (key, flag) in [
            ("schemes", "--scheme"),
            ("node_types", "--type"),
            ("languages", "--lang"),
        ] {
            for value in strings(key) {
                args.extend([flag.to_owned(), value]);
            }
        }
    } else if let Some(reference) = query["lookup"].as_str() {
        args.extend([
            "search".to_owned(),
            "--lookup".to_owned(),
            reference.to_owned(),
        ]);
    } else if let Some(record) = query["gap"].as_str() {
        let target = query["target"].as_str().expect("a gap query has a target");
        args.extend([
            "gap".to_owned(),
            record.to_owned(),
            "--target".to_owned(),
            target.to_owned(),
        ]);
        for unit in strings("validated") {
            args.extend(["--validated".to_owned(), unit]);
        }
    } else {
        panic!("a query is a search, a lookup or a gap: {query}");
    }
    args.push("--json".to_owned());
    args
}

#[test]
fn every_query_gives_the_expected_cli_answer() {
    let root = repo_dir();
    let corpus = case_dirs(&root.join("tests/framework-queries"));
    assert!(corpus.len() >= 9, "the corpus lost queries: {corpus:?}");
    let mut expectations = Expectations::default();
    for (name, dir) in corpus {
        let query = read_json(&dir.join("query.json"));
        let output = Command::new(env!("CARGO_BIN_EXE_attesta"))
            .current_dir(&root)
            .env_remove("ATTESTA_BUNDLES")
            .args(arguments(&query))
            .output()
            .expect("the CLI runs");
        // 0: found / nothing missing, 1: nothing found / something to cover; 2 is a failure.
        if !matches!(output.status.code(), Some(0 | 1)) {
            expectations.fail(
                &name,
                &format!("exit {:?}: {}", output.status.code(), {
                    String::from_utf8_lossy(&output.stderr)
                }),
            );
            continue;
        }
        let answer: Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
        expectations.json(&name, &dir.join("expected.json"), &answer);
    }
    expectations.finish("framework_queries");
}
