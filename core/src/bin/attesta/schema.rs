//! `attesta schema NAME | --list`: prints the JSON Schema of one of Attesta's documents,
//! exactly as committed under `data/schemas/`.

use std::io::{self, Write};

use attesta::schema::{schema_text, NAMES};

use crate::Status;

/// Arguments of `attesta schema`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["name", "list"])))]
pub(crate) struct Args {
    /// Schema name, e.g. `competence-record` (see `--list`).
    name: Option<String>,
    /// List the schema names, one per line.
    #[arg(long)]
    list: bool,
}

/// Runs `attesta schema`.
///
/// # Errors
/// Only when standard output cannot be written.
pub(crate) fn run(args: &Args) -> io::Result<Status> {
    let mut out = io::stdout().lock();
    if args.list {
        for name in NAMES {
            writeln!(out, "{name}")?;
        }
        return Ok(Status::Valid);
    }
    let name = args.name.as_deref().unwrap_or_default();
    if let Some(text) = schema_text(name) {
        out.write_all(text.as_bytes())?;
        Ok(Status::Valid)
    } else {
        eprintln!(
            "attesta: unknown schema '{name}'; available: {}",
            NAMES.join(", ")
        );
        Ok(Status::Failed)
    }
}
