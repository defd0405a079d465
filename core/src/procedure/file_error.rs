//! [`CaseFileError`]: why a case file could not be read or written. The type is in every build
//! (bindings translate it whatever the features); only the code that reads and writes case
//! files needs feature `fs` (module `file`).

use std::path::PathBuf;

use super::event::IntegrityError;
use super::refusal::ReplayError;

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
    /// A new file would replace an existing one.
    #[error("{0}: already exists")]
    Exists(PathBuf),
    /// The file on disk changed since it was read: its events are not a prefix of the new
    /// log, or another program replaced it.
    #[error("{0}: the file changed since it was read (not written)")]
    Diverged(PathBuf),
    /// The path is a symlink, which Attesta never reads or writes through.
    #[error("{0}: is a symbolic link (refused)")]
    Symlink(PathBuf),
    /// The path is not a regular file (a folder, FIFO, device…).
    #[error("{0}: not a regular file")]
    NotAFile(PathBuf),
    /// The file is larger than the limit; nothing was read.
    #[error("{path}: larger than {limit} bytes")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The limit in bytes.
        limit: u64,
    },
    /// Another writer held the case's lock for longer than `file::LOCK_TIMEOUT`.
    #[error("{0}: another writer holds this case (lock not obtained)")]
    Locked(PathBuf),
    /// The signed head file is not a signed head.
    #[error("{0}: not a signed head")]
    BadHead(PathBuf),
    /// The path has no file name (`/`, `..`) or it is not UTF-8.
    #[error("{0}: not a file name Attesta can lock")]
    InvalidPath(PathBuf),
}
