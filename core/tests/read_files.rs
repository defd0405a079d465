//! Records and documents read from files by the core (feature `fs`), as the CLI and the
//! bindings' `validate_file` read them: within the evaluator's own size limit, a larger file
//! refused by its size before a byte is read, and the same answer as for the bytes.
#![cfg(feature = "fs")]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use attesta::documents::DocumentChecker;
use attesta::{Error, ValidationOptions};

const WORKSPACE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("attesta-read-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// A sparse file of `len` bytes: it costs no disk, and reading it would cost `len` of memory.
fn sparse(path: &Path, len: u64) {
    std::fs::File::create(path)
        .and_then(|f| f.set_len(len))
        .expect("sparse file");
}

#[test]
fn a_record_file_gets_the_answer_of_its_bytes() {
    let validator = ValidationOptions::default()
        .reference_date(attesta::formats::Date::parse("2026-01-01").expect("date"))
        .build()
        .expect("validator");
    for name in ["record-valid.json", "record-with-findings.json"] {
        let path = Path::new(WORKSPACE).join("data/examples").join(name);
        let bytes = std::fs::read(&path).expect("example record");
        let from_file = validator.validate_file(&path).expect("evaluable");
        assert_eq!(
            from_file,
            validator.validate_slice(&bytes).expect("evaluable")
        );
        assert_eq!(from_file.valid, name == "record-valid.json");
    }
}

#[test]
fn files_over_the_limit_are_refused_before_reading() {
    let dir = scratch("limit");
    let huge = dir.join("huge.json");
    let len: u64 = 4 << 30;
    sparse(&huge, len);
    let validator = ValidationOptions::default().build().expect("validator");
    let checker =
        DocumentChecker::new(ValidationOptions::default().max_size(1000)).expect("checker");
    let started = Instant::now();
    for refused in [validator.validate_file(&huge), checker.check_file(&huge)] {
        let Err(Error::TooLarge { size, limit }) = refused else {
            panic!("not refused by size: {refused:?}")
        };
        assert_eq!(size as u64, len);
        assert!(limit == attesta::DEFAULT_MAX_SIZE || limit == 1000);
    }
    // One `stat` each: reading 4 GiB would take far longer (and that much memory).
    assert!(started.elapsed() < Duration::from_secs(2));
    // The limit is the evaluator's: a small file over a small limit is refused too.
    let document = Path::new(WORKSPACE).join("tests/documents/certificato/input.json");
    assert!(matches!(
        checker.check_file(&document),
        Err(Error::TooLarge { limit: 1000, .. })
    ));
    std::fs::remove_dir_all(&dir).expect("scratch folder");
}

#[test]
fn a_missing_file_is_an_io_error_naming_the_path() {
    let validator = ValidationOptions::default().build().expect("validator");
    let missing = Path::new(WORKSPACE).join("no-such-record.json");
    let error = validator.validate_file(&missing).expect_err("missing");
    assert_eq!(error.kind().as_str(), "io");
    assert!(error.to_string().contains("no-such-record.json"), "{error}");
}

#[test]
fn a_document_file_gets_the_answer_of_its_text_and_bytes_need_not_be_utf8() {
    let checker = DocumentChecker::new(ValidationOptions::default()).expect("checker");
    let path = Path::new(WORKSPACE).join("tests/documents/invalid_certificato/input.json");
    let text = std::fs::read_to_string(&path).expect("example document");
    let report = checker.check_file(&path).expect("evaluable");
    assert!(!report.valid);
    assert_eq!(report, checker.check_str(&text).expect("evaluable"));
    // Bytes that are not UTF-8 are malformed JSON at their position, as for records.
    let error = checker
        .check_slice(b"{\"schema_version\": \"1.0\",\n \"id\": \"\xff\"}")
        .expect_err("not UTF-8");
    assert!(
        matches!(error, Error::MalformedJson { line: 2, .. }),
        "{error}"
    );
}
