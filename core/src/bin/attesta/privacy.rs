//! `attesta redact` and `attesta monitoring`: what leaves the job centre without the person.
//!
//! ```text
//! attesta redact record.json --keep-birth-year > redacted.json
//! attesta redact record.json --pseudonym-key centre.key --drop-free-text --json
//! attesta monitoring cases/*.jsonl --attributes monitoring.jsonl --format csv --chart cases.svg
//! ```
//!
//! `redact` prints the record without direct identifiers (with `--json`, the `redaction`
//! object that also lists the paths removed). `monitoring` prints the funder's tables
//! (schema `monitoring-report`, or CSV) with counts under `--k` hidden.
//! Exit codes: 0 done, 2 an input cannot be used.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use attesta::privacy::monitoring::{
    self, Breakdown, CaseFacts, MonitoringAttributes, MonitoringOptions,
};
use attesta::privacy::{redact, PseudonymKey, RedactOptions};
use attesta::procedure::{file, FrameworkPolicy};

use crate::case::TrustArgs;
use crate::failure::Failure;
use crate::frameworks::FrameworkArgs;
use crate::Status;

/// The longest line of a monitoring attributes file (one small object per case).
const MAX_ATTRIBUTES_LINE: usize = 16 * 1024;
/// The largest pseudonym key file read.
const MAX_KEY_FILE: usize = 4096;

/// Arguments of `attesta redact`.
#[derive(Debug, clap::Args)]
pub(crate) struct RedactArgs {
    /// The competence record (JSON; `-` for standard input).
    record: PathBuf,
    /// Keep the year of birth (for age bands); the rest of the personal data goes.
    #[arg(long)]
    keep_birth_year: bool,
    /// Also drop free texts that may name people (descriptions, notes, tasks, places,
    /// organisations, issuers).
    #[arg(long)]
    drop_free_text: bool,
    /// Replace the person id by a keyed pseudonym; the file holds the secret key (at least 32
    /// bytes, e.g. `head -c 32 /dev/urandom > centre.key`).
    #[arg(long, value_name = "KEY_FILE")]
    pseudonym_key: Option<PathBuf>,
    /// Print the `redaction` object (record and paths removed) instead of the record alone.
    #[arg(long)]
    json: bool,
}

/// Arguments of `attesta monitoring`.
#[derive(Debug, clap::Args)]
pub(crate) struct MonitoringArgs {
    /// Case files (JSON Lines logs).
    #[arg(required = true)]
    cases: Vec<PathBuf>,
    /// The monitoring attributes, JSON Lines, one `monitoring-attributes` object per case.
    #[arg(long, value_name = "FILE")]
    attributes: Option<PathBuf>,
    /// Counts from 1 to K − 1 are hidden, with whatever would reveal them (at least 2).
    #[arg(long, default_value_t = monitoring::DEFAULT_K)]
    k: u64,
    /// Break the counts down by these attributes (comma-separated; all by default).
    #[arg(long, value_delimiter = ',', value_enum)]
    by: Vec<Breakdown>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Also write the chart of cases per phase and outcome (SVG) to this file.
    #[arg(long, value_name = "FILE.svg")]
    chart: Option<PathBuf>,
    #[command(flatten)]
    trust: TrustArgs,
    #[command(flatten)]
    frameworks: FrameworkArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Json,
    Csv,
}

/// Runs `attesta redact`.
pub(crate) fn run_redact(args: &RedactArgs) -> ExitCode {
    finish(redact_record(args), args.json)
}

/// Runs `attesta monitoring`.
pub(crate) fn run_monitoring(args: &MonitoringArgs) -> ExitCode {
    finish(monitoring_export(args), args.format == Format::Json)
}

fn finish(result: Result<(), Failure>, json: bool) -> ExitCode {
    match result {
        Ok(()) => ExitCode::from(Status::Valid as u8),
        Err(failure) => {
            failure.report("attesta", json);
            ExitCode::from(Status::Failed as u8)
        }
    }
}

fn redact_record(args: &RedactArgs) -> Result<(), Failure> {
    let record = crate::input::read_record(&args.record)?;
    let key = match &args.pseudonym_key {
        Some(path) => {
            let bytes = attesta::io::read_file_limited(path, MAX_KEY_FILE)
                .map_err(|e| Failure::about(path.display(), &e))?;
            Some(PseudonymKey::new(&bytes).map_err(|e| Failure::about(path.display(), &e))?)
        }
        None => None,
    };
    let options = RedactOptions {
        keep_birth_year: args.keep_birth_year,
        drop_free_text: args.drop_free_text,
    };
    let redaction = redact(&record, &options, key.as_ref());
    let written = if args.json {
        print_json(&redaction)
    } else {
        print_json(&redaction.record)
    };
    written.map_err(|e| Failure::output(&e))
}

fn monitoring_export(args: &MonitoringArgs) -> Result<(), Failure> {
    let options = MonitoringOptions {
        k: args.k,
        breakdowns: if args.by.is_empty() {
            Breakdown::ALL.to_vec()
        } else {
            args.by.clone()
        },
    };
    let frameworks = args.frameworks.load()?;
    let mut facts = Vec::with_capacity(args.cases.len());
    for case in &args.cases {
        let loaded = crate::case::load(
            case,
            &args.trust,
            (frameworks.set(), FrameworkPolicy::AllowChange),
        )?;
        facts.push(CaseFacts::of(loaded.state()));
    }
    let attributes = match &args.attributes {
        Some(path) => read_attributes(path)?,
        None => Vec::new(),
    };
    let report = monitoring::export(&facts, &attributes, &options)?;
    if let Some(chart) = &args.chart {
        file::write_document(chart, report.to_svg().as_bytes(), true)
            .map_err(|e| Failure::from(attesta::Error::from(e)).context(chart.display()))?;
    }
    let written = match args.format {
        Format::Json => print_json(&report),
        Format::Csv => report.write_csv(io::stdout().lock()),
    };
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Failure::output(&e)),
        _ => Ok(()),
    }
}

fn read_attributes(path: &Path) -> Result<Vec<MonitoringAttributes>, Failure> {
    let name = path.display();
    let mut out = Vec::new();
    let lines =
        crate::input::lines(path, MAX_ATTRIBUTES_LINE).map_err(|e| Failure::about(&name, &e))?;
    for (n, line) in lines {
        let line = line.map_err(|e| Failure::about(&name, &e))?;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let entry = serde_json::from_slice(&line).map_err(|e| {
            Failure::input(format!(
                "{name}: line {n}: not monitoring attributes ({})",
                attesta::text::describe_serde_error(&e.to_string())
            ))
        })?;
        out.push(entry);
    }
    Ok(out)
}

fn print_json(value: &impl serde::Serialize) -> io::Result<()> {
    let mut out = io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value).map_err(io::Error::other)?;
    writeln!(out)
}
