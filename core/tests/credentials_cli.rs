//! `attesta export`, `sign` and `verify` on the demo case (`tests/cases/demo-450/`): exit codes,
//! JSON outputs against their committed schemas, files written, and keys in every form.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

mod schema_check;

use schema_check::assert_valid;

const CASE: &str = "tests/cases/demo-450/events.jsonl";
const CASE_KEY: &str = "data/demo/keys/demo-ente.pub.pem";
/// The W3C cryptosuite specification's public test key (Multikey JSON).
const KEY: &str = "tests/interop/vc/issuer-key.json";

fn attesta(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_attesta"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .output()
        .expect("attesta runs")
}

fn run(args: &[&str], exit: i32) -> String {
    let out = attesta(args);
    assert_eq!(
        out.status.code(),
        Some(exit),
        "attesta {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("credentials-cli-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a writable temporary folder");
    dir
}

fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("one JSON document per line"))
        .collect()
}

#[test]
fn export_prints_one_document_per_line_and_the_libretto_record_matches_its_schema() {
    let badges = lines(&run(
        &["export", CASE, "--format", "ob3", "--key", CASE_KEY],
        0,
    ));
    assert_eq!(badges.len(), 2, "one badge per validated UC");
    let elm = lines(&run(
        &["export", CASE, "--format", "elm", "--key", CASE_KEY],
        0,
    ));
    assert_eq!(elm.len(), 1);
    let libretto = lines(&run(
        &["export", CASE, "--format", "libretto", "--key", CASE_KEY],
        0,
    ));
    assert_eq!(libretto.len(), 1);
    assert_valid(
        "libretto-record",
        &libretto[0],
        "`export --format libretto`",
    );
    assert_eq!(
        libretto[0]["person"]["personal"]["fiscal_code"],
        "SMPSMN90D12Z343X"
    );
    let redacted = run(
        &["export", CASE, "--format", "libretto", "--no-personal-data"],
        0,
    );
    assert!(!redacted.contains("SMPSMN90D12Z343X") && !redacted.contains("Ousmane"));
    // A UC the case did not validate: a typed error, exit 2.
    let out = attesta(&["export", CASE, "--format", "ob3", "--uc", "1953"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot export"));
}

#[test]
fn sign_then_verify_and_a_change_fails_with_json_matching_the_schema() {
    let dir = scratch("sign");
    let unsigned = dir.join("badge.json");
    let signed = dir.join("badge.signed.json");
    let (unsigned_arg, signed_arg) = (unsigned.to_str().unwrap(), signed.to_str().unwrap());
    run(
        &[
            "export",
            CASE,
            "--format",
            "ob3",
            "--uc",
            "1954",
            "--out",
            unsigned_arg,
        ],
        0,
    );
    // --out never replaces a file silently.
    run(
        &[
            "export",
            CASE,
            "--format",
            "ob3",
            "--uc",
            "1954",
            "--out",
            unsigned_arg,
        ],
        2,
    );
    for suite in ["eddsa-rdfc-2022", "eddsa-jcs-2022"] {
        run(
            &[
                "sign",
                unsigned_arg,
                "--key",
                KEY,
                "--suite",
                suite,
                "--out",
                signed_arg,
                "--overwrite",
            ],
            0,
        );
        let outcome: Value =
            serde_json::from_str(&run(&["verify", signed_arg, "--key", KEY, "--json"], 0)).unwrap();
        assert_valid("credential-verification", &outcome, "`verify --json`");
        assert_eq!(outcome["verified"], true);
        assert_eq!(outcome["cryptosuite"], suite);
        let mut credential: Value =
            serde_json::from_str(&std::fs::read_to_string(&signed).unwrap()).unwrap();
        credential["validFrom"] = "2026-01-01T00:00:00Z".into();
        let tampered = dir.join("tampered.json");
        std::fs::write(&tampered, credential.to_string()).unwrap();
        let outcome: Value = serde_json::from_str(&run(
            &["verify", tampered.to_str().unwrap(), "--key", KEY, "--json"],
            1,
        ))
        .unwrap();
        assert_valid(
            "credential-verification",
            &outcome,
            "`verify --json` (tampered)",
        );
        assert_eq!(outcome["problem"]["code"], "proof.signature_mismatch");
    }
}

#[test]
fn keys_in_pem_jwk_and_multibase_sign_and_public_keys_cannot() {
    let dir = scratch("keys");
    let unsigned = dir.join("badge.json");
    run(
        &[
            "export",
            CASE,
            "--format",
            "ob3",
            "--uc",
            "1955",
            "--out",
            unsigned.to_str().unwrap(),
        ],
        0,
    );
    let secret = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";
    let multibase = dir.join("key.txt");
    std::fs::write(&multibase, secret).unwrap();
    for key in [multibase.to_str().unwrap(), "data/demo/keys/demo-ente.pem"] {
        let signed = run(&["sign", unsigned.to_str().unwrap(), "--key", key], 0);
        let path = dir.join("signed.json");
        std::fs::write(&path, signed).unwrap();
        run(&["verify", path.to_str().unwrap(), "--key", key], 0);
        // A did:key proof also verifies without a key (integrity only).
        run(&["verify", path.to_str().unwrap()], 0);
    }
    // Only the public half: signing cannot run (exit 2, kind invalid_key, in JSON for verify).
    let out = attesta(&["sign", unsigned.to_str().unwrap(), "--key", CASE_KEY]);
    assert_eq!(out.status.code(), Some(2));
    let not_a_key = dir.join("not-a-key.json");
    std::fs::write(&not_a_key, r#"{"kty":"RSA","n":"AQAB"}"#).unwrap();
    let failure: Value = serde_json::from_str(&run(
        &[
            "verify",
            unsigned.to_str().unwrap(),
            "--key",
            not_a_key.to_str().unwrap(),
            "--json",
        ],
        2,
    ))
    .unwrap();
    assert_eq!(failure["error"]["kind"], "invalid_key");
    assert_valid("error", &failure["error"], "`verify --json` failure");
    // An unsigned credential is not verified: exit 1.
    run(&["verify", unsigned.to_str().unwrap()], 1);
}
