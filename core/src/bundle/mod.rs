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
//! | 8..10 | format version ([`FORMAT_VERSION`]) |
//! | 10 | content kind ([`BundleKind`]) |
//! | 11..16 | reserved, zero |
//! | 16..24 | payload length in bytes |
//! | 24..56 | SHA-256 of the payload |
//! | 56.. | payload: the content serialized with postcard |
//!
//! Postcard is a compact, non-self-describing serde format (varints, no field names), so a
//! full ESCO bundle is small and decodes in milliseconds. Every way a file can be broken —
//! truncated, corrupted, not a bundle, written by a newer Attesta — is a typed
//! [`BundleError`], never a panic.

mod wire;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::framework::{Classification, ConceptRef, EscoTaxonomy, Framework};

/// The magic bytes every bundle starts with.
pub const MAGIC: [u8; 8] = *b"ATTB\r\n\x1a\n";
/// The bundle format version this build writes and reads.
pub const FORMAT_VERSION: u16 = 1;
/// Size of the header before the payload.
pub const HEADER_LEN: usize = 56;

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
    /// The payload's SHA-256 differs from the header's.
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

/// The parsed, checked header of a bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BundleHeader {
    /// Format version.
    pub format_version: u16,
    /// Content kind.
    pub kind: BundleKind,
    /// Payload length in bytes.
    pub payload_len: u64,
    /// SHA-256 of the payload.
    pub sha256: [u8; 32],
}

impl BundleHeader {
    /// Parses and checks the header and the payload checksum; returns the header and payload.
    ///
    /// # Errors
    /// [`Error::InvalidBundle`] for every kind of damage (see [`BundleError`]).
    pub fn parse(bytes: &[u8]) -> Result<(BundleHeader, &[u8])> {
        let available = bytes.len() as u64;
        let truncated = |needed: u64| BundleError::Truncated { needed, available };
        // Check the magic on what is there first: a short non-bundle is "wrong magic".
        let magic_len = bytes.len().min(MAGIC.len());
        if bytes[..magic_len] != MAGIC[..magic_len] {
            return Err(BundleError::WrongMagic.into());
        }
        let Some(header) = bytes.get(..HEADER_LEN) else {
            return Err(truncated(HEADER_LEN as u64).into());
        };
        let format_version = u16::from_le_bytes([header[8], header[9]]);
        if format_version != FORMAT_VERSION {
            return Err(BundleError::UnsupportedVersion {
                found: format_version,
                supported: FORMAT_VERSION,
            }
            .into());
        }
        let kind = BundleKind::from_tag(header[10]).ok_or(BundleError::UnknownKind(header[10]))?;
        if header[11..16].iter().any(|&b| b != 0) {
            return Err(BundleError::CorruptHeader.into());
        }
        let mut len = [0u8; 8];
        len.copy_from_slice(&header[16..24]);
        let payload_len = u64::from_le_bytes(len);
        let mut sha256 = [0u8; 32];
        sha256.copy_from_slice(&header[24..56]);
        let needed = (HEADER_LEN as u64).saturating_add(payload_len);
        if needed > available {
            return Err(truncated(needed).into());
        }
        // `needed <= available`, so this fits in usize.
        let end = usize::try_from(needed).map_err(|_| truncated(needed))?;
        if end < bytes.len() {
            return Err(BundleError::TrailingBytes(available - needed).into());
        }
        let payload = &bytes[HEADER_LEN..end];
        if Sha256::digest(payload).as_slice() != sha256 {
            return Err(BundleError::ChecksumMismatch.into());
        }
        Ok((
            BundleHeader {
                format_version,
                kind,
                payload_len,
                sha256,
            },
            payload,
        ))
    }

    /// The checksum as lowercase hex.
    pub fn sha256_hex(&self) -> String {
        use std::fmt::Write;
        self.sha256
            .iter()
            .fold(String::with_capacity(64), |mut s, b| {
                let _ = write!(s, "{b:02x}");
                s
            })
    }
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
    /// SHA-256 of the payload, hex.
    pub sha256: String,
    /// Named counts of the content's tables.
    pub counts: Vec<(String, usize)>,
}

fn decode<'de, T: Deserialize<'de>>(payload: &'de [u8]) -> Result<T> {
    let (value, rest) = postcard::take_from_bytes::<T>(payload)
        .map_err(|e| BundleError::Malformed(e.to_string()))?;
    if !rest.is_empty() {
        return Err(BundleError::Malformed(format!(
            "{} bytes left over after the content",
            rest.len()
        ))
        .into());
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
        Ok(Bundle::from_bytes_with_header(bytes)?.1)
    }

    /// Like [`Bundle::from_bytes`], also returning the checked header (for [`Bundle::info`])
    /// without hashing the payload twice.
    ///
    /// # Errors
    /// As [`Bundle::from_bytes`].
    pub fn from_bytes_with_header(bytes: &[u8]) -> Result<(BundleHeader, Bundle)> {
        let (header, payload) = BundleHeader::parse(bytes)?;
        let bundle = match header.kind {
            BundleKind::Framework => {
                Bundle::Framework(decode::<wire::FrameworkWire>(payload)?.into())
            }
            BundleKind::Esco => {
                let esco: EscoTaxonomy = decode(payload)?;
                check_esco(&esco)?;
                Bundle::Esco(esco)
            }
            BundleKind::Classification => {
                let c: Classification = decode(payload)?;
                if !c.nodes.windows(2).all(|w| w[0].code < w[1].code) {
                    return Err(BundleError::Malformed(
                        "classification nodes are not sorted and unique by code".into(),
                    )
                    .into());
                }
                Bundle::Classification(c)
            }
        };
        Ok((header, bundle))
    }

    /// Serializes the bundle (header + payload).
    ///
    /// # Errors
    /// [`Error::InvalidFramework`] if the content cannot be serialized (not expected).
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let payload = match self {
            Bundle::Framework(f) => encode(&wire::FrameworkWire::from(f.clone()))?,
            Bundle::Esco(e) => encode(e)?,
            Bundle::Classification(c) => encode(c)?,
        };
        let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
        out.extend_from_slice(&MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.push(self.kind().tag());
        out.extend_from_slice(&[0; 5]);
        out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        out.extend_from_slice(&Sha256::digest(&payload));
        out.extend_from_slice(&payload);
        Ok(out)
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
            Bundle::Esco(e) => ("esco".into(), e.version.clone(), e.counts()),
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
            sha256: header.sha256_hex(),
            counts: counts.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        }
    }
}

const LEVEL_NAMES: [&str; 8] = [
    "level_1", "level_2", "level_3", "level_4", "level_5", "level_6", "level_7", "level_8",
];

/// Checks what the lookups of [`EscoTaxonomy`] rely on: sorted unique URIs and relation
/// indexes in range. A checksum only proves the bytes are the ones written, not that the
/// writer was right.
fn check_esco(e: &EscoTaxonomy) -> Result<()> {
    fn sorted<T>(items: &[T], key: impl Fn(&T) -> &str, what: &str) -> Result<()> {
        if items.windows(2).all(|w| key(&w[0]) < key(&w[1])) {
            Ok(())
        } else {
            Err(BundleError::Malformed(format!("{what} are not sorted and unique by URI")).into())
        }
    }
    sorted(&e.skills, |s| &s.uri, "skills")?;
    sorted(&e.occupations, |o| &o.uri, "occupations")?;
    sorted(&e.isco_groups, |g| &g.uri, "ISCO groups")?;
    sorted(&e.skill_groups, |g| &g.uri, "skill groups")?;
    let (skills, occupations) = (e.skills.len(), e.occupations.len());
    let ok = |c: ConceptRef| match c {
        ConceptRef::Skill(i) => (i as usize) < skills,
        ConceptRef::SkillGroup(i) => (i as usize) < e.skill_groups.len(),
        ConceptRef::Occupation(i) => (i as usize) < occupations,
        ConceptRef::IscoGroup(i) => (i as usize) < e.isco_groups.len(),
    };
    let in_range = e.broader.iter().all(|r| ok(r.narrower) && ok(r.broader))
        && e.occupation_skills
            .iter()
            .all(|r| (r.occupation as usize) < occupations && (r.skill as usize) < skills)
        && e.skill_skills
            .iter()
            .all(|r| (r.from as usize) < skills && (r.to as usize) < skills);
    let languages = e.languages.len();
    let labels_ok = e.skills.iter().all(|s| s.labels.len() == languages)
        && e.occupations.iter().all(|o| o.labels.len() == languages)
        && e.isco_groups.iter().all(|g| g.labels.len() == languages)
        && e.skill_groups.iter().all(|g| g.labels.len() == languages);
    let relations_sorted = e.broader.windows(2).all(|w| w[0] <= w[1])
        && e.occupation_skills.windows(2).all(|w| w[0] <= w[1])
        && e.skill_skills.windows(2).all(|w| w[0] <= w[1]);
    if in_range && labels_ok && relations_sorted {
        Ok(())
    } else {
        Err(BundleError::Malformed(
            "ESCO relations point outside the concept tables, are unsorted, or labels do not match the languages"
                .into(),
        )
        .into())
    }
}
