//! Helpers shared by the tests that replay a file corpus (`tests/documents/`, `tests/cases/`):
//! listing the case folders, comparing an answer with its expected file, and `BLESS=1`, which
//! rewrites the expected files from the current behaviour instead of comparing.
#![allow(dead_code, unreachable_pub)]

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The repository's root folder.
pub fn repo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Whether this run rewrites the expected files (`BLESS=1`).
pub fn bless() -> bool {
    std::env::var_os("BLESS").is_some_and(|v| v == "1")
}

/// The case folders under `root`, by name.
pub fn case_dirs(root: &Path) -> Vec<(String, PathBuf)> {
    let mut cases: Vec<(String, PathBuf)> = fs::read_dir(root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|entry| entry.expect("readable corpus folder").path())
        .filter(|path| path.is_dir())
        .map(|dir| {
            let name = dir
                .file_name()
                .and_then(|n| n.to_str())
                .expect("UTF-8 case name")
                .to_owned();
            (name, dir)
        })
        .collect();
    cases.sort();
    cases
}

/// Reads a JSON file of the corpus.
pub fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()))
}

/// The committed form of a JSON value: pretty, with a final newline.
pub fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("JSON values serialize");
    text.push('\n');
    text
}

/// Every difference between two JSON values, one line per JSON Pointer.
pub fn diff(expected: &Value, actual: &Value, at: &str, out: &mut String) {
    // One member or item on either side, at `here`.
    let pair = |here: String, e: Option<&Value>, a: Option<&Value>, out: &mut String| match (e, a) {
        (Some(ev), Some(av)) => diff(ev, av, &here, out),
        (Some(ev), None) => {
            let _ = writeln!(out, "  {here}: expected {ev}, missing in actual");
        }
        (None, Some(av)) => {
            let _ = writeln!(out, "  {here}: unexpected {av}");
        }
        (None, None) => {}
    };
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            let keys: BTreeSet<&String> = e.keys().chain(a.keys()).collect();
            for key in keys {
                let here = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                pair(here, e.get(key), a.get(key), out);
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            for i in 0..e.len().max(a.len()) {
                pair(format!("{at}/{i}"), e.get(i), a.get(i), out);
            }
        }
        _ if expected != actual => {
            let _ = writeln!(out, "  {at}: expected {expected}, actual {actual}");
        }
        _ => {}
    }
}

/// Compares answers with expected files (or rewrites them under `BLESS=1`), collecting every
/// difference so one run shows them all.
#[derive(Debug, Default)]
pub struct Expectations {
    failures: String,
}

impl Expectations {
    /// Compares `actual` with the JSON file at `path` (structurally, as bindings do).
    pub fn json(&mut self, case: &str, path: &Path, actual: &Value) {
        if bless() {
            write(path, &pretty(actual));
            return;
        }
        if !path.is_file() {
            let _ = writeln!(self.failures, "{case}: {} is missing", path.display());
            return;
        }
        let expected = read_json(path);
        if expected != *actual {
            let _ = writeln!(self.failures, "{case}: {}:", file_name(path));
            diff(&expected, actual, "", &mut self.failures);
        }
    }

    /// Compares `actual` with the text file at `path`, byte for byte.
    pub fn text(&mut self, case: &str, path: &Path, actual: &str) {
        if bless() {
            write(path, actual);
            return;
        }
        let Ok(expected) = fs::read_to_string(path) else {
            let _ = writeln!(self.failures, "{case}: {} is missing", path.display());
            return;
        };
        if expected != actual {
            let line = expected
                .lines()
                .zip(actual.lines())
                .position(|(e, a)| e != a)
                .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
            let _ = writeln!(
                self.failures,
                "{case}: {} differs from line {}:\n  expected {:?}\n  actual   {:?}",
                file_name(path),
                line + 1,
                expected.lines().nth(line).unwrap_or("<end>"),
                actual.lines().nth(line).unwrap_or("<end>"),
            );
        }
    }

    /// Records a failure that is not a difference of files.
    pub fn fail(&mut self, case: &str, why: &str) {
        let _ = writeln!(self.failures, "{case}: {why}");
    }

    /// Fails the test with every difference found.
    pub fn finish(self, corpus: &str) {
        assert!(
            self.failures.is_empty(),
            "{corpus} differs from its expected files (`BLESS=1 cargo test -p attesta \
             --all-features --test {corpus}` rewrites them; review the diff):\n{}",
            self.failures
        );
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// Writes an expected file (`BLESS=1`) through a temporary and a rename.
pub fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
    }
    // A temporary and a rename: tests running at the same time never read a half-written file.
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    fs::write(&tmp, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    fs::rename(&tmp, path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// Strings of at least 4 characters under `pointer` of a JSON document (at any depth): the
/// personal data that no answer may quote.
pub fn strings_under(document: &Value, pointer: &str) -> Vec<String> {
    fn collect(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::String(s) if s.chars().count() >= 4 => out.push(s.clone()),
            Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
            Value::Object(map) => map.values().for_each(|v| collect(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Some(part) = document.pointer(pointer) {
        collect(part, &mut out);
    }
    out
}
