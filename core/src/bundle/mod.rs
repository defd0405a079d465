//! Compact, versioned, checksummed binary bundles of frameworks (`.attb` files).
//!
//! A bundle is what Attesta ships and loads at run time, in a browser (WASM) too: importing
//! the source CSV files is slow and needs the `import` feature; loading a bundle needs neither.
//!
//! Layout (all integers little-endian):
//!
//! | bytes | field |
//! |---|---|
//! | 0..8 | magic `ATTB\r\n\x1a\n` (the `\r\n` / `\x1a` catch text-mode mangling, as in PNG) |
//! | 8..10 | format version ([`BundleKind::format_version`]) |
//! | 10 | content kind ([`BundleKind`]) |
//! | 11..16 | reserved, zero |
//! | 16..24 | payload length in bytes |
//! | 24..32 | XXH3-64 of the payload, seeded with bytes 8..16 read as a `u64` |
//! | 32.. | payload: the content serialized with postcard |
//!
//! Postcard is a compact, non-self-describing serde format (varints, no field names). The ESCO
//! payload is the taxonomy's own layout: all its text in one string, everything else (text
//! spans, attributes, relations) in fixed-width byte columns (see `esco_wire`, `columns` and
//! `framework::esco_columns`). [`Bundle::from_vec`] checks them once and the taxonomy reads
//! them in place, so loading full ESCO (~12 MB) is the checksum, the UTF-8 check of the text
//! and short passes over the columns: nothing is built or copied. Every way a file
//! can be broken — truncated, corrupted, not a bundle, written by another format version — is a
//! typed [`BundleError`], never a panic.
//!
//! The checksum detects accidental damage; it is fast, not cryptographic, and does not prove
//! who wrote a bundle (see [`BundleHeader`]). Format history: version 1 had a 56-byte header
//! with SHA-256 and ESCO text field by field; version 2 the header above; version 3 ESCO's
//! regulated-profession notes; version 4 the ESCO payload as in-place columns (ESCO bundles
//! only: framework and classification bundles keep version 3). Older and newer versions are
//! refused with [`BundleError::UnsupportedVersion`]: a bundle is built
//! from its sources, so rebuilding it is the upgrade path.

mod columns;
mod esco_load;
mod esco_wire;
mod fields;
#[cfg(feature = "fs")]
mod file;
mod header;
mod wire;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[cfg(feature = "fs")]
pub use self::file::DEFAULT_MAX_BUNDLE_SIZE;
pub use self::header::BundleHeader;
use crate::error::{Error, Result};
use crate::framework::{Classification, EscoTaxonomy, Framework};

/// The magic bytes every bundle starts with.
pub const MAGIC: [u8; 8] = *b"ATTB\r\n\x1a\n";
/// The newest bundle format version, the one ESCO bundles have. 4: the ESCO payload is the
/// taxonomy's in-place layout (text spans, skill and group attributes as byte columns).
///
/// The version is per content kind ([`BundleKind::format_version`]): framework and
/// classification payloads have not changed since version 3 and are still written and read as
/// version 3, so their bytes stay the same — and so do the framework checksums that cases
/// record ([`FrameworkStamp`](crate::framework::FrameworkStamp) hashes the bundle). A bundle of
/// another version than its kind's is refused with [`BundleError::UnsupportedVersion`]
/// (re-import the source files).
pub const FORMAT_VERSION: u16 = 4;
/// The oldest format version a kind still has (framework and classification bundles).
const OLDEST_KIND_VERSION: u16 = 3;
/// Size of the header before the payload.
pub const HEADER_LEN: usize = 32;

/// What a bundle holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BundleKind {
    /// A regional repertoire ([`Framework`]).
    Framework,
    /// An ESCO release ([`EscoTaxonomy`]).
    Esco,
    /// A hierarchical code list ([`Classification`]).
    Classification,
}

impl BundleKind {
    const fn tag(self) -> u8 {
        match self {
            BundleKind::Framework => 1,
            BundleKind::Esco => 2,
            BundleKind::Classification => 3,
        }
    }

    const fn from_tag(tag: u8) -> Option<BundleKind> {
        match tag {
            1 => Some(BundleKind::Framework),
            2 => Some(BundleKind::Esco),
            3 => Some(BundleKind::Classification),
            _ => None,
        }
    }

    /// The format version bundles of this kind are written and read in (see
    /// [`FORMAT_VERSION`]).
    pub const fn format_version(self) -> u16 {
        match self {
            BundleKind::Esco => FORMAT_VERSION,
            BundleKind::Framework | BundleKind::Classification => OLDEST_KIND_VERSION,
        }
    }

    /// The kind's name (`framework`, `esco`, `classification`).
    pub const fn as_str(self) -> &'static str {
        match self {
            BundleKind::Framework => "framework",
            BundleKind::Esco => "esco",
            BundleKind::Classification => "classification",
        }
    }
}

impl std::fmt::Display for BundleKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why bytes are not a usable bundle (wrapped in [`Error::InvalidBundle`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BundleError {
    /// The data ends before the header or the declared payload does.
    #[error("bundle is truncated: {needed} bytes needed, {available} present")]
    Truncated {
        /// Bytes the header says are needed.
        needed: u64,
        /// Bytes present.
        available: u64,
    },
    /// The data does not start with [`MAGIC`].
    #[error("not an Attesta bundle (wrong magic bytes)")]
    WrongMagic,
    /// Written in a format version this build cannot read (usually a newer Attesta).
    #[error(
        "bundle format version {found} is not supported; this build reads version {supported}"
    )]
    UnsupportedVersion {
        /// Version in the file.
        found: u16,
        /// Version this build reads.
        supported: u16,
    },
    /// The content-kind byte is unknown.
    #[error("unknown bundle content kind {0}")]
    UnknownKind(u8),
    /// Reserved header bytes are not zero.
    #[error("bundle header is corrupted (reserved bytes are not zero)")]
    CorruptHeader,
    /// The payload's checksum differs from the header's.
    #[error("bundle checksum mismatch: the payload is corrupted")]
    ChecksumMismatch,
    /// Bytes follow the declared payload.
    #[error("bundle has {0} unexpected bytes after the payload")]
    TrailingBytes(u64),
    /// The checksum is right but the payload does not decode or is inconsistent.
    #[error("bundle payload is malformed: {0}")]
    Malformed(String),
    /// The bundle holds another kind of content than the caller asked for.
    #[error("bundle holds {found} content, expected {expected}")]
    WrongKind {
        /// The kind asked for.
        expected: BundleKind,
        /// The kind found.
        found: BundleKind,
    },
}

impl BundleError {
    /// A short, stable, machine-readable kind (e.g. `checksum_mismatch`).
    pub fn kind(&self) -> &'static str {
        match self {
            BundleError::Truncated { .. } => "truncated",
            BundleError::WrongMagic => "wrong_magic",
            BundleError::UnsupportedVersion { .. } => "unsupported_version",
            BundleError::UnknownKind(_) => "unknown_kind",
            BundleError::CorruptHeader => "corrupt_header",
            BundleError::ChecksumMismatch => "checksum_mismatch",
            BundleError::TrailingBytes(_) => "trailing_bytes",
            BundleError::Malformed(_) => "malformed",
            BundleError::WrongKind { .. } => "wrong_kind",
        }
    }
}

impl From<BundleError> for Error {
    fn from(err: BundleError) -> Self {
        Error::InvalidBundle(err)
    }
}

/// The error of a payload that checksums right but is inconsistent: `what` says how.
pub(super) fn malformed(what: impl Into<String>) -> Error {
    BundleError::Malformed(what.into()).into()
}

/// The content of a bundle.
#[derive(Debug, Clone, PartialEq)]
pub enum Bundle {
    /// A regional repertoire.
    Framework(Framework),
    /// An ESCO release.
    Esco(EscoTaxonomy),
    /// A hierarchical classification.
    Classification(Classification),
}

/// What `attesta framework info` shows about a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BundleInfo {
    /// Content kind.
    pub kind: BundleKind,
    /// Bundle format version.
    pub format_version: u16,
    /// Framework id, ESCO, or classification scheme.
    pub id: String,
    /// Version of the content (export date, ESCO version, edition).
    pub version: String,
    /// Total size in bytes.
    pub bytes: u64,
    /// XXH3-64 checksum of the payload ([`BundleHeader::checksum`]), 16 hex digits.
    pub checksum: String,
    /// Named counts of the content's tables.
    pub counts: Vec<(String, usize)>,
}

/// A classification's payload; its nodes must be sorted and unique by code (the lookups
/// search them by halves).
fn decode_classification(payload: &[u8]) -> Result<Classification> {
    let c: Classification = decode(payload)?;
    if !c.nodes.windows(2).all(|w| w[0].code < w[1].code) {
        return Err(malformed(
            "classification nodes are not sorted and unique by code",
        ));
    }
    Ok(c)
}

fn decode<'de, T: Deserialize<'de>>(payload: &'de [u8]) -> Result<T> {
    let (value, rest) =
        postcard::take_from_bytes::<T>(payload).map_err(|e| malformed(e.to_string()))?;
    if !rest.is_empty() {
        return Err(malformed(format!(
            "{} bytes left over after the content",
            rest.len()
        )));
    }
    Ok(value)
}

fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>> {
    postcard::to_allocvec(value)
        .map_err(|e| Error::InvalidFramework(format!("cannot serialize bundle content: {e}")))
}

impl Bundle {
    /// Loads a bundle from its bytes: checks the header and checksum, then decodes.
    ///
    /// # Errors
    /// [`Error::InvalidBundle`] when the bytes are truncated, corrupted, not a bundle, of an
    /// unsupported format version, or decode to inconsistent content.
    pub fn from_bytes(bytes: &[u8]) -> Result<Bundle> {
        Ok(Bundle::decode(bytes, None)?.1)
    }

    /// Like [`Bundle::from_bytes`], taking the buffer over: an ESCO taxonomy then keeps its
    /// text in that buffer instead of copying it (the way to load a bundle read from a file or
    /// received over the network).
    ///
    /// # Errors
    /// As [`Bundle::from_bytes`].
    pub fn from_vec(bytes: Vec<u8>) -> Result<Bundle> {
        let shared = bytes::Bytes::from(bytes);
        Ok(Bundle::decode(&shared, Some(&shared))?.1)
    }

    /// [`Bundle::from_vec`] that also returns the checked header (for [`Bundle::info`]).
    ///
    /// # Errors
    /// As [`Bundle::from_bytes`].
    pub fn from_vec_with_header(bytes: Vec<u8>) -> Result<(BundleHeader, Bundle)> {
        let shared = bytes::Bytes::from(bytes);
        Bundle::decode(&shared, Some(&shared))
    }

    /// Like [`Bundle::from_bytes`], also returning the checked header (for [`Bundle::info`])
    /// without checking the payload twice.
    ///
    /// # Errors
    /// As [`Bundle::from_bytes`].
    pub fn from_bytes_with_header(bytes: &[u8]) -> Result<(BundleHeader, Bundle)> {
        Bundle::decode(bytes, None)
    }

    /// Checks and decodes `bytes`; `owner`, when given, is the buffer `bytes` points into.
    ///
    /// With the `parallel` feature the checksum is computed on a second thread while the
    /// payload is decoded. Decoding bytes that turn out corrupted is harmless: the decoder
    /// already treats every payload as untrusted (a checksum proves nothing about who wrote
    /// it), and a checksum mismatch is reported whatever the decoder said, exactly as when the
    /// checks run one after the other.
    fn decode(bytes: &[u8], owner: Option<&bytes::Bytes>) -> Result<(BundleHeader, Bundle)> {
        let (header, payload) = BundleHeader::parse_layout(bytes)?;
        let verify = || header.verify(payload);
        let (verified, content) = match header.kind {
            BundleKind::Esco => {
                // Full ESCO: the checksum is one of four jobs, which `into_taxonomy` spreads
                // over the threads itself (see `esco_load`).
                let wire = decode::<esco_wire::EscoWire<'_>>(payload)
                    .map_err(|e| verify().err().unwrap_or(e))?;
                let esco = wire.into_taxonomy(owner, header, payload)?;
                return Ok((header, Bundle::Esco(esco)));
            }
            BundleKind::Framework => crate::join::join(verify, || {
                Ok(Bundle::Framework(
                    decode::<wire::FrameworkWire>(payload)?.into(),
                ))
            }),
            BundleKind::Classification => crate::join::join(verify, || {
                decode_classification(payload).map(Bundle::Classification)
            }),
        };
        verified?;
        Ok((header, content?))
    }

    /// Serializes the bundle (header + payload).
    ///
    /// # Errors
    /// [`Error::InvalidFramework`] if the content cannot be serialized (not expected).
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let payload = match self {
            Bundle::Framework(f) => encode(&wire::FrameworkWire::from(f.clone()))?,
            Bundle::Esco(e) => encode(&esco_wire::EscoWire::from_taxonomy(e)?)?,
            Bundle::Classification(c) => encode(c)?,
        };
        Ok(header::assemble(self.kind(), &payload))
    }

    /// The content kind.
    pub fn kind(&self) -> BundleKind {
        match self {
            Bundle::Framework(_) => BundleKind::Framework,
            Bundle::Esco(_) => BundleKind::Esco,
            Bundle::Classification(_) => BundleKind::Classification,
        }
    }

    /// The framework, or [`BundleError::WrongKind`].
    ///
    /// # Errors
    /// When the bundle holds something else.
    pub fn into_framework(self) -> Result<Framework> {
        match self {
            Bundle::Framework(f) => Ok(f),
            other => Err(other.wrong(BundleKind::Framework)),
        }
    }

    /// The ESCO taxonomy, or [`BundleError::WrongKind`].
    ///
    /// # Errors
    /// When the bundle holds something else.
    pub fn into_esco(self) -> Result<EscoTaxonomy> {
        match self {
            Bundle::Esco(e) => Ok(e),
            other => Err(other.wrong(BundleKind::Esco)),
        }
    }

    /// The classification, or [`BundleError::WrongKind`].
    ///
    /// # Errors
    /// When the bundle holds something else.
    pub fn into_classification(self) -> Result<Classification> {
        match self {
            Bundle::Classification(c) => Ok(c),
            other => Err(other.wrong(BundleKind::Classification)),
        }
    }

    fn wrong(&self, expected: BundleKind) -> Error {
        BundleError::WrongKind {
            expected,
            found: self.kind(),
        }
        .into()
    }

    /// Id, version and counts, for display. `header` comes from [`BundleHeader::parse`].
    pub fn info(&self, header: &BundleHeader) -> BundleInfo {
        let (id, version, counts): (String, String, Vec<(&str, usize)>) = match self {
            Bundle::Framework(f) => (
                f.id.clone(),
                f.version.clone(),
                vec![
                    ("qualifications", f.qualifications.len()),
                    ("units", f.units.len()),
                    (
                        "capacita",
                        f.units.iter().map(|u| u.capacita.len()).sum::<usize>(),
                    ),
                    (
                        "conoscenze",
                        f.units.iter().map(|u| u.conoscenze.len()).sum::<usize>(),
                    ),
                    (
                        "attivita",
                        f.units.iter().map(|u| u.attivita.len()).sum::<usize>(),
                    ),
                    ("links", f.links.len()),
                    ("aliases", f.aliases.len()),
                ],
            ),
            Bundle::Esco(e) => ("esco".into(), e.version().to_owned(), e.counts()),
            Bundle::Classification(c) => {
                let mut counts = vec![("nodes", c.nodes.len())];
                counts.extend(
                    c.level_counts()
                        .into_iter()
                        .enumerate()
                        .map(|(i, n)| (LEVEL_NAMES.get(i).copied().unwrap_or("level_n"), n)),
                );
                (c.scheme.clone(), c.version.clone(), counts)
            }
        };
        BundleInfo {
            kind: header.kind,
            format_version: header.format_version,
            id,
            version,
            bytes: header.payload_len + HEADER_LEN as u64,
            checksum: header.checksum_hex(),
            counts: counts.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        }
    }
}

const LEVEL_NAMES: [&str; 8] = [
    "level_1", "level_2", "level_3", "level_4", "level_5", "level_6", "level_7", "level_8",
];
