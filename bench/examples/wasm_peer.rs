//! The native side of the WASM-vs-native comparison of `make bench` (wasm/bench/node.mjs):
//! the same validation, of the same bytes, by the core compiled for this machine.
//!
//! - `wasm_peer record FILE` writes the bench record (the one `benches/validate.rs` times) to
//!   FILE, so the Node side validates exactly these bytes;
//! - `wasm_peer serve FILE` builds the validator once (reference date 2025-06-30, as the
//!   validate bench), then reads one number N per line on stdin, validates FILE's bytes N times
//!   and answers one line: the seconds per validation. Node sends a line between its own rounds,
//!   so the two sides are measured interleaved in one run and a busy machine slows both alike.
//!   The time is taken inside this process: the pipe is not part of it.
//!
//! Build it with `cargo build --release -p attesta-bench --example wasm_peer`.

use std::hint::black_box;
use std::io::{BufRead, Write};
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [mode, file] if mode == "record" => {
            std::fs::write(file, attesta_bench::record_bytes()).map_err(|e| e.to_string())
        }
        [mode, file] if mode == "serve" => serve(file),
        _ => Err("usage: wasm_peer record FILE | wasm_peer serve FILE".to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("wasm_peer: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Answers timing requests on stdin until it closes.
fn serve(file: &str) -> Result<(), String> {
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read the record: {e}"))?;
    let date = attesta::formats::Date::new(2025, 6, 30).ok_or("bad reference date")?;
    let validator = attesta::ValidationOptions::default()
        .reference_date(date)
        .build()
        .map_err(|e| format!("cannot build the validator: {e}"))?;
    // The comparison is only meaningful on a record both sides find valid.
    let report = validator
        .validate_slice(&bytes)
        .map_err(|e| format!("the record cannot be evaluated: {e}"))?;
    if !report.valid {
        return Err("the record is not valid natively".to_owned());
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready {}", bytes.len()).map_err(|e| e.to_string())?;
    out.flush().map_err(|e| e.to_string())?;
    for line in std::io::stdin().lock().lines() {
        let line = line.map_err(|e| e.to_string())?;
        // A bounded count: a typo cannot make the peer run for hours.
        let runs: u32 = match line.trim().parse() {
            Ok(n) if (1..=100_000).contains(&n) => n,
            _ => return Err("expected a run count between 1 and 100000".to_owned()),
        };
        let start = Instant::now();
        for _ in 0..runs {
            black_box(validator.validate_slice(black_box(&bytes)).is_ok());
        }
        let seconds = start.elapsed().as_secs_f64() / f64::from(runs);
        writeln!(out, "{seconds:e}").map_err(|e| e.to_string())?;
        out.flush().map_err(|e| e.to_string())?;
    }
    Ok(())
}
