//! The bench record of `benches/validate.rs` and the Rust core's time on it, for the Python
//! binding bench (`bench/python/validate_peers.py`), which compares the Python call with the
//! core on the same bytes:
//!
//! ```text
//! cargo run --release -p attesta-bench --example bench_record -- record      # the JSON
//! cargo run --release -p attesta-bench --example bench_record -- time 2000   # seconds per call
//! ```
//!
//! `time N` validates the record N times with the options of the validate bench (reference
//! date 2025-06-30) and prints the mean seconds per call of that round.

use std::hint::black_box;
use std::io::Write as _;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let bytes = attesta_bench::record_bytes();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["record"] => {
            if std::io::stdout().write_all(&bytes).is_err() {
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        ["time", count] => {
            let Ok(count) = count.parse::<u32>() else {
                eprintln!("bench_record: `time N` takes a positive count");
                return ExitCode::from(2);
            };
            let Some(date) = attesta::formats::Date::new(2025, 6, 30) else {
                return ExitCode::FAILURE;
            };
            let validator = match attesta::ValidationOptions::default()
                .reference_date(date)
                .build()
            {
                Ok(v) => v,
                Err(e) => {
                    eprintln!("bench_record: {e}");
                    return ExitCode::FAILURE;
                }
            };
            // The entry point the binding's `Validator.validate(str)` calls on the str's UTF-8
            // bytes.
            let started = Instant::now();
            for _ in 0..count.max(1) {
                let _ = black_box(validator.validate_slice(black_box(&bytes)));
            }
            println!(
                "{}",
                started.elapsed().as_secs_f64() / f64::from(count.max(1))
            );
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: bench_record record | bench_record time N");
            ExitCode::from(2)
        }
    }
}
