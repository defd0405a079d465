//! Replays the fuzz corpus as ordinary tests: every committed seed (`fuzz/corpus/<target>/`)
//! and every minimized crash (`fuzz/regressions/<target>/`) goes through the very function
//! the libFuzzer target calls (`fuzz/src/`, included here), so `make test` checks the fuzz
//! invariants on them without building libFuzzer or a nightly toolchain.

use std::path::{Path, PathBuf};

#[allow(unreachable_pub, dead_code, unused_imports)]
#[path = "../../fuzz/src/lib.rs"]
mod fuzz;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz")
}

/// The files of `dir`, sorted (none when the folder does not exist).
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

/// Runs every input of `fuzz/<kind>/<target>/` through its target; returns how many ran.
fn replay(kind: &str) -> usize {
    let mut ran = 0;
    for (name, target) in fuzz::TARGETS {
        for path in inputs(&fuzz_dir().join(kind).join(name)) {
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let outcome = std::panic::catch_unwind(|| target(&bytes));
            assert!(
                outcome.is_ok(),
                "{name} fails on {} (reproduce: cargo fuzz run {name} {})",
                path.display(),
                path.display()
            );
            ran += 1;
        }
    }
    ran
}

/// Seeds and past crashes (`fuzz/regressions/`, absent until a run finds one) alike.
#[test]
fn every_seed_and_past_crash_passes_its_target() {
    for (name, _) in fuzz::TARGETS {
        assert!(
            !inputs(&fuzz_dir().join("corpus").join(name)).is_empty(),
            "fuzz/corpus/{name}/ has no seed"
        );
    }
    assert!(replay("corpus") + replay("regressions") >= fuzz::TARGETS.len());
}

#[test]
fn a_multi_file_input_splits_into_the_named_files() {
    use attesta::import::ImportSource;
    let files = fuzz::split_files(b"a,b\n1,2\n--8<--\nc\n--8<--\n", &["one.csv", "two.csv"]);
    assert_eq!(files.held("one.csv"), Some(&b"a,b\n1,2"[..]));
    assert_eq!(files.held("two.csv"), Some(&b"c"[..]));
    let short = fuzz::split_files(b"only", &["one.csv", "two.csv"]);
    assert_eq!(short.held("one.csv"), Some(&b"only"[..]));
    assert_eq!(
        short.held("two.csv"),
        None,
        "a missing piece is a missing file"
    );
}
