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

/// Table sizes, to check relation indexes against.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sizes {
    pub(crate) skills: usize,
    pub(crate) skill_groups: usize,
    pub(crate) occupations: usize,
    pub(crate) isco_groups: usize,
}

/// One concept table's text fields: `per` fields for each of `count` concepts, the URI first;
/// `what` names the table in errors.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FieldTable<'w> {
    pub(crate) per: usize,
    pub(crate) count: usize,
    pub(crate) what: &'w str,
}

/// Checks the `fields` column against `text` and the concepts' order, in one pass: each span
/// lies inside the text and is cut on character boundaries (the text's UTF-8 is checked on its
/// own), and each table's concepts are sorted and unique by URI, as the lookups of
/// `EscoTaxonomy` rely on. `tables` follow each other in the column, which holds exactly their
/// fields (the caller checked the count).
///
/// One pass because reading the text dominates (full ESCO: ~83,000 fields over ~10 MB): each
/// field reads the byte at its end, a URI its bytes, and a field that starts where the one
/// before ended (all of them, as bundles are written) needs no second read for its start.
/// Bytes compare as the strings they hold.
pub(crate) fn check_fields(text: &[u8], fields: &[u8], tables: [FieldTable<'_>; 4]) -> Result<()> {
    if fields.len() % FIELD != 0 {
        return Err(malformed("text fields: a partial record at the end"));
    }
    let mut spans = Spans {
        text,
        previous_end: u64::MAX,
        inside: true,
    };
    let mut rest = fields;
    for table in tables {
        let width = table.per.saturating_mul(FIELD);
        let Some((table_fields, after)) = width
            .checked_mul(table.count)
            .and_then(|n| rest.split_at_checked(n))
        else {
            return Err(malformed("text fields: fewer than the concepts have"));
        };
        rest = after;
        let mut previous_uri: Option<&[u8]> = None;
        let mut sorted = true;
        for concept in table_fields.chunks_exact(width.max(1)) {
            let (uri, labels) = concept.split_at(FIELD.min(concept.len()));
            let uri = spans
                .check(uri)
                .and_then(|(start, end)| text.get(start..end));
            sorted &= previous_uri < uri;
            previous_uri = uri;
            spans.check(labels);
        }
        if !spans.inside {
            break;
        }
        if !sorted {
            return Err(BundleError::Malformed(format!(
                "{} are not sorted and unique by URI",
                table.what
            ))
            .into());
        }
    }
    if spans.inside && rest.is_empty() {
        Ok(())
    } else {
        Err(malformed(
            "a text field runs past the text or splits a character",
        ))
    }
}

/// The state of [`check_fields`]: where the last span ended and whether all were good.
struct Spans<'t> {
    text: &'t [u8],
    previous_end: u64,
    inside: bool,
}

impl Spans<'_> {
    /// Checks the spans of `records` (whole records); returns the byte range of the last one.
    fn check(&mut self, records: &[u8]) -> Option<(usize, usize)> {
        let text = self.text;
        // A character boundary: the end of the text, or a byte that does not continue a
        // character (continuation bytes are 0b10xx_xxxx); past the end is caught by
        // `end <= len`.
        let boundary = |at: u64| {
            let byte = usize::try_from(at)
                .ok()
                .and_then(|at| text.get(at))
                .copied()
                .unwrap_or(0);
            byte & 0xc0 != 0x80
        };
        let len = text.len() as u64;
        let (mut previous_end, mut inside) = (self.previous_end, true);
        let mut last = (0, 0);
        for record in records.chunks_exact(FIELD) {
            let &[s0, s1, s2, s3, l0, l1, l2, l3] = record else {
                continue;
            };
            let start = u64::from(u32::from_le_bytes([s0, s1, s2, s3]));
            let end = start + u64::from(u32::from_le_bytes([l0, l1, l2, l3]));
            // A span that starts where the one before ended (all, as bundles are written)
            // needs no second read for its start.
            #[allow(clippy::needless_bitwise_bool)]
            let good = (end <= len) & (start == previous_end || boundary(start)) & boundary(end);
            inside &= good;
            previous_end = end;
            last = (start, end);
        }
        self.previous_end = previous_end;
        self.inside &= inside;
        let range = |(start, end): (u64, u64)| {
            Some((usize::try_from(start).ok()?, usize::try_from(end).ok()?))
        };
        range(last)
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

/// Checks broader relations: kinds, ranges and order, in one pass without early exits (full
/// ESCO: ~24,000 records on every load).
pub(crate) fn check_broader(bytes: &[u8], sizes: Sizes) -> Result<()> {
    if bytes.len() % 10 != 0 {
        return Err(malformed("broader relations: a partial record at the end"));
    }
    let lens = [
        sizes.skills,
        sizes.skill_groups,
        sizes.occupations,
        sizes.isco_groups,
    ];
    // Whether a concept (kind tag, index) is in its table; its key in the derived order.
    let concept = |tag: u8, index: [u8; 4]| {
        let index = u32::from_le_bytes(index);
        let len = lens.get(usize::from(tag)).copied().unwrap_or(0);
        (
            (index as usize) < len,
            u64::from(tag) << 32 | u64::from(index),
        )
    };
    let (mut previous, mut outside, mut unsorted) = ((0u64, 0u64), false, false);
    for record in bytes.chunks_exact(10) {
        let &[t0, n0, n1, n2, n3, t1, b0, b1, b2, b3] = record else {
            continue;
        };
        let (narrower_ok, narrower) = concept(t0, [n0, n1, n2, n3]);
        let (broader_ok, broader) = concept(t1, [b0, b1, b2, b3]);
        #[allow(clippy::needless_bitwise_bool)]
        let known = narrower_ok & broader_ok;
        outside |= !known;
        // The derived order: narrower (kind tag, then index), then broader.
        let key = (narrower, broader);
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
    // `relation_order` of each record (the tags are 0 or 1), compared with the one before,
    // in one loop over the three arrays (iterators zipped twice cost half again as much).
    let (mut previous, mut unsorted) = (0u64, false);
    for ((a, &tag), b) in a.chunks_exact(4).zip(tags).zip(b.chunks_exact(4)) {
        let (&[a0, a1, a2, a3], &[b0, b1, b2, b3]) = (a, b) else {
            continue;
        };
        let key = u64::from(u32::from_le_bytes([a0, a1, a2, a3])) << 33
            | u64::from(tag) << 32
            | u64::from(u32::from_le_bytes([b0, b1, b2, b3]));
        unsorted |= key < previous;
        previous = key;
    }
    if unsorted {
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
