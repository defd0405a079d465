//! Reading files within a size limit (feature `fs`).
//!
//! Every file Attesta reads goes through here, so none can make it allocate more than its
//! limit: a regular file's size is checked before a byte is read (a 2 GiB file over a 16 MiB
//! limit costs one `stat`), and reading stops one byte past the limit whatever the file is
//! (a file that grows, a device, a pipe), so `/dev/zero` is refused rather than read forever.
//!
//! The `attesta` program reads every input through here: records and documents
//! ([`crate::Validator::validate_file`], [`crate::documents::DocumentChecker::check_file`]),
//! profiles, keys, actions and case files (through `procedure::file`), and JSON Lines batches
//! ([`LimitedLines`]), so the bindings' file readers and the program share one limit policy.

use std::fs::File;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

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

/// The lines of a JSON Lines stream, read one at a time, each refused past a size limit, so
/// a batch of any length streams in the memory of one line.
///
/// Each item is the 1-based line number and the line without its `\n` (a `\r` before it is
/// left: JSON parsers take it as white space). A line over the limit is not kept: the rest of
/// it is skipped and counted (as [`read_limited`] does) and the item is [`Error::TooLarge`];
/// the next item is the next line. After [`Error::EndlessInput`] or an [`Error::Io`] nothing
/// more is read.
#[derive(Debug)]
pub struct LimitedLines<R> {
    reader: R,
    limit: usize,
    path: PathBuf,
    number: usize,
    done: bool,
}

impl<R: BufRead> LimitedLines<R> {
    /// The lines of `reader`, each at most `limit` bytes; `path` names the input in errors.
    pub fn new(reader: R, limit: usize, path: &Path) -> Self {
        LimitedLines {
            reader,
            limit,
            path: path.to_owned(),
            number: 0,
            done: false,
        }
    }

    /// Reads the next line, or `None` at the end of the input.
    fn next_line(&mut self) -> Result<Option<Vec<u8>>> {
        let mut line = Vec::new();
        let read = (&mut self.reader)
            .take(as_u64(self.limit).saturating_add(1))
            .read_until(b'\n', &mut line)
            .map_err(|source| self.io_error(source))?;
        if read == 0 {
            return Ok(None);
        }
        if line.last() == Some(&b'\n') {
            line.pop();
            if line.len() <= self.limit {
                return Ok(Some(line));
            }
        } else if line.len() <= self.limit {
            // The last line, without a newline.
            return Ok(Some(line));
        }
        // Over the limit: skip the rest of the line (counted, never kept).
        let rest = self.skip_line()?;
        let size = usize::try_from(rest).map_or(usize::MAX, |r| line.len().saturating_add(r));
        Err(Error::TooLarge {
            size,
            limit: self.limit,
        })
    }

    /// Skips to just past the next `\n`; returns how many bytes of the line were skipped.
    fn skip_line(&mut self) -> Result<u64> {
        let mut skipped = 0u64;
        loop {
            let buffer = self.reader.fill_buf().map_err(|source| Error::Io {
                path: self.path.clone(),
                source,
            })?;
            if buffer.is_empty() {
                return Ok(skipped);
            }
            let (taken, ends) = match buffer.iter().position(|&b| b == b'\n') {
                Some(at) => (at + 1, true),
                None => (buffer.len(), false),
            };
            self.reader.consume(taken);
            if ends {
                return Ok(skipped + as_u64(taken) - 1);
            }
            skipped += as_u64(taken);
            if skipped >= COUNT_PAST_LIMIT {
                return Err(Error::EndlessInput { limit: self.limit });
            }
        }
    }

    fn io_error(&self, source: std::io::Error) -> Error {
        Error::Io {
            path: self.path.clone(),
            source,
        }
    }
}

impl<R: BufRead> Iterator for LimitedLines<R> {
    type Item = (usize, Result<Vec<u8>>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        self.number += 1;
        match self.next_line() {
            Ok(Some(line)) => Some((self.number, Ok(line))),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(error) => {
                self.done = !matches!(error, Error::TooLarge { .. });
                Some((self.number, Err(error)))
            }
        }
    }
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

    #[test]
    fn lines_are_limited_one_by_one_and_numbered() {
        let path = Path::new("<test>");
        let text = b"{}\n\n0123456789abc\n[1]\r\nlast";
        let lines: Vec<(usize, Result<Vec<u8>>)> = LimitedLines::new(&text[..], 5, path).collect();
        assert_eq!(lines.len(), 5);
        assert_eq!(lines[0].0, 1);
        assert_eq!(lines[0].1.as_ref().unwrap(), b"{}");
        assert_eq!(lines[1].1.as_ref().unwrap(), b"");
        assert_eq!(lines[2].0, 3);
        assert!(matches!(
            lines[2].1,
            Err(Error::TooLarge { size: 13, limit: 5 })
        ));
        assert_eq!(lines[3].1.as_ref().unwrap(), b"[1]\r");
        assert_eq!(
            (lines[4].0, lines[4].1.as_ref().unwrap()),
            (5, &b"last".to_vec())
        );
        // An endless line stops the reading.
        let endless = std::io::BufReader::new(std::io::repeat(b'x'));
        let mut lines = LimitedLines::new(endless, 5, path);
        assert!(matches!(
            lines.next(),
            Some((1, Err(Error::EndlessInput { limit: 5 })))
        ));
        assert!(lines.next().is_none());
    }
}
