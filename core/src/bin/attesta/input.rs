//! Reading the program's inputs: every file and standard input goes through the core's
//! size-limited reader ([`attesta::io`]), so no input makes the program allocate past its
//! limit and the Python and WebAssembly bindings read files with the same code.
//!
//! Case files, actions and keys are read by `attesta::procedure::file`, which uses the same
//! reader and adds the case files' own rules (no symlink, their own limits).

use std::io;
use std::path::Path;

use attesta::io::{read_file_limited, read_limited, LimitedLines};
use attesta::Error;

/// Whether `path` names standard input (`-`).
pub(crate) fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The path errors give for standard input.
const STDIN: &str = "<stdin>";

/// Reads one whole input (`-`: standard input) of at most `limit` bytes.
pub(crate) fn read(path: &Path, limit: usize) -> Result<Vec<u8>, Error> {
    if is_stdin(path) {
        read_limited(io::stdin().lock(), limit, Path::new(STDIN), 0)
    } else {
        read_file_limited(path, limit)
    }
}

/// The lines of a JSON Lines input (`-`: standard input), each of at most `limit` bytes.
pub(crate) fn lines(
    path: &Path,
    limit: usize,
) -> Result<LimitedLines<Box<dyn io::BufRead>>, Error> {
    let reader: Box<dyn io::BufRead> = if is_stdin(path) {
        Box::new(io::BufReader::new(io::stdin()))
    } else {
        let file = std::fs::File::open(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
        Box::new(io::BufReader::new(file))
    };
    Ok(LimitedLines::new(reader, limit, path))
}

/// The message of a read error for people; IO errors without the path, which the caller's
/// prefix already gives.
pub(crate) fn reason(error: &Error) -> String {
    match error {
        Error::Io { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

/// Reads a competence record (`-`: standard input) for a command that needs one whole:
/// structure problems are `attesta validate`'s job, so the failure says so instead of guessing.
/// serde's message may quote a value of the record: only its masked description is shown.
pub(crate) fn read_record(
    path: &Path,
) -> Result<attesta::model::CompetenceRecord, crate::failure::Failure> {
    use crate::failure::Failure;
    let name = path.display();
    let bytes = read(path, attesta::DEFAULT_MAX_SIZE).map_err(|e| Failure::about(&name, &e))?;
    serde_json::from_slice(&bytes).map_err(|e| {
        Failure::input(format!(
            "{name}: not a competence record ({}); run `attesta validate` on it",
            attesta::text::describe_serde_error(&e.to_string())
        ))
    })
}
