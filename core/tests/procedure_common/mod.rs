//! Shared helpers of the procedure tests: the demo case of `data/demo/` and small builders.
#![allow(dead_code, unreachable_pub)]

use attesta::procedure::{Action, Case, Refusal};
use serde_json::{json, Value};

pub const DEMO_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/demo");

/// One scripted step: time, actor, action.
#[derive(Debug, Clone)]
pub struct Step {
    pub file: String,
    pub at: String,
    pub actor: String,
    pub action: Value,
}

/// The demo steps, in order, as `data/demo/steps.tsv` lists them.
pub fn demo_steps() -> Vec<Step> {
    let list = std::fs::read_to_string(format!("{DEMO_DIR}/steps.tsv")).expect("steps.tsv");
    list.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let parts: Vec<&str> = line.split('\t').collect();
            let text =
                std::fs::read_to_string(format!("{DEMO_DIR}/{}", parts[0])).expect("step file");
            Step {
                file: parts[0].to_owned(),
                actor: parts[1].to_owned(),
                at: parts[2].to_owned(),
                action: serde_json::from_str(&text).expect("step JSON"),
            }
        })
        .collect()
}

/// The demo steps up to (not including) the first whose file name contains `stop`.
pub fn demo_until(stop: &str) -> Vec<Step> {
    demo_steps()
        .into_iter()
        .take_while(|s| !s.file.contains(stop))
        .collect()
}

pub fn action(value: &Value) -> Action {
    serde_json::from_value(value.clone()).expect("action JSON")
}

/// The built-in sample plus a test overlay giving UCs 1948 and 1953 of figure 450 (which the
/// sample publishes without ADA codes) an ADA code, so a Documento di validazione listing them
/// passes the art. 6 check. Test data, not a regional act.
pub fn frameworks_with_test_ada() -> std::sync::Arc<attesta::framework::FrameworkSet> {
    let overlay = json!({
        "schema_version": "1.0", "id": "integrazione_di_prova", "extends": "rrfp_toscana",
        "source": "Test overlay of the Attesta test suite, not an act of Regione Toscana",
        "version": "test",
        "units": [
            {"code": "1948", "atlante_ada": ["ADA.11.01.20"]},
            {"code": "1953", "atlante_ada": ["ADA.11.01.20"]}
        ]
    });
    let built = attesta::framework::FrameworkSetBuilder::new()
        .json("test overlay", &overlay.to_string())
        .expect("overlay JSON")
        .build()
        .expect("frameworks");
    std::sync::Arc::clone(built.set())
}

/// The built-in frameworks with a titolare profile for Regione Toscana whose rules are
/// `procedure` (JSON; fields left out take the pre-profile defaults).
pub fn frameworks_with_rules(
    procedure: &Value,
) -> std::sync::Arc<attesta::framework::FrameworkSet> {
    let profile = json!({
        "id": "test_profile", "version": "1", "titolare": "Regione Toscana",
        "procedure": procedure,
    });
    attesta::framework::FrameworkSetBuilder::new()
        .json("test profile", &profile.to_string())
        .expect("profile JSON")
        .build()
        .expect("frameworks")
        .set()
        .clone()
}

/// Runs steps from scratch; panics on a refusal (the scripts are meant to be valid). A
/// `config` left in the `open_case` payload by [`with_open`] is not sent: it becomes the rules
/// of the titolare profile loaded with the built-in frameworks, where the rules come from.
pub fn run(steps: &[Step]) -> Case {
    run_with(attesta::builtin::frameworks(), false, steps)
}

/// [`run`] over the given frameworks (the steps may not carry a `config`).
pub fn run_on(
    frameworks: std::sync::Arc<attesta::framework::FrameworkSet>,
    steps: &[Step],
) -> Case {
    run_with(frameworks, true, steps)
}

fn run_with(
    frameworks: std::sync::Arc<attesta::framework::FrameworkSet>,
    custom: bool,
    steps: &[Step],
) -> Case {
    let (first, rest) = steps.split_first().expect("at least open_case");
    let mut open = first.action.clone();
    let rules = open["payload"]
        .as_object_mut()
        .and_then(|p| p.remove("config"));
    let frameworks = match (rules, custom) {
        (Some(rules), false) => frameworks_with_rules(&rules),
        (Some(_), true) => panic!("run_on takes no config: load a titolare profile instead"),
        (None, _) => frameworks,
    };
    let mut case = Case::open(frameworks, &first.at, &first.actor, &action(&open)).expect("open");
    for step in rest {
        if let Err(refusal) = case.act(&step.at, &step.actor, &action(&step.action)) {
            panic!("{} refused: {refusal}", step.file);
        }
    }
    case
}

/// The demo steps with the `open_case` payload changed by `edit`.
pub fn with_open(mut steps: Vec<Step>, edit: impl FnOnce(&mut Value)) -> Vec<Step> {
    edit(&mut steps[0].action["payload"]);
    steps
}

/// Applies one action given as JSON.
#[allow(clippy::needless_pass_by_value)] // tests pass `json!` literals
pub fn act(case: &mut Case, at: &str, actor: &str, value: Value) -> Result<(), Refusal> {
    case.act(at, actor, &action(&value)).map(|_| ())
}

#[allow(clippy::needless_pass_by_value)] // tests pass `json!` literals
pub fn kind(kind: &str, payload: Value) -> Value {
    json!({"kind": kind, "payload": payload})
}

/// Asserts a refusal with the given rule code, and that the log did not grow.
pub fn assert_rule(case: &mut Case, at: &str, actor: &str, value: Value, code: &str) {
    let before = case.events().len();
    let refusal = act(case, at, actor, value).expect_err("should be refused");
    assert_eq!(
        refusal.code().map(attesta::Code::as_str),
        Some(code),
        "wrong refusal: {refusal}"
    );
    assert_eq!(
        case.events().len(),
        before,
        "a refusal must not grow the log"
    );
}
