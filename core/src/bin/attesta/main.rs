//! The `attesta` command-line program: validates competence records and prints the JSON
//! Schemas of Attesta's documents.
//!
//! Each subcommand lives in its own module exposing `Args` (clap) and
//! `run(args) -> io::Result<Status>`; adding one is one [`Command`] variant and one match arm.
//! Exit codes: 0 everything valid, 1 something invalid, 2 something could not be evaluated
//! (or a usage error), so scripts can tell "fix the record" from "fix the call".

mod case;
mod case_append;
mod case_issue;
mod case_show;
mod case_sign;
mod clock;
mod credentials;
mod document;
mod failure;
mod framework;
mod frameworks;
mod gap;
mod input;
mod lang;
mod matching;
mod output;
mod privacy;
mod schema;
mod search;
mod validate;

use std::io;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Competence records (IVC, D.Lgs. 13/2013): validation and schemas.
#[derive(Debug, Parser)]
#[command(name = "attesta", version, about, long_about = None)]
struct Cli {
    /// Language of human-readable output (it, en, fr, ar, fa, prs, ti, bn, ur): finding
    /// messages, verdicts, phase names, the second language of printed documents, the framework
    /// labels of search, lookup and gap (falling back, marked, when a framework lacks the
    /// language). Other JSON output and error messages do not change (the `code` and `kind`
    /// are the stable part).
    #[arg(long, env = "ATTESTA_LANG", value_name = "LOCALE")]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate competence records (files, or `-` for standard input).
    Validate(validate::Args),
    /// Print the JSON Schema of one of Attesta's documents.
    Schema(schema::Args),
    /// Import framework source files into bundles (`.attb`) and inspect bundles.
    #[command(subcommand)]
    Framework(framework::FrameworkCommand),
    /// Run an IVC case kept in an event log (open, act, show, verify, issue documents).
    Case {
        #[command(subcommand)]
        command: case::CaseCommand,
    },
    /// Search frameworks by label (typos and accents tolerated), or look up a code.
    Search(search::Args),
    /// Compare a competence record with a target qualification, UC by UC.
    Gap(gap::Args),
    /// Rank ESCO occupations for people's ESCO skills, with what each still lacks.
    Match(matching::Args),
    /// Check documents (trasparenza, validazione, certificato) made by other systems.
    #[command(subcommand)]
    Document(document::DocumentCommand),
    /// Print a competence record without direct identifiers (name, codice fiscale, birth
    /// date and place, nationality), optionally with a keyed pseudonym for the person id.
    Redact(privacy::RedactArgs),
    /// Count cases for the funder (phase, outcome, figure, UC, learning context, by the
    /// monitoring attributes), small counts hidden; JSON or CSV, and an SVG chart.
    Monitoring(privacy::MonitoringArgs),
    /// Export a validated case as Open Badges 3.0, ELM v3 (Europass) or a Libretto record.
    Export(credentials::ExportArgs),
    /// Add an Ed25519 Data Integrity proof to a credential.
    Sign(credentials::SignArgs),
    /// Verify a credential's Data Integrity proof.
    Verify(credentials::VerifyArgs),
}

/// How a run ended; ordered so that the worst outcome of many files wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Status {
    /// Everything evaluated and valid.
    Valid = 0,
    /// Something was invalid.
    Invalid = 1,
    /// Something could not be evaluated (IO, malformed JSON, limits, bad options).
    Failed = 2,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(tag) = cli.lang.as_deref().filter(|t| !t.is_empty()) {
        match attesta::l10n::Localizer::new(tag) {
            Ok(localizer) => lang::set(localizer),
            Err(err) => {
                eprintln!("attesta: {err}");
                return ExitCode::from(Status::Failed as u8);
            }
        }
    }
    let result = match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Document(command) => document::run(&command),
        Command::Schema(args) => schema::run(&args),
        Command::Framework(cmd) => return framework::run(cmd),
        Command::Case { command } => return case::run(command),
        Command::Search(args) => return search::run(&args),
        Command::Gap(args) => return gap::run(&args),
        Command::Match(args) => return matching::run(&args),
        Command::Redact(args) => return privacy::run_redact(&args),
        Command::Monitoring(args) => return privacy::run_monitoring(&args),
        Command::Export(args) => return credentials::run_export(&args),
        Command::Sign(args) => return credentials::run_sign(&args),
        Command::Verify(args) => return credentials::run_verify(&args),
    };
    match result {
        Ok(status) => ExitCode::from(status as u8),
        // The reader went away (`attesta validate … | head`): not worth a message.
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(Status::Failed as u8),
        Err(err) => {
            eprintln!("attesta: cannot write output: {err}");
            ExitCode::from(Status::Failed as u8)
        }
    }
}
