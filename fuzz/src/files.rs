//! Fuzz input → the named source files of an importer.
//!
//! An importer reads several files; a fuzz input is one byte string. The input is cut at each
//! [`FILE_SEPARATOR`] and the pieces become the importer's files in order. Fewer pieces than
//! files leave the last files missing (an importer must say so, not panic); pieces past the
//! last name are ignored. The separator is a text line, so seeds stay readable and editable.

use std::io::Read;

use attesta::import::{ImportSource, MemoryFiles};

/// The line that ends one file of a multi-file input and starts the next.
pub const FILE_SEPARATOR: &[u8] = b"\n--8<--\n";

/// The pieces of `data` between separators, as the files `names` in order.
pub fn split_files(data: &[u8], names: &[&str]) -> MemoryFiles {
    let mut files = MemoryFiles::new();
    let mut rest = data;
    for name in names {
        let (piece, next) = match find(rest, FILE_SEPARATOR) {
            Some(at) => (&rest[..at], Some(&rest[at + FILE_SEPARATOR.len()..])),
            None => (rest, None),
        };
        files.insert(*name, piece);
        match next {
            Some(next) => rest = next,
            None => break,
        }
    }
    files
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// The same files, but only through [`ImportSource::open`] and in reads of 1 to 7 bytes:
/// the importers' streaming path (chunked reading, records cut across chunks) must give what
/// their in-place path gives.
pub(crate) struct Trickle<'a>(pub(crate) &'a MemoryFiles);

impl ImportSource for Trickle<'_> {
    fn open(&self, name: &str) -> std::io::Result<Option<Box<dyn Read + '_>>> {
        Ok(self.0.held(name).map(|bytes| {
            Box::new(ShortReads {
                rest: bytes,
                calls: 0,
            }) as Box<dyn Read + '_>
        }))
    }
}

/// A reader that returns fewer bytes than asked, as pipes and sockets do.
struct ShortReads<'a> {
    rest: &'a [u8],
    calls: usize,
}

impl Read for ShortReads<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.calls += 1;
        let n = (1 + self.calls % 7).min(buf.len()).min(self.rest.len());
        buf[..n].copy_from_slice(&self.rest[..n]);
        self.rest = &self.rest[n..];
        Ok(n)
    }
}
