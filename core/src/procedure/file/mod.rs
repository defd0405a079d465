//! Case files: a case's event log as a JSON Lines file (feature `fs`).
//!
//! **One writer at a time.** A writer ([`CaseFile::open`], [`CaseFile::create`]) holds an
//! exclusive advisory lock (`flock` on unix, `LockFileEx` on Windows, through `fs4`) for the
//! whole read–check–append–replace sequence, so two `attesta case act` on one file run one
//! after the other and neither loses the other's event. The lock is taken on a persistent
//! sidecar file `.<name>.lock` in the case's folder, not on the case file itself: a save
//! *replaces* the case file (a new inode), so a writer waiting on the old file's lock would
//! get it on a file no longer in the folder and append to a stale log. The sidecar is never
//! replaced or deleted (deleting it would reopen the same race between a waiting writer and a
//! new one), is created 0600 and opened without following a symlink. Locking the folder
//! instead would serialise every case in it and cannot be done on Windows. The lock is
//! advisory: it orders Attesta's writers; a program ignoring it is caught by the checks below.
//!
//! **Crash safety.** A save never modifies the file in place: the whole new log goes to a
//! unique temporary in the same folder (`.<name>.XXXXXXXX.tmp`, created with `O_EXCL` by
//! `tempfile`, so nothing planted at that name is ever opened), which gets the case file's
//! mode and group (0600 for a new case; a group the writer cannot set loses its bits rather
//! than pass to the writer's group), is synced, then renamed over the case file; then the
//! folder is synced. A rename within a folder is atomic, so after a crash the case file is the
//! old log or the new one, never a torn one. A killed writer may leave its temporary behind:
//! the next writer removes it under the lock. Rewriting the whole file costs O(events) per
//! action, which is nothing for a case (tens to hundreds of events).
//!
//! **No lost history.** Under the lock, a save still refuses to replace a log whose events
//! are not a prefix of the new ones, or a file that changed on disk since it was read
//! ([`CaseFileError::Diverged`]), so an editor or a program that ignores the lock cannot have
//! its change silently overwritten.
//!
//! **No symlink followed.** The case file, its lock and temporaries, and documents written
//! with [`write_document`] are never opened or replaced through a symlink at their own name
//! ([`CaseFileError::Symlink`]); a FIFO or device there is refused without blocking.
//!
//! **Signed head.** A signed case keeps the [`SignedHead`] of its last event in a file beside
//! it, `<name>.head` ([`head_path`]), written atomically under the same lock right after the
//! log ([`CaseFile::write_head`]); it is what shows a truncated log (see
//! [`signing`](super::signing)).
//!
//! **Bounded reading.** A case file larger than [`MAX_CASE_FILE_BYTES`] is refused before
//! anything is read. Reading accepts only the exact canonical form ([`parse_log`]), so a torn
//! or edited file is reported with the line at fault.

mod append;
mod os;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use super::CaseFileError;
use super::{parse_log, write_log, Case, Event, FrameworkPolicy, SignedHead};
use crate::framework::FrameworkSet;
pub use append::{append_events, Appended};
pub use os::LOCK_TIMEOUT;
use os::{io, Replace};

/// The largest case file read (64 MiB): a case has tens to hundreds of events of a few
/// kilobytes each, so this is generous, and it bounds the memory a hostile file can take.
pub const MAX_CASE_FILE_BYTES: u64 = 64 << 20;

/// The largest signed head file read (a head is about 300 bytes).
pub const MAX_HEAD_FILE_BYTES: u64 = 64 << 10;

/// Reads and verifies a case file (without the lock: a save replaces the file atomically, so
/// a reader sees a whole log). Refuses symlinks and files over [`MAX_CASE_FILE_BYTES`].
///
/// # Errors
/// IO errors, [`CaseFileError::Symlink`], [`CaseFileError::TooLarge`], and
/// [`CaseFileError::Integrity`] naming the first bad line.
pub fn read_events(path: &Path) -> Result<Vec<Event>, CaseFileError> {
    let (bytes, _) = os::read_file(path, MAX_CASE_FILE_BYTES)?;
    parse(path, &bytes)
}

fn parse(path: &Path, bytes: &[u8]) -> Result<Vec<Event>, CaseFileError> {
    parse_log(bytes).map_err(|error| CaseFileError::Integrity {
        path: path.to_owned(),
        error,
    })
}

/// Reads a case file and replays it.
///
/// # Errors
/// As [`read_events`], and [`CaseFileError::Replay`].
pub fn load(path: &Path, frameworks: Arc<FrameworkSet>) -> Result<Case, CaseFileError> {
    load_with(path, frameworks, FrameworkPolicy::Require)
}

/// Reads a case file and replays it under `policy` (see [`Case::from_events_with`]).
///
/// # Errors
/// As [`read_events`], and [`CaseFileError::Replay`].
pub fn load_with(
    path: &Path,
    frameworks: Arc<FrameworkSet>,
    policy: FrameworkPolicy,
) -> Result<Case, CaseFileError> {
    replay_with(path, frameworks, read_events(path)?, policy)
}

fn replay_with(
    path: &Path,
    frameworks: Arc<FrameworkSet>,
    events: Vec<Event>,
    policy: FrameworkPolicy,
) -> Result<Case, CaseFileError> {
    Case::from_events_with(frameworks, events, policy).map_err(|error| CaseFileError::Replay {
        path: path.to_owned(),
        error,
    })
}

/// Writes a new case file; refuses to replace an existing file.
///
/// # Errors
/// [`CaseFileError::Exists`], IO errors.
pub fn create(path: &Path, events: &[Event]) -> Result<(), CaseFileError> {
    CaseFile::create(path)?.commit(events)
}

/// Saves a grown log over an existing case file, atomically and under the case's lock.
///
/// # Errors
/// [`CaseFileError::Diverged`] when the file's events are not a prefix of `events`;
/// integrity and IO errors.
pub fn save(path: &Path, events: &[Event]) -> Result<(), CaseFileError> {
    CaseFile::open(path)?.commit(events)
}

/// The signed head file of the case file `case`: `<name>.head` in the same folder.
///
/// # Errors
/// [`CaseFileError::InvalidPath`] when `case` has no file name.
pub fn head_path(case: &Path) -> Result<PathBuf, CaseFileError> {
    Ok(os::parent(case).join(format!("{}.head", os::file_name(case)?)))
}

/// Reads the signed head kept beside the case file `case` (`None` when there is none). Never
/// through a symlink; larger than [`MAX_HEAD_FILE_BYTES`] is refused before reading.
///
/// # Errors
/// [`CaseFileError::BadHead`] when the file is not a signed head; IO errors.
pub fn read_signed_head(case: &Path) -> Result<Option<SignedHead>, CaseFileError> {
    let path = head_path(case)?;
    let bytes = match os::read_file(&path, MAX_HEAD_FILE_BYTES) {
        Ok((bytes, _)) => bytes,
        Err(CaseFileError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return Ok(None)
        }
        Err(other) => return Err(other),
    };
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|_| CaseFileError::BadHead(path))
}

/// Reads a whole input file (an action, a key) of at most `limit` bytes, refusing before
/// reading when the file is larger. Unlike case files, inputs may be reached through a
/// symlink: they are only read.
///
/// # Errors
/// [`CaseFileError::TooLarge`], IO errors.
pub fn read_input(path: &Path, limit: u64) -> Result<Vec<u8>, CaseFileError> {
    let file = std::fs::File::open(path).map_err(io(path))?;
    let len = file.metadata().map_err(io(path))?.len();
    os::read_bounded(&file, Some(len), limit, path)
}

/// Reads at most `limit` bytes from a stream (standard input); more is
/// [`CaseFileError::TooLarge`] (`name` is the path reported).
///
/// # Errors
/// [`CaseFileError::TooLarge`], IO errors.
pub fn read_stream(
    reader: impl std::io::Read,
    limit: u64,
    name: &Path,
) -> Result<Vec<u8>, CaseFileError> {
    os::read_bounded(reader, None, limit, name)
}

/// Writes a document atomically (unique temporary, synced, renamed), mode 0600 for a new file.
/// An existing file is replaced only when `overwrite` is set (keeping its permissions); a
/// symlink at `path` is refused either way, and never written through.
///
/// # Errors
/// [`CaseFileError::Exists`], [`CaseFileError::Symlink`], [`CaseFileError::NotAFile`], IO.
pub fn write_document(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), CaseFileError> {
    let replace = if overwrite {
        Replace::RegularFile
    } else {
        Replace::Never
    };
    os::write_atomically(path, bytes, replace)
}

/// Checks, before any document is written, that [`write_document`] may write `path`: nothing
/// there, or a regular file and `overwrite`. Lets a caller refuse a whole set of documents
/// rather than stop half-way.
///
/// # Errors
/// As [`write_document`].
pub fn check_document_path(path: &Path, overwrite: bool) -> Result<(), CaseFileError> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(CaseFileError::Symlink(path.to_owned())),
        Ok(meta) if !meta.is_file() => Err(CaseFileError::NotAFile(path.to_owned())),
        Ok(_) if !overwrite => Err(CaseFileError::Exists(path.to_owned())),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(CaseFileError::Io {
            path: path.to_owned(),
            source,
        }),
    }
}

/// What identifies the version of a case file that was read, to notice a replacement by a
/// program that ignores the lock.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Identity {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    inode: (u64, u64),
}

impl Identity {
    fn of(meta: &std::fs::Metadata) -> Identity {
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt as _;
        Identity {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: (meta.dev(), meta.ino()),
        }
    }
}

/// A case file held for writing: the exclusive lock, and the events read under it.
///
/// Dropping it releases the lock. Typical use: [`CaseFile::open`], replay
/// [`CaseFile::events`], act, then [`CaseFile::commit`] the grown log.
#[derive(Debug)]
pub struct CaseFile {
    path: PathBuf,
    /// Held for the lock; closing it releases the lock.
    _lock: std::fs::File,
    /// `None` while the case file does not exist yet.
    identity: Option<Identity>,
    events: Vec<Event>,
}

impl CaseFile {
    /// Takes the lock of an existing case file, removes temporaries a killed writer left,
    /// and reads the log.
    ///
    /// # Errors
    /// [`CaseFileError::Locked`] after [`LOCK_TIMEOUT`], the errors of [`read_events`].
    pub fn open(path: &Path) -> Result<CaseFile, CaseFileError> {
        let lock = Self::lock(path)?;
        let (bytes, meta) = os::read_file(path, MAX_CASE_FILE_BYTES)?;
        let events = parse(path, &bytes)?;
        Ok(CaseFile {
            path: path.to_owned(),
            _lock: lock,
            identity: Some(Identity::of(&meta)),
            events,
        })
    }

    /// Takes the lock for a new case file, which must not exist, nor its signed head file.
    ///
    /// # Errors
    /// [`CaseFileError::Exists`] (also for a symlink there), [`CaseFileError::Locked`], IO.
    pub fn create(path: &Path) -> Result<CaseFile, CaseFileError> {
        let lock = Self::lock(path)?;
        // A signed head left by a deleted case of the same name would be taken for this
        // case's: refuse rather than delete what may be evidence.
        let head = head_path(path)?;
        if std::fs::symlink_metadata(&head).is_ok() {
            return Err(CaseFileError::Exists(head));
        }
        match std::fs::symlink_metadata(path) {
            Ok(_) => Err(CaseFileError::Exists(path.to_owned())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(CaseFile {
                path: path.to_owned(),
                _lock: lock,
                identity: None,
                events: Vec::new(),
            }),
            Err(source) => Err(CaseFileError::Io {
                path: path.to_owned(),
                source,
            }),
        }
    }

    fn lock(path: &Path) -> Result<std::fs::File, CaseFileError> {
        let name = os::file_name(path)?;
        let dir = os::parent(path);
        let lock = os::lock(&dir.join(format!(".{name}.lock")))?;
        os::remove_stale_temporaries(&dir, &name)?;
        os::remove_stale_temporaries(&dir, &format!("{name}.head"))?;
        Ok(lock)
    }

    /// The case file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The events on disk (empty for a new case).
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Replays the events read under the lock.
    ///
    /// # Errors
    /// [`CaseFileError::Replay`].
    pub fn replay(&self, frameworks: Arc<FrameworkSet>) -> Result<Case, CaseFileError> {
        self.replay_with(frameworks, FrameworkPolicy::Require)
    }

    /// Replays the events read under the lock; with [`FrameworkPolicy::AllowChange`] other
    /// frameworks than those the case recorded are accepted (the next action records the
    /// change).
    ///
    /// # Errors
    /// [`CaseFileError::Replay`].
    pub fn replay_with(
        &self,
        frameworks: Arc<FrameworkSet>,
        policy: FrameworkPolicy,
    ) -> Result<Case, CaseFileError> {
        replay_with(&self.path, frameworks, self.events.clone(), policy)
    }

    /// Replaces the log with `events`, which must start with the events read. On success the
    /// new log is on disk (synced); on error the file is unchanged.
    ///
    /// # Errors
    /// [`CaseFileError::Diverged`] when `events` does not extend the log read, or the file
    /// was changed by another program; [`CaseFileError::Exists`] when a new case's file
    /// appeared meanwhile; integrity (a float in a payload) and IO errors.
    pub fn commit(&mut self, events: &[Event]) -> Result<(), CaseFileError> {
        let read = &self.events;
        if read.len() > events.len() || read[..] != events[..read.len()] {
            return Err(CaseFileError::Diverged(self.path.clone()));
        }
        let text = write_log(events).map_err(|error| CaseFileError::Integrity {
            path: self.path.clone(),
            error,
        })?;
        let replace = match &self.identity {
            None => Replace::Never,
            Some(identity) => {
                let now = std::fs::symlink_metadata(&self.path).map_err(io(&self.path))?;
                if now.file_type().is_symlink() {
                    return Err(CaseFileError::Symlink(self.path.clone()));
                }
                if Identity::of(&now) != *identity {
                    return Err(CaseFileError::Diverged(self.path.clone()));
                }
                Replace::RegularFile
            }
        };
        os::write_atomically(&self.path, text.as_bytes(), replace)?;
        self.events = events.to_vec();
        self.identity = std::fs::symlink_metadata(&self.path)
            .ok()
            .map(|m| Identity::of(&m));
        Ok(())
    }

    /// Writes the signed head of the log just committed beside it ([`head_path`]),
    /// atomically, keeping the head file's permissions (0600 when new).
    ///
    /// # Errors
    /// [`CaseFileError::Diverged`] when `head` is not the last event committed (nothing is
    /// written); IO and symlink errors. The log itself is already on disk either way.
    pub fn write_head(&self, head: &SignedHead) -> Result<(), CaseFileError> {
        if self.events.last().map(Event::head) != Some(head.head()) {
            return Err(CaseFileError::Diverged(self.path.clone()));
        }
        let mut text = serde_json::to_string(head).map_err(|e| CaseFileError::Io {
            path: self.path.clone(),
            source: e.into(),
        })?;
        text.push('\n');
        os::write_atomically(
            &head_path(&self.path)?,
            text.as_bytes(),
            Replace::RegularFile,
        )
    }
}
