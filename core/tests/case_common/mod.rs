//! Shared helpers of the `attesta case` file tests: the built CLI, scratch folders, a case
//! started from the demo steps, and distinct actions to append.
#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "../procedure_common/mod.rs"]
pub mod procedure_common;

pub use procedure_common::{demo_steps, DEMO_DIR};

/// The `attesta` command, with no signing or trusted key from the environment.
pub fn command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_attesta"));
    cmd.env_remove("ATTESTA_SIGNING_KEY")
        .env_remove("ATTESTA_TRUSTED_KEY");
    cmd
}

/// Runs `attesta` with `args` to completion.
pub fn attesta(args: &[&str]) -> Output {
    command().args(args).output().expect("runs")
}

/// A fresh, empty scratch folder named after the test.
pub fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("attesta-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// The `case new|act` arguments of demo step `i`.
pub fn step_args(i: usize, case: &Path) -> Vec<String> {
    let step = &demo_steps()[i];
    vec![
        "case".into(),
        if i == 0 { "new" } else { "act" }.into(),
        case.to_str().expect("UTF-8 path").into(),
        format!("{DEMO_DIR}/{}", step.file),
        "--actor".into(),
        step.actor.clone(),
        "--at".into(),
        step.at.clone(),
    ]
}

/// Runs the first `steps` demo steps into a new case file at `case` (with `extra` arguments,
/// e.g. a signing key); panics on any failure.
pub fn start_case(case: &Path, steps: usize, extra: &[&str]) {
    for i in 0..steps {
        let mut args = step_args(i, case);
        args.extend(extra.iter().map(|s| (*s).to_owned()));
        let out = command().args(&args).output().expect("runs");
        assert!(
            out.status.success(),
            "step {i}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Writes an `add_experience` action with id `id` into `dir` and returns its path.
pub fn experience(dir: &Path, id: &str) -> PathBuf {
    let path = dir.join(format!("{id}.json"));
    let action = serde_json::json!({"kind": "add_experience", "payload": {
        "id": id, "context": "informale", "kind": "work",
        "period": {"start": "2016-03", "end": "2021-09"}, "country": "IT",
        "organisation": "Impresa portuale", "role": "Carrellista",
        "tasks": ["Carico e scarico"], "paid": true, "hours_per_week": 40
    }});
    std::fs::write(&path, action.to_string()).expect("action file");
    path
}

/// `case act` arguments that append experience `id` (time after every demo step used).
pub fn act_args(case: &Path, action: &Path) -> Vec<String> {
    vec![
        "case".into(),
        "act".into(),
        case.to_str().expect("UTF-8 path").into(),
        action.to_str().expect("UTF-8 path").into(),
        "--actor".into(),
        "op-eitc-01".into(),
        "--at".into(),
        "2025-09-01T09:30:00Z".into(),
    ]
}

/// The ids of the `add_experience` events of a case file (after checking its chain).
pub fn experience_ids(case: &Path) -> Vec<String> {
    attesta::procedure::file::read_events(case)
        .expect("an intact log")
        .iter()
        .filter(|e| e.kind == "add_experience")
        .filter_map(|e| e.payload["id"].as_str().map(str::to_owned))
        .collect()
}

/// Names in `dir` that look like temporaries (`.tmp`).
pub fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| Path::new(n).extension().is_some_and(|e| e == "tmp"))
        .collect()
}

/// The demo's signing key (DEMO ONLY) and its public key.
pub const DEMO_KEY: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../data/demo/keys/demo-ente.pem"
);
/// The demo's public key.
pub const DEMO_PUB: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../data/demo/keys/demo-ente.pub.pem"
);

/// Recomputes `seq`, `prev_hash` and `hash` from `from` on, as a forger who knows the
/// algorithm (but not the key) would; signatures are left as they were.
pub fn rechain(
    mut events: Vec<attesta::procedure::Event>,
    from: usize,
) -> Vec<attesta::procedure::Event> {
    use sha2::{Digest, Sha256};
    use std::fmt::Write as _;
    for i in from..events.len() {
        let prev = if i == 0 {
            "0".repeat(64)
        } else {
            events[i - 1].hash.clone()
        };
        let event = &mut events[i];
        event.seq = i as u64;
        event.prev_hash = prev;
        // serde_json sorts object keys: this is the canonical encoding of the hashed fields.
        let preimage = serde_json::json!({
            "seq": event.seq, "at": event.at, "actor": event.actor, "kind": event.kind,
            "payload": event.payload, "prev_hash": event.prev_hash,
        })
        .to_string();
        event.hash = Sha256::digest(preimage.as_bytes())
            .iter()
            .fold(String::new(), |mut s, b| {
                let _ = write!(s, "{b:02x}");
                s
            });
    }
    events
}
