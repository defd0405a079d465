//! Reading files within a size limit (feature `fs`).
//!
//! Every file Attesta reads goes through here, so none can make it allocate more than its
//! limit: a regular file's size is checked before a byte is read (a 2 GiB file over a 16 MiB
//! limit costs one `stat`), and reading stops one byte past the limit whatever the file is
//! (a file that grows, a device, a pipe), so `/dev/zero` is refused rather than read forever.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

/// Reads the file at `path`, refusing it with [`Error::TooLarge`] when it holds more than
/// `limit` bytes.
///
/// # Errors
/// [`Error::Io`] when the file cannot be opened or read, [`Error::TooLarge`] over the limit.
pub fn read_file_limited(path: &Path, limit: usize) -> Result<Vec<u8>> {
    let io_error = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let file = File::open(path).map_err(io_error)?;
    let size = file.metadata().map_err(io_error)?.len();
    if size > as_u64(limit) {
        return Err(Error::TooLarge {
            size: usize::try_from(size).unwrap_or(usize::MAX),
            limit,
        });
    }
    // The size is a hint only: the file may change between the check and the read.
    let hint = usize::try_from(size).unwrap_or(0).min(limit);
    read_limited(file, limit, path, hint)
}

/// Bytes past the limit that [`read_limited`] counts, without keeping them, to report the
/// true size of an input that is too large; a stream longer than that is endless for it.
pub const COUNT_PAST_LIMIT: u64 = 1024 * 1024 * 1024;

/// Reads `reader` to its end (standard input, a pipe), refusing it with
/// [`Error::TooLarge`] once it passes `limit` bytes; `path` names it in errors and
/// `capacity` is the expected size (0 when unknown).
///
/// Past the limit nothing more is kept: the rest is counted (so the error gives the true size
/// and the writer of a pipe is not cut off), up to [`COUNT_PAST_LIMIT`] bytes, after which the
/// input is [`Error::EndlessInput`], so `/dev/zero` cannot hang the caller.
///
/// # Errors
/// [`Error::Io`] when reading fails, [`Error::TooLarge`] or [`Error::EndlessInput`] over the
/// limit.
pub fn read_limited(
    mut reader: impl Read,
    limit: usize,
    path: &Path,
    capacity: usize,
) -> Result<Vec<u8>> {
    let io_error = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let mut bytes = Vec::with_capacity(capacity.min(limit));
    (&mut reader)
        .take(as_u64(limit).saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() > limit {
        let rest = std::io::copy(
            &mut (&mut reader).take(COUNT_PAST_LIMIT),
            &mut std::io::sink(),
        )
        .map_err(io_error)?;
        if rest >= COUNT_PAST_LIMIT {
            return Err(Error::EndlessInput { limit });
        }
        let size = usize::try_from(rest).map_or(usize::MAX, |r| bytes.len().saturating_add(r));
        return Err(Error::TooLarge { size, limit });
    }
    Ok(bytes)
}

/// A limit as `u64` (`usize` is at most 64 bits on every target Attesta builds for).
fn as_u64(limit: usize) -> u64 {
    u64::try_from(limit).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_hold_for_files_and_streams() {
        let dir = std::env::temp_dir().join(format!("attesta-io-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("five.txt");
        std::fs::write(&path, b"12345").unwrap();
        assert_eq!(read_file_limited(&path, 5).unwrap(), b"12345");
        assert!(matches!(
            read_file_limited(&path, 4),
            Err(Error::TooLarge { size: 5, limit: 4 })
        ));
        assert!(matches!(
            read_file_limited(&dir.join("absent"), 4),
            Err(Error::Io { .. })
        ));
        // A stream over the limit is counted, not kept; an endless one is stopped; the
        // largest limit never wraps around to zero.
        assert!(matches!(
            read_limited(&[b'x'; 3000][..], 1000, &path, 0),
            Err(Error::TooLarge {
                size: 3000,
                limit: 1000
            })
        ));
        let endless = std::io::repeat(b'x');
        assert!(matches!(
            read_limited(endless, 1000, &path, 0),
            Err(Error::EndlessInput { limit: 1000 })
        ));
        assert_eq!(
            read_limited(&b"abc"[..], usize::MAX, &path, 0).unwrap(),
            b"abc"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
