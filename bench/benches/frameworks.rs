//! Frameworks at scale, side by side with the Python tools an analyst would use, in one run:
//!
//! | what | Attesta | Python peer | target |
//! |---|---|---|---|
//! | full ESCO CSV import (time, peak RSS) | `import_esco` | `pandas.read_csv` of the same 9 files | ≥ 5× faster |
//! | bundle load vs CSV import, both from memory | `Bundle::from_vec` | (Attesta's own CSV import) | ≥ 20× |
//! | resident size after a bundle load (fresh process) | `Bundle::from_vec` | (the CSV bytes) | ≤ 1.5× |
//! | label search p50/p99 + recall@10 over `data/queries` | `SearchIndex::search` | `rapidfuzz.process.extract` | p99 ≤ 2 ms |
//! | 10,000 profiles × 3,007 occupations | `OccupationMatcher` (1 thread, all threads) | `scipy.sparse` product | ≥ 3×, identical top-10 |
//!
//! Needs `../shared/data` (skips with a message otherwise). The Python peers run from the venv
//! `make bench` creates (`target/bench-venv`, or `ATTESTA_BENCH_PYTHON`); without it only
//! Attesta's side is printed. Peak RSS is measured in a child process for each side.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use attesta::bundle::Bundle;
use attesta::framework::EscoTaxonomy;
use attesta::import::{
    import_cp2021, import_esco, import_rrfp_toscana, DirFiles, EscoImportOptions, ImportMode,
    MemoryFiles,
};
use attesta::matching::{MatchOptions, OccupationMatcher};
use attesta::search::{EscoLabelSelection, FrameworkLabels, SearchIndexBuilder, SearchOptions};
use serde_json::Value;

const CHILD: &str = "ATTESTA_BENCH_CHILD";
const PROFILES: usize = 10_000;
/// Import rounds against pandas: a fresh process each, so the median needs a few (a shared
/// 2-core machine varies by ±20% from one run to the next).
const IMPORT_ROUNDS: usize = 9;

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The ESCO CSV files, read into memory.
fn esco_files(data: &Path) -> MemoryFiles {
    MemoryFiles::from_dir(data.join("esco-v1.1.1-en")).unwrap_or_default()
}

fn esco_import(data: &Path) -> EscoTaxonomy {
    let source = DirFiles::new(data.join("esco-v1.1.1-en"));
    match import_esco(
        &source,
        &EscoImportOptions::new("v1.1.1", "en"),
        ImportMode::Standard,
    ) {
        Ok(imported) => imported.data,
        Err(e) => panic!("ESCO import failed: {e}"),
    }
}

/// A size of this process from `/proc/self/status` (Linux), in KiB: `VmHWM` (peak resident
/// set) or `VmRSS` (resident now).
fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| {
                    l.strip_prefix(field)
                        .is_some_and(|rest| rest.starts_with(':'))
                })
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn peak_rss_kb() -> u64 {
    status_kb("VmHWM")
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn python() -> Option<PathBuf> {
    let path = std::env::var_os("ATTESTA_BENCH_PYTHON").map_or_else(
        || manifest().join("../target/bench-venv/bin/python"),
        PathBuf::from,
    );
    path.exists().then_some(path)
}

fn peer(python: Option<&Path>, args: &[&str]) -> Option<Value> {
    let python = python?;
    let out = Command::new(python)
        .arg(manifest().join("python/peers.py"))
        .args(args)
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!(
            "peer {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        return None;
    }
    serde_json::from_slice(&out.stdout).ok()
}

#[allow(clippy::too_many_lines)] // one linear script: four measurements, then the table
fn main() {
    let data = manifest().join("../../shared/data");
    if let Ok(mode) = std::env::var(CHILD) {
        // Child process: one import, then its time and peak memory.
        if mode == "import" {
            let start = Instant::now();
            let esco = esco_import(&data);
            let seconds = start.elapsed().as_secs_f64();
            println!(
                "{seconds} {} {}",
                peak_rss_kb(),
                esco.occupation_skills().len()
            );
        } else if let Some(file) = mode.strip_prefix("resident ") {
            // What a program holding a loaded taxonomy keeps resident: the bundle buffer,
            // which holds the text, and the tables.
            let before = status_kb("VmRSS");
            let loaded = std::fs::read(file).map(Bundle::from_vec);
            let after = status_kb("VmRSS");
            if let Ok(Ok(bundle)) = loaded {
                println!("{}", after.saturating_sub(before));
                drop(std::hint::black_box(bundle));
            }
        }
        return;
    }
    if !data.is_dir() {
        println!(
            "SKIPPED: {} not found; framework benchmarks need the real data",
            data.display()
        );
        return;
    }
    let py = python();
    if py.is_none() {
        println!("note: Python peers not installed (run `make bench`); printing Attesta only");
    }
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let tmp = manifest().join("../target/bench-frameworks");
    let _ = std::fs::create_dir_all(&tmp);
    let mut rows: Vec<[String; 5]> = Vec::new();

    // 1. Full ESCO CSV import from the files, in a child process so peak RSS is the import's
    //    own, interleaved round by round with pandas so that a busy machine slows both alike.
    let exe = std::env::current_exe().unwrap_or_default();
    let (mut times, mut pandas_times) = (Vec::new(), Vec::new());
    let (mut rss, mut pandas_rss) = (0u64, None::<f64>);
    for _ in 0..IMPORT_ROUNDS {
        let Ok(out) = Command::new(&exe).env(CHILD, "import").output() else {
            break;
        };
        let text = String::from_utf8_lossy(&out.stdout);
        let mut f = text.split_whitespace();
        if let (Some(t), Some(r)) = (f.next(), f.next()) {
            times.push(Duration::from_secs_f64(t.parse().unwrap_or(0.0)));
            rss = rss.max(r.parse::<u64>().unwrap_or(0));
        }
        if let Some(v) = peer(py.as_deref(), &["import", &data.to_string_lossy()]) {
            if let Some(t) = v["seconds"].as_f64() {
                pandas_times.push(Duration::from_secs_f64(t));
            }
            pandas_rss = v["peak_rss_kb"].as_f64().or(pandas_rss);
        }
    }
    let import_time = if times.is_empty() {
        Duration::ZERO
    } else {
        median(times)
    };
    let ps = (!pandas_times.is_empty()).then(|| median(pandas_times).as_secs_f64());
    rows.push(row(
        "ESCO CSV import (s)",
        import_time.as_secs_f64(),
        ps,
        "≥ 5× pandas",
    ));
    #[allow(clippy::cast_precision_loss)]
    rows.push(row(
        "  peak RSS (MiB)",
        rss as f64 / 1024.0,
        pandas_rss.map(|k| k / 1024.0),
        "lower",
    ));

    // 2. Bundle load vs CSV import, both from bytes already in memory (the work, not the
    //    disk), interleaved. The load is `Bundle::from_vec`, what a program that read a bundle
    //    file does; the buffer is cloned outside the timed part.
    let esco = esco_import(&data);
    let bytes = match Bundle::Esco(esco.clone()).to_bytes() {
        Ok(b) => b,
        Err(e) => return eprintln!("cannot write the ESCO bundle: {e}"),
    };
    let csv = esco_files(&data);
    let (mut loads, mut imports) = (Vec::new(), Vec::new());
    for round in 0..50 {
        if round % 5 == 0 {
            let start = Instant::now();
            let imported = import_esco(
                &csv,
                &EscoImportOptions::new("v1.1.1", "en"),
                ImportMode::Standard,
            );
            imports.push(start.elapsed());
            assert!(imported.is_ok_and(|i| i.data == esco));
        }
        let owned = bytes.clone();
        let start = Instant::now();
        let loaded = Bundle::from_vec(owned).and_then(Bundle::into_esco);
        loads.push(start.elapsed());
        assert!(loaded.is_ok_and(|e| e.occupations().len() == esco.occupations().len()));
    }
    let load = median(loads);
    rows.push(row(
        "ESCO bundle load (s)",
        load.as_secs_f64(),
        Some(median(imports).as_secs_f64()),
        "≥ 20× vs CSV import from memory (peer column = Attesta CSV import)",
    ));
    // The resident size a load adds, in a fresh child process, against the CSV bytes.
    let bundle_file = tmp.join("esco.attb");
    let resident_kb = std::fs::write(&bundle_file, &bytes)
        .ok()
        .and_then(|()| {
            let mode = format!("resident {}", bundle_file.display());
            Command::new(&exe).env(CHILD, mode).output().ok()
        })
        .and_then(|out| {
            String::from_utf8_lossy(&out.stdout)
                .trim()
                .parse::<f64>()
                .ok()
        });
    #[allow(clippy::cast_precision_loss)]
    let csv_mib = csv.total_len() as f64 / (1024.0 * 1024.0);
    rows.push(row(
        "  resident after load (MiB)",
        resident_kb.map_or(0.0, |kb| kb / 1024.0),
        Some(csv_mib),
        "≤ 1.5× the CSV bytes (peer column = CSV MiB; ratio ≥ 0.67)",
    ));

    // 3. Label search over the query set.
    let cp = import_cp2021(
        &DirFiles::new(data.join("istat-cp2021")),
        ImportMode::Strict,
    )
    .map(|i| i.data);
    let rrfp = import_rrfp_toscana(
        &DirFiles::new(data.join("toscana-rrfp")),
        "2023",
        ImportMode::Lenient,
    )
    .map(|i| i.data);
    let (Ok(cp), Ok(rrfp)) = (cp, rrfp) else {
        return eprintln!("CP2021 or RRFP import failed");
    };
    let mut builder = SearchIndexBuilder::new();
    builder
        .add_esco(&esco, &EscoLabelSelection::default())
        .add_classification(&cp, "it", true)
        .add_framework(&rrfp, &FrameworkLabels::default());
    let labels_path = tmp.join("labels.tsv");
    let mut labels = String::new();
    for e in builder.entries() {
        let label = e.label.replace(['\t', '\n'], " ");
        let _ = writeln!(labels, "{}\t{}\t{label}", e.node.scheme, e.node.code);
    }
    let _ = std::fs::write(&labels_path, labels);
    let index = match builder.build() {
        Ok(i) => i,
        Err(e) => return eprintln!("index build failed: {e}"),
    };
    let queries_path = manifest().join("../data/queries/queries.json");
    let queries: Value = std::fs::read(&queries_path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or(Value::Null);
    let queries = queries["queries"].as_array().cloned().unwrap_or_default();
    let options = SearchOptions::top(10);
    let mut latencies = Vec::new();
    let mut recall = 0.0;
    for round in 0..5 {
        for q in &queries {
            let text = q["query"].as_str().unwrap_or_default();
            let start = Instant::now();
            let hits = index.search(text, &options).unwrap_or_default();
            latencies.push(start.elapsed());
            if round == 0 {
                let expected = q["expected"].as_array().cloned().unwrap_or_default();
                let found = expected
                    .iter()
                    .filter(|e| {
                        hits.iter()
                            .any(|h| h.node.scheme == e["scheme"] && h.node.code == e["code"])
                    })
                    .count();
                #[allow(clippy::cast_precision_loss)]
                {
                    recall += found as f64 / expected.len().max(1) as f64;
                }
            }
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let recall = recall / queries.len().max(1) as f64;
    latencies.sort();
    let pct = |p: usize| {
        latencies
            .get(latencies.len() * p / 100)
            .map_or(0.0, |d| d.as_secs_f64() * 1e3)
    };
    let rf = peer(
        py.as_deref(),
        &[
            "search",
            &labels_path.to_string_lossy(),
            &queries_path.to_string_lossy(),
        ],
    );
    let rf_get = |k: &str| rf.as_ref().and_then(|v| v[k].as_f64());
    rows.push(row("search p50 (ms)", pct(50), rf_get("p50_ms"), ""));
    rows.push(row("search p99 (ms)", pct(99), rf_get("p99_ms"), "≤ 2 ms"));
    rows.push(row(
        "search recall@10",
        recall,
        rf_get("recall_at_10"),
        "higher",
    ));

    // 4. Matching: synthetic profiles × every occupation.
    let matcher = match OccupationMatcher::new(&esco, "en") {
        Ok(m) => m,
        Err(e) => return eprintln!("matcher failed: {e}"),
    };
    let profiles = attesta_bench::skill_profiles(&esco, PROFILES);
    let options = MatchOptions {
        limit: 10,
        min_score: 0.0,
        explain: false,
    };
    // Inputs are cloned before the clock starts: the peer gets its profiles ready-made too.
    let batch = profiles.clone();
    let start = Instant::now();
    let mut top10: Vec<Vec<String>> = Vec::with_capacity(PROFILES);
    let _ = matcher.match_batch(batch, &options, |m| {
        top10.push(m.matches.into_iter().map(|o| o.occupation.code).collect());
    });
    let single = start.elapsed();
    let batch = profiles.clone();
    let start = Instant::now();
    let mut parallel_top10: Vec<Vec<String>> = Vec::with_capacity(PROFILES);
    let _ = matcher.match_batch_parallel(batch, &options, |m| {
        parallel_top10.push(m.matches.into_iter().map(|o| o.occupation.code).collect());
    });
    let parallel = start.elapsed();
    assert_eq!(
        top10, parallel_top10,
        "single- and multi-threaded results differ"
    );
    let profiles_path = tmp.join("profiles.json");
    let top_path = tmp.join("rust_top10.json");
    let skills: Vec<&Vec<String>> = profiles.iter().map(|p| &p.skills).collect();
    let _ = std::fs::write(
        &profiles_path,
        serde_json::to_vec(&skills).unwrap_or_default(),
    );
    let _ = std::fs::write(&top_path, serde_json::to_vec(&top10).unwrap_or_default());
    let sc = peer(
        py.as_deref(),
        &[
            "match",
            &data.to_string_lossy(),
            &profiles_path.to_string_lossy(),
            &top_path.to_string_lossy(),
        ],
    );
    let sc_time = sc.as_ref().and_then(|v| v["seconds"].as_f64());
    rows.push(row(
        "matching 10k×3,007, 1 thread (s)",
        single.as_secs_f64(),
        sc_time,
        "≥ 3× scipy",
    ));
    rows.push(row(
        &format!("matching, {cores} threads (s)"),
        parallel.as_secs_f64(),
        sc_time,
        "≥ 3× scipy",
    ));
    let identical = sc.as_ref().and_then(|v| v["identical_top10"].as_u64());

    println!("\nFrameworks benchmark — {cores} cores; peer = pandas / rapidfuzz / scipy (ratio = peer ÷ Attesta)");
    println!(
        "{:<36} {:>12} {:>12} {:>8}  target",
        "measure", "Attesta", "peer", "ratio"
    );
    for r in rows {
        println!(
            "{:<36} {:>12} {:>12} {:>8}  {}",
            r[0], r[1], r[2], r[3], r[4]
        );
    }
    match identical {
        Some(n) => {
            println!(
                "matching: identical top-10 for {n} of {PROFILES} profiles (scipy vs Attesta)"
            );
        }
        None => println!("matching: top-10 not compared (no peer)"),
    }
}

fn row(name: &str, ours: f64, peer: Option<f64>, target: &str) -> [String; 5] {
    let ratio = peer
        .filter(|_| ours > 0.0)
        .map_or_else(|| "-".to_owned(), |p| format!("{:.1}×", p / ours));
    [
        name.to_owned(),
        format!("{ours:.4}"),
        peer.map_or_else(|| "-".to_owned(), |p| format!("{p:.4}")),
        ratio,
        target.to_owned(),
    ]
}
