//! The fixed 32-byte header of a bundle and its payload checksum.
//!
//! The checksum is XXH3-64, seeded with header bytes 8..16 (format version, kind, reserved),
//! so a changed kind or version byte fails the check like a changed payload byte. XXH3 runs at
//! memory speed (full ESCO: about a millisecond, against about 8 ms for SHA-256) and detects
//! accidental damage — truncation, bit rot, a bad copy — with a 2⁻⁶⁴ chance of a miss. It is
//! not a cryptographic hash: anyone can write a bundle with a matching checksum, so it says
//! nothing about who made the file. Proving provenance is the job of a signature over the whole
//! file, outside the bundle format.

use twox_hash::XxHash3_64;

use super::{BundleError, BundleKind, FORMAT_VERSION, HEADER_LEN, MAGIC, OLDEST_KIND_VERSION};
use crate::error::Result;

/// The parsed, checked header of a bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BundleHeader {
    /// Format version.
    pub format_version: u16,
    /// Content kind.
    pub kind: BundleKind,
    /// Payload length in bytes.
    pub payload_len: u64,
    /// XXH3-64 of the payload, seeded with header bytes 8..16 (see the module docs).
    pub checksum: u64,
}

/// The checksum of `payload` under the header bytes 8..16 (`seed_bytes`).
pub(super) fn checksum(seed_bytes: [u8; 8], payload: &[u8]) -> u64 {
    XxHash3_64::oneshot_with_seed(u64::from_le_bytes(seed_bytes), payload)
}

/// Header bytes 8..16 for the format version of `kind` and `kind`.
pub(super) fn seed_bytes(kind: BundleKind) -> [u8; 8] {
    let mut seed = [0u8; 8];
    seed[..2].copy_from_slice(&kind.format_version().to_le_bytes());
    seed[2] = kind.tag();
    seed
}

/// The header and payload of a bundle of `kind`.
pub(super) fn assemble(kind: BundleKind, payload: &[u8]) -> Vec<u8> {
    let seed = seed_bytes(kind);
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&seed);
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&checksum(seed, payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

impl BundleHeader {
    /// Parses and checks the header and the payload checksum; returns the header and payload.
    ///
    /// Checks run from the first byte on, so a file gets the most telling error: a short
    /// non-bundle is [`BundleError::WrongMagic`], a bundle of another format version is
    /// [`BundleError::UnsupportedVersion`] even when its header is laid out differently.
    ///
    /// # Errors
    /// [`Error::InvalidBundle`](crate::Error::InvalidBundle) for every kind of damage (see
    /// [`BundleError`]).
    pub fn parse(bytes: &[u8]) -> Result<(BundleHeader, &[u8])> {
        let (header, payload) = BundleHeader::parse_layout(bytes)?;
        header.verify(payload)?;
        Ok((header, payload))
    }

    /// Checks that `payload` has the checksum of this header.
    pub(super) fn verify(&self, payload: &[u8]) -> Result<()> {
        let seed = seed_bytes(self.kind);
        if checksum(seed, payload) == self.checksum {
            Ok(())
        } else {
            Err(BundleError::ChecksumMismatch.into())
        }
    }

    /// [`BundleHeader::parse`] without the checksum (see [`BundleHeader::verify`]), so that a
    /// loader can verify and decode at the same time.
    pub(super) fn parse_layout(bytes: &[u8]) -> Result<(BundleHeader, &[u8])> {
        let header = BundleHeader::parse_prefix(bytes, bytes.len() as u64)?;
        let needed = (HEADER_LEN as u64).saturating_add(header.payload_len);
        // `parse_prefix` checked `needed == bytes.len()`, so this fits in usize.
        let end = usize::try_from(needed).map_err(|_| BundleError::Truncated {
            needed,
            available: bytes.len() as u64,
        })?;
        let payload = bytes.get(HEADER_LEN..end).ok_or(BundleError::Truncated {
            needed,
            available: bytes.len() as u64,
        })?;
        Ok((header, payload))
    }

    /// Checks a header from the first bytes of a bundle (`prefix`: the whole bundle or at least
    /// its first [`HEADER_LEN`] bytes) and the bundle's total length `available`, including the
    /// declared payload length against `available`. This needs no byte of the payload, so a
    /// file can be judged by its header and its size before its body is read.
    ///
    /// # Errors
    /// As [`BundleHeader::parse`], except a checksum mismatch (that needs the payload).
    pub fn parse_prefix(prefix: &[u8], available: u64) -> Result<BundleHeader> {
        let truncated = |needed: u64| BundleError::Truncated { needed, available };
        let magic_len = prefix.len().min(MAGIC.len());
        if prefix[..magic_len] != MAGIC[..magic_len] {
            return Err(BundleError::WrongMagic.into());
        }
        let Some(&[v0, v1]) = prefix.get(8..10) else {
            return Err(truncated(HEADER_LEN as u64).into());
        };
        let format_version = u16::from_le_bytes([v0, v1]);
        if !(OLDEST_KIND_VERSION..=FORMAT_VERSION).contains(&format_version) {
            return Err(BundleError::UnsupportedVersion {
                found: format_version,
                supported: FORMAT_VERSION,
            }
            .into());
        }
        let Some(header) = prefix.get(..HEADER_LEN) else {
            return Err(truncated(HEADER_LEN as u64).into());
        };
        let kind = BundleKind::from_tag(header[10]).ok_or(BundleError::UnknownKind(header[10]))?;
        // Each kind is read in the one version its payload has now (see `FORMAT_VERSION`).
        if format_version != kind.format_version() {
            return Err(BundleError::UnsupportedVersion {
                found: format_version,
                supported: kind.format_version(),
            }
            .into());
        }
        if header[11..16].iter().any(|&b| b != 0) {
            return Err(BundleError::CorruptHeader.into());
        }
        let word = |at: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&header[at..at + 8]);
            w
        };
        let payload_len = u64::from_le_bytes(word(16));
        let stored = u64::from_le_bytes(word(24));
        let needed = (HEADER_LEN as u64).saturating_add(payload_len);
        if needed > available {
            return Err(truncated(needed).into());
        }
        if needed < available {
            return Err(BundleError::TrailingBytes(available - needed).into());
        }
        Ok(BundleHeader {
            format_version,
            kind,
            payload_len,
            checksum: stored,
        })
    }

    /// The checksum as 16 lowercase hex digits.
    pub fn checksum_hex(&self) -> String {
        format!("{:016x}", self.checksum)
    }
}
