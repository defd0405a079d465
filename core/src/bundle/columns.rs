//! Fixed-width little-endian byte columns inside a postcard payload.
//!
//! Large tables of small numbers (full ESCO: ~150,000 relations, ~90,000 text lengths) decode
//! several times faster from fixed-width records cut out of one borrowed byte string than
//! element by element through serde. [`Bytes`] is that byte string (postcard: a varint length,
//! then the bytes, borrowed on load); the functions here write and read the records, checking
//! range and order in the same pass.

use std::borrow::Cow;

use serde::de::{Deserializer, Error as _, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::BundleError;
use crate::error::{Error, Result};
use crate::framework::{
    relation_order, BroaderRelation, ConceptRef, OccupationSkill, Relevance, SkillSkillRelation,
};

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
) -> Result<impl ExactSizeIterator<Item = [u8; N]> + 'b> {
    let chunks = bytes.chunks_exact(N);
    if !chunks.remainder().is_empty() {
        return Err(malformed(&format!("{what}: a partial record at the end")));
    }
    // A `map` (not `filter_map`) keeps the exact length, so collecting allocates once; every
    // chunk has length `N`, so the fallback is never taken.
    Ok(chunks.map(|c| <[u8; N]>::try_from(c).unwrap_or([0; N])))
}

pub(crate) fn u32_at(r: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([r[at], r[at + 1], r[at + 2], r[at + 3]])
}

/// `u32` values, 4 bytes each.
pub(crate) fn write_u32s(values: &[u32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

const fn relevance_tag(r: Relevance) -> u8 {
    match r {
        Relevance::Essential => 0,
        Relevance::Optional => 1,
    }
}

fn concept_out(concept: ConceptRef) -> [u8; 5] {
    let (tag, index) = match concept {
        ConceptRef::Skill(i) => (0, i),
        ConceptRef::SkillGroup(i) => (1, i),
        ConceptRef::Occupation(i) => (2, i),
        ConceptRef::IscoGroup(i) => (3, i),
    };
    let mut out = [tag, 0, 0, 0, 0];
    out[1..].copy_from_slice(&index.to_le_bytes());
    out
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
    fn concept(self, r: &[u8], at: usize) -> Result<ConceptRef> {
        let i = u32_at(r, at + 1);
        let (c, len) = match r[at] {
            0 => (ConceptRef::Skill(i), self.skills),
            1 => (ConceptRef::SkillGroup(i), self.skill_groups),
            2 => (ConceptRef::Occupation(i), self.occupations),
            3 => (ConceptRef::IscoGroup(i), self.isco_groups),
            _ => return Err(malformed("unknown concept kind in a broader relation")),
        };
        if (i as usize) < len {
            Ok(c)
        } else {
            Err(malformed("a relation points outside the concept tables"))
        }
    }
}

/// Broader relations, 10 bytes each: kind and index of the narrower, then of the broader.
pub(crate) fn write_broader(relations: &[BroaderRelation]) -> Vec<u8> {
    relations
        .iter()
        .flat_map(|r| {
            let mut out = [0u8; 10];
            out[..5].copy_from_slice(&concept_out(r.narrower));
            out[5..].copy_from_slice(&concept_out(r.broader));
            out
        })
        .collect()
}

/// Reads what [`write_broader`] wrote, checking kinds, ranges and order in one pass.
pub(crate) fn read_broader(bytes: &[u8], sizes: Sizes) -> Result<Vec<BroaderRelation>> {
    let mut items = Vec::with_capacity(bytes.len() / 10);
    let mut previous = 0u128;
    for ref r in records::<10>(bytes, "broader relations")? {
        let (narrower, broader) = (sizes.concept(r, 0)?, sizes.concept(r, 5)?);
        // The derived order: narrower (kind tag, then index), then broader.
        let key = |at: usize| u128::from(r[at]) << 32 | u128::from(u32_at(r, at + 1));
        let key = key(0) << 64 | key(5);
        if key < previous {
            return Err(malformed("broader relations are not sorted"));
        }
        previous = key;
        items.push(BroaderRelation { narrower, broader });
    }
    Ok(items)
}

/// `(u32, relevance, u32)` records, 9 bytes each.
fn write_triples(triples: impl Iterator<Item = (u32, Relevance, u32)>) -> Vec<u8> {
    triples
        .flat_map(|(a, r, b)| {
            let mut out = [0u8; 9];
            out[..4].copy_from_slice(&a.to_le_bytes());
            out[4] = relevance_tag(r);
            out[5..].copy_from_slice(&b.to_le_bytes());
            out
        })
        .collect()
}

/// Reads `(u32, relevance, u32)` records, checking range, relevance tags and order in one
/// branch-light pass (full ESCO: ~124,000 records, decoded on every bundle load).
fn read_triples<T>(
    bytes: &[u8],
    what: &str,
    (first, second): (usize, usize),
    make: impl Fn(u32, Relevance, u32) -> T,
) -> Result<Vec<T>> {
    let (first, second) = (
        u32::try_from(first).unwrap_or(u32::MAX),
        u32::try_from(second).unwrap_or(u32::MAX),
    );
    let triple = |[a0, a1, a2, a3, tag, b0, b1, b2, b3]: [u8; 9]| {
        let a = u32::from_le_bytes([a0, a1, a2, a3]);
        (a, tag, u32::from_le_bytes([b0, b1, b2, b3]))
    };
    // One flag for every check keeps the hot loop free of branches and spills (full ESCO has
    // 130,000 relations); which check failed is worked out only for a bad column.
    let mut previous = 0u64;
    let mut bad = false;
    let items = records::<9>(bytes, what)?
        .map(|record| {
            let (a, tag, b) = triple(record);
            let relevance = if tag == 0 {
                Relevance::Essential
            } else {
                Relevance::Optional
            };
            // The order of the relation structs (a tag above 1 is refused anyway).
            let k = relation_order(a, relevance, b);
            // `||` would branch per check: the point is one flag, computed without jumps.
            #[allow(clippy::needless_bitwise_bool)]
            let wrong = (a >= first) | (b >= second) | (tag > 1) | (k < previous);
            bad |= wrong;
            previous = k;
            make(a, relevance, b)
        })
        .collect();
    if !bad {
        return Ok(items);
    }
    let triples = || records::<9>(bytes, what).into_iter().flatten().map(triple);
    Err(if triples().any(|(a, _, b)| a >= first || b >= second) {
        malformed(&format!("{what} point outside the concept tables"))
    } else if triples().any(|(_, tag, _)| tag > 1) {
        malformed("unknown relevance in a relation")
    } else {
        malformed(&format!("{what} are not sorted"))
    })
}

/// Occupation → skill relations.
pub(crate) fn write_occupation_skills(relations: &[OccupationSkill]) -> Vec<u8> {
    write_triples(
        relations
            .iter()
            .map(|r| (r.occupation, r.relevance, r.skill)),
    )
}

/// Reads what [`write_occupation_skills`] wrote.
pub(crate) fn read_occupation_skills(bytes: &[u8], sizes: Sizes) -> Result<Vec<OccupationSkill>> {
    read_triples(
        bytes,
        "occupation-skill relations",
        (sizes.occupations, sizes.skills),
        |occupation, relevance, skill| OccupationSkill {
            occupation,
            relevance,
            skill,
        },
    )
}

/// Skill → skill relations.
pub(crate) fn write_skill_skills(relations: &[SkillSkillRelation]) -> Vec<u8> {
    write_triples(relations.iter().map(|r| (r.from, r.relevance, r.to)))
}

/// Reads what [`write_skill_skills`] wrote.
pub(crate) fn read_skill_skills(bytes: &[u8], sizes: Sizes) -> Result<Vec<SkillSkillRelation>> {
    read_triples(
        bytes,
        "skill-skill relations",
        (sizes.skills, sizes.skills),
        |from, relevance, to| SkillSkillRelation {
            from,
            relevance,
            to,
        },
    )
}
