//! `attesta gap` and `attesta search` from the command line, on the built-in framework and the
//! example record.

#![cfg(feature = "cli")]

use std::process::Command;

fn attesta(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_attesta"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("attesta runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn gap_reports_each_uc_and_exits_1_when_something_is_missing() {
    let (code, out) = attesta(&[
        "gap",
        "data/examples/record-valid.json",
        "--target",
        "rrfp_toscana.qualification:450",
        "--validated",
        "rrfp_toscana.unit:1948",
        "--json",
    ]);
    assert_eq!(code, 1, "{out}");
    let report: attesta::gap::GapReport = serde_json::from_str(&out).expect("JSON report");
    assert_eq!(report.summary.units, 4);
    assert_eq!(report.summary.validated, 1);
    assert_eq!(
        report.units.last().map(|u| u.unit.code.as_str()),
        Some("1953")
    );
    let (code, _) = attesta(&[
        "gap",
        "data/examples/record-valid.json",
        "--target",
        "nonsense",
    ]);
    assert_eq!(code, 2);
}

#[test]
fn search_finds_with_typos_and_exits_1_on_no_match() {
    let (code, out) = attesta(&["search", "--json", "movimentazone", "merci"]);
    assert_eq!(code, 0);
    let hits: Vec<attesta::search::SearchHit> = serde_json::from_str(&out).expect("JSON hits");
    assert_eq!(hits[0].node.code, "1954");
    let (code, _) = attesta(&["search", "astronauta"]);
    assert_eq!(code, 1);
    let (code, out) = attesta(&["search", "--lookup", "atlante_ada:ADA.13.128.385", "--json"]);
    assert_eq!(code, 0);
    assert!(out.contains("ADA.11.01.20"), "{out}");
}
