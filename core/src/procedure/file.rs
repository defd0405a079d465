//! Case files: a case's event log as a JSON Lines file (feature `fs`).
//!
//! **Crash safety.** A save never modifies the file in place: the whole new log is written to
//! a temporary file in the same directory (`.<name>.tmp`), flushed to disk (`fsync`), then
//! renamed over the case file, and the directory is synced. A rename within one directory is
//! atomic on POSIX file systems, so after a crash the case file is either the old log or the
//! new one, never a half-written event. Rewriting the whole file costs O(events) per action,
//! which is nothing for a case (tens to hundreds of events).
//!
//! **No lost history.** A save refuses to replace a log whose events are not a prefix of the
//! new ones, so a stale copy cannot overwrite events written in the meantime (one writer per
//! case is still expected; there is no locking).
//!
//! Reading accepts only the exact canonical form ([`parse_log`]), so a torn or edited file
//! is reported with the line at fault.

use std::fs::{self, File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{parse_log, write_log, Event, IntegrityError, ReplayError, ValidationCase};
use crate::framework::FrameworkSet;

/// Why a case file could not be read or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CaseFileError {
    /// Reading or writing failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not an intact log.
    #[error("{path}: {error}")]
    Integrity {
        /// The file.
        path: PathBuf,
        /// The first bad line or event.
        error: IntegrityError,
    },
    /// The log is intact but does not replay.
    #[error("{path}: {error}")]
    Replay {
        /// The file.
        path: PathBuf,
        /// Why.
        error: ReplayError,
    },
    /// A new case file would replace an existing one.
    #[error("{0}: a case file already exists")]
    Exists(PathBuf),
    /// The file on disk holds events that the new log does not start with.
    #[error(
        "{0}: the file changed since it was read (its events are not a prefix of the new log)"
    )]
    Diverged(PathBuf),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> CaseFileError + '_ {
    move |source| CaseFileError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Reads and verifies a case file.
///
/// # Errors
/// IO errors, and [`CaseFileError::Integrity`] naming the first bad line.
pub fn read_events(path: &Path) -> Result<Vec<Event>, CaseFileError> {
    let bytes = fs::read(path).map_err(io(path))?;
    parse_log(&bytes).map_err(|error| CaseFileError::Integrity {
        path: path.to_owned(),
        error,
    })
}

/// Reads a case file and replays it.
///
/// # Errors
/// As [`read_events`], and [`CaseFileError::Replay`].
pub fn load(path: &Path, frameworks: Arc<FrameworkSet>) -> Result<ValidationCase, CaseFileError> {
    let events = read_events(path)?;
    ValidationCase::from_events(frameworks, events).map_err(|error| CaseFileError::Replay {
        path: path.to_owned(),
        error,
    })
}

/// Writes a new case file; refuses to replace an existing file.
///
/// # Errors
/// [`CaseFileError::Exists`], IO errors.
pub fn create(path: &Path, events: &[Event]) -> Result<(), CaseFileError> {
    if path.exists() {
        return Err(CaseFileError::Exists(path.to_owned()));
    }
    write_atomically(path, events)
}

/// Saves a grown log over an existing case file, atomically.
///
/// # Errors
/// [`CaseFileError::Diverged`] when the file's events are not a prefix of `events`;
/// integrity and IO errors.
pub fn save(path: &Path, events: &[Event]) -> Result<(), CaseFileError> {
    let current = read_events(path)?;
    if current.len() > events.len() || current[..] != events[..current.len()] {
        return Err(CaseFileError::Diverged(path.to_owned()));
    }
    write_atomically(path, events)
}

fn write_atomically(path: &Path, events: &[Event]) -> Result<(), CaseFileError> {
    let text = write_log(events).map_err(|error| CaseFileError::Integrity {
        path: path.to_owned(),
        error,
    })?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "case".to_owned(), |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(".{name}.tmp"));
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&temp)
        .map_err(io(&temp))?;
    file.write_all(text.as_bytes()).map_err(io(&temp))?;
    file.sync_all().map_err(io(&temp))?;
    drop(file);
    fs::rename(&temp, path).map_err(io(path))?;
    // Make the rename itself durable. Opening a directory is not possible on every platform;
    // where it fails the rename is still atomic, only its durability is left to the OS.
    if let Ok(dir_handle) = File::open(&dir) {
        let _ = dir_handle.sync_all();
    }
    Ok(())
}
