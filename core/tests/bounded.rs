//! Hostile inputs do no harm: bounded memory, sizes checked before reading, safe output.
//!
//! - A record of millions of tiny bad items validates within the memory target
//!   (peak RSS ≤ 64 MiB + 8 × input bytes), measured by a child process on its own `VmHWM`.
//! - A 2 GiB sparse file that claims to be a bundle is refused in milliseconds.
//! - Human output never carries a control character of the input; no error of `case` quotes a
//!   value typed into the wrong field; `--max-size` at its largest does not wrap to zero.
#![cfg(feature = "cli")]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use attesta::bundle::{Bundle, BundleError, BundleKind, DEFAULT_MAX_BUNDLE_SIZE, MAGIC};
use attesta::text::{echo, escape_controls, is_unsafe_char, ECHO_MAX_CHARS};
use attesta::{Error, ValidationOptions};
use proptest::prelude::*;

const BIN: &str = env!("CARGO_BIN_EXE_attesta");
const WORKSPACE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
/// Set in the child process of the memory tests: which case it is to run.
const CHILD_VAR: &str = "ATTESTA_MEMORY_CASE";

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("attesta-bounded-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn attesta(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the attesta binary runs")
}

// ---- Memory ------------------------------------------------------------------------------

const HEAD: &str = r#"{"schema_version":"1.0","id":"r","person":{"id":"p"},"#;

/// The worst amplifiers found, a few MB each (the tests run unoptimized): the record.
fn amplifier(name: &str) -> Vec<u8> {
    let mut text = String::from(HEAD);
    match name {
        // Two million one-byte items of the wrong type: a finding each, uncapped.
        "one_byte_items" => {
            text.push_str(r#""experiences":["#);
            text.push_str(&"1,".repeat(2_000_000));
            text.push_str("1]}");
        }
        // Items that are objects with an id and nothing else: an id to index each.
        "id_only_items" => {
            text.push_str(r#""claims":["#);
            for i in 0..250_000 {
                let _ = write!(text, r#"{{"id":"{i:x}"}},"#);
            }
            text.push_str("{}]}");
        }
        // One object of many keys, each repeated: a key set and findings.
        "repeated_keys" => {
            text.push_str(r#""x":{"#);
            for i in 0..300_000 {
                let _ = write!(text, r#""{:x}":1,"{:x}":1,"#, i % 150_000, i % 150_000);
            }
            text.push_str(r#""y":1}}"#);
        }
        // One evidence item of a million one-character references: decoding it would take
        // about 30 bytes per input byte, so a part over `max_item_size` is not decoded.
        "huge_item" => {
            text.push_str(r#""evidence":[{"id":"e","kind":"other","experiences":["#);
            text.push_str(&r#""a","#.repeat(1_000_000));
            text.push_str(r#""a"]}]}"#);
        }
        // Unknown top-level keys.
        "unknown_keys" => {
            for i in 0..300_000 {
                let _ = write!(text, r#""k{i}":0,"#);
            }
            text.push_str(r#""z":0}"#);
        }
        other => panic!("no amplifier {other}"),
    }
    text.into_bytes()
}

/// This process's peak resident set size, from `/proc/self/status`.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// In the child: validates the amplifier and prints `input_bytes peak_rss`.
fn run_child(name: &str) {
    let input = amplifier(name);
    let validator = ValidationOptions::default()
        .build()
        .expect("default options");
    let report = validator.validate_slice(&input).expect("evaluated");
    assert!(!report.valid, "{name}: the record is invalid");
    let last = report.findings.last().expect("findings");
    let expected = if name == "huge_item" {
        "structure.item_too_large"
    } else {
        "report.findings_omitted"
    };
    assert_eq!(last.code.as_str(), expected, "{name}");
    println!("MEASURED {} {}", input.len(), peak_rss().expect("VmHWM"));
}

/// Runs one amplifier in a fresh process (peak RSS is per process) and checks the target.
fn memory_case(name: &str) {
    if !Path::new("/proc/self/status").exists() {
        eprintln!("skipped: peak RSS is read from /proc (Linux only)");
        return;
    }
    if let Ok(case) = std::env::var(CHILD_VAR) {
        if case == name {
            run_child(name);
        }
        return;
    }
    let test = format!("memory_{name}");
    let out = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", &test, "--nocapture", "--test-threads=1"])
        .env(CHILD_VAR, name)
        .output()
        .expect("child runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{name}: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = stdout
        .lines()
        .find_map(|l| l.split_once("MEASURED ").map(|(_, rest)| rest))
        .unwrap_or_else(|| panic!("{name}: no measurement in {stdout}"));
    let numbers: Vec<u64> = line
        .split(' ')
        .map(|n| n.parse().expect("number"))
        .collect();
    let (input, peak) = (numbers[0], numbers[1]);
    let target = 64 * 1024 * 1024 + 8 * input;
    let tenths = peak * 10 / input.max(1);
    eprintln!(
        "{name}: {input} bytes, peak RSS {} MiB ({}.{} bytes per input byte), target {} MiB",
        peak >> 20,
        tenths / 10,
        tenths % 10,
        target >> 20
    );
    assert!(
        peak <= target,
        "{name}: peak RSS {peak} over the target {target}"
    );
}

#[test]
fn memory_one_byte_items() {
    memory_case("one_byte_items");
}

#[test]
fn memory_id_only_items() {
    memory_case("id_only_items");
}

#[test]
fn memory_repeated_keys() {
    memory_case("repeated_keys");
}

#[test]
fn memory_huge_item() {
    memory_case("huge_item");
}

#[test]
fn memory_unknown_keys() {
    memory_case("unknown_keys");
}

// ---- Bundles -----------------------------------------------------------------------------

/// A sparse file of `len` bytes starting with a bundle header declaring `payload_len`.
fn fake_bundle(path: &Path, len: u64, payload_len: u64) {
    let mut header = Vec::from(MAGIC);
    header.extend_from_slice(&attesta::bundle::FORMAT_VERSION.to_le_bytes());
    header.push(2); // ESCO, the kind written in FORMAT_VERSION
    header.extend_from_slice(&[0; 5]);
    header.extend_from_slice(&payload_len.to_le_bytes());
    header.extend_from_slice(&[0; 8]);
    std::fs::write(path, &header).expect("write header");
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .expect("open");
    file.set_len(len).expect("sparse file");
}

#[test]
fn a_sparse_2_gib_bundle_is_refused_in_milliseconds() {
    let dir = temp_dir("sparse");
    let path = dir.join("huge.attb");
    let len = 2 * 1024 * 1024 * 1024;
    fake_bundle(&path, len, len - 32);
    let started = Instant::now();
    let refused = Bundle::read_file(&path, DEFAULT_MAX_BUNDLE_SIZE);
    assert!(
        matches!(refused, Err(Error::TooLarge { .. })),
        "{refused:?}"
    );
    // Under a larger limit the header fits the size, but a header declaring more than the
    // file holds is refused before the body is read, as is a header of another kind.
    fake_bundle(&path, len, len);
    let refused = Bundle::read_file(&path, usize::MAX);
    assert!(
        matches!(
            refused,
            Err(Error::InvalidBundle(BundleError::Truncated { .. }))
        ),
        "{refused:?}"
    );
    let out = attesta(&dir, &["framework", "info", "huge.attb"]);
    let elapsed = started.elapsed();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("huge.attb"));
    assert!(elapsed < Duration::from_secs(2), "took {elapsed:?}");
    assert_eq!(BundleKind::Framework.as_str(), "framework");
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- Output hygiene ----------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn echoed_text_is_short_and_has_no_control_character(text in "\\PC*|[\\x00-\\x1f\\x7f-\\u{9f}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}a\\\\]{0,200}") {
        let shown = echo(&text);
        prop_assert!(!shown.chars().any(is_unsafe_char));
        let plain = escape_controls(&text);
        prop_assert!(!plain.chars().any(is_unsafe_char));
        // Short input passes unchanged when it is safe; long input is cut with an ellipsis.
        if text.chars().count() <= ECHO_MAX_CHARS && !text.chars().any(is_unsafe_char) {
            prop_assert_eq!(shown.as_ref(), text.as_str());
        }
        if text.chars().count() > ECHO_MAX_CHARS {
            prop_assert!(attesta::text::truncate(&text, ECHO_MAX_CHARS).ends_with('…'));
        }
    }
}

#[test]
fn human_output_escapes_the_input_and_caps_echoes() {
    let dir = temp_dir("hygiene");
    let long_key = "k".repeat(10_000);
    let record = serde_json::json!({
        "schema_version": "1.0", "id": "r", "person": {"id": "p"},
        "\u{1b}]0;pwned\u{7}\u{1b}[2J": 1,
        "\u{202e}gnp.exe": 2,
        long_key.clone(): 3,
        "claims": [{"id": "c\u{9b}1", "experiences": ["x\u{1b}[31m"],
                    "target": {"scheme": "rrfp_toscana.unit", "code": "\u{1b}[5m1954"}}],
    });
    std::fs::write(dir.join("r\u{1b}[1m.json"), record.to_string()).unwrap();
    let out = attesta(
        &dir,
        &["validate", "--reference-date", "none", "r\u{1b}[1m.json"],
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    let bad: Vec<char> = stdout
        .chars()
        .filter(|&c| c != '\n' && is_unsafe_char(c))
        .collect();
    assert!(
        bad.is_empty(),
        "control characters in output: {bad:?}\n{stdout}"
    );
    assert!(stdout.contains("\\u{1b}]0;pwned"), "{stdout}");
    assert!(
        !stdout.contains(&long_key),
        "unknown keys are echoed in full"
    );
    assert!(stdout.contains(&format!("{}…", "k".repeat(ECHO_MAX_CHARS - 1))));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_largest_max_size_does_not_wrap_to_zero() {
    let dir = PathBuf::from(WORKSPACE);
    let max = usize::MAX.to_string();
    let out = attesta(
        &dir,
        &[
            "validate",
            "--max-size",
            &max,
            "data/examples/record-valid.json",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let over = format!("{max}0");
    let out = attesta(
        &dir,
        &[
            "validate",
            "--max-size",
            &over,
            "data/examples/record-valid.json",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn max_findings_cuts_the_report_with_a_final_count() {
    let dir = PathBuf::from(WORKSPACE);
    let out = attesta(
        &dir,
        &[
            "validate",
            "--format",
            "json",
            "--max-findings",
            "2",
            "data/examples/record-with-findings.json",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let entries: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let findings = entries[0]["report"]["findings"]
        .as_array()
        .expect("findings");
    assert_eq!(findings.len(), 3);
    assert_eq!(findings[2]["code"], "report.findings_omitted");
    assert!(findings[2]["context"]["omitted"].as_u64() > Some(0));
}

/// A value typed into the wrong field of a case action never reaches standard error, whatever
/// the kind of mistake: a word outside a closed vocabulary, a string where a boolean goes, an
/// unknown action kind.
#[test]
fn case_errors_never_quote_a_mistyped_value() {
    const CANARY: &str = "CANARY Mario Rossi RSSMRA80A01H501U";
    let dir = temp_dir("canary");
    let demo = Path::new(WORKSPACE).join("data/demo/case-450/00-open-case.json");
    let open: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(demo).unwrap()).unwrap();
    let mut cases = Vec::new();
    let mut enum_typo = open.clone();
    enum_typo["payload"]["record"]["person"]["languages"][0]["reading"] = CANARY.into();
    cases.push(enum_typo);
    let mut type_typo = open.clone();
    type_typo["payload"]["eligibility"]["informed"] = CANARY.into();
    cases.push(type_typo);
    let mut kind_typo = open;
    kind_typo["kind"] = CANARY.into();
    cases.push(kind_typo);
    for (i, action) in cases.iter().enumerate() {
        let file = dir.join(format!("action-{i}.json"));
        std::fs::write(&file, action.to_string()).unwrap();
        let case = dir.join(format!("case-{i}.jsonl"));
        let out = attesta(
            &dir,
            &[
                "case",
                "new",
                case.to_str().unwrap(),
                file.to_str().unwrap(),
                "--actor",
                "op-eitc-01",
                "--at",
                "2025-09-01T08:30:00Z",
            ],
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "case {i}: {stderr}");
        assert!(!stderr.is_empty(), "case {i}: a reason is given");
        for word in CANARY.split(' ') {
            assert!(
                !stderr.contains(word),
                "case {i} quotes the value: {stderr}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
