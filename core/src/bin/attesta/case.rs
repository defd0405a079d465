//! `attesta case …`: run an IVC case kept in a JSON Lines event log.
//!
//! ```text
//! attesta case new  case.jsonl open.json  --actor op-eitc-01 --at 2025-09-01T08:30:00Z [--continues earlier.jsonl]
//! attesta case act  case.jsonl step.json  --actor op-evac-07 --at 2025-09-15T08:00:00Z
//! attesta case show case.jsonl [--json]
//! attesta case verify case.jsonl [--head-seq N --head-hash H]
//! attesta case issue case.jsonl --out DIR
//! ```
//!
//! An action file holds `{"kind": "...", "payload": {...}}` (`-` reads standard input).
//! Exit codes: 0 done, 1 refused (or, for `verify`, a broken log), 2 could not run (IO, JSON,
//! an unreadable case file).

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use attesta::documents::{render_html, RenderOptions};
use attesta::framework::FrameworkSet;
use attesta::procedure::file::{self, CaseFileError};
use attesta::procedure::{
    allowed_in, read_action, verify_head, Action, CaseState, FrameworkPolicy, Head, ReplayError,
    ValidationCase,
};
use clap::Subcommand;

use crate::frameworks::FrameworkArgs;

/// `attesta case` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum CaseCommand {
    /// Open a new case file with an `open_case` action.
    New {
        /// The case file to create (JSON Lines); refused if it exists.
        case: PathBuf,
        /// The `open_case` action JSON file, or `-` for standard input.
        action: String,
        /// Operator id of who opens the case (F1 or responsabile).
        #[arg(long)]
        actor: String,
        /// Time of the action, RFC 3339 UTC (`2025-09-01T08:30:00Z`).
        #[arg(long)]
        at: String,
        /// The earlier case file of the same person, when they come back: the new case
        /// records it (id and head) and takes its attestations as credits.
        #[arg(long, value_name = "CASE_FILE")]
        continues: Option<PathBuf>,
        #[command(flatten)]
        frameworks: FrameworkArgs,
    },
    /// Apply one action to a case file.
    Act {
        /// The case file.
        case: PathBuf,
        /// The action JSON file, or `-` for standard input.
        action: String,
        /// Who acts: an operator id, or the person's pseudonymous id.
        #[arg(long)]
        actor: String,
        /// Time of the action, RFC 3339 UTC, not earlier than the last event.
        #[arg(long)]
        at: String,
        #[command(flatten)]
        frameworks: FrameworkArgs,
        /// Act although the frameworks loaded differ from those the case runs on; a
        /// `change_frameworks` event recording the change comes before the action.
        #[arg(long)]
        allow_framework_change: bool,
    },
    /// Show the state of a case.
    Show {
        /// The case file.
        case: PathBuf,
        /// Print the whole state and the derived views as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        frameworks: FrameworkArgs,
        /// Show the case although the frameworks loaded differ from those it runs on.
        #[arg(long)]
        allow_framework_change: bool,
    },
    /// Verify a case file's hash chain (optionally against a head kept elsewhere).
    Verify {
        /// The case file.
        case: PathBuf,
        /// Expected seq of the last event.
        #[arg(long, requires = "head_hash")]
        head_seq: Option<u64>,
        /// Expected hash of the last event.
        #[arg(long, requires = "head_seq")]
        head_hash: Option<String>,
        #[command(flatten)]
        frameworks: FrameworkArgs,
    },
    /// Write the case's documents (JSON and HTML) to a folder and print their paths.
    Issue {
        /// The case file.
        case: PathBuf,
        /// Output folder (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// Leave the person's dati anagrafici out of the HTML.
        #[arg(long)]
        redact: bool,
        #[command(flatten)]
        frameworks: FrameworkArgs,
        /// Issue although the frameworks loaded differ from those the case ran on (the
        /// documents then cite the versions loaded; the change is not recorded).
        #[arg(long)]
        allow_framework_change: bool,
    },
}

const OK: u8 = 0;
const REFUSED: u8 = 1;
const FAILED: u8 = 2;

/// Runs an `attesta case` subcommand.
pub(crate) fn run(cmd: CaseCommand) -> ExitCode {
    let code = match cmd {
        CaseCommand::New {
            case,
            action,
            actor,
            at,
            continues,
            frameworks,
        } => frameworks.load().and_then(|f| {
            new(
                (&case, continues.as_deref()),
                &action,
                (&actor, &at),
                f.set(),
            )
        }),
        CaseCommand::Act {
            case,
            action,
            actor,
            at,
            frameworks,
            allow_framework_change,
        } => frameworks.load().and_then(|f| {
            let policy = policy(allow_framework_change);
            act(&case, &action, (&actor, &at), f.set(), policy)
        }),
        CaseCommand::Show {
            case,
            json,
            frameworks,
            allow_framework_change,
        } => frameworks
            .load()
            .and_then(|f| show(&case, json, f.set(), policy(allow_framework_change))),
        CaseCommand::Verify {
            case,
            head_seq,
            head_hash,
            frameworks,
        } => frameworks
            .load()
            .and_then(|f| verify(&case, head_seq.zip(head_hash), f.set())),
        CaseCommand::Issue {
            case,
            out,
            redact,
            frameworks,
            allow_framework_change,
        } => frameworks
            .load()
            .and_then(|f| issue(&case, &out, redact, f.set(), policy(allow_framework_change))),
    };
    ExitCode::from(code.unwrap_or_else(|message| {
        eprintln!("attesta case: {message}");
        FAILED
    }))
}

fn load_action(source: &str) -> Result<Action, String> {
    let text = if source == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("<stdin>: {e}"))?;
        text
    } else {
        std::fs::read_to_string(source).map_err(|e| format!("{source}: {e}"))?
    };
    read_action(&text).map_err(|e| format!("{source}: {e}"))
}

fn policy(allow: bool) -> FrameworkPolicy {
    if allow {
        FrameworkPolicy::AllowChange
    } else {
        FrameworkPolicy::Require
    }
}

/// Loads a case file over `frameworks`, saying on standard error how the frameworks differ
/// when a change is allowed.
fn load(
    case: &Path,
    frameworks: &Arc<FrameworkSet>,
    policy: FrameworkPolicy,
) -> Result<ValidationCase, String> {
    let events = file::read_events(case).map_err(|e| e.to_string())?;
    let loaded = ValidationCase::from_events_with(frameworks.clone(), events, policy)
        .map_err(|e| format!("{}: {e}", case.display()))?;
    for drift in loaded.framework_drift() {
        eprintln!("attesta case: note: framework change allowed: {drift}");
    }
    // The case keeps the rules it was opened under; say so when another profile is loaded.
    let profile = frameworks.titolare_profile().stamp();
    if let Some(recorded) = loaded.state().profile.as_ref().filter(|p| **p != profile) {
        eprintln!(
            "attesta case: note: the case runs under titolare profile {} version '{}', \
             recorded when it was opened; the loaded profile {} version '{}' applies to new \
             cases only",
            recorded.id, recorded.version, profile.id, profile.version
        );
    }
    Ok(loaded)
}

fn new(
    (case, continues): (&Path, Option<&Path>),
    source: &str,
    (actor, at): (&str, &str),
    frameworks: &Arc<FrameworkSet>,
) -> Result<u8, String> {
    let action = load_action(source)?;
    // The earlier case is only read: it may have run on other frameworks.
    let earlier = match continues {
        Some(path) => Some(load(path, frameworks, FrameworkPolicy::AllowChange)?),
        None => None,
    };
    let opened = match &earlier {
        Some(earlier) => {
            ValidationCase::continue_from(frameworks.clone(), earlier, at, actor, &action)
        }
        None => ValidationCase::open(frameworks.clone(), at, actor, &action),
    };
    let opened = match opened {
        Ok(opened) => opened,
        Err(refusal) => {
            eprintln!("refused: {refusal}");
            return Ok(REFUSED);
        }
    };
    file::create(case, opened.events()).map_err(|e| e.to_string())?;
    print_head(&opened);
    Ok(OK)
}

fn act(
    case: &Path,
    source: &str,
    (actor, at): (&str, &str),
    frameworks: &Arc<FrameworkSet>,
    policy: FrameworkPolicy,
) -> Result<u8, String> {
    let action = load_action(source)?;
    let mut current = load(case, frameworks, policy)?;
    if let Err(refusal) = current.act(at, actor, &action) {
        eprintln!("refused: {refusal}");
        return Ok(REFUSED);
    }
    file::save(case, current.events()).map_err(|e: CaseFileError| e.to_string())?;
    print_head(&current);
    Ok(OK)
}

fn print_head(case: &ValidationCase) {
    let state = case.state();
    println!(
        "{} seq {} {} hash {}",
        state.case_id, state.head.seq, state.phase, state.head.hash
    );
}

fn show(
    case: &Path,
    json: bool,
    frameworks: &Arc<FrameworkSet>,
    policy: FrameworkPolicy,
) -> Result<u8, String> {
    let case = load(case, frameworks, policy)?;
    let state = case.state();
    if json {
        let view = serde_json::json!({
            "state": state,
            "allowed_actions": allowed_in(Some(state.phase)),
            "evidence_findings": state.evidence_findings(),
            "sufficiency": state.sufficiency(),
            "unit_checks": state.unit_checks(),
            "coverage": state.coverage(),
        });
        let text = serde_json::to_string_pretty(&view).map_err(|e| e.to_string())?;
        println!("{text}");
    } else {
        print_summary(state);
    }
    Ok(OK)
}

fn print_summary(state: &CaseState) {
    println!("case {}  ({} events)", state.case_id, state.head.seq + 1);
    println!(
        "target  {} {}: {}",
        state.target.framework, state.target.qualification, state.target.title
    );
    println!("phase   {}", state.phase);
    for framework in &state.frameworks {
        println!("runs on {framework}");
    }
    if let Some(profile) = &state.profile {
        println!(
            "rules   titolare profile {} version '{}' (checksum {})",
            profile.id,
            profile.version,
            profile.checksum.get(..12).unwrap_or_default()
        );
    }
    if let Some(earlier) = &state.continues {
        println!(
            "continues {} (head seq {} hash {})",
            earlier.case_id, earlier.head.seq, earlier.head.hash
        );
    }
    let allowed: Vec<&str> = allowed_in(Some(state.phase))
        .iter()
        .map(|a| a.as_str())
        .collect();
    println!("next    {}", allowed.join(", "));
    println!("head    seq {} hash {}", state.head.seq, state.head.hash);
    let checks = state.unit_checks();
    for unit in &state.target.units {
        let credited = state.credits.iter().any(|c| c.units.contains(&unit.code));
        let decision = state.decisions.get(&unit.code).map_or(
            if credited { "credited" } else { "undecided" },
            |d| match d.decision.outcome {
                attesta::procedure::UnitOutcome::Validated => "validated",
                attesta::procedure::UnitOutcome::NotValidated => "not validated",
            },
        );
        let check = &checks[&unit.code];
        println!(
            "UC {:<6} {:<13} covered {}/{}  {}",
            unit.code,
            decision,
            check.covered.len(),
            unit.capacita.len() + unit.conoscenze.len(),
            unit.title
        );
    }
    for finding in state
        .findings
        .iter()
        .chain(state.evidence_findings().iter())
    {
        println!(
            "{:<7} {}  {}  {}",
            finding.severity.as_str(),
            finding.code,
            finding.path,
            finding.message
        );
    }
}

fn verify(
    case: &Path,
    head: Option<(u64, String)>,
    frameworks: &Arc<FrameworkSet>,
) -> Result<u8, String> {
    let events = match file::read_events(case) {
        Ok(events) => events,
        Err(CaseFileError::Integrity { path, error }) => {
            println!("{}: broken: {error}", path.display());
            return Ok(REFUSED);
        }
        Err(other) => return Err(other.to_string()),
    };
    if let Some((seq, hash)) = head {
        if let Err(error) = verify_head(&events, &Head { seq, hash }) {
            println!("{}: broken: {error}", case.display());
            return Ok(REFUSED);
        }
    }
    let last = events.last().map(|e| (e.seq, e.hash.as_str()));
    match last {
        Some((seq, hash)) => println!(
            "{}: ok, {} events, head seq {seq} hash {hash}",
            case.display(),
            events.len()
        ),
        None => println!("{}: ok, empty", case.display()),
    }
    // The chain is sound; say whether the frameworks loaded are those the case runs on.
    if let Err(ReplayError::FrameworksChanged { drift }) =
        ValidationCase::from_events(frameworks.clone(), events).map(|_| ())
    {
        for d in drift {
            println!("{}: frameworks differ: {d}", case.display());
        }
    }
    Ok(OK)
}

fn issue(
    case: &Path,
    out: &Path,
    redact: bool,
    frameworks: &Arc<FrameworkSet>,
    policy: FrameworkPolicy,
) -> Result<u8, String> {
    let case = load(case, frameworks, policy)?;
    let documents = case.documents();
    if documents.is_empty() {
        eprintln!(
            "no document yet: the case is in phase {}",
            case.state().phase
        );
        return Ok(REFUSED);
    }
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let options = RenderOptions::default().redact_personal_data(redact);
    for document in &documents {
        let base = out.join(format!(
            "{}-{}",
            document.document_type().as_str(),
            document.id()
        ));
        let json_path = base.with_extension("json");
        let mut text = serde_json::to_string_pretty(document).map_err(|e| e.to_string())?;
        text.push('\n');
        std::fs::write(&json_path, text).map_err(|e| format!("{}: {e}", json_path.display()))?;
        println!("{}", json_path.display());
        let html = render_html(document, &options).map_err(|e| e.to_string())?;
        let html_path = base.with_extension("html");
        std::fs::write(&html_path, html).map_err(|e| format!("{}: {e}", html_path.display()))?;
        println!("{}", html_path.display());
    }
    Ok(OK)
}
