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
use clap::Subcommand;

use crate::validate::EvaluationArgs;
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
    #[command(flatten)]
    evaluation: EvaluationArgs,
}

/// Runs an `attesta document` subcommand.
///
/// # Errors
/// Only when standard output cannot be written.
pub(crate) fn run(command: &DocumentCommand) -> io::Result<Status> {
    let DocumentCommand::Check(args) = command;
    let evaluation = &args.evaluation;
    let checker = evaluation.options().and_then(|options| {
        let frameworks = evaluation.frameworks.load()?;
        Ok(DocumentChecker::with_frameworks(
            options,
            frameworks.set().clone(),
        )?)
    });
    let checker = match checker {
        Ok(checker) => checker,
        Err(failure) => return crate::validate::fail_run(&failure, evaluation.format),
    };
    crate::validate::run_inputs(&args.files, evaluation.format, &checker)
}
