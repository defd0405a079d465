//! Tests of the `attesta` command-line program: the real binary on real files.
//!
//! They pin what scripts rely on (exit codes 0/1/2, the JSON and JSON Lines shapes, standard
//! input, many files per call, plain output when piped) and snapshot the readable and JSON
//! output. The shell examples in README.md's "Command line" section are run here too.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

mod real_data;

const BIN: &str = env!("CARGO_BIN_EXE_attesta");
const WORKSPACE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

const VALID: &str = r#"{"schema_version": "1.0", "id": "rec-1", "person": {"id": "p-1"}}"#;

/// Three errors and one info, among them an issue date in 2031 (future only with a
/// reference date before it).
const WITH_FINDINGS: &str = r#"{
  "schema_version": "1.0",
  "id": "rec-2",
  "person": {"id": "p-2", "mother_tongues": ["ar"]},
  "experiences": [{
    "id": "exp-1", "context": "informale", "kind": "work",
    "period": {"start": "2019-03", "end": "2018"}, "country": "MA", "role": "Carrellista"
  }],
  "evidence": [{"id": "ev-1", "kind": "payslip", "issue_date": "2031", "experiences": ["exp-9"]}],
  "claims": [{
    "id": "cl-1", "self_assessment": "no", "experiences": ["exp-1"],
    "target": {"scheme": "rrfp_toscana.unit", "code": "1954"}
  }]
}"#;

/// Valid, but with a warning (evidence linked to nothing).
const ONLY_WARNING: &str = r#"{"schema_version": "1.0", "id": "rec-3", "person": {"id": "p-3"},
  "evidence": [{"id": "ev-1", "kind": "other"}]}"#;

/// The first three lines of a record: a file cut off mid-way.
const TRUNCATED: &str = "{\n  \"schema_version\": \"1.0\",\n  \"id\": \"rec-1\",\n";

/// A temporary folder, removed on drop; the binary runs inside it so paths stay relative.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("attesta-cli-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    fn file(&self, name: &str, text: &str) -> &Self {
        std::fs::write(self.0.join(name), text).expect("write temp file");
        self
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    use std::io::Write;
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("ATTESTA_BUNDLES")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start attesta");
    let mut pipe = child.stdin.take().expect("stdin");
    pipe.write_all(stdin.unwrap_or_default().as_bytes())
        .expect("write stdin");
    drop(pipe);
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().expect("run attesta");
    Run {
        code: status.code().expect("exit code"),
        stdout: String::from_utf8(stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(stderr).expect("utf-8 stderr"),
    }
}

fn run(dir: &TempDir, args: &[&str]) -> Run {
    run_in(&dir.0, args, None)
}

fn fixture() -> TempDir {
    let dir = TempDir::new();
    dir.file("valid.json", VALID)
        .file("findings.json", WITH_FINDINGS)
        .file("warning.json", ONLY_WARNING)
        .file("truncated.json", TRUNCATED);
    dir
}

#[test]
fn exit_code_is_0_when_all_valid_1_when_some_invalid_2_when_some_not_evaluated() {
    let dir = fixture();
    let date = ["--reference-date", "2025-06-30"];
    let code = |files: &[&str]| {
        let args: Vec<&str> = ["validate"]
            .iter()
            .chain(&date)
            .chain(files)
            .copied()
            .collect();
        run(&dir, &args).code
    };
    assert_eq!(code(&["valid.json"]), 0);
    assert_eq!(code(&["valid.json", "warning.json"]), 0);
    assert_eq!(code(&["valid.json", "findings.json"]), 1);
    assert_eq!(code(&["truncated.json"]), 2);
    // 2 wins over 1, whatever the order.
    assert_eq!(code(&["findings.json", "missing.json"]), 2);
    assert_eq!(code(&["missing.json", "findings.json", "valid.json"]), 2);
}

#[test]
fn missing_file_names_path_and_reason_on_stderr_and_goes_on() {
    let dir = fixture();
    let out = run(&dir, &["validate", "missing.json", "valid.json"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("missing.json"), "{}", out.stderr);
    assert!(
        out.stderr.to_lowercase().contains("no such file"),
        "{}",
        out.stderr
    );
    // The next file is still validated.
    assert!(out.stdout.contains("valid.json: valid"), "{}", out.stdout);
    assert!(out
        .stdout
        .contains("2 files: 1 valid, 0 invalid, 1 not evaluated"));
}

#[test]
fn truncated_file_reports_line_and_column() {
    let dir = fixture();
    let human = run(&dir, &["validate", "truncated.json"]);
    assert_eq!(human.code, 2);
    assert!(
        human
            .stderr
            .contains("truncated.json: malformed JSON at line 4, column 1"),
        "{}",
        human.stderr
    );
    let json = run(&dir, &["validate", "--format", "json", "truncated.json"]);
    let entries: Value = serde_json::from_str(&json.stdout).expect("JSON output");
    let error = &entries[0]["error"];
    assert_eq!(error["kind"], "malformed_json");
    assert_eq!(
        (error["line"].as_u64(), error["column"].as_u64()),
        (Some(4), Some(1))
    );
    assert!(entries[0].get("report").is_none());
}

#[test]
fn json_format_is_one_array_of_file_and_report_or_error() {
    let dir = fixture();
    let out = run(
        &dir,
        &[
            "validate",
            "--format",
            "json",
            "valid.json",
            "findings.json",
            "missing.json",
        ],
    );
    assert_eq!(out.code, 2);
    let entries: Value = serde_json::from_str(&out.stdout).expect("one JSON document");
    let entries = entries.as_array().expect("an array");
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[0]["file"], "valid.json");
    assert_eq!(entries[0]["report"]["valid"], true);
    assert_eq!(entries[1]["report"]["valid"], false);
    // The report is exactly the library's serialized Report.
    let report: attesta::Report =
        serde_json::from_value(entries[1]["report"].clone()).expect("a Report");
    assert!(report
        .findings
        .iter()
        .any(|f| f.code.as_str() == "experience.end_before_start"));
    assert_eq!(entries[2]["file"], "missing.json");
    assert_eq!(entries[2]["error"]["kind"], "io");
    // No file evaluated still gives a JSON array, with the reason as data.
    let none = run(&dir, &["validate", "--format", "json", "missing.json"]);
    let entries: Value = serde_json::from_str(&none.stdout).expect("one JSON document");
    let entry = entries
        .as_array()
        .and_then(|a| a.first())
        .expect("one entry");
    let keys: Vec<&String> = entry.as_object().expect("an object").keys().collect();
    assert_eq!(keys, ["error", "file"]);
    assert_eq!(entry["error"]["kind"], "io");
    assert!(entry["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("missing.json")));
}

#[test]
fn jsonl_format_is_one_object_per_line() {
    let dir = fixture();
    let out = run(
        &dir,
        &[
            "validate",
            "--format",
            "jsonl",
            "valid.json",
            "findings.json",
            "truncated.json",
        ],
    );
    assert_eq!(out.code, 2);
    let lines: Vec<Value> = out
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    let files: Vec<&str> = lines.iter().filter_map(|l| l["file"].as_str()).collect();
    assert_eq!(files, ["valid.json", "findings.json", "truncated.json"]);
    assert!(lines[0].get("report").is_some() && lines[2].get("error").is_some());
}

#[test]
fn dash_reads_a_record_from_stdin() {
    let dir = TempDir::new();
    let out = run_in(
        &dir.0,
        &["validate", "--format", "jsonl", "-"],
        Some(WITH_FINDINGS),
    );
    assert_eq!(out.code, 1);
    let entry: Value = serde_json::from_str(out.stdout.trim()).expect("JSON line");
    assert_eq!(entry["file"], "<stdin>");
    assert_eq!(entry["report"]["valid"], false);
    let valid = run_in(&dir.0, &["validate", "-"], Some(VALID));
    assert_eq!((valid.code, valid.stdout.as_str()), (0, "<stdin>: valid\n"));
}

#[test]
fn piped_output_has_no_colour_codes() {
    let dir = fixture();
    let out = run(&dir, &["validate", "findings.json", "valid.json"]);
    assert_eq!(out.code, 1);
    assert!(!out.stdout.contains('\u{1b}') && !out.stderr.contains('\u{1b}'));
}

#[test]
fn strict_makes_warnings_invalid() {
    let dir = fixture();
    assert_eq!(run(&dir, &["validate", "warning.json"]).code, 0);
    let strict = run(&dir, &["validate", "--strict", "warning.json"]);
    assert_eq!(strict.code, 1);
    assert!(strict
        .stdout
        .starts_with("warning.json: invalid (0 errors, 1 warning)"));
}

#[test]
fn reference_date_drives_future_checks_and_none_disables_them() {
    let dir = fixture();
    let future = |args: &[&str]| {
        let mut all = vec!["validate", "--format", "json"];
        all.extend_from_slice(args);
        all.push("findings.json");
        run(&dir, &all).stdout.contains("evidence.future_date")
    };
    assert!(future(&["--reference-date", "2025-06-30"]));
    assert!(!future(&["--reference-date", "2032-01-01"]));
    assert!(!future(&["--reference-date", "none"]));
    let bad = run(
        &dir,
        &["validate", "--reference-date", "30/06/2025", "valid.json"],
    );
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("reference_date must be YYYY-MM-DD"),
        "{}",
        bad.stderr
    );
}

#[test]
fn default_reference_date_is_today() {
    // 2031 is in the future for any machine running this before 2031; the point is that the
    // check runs without --reference-date.
    let dir = fixture();
    let out = run(&dir, &["validate", "--format", "json", "findings.json"]);
    assert!(
        out.stdout.contains("evidence.future_date"),
        "{}",
        out.stdout
    );
}

#[test]
fn size_and_depth_limits_make_a_file_not_evaluated() {
    let dir = fixture();
    dir.file(
        "deep.json",
        &format!("{{\"a\":{}1{}}}", "[".repeat(20), "]".repeat(20)),
    );
    let big = run(&dir, &["validate", "--max-size", "10", "valid.json"]);
    assert_eq!(big.code, 2);
    assert!(
        big.stderr.contains("over the limit of 10 bytes"),
        "{}",
        big.stderr
    );
    let piped = run_in(&dir.0, &["validate", "--max-size", "10", "-"], Some(VALID));
    let size = VALID.len();
    assert!(
        piped.stderr.contains(&format!("input is {size} bytes")),
        "{}",
        piped.stderr
    );
    let deep = run(&dir, &["validate", "--max-depth", "8", "deep.json"]);
    assert_eq!(deep.code, 2);
    assert!(
        deep.stderr.contains("deeper than the limit of 8"),
        "{}",
        deep.stderr
    );
    assert_eq!(
        run(&dir, &["validate", "--max-depth", "0", "valid.json"]).code,
        2
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = fixture();
    assert_eq!(run(&dir, &["validate"]).code, 2);
    assert_eq!(
        run(&dir, &["validate", "--format", "xml", "valid.json"]).code,
        2
    );
    assert_eq!(run(&dir, &["frobnicate"]).code, 2);
}

#[test]
fn schema_prints_the_committed_form_and_lists_names() {
    let dir = TempDir::new();
    let list = run(&dir, &["schema", "--list"]);
    assert_eq!(list.code, 0);
    assert_eq!(
        list.stdout.lines().collect::<Vec<_>>(),
        attesta::schema::NAMES
    );
    for name in attesta::schema::NAMES {
        let out = run(&dir, &["schema", name]);
        assert_eq!(out.code, 0);
        assert_eq!(
            Some(out.stdout),
            attesta::schema::schema_text(name),
            "{name}"
        );
    }
    let unknown = run(&dir, &["schema", "no-such-schema"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("competence-record"),
        "{}",
        unknown.stderr
    );
    assert_eq!(run(&dir, &["schema"]).code, 2);
}

#[test]
fn version_flag_prints_the_library_version() {
    let dir = TempDir::new();
    let out = run(&dir, &["--version"]);
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout.trim(), format!("attesta {}", attesta::VERSION));
}

#[test]
fn human_output_snapshot() {
    let dir = fixture();
    let out = run(
        &dir,
        &[
            "validate",
            "--reference-date",
            "2025-06-30",
            "findings.json",
            "valid.json",
            "truncated.json",
        ],
    );
    assert_eq!(out.code, 2);
    insta::assert_snapshot!(
        "human",
        format!("{}\n--- stderr ---\n{}", out.stdout, out.stderr)
    );
}

#[test]
fn json_output_snapshot() {
    let dir = fixture();
    let out = run(
        &dir,
        &[
            "validate",
            "--format",
            "json",
            "--reference-date",
            "2025-06-30",
            "findings.json",
            "truncated.json",
        ],
    );
    let value: Value = serde_json::from_str(&out.stdout).expect("JSON output");
    insta::assert_json_snapshot!("json", value);
}

/// Runs every `attesta …` line of the `sh` code blocks in README.md's "Command line" section from
/// the workspace root, and checks the exit code written after it as `# exit N`.
#[test]
fn readme_cli_examples_run_with_the_stated_exit_codes() {
    let examples = run_readme_section("Command line");
    assert!(examples >= 4, "found only {examples} README examples");
}

/// The same for "Working on the real repertoire", which imports the real Tuscan export into
/// `target/readme-repertoire/` (skipped without the shared data, a failure under `CI=true`).
#[test]
fn readme_real_repertoire_examples_run_with_the_stated_exit_codes() {
    if real_data::folder("toscana-rrfp").is_none() {
        return;
    }
    let out = Path::new(WORKSPACE).join("target/readme-repertoire");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).expect("target/readme-repertoire");
    let examples = run_readme_section("Working on the real repertoire");
    assert!(examples >= 4, "found only {examples} README examples");
}

/// The same for "The IVC procedure": a case stopped after the Documento di trasparenza, then
/// referred (the Documento di validazione is refused, the DT is issued and passes the check);
/// then the demo case (what `data/demo/run-case.sh target/readme-procedure` does), which the
/// README's last lines continue in a new case.
#[test]
fn readme_procedure_examples_run_with_the_stated_exit_codes() {
    build_demo_case("target/readme-procedure");
    let examples = run_readme_section("The IVC procedure");
    assert!(examples >= 12, "found only {examples} README examples");
}

/// The same for "Privacy and monitoring", over the demo case built in `target/readme-privacy`.
#[test]
fn readme_privacy_examples_run_with_the_stated_exit_codes() {
    build_demo_case("target/readme-privacy");
    let examples = run_readme_section("Privacy and monitoring");
    assert!(examples >= 3, "found only {examples} README examples");
}

/// Runs the demo's steps (what `data/demo/run-case.sh DIR` does) into `DIR/case-2025-0147.jsonl`,
/// in a fresh `dir` under the workspace.
fn build_demo_case(dir: &str) {
    let out = Path::new(WORKSPACE).join(dir);
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).expect("README example folder");
    let steps = std::fs::read_to_string(Path::new(WORKSPACE).join("data/demo/steps.tsv"))
        .expect("steps.tsv");
    let case = format!("{dir}/case-2025-0147.jsonl");
    let lines = steps
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty());
    for (n, line) in lines.enumerate() {
        let fields: Vec<&str> = line.split('\t').collect();
        let file = format!("data/demo/{}", fields[0]);
        let verb = if n == 0 { "new" } else { "act" };
        let args = [
            "case", verb, &case, &file, "--actor", fields[1], "--at", fields[2],
        ];
        let run = run_in(Path::new(WORKSPACE), &args, None);
        assert_eq!(run.code, 0, "{line}: {}", run.stderr);
    }
}

/// Runs the `attesta …` lines of the `sh` blocks of the README section `title`; returns how many.
fn run_readme_section(title: &str) -> usize {
    let readme = std::fs::read_to_string(Path::new(WORKSPACE).join("README.md")).expect("README");
    let section = readme
        .split("\n## ")
        .find(|s| s.starts_with(title))
        .unwrap_or_else(|| panic!("README has a '{title}' section"));
    let mut in_sh = false;
    let mut examples = 0;
    for line in section.lines() {
        if line.starts_with("```") {
            in_sh = line == "```sh";
            continue;
        }
        let Some(command) = line.strip_prefix("attesta ").filter(|_| in_sh) else {
            continue;
        };
        let Some((command, expected)) = command.split_once("# exit ") else {
            panic!("README example without '# exit N': {line}");
        };
        let expected: i32 = expected.trim().parse().expect("exit code");
        let (command, stdin) = match command.split_once(" < ") {
            Some((c, file)) => {
                let text = std::fs::read_to_string(Path::new(WORKSPACE).join(file.trim()))
                    .expect("stdin file of a README example");
                (c, Some(text))
            }
            None => (command, None),
        };
        let args: Vec<&str> = command.split_whitespace().collect();
        let out = run_in(Path::new(WORKSPACE), &args, stdin.as_deref());
        assert_eq!(out.code, expected, "README example: {line}\n{}", out.stderr);
        examples += 1;
    }
    examples
}
