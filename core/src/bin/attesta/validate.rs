//! `attesta validate FILE… | -`: validates competence records and reports every finding.
//!
//! Files are read and validated one at a time, so thousands of records take constant memory.
//! A file that cannot be evaluated (missing, unreadable, malformed JSON, over a limit) is
//! reported on standard error (and as an `error` entry in the JSON formats), and the run goes
//! on with the next file.

use std::io;
use std::path::{Path, PathBuf};

use attesta::documents::DocumentChecker;
use attesta::text::{echo, escape_controls};
use attesta::{
    Error, FileOutcome, Report, ValidationOptions, Validator, DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_FINDINGS, DEFAULT_MAX_SIZE,
};

use crate::clock::today_utc;
use crate::failure::Failure;
use crate::frameworks::FrameworkArgs;
use crate::input::{is_stdin, reason};
use crate::output::{colour_wanted, Format, Writer};
use crate::Status;

/// Arguments of `attesta validate`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Record files (JSON); `-` reads one record from standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    #[command(flatten)]
    evaluation: EvaluationArgs,
}

/// The options shared by `validate` and `document check`: output, limits, "today", frameworks.
#[derive(Debug, clap::Args)]
pub(crate) struct EvaluationArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// Warnings make an input fail too.
    #[arg(long)]
    strict: bool,
    /// "Today" for the future-date checks (YYYY-MM-DD); `none` skips those checks.
    /// Default: today's date in UTC.
    #[arg(long, value_name = "YYYY-MM-DD|none")]
    reference_date: Option<String>,
    /// Largest input accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_SIZE)]
    pub(crate) max_size: usize,
    /// Deepest nesting of arrays and objects accepted (1–128).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_DEPTH)]
    max_depth: usize,
    /// Most findings listed per input; the rest are counted in a final
    /// `report.findings_omitted` finding.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_FINDINGS)]
    max_findings: usize,
    #[command(flatten)]
    pub(crate) frameworks: FrameworkArgs,
}

/// Runs `attesta validate`.
///
/// # Errors
/// Only when standard output cannot be written; problems with inputs are part of the status.
pub(crate) fn run(args: &Args) -> io::Result<Status> {
    let validator = match validator(args) {
        Ok(validator) => validator,
        Err(failure) => return fail_run(&failure, args.evaluation.format),
    };
    run_inputs(&args.files, args.evaluation.format, &validator)
}

/// What `validate` and `document check` evaluate an input with: a file is read by the core
/// within the evaluator's own size limit (as the bindings' `validate_file` reads it),
/// standard input by the program with the same limit.
pub(crate) trait Evaluator {
    /// Reads and evaluates the file at `path`.
    fn file(&self, path: &Path) -> Result<Report, Error>;
    /// Evaluates bytes already read.
    fn bytes(&self, bytes: &[u8]) -> Result<Report, Error>;
    /// The size limit, for standard input.
    fn max_size(&self) -> usize;
}

impl Evaluator for Validator {
    fn file(&self, path: &Path) -> Result<Report, Error> {
        self.validate_file(path)
    }

    fn bytes(&self, bytes: &[u8]) -> Result<Report, Error> {
        self.validate_slice(bytes)
    }

    fn max_size(&self) -> usize {
        self.options().max_size
    }
}

impl Evaluator for DocumentChecker {
    fn file(&self, path: &Path) -> Result<Report, Error> {
        self.check_file(path)
    }

    fn bytes(&self, bytes: &[u8]) -> Result<Report, Error> {
        self.check_slice(bytes)
    }

    fn max_size(&self) -> usize {
        self.options().max_size
    }
}

/// Reads each input (`-`: standard input), evaluates it and writes the outcomes in
/// `format`; shared by `validate` and `document check`.
///
/// # Errors
/// Only when standard output cannot be written.
pub(crate) fn run_inputs(
    files: &[PathBuf],
    format: Format,
    evaluator: &impl Evaluator,
) -> io::Result<Status> {
    let stdout = io::stdout().lock();
    let mut writer = Writer::new(stdout, format, colour_wanted());
    let mut status = Status::Valid;
    let mut counts = [0usize; 3];
    for path in files {
        // A file name is shown to people: escaped and shortened like any echoed text.
        let (name, outcome) = if is_stdin(path) {
            let outcome = crate::input::read(path, evaluator.max_size())
                .and_then(|bytes| evaluator.bytes(&bytes));
            ("<stdin>".to_owned(), outcome)
        } else {
            let name = echo(&path.display().to_string()).into_owned();
            (name, evaluator.file(path))
        };
        let file_status = match outcome {
            Ok(report) => {
                let status = if report.valid {
                    Status::Valid
                } else {
                    Status::Invalid
                };
                writer.entry(&FileOutcome::evaluated(name, report))?;
                status
            }
            Err(error) => {
                eprintln!("attesta: {name}: {}", escape_controls(&reason(&error)));
                writer.entry(&FileOutcome::failed(name, error.details()))?;
                Status::Failed
            }
        };
        counts[file_status as usize] += 1;
        status = status.max(file_status);
    }
    let [valid, invalid, failed] = counts;
    writer.summary(valid, invalid, failed)?;
    writer.finish()?;
    Ok(status)
}

/// Builds the validator from the options, or says what is wrong with them.
fn validator(args: &Args) -> Result<Validator, Failure> {
    let options = args.evaluation.options()?;
    let frameworks = args.evaluation.frameworks.load()?;
    Ok(options.build_with(frameworks.set().clone())?)
}

/// A run that cannot start (options, frameworks): the reason on standard error and, in the
/// JSON formats, as the one entry `{"error": …}` (no `file`: it concerns every input).
///
/// # Errors
/// Only when standard output cannot be written.
pub(crate) fn fail_run(failure: &Failure, format: Format) -> io::Result<Status> {
    failure.report("attesta", false);
    if format != Format::Human {
        let mut writer = Writer::new(io::stdout().lock(), format, false);
        writer.entry(&FileOutcome::run_failed(failure.details().clone()))?;
        writer.finish()?;
    }
    Ok(Status::Failed)
}

impl EvaluationArgs {
    /// The validation options (`reference_date`: a date, `none`, or absent for today's UTC
    /// date).
    pub(crate) fn options(&self) -> Result<ValidationOptions, Failure> {
        let mut options = ValidationOptions::default()
            .strict(self.strict)
            .max_size(self.max_size)
            .max_depth(self.max_depth)
            .max_findings(self.max_findings);
        match self.reference_date.as_deref() {
            Some("none") => {}
            Some(text) => options.reference_date = Some(text.to_owned()),
            None => {
                let today = today_utc().ok_or_else(|| {
                    Failure::options("the system clock is not set to a usable date")
                })?;
                options = options.reference_date(today);
            }
        }
        Ok(options)
    }
}
