//! The real framework files in `<workspace>/../shared/data` (ESCO, RRFP, CP2021, ANPAL...),
//! which a public clone does not have: tests that read them skip with a message when they are
//! absent, except under `CI=true`, where a missing folder is a failure.

use std::path::PathBuf;

/// The folder `name` of the shared data (`""`: the data folder itself), or `None` after
/// printing why the calling test is skipped. Panics under `CI=true` when it is missing.
pub(crate) fn folder(name: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data")).join(name);
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI=true but the real data folder {} is missing",
        dir.display()
    );
    eprintln!("SKIPPED: real data folder {} is missing", dir.display());
    None
}
