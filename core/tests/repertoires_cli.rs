//! Every command on real repertoires: a full case on an imported RRFP figure that is not in
//! the built-in sample (with an overlay supplying its ADA codes and EQF level) through to a
//! Documento di validazione that passes `attesta document check`; a case on a Calabrian
//! profile; `gap` and `search` over the full Tuscan import; and the shared `--bundle` rules.
#![cfg(feature = "cli")]

mod real_data;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};

fn attesta(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_attesta"))
        .args(args)
        .env_remove("ATTESTA_BUNDLES")
        .output()
        .expect("runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("attesta-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// Imports a folder of the shared data into `dir/<out>`; `None` (skipped) without the data.
fn import(kind: &str, folder: &str, dir: &Path, out: &str) -> Option<PathBuf> {
    let source = real_data::folder(folder)?;
    let bundle = dir.join(out);
    // `--lenient`: the published files have known defects, reported and skipped.
    let run = attesta(&[
        "framework",
        "import",
        "--kind",
        kind,
        path(&source),
        "--out",
        path(&bundle),
        "--lenient",
    ]);
    assert!(
        matches!(run.status.code(), Some(0 | 1)) && bundle.is_file(),
        "{}",
        text(&run.stderr)
    );
    Some(bundle)
}

/// The demo case's opening, for another target and titolare.
fn open_case(case_id: &str, target: (&str, &str), titolare: (&str, &str)) -> Value {
    let mut open: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../data/demo/case-450/00-open-case.json"
        ))
        .expect("demo open"),
    )
    .expect("JSON");
    let p = &mut open["payload"];
    p["case_id"] = json!(case_id);
    p["target"] = json!({"scheme": target.0, "code": target.1});
    p["ente"]["titolare"] = json!({"name": titolare.0, "repertoires": [titolare.1]});
    open
}

/// Runs `steps` (`(action, actor)`, one day apart) on a new case file with `extra` options.
fn run_case(dir: &Path, steps: &[(Value, &str)], extra: &[&str]) -> PathBuf {
    let case = dir.join("case.jsonl");
    for (i, (action, actor)) in steps.iter().enumerate() {
        let file = dir.join(format!("step-{i:02}.json"));
        std::fs::write(&file, action.to_string()).expect("step file");
        let at = format!("2025-10-{:02}T09:00:00Z", i + 1);
        let verb = if i == 0 { "new" } else { "act" };
        let mut args = vec![
            "case",
            verb,
            path(&case),
            path(&file),
            "--actor",
            actor,
            "--at",
            &at,
        ];
        args.extend_from_slice(extra);
        let out = attesta(&args);
        assert!(
            out.status.success(),
            "step {i} ({}): {}",
            action["kind"],
            text(&out.stderr)
        );
    }
    case
}

/// The codes of a unit's capacità and conoscenze, as `search --lookup` shows them.
fn unit_items(unit: &str, extra: &[&str]) -> (Vec<String>, Vec<String>) {
    let mut args = vec!["search", "--lookup", unit, "--json"];
    args.extend_from_slice(extra);
    let out = attesta(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let detail: Value = serde_json::from_slice(&out.stdout).expect("lookup JSON");
    let codes = |key: &str| -> Vec<String> {
        detail[key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|i| i["code"].as_str().map(str::to_owned))
            .collect()
    };
    (codes("capacita"), codes("conoscenze"))
}

fn passed(items: &[String]) -> Value {
    json!(items
        .iter()
        .map(|i| json!({"item": i, "outcome": "passed"}))
        .collect::<Vec<_>>())
}

#[test]
fn a_full_case_on_an_imported_rrfp_figure_with_an_overlay_passes_the_document_check() {
    let dir = temp_dir("rrfp-case");
    let Some(bundle) = import("rrfp-toscana", "toscana-rrfp", &dir, "rrfp.attb") else {
        return;
    };
    // Figure 524 is not in the built-in sample: the sample alone refuses the case.
    let open = open_case(
        "case-524",
        ("rrfp_toscana.qualification", "524"),
        ("Regione Toscana", "rrfp_toscana"),
    );
    let open_file = dir.join("open.json");
    std::fs::write(&open_file, open.to_string()).expect("write");
    let refused = attesta(&[
        "case",
        "new",
        path(&dir.join("sample-only.jsonl")),
        path(&open_file),
        "--actor",
        "op-eitc-01",
        "--at",
        "2025-10-01T09:00:00Z",
    ]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused.stderr));

    // The titolare's overlay: EQF level, description and ADA codes (illustrative values).
    let overlay = dir.join("overlay.json");
    std::fs::write(
        &overlay,
        json!({
            "schema_version": "1.0", "id": "test_integrazione", "extends": "rrfp_toscana",
            "source": "Test overlay: illustrative values, not an official act",
            "version": "2025-10",
            "qualifications": [{"code": "524", "eqf_level": 3,
                "description": "Costruisce manufatti in legno per la scena (test)."}],
            "units": [{"code": "2241", "atlante_ada": ["ADA.19.01.01"]}]
        })
        .to_string(),
    )
    .expect("write");
    let bundles = ["--bundle", path(&bundle), "--bundle", path(&overlay)];
    let (capacita, conoscenze) = unit_items("rrfp_toscana.unit:2241", &bundles);
    assert!(
        !capacita.is_empty() && !conoscenze.is_empty(),
        "UC 2241 has items"
    );
    let steps = figure_524_steps(open, &capacita, &conoscenze);
    let case = run_case(&dir, &steps, &bundles);

    // The case recorded what it was opened with; without the overlay it is refused.
    let show = attesta(&["case", "show", path(&case), "--bundle", path(&bundle)]);
    assert_eq!(show.status.code(), Some(2));
    assert!(
        text(&show.stderr).contains("--allow-framework-change"),
        "{}",
        text(&show.stderr)
    );
    let mut show_args = vec!["case", "show", path(&case)];
    show_args.extend_from_slice(&bundles);
    let show = attesta(&show_args);
    assert!(show.status.success(), "{}", text(&show.stderr));
    assert!(text(&show.stdout).contains("runs on rrfp_toscana version"));

    issue_and_check(&dir, &case, &bundles);
}

/// The steps of a case on figure 524 that validates UC 2241 (`capacita`, `conoscenze`: its
/// items, by a prova prestazionale and a colloquio tecnico).
fn figure_524_steps(
    open: Value,
    capacita: &[String],
    conoscenze: &[String],
) -> Vec<(Value, &'static str)> {
    vec![
        (open, "op-eitc-01"),
        (json!({"kind": "sign_domanda", "payload": {}}), "p-7f3a9c21"),
        (
            json!({"kind": "sign_adesione", "payload": {}}),
            "op-eitc-01",
        ),
        (
            json!({"kind": "add_experience", "payload": {"id": "exp-1", "context": "informale",
            "kind": "work", "period": {"start": "2015-01", "end": "2022-06"}, "country": "IT",
            "role": "Falegname di scena"}}),
            "op-eitc-01",
        ),
        (
            json!({"kind": "add_claim", "payload": {"id": "cl-1", "self_assessment": "yes",
            "target": {"scheme": "rrfp_toscana.unit", "code": "2241"},
            "experiences": ["exp-1"]}}),
            "op-eitc-01",
        ),
        (
            json!({"kind": "close_identificazione", "payload": {"proceed_to_valutazione": true}}),
            "op-eitc-01",
        ),
        (
            json!({"kind": "plan_assessment", "payload": {
            "assessors": ["op-evac-07", "op-esperto-03"],
            "methods": {"2241": ["colloquio_tecnico", "prova_prestazionale"]}}}),
            "op-evac-07",
        ),
        (
            json!({"kind": "record_assessment", "payload": {"method": "colloquio_tecnico",
            "results": passed(conoscenze)}}),
            "op-evac-07",
        ),
        (
            json!({"kind": "record_assessment", "payload": {"method": "prova_prestazionale",
            "results": passed(capacita)}}),
            "op-esperto-03",
        ),
        (
            json!({"kind": "decide_units", "payload": {"decisions": [
            {"unit": "2241", "outcome": "validated"}]}}),
            "op-evac-07",
        ),
        (
            json!({"kind": "close_valutazione", "payload": {}}),
            "op-evac-07",
        ),
        (
            json!({"kind": "issue_validazione", "payload": {"place": "Firenze",
            "signatory": {"name": "Firmatario di prova", "role": "Responsabile del servizio"},
            "participants": ["op-evac-07"]}}),
            "op-resp-01",
        ),
    ]
}

/// Issues the documents of the case on figure 524 and checks the Documento di validazione:
/// the overlay's values with their source, the version cited, `document check` passing.
fn issue_and_check(dir: &Path, case: &Path, bundles: &[&str]) {
    let out = dir.join("documents");
    let mut issue = vec!["case", "issue", path(case), "--out", path(&out)];
    issue.extend_from_slice(bundles);
    let issued = attesta(&issue);
    assert!(issued.status.success(), "{}", text(&issued.stderr));
    let validazione = out.join("documento_validazione-case-524-DV.json");
    let document: Value =
        serde_json::from_str(&std::fs::read_to_string(&validazione).expect("issued"))
            .expect("JSON");
    let competence = &document["competences"][0];
    assert_eq!(competence["atlante_ada"], json!(["ADA.19.01.01"]));
    assert_eq!(competence["qualifications"][0]["eqf_level"], json!(3));
    let version = competence["repertoire"]["version"]
        .as_str()
        .expect("a version");
    assert!(
        version.ends_with("+ test_integrazione 2025-10"),
        "{version}"
    );
    let sources = competence["sources"].as_array().expect("sources");
    assert!(sources
        .iter()
        .any(|s| s["field"] == "atlante_ada"
            && s["basis"] == "integrazione test_integrazione 2025-10"));
    assert!(sources
        .iter()
        .any(|s| s["field"] == "eqf_level" && s["value"] == "3"));

    let mut check = vec!["document", "check", "--format", "json", path(&validazione)];
    check.extend_from_slice(bundles);
    let checked = attesta(&check);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stdout));
    // Without the overlay, the ADA code is one no loaded framework knows: a warning.
    let checked = attesta(&["document", "check", "--format", "json", path(&validazione)]);
    let report: Value = serde_json::from_slice(&checked.stdout).expect("JSON");
    let codes: Vec<&str> = report[0]["report"]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(codes.contains(&"document.unknown_ada_code"), "{codes:?}");
}

/// The Calabrian titolare's own procedure rules (a test profile with the earlier defaults):
/// the built-in profile is Tuscany's, and a case takes the rules of its titolare.
fn calabrian_profile(dir: &Path) -> PathBuf {
    let profile = dir.join("profile-calabria.json");
    let rules = json!({"id": "regione_calabria_test", "version": "test",
        "titolare": "Regione Calabria", "procedure": {}});
    std::fs::write(&profile, rules.to_string()).expect("write");
    profile
}

#[test]
fn a_case_on_a_calabrian_profile_runs_under_a_titolare_of_that_repertoire() {
    let dir = temp_dir("calabria-case");
    let Some(bundle) = import(
        "calabria",
        "calabria-repertorio-qualificazioni",
        &dir,
        "cal.attb",
    ) else {
        return;
    };
    let lookup = attesta(&[
        "search",
        "--lookup",
        "rq_calabria.qualification:1022",
        "--json",
        "--bundle",
        path(&bundle),
    ]);
    assert!(lookup.status.success(), "{}", text(&lookup.stderr));
    let profile: Value = serde_json::from_slice(&lookup.stdout).expect("JSON");
    let unit = profile["units"][0]["unit"]["code"]
        .as_str()
        .expect("a unit")
        .to_owned();
    let target = ("rq_calabria.qualification", "1022");

    // A Tuscan titolare may not attest a Calabrian profile.
    let tuscan = open_case("case-cal-1", target, ("Regione Toscana", "rrfp_toscana"));
    let file = dir.join("tuscan.json");
    std::fs::write(&file, tuscan.to_string()).expect("write");
    let refused = attesta(&[
        "case",
        "new",
        path(&dir.join("t.jsonl")),
        path(&file),
        "--actor",
        "op-eitc-01",
        "--at",
        "2025-10-01T09:00:00Z",
        "--bundle",
        path(&bundle),
    ]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused.stderr).contains("attestation.outside_repertoire"));

    let steps = [
        (
            open_case("case-cal-2", target, ("Regione Calabria", "rq_calabria")),
            "op-eitc-01",
        ),
        (json!({"kind": "sign_domanda", "payload": {}}), "p-7f3a9c21"),
        (
            json!({"kind": "sign_adesione", "payload": {}}),
            "op-eitc-01",
        ),
        (
            json!({"kind": "add_experience", "payload": {"id": "exp-1", "context": "informale",
            "kind": "work", "period": {"start": "2018-04", "end": "2023-09"}, "country": "IT",
            "role": "Apicoltore"}}),
            "op-eitc-01",
        ),
        (
            json!({"kind": "add_claim", "payload": {"id": "cl-1", "self_assessment": "yes",
            "target": {"scheme": "rq_calabria.unit", "code": unit},
            "experiences": ["exp-1"]}}),
            "op-eitc-01",
        ),
        (
            json!({"kind": "close_identificazione", "payload": {"proceed_to_valutazione": false}}),
            "op-eitc-01",
        ),
    ];
    let profile = calabrian_profile(&dir);
    let with_profile = ["--bundle", path(&bundle), "--bundle", path(&profile)];
    let case = run_case(&dir, &steps, &with_profile);
    let out = dir.join("documents");
    let issued = attesta(&[
        "case",
        "issue",
        path(&case),
        "--out",
        path(&out),
        "--bundle",
        path(&bundle),
    ]);
    assert!(issued.status.success(), "{}", text(&issued.stderr));
    let trasparenza = out.join("documento_trasparenza-case-cal-2-DT.json");
    let document: Value =
        serde_json::from_str(&std::fs::read_to_string(&trasparenza).expect("issued"))
            .expect("JSON");
    assert_eq!(
        document["competences"][0]["repertoire"]["id"],
        json!("rq_calabria")
    );
    let checked = attesta(&[
        "document",
        "check",
        path(&trasparenza),
        "--bundle",
        path(&bundle),
    ]);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stdout));
}

#[test]
fn gap_and_search_work_over_the_full_tuscan_import() {
    let dir = temp_dir("rrfp-gap");
    let Some(bundle) = import("rrfp-toscana", "toscana-rrfp", &dir, "rrfp.attb") else {
        return;
    };
    let record = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../data/examples/record-valid.json"
    );
    let gap = attesta(&[
        "gap",
        record,
        "--target",
        "rrfp_toscana.qualification:524",
        "--bundle",
        path(&bundle),
    ]);
    assert_eq!(gap.status.code(), Some(1), "{}", text(&gap.stderr));
    assert!(
        text(&gap.stdout).contains("UC 2241"),
        "{}",
        text(&gap.stdout)
    );
    assert!(!text(&gap.stderr).contains("loaded twice"));
    assert!(text(&gap.stderr).contains("replaces the built-in sample"));
    let search = attesta(&["search", "manufatti lignei", "--bundle", path(&bundle)]);
    assert_eq!(search.status.code(), Some(0), "{}", text(&search.stderr));
    assert!(text(&search.stdout).contains("rrfp_toscana"));
    // The environment variable gives the same default set.
    let env = Command::new(env!("CARGO_BIN_EXE_attesta"))
        .args(["search", "--lookup", "rrfp_toscana.qualification:524"])
        .env("ATTESTA_BUNDLES", path(&bundle))
        .output()
        .expect("runs");
    assert!(env.status.success(), "{}", text(&env.stderr));
}

#[test]
fn two_bundles_of_one_framework_are_refused_naming_both_files() {
    let dir = temp_dir("duplicate");
    let sample = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../data/frameworks/rrfp_toscana.attb"
    );
    let copy = dir.join("copy.attb");
    std::fs::copy(sample, &copy).expect("copy");
    for command in [
        vec!["search", "carrellista"],
        vec![
            "validate",
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../data/examples/record-valid.json"
            ),
        ],
    ] {
        let mut args = command.clone();
        args.extend_from_slice(&["--bundle", sample, "--bundle", path(&copy)]);
        let out = attesta(&args);
        assert_eq!(out.status.code(), Some(2), "{command:?}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains(sample) && stderr.contains(path(&copy)),
            "{stderr}"
        );
    }
    // One copy alone replaces the built-in sample, and says so.
    let out = attesta(&["search", "carrellista", "--bundle", path(&copy)]);
    assert!(out.status.success());
    assert!(text(&out.stderr).contains("replaces the built-in sample"));
}

#[test]
fn document_check_reads_italian_field_names_and_follows_the_exit_codes() {
    let dir = temp_dir("document-check");
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../data/examples/documento-validazione-campi-italiani.json"
    );
    let out = attesta(&["document", "check", "--format", "json", example]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let findings = report[0]["report"]["findings"]
        .as_array()
        .expect("findings");
    assert!(findings.iter().any(
        |f| f["code"] == "document.mapped_field" && f["path"] == "/person/personal/fiscal_code"
    ));
    // Personal data never reaches the findings.
    assert!(!text(&out.stdout).contains("SMPSMN90D12Z343X"));

    let lacking = dir.join("lacking.json");
    std::fs::write(
        &lacking,
        r#"{"versione_schema": "1.0", "tipo_documento": "documento_validazione",
            "id": "DV-1", "strength": "parte_seconda", "competenze": []}"#,
    )
    .expect("write");
    let not_json = dir.join("not.json");
    std::fs::write(&not_json, "{").expect("write");
    let out = attesta(&["document", "check", path(&lacking)]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("document.missing_person"));
    let out = attesta(&["document", "check", path(&lacking), path(&not_json)]);
    assert_eq!(out.status.code(), Some(2));
}
