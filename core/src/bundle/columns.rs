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
    BroaderRelation, ConceptRef, OccupationSkill, Relevance, SkillSkillRelation,
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

/// Reads `bytes` as records of `N` bytes; a partial record is malformed.
fn records<'b, const N: usize>(
    bytes: &'b [u8],
    what: &str,
) -> Result<impl Iterator<Item = [u8; N]> + 'b> {
    let chunks = bytes.chunks_exact(N);
    if !chunks.remainder().is_empty() {
        return Err(malformed(&format!("{what}: a partial record at the end")));
    }
    Ok(chunks.map(|c| {
        let mut r = [0u8; N];
        r.copy_from_slice(c);
        r
    }))
}

fn u32_at(r: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([r[at], r[at + 1], r[at + 2], r[at + 3]])
}

/// `u32` values, 4 bytes each.
pub(crate) fn write_u32s(values: &[u32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// Reads what [`write_u32s`] wrote.
pub(crate) fn read_u32s(bytes: &[u8], what: &str) -> Result<Vec<u32>> {
    Ok(records::<4>(bytes, what)?.map(u32::from_le_bytes).collect())
}

const fn relevance_tag(r: Relevance) -> u8 {
    match r {
        Relevance::Essential => 0,
        Relevance::Optional => 1,
    }
}

fn relevance(tag: u8) -> Result<Relevance> {
    match tag {
        0 => Ok(Relevance::Essential),
        1 => Ok(Relevance::Optional),
        _ => Err(malformed("unknown relevance in a relation")),
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

/// Checks that `items` is sorted (the lookups rely on it).
fn sorted<T: Ord>(items: Vec<T>, what: &str) -> Result<Vec<T>> {
    if items.windows(2).all(|w| w[0] <= w[1]) {
        Ok(items)
    } else {
        Err(malformed(&format!("{what} are not sorted")))
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

/// Reads what [`write_broader`] wrote.
pub(crate) fn read_broader(bytes: &[u8], sizes: Sizes) -> Result<Vec<BroaderRelation>> {
    let mut items = Vec::with_capacity(bytes.len() / 10);
    for r in records::<10>(bytes, "broader relations")? {
        items.push(BroaderRelation {
            narrower: sizes.concept(&r, 0)?,
            broader: sizes.concept(&r, 5)?,
        });
    }
    sorted(items, "broader relations")
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

fn read_triples<T>(
    bytes: &[u8],
    what: &str,
    (first, second): (usize, usize),
    make: impl Fn(u32, Relevance, u32) -> T,
) -> Result<Vec<T>> {
    // A plain loop with the exact capacity: collecting through `Result` loses the size hint.
    let mut items = Vec::with_capacity(bytes.len() / 9);
    for r in records::<9>(bytes, what)? {
        let (a, b) = (u32_at(&r, 0), u32_at(&r, 5));
        if (a as usize) >= first || (b as usize) >= second {
            return Err(malformed(&format!(
                "{what} point outside the concept tables"
            )));
        }
        items.push(make(a, relevance(r[4])?, b));
    }
    Ok(items)
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
    let what = "occupation-skill relations";
    let items = read_triples(
        bytes,
        what,
        (sizes.occupations, sizes.skills),
        |occupation, relevance, skill| OccupationSkill {
            occupation,
            relevance,
            skill,
        },
    )?;
    sorted(items, what)
}

/// Skill → skill relations.
pub(crate) fn write_skill_skills(relations: &[SkillSkillRelation]) -> Vec<u8> {
    write_triples(relations.iter().map(|r| (r.from, r.relevance, r.to)))
}

/// Reads what [`write_skill_skills`] wrote.
pub(crate) fn read_skill_skills(bytes: &[u8], sizes: Sizes) -> Result<Vec<SkillSkillRelation>> {
    let what = "skill-skill relations";
    let items = read_triples(
        bytes,
        what,
        (sizes.skills, sizes.skills),
        |from, relevance, to| SkillSkillRelation {
            from,
            relevance,
            to,
        },
    )?;
    sorted(items, what)
}
