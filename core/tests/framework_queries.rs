//! The framework query corpus (`tests/frameworks/cases.json`, see its README) asked through the
//! `attesta` command line: every search, lookup and gap case the CLI's flags can express must
//! print, with `--json`, exactly the answer the core wrote (`queries_corpus.rs`), and a case
//! answered by an error must fail with that error's kind. The bindings replay the same corpus,
//! so the CLI, the core, Python and JavaScript cannot drift apart.

mod corpus_common;

use std::process::Command;

use corpus_common::{read_json, repo_dir};
use serde_json::Value;

/// A node as the corpus writes it (`{scheme, code}` or `"scheme:code"`), as the CLI takes it.
fn node(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => format!(
            "{}:{}",
            other["scheme"].as_str().expect("a scheme"),
            other["code"].as_str().expect("a code")
        ),
    }
}

/// The CLI arguments of a case, or `None` when its options have no flag (they are covered by
/// the core's and the bindings' replay only).
fn arguments(case: &Value) -> Option<Vec<String>> {
    let mut args = Vec::new();
    if let Some(search) = case.get("search") {
        args.push("search".to_owned());
        let query = search["query"].as_str().expect("a query");
        // The CLI joins its words with single spaces: only such queries go through it.
        if query.split_whitespace().collect::<Vec<_>>().join(" ") != query || query.is_empty() {
            return None;
        }
        args.extend(query.split(' ').map(str::to_owned));
        for (key, value) in search["options"].as_object().into_iter().flatten() {
            match (key.as_str(), value) {
                ("limit", Value::Number(n)) => args.extend(["--limit".to_owned(), n.to_string()]),
                // The locale is the global `--lang`, which takes only Attesta's locales.
                ("locale", Value::String(locale)) if attesta::l10n::resolve(locale).is_some() => {
                    args.splice(0..0, ["--lang".to_owned(), locale.clone()]);
                }
                ("schemes" | "node_types" | "languages", Value::Array(items)) => {
                    let flag = match key.as_str() {
                        "schemes" => "--scheme",
                        "node_types" => "--type",
                        _ => "--label-lang",
                    };
                    for item in items {
                        args.extend([flag.to_owned(), item.as_str()?.to_owned()]);
                    }
                }
                _ => return None,
            }
        }
    } else if let Some(reference) = case.get("lookup") {
        if let Some(locale) = case.get("locale") {
            args.extend(["--lang".to_owned(), locale.as_str()?.to_owned()]);
        }
        args.extend(["search".to_owned(), "--lookup".to_owned(), node(reference)]);
    } else if let Some(gap) = case.get("gap") {
        let record = gap.get("record_file")?.as_str()?;
        if let Some(locale) = gap.get("locale") {
            args.extend(["--lang".to_owned(), locale.as_str()?.to_owned()]);
        }
        args.extend([
            "gap".to_owned(),
            record.to_owned(),
            "--target".to_owned(),
            node(&gap["target"]),
        ]);
        for unit in gap["validated"].as_array().into_iter().flatten() {
            args.extend(["--validated".to_owned(), node(unit)]);
        }
    } else {
        panic!("a case is a search, a lookup or a gap: {case}");
    }
    args.push("--json".to_owned());
    Some(args)
}

#[test]
fn the_cli_prints_the_corpus_answers() {
    let root = repo_dir();
    let corpus = read_json(&root.join("tests/frameworks/cases.json"));
    let cases = corpus.as_array().expect("a list of cases");
    let mut asked = 0;
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().expect("a name");
        let Some(args) = arguments(case) else {
            continue;
        };
        asked += 1;
        let output = Command::new(env!("CARGO_BIN_EXE_attesta"))
            .current_dir(&root)
            .env_remove("ATTESTA_BUNDLES")
            .args(&args)
            .output()
            .expect("the CLI runs");
        let printed: Value = match serde_json::from_slice(&output.stdout) {
            Ok(value) => value,
            Err(e) => {
                failures.push(format!("{name}: no JSON on stdout ({e})"));
                continue;
            }
        };
        if let Some(error) = case.get("error") {
            // A failure prints `{"error": …}` and exits 2; its kind is the core's.
            if output.status.code() != Some(2) || printed["error"]["kind"] != error["kind"] {
                failures.push(format!(
                    "{name}: expected error {}, got {printed}",
                    error["kind"]
                ));
            }
        } else if !matches!(output.status.code(), Some(0 | 1)) || printed != case["expected"] {
            failures.push(format!(
                "{name}: exit {:?}, the CLI's answer differs from the corpus",
                output.status.code()
            ));
        }
    }
    assert!(
        asked >= 12,
        "only {asked} cases could be asked through the CLI"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The text the CLI prints for `args` (run from the repository root), and its exit code.
fn text_of(args: &[&str]) -> (String, Option<i32>) {
    let output = Command::new(env!("CARGO_BIN_EXE_attesta"))
        .current_dir(repo_dir())
        .env_remove("ATTESTA_BUNDLES")
        .env_remove("ATTESTA_LANG")
        .args(args)
        .output()
        .expect("the CLI runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        output.status.code(),
    )
}

#[test]
fn text_output_marks_a_label_in_another_language_than_the_one_asked() {
    let (lookup, code) = text_of(&[
        "--lang",
        "en",
        "search",
        "--lookup",
        "rrfp_toscana.unit:1710",
    ]);
    assert_eq!(code, Some(0));
    assert!(
        lookup.contains("title: Preparazione piatti [it]"),
        "{lookup}"
    );
    assert!(lookup.contains("locale: en"), "{lookup}");
    // Asked in Italian, the Italian title is no fallback; without --lang nothing is marked.
    for lang in [&["--lang", "it"][..], &[]] {
        let args = [lang, &["search", "--lookup", "rrfp_toscana.unit:1710"]].concat();
        let (plain, _) = text_of(&args);
        assert!(plain.contains("title: Preparazione piatti\n"), "{plain}");
    }
    let (hits, code) = text_of(&["--lang", "ar", "search", "preparazione", "piatti"]);
    assert_eq!(code, Some(0));
    assert!(hits.contains("Preparazione piatti [it]"), "{hits}");
    let (gap, code) = text_of(&[
        "--lang",
        "ti",
        "gap",
        "data/examples/record-valid.json",
        "--target",
        "rrfp_toscana.qualification:450",
    ]);
    assert!(matches!(code, Some(0 | 1)), "{gap}");
    assert!(
        gap.contains("Conduzione di carrelli, reach stacker e ralle [it]"),
        "{gap}"
    );
    let (json, _) = text_of(&[
        "--lang",
        "en",
        "search",
        "--json",
        "--limit",
        "1",
        "preparazione",
        "piatti",
    ]);
    let hits: Value = serde_json::from_str(&json).expect("JSON hits");
    assert_eq!(hits[0]["language"], "it");
    assert_eq!(hits[0]["fallback"], true);
}
