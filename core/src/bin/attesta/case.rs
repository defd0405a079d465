//! `attesta case …`: run an IVC case kept in a JSON Lines event log.
//!
//! ```text
//! attesta case new  case.jsonl open.json  --actor op-eitc-01 --at 2025-09-01T08:30:00Z
//! attesta case act  case.jsonl step.json  --actor op-evac-07 --at 2025-09-15T08:00:00Z
//! attesta case show case.jsonl [--json]
//! attesta case verify case.jsonl [--head-seq N --head-hash H]
//! attesta case issue case.jsonl --out DIR [--overwrite]
//! ```
//!
//! An action file holds `{"kind": "...", "payload": {...}}` (`-` reads standard input).
//! Exit codes: 0 done, 1 refused (or, for `verify`, a broken log), 2 could not run (IO, JSON,
//! an unreadable case file). `new` and `act` write under the case's lock (see
//! `attesta::procedure::file`): exit 0 means the event is on disk, any other exit means the
//! case file is unchanged.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use attesta::documents::{render_html, RenderOptions};
use attesta::procedure::file::{self, CaseFile, CaseFileError};
use attesta::procedure::{
    allowed_in, read_action, verify_head, Action, CaseState, Head, ValidationCase,
};
use clap::Subcommand;

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
    },
    /// Show the state of a case.
    Show {
        /// The case file.
        case: PathBuf,
        /// Print the whole state and the derived views as JSON.
        #[arg(long)]
        json: bool,
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
        /// Replace documents already in the folder (by default an existing document is an
        /// error and nothing is written).
        #[arg(long)]
        overwrite: bool,
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
        } => new(&case, &action, &actor, &at),
        CaseCommand::Act {
            case,
            action,
            actor,
            at,
        } => act(&case, &action, &actor, &at),
        CaseCommand::Show { case, json } => show(&case, json),
        CaseCommand::Verify {
            case,
            head_seq,
            head_hash,
        } => verify(&case, head_seq.zip(head_hash)),
        CaseCommand::Issue {
            case,
            out,
            redact,
            overwrite,
        } => issue(&case, &out, redact, overwrite),
    };
    ExitCode::from(code.unwrap_or_else(|message| {
        eprintln!("attesta case: {message}");
        FAILED
    }))
}

/// The largest action file read (16 MiB): an action carries at most a competence record.
const MAX_ACTION_BYTES: u64 = 16 << 20;

fn load_action(source: &str) -> Result<Action, String> {
    let bytes = if source == "-" {
        file::read_stream(
            std::io::stdin().lock(),
            MAX_ACTION_BYTES,
            Path::new("<stdin>"),
        )
    } else {
        file::read_input(Path::new(source), MAX_ACTION_BYTES)
    }
    .map_err(|e| e.to_string())?;
    let text = std::str::from_utf8(&bytes).map_err(|_| format!("{source}: not UTF-8"))?;
    read_action(text).map_err(|e| format!("{source}: {e}"))
}

fn load(case: &Path) -> Result<ValidationCase, String> {
    file::load(case, attesta::bundled::frameworks()).map_err(|e| e.to_string())
}

fn new(case: &Path, source: &str, actor: &str, at: &str) -> Result<u8, String> {
    let action = load_action(source)?;
    let opened = match ValidationCase::open(attesta::bundled::frameworks(), at, actor, &action) {
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

fn act(case: &Path, source: &str, actor: &str, at: &str) -> Result<u8, String> {
    let action = load_action(source)?;
    // The lock is held from reading the log to replacing it: no other writer's event is lost.
    let mut held = CaseFile::open(case).map_err(|e| e.to_string())?;
    let mut current = held
        .replay(attesta::bundled::frameworks())
        .map_err(|e| e.to_string())?;
    if let Err(refusal) = current.act(at, actor, &action) {
        eprintln!("refused: {refusal}");
        return Ok(REFUSED);
    }
    held.commit(current.events())
        .map_err(|e: CaseFileError| e.to_string())?;
    print_head(&current);
    Ok(OK)
}

/// Prints the new head. Written, not `println!`: the event is already on disk, so a closed
/// standard output must not turn into a panic and a non-zero exit.
fn print_head(case: &ValidationCase) {
    let state = case.state();
    let _ = writeln!(
        std::io::stdout().lock(),
        "{} seq {} {} hash {}",
        state.case_id,
        state.head.seq,
        state.phase,
        state.head.hash
    );
}

fn show(case: &Path, json: bool) -> Result<u8, String> {
    let case = load(case)?;
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
    let allowed: Vec<&str> = allowed_in(Some(state.phase))
        .iter()
        .map(|a| a.as_str())
        .collect();
    println!("next    {}", allowed.join(", "));
    println!("head    seq {} hash {}", state.head.seq, state.head.hash);
    let checks = state.unit_checks();
    for unit in &state.target.units {
        let decision =
            state
                .decisions
                .get(&unit.code)
                .map_or("undecided", |d| match d.decision.outcome {
                    attesta::procedure::UnitOutcome::Validated => "validated",
                    attesta::procedure::UnitOutcome::NotValidated => "not validated",
                });
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

fn verify(case: &Path, head: Option<(u64, String)>) -> Result<u8, String> {
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
    Ok(OK)
}

fn issue(case: &Path, out: &Path, redact: bool, overwrite: bool) -> Result<u8, String> {
    let case = load(case)?;
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
    let mut files = Vec::with_capacity(documents.len() * 2);
    for document in &documents {
        let base = out.join(format!(
            "{}-{}",
            document.document_type().as_str(),
            document.id()
        ));
        let mut text = serde_json::to_string_pretty(document).map_err(|e| e.to_string())?;
        text.push('\n');
        files.push((base.with_extension("json"), text));
        let html = render_html(document, &options).map_err(|e| e.to_string())?;
        files.push((base.with_extension("html"), html));
    }
    // Every path is checked before the first is written, so a refusal writes nothing.
    for (path, _) in &files {
        file::check_document_path(path, overwrite).map_err(|e| match e {
            CaseFileError::Exists(_) => format!("{e}; pass --overwrite to replace it"),
            other => other.to_string(),
        })?;
    }
    for (path, text) in &files {
        file::write_document(path, text.as_bytes(), overwrite).map_err(|e| e.to_string())?;
        let _ = writeln!(std::io::stdout().lock(), "{}", path.display());
    }
    Ok(OK)
}
