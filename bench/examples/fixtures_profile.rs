//! A fixed workload for instruction counts (callgrind) of the fixture corpus row of the Node
//! bench (wasm/bench/node.mjs): every case of `tests/fixtures/` that gets a report, validated N
//! times from its text with the options that row uses (reference date 2026-01-01 merged with
//! the case's `options.json`), each report serialized to JSON as the npm package does.
//!
//! `fixtures_profile DIR N [NAME]`: DIR is `tests/fixtures`, N the passes, NAME one case only.
//! It prints the cases run and the total bytes of their reports (a check that the work is the
//! same from one build to the next). Build it with
//! `cargo build --release -p attesta-bench --example fixtures_profile`.

use std::hint::black_box;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, passes, only) = match args.as_slice() {
        [dir, n] => (dir, n, None),
        [dir, n, name] => (dir, n, Some(name.as_str())),
        _ => {
            eprintln!("usage: fixtures_profile DIR N [NAME]");
            return ExitCode::FAILURE;
        }
    };
    let Ok(passes) = passes.parse::<usize>() else {
        eprintln!("fixtures_profile: N must be a number");
        return ExitCode::FAILURE;
    };
    match run(dir, passes, only) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fixtures_profile: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The cases that get a report, with their validators, then `passes` passes over them.
fn run(dir: &str, passes: usize, only: Option<&str>) -> Result<(), String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot list {dir}: {e}"))?
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut cases = Vec::new();
    for name in names {
        if only.is_some_and(|o| o != name) {
            continue;
        }
        let case = format!("{dir}/{name}");
        let Ok(bytes) = std::fs::read(format!("{case}/input.json")) else {
            continue;
        };
        let mut options = serde_json::json!({ "reference_date": "2026-01-01" });
        if let Ok(text) = std::fs::read_to_string(format!("{case}/options.json")) {
            let extra: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| format!("{name}: options: {e}"))?;
            if let (Some(base), Some(extra)) = (options.as_object_mut(), extra.as_object()) {
                base.extend(extra.clone());
            }
        }
        if serde_json::from_slice::<serde_json::Value>(&bytes).is_err() {
            continue;
        }
        let Ok(options) = serde_json::from_value::<attesta::ValidationOptions>(options) else {
            continue;
        };
        let Ok(validator) = options.build() else {
            continue;
        };
        if validator.validate_slice(&bytes).is_ok() {
            cases.push((validator, bytes));
        }
    }
    let mut total = 0usize;
    for _ in 0..passes {
        for (validator, bytes) in &cases {
            let report = validator
                .validate_slice(black_box(bytes))
                .map_err(|e| e.to_string())?;
            let text = serde_json::to_string(&report).map_err(|e| e.to_string())?;
            total += black_box(text).len();
        }
    }
    println!("{} cases, {total} report bytes", cases.len());
    Ok(())
}
