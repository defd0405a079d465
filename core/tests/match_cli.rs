//! `attesta match` end to end on the real ESCO files: import them into a bundle with the CLI,
//! then rank occupations for profiles given as JSON, JSON Lines and a competence record; the
//! JSON output matches schema `occupation-matches`.
//!
//! Skipped with a message when `../shared/data` is missing, except under `CI=true`, where a
//! missing folder is a failure.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

mod real_data;
mod schema_check;

const BIN: &str = env!("CARGO_BIN_EXE_attesta");
const MIDWIFE: &str = "http://data.europa.eu/esco/occupation/95cda6a9-a70a-4a93-9442-11d573cb4a02";
const COOK: &str = "http://data.europa.eu/esco/occupation/90f75f67-495d-49fa-ab57-2f320e251d7e";

fn shared_data() -> Option<PathBuf> {
    real_data::folder("")
}

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("attesta runs");
    if let Some(text) = stdin {
        use std::io::Write;
        let written = child.stdin.take().unwrap().write_all(text.as_bytes());
        // A program that stops before reading its input (a usage error) closes the pipe.
        if let Err(e) = written {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
        }
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("attesta finishes")
}

/// The skills of the ESCO occupation `cook`, essential and optional, read from the CSV.
fn cook_skills(data: &Path) -> Vec<String> {
    skills_of(data, COOK)
}

/// The skills of an ESCO occupation, essential and optional, read from the CSV.
fn skills_of(data: &Path, occupation: &str) -> Vec<String> {
    let text =
        std::fs::read_to_string(data.join("esco-v1.1.1-en/relations/occupationSkillRelations.csv"))
            .unwrap();
    text.lines()
        .filter(|l| l.starts_with(occupation))
        .filter_map(|l| l.rsplit(',').next().map(str::to_owned))
        .collect()
}

/// The ESCO bundle, imported once with the CLI into a temporary folder.
fn esco_bundle() -> Option<&'static (PathBuf, Vec<String>)> {
    static BUNDLE: OnceLock<Option<(PathBuf, Vec<String>)>> = OnceLock::new();
    BUNDLE
        .get_or_init(|| {
            let data = shared_data()?;
            // Under target/ (not /tmp), so repeated runs reuse one folder instead of leaving copies.
            let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("match-cli");
            std::fs::create_dir_all(&dir).unwrap();
            let bundle = dir.join("esco.attb");
            let source = data.join("esco-v1.1.1-en");
            let out = run(
                &[
                    "framework",
                    "import",
                    "--kind",
                    "esco",
                    source.to_str().unwrap(),
                    "--out",
                    bundle.to_str().unwrap(),
                ],
                None,
            );
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(bundle.is_file(), "import wrote the bundle: {stderr}");
            // The package as published: written, with its 68 dangling relations as warnings
            // (exit 1), each with file and line.
            assert_eq!(out.status.code(), Some(1), "{stderr}");
            assert_eq!(stderr.matches(": warning: unknown concept").count(), 68);
            assert!(stderr.contains("relations/occupationSkillRelations.csv:84425:1: warning:"));
            let skills = cook_skills(&data);
            assert!(
                skills.len() > 20,
                "cook has its skills in the relations file"
            );
            Some((bundle, skills))
        })
        .as_ref()
}

fn profile(id: &str, skills: &[String]) -> String {
    serde_json::json!({"id": id, "skills": skills}).to_string()
}

#[test]
fn every_skill_of_cook_ranks_cook_first_with_a_full_score() {
    let Some((bundle, skills)) = esco_bundle() else {
        return;
    };
    let out = run(
        &[
            "match",
            "--esco",
            bundle.to_str().unwrap(),
            "--json",
            "--limit",
            "3",
            "-",
        ],
        Some(&profile("p-cook", skills)),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    schema_check::assert_valid("occupation-matches", &first, "`match --json`");
    // The profile read is a `skill-profile`.
    let read: serde_json::Value = serde_json::from_str(&profile("p-cook", skills)).unwrap();
    schema_check::assert_valid("skill-profile", &read, "a profile file");
    assert_eq!(first["matches"][0]["occupation"]["code"], COOK);
    assert_eq!(first["matches"][0]["score"], 1.0);
    // Cook is not a regulated profession, and ESCO says so.
    assert_eq!(
        first["matches"][0]["regulated_profession"]["regulated"],
        false
    );
    assert!(first["matches"][0]["missing_essential"]
        .as_array()
        .is_none_or(Vec::is_empty));
    // Half the skills: the table names what is still to learn.
    let half = profile("p-half", &skills[..skills.len() / 2]);
    let out = run(
        &[
            "match",
            "--esco",
            bundle.to_str().unwrap(),
            "--limit",
            "5",
            "-",
        ],
        Some(&half),
    );
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("to learn:"), "{table}");
}

#[test]
fn a_record_contributes_its_esco_claims_except_those_held_no() {
    let Some((bundle, skills)) = esco_bundle() else {
        return;
    };
    let record = serde_json::json!({
        "schema_version": "1.0", "id": "rec-esco", "person": {"id": "p-1"},
        "experiences": [{"id": "e1", "context": "informale", "kind": "work", "period": {"start": "2019"}, "role": "Cook"}],
        "claims": skills.iter().enumerate().map(|(i, s)| serde_json::json!({
            "id": format!("c{i}"), "target": {"scheme": "esco", "code": s},
            "self_assessment": if i == 0 { "no" } else { "yes" }, "experiences": ["e1"]
        })).collect::<Vec<_>>()
    });
    let path = bundle.with_file_name("record.json");
    std::fs::write(&path, record.to_string()).unwrap();
    let out = run(
        &[
            "match",
            "--esco",
            bundle.to_str().unwrap(),
            "--json",
            "--limit",
            "1",
            path.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let matches: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(matches["id"], "rec-esco");
    assert_eq!(matches["matches"][0]["occupation"]["code"], COOK);
    assert!(
        matches["matches"][0]["score"].as_f64().unwrap() < 1.0,
        "the 'no' claim does not count"
    );
}

#[test]
fn json_lines_stream_and_bad_lines() {
    let Some((bundle, skills)) = esco_bundle() else {
        return;
    };
    // An empty profile matches nothing (exit 1); every line gets its answer.
    let lines = format!(
        "{}\n{{\"id\": \"empty\", \"skills\": []}}\n",
        profile("p-cook", skills)
    );
    let out = run(
        &[
            "match",
            "--esco",
            bundle.to_str().unwrap(),
            "--jsonl",
            "--json",
            "-",
        ],
        Some(&lines),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
    // A broken line is exit 2 with its line number and no quote of the input.
    let out = run(
        &["match", "--esco", bundle.to_str().unwrap(), "--jsonl", "-"],
        Some("{\"id\": \"Mario Rossi\"\n"),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(":1:") && !err.contains("Mario"), "{err}");
}

#[test]
fn a_damaged_bundle_is_refused() {
    let Some((bundle, skills)) = esco_bundle() else {
        return;
    };
    let mut bytes = std::fs::read(bundle).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    let damaged = bundle.with_file_name("damaged.attb");
    std::fs::write(&damaged, &bytes).unwrap();
    let out = run(
        &["match", "--esco", damaged.to_str().unwrap(), "-"],
        Some(&profile("p", skills)),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("damaged.attb"));
}

/// A regulated profession (midwife, regulated in ESCO's regulatedProfessionNote) says so in the
/// match results, as JSON and in the table, and on a lookup of the occupation.
#[test]
fn a_regulated_profession_is_flagged_on_matches_and_lookups() {
    let Some((bundle, _)) = esco_bundle() else {
        return;
    };
    let data = shared_data().unwrap();
    let skills = skills_of(&data, MIDWIFE);
    assert!(
        skills.len() > 10,
        "midwife has its skills in the relations file"
    );
    let bundle = bundle.to_str().unwrap();
    let json = run(
        &["match", "--esco", bundle, "--json", "--limit", "1", "-"],
        Some(&profile("p-midwife", &skills)),
    );
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let best = &value["matches"][0];
    assert_eq!(best["occupation"]["code"], MIDWIFE);
    assert_eq!(
        best["regulated_profession"],
        serde_json::json!({"regulated": true, "note": "http://data.europa.eu/esco/regulated-professions/regulated"})
    );
    let table = run(
        &["match", "--esco", bundle, "--limit", "1", "-"],
        Some(&profile("p-midwife", &skills)),
    );
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(table.contains("midwife"), "{table}");
    assert!(table.contains("regulated profession (ESCO)"), "{table}");

    let lookup = run(
        &[
            "search",
            "--bundle",
            bundle,
            "--json",
            "--lookup",
            &format!("esco:{MIDWIFE}"),
        ],
        None,
    );
    assert_eq!(lookup.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&lookup.stdout).unwrap();
    assert_eq!(value["title"], "midwife");
    assert_eq!(value["regulated_profession"]["regulated"], true);
    let text = run(
        &[
            "framework",
            "lookup",
            "--bundle",
            bundle,
            &format!("esco:{MIDWIFE}"),
        ],
        None,
    );
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("regulated: true"), "{text}");
}

/// A gap analysis on a qualification linked to a regulated ESCO occupation names it with its
/// note, in the table and in the JSON.
#[test]
fn gap_names_the_regulated_esco_occupation_of_the_target() {
    let Some((esco, _)) = esco_bundle() else {
        return;
    };
    let framework: attesta::framework::Framework = serde_json::from_value(serde_json::json!({
        "schema_version": "1.0", "id": "test_ostetricia", "title": "Test", "version": "1",
        "publisher": "Test", "source": "Test",
        "qualifications": [{"code": "1", "title": "Ostetrica/o (test)", "units": ["10"]}],
        "units": [{"code": "10", "title": "Assistenza al parto"}],
        "links": [{"from": {"scheme": "test_ostetricia.qualification", "code": "1"},
                   "to": {"scheme": "esco", "code": MIDWIFE}, "relation": "close"}]
    }))
    .unwrap();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("match-cli");
    let bundle = dir.join("ostetricia.attb");
    std::fs::write(
        &bundle,
        attesta::bundle::Bundle::Framework(framework)
            .to_bytes()
            .unwrap(),
    )
    .unwrap();
    let record = dir.join("record-empty.json");
    std::fs::write(
        &record,
        r#"{"schema_version": "1.0", "id": "r", "person": {"id": "p"}}"#,
    )
    .unwrap();
    let args = |json: bool| {
        let mut a = vec![
            "gap".to_owned(),
            record.to_str().unwrap().to_owned(),
            "--target".to_owned(),
            "test_ostetricia.qualification:1".to_owned(),
            "--bundle".to_owned(),
            bundle.to_str().unwrap().to_owned(),
            "--bundle".to_owned(),
            esco.to_str().unwrap().to_owned(),
        ];
        if json {
            a.push("--json".to_owned());
        }
        a
    };
    let table = run(
        &args(false).iter().map(String::as_str).collect::<Vec<_>>(),
        None,
    );
    let text = String::from_utf8_lossy(&table.stdout);
    assert_eq!(table.status.code(), Some(1), "UC 10 is missing: {text}");
    assert!(
        text.contains("ESCO occupation: midwife — regulated profession (ESCO)"),
        "{text}"
    );
    let json = run(
        &args(true).iter().map(String::as_str).collect::<Vec<_>>(),
        None,
    );
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["esco_occupations"][0]["occupation"]["code"], MIDWIFE);
    assert_eq!(
        value["esco_occupations"][0]["regulated_profession"]["regulated"],
        true
    );
}

/// `--cefr-min-level` takes a CEFR level (any case); anything else is a usage error (exit 2).
/// A record whose only skills are its languages is accepted and scored. (That the languages
/// become ESCO skills of the profile, and count, is tested in `cefr_crosswalk.rs`: ESCO
/// v1.1.1 relates no occupation to a specific language skill, so scores here cannot show it.)
#[test]
fn a_record_contributes_its_languages() {
    let Some((bundle, _)) = esco_bundle() else {
        return;
    };
    let record = serde_json::json!({
        "schema_version": "1.0", "id": "rec-lang",
        "person": {"id": "p-1", "mother_tongues": ["ar"],
                   "languages": [{"language": "it", "listening": "B1", "writing": "A1"}]}
    })
    .to_string();
    let bundle = bundle.to_str().unwrap();
    let bad = run(
        &["match", "--esco", bundle, "--cefr-min-level", "Z9", "-"],
        Some(&record),
    );
    assert_eq!(bad.status.code(), Some(2));
    for level in ["a2", "C2"] {
        let out = run(
            &[
                "match",
                "--esco",
                bundle,
                "--json",
                "--cefr-min-level",
                level,
                "-",
            ],
            Some(&record),
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_ne!(out.status.code(), Some(2), "{stderr}");
        let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(value["id"], "rec-lang");
        assert!(value.get("unknown_skills").is_none(), "{value}");
    }
}
