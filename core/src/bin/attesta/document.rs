//! `attesta document check FILE…`: the art. 6 D.Lgs. 13/2013 minimum-content check of a
//! Documento di trasparenza, Documento di validazione or Certificato made by another system.
//!
//! ```text
//! attesta document check dv.json
//! attesta document check --bundle calabria.attb --format json other-region/*.json
//! ```
//!
//! Findings carry JSON Pointer paths. Fields other systems name in Italian are read through
//! the mapping in `docs/document-check.md`; old Atlante ADA codes resolved through the loaded
//! frameworks are infos, ADA codes and repertoires no loaded framework knows are warnings.
//! Output formats and exit codes are those of `attesta validate`: 0 every document passes,
//! 1 some document lacks required content, 2 some file could not be evaluated.

use std::io;
use std::path::PathBuf;

use attesta::documents::DocumentChecker;
use attesta::{DEFAULT_MAX_DEPTH, DEFAULT_MAX_FINDINGS, DEFAULT_MAX_SIZE};
use clap::Subcommand;

use crate::frameworks::FrameworkArgs;
use crate::output::Format;
use crate::Status;

/// `attesta document` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum DocumentCommand {
    /// Check documents made elsewhere for the minimum content of art. 6 D.Lgs. 13/2013.
    Check(CheckArgs),
}

/// Arguments of `attesta document check`.
#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// Document files (JSON); `-` reads one from standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Warnings make a document fail too.
    #[arg(long)]
    strict: bool,
    /// "Today" for the future-date checks (YYYY-MM-DD); `none` skips those checks.
    #[arg(long, value_name = "YYYY-MM-DD|none")]
    reference_date: Option<String>,
    /// Largest input accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_SIZE)]
    max_size: usize,
    /// Deepest nesting of arrays and objects accepted (1–128).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_DEPTH)]
    max_depth: usize,
    /// Most findings listed per document; the rest are counted in a final
    /// `report.findings_omitted` finding.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_FINDINGS)]
    max_findings: usize,
    #[command(flatten)]
    frameworks: FrameworkArgs,
}

/// Runs an `attesta document` subcommand.
///
/// # Errors
/// Only when standard output cannot be written.
pub(crate) fn run(command: &DocumentCommand) -> io::Result<Status> {
    let DocumentCommand::Check(args) = command;
    let checker = crate::validate::options(
        args.strict,
        args.max_size,
        args.max_depth,
        args.max_findings,
        args.reference_date.as_deref(),
    )
    .and_then(|options| {
        let frameworks = args.frameworks.load()?;
        DocumentChecker::with_frameworks(options, frameworks.set().clone())
            .map_err(|e| e.to_string())
    });
    let checker = match checker {
        Ok(checker) => checker,
        Err(message) => {
            eprintln!("attesta: {message}");
            return Ok(Status::Failed);
        }
    };
    crate::validate::run_inputs(&args.files, args.format, args.max_size, |bytes| {
        std::str::from_utf8(bytes)
            .map_err(|_| attesta::Error::MalformedJson {
                line: 1,
                column: 1,
                reason: "input is not UTF-8".to_owned(),
            })
            .and_then(|text| checker.check_str(text))
    })
}
