//! Full-ESCO CSV import speed, the bytes already in memory.
//!
//! ```text
//! cargo run --release -p attesta --example csv_speed --features import -- \
//!     ../shared/data/esco-v1.1.1-en [RUNS]
//! ```
//!
//! Why a separate example from `bundle_vs_csv`: this one times only `import_esco` (what the CSV
//! reader changes), without the bundle round trip, so before/after numbers of a reader change
//! are quick to take. The files are preloaded into [`MemoryFiles`] so the disk is not measured.
//! Prints the median, minimum and maximum of `RUNS` imports (default 7, at least 5) and a
//! digest of the result (to see that both builds imported the same thing).

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use attesta::import::{import_esco, EscoImportOptions, ImportMode, MemoryFiles};

/// Every `.csv` file under `root`, in memory, with its relative `/` name; and their total size.
fn read_folder(root: &Path) -> std::io::Result<(MemoryFiles, u64)> {
    let mut files = MemoryFiles::from_dir(root)?;
    files.retain(|name| {
        Path::new(name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    });
    let total = files.total_len();
    Ok((files, total))
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let folder = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "../shared/data/esco-v1.1.1-en".into()),
    );
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(7).max(5);
    let (files, csv_bytes) = match read_folder(&folder) {
        Ok(read) if read.1 > 0 => read,
        Ok(_) => {
            eprintln!("csv_speed: no CSV files under {}", folder.display());
            return ExitCode::from(1);
        }
        Err(err) => {
            eprintln!("csv_speed: {}: {err}", folder.display());
            return ExitCode::from(1);
        }
    };
    let options = EscoImportOptions::new("v1.1.1", "en");
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    let mut summary = String::new();
    for _ in 0..runs {
        let started = Instant::now();
        let imported = import_esco(&files, &options, ImportMode::Lenient);
        times.push(started.elapsed());
        match imported {
            Ok(imported) if summary.is_empty() => {
                // A digest of everything imported, so that two builds can be compared.
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                format!("{:?}", imported.data).hash(&mut hasher);
                format!("{:?}", imported.problems).hash(&mut hasher);
                summary = format!(
                    "{} problems, digest {:016x}",
                    imported.problems.len(),
                    hasher.finish()
                );
            }
            Ok(imported) => drop(std::hint::black_box(imported)),
            Err(err) => {
                eprintln!("csv_speed: import failed: {err}");
                return ExitCode::from(1);
            }
        }
    }
    times.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("ESCO from {} ({csv_bytes} CSV bytes)", folder.display());
    println!("  result: {summary}");
    println!(
        "  import_esco over {runs} runs: median {:.1} ms, min {:.1} ms, max {:.1} ms",
        ms(times[runs / 2]),
        ms(times[0]),
        ms(times[runs - 1])
    );
    ExitCode::SUCCESS
}
