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

use super::malformed;
use crate::error::Result;
use crate::framework::esco_columns::{self, GROUP};

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

/// `bytes` as records of `N` bytes; a partial record at the end is malformed. (`chunks_exact`
/// pieces always convert; `as_chunks` would say so directly but needs Rust 1.88.)
fn records<'b, const N: usize>(
    bytes: &'b [u8],
    what: &str,
) -> Result<impl ExactSizeIterator<Item = [u8; N]> + Clone + 'b> {
    let chunks = bytes.chunks_exact(N);
    if !chunks.remainder().is_empty() {
        return Err(malformed(format!("{what}: a partial record at the end")));
    }
    // Every chunk has length `N`, so the fallback is never taken.
    Ok(chunks.map(|c| <[u8; N]>::try_from(c).unwrap_or([0; N])))
}

/// Table sizes, to check relation indexes against.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sizes {
    pub(crate) skills: usize,
    pub(crate) skill_groups: usize,
    pub(crate) occupations: usize,
    pub(crate) isco_groups: usize,
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

/// Checks broader relations: kinds, ranges and order, in one pass without branches (full
/// ESCO: ~24,000 records on every load).
#[allow(clippy::needless_bitwise_bool)]
pub(crate) fn check_broader(bytes: &[u8], sizes: Sizes) -> Result<()> {
    if bytes.len() % 10 != 0 {
        return Err(malformed("broader relations: a partial record at the end"));
    }
    // Table lengths by kind tag; a tag above 3 is unknown (and masked to stay in the array).
    let lens = [
        sizes.skills,
        sizes.skill_groups,
        sizes.occupations,
        sizes.isco_groups,
    ];
    let (mut previous, mut outside, mut unsorted) = (0u128, false, false);
    for record in bytes.chunks_exact(10) {
        let &[t0, n0, n1, n2, n3, t1, b0, b1, b2, b3] = record else {
            continue;
        };
        let narrower = u32::from_le_bytes([n0, n1, n2, n3]);
        let broader = u32::from_le_bytes([b0, b1, b2, b3]);
        outside |= (t0 > 3)
            | (t1 > 3)
            | (narrower as usize >= lens[usize::from(t0 & 3)])
            | (broader as usize >= lens[usize::from(t1 & 3)]);
        // The derived order: narrower (kind tag, then index), then broader, as one number.
        let key = u128::from(t0) << 96
            | u128::from(narrower) << 64
            | u128::from(t1) << 32
            | u128::from(broader);
        unsorted |= key < previous;
        previous = key;
    }
    if outside {
        Err(malformed(
            "a broader relation has an unknown concept kind or points outside the tables",
        ))
    } else if unsorted {
        Err(malformed("broader relations are not sorted"))
    } else {
        Ok(())
    }
}

/// The `u32` values of a column piece.
fn u32s(bytes: &[u8]) -> impl DoubleEndedIterator<Item = u32> + Clone + '_ {
    bytes
        .chunks_exact(4)
        .map(|c| <[u8; 4]>::try_from(c).map_or(0, u32::from_le_bytes))
}

/// Checks `(u32, relevance, u32)` records, stored by field (`framework::esco_columns`):
/// range, relevance tags and order (full ESCO: ~130,000 records, checked on every load).
///
/// One scalar loop checks the order; the rest are reductions the compiler turns into vector
/// instructions: the largest second index, the OR of the tags, and — the first indexes being
/// sorted when the records are — the last first index (all of them when unsorted, so that an
/// index outside the tables is reported first, as it is when sorted).
fn check_triples(bytes: &[u8], what: &str, (first, second): (usize, usize)) -> Result<()> {
    if bytes.len() % 9 != 0 {
        return Err(malformed(format!("{what}: a partial record at the end")));
    }
    let n = bytes.len() / 9;
    let (a, rest) = bytes.split_at(4 * n);
    let (b, tags) = rest.split_at(4 * n);
    // `relation_order` of each record, compared with the one before, in one loop over the
    // three arrays (iterators zipped twice cost half again as much). Tags above 1 are
    // refused below; first indexes are below 2³¹ when inside the tables (a table that long
    // needs more than 16 GiB of text fields), so the shift keeps them.
    // `high` has bit 31 set when a first index does not fit the key: then the key's order
    // says nothing about the first indexes, and all are compared.
    let (mut previous, mut unsorted, mut high) = (0u64, false, 0u32);
    for ((a, &tag), b) in a.chunks_exact(4).zip(tags).zip(b.chunks_exact(4)) {
        let (&[a0, a1, a2, a3], &[b0, b1, b2, b3]) = (a, b) else {
            continue;
        };
        let first = u32::from_le_bytes([a0, a1, a2, a3]);
        let key = u64::from(first) << 33
            | u64::from(tag) << 32
            | u64::from(u32::from_le_bytes([b0, b1, b2, b3]));
        unsorted |= key < previous;
        high |= first;
        previous = key;
    }
    let largest_first = if unsorted || high >> 31 != 0 {
        u32s(a).max()
    } else {
        u32s(a).next_back()
    };
    let inside =
        |largest: Option<u32>, len: usize| largest.is_none_or(|largest| (largest as usize) < len);
    if !inside(largest_first, first) || !inside(u32s(b).max(), second) {
        return Err(malformed(format!(
            "{what} point outside the concept tables"
        )));
    }
    if tags.iter().fold(0, |all, &tag| all | tag) > 1 {
        return Err(malformed("unknown relevance in a relation"));
    }
    if unsorted {
        return Err(malformed(format!("{what} are not sorted")));
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
