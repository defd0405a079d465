//! `attesta framework import` modes and exit codes on the real Calabrian files (skipped with a
//! message when `../shared/data` is missing, a failure under `CI=true`): the published files
//! import with warnings (exit 1), `--strict` stops at the first warning and writes nothing
//! (exit 2), and a clean export imports with exit 0.

use std::path::Path;
use std::process::{Command, Output};

mod real_data;

const BIN: &str = env!("CARGO_BIN_EXE_attesta");

fn import(kind: &str, source: &Path, out: &Path, extra: &[&str]) -> Output {
    let _ = std::fs::remove_file(out);
    Command::new(BIN)
        .args(["framework", "import", "--kind", kind])
        .arg(source)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .expect("attesta runs")
}

#[test]
fn calabria_as_published_imports_with_warnings_and_strict_refuses_it() {
    let Some(source) = real_data::folder("calabria-repertorio-qualificazioni") else {
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("import-cli");
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("calabria.attb");

    let standard = import("calabria", &source, &out, &[]);
    let stderr = String::from_utf8_lossy(&standard.stderr);
    assert_eq!(standard.status.code(), Some(1), "{stderr}");
    assert!(out.is_file());
    assert!(stderr.contains(
        "regcal_profili_rev2.csv:14:4: warning: liv_eqf '0' is not an EQF level 1-8; left empty"
    ));
    assert!(!stderr.contains(": error:"), "{stderr}");
    let stdout = String::from_utf8_lossy(&standard.stdout);
    assert!(
        stdout.contains("problems: 39 (39 warnings, 0 errors)"),
        "{stdout}"
    );

    let strict = import("calabria", &source, &out, &["--strict"]);
    assert_eq!(strict.status.code(), Some(2));
    assert!(!out.exists(), "--strict writes nothing");
    let stderr = String::from_utf8_lossy(&strict.stderr);
    assert!(
        stderr.contains("regcal_profili_rev2.csv:14:4: warning: liv_eqf"),
        "{stderr}"
    );

    let lenient = import("calabria", &source, &out, &["--lenient"]);
    assert_eq!(lenient.status.code(), Some(1));
    let conflicting = import("calabria", &source, &out, &["--lenient", "--strict"]);
    assert_eq!(conflicting.status.code(), Some(2), "a usage error");
}

#[test]
fn a_clean_export_imports_with_exit_zero() {
    let Some(source) = real_data::folder("toscana-rrfp") else {
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("import-cli");
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("rrfp.attb");
    let result = import("rrfp-toscana", &source, &out, &["--strict"]);
    assert_eq!(result.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&result.stdout).contains("problems: 0 (0 warnings, 0 errors)"));
}
