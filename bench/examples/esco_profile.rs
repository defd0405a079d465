//! One frameworks-bench operation repeated, for profilers (`valgrind --tool=callgrind`,
//! `perf record`), which need a small program that does only the measured work:
//!
//! ```text
//! cargo build --release -p attesta-bench --example esco_profile
//! target/release/examples/esco_profile load 20     # ESCO bundle load from memory, 20 times
//! target/release/examples/esco_profile import 3    # ESCO CSV import from the files, 3 times
//! target/release/examples/esco_profile import-mem 3  # the same from memory
//! target/release/examples/esco_profile bundle OUT  # one import's bundle (OUT) and problems (OUT.problems)
//! ```
//!
//! The load with one core (`taskset -c 0 target/release/examples/esco_profile load 200`) or
//! with the second core busy (`taskset -c 1 yes > /dev/null &` beside it) shows how the load
//! fares when its pool thread is late or absent (issue 14); callgrind with
//! `--toggle-collect='*Parts*run*'` counts the instructions of its checks alone.
//!
//! Each mode prints the median time of its rounds (load also prints the fastest round, and the
//! XXH3 floor of the same bytes), so a change can be judged by instruction counts and by time alike.

use std::hash::Hasher as _;
use std::hint::black_box;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use attesta::bundle::Bundle;
use attesta::import::{import_esco, DirFiles, EscoImportOptions, ImportMode, MemoryFiles};

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

/// The fastest round: on a busy machine, the closest to the time the work takes alone.
fn fastest(times: &[Duration]) -> Duration {
    times.iter().min().copied().unwrap_or_default()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rounds: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(10);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/esco-v1.1.1-en");
    if !dir.is_dir() {
        eprintln!("SKIPPED: {} not found", dir.display());
        return ExitCode::SUCCESS;
    }
    let options = EscoImportOptions::new("v1.1.1", "en");
    let import = |source: &dyn attesta::import::ImportSource| {
        import_esco(source, &options, ImportMode::Standard).map(|i| i.data)
    };
    match args.first().map(String::as_str) {
        Some("load") => {
            let Ok(esco) = import(&DirFiles::new(&dir)) else {
                eprintln!("import failed");
                return ExitCode::FAILURE;
            };
            let Ok(bytes) = Bundle::Esco(esco).to_bytes() else {
                eprintln!("cannot write the bundle");
                return ExitCode::FAILURE;
            };
            let (mut loads, mut floors) = (Vec::new(), Vec::new());
            for _ in 0..rounds {
                let start = Instant::now();
                let mut hasher = twox_hash::XxHash3_64::with_seed(0);
                hasher.write(black_box(&bytes));
                black_box(hasher.finish());
                floors.push(start.elapsed());
                let owned = bytes.clone();
                let start = Instant::now();
                let loaded = Bundle::from_vec(owned).and_then(Bundle::into_esco);
                loads.push(start.elapsed());
                if loaded.is_err() {
                    eprintln!("load failed");
                    return ExitCode::FAILURE;
                }
            }
            println!(
                "bundle {} bytes: load {:?} (fastest {:?}), checksum floor {:?} (fastest {:?})",
                bytes.len(),
                median(loads.clone()),
                fastest(&loads),
                median(floors.clone()),
                fastest(&floors),
            );
        }
        Some(mode @ ("import" | "import-mem")) => {
            // Read only in import-mem mode: a profile of `import` shows the import alone.
            let memory = if mode == "import-mem" {
                MemoryFiles::from_dir(&dir).unwrap_or_default()
            } else {
                MemoryFiles::new()
            };
            let files = DirFiles::new(&dir);
            let mut times = Vec::new();
            for _ in 0..rounds {
                let start = Instant::now();
                let done = if mode == "import" {
                    import(&files)
                } else {
                    import(&memory)
                };
                times.push(start.elapsed());
                if done.is_err() {
                    eprintln!("import failed");
                    return ExitCode::FAILURE;
                }
            }
            println!("{mode}: {:?}", median(times));
        }
        Some("bundle") => {
            // The bundle and the problems of one import, written to compare two builds byte
            // for byte (`cmp`): a faster import must produce the same taxonomy.
            let Some(out) = args.get(1) else {
                eprintln!("usage: esco_profile bundle OUT");
                return ExitCode::FAILURE;
            };
            let imported = import_esco(&DirFiles::new(&dir), &options, ImportMode::Lenient);
            let written = imported.map_err(|e| e.to_string()).and_then(|i| {
                let problems = format!("{:#?}", i.problems);
                let bytes = Bundle::Esco(i.data).to_bytes().map_err(|e| e.to_string())?;
                std::fs::write(out, bytes).map_err(|e| e.to_string())?;
                std::fs::write(format!("{out}.problems"), problems).map_err(|e| e.to_string())
            });
            if let Err(e) = written {
                eprintln!("bundle not written: {e}");
                return ExitCode::FAILURE;
            }
        }
        _ => {
            eprintln!("usage: esco_profile load|import|import-mem [ROUNDS] | bundle OUT");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
