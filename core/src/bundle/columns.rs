//! Fixed-width little-endian byte columns inside a postcard payload, and their checks.
//!
//! Large tables of small numbers (full ESCO: ~150,000 relations, ~80,000 text spans) are
//! fixed-width records in one byte string each, which the taxonomy reads in place
//! (`framework::esco_columns` has the records). [`Bytes`] is that byte string (postcard: a
//! varint length, then the bytes, borrowed on load); the functions here check a column once,
//! when a bundle is loaded — range, tags and order in one pass each — so that reading a record
//! later needs no check.

use std::borrow::Cow;

use serde::de::{Deserializer, Error as _, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::BundleError;
use crate::error::{Error, Result};
use crate::framework::esco_columns::{self, FIELD, GROUP};

/// A byte string, borrowed from the payload when loaded.
#[derive(Debug, Default)]
pub(crate) struct Bytes<'a>(pub(crate) Cow<'a, [u8]>);

impl Serialize for Bytes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Bytes<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct BytesVisitor;
        impl<'de> Visitor<'de> for BytesVisitor {
            type Value = Bytes<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a byte string")
            }
            fn visit_borrowed_bytes<E: serde::de::Error>(
                self,
                v: &'de [u8],
            ) -> std::result::Result<Self::Value, E> {
                Ok(Bytes(Cow::Borrowed(v)))
            }
            fn visit_bytes<E: serde::de::Error>(
                self,
                v: &[u8],
            ) -> std::result::Result<Self::Value, E> {
                Ok(Bytes(Cow::Owned(v.to_vec())))
            }
            fn visit_byte_buf<E: serde::de::Error>(
                self,
                v: Vec<u8>,
            ) -> std::result::Result<Self::Value, E> {
                Ok(Bytes(Cow::Owned(v)))
            }
        }
        deserializer
            .deserialize_bytes(BytesVisitor)
            .map_err(|e: D::Error| D::Error::custom(e))
    }
}

fn malformed(what: &str) -> Error {
    BundleError::Malformed(what.to_owned()).into()
}

/// `bytes` as records of `N` bytes; a partial record at the end is malformed. (`chunks_exact`
/// pieces always convert; `as_chunks` would say so directly but needs Rust 1.88.)
fn records<'b, const N: usize>(
    bytes: &'b [u8],
    what: &str,
) -> Result<impl ExactSizeIterator<Item = [u8; N]> + Clone + 'b> {
    let chunks = bytes.chunks_exact(N);
    if !chunks.remainder().is_empty() {
        return Err(malformed(&format!("{what}: a partial record at the end")));
    }
    // Every chunk has length `N`, so the fallback is never taken.
    Ok(chunks.map(|c| <[u8; N]>::try_from(c).unwrap_or([0; N])))
}

pub(crate) fn u32_at(record: &[u8], at: usize) -> u32 {
    match record.get(at..at + 4) {
        Some(&[b0, b1, b2, b3]) => u32::from_le_bytes([b0, b1, b2, b3]),
        _ => 0,
    }
}

/// Table sizes, to check relation indexes against.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sizes {
    pub(crate) skills: usize,
    pub(crate) skill_groups: usize,
    pub(crate) occupations: usize,
    pub(crate) isco_groups: usize,
}

impl Sizes {
    /// Whether the concept at `at` of a broader record has a known kind and an index inside
    /// its table.
    fn concept_ok(self, r: &[u8; 10], at: usize) -> bool {
        let i = u32_at(r, at + 1) as usize;
        let len = match r[at] {
            0 => self.skills,
            1 => self.skill_groups,
            2 => self.occupations,
            3 => self.isco_groups,
            _ => 0,
        };
        i < len
    }
}

/// Checks the `fields` column against `text`: whole records, each span inside the text and
/// cut on character boundaries (the text's UTF-8 is checked on its own).
///
/// One branch-free loop (full ESCO has ~85,000 fields): each end reads one byte of a text too
/// large for the cache, and a short loop keeps many of those reads in flight at once.
pub(crate) fn check_fields(text: &[u8], fields: &[u8]) -> Result<()> {
    let chunks = fields.chunks_exact(FIELD);
    if !chunks.remainder().is_empty() {
        return Err(malformed("text fields: a partial record at the end"));
    }
    // A character boundary: the end of the text, or a byte that does not continue a
    // character (continuation bytes are 0b10xx_xxxx); past the end is caught by `end <= len`.
    let boundary = |at: u64| {
        let byte = usize::try_from(at)
            .ok()
            .and_then(|at| text.get(at))
            .copied()
            .unwrap_or(0);
        byte & 0xc0 != 0x80
    };
    let len = text.len() as u64;
    let mut ok = true;
    for c in chunks {
        let Ok(&[s0, s1, s2, s3, l0, l1, l2, l3]) = <&[u8; FIELD]>::try_from(c) else {
            continue;
        };
        let start = u64::from(u32::from_le_bytes([s0, s1, s2, s3]));
        let end = start + u64::from(u32::from_le_bytes([l0, l1, l2, l3]));
        #[allow(clippy::needless_bitwise_bool)]
        let good = (end <= len) & boundary(start) & boundary(end);
        ok &= good;
    }
    if ok {
        Ok(())
    } else {
        Err(malformed(
            "a text field runs past the text or splits a character",
        ))
    }
}

/// Checks the skill attribute bytes.
pub(crate) fn check_skills(skills: &[u8]) -> Result<()> {
    if skills.iter().all(|&b| esco_columns::skill_byte_ok(b)) {
        Ok(())
    } else {
        Err(malformed("unknown skill type or reuse level"))
    }
}

/// Checks the skill-group level records (`1, level` or `0, 0`).
pub(crate) fn check_groups(groups: &[u8]) -> Result<()> {
    let ok = records::<GROUP>(groups, "skill group levels")?
        .all(|[has, level]| has == 1 || (has == 0 && level == 0));
    if ok {
        Ok(())
    } else {
        Err(malformed(
            "a skill group level record is neither a level nor none",
        ))
    }
}

/// Checks broader relations: kinds, ranges and order, in one pass.
pub(crate) fn check_broader(bytes: &[u8], sizes: Sizes) -> Result<()> {
    let mut previous = 0u128;
    for ref r in records::<10>(bytes, "broader relations")? {
        if !sizes.concept_ok(r, 0) || !sizes.concept_ok(r, 5) {
            return Err(malformed(
                "a broader relation has an unknown concept kind or points outside the tables",
            ));
        }
        // The derived order: narrower (kind tag, then index), then broader.
        let key = |at: usize| u128::from(r[at]) << 32 | u128::from(u32_at(r, at + 1));
        let key = key(0) << 64 | key(5);
        if key < previous {
            return Err(malformed("broader relations are not sorted"));
        }
        previous = key;
    }
    Ok(())
}

/// The `u32` values of a column piece.
fn u32s(bytes: &[u8]) -> impl Iterator<Item = u32> + Clone + '_ {
    bytes
        .chunks_exact(4)
        .map(|c| <[u8; 4]>::try_from(c).map_or(0, u32::from_le_bytes))
}

/// Checks `(u32, relevance, u32)` records, stored by field (`framework::esco_columns`):
/// range, relevance tags and order (full ESCO: ~130,000 records, checked on every load).
/// Each check is a loop over arrays without branches (`|`, not `||`, on purpose).
#[allow(clippy::needless_bitwise_bool)]
fn check_triples(bytes: &[u8], what: &str, (first, second): (usize, usize)) -> Result<()> {
    if bytes.len() % 9 != 0 {
        return Err(malformed(&format!("{what}: a partial record at the end")));
    }
    let n = bytes.len() / 9;
    let (a, rest) = bytes.split_at(4 * n);
    let (b, tags) = rest.split_at(4 * n);
    let (first, second) = (
        u32::try_from(first).unwrap_or(u32::MAX),
        u32::try_from(second).unwrap_or(u32::MAX),
    );
    if u32s(a).fold(false, |bad, x| bad | (x >= first))
        || u32s(b).fold(false, |bad, x| bad | (x >= second))
    {
        return Err(malformed(&format!(
            "{what} point outside the concept tables"
        )));
    }
    if tags.iter().fold(false, |bad, &t| bad | (t > 1)) {
        return Err(malformed("unknown relevance in a relation"));
    }
    // `relation_order` of each record (the tags are 0 or 1), compared with the one before.
    let keys = u32s(a)
        .zip(tags)
        .zip(u32s(b))
        .map(|((a, &t), b)| u64::from(a) << 33 | u64::from(t) << 32 | u64::from(b));
    if keys
        .clone()
        .zip(keys.skip(1))
        .fold(false, |bad, (previous, k)| bad | (k < previous))
    {
        return Err(malformed(&format!("{what} are not sorted")));
    }
    Ok(())
}

/// Checks occupation → skill relations.
pub(crate) fn check_occupation_skills(bytes: &[u8], sizes: Sizes) -> Result<()> {
    check_triples(
        bytes,
        "occupation-skill relations",
        (sizes.occupations, sizes.skills),
    )
}

/// Checks skill → skill relations.
pub(crate) fn check_skill_skills(bytes: &[u8], sizes: Sizes) -> Result<()> {
    check_triples(bytes, "skill-skill relations", (sizes.skills, sizes.skills))
}
