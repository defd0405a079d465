//! The file-system primitives under case files and documents: opening without following
//! symlinks, reading with a size limit checked first, the advisory lock, unique temporaries,
//! atomic replacement and folder sync.
//!
//! Everything here refuses to follow a symlink at the *last* component of a path (the case
//! file, its lock, its temporaries, a document): on unix through `O_NOFOLLOW`, elsewhere
//! through a `symlink_metadata` check just before opening. Folders named in a path are the
//! caller's choice and are followed.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::CaseFileError;

pub(super) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> CaseFileError + '_ {
    move |source| CaseFileError::Io {
        path: path.to_owned(),
        source,
    }
}

/// The folder holding `path` (`.` for a bare file name).
pub(super) fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// The last component of `path`, which names the case's lock and temporaries.
pub(super) fn file_name(path: &Path) -> Result<String, CaseFileError> {
    path.file_name()
        .and_then(|n| n.to_str())
        .map(str::to_owned)
        .ok_or_else(|| CaseFileError::InvalidPath(path.to_owned()))
}

/// Maps an open error to [`CaseFileError::Symlink`] when `path` is a symlink (the error a
/// refused `O_NOFOLLOW` gives differs between systems: `ELOOP`, `EMLINK`, `EFTYPE`).
fn open_error(path: &Path, source: std::io::Error) -> CaseFileError {
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        CaseFileError::Symlink(path.to_owned())
    } else {
        CaseFileError::Io {
            path: path.to_owned(),
            source,
        }
    }
}

/// Opens `options` at `path` without following a symlink there and without blocking on a
/// FIFO (`O_NONBLOCK` has no effect on regular files), then requires a regular file.
fn open_nofollow(path: &Path, options: &mut OpenOptions) -> Result<File, CaseFileError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    #[cfg(not(unix))]
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(CaseFileError::Symlink(path.to_owned()));
    }
    let file = options.open(path).map_err(|e| open_error(path, e))?;
    let meta = file.metadata().map_err(io(path))?;
    if !meta.is_file() {
        return Err(CaseFileError::NotAFile(path.to_owned()));
    }
    Ok(file)
}

/// Opens an existing file for reading, never through a symlink.
pub(super) fn open_read(path: &Path) -> Result<File, CaseFileError> {
    open_nofollow(path, OpenOptions::new().read(true))
}

/// Reads at most `limit` bytes of `reader`; more is [`CaseFileError::TooLarge`]. `known_len`
/// (the file's size, when known) is checked first so that nothing is read from a file that is
/// too large, and sizes the buffer.
///
/// The reading itself is the crate's one bounded reader, [`crate::io::read_limited`] (the CLI
/// and the bindings read records and documents with it too); only its errors are told in the
/// terms of case files: the path and the limit, not the size (a case file's size says nothing
/// more, and standard input's is not known).
pub(super) fn read_bounded(
    reader: impl Read,
    known_len: Option<u64>,
    limit: u64,
    path: &Path,
) -> Result<Vec<u8>, CaseFileError> {
    let too_large = || CaseFileError::TooLarge {
        path: path.to_owned(),
        limit,
    };
    if known_len.is_some_and(|len| len > limit) {
        return Err(too_large());
    }
    // Only a hint: a file may grow between the size check and the read, which the reader bounds.
    let hint = known_len.map_or(0, |len| usize::try_from(len).unwrap_or(0));
    let limit_bytes = usize::try_from(limit).unwrap_or(usize::MAX);
    crate::io::read_limited(reader, limit_bytes, path, hint).map_err(|error| match error {
        crate::Error::Io { source, .. } => CaseFileError::Io {
            path: path.to_owned(),
            source,
        },
        // The reader fails otherwise only over the limit (`TooLarge`, `EndlessInput`).
        _ => too_large(),
    })
}

/// Reads a whole regular file (never through a symlink) of at most `limit` bytes, with the
/// metadata of the file read.
pub(super) fn read_file(path: &Path, limit: u64) -> Result<(Vec<u8>, fs::Metadata), CaseFileError> {
    let file = open_read(path)?;
    let meta = file.metadata().map_err(io(path))?;
    let bytes = read_bounded(&file, Some(meta.len()), limit, path)?;
    Ok((bytes, meta))
}

/// How long a writer waits for another writer of the same case before giving up.
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(30);

/// Opens (creating it, mode 0600) the persistent lock file at `path` without following a
/// symlink, and takes its exclusive lock, waiting at most [`LOCK_TIMEOUT`].
pub(super) fn lock(path: &Path) -> Result<File, CaseFileError> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let file = open_nofollow(path, &mut options)?;
    let start = Instant::now();
    let mut pause = Duration::from_millis(1);
    loop {
        match fs4::FileExt::try_lock(&file) {
            Ok(()) => return Ok(file),
            Err(fs4::TryLockError::WouldBlock) if start.elapsed() < LOCK_TIMEOUT => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            Err(fs4::TryLockError::WouldBlock) => {
                return Err(CaseFileError::Locked(path.to_owned()))
            }
            Err(fs4::TryLockError::Error(source)) => {
                return Err(CaseFileError::Io {
                    path: path.to_owned(),
                    source,
                })
            }
        }
    }
}

/// The file name prefix and suffix of the temporaries of the file named `name`.
fn temp_affixes(name: &str) -> (String, &'static str) {
    (format!(".{name}."), ".tmp")
}

/// Length of the random part of a temporary's name (alphanumeric, as `tempfile` makes it).
const TEMP_RANDOM_LEN: usize = 8;

/// Removes temporaries that a killed writer of `name` left in `dir`. Call only under the
/// case's lock: an unlocked caller could remove the temporary of a writer at work.
pub(super) fn remove_stale_temporaries(dir: &Path, name: &str) -> Result<(), CaseFileError> {
    let (prefix, suffix) = temp_affixes(name);
    // The fixed name used by earlier versions of Attesta.
    let legacy = format!(".{name}.tmp");
    let entries = fs::read_dir(dir).map_err(io(dir))?;
    for entry in entries {
        let entry = entry.map_err(io(dir))?;
        let Some(file) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        let ours = file == legacy
            || file
                .strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(suffix))
                .is_some_and(|random| {
                    random.len() == TEMP_RANDOM_LEN
                        && random.bytes().all(|b| b.is_ascii_alphanumeric())
                });
        if ours {
            // remove_file removes a symlink itself, never what it points to.
            let path = entry.path();
            fs::remove_file(&path).map_err(io(&path))?;
        }
    }
    Ok(())
}

/// Whether [`write_atomically`] may replace an existing file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Replace {
    /// Fail with [`CaseFileError::Exists`] if the path exists (even as a dangling symlink).
    Never,
    /// Replace a regular file (keeping its permissions); a symlink is still refused.
    RegularFile,
}

/// Writes `bytes` to `path` through a unique temporary in the same folder (`O_EXCL`), given
/// the access of the replaced file or 0600 ([`copy_access`]), synced, then renamed over `path` (or hard-linked when
/// nothing may be replaced, which fails rather than follow or replace anything), then syncs
/// the folder. Returns once the new content is in place: later failures cannot undo it.
pub(super) fn write_atomically(
    path: &Path,
    bytes: &[u8],
    replace: Replace,
) -> Result<(), CaseFileError> {
    let name = file_name(path)?;
    let dir = parent(path);
    let replaced = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(CaseFileError::Symlink(path.to_owned()))
        }
        Ok(_) if replace == Replace::Never => return Err(CaseFileError::Exists(path.to_owned())),
        Ok(meta) if !meta.is_file() => return Err(CaseFileError::NotAFile(path.to_owned())),
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => {
            return Err(CaseFileError::Io {
                path: path.to_owned(),
                source,
            })
        }
    };
    let (prefix, suffix) = temp_affixes(&name);
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(suffix)
        .rand_bytes(TEMP_RANDOM_LEN)
        .tempfile_in(&dir)
        .map_err(io(&dir))?;
    let temp_path = temp.path().to_owned();
    temp.write_all(bytes).map_err(io(&temp_path))?;
    copy_access(temp.as_file(), replaced.as_ref()).map_err(io(&temp_path))?;
    temp.as_file().sync_all().map_err(io(&temp_path))?;
    // On failure the temporary is dropped, which deletes it.
    match replace {
        Replace::Never => temp.persist_noclobber(path).map(drop).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                CaseFileError::Exists(path.to_owned())
            } else {
                CaseFileError::Io {
                    path: path.to_owned(),
                    source: e.error,
                }
            }
        })?,
        Replace::RegularFile => temp
            .persist(path)
            .map(drop)
            .map_err(|e| CaseFileError::Io {
                path: path.to_owned(),
                source: e.error,
            })?,
    }
    sync_dir(&dir);
    Ok(())
}

/// Gives the new file the access of the one it replaces, or 0600 when there is none (case
/// files and documents hold personal data). On unix: the owner when the writer may set it
/// (root), the group when the writer belongs to it, then the mode; when the group cannot be
/// kept its bits are cleared, so that the writer's own group never gets the access meant for
/// another. `fchmod`, unlike the mode given at creation, is not narrowed by the umask.
/// Elsewhere permissions are ACLs inherited from the folder, which the new file already has;
/// only the read-only flag is copied.
fn copy_access(file: &File, replaced: Option<&fs::Metadata>) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::fs::Permissions;
        use std::os::unix::fs::{fchown, MetadataExt as _, PermissionsExt as _};
        let Some(old) = replaced else {
            return file.set_permissions(Permissions::from_mode(0o600));
        };
        let mut mode = old.mode() & 0o7777;
        let new = file.metadata()?;
        if new.uid() != old.uid() {
            // Only a privileged writer may give a file away; otherwise it stays the writer's.
            let _ = fchown(file, Some(old.uid()), None);
        }
        if new.gid() != old.gid() && fchown(file, None, Some(old.gid())).is_err() {
            mode &= !0o070;
        }
        file.set_permissions(Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        match replaced {
            Some(old) => file.set_permissions(old.permissions()),
            None => Ok(()),
        }
    }
}

/// Makes a rename in `dir` durable. Opening a folder is not possible on every platform;
/// where it fails the rename is still atomic and only its durability is left to the system.
/// The new content is in place either way, so a failure here is not reported as a failed
/// write (a non-zero exit must mean the file is unchanged).
fn sync_dir(dir: &Path) {
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
}
