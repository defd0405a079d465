//! `attesta case …`: run an IVC case kept in a JSON Lines event log.
//!
//! ```text
//! attesta case new  case.jsonl open.json  --actor op-eitc-01 --at 2025-09-01T08:30:00Z [--continues earlier.jsonl] [--sign-key K.pem]
//! attesta case act  case.jsonl step.json  --actor op-evac-07 --at 2025-09-15T08:00:00Z [--sign-key K.pem]
//! attesta case show case.jsonl [--json] [--key PUB.pem]
//! attesta case verify case.jsonl [--json] [--key PUB.pem] [--head-seq N --head-hash H]
//! attesta case append case.jsonl unit-events.jsonl [--json] [--key PUB.pem]
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
use std::sync::Arc;

use attesta::framework::FrameworkSet;
use attesta::procedure::file::{self, CaseFile};
use attesta::procedure::{read_action, Action, Case, FrameworkPolicy};
use clap::{Args, Subcommand};

use crate::case_sign::{self, SIGNING_KEY_ENV, TRUSTED_KEY_ENV};
use crate::failure::Failure;
use crate::frameworks::FrameworkArgs;

/// The ente titolato's signing key for `new` and `act`.
#[derive(Debug, Args)]
pub(crate) struct SignArgs {
    /// Sign the event and the head with this Ed25519 private key (PKCS#8 PEM file). A signed
    /// case needs it for every act; the signed head is written beside the log (`CASE.head`).
    #[arg(long, env = SIGNING_KEY_ENV, hide_env_values = true, value_name = "KEY.pem")]
    sign_key: Option<PathBuf>,
}

/// The trusted public key for reading commands.
#[derive(Debug, Args)]
pub(crate) struct TrustArgs {
    /// Trust only a log signed by this Ed25519 public key (SPKI PEM file) that ends at its
    /// signed head (`CASE.head`); anything else is a broken log.
    #[arg(long, env = TRUSTED_KEY_ENV, value_name = "PUB.pem")]
    pub(crate) key: Option<PathBuf>,
}

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
        /// With `--continues`: the earlier case is read as `case show` reads a case (with a
        /// trusted key, only a log it signed that ends at its signed head).
        #[command(flatten)]
        trust: TrustArgs,
        #[command(flatten)]
        sign: SignArgs,
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
        sign: SignArgs,
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
        /// Print the whole state and the derived views as JSON (schema `case-view`).
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        trust: TrustArgs,
        #[command(flatten)]
        frameworks: FrameworkArgs,
        /// Show the case although the frameworks loaded differ from those it runs on.
        #[arg(long)]
        allow_framework_change: bool,
    },
    /// Verify a case file's hash chain, its signatures with a trusted key, and that it ends
    /// at its signed head (and at `--head-seq/--head-hash` when given).
    Verify {
        /// The case file.
        case: PathBuf,
        #[command(flatten)]
        trust: TrustArgs,
        /// Expected seq of the last event (the log must end there).
        #[arg(long, requires = "head_hash")]
        head_seq: Option<u64>,
        /// Expected hash of the last event.
        #[arg(long, requires = "head_seq")]
        head_hash: Option<String>,
        #[command(flatten)]
        frameworks: FrameworkArgs,
        /// Print the outcome as JSON (schema `case-verification`).
        #[arg(long)]
        json: bool,
    },
    /// Append the events a mobile unit made offline (JSON Lines, as the bindings export them
    /// after a head) to a case file: they must continue from its head (else a `fork`), chain,
    /// carry signatures of the trusted key when the case is signed, and replay under the
    /// rules. Exit 1 when refused (the file is then unchanged).
    Append {
        /// The case file.
        case: PathBuf,
        /// The events file (JSON Lines), or `-` for standard input.
        events: String,
        /// With a signed case: the trusted key the case and the new events are signed with.
        #[command(flatten)]
        trust: TrustArgs,
        #[command(flatten)]
        frameworks: FrameworkArgs,
        /// Append although the frameworks loaded differ from those the case runs on.
        #[arg(long)]
        allow_framework_change: bool,
        /// Print the outcome as JSON (schema `case-append`; a refusal as `{"error": ...}`).
        #[arg(long)]
        json: bool,
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
        trust: TrustArgs,
        /// Replace documents already in the folder (by default an existing document is an
        /// error and nothing is written).
        #[arg(long)]
        overwrite: bool,
        #[command(flatten)]
        frameworks: FrameworkArgs,
        /// Issue although the frameworks loaded differ from those the case ran on (the
        /// documents then cite the versions loaded; the change is not recorded).
        #[arg(long)]
        allow_framework_change: bool,
    },
}

pub(crate) const OK: u8 = 0;
pub(crate) const REFUSED: u8 = 1;
const FAILED: u8 = 2;

/// Runs an `attesta case` subcommand.
pub(crate) fn run(cmd: CaseCommand) -> ExitCode {
    // The commands with JSON output say why they failed in JSON too.
    let json = matches!(
        cmd,
        CaseCommand::Show { json: true, .. } | CaseCommand::Append { json: true, .. }
    );
    let code = match cmd {
        CaseCommand::New {
            case,
            action,
            actor,
            at,
            continues,
            trust,
            sign,
            frameworks,
        } => frameworks.load().and_then(|f| {
            new(
                (&case, continues.as_deref()),
                &action,
                (&actor, &at),
                (&sign, &trust),
                f.set(),
            )
        }),
        CaseCommand::Act {
            case,
            action,
            actor,
            at,
            sign,
            frameworks,
            allow_framework_change,
        } => frameworks.load().and_then(|f| {
            let loaded = (f.set(), policy(allow_framework_change));
            act(&case, &action, (&actor, &at), &sign, loaded)
        }),
        CaseCommand::Show {
            case,
            json,
            trust,
            frameworks,
            allow_framework_change,
        } => frameworks.load().and_then(|f| {
            crate::case_show::show(
                &case,
                json,
                &trust,
                (f.set(), policy(allow_framework_change)),
            )
        }),
        CaseCommand::Verify {
            case,
            trust,
            head_seq,
            head_hash,
            frameworks,
            json,
        } => frameworks.load().and_then(|f| {
            let key = case_sign::trusted_key(trust.key.as_ref())?;
            let outcome = case_sign::verify(&case, head_seq.zip(head_hash), key.as_ref(), f.set())?;
            case_sign::print_verification(&outcome, json)
        }),
        CaseCommand::Append {
            case,
            events,
            trust,
            frameworks,
            allow_framework_change,
            json,
        } => frameworks.load().and_then(|f| {
            let loaded = (f.set(), policy(allow_framework_change));
            crate::case_append::append(&case, &events, &trust, loaded, json)
        }),
        CaseCommand::Issue {
            case,
            out,
            redact,
            trust,
            overwrite,
            frameworks,
            allow_framework_change,
        } => frameworks.load().and_then(|f| {
            let target = crate::case_issue::IssueTarget {
                out: &out,
                redact,
                overwrite,
                esco: f.esco().map(AsRef::as_ref),
            };
            let loaded = (f.set(), policy(allow_framework_change));
            crate::case_issue::issue(&case, &target, &trust, loaded)
        }),
    };
    ExitCode::from(code.unwrap_or_else(|failure| {
        failure.report("attesta case", json);
        FAILED
    }))
}

/// The largest action file read (16 MiB): an action carries at most a competence record.
const MAX_ACTION_BYTES: u64 = 16 << 20;

fn load_action(source: &str) -> Result<Action, Failure> {
    let bytes = if source == "-" {
        file::read_stream(
            std::io::stdin().lock(),
            MAX_ACTION_BYTES,
            Path::new("<stdin>"),
        )
    } else {
        file::read_input(Path::new(source), MAX_ACTION_BYTES)
    }?;
    let text = std::str::from_utf8(&bytes).map_err(|_| {
        Failure::new(
            attesta::ErrorKind::MalformedJson,
            format!("{source}: not UTF-8"),
        )
    })?;
    read_action(text).map_err(|e| Failure::from(e).context(source))
}

/// The frameworks a command runs on, and whether they may differ from those the case
/// recorded.
pub(crate) type Loaded<'a> = (&'a Arc<FrameworkSet>, FrameworkPolicy);

pub(crate) fn policy(allow: bool) -> FrameworkPolicy {
    if allow {
        FrameworkPolicy::AllowChange
    } else {
        FrameworkPolicy::Require
    }
}

/// Says on standard error how the frameworks loaded differ from those the case recorded,
/// when a change is allowed.
fn note_drift(case: &Case) {
    for drift in case.framework_drift() {
        let _ = writeln!(
            std::io::stderr(),
            "attesta case: note: framework change allowed: {drift}"
        );
    }
}

/// Reads and replays a case; with a trusted key, only a log signed by it that ends at its
/// signed head is read; without one, a log that does not end at the head file beside it
/// (signature unchecked) is refused too.
pub(crate) fn load(
    case: &Path,
    trust: &TrustArgs,
    (frameworks, policy): Loaded,
) -> Result<Case, Failure> {
    let key = case_sign::trusted_key(trust.key.as_ref())?;
    let loaded = file::load_with(case, frameworks.clone(), policy)?;
    note_drift(&loaded);
    match key {
        Some(key) => case_sign::check_trusted(case, loaded.events(), &key)
            .map_err(|why| why.context("not trusted").context(case.display()))?,
        None => case_sign::check_head_file(case, loaded.events())
            .map_err(|why| why.context(case.display()))?,
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
    (sign, trust): (&SignArgs, &TrustArgs),
    frameworks: &Arc<FrameworkSet>,
) -> Result<u8, Failure> {
    let key = case_sign::signing_key(sign.sign_key.as_ref())?;
    let action = load_action(source)?;
    // The earlier case is only read (it may have run on other frameworks), but as carefully as
    // any case: its credits become part of the new case, so a forged or cut log must not be
    // taken on trust.
    let earlier = match continues {
        Some(path) => Some(load(
            path,
            trust,
            (frameworks, FrameworkPolicy::AllowChange),
        )?),
        None => None,
    };
    let opened = match &earlier {
        Some(earlier) => Case::continue_from(frameworks.clone(), earlier, at, actor, &action),
        None => Case::open(frameworks.clone(), at, actor, &action),
    };
    let mut opened = match opened {
        Ok(opened) => opened,
        Err(refusal) => {
            eprintln!("refused: {refusal}");
            return Ok(REFUSED);
        }
    };
    let signed_head = key.as_ref().and_then(|key| opened.sign_pending(key));
    let mut held = CaseFile::create(case)?;
    held.commit(opened.events())?;
    write_head(&held, signed_head.as_ref());
    print_head(&opened);
    Ok(OK)
}

fn act(
    case: &Path,
    source: &str,
    (actor, at): (&str, &str),
    sign: &SignArgs,
    (frameworks, policy): Loaded,
) -> Result<u8, Failure> {
    let key = case_sign::signing_key(sign.sign_key.as_ref())?;
    let action = load_action(source)?;
    // The lock is held from reading the log to replacing it: no other writer's event is lost.
    let mut held = CaseFile::open(case)?;
    case_sign::check_before_append(&held, key.as_ref())?;
    let mut current = held.replay_with(frameworks.clone(), policy)?;
    note_drift(&current);
    if let Err(refusal) = current.act(at, actor, &action) {
        eprintln!("refused: {refusal}");
        return Ok(REFUSED);
    }
    let signed_head = key.as_ref().and_then(|key| current.sign_pending(key));
    held.commit(current.events())?;
    write_head(&held, signed_head.as_ref());
    print_head(&current);
    Ok(OK)
}

/// Writes the signed head after the log. The event is on disk already, so a failure here is
/// a warning, not a failed act: `verify` then reports the log as going on past its head until
/// the next act writes a new one.
fn write_head(case: &CaseFile, signed: Option<&attesta::procedure::SignedHead>) {
    if let Some(signed) = signed {
        if let Err(e) = case.write_head(signed) {
            let _ = writeln!(
                std::io::stderr(),
                "warning: the event is written but its signed head is not: {e}"
            );
        }
    }
}

/// Prints the new head. Written, not `println!`: the event is already on disk, so a closed
/// standard output must not turn into a panic and a non-zero exit.
fn print_head(case: &Case) {
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
