//! Documents written by earlier versions still read and pass the check: the files under
//! `tests/compat/documents-<version>/` are the demo case's documents exactly as the release of
//! that schema version wrote them.

use std::fs;
use std::path::PathBuf;

use attesta::documents::{check_document, Document, DOCUMENT_SCHEMA_VERSION};

fn compat_dir(version: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/compat")
        .join(format!("documents-{version}"))
}

#[test]
fn documents_of_schema_1_1_read_and_pass_the_check() {
    assert_ne!(
        DOCUMENT_SCHEMA_VERSION, "1.1",
        "this test is about an earlier version"
    );
    let dir = compat_dir("1.1");
    let mut seen = 0;
    for entry in fs::read_dir(&dir).expect("tests/compat/documents-1.1 exists") {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        let document: Document = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} no longer reads: {e}", path.display()));
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["schema_version"], "1.1", "{}", path.display());
        // Reading and writing back keeps every field: nothing of the old document is lost.
        assert_eq!(
            serde_json::to_value(&document).unwrap(),
            value,
            "{} changes when read and written back",
            path.display()
        );
        let report = check_document(&text).unwrap();
        assert!(
            report.valid,
            "{} fails the check: {:?}",
            path.display(),
            report.findings
        );
        seen += 1;
    }
    assert_eq!(seen, 2, "the DT and the DV of the demo case");
}
