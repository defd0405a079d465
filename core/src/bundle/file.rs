//! Loading a bundle from a file, header first (feature `fs`).
//!
//! The 32-byte header says how long the payload is. [`Bundle::read_file`] reads the header
//! alone, checks it and its declared length against the file's size and a limit, and only
//! then reads the body: a file that is not a bundle, a truncated bundle, or a 2 GiB sparse file
//! that claims to be one is refused after one `stat` and one 32-byte read, in microseconds and
//! without allocating its size.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::{Bundle, BundleHeader, HEADER_LEN};
use crate::error::{Error, Result};

/// Default limit of [`Bundle::read_file`]: 1 GiB (the full ESCO bundle is about 12 MB).
pub const DEFAULT_MAX_BUNDLE_SIZE: usize = 1024 * 1024 * 1024;

impl Bundle {
    /// Reads, checks and decodes the bundle file at `path`, refusing files over `max_size`
    /// bytes; see the module documentation for the order of the checks.
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read, [`Error::TooLarge`] over the limit,
    /// [`Error::InvalidBundle`] as [`Bundle::from_bytes`] (a header that does not fit the file
    /// is found before the body is read).
    pub fn read_file(path: &Path, max_size: usize) -> Result<(BundleHeader, Bundle)> {
        let io_error = |source| Error::Io {
            path: path.to_owned(),
            source,
        };
        let file = File::open(path).map_err(io_error)?;
        let size = file.metadata().map_err(io_error)?.len();
        let limit = u64::try_from(max_size).unwrap_or(u64::MAX);
        if size > limit {
            return Err(Error::TooLarge {
                size: usize::try_from(size).unwrap_or(usize::MAX),
                limit: max_size,
            });
        }
        let mut reader = file.take(limit.saturating_add(1));
        let mut prefix = Vec::with_capacity(HEADER_LEN);
        (&mut reader)
            .take(HEADER_LEN as u64)
            .read_to_end(&mut prefix)
            .map_err(io_error)?;
        // Judged against the size on disk; a file that changes meanwhile is caught below.
        let available = size.max(prefix.len() as u64);
        BundleHeader::parse_prefix(&prefix, available)?;
        // `available <= limit`, and the header agrees with it: this is the bundle's length.
        let total = usize::try_from(available).map_err(|_| Error::TooLarge {
            size: usize::MAX,
            limit: max_size,
        })?;
        let mut bytes = prefix;
        bytes.reserve_exact(total.saturating_sub(bytes.len()));
        reader.read_to_end(&mut bytes).map_err(io_error)?;
        if bytes.len() > max_size {
            return Err(Error::TooLarge {
                size: bytes.len(),
                limit: max_size,
            });
        }
        // A file that shrank or grew since the `stat` fails the full check here.
        Bundle::from_vec_with_header(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::BundleError;

    fn temp(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("attesta-bundle-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join(name)
    }

    #[test]
    fn reads_a_bundle_and_refuses_a_header_that_does_not_fit_the_file() {
        let framework = crate::builtin::frameworks().frameworks()[0].clone();
        let bytes = Bundle::Framework(framework).to_bytes().unwrap();
        let good = temp("good.attb");
        std::fs::write(&good, &bytes).unwrap();
        let (header, bundle) = Bundle::read_file(&good, DEFAULT_MAX_BUNDLE_SIZE).unwrap();
        assert_eq!(header.payload_len, (bytes.len() - HEADER_LEN) as u64);
        assert_eq!(bundle.kind(), super::super::BundleKind::Framework);
        assert!(matches!(
            Bundle::read_file(&good, bytes.len() - 1),
            Err(Error::TooLarge { .. })
        ));
        let short = temp("short.attb");
        std::fs::write(&short, &bytes[..bytes.len() - 1]).unwrap();
        assert!(matches!(
            Bundle::read_file(&short, DEFAULT_MAX_BUNDLE_SIZE),
            Err(Error::InvalidBundle(BundleError::Truncated { .. }))
        ));
        let text = temp("text.attb");
        std::fs::write(&text, b"not a bundle").unwrap();
        assert!(matches!(
            Bundle::read_file(&text, DEFAULT_MAX_BUNDLE_SIZE),
            Err(Error::InvalidBundle(BundleError::WrongMagic))
        ));
    }
}
