//! `attesta validate FILE… | -`: validates competence records and reports every finding.
//!
//! Files are read and validated one at a time, so thousands of records take constant memory.
//! A file that cannot be evaluated (missing, unreadable, malformed JSON, over a limit) is
//! reported on standard error (and as an `error` entry in the JSON formats), and the run goes
//! on with the next file.

use std::io;
use std::path::{Path, PathBuf};

use attesta::io::{read_file_limited, read_limited};
use attesta::text::{echo, escape_controls};
use attesta::{
    Error, FileOutcome, ValidationOptions, Validator, DEFAULT_MAX_DEPTH, DEFAULT_MAX_FINDINGS,
    DEFAULT_MAX_SIZE,
};

use crate::clock::today_utc;
use crate::frameworks::FrameworkArgs;
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
        Err(message) => {
            eprintln!("attesta: {message}");
            return Ok(Status::Failed);
        }
    };
    let evaluation = &args.evaluation;
    run_inputs(
        &args.files,
        evaluation.format,
        evaluation.max_size,
        |bytes| validator.validate_slice(bytes),
    )
}

/// Reads each input (`-`: standard input) within `max_size`, evaluates it and writes the
/// outcomes in `format`; shared by `validate` and `document check`.
///
/// # Errors
/// Only when standard output cannot be written.
pub(crate) fn run_inputs(
    files: &[PathBuf],
    format: Format,
    max_size: usize,
    evaluate: impl Fn(&[u8]) -> Result<attesta::Report, Error>,
) -> io::Result<Status> {
    let stdout = io::stdout().lock();
    let mut writer = Writer::new(stdout, format, colour_wanted());
    let mut status = Status::Valid;
    let mut counts = [0usize; 3];
    for path in files {
        let is_stdin = path.as_os_str() == "-";
        // A file name is shown to people: escaped and shortened like any echoed text.
        let name = if is_stdin {
            "<stdin>".to_owned()
        } else {
            echo(&path.display().to_string()).into_owned()
        };
        let outcome = read_input(path, is_stdin, max_size).and_then(|bytes| evaluate(&bytes));
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
fn validator(args: &Args) -> Result<Validator, String> {
    let options = args.evaluation.options()?;
    let frameworks = args.evaluation.frameworks.load()?;
    options
        .build_with(frameworks.set().clone())
        .map_err(|e| e.to_string())
}

impl EvaluationArgs {
    /// The validation options (`reference_date`: a date, `none`, or absent for today's UTC
    /// date).
    pub(crate) fn options(&self) -> Result<ValidationOptions, String> {
        let mut options = ValidationOptions::default()
            .strict(self.strict)
            .max_size(self.max_size)
            .max_depth(self.max_depth)
            .max_findings(self.max_findings);
        match self.reference_date.as_deref() {
            Some("none") => {}
            Some(text) => options.reference_date = Some(text.to_owned()),
            None => {
                let today = today_utc().ok_or("the system clock is not set to a usable date")?;
                options = options.reference_date(today);
            }
        }
        Ok(options)
    }
}

/// Reads one input within the size limit, never holding more than `max_size + 1` bytes.
fn read_input(path: &Path, is_stdin: bool, max_size: usize) -> Result<Vec<u8>, Error> {
    if is_stdin {
        read_limited(io::stdin().lock(), max_size, Path::new("<stdin>"), 0)
    } else {
        read_file_limited(path, max_size)
    }
}

/// The message for standard error; IO errors without the path, which the prefix already gives.
fn reason(error: &Error) -> String {
    match error {
        Error::Io { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}
