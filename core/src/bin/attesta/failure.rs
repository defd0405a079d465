//! [`Failure`]: why a command could not run, for people and for programs.
//!
//! People read a line on standard error (`attesta: …`, escaped: it may echo file names and
//! input keys). Programs that asked for JSON read the same failure as data on standard output,
//! `{"error": ErrorDetails}` (the library's one error shape, see `docs/error-kinds.md`): the
//! shape of an error entry of `validate --format json` and of the fixtures' `expected.json`.

use std::io::{self, Write};

use attesta::text::escape_controls;
use attesta::{ErrorDetails, ErrorKind};
use serde::Serialize;

/// Why a command could not run. People read [`Failure::text`] on standard error; with JSON
/// output, programs read the details on standard output as `{"error": ErrorDetails}`: the
/// shape of an error entry of `validate --format json` and of the fixtures' `expected.json`.
#[derive(Debug)]
pub(crate) struct Failure {
    /// The line for standard error (with the file name and hints a person needs).
    text: String,
    /// The error as data (boxed: it is large, and a `Result` carries it).
    details: Box<ErrorDetails>,
}

impl Failure {
    /// A failure of `kind` found by the program itself (its message is also the text).
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        let message = message.into();
        Failure {
            text: message.clone(),
            details: Box::new(ErrorDetails::new(kind, message)),
        }
    }

    /// Wrong arguments (`invalid_options`).
    pub(crate) fn options(message: impl Into<String>) -> Self {
        Failure::new(ErrorKind::InvalidOptions, message)
    }

    /// An input of the wrong shape for the command (`invalid_input`).
    pub(crate) fn input(message: impl Into<String>) -> Self {
        Failure::new(ErrorKind::InvalidInput, message)
    }

    /// Standard output cannot be written (`io`).
    pub(crate) fn output(error: &io::Error) -> Self {
        Failure::new(ErrorKind::Io, format!("cannot write output: {error}"))
    }

    /// A library error about the file `name`: the text names it once, even when the error's
    /// own message names it too (IO errors).
    pub(crate) fn about(name: impl std::fmt::Display, error: &attesta::Error) -> Self {
        Failure {
            text: format!("{name}: {}", crate::input::reason(error)),
            details: Box::new(error.details()),
        }
    }

    /// Puts `context` (a file name) before the text and the message.
    #[must_use]
    pub(crate) fn context(mut self, context: impl std::fmt::Display) -> Self {
        self.text = format!("{context}: {}", self.text);
        self.details.message = format!("{context}: {}", self.details.message);
        self
    }

    /// Sets where in the input the failure is (1-based line and column).
    #[must_use]
    pub(crate) fn at(mut self, line: usize, column: usize) -> Self {
        self.details.line = Some(line);
        self.details.column = Some(column);
        self
    }

    /// Adds a hint for people to the text (not to the message).
    #[must_use]
    pub(crate) fn hint(mut self, hint: &str) -> Self {
        self.text = format!("{}; {hint}", self.text);
        self
    }

    /// The error as data.
    pub(crate) fn details(&self) -> &ErrorDetails {
        &self.details
    }

    /// The text for standard error.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Replaces the text for standard error (the details stay).
    pub(crate) fn set_text(&mut self, text: String) {
        self.text = text;
    }

    /// Prints the text on standard error after `program: `, escaped (it may echo file names
    /// and input keys); with `json`, also `{"error": …}` on standard output.
    pub(crate) fn report(&self, program: &str, json: bool) {
        let _ = writeln!(
            io::stderr().lock(),
            "{program}: {}",
            escape_controls(&self.text)
        );
        if json {
            let mut out = io::stdout().lock();
            let _ = serde_json::to_writer_pretty(
                &mut out,
                &ErrorEntry {
                    error: &self.details,
                },
            )
            .map_err(io::Error::other)
            .and_then(|()| writeln!(out));
        }
    }
}

impl From<attesta::Error> for Failure {
    fn from(error: attesta::Error) -> Self {
        Failure {
            text: error.to_string(),
            details: Box::new(error.details()),
        }
    }
}

impl From<attesta::framework::FrameworkSetError> for Failure {
    fn from(error: attesta::framework::FrameworkSetError) -> Self {
        attesta::Error::from(error).into()
    }
}

impl From<attesta::procedure::CaseFileError> for Failure {
    fn from(error: attesta::procedure::CaseFileError) -> Self {
        attesta::Error::from(error).into()
    }
}

impl From<attesta::procedure::KeyError> for Failure {
    fn from(error: attesta::procedure::KeyError) -> Self {
        attesta::Error::from(error).into()
    }
}

/// `{"error": ErrorDetails}`: a failure in JSON output.
#[derive(Serialize)]
struct ErrorEntry<'a> {
    error: &'a ErrorDetails,
}
