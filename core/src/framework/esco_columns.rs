//! The fixed-width byte columns an [`EscoTaxonomy`](super::EscoTaxonomy) reads in place.
//!
//! Everything of a taxonomy but its text is a column of little-endian records, exactly as a
//! bundle stores them (`bundle::esco_wire`): a loaded taxonomy keeps slices of the bundle
//! buffer (reference-counted [`Bytes`]) and decodes a record when it is asked for, so loading
//! full ESCO builds no table and copies nothing; a built one encodes its tables once, in
//! [`EscoBuilder::finish`](super::EscoBuilder::finish). The columns:
//!
//! | column | record |
//! |---|---|
//! | `fields` | 8 bytes per text field: start and length (`u32`) in the text |
//! | `skills` | 1 byte per skill: skill type (bits 0–1) and reuse level (bits 2–4), 0 = none |
//! | `skill_groups` | 2 bytes per group: 1 and the level, or 0 0 for none |
//! | `broader` | 10 bytes: kind tag and `u32` index of the narrower, then of the broader |
//! | `occupation_skills`, `skill_skills` | 9 bytes, stored by field (all first `u32` indexes, then all second ones, then all relevance tags), so the load's checks are simple loops over arrays |
//!
//! Text fields are concept by concept, table by table (skills, occupations, ISCO groups, skill
//! groups): a concept's fixed fields (see [`Kind::fixed`]), then per language the preferred
//! label, the alternative labels and the description. A bundle's loader checks every record
//! once (spans inside the text on character boundaries, tags known, indexes inside the tables,
//! relations sorted), so decoding here never needs to fail; it still never panics, falling
//! back to an empty or zero value for a record that is not there.

use std::ops::Range;

use bytes::Bytes;

use super::esco::{
    BroaderRelation, ConceptRef, OccupationSkill, Relevance, ReuseLevel, SkillSkillRelation,
    SkillType,
};
use super::esco_taxonomy::Span;

/// The four concept tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Skill,
    Occupation,
    IscoGroup,
    SkillGroup,
}

impl Kind {
    pub(crate) const ALL: [Kind; 4] = [
        Kind::Skill,
        Kind::Occupation,
        Kind::IscoGroup,
        Kind::SkillGroup,
    ];

    /// Text fields before the labels: URI (all); code, ISCO group, regulated-profession
    /// note (occupations); code (ISCO and skill groups).
    pub(crate) const fn fixed(self) -> usize {
        match self {
            Kind::Skill => 1,
            Kind::Occupation => 4,
            Kind::IscoGroup | Kind::SkillGroup => 2,
        }
    }
}

/// The columns of a taxonomy and where each table's text fields start.
#[derive(Debug, Clone, Default)]
pub(crate) struct Columns {
    pub(crate) fields: Bytes,
    pub(crate) skills: Bytes,
    pub(crate) skill_groups: Bytes,
    pub(crate) broader: Bytes,
    pub(crate) occupation_skills: Bytes,
    pub(crate) skill_skills: Bytes,
    /// Concepts per table, in [`Kind::ALL`] order.
    pub(crate) counts: [usize; 4],
    /// Text fields per concept, per table.
    per: [usize; 4],
    /// Index of each table's first text field.
    base: [usize; 4],
}

/// Byte widths of the records.
pub(crate) const FIELD: usize = 8;
pub(crate) const GROUP: usize = 2;

impl Columns {
    /// Lays out columns for `languages` label languages and the given concept counts; `None`
    /// when the field count overflows (a damaged count).
    pub(crate) fn layout(languages: usize, counts: [usize; 4]) -> Option<([usize; 4], [usize; 4])> {
        let mut per = [0; 4];
        let mut base = [0; 4];
        let mut next = 0usize;
        for (i, kind) in Kind::ALL.into_iter().enumerate() {
            per[i] = languages.checked_mul(3)?.checked_add(kind.fixed())?;
            base[i] = next;
            next = next.checked_add(per[i].checked_mul(counts[i])?)?;
        }
        Some((per, base))
    }

    /// The number of text fields of tables of `counts` in `languages` languages.
    pub(crate) fn field_count(languages: usize, counts: [usize; 4]) -> Option<usize> {
        let (per, base) = Columns::layout(languages, counts)?;
        base[3].checked_add(per[3].checked_mul(counts[3])?)
    }

    /// Columns over the given bytes; the caller has checked (or written) them.
    pub(crate) fn new(
        languages: usize,
        counts: [usize; 4],
        [fields, skills, skill_groups, broader, occupation_skills, skill_skills]: [Bytes; 6],
    ) -> Columns {
        let (per, base) = Columns::layout(languages, counts).unwrap_or_default();
        Columns {
            fields,
            skills,
            skill_groups,
            broader,
            occupation_skills,
            skill_skills,
            counts,
            per,
            base,
        }
    }

    pub(crate) fn count(&self, kind: Kind) -> usize {
        self.counts[kind as usize]
    }

    /// The span of field `k` of concept `index` of `kind`.
    pub(crate) fn span(&self, kind: Kind, index: usize, k: usize) -> Span {
        let at = index
            .saturating_mul(self.per[kind as usize])
            .saturating_add(self.base[kind as usize])
            .saturating_add(k);
        span_at(&self.fields, at)
    }

    /// The skill type and reuse level of skill `index`.
    pub(crate) fn skill(&self, index: usize) -> (Option<SkillType>, Option<ReuseLevel>) {
        decode_skill(self.skills.get(index).copied().unwrap_or(0))
    }

    /// The level of skill group `index`.
    pub(crate) fn group_level(&self, index: usize) -> Option<u8> {
        let at = index.saturating_mul(GROUP);
        match self.skill_groups.get(at..at.saturating_add(GROUP)) {
            Some(&[1, level]) => Some(level),
            _ => None,
        }
    }
}

/// The span of text field `at` of a `fields` column.
pub(crate) fn span_at(fields: &[u8], at: usize) -> Span {
    let start = at.saturating_mul(FIELD);
    match fields.get(start..start.saturating_add(FIELD)) {
        Some(&[s0, s1, s2, s3, l0, l1, l2, l3]) => Span {
            start: u32::from_le_bytes([s0, s1, s2, s3]),
            len: u32::from_le_bytes([l0, l1, l2, l3]),
        },
        _ => Span::default(),
    }
}

pub(crate) fn push_span(out: &mut Vec<u8>, span: Span) {
    out.extend_from_slice(&span.start.to_le_bytes());
    out.extend_from_slice(&span.len.to_le_bytes());
}

pub(crate) fn encode_skill(skill_type: Option<SkillType>, reuse: Option<ReuseLevel>) -> u8 {
    let t = match skill_type {
        None => 0,
        Some(SkillType::Knowledge) => 1,
        Some(SkillType::SkillCompetence) => 2,
    };
    let r = match reuse {
        None => 0,
        Some(ReuseLevel::Transversal) => 1,
        Some(ReuseLevel::CrossSector) => 2,
        Some(ReuseLevel::SectorSpecific) => 3,
        Some(ReuseLevel::OccupationSpecific) => 4,
    };
    t | r << 2
}

/// Whether `byte` is one [`encode_skill`] writes.
pub(crate) const fn skill_byte_ok(byte: u8) -> bool {
    byte & 3 != 3 && byte >> 2 <= 4
}

fn decode_skill(byte: u8) -> (Option<SkillType>, Option<ReuseLevel>) {
    let t = match byte & 3 {
        1 => Some(SkillType::Knowledge),
        2 => Some(SkillType::SkillCompetence),
        _ => None,
    };
    let r = match byte >> 2 {
        1 => Some(ReuseLevel::Transversal),
        2 => Some(ReuseLevel::CrossSector),
        3 => Some(ReuseLevel::SectorSpecific),
        4 => Some(ReuseLevel::OccupationSpecific),
        _ => None,
    };
    (t, r)
}

pub(crate) fn encode_group(level: Option<u8>) -> [u8; GROUP] {
    level.map_or([0, 0], |l| [1, l])
}

/// A relation record of a column.
pub(crate) trait Record: Copy + 'static {
    /// Bytes per record.
    const WIDTH: usize;
    /// Record `i` of `column`.
    fn decode_at(column: &[u8], i: usize) -> Self;
    /// The column of `items`.
    fn encode_all(items: &[Self]) -> Vec<u8>;
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    match bytes.get(at..at.saturating_add(4)) {
        Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
        _ => 0,
    }
}

pub(crate) const fn relevance_of(tag: u8) -> Relevance {
    if tag == 0 {
        Relevance::Essential
    } else {
        Relevance::Optional
    }
}

const fn relevance_tag(relevance: Relevance) -> u8 {
    match relevance {
        Relevance::Essential => 0,
        Relevance::Optional => 1,
    }
}

pub(crate) fn concept_of(tag: u8, index: u32) -> ConceptRef {
    match tag {
        1 => ConceptRef::SkillGroup(index),
        2 => ConceptRef::Occupation(index),
        3 => ConceptRef::IscoGroup(index),
        _ => ConceptRef::Skill(index),
    }
}

fn concept_tag(concept: ConceptRef) -> (u8, u32) {
    match concept {
        ConceptRef::Skill(i) => (0, i),
        ConceptRef::SkillGroup(i) => (1, i),
        ConceptRef::Occupation(i) => (2, i),
        ConceptRef::IscoGroup(i) => (3, i),
    }
}

impl Record for BroaderRelation {
    const WIDTH: usize = 10;
    fn decode_at(column: &[u8], i: usize) -> Self {
        let at = i.saturating_mul(Self::WIDTH);
        let tag = |k: usize| column.get(at.saturating_add(k)).copied().unwrap_or(0);
        BroaderRelation {
            narrower: concept_of(tag(0), u32_at(column, at.saturating_add(1))),
            broader: concept_of(tag(5), u32_at(column, at.saturating_add(6))),
        }
    }
    fn encode_all(items: &[Self]) -> Vec<u8> {
        let mut out = Vec::with_capacity(items.len() * Self::WIDTH);
        for r in items {
            for concept in [r.narrower, r.broader] {
                let (tag, index) = concept_tag(concept);
                out.push(tag);
                out.extend_from_slice(&index.to_le_bytes());
            }
        }
        out
    }
}

/// Record `i` of a `(u32, relevance, u32)` column stored by field.
fn decode_triple(column: &[u8], i: usize) -> (u32, Relevance, u32) {
    let n = column.len() / 9;
    let tag = column.get(8 * n + i).copied().unwrap_or(0);
    (
        u32_at(column, 4 * i),
        relevance_of(tag),
        u32_at(column, 4 * (n + i)),
    )
}

/// A `(u32, relevance, u32)` column stored by field.
fn encode_triples(
    triples: impl ExactSizeIterator<Item = (u32, Relevance, u32)> + Clone,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(triples.len() * 9);
    out.extend(triples.clone().flat_map(|(a, _, _)| a.to_le_bytes()));
    out.extend(triples.clone().flat_map(|(_, _, b)| b.to_le_bytes()));
    out.extend(triples.map(|(_, r, _)| relevance_tag(r)));
    out
}

impl Record for OccupationSkill {
    const WIDTH: usize = 9;
    fn decode_at(column: &[u8], i: usize) -> Self {
        let (occupation, relevance, skill) = decode_triple(column, i);
        OccupationSkill {
            occupation,
            relevance,
            skill,
        }
    }
    fn encode_all(items: &[Self]) -> Vec<u8> {
        encode_triples(items.iter().map(|r| (r.occupation, r.relevance, r.skill)))
    }
}

impl Record for SkillSkillRelation {
    const WIDTH: usize = 9;
    fn decode_at(column: &[u8], i: usize) -> Self {
        let (from, relevance, to) = decode_triple(column, i);
        SkillSkillRelation {
            from,
            relevance,
            to,
        }
    }
    fn encode_all(items: &[Self]) -> Vec<u8> {
        encode_triples(items.iter().map(|r| (r.from, r.relevance, r.to)))
    }
}

/// Records `range` of a column, decoded one by one.
pub(crate) fn records_in<T: Record>(
    column: &[u8],
    range: Range<usize>,
) -> impl ExactSizeIterator<Item = T> + DoubleEndedIterator + Clone + '_ {
    range.map(move |i| T::decode_at(column, i))
}

/// The records of a column, decoded one by one.
pub(crate) fn records<T: Record>(
    column: &[u8],
) -> impl ExactSizeIterator<Item = T> + DoubleEndedIterator + Clone + '_ {
    records_in(column, 0..column.len() / T::WIDTH)
}

/// A column of `T` records written from `items`.
pub(crate) fn encode_all<T: Record>(items: &[T]) -> Bytes {
    Bytes::from(T::encode_all(items))
}

/// The index of the first record for which `pred` is false, all those before it being true
/// (as `slice::partition_point`): a binary search over the records of a column.
pub(crate) fn partition_point<T: Record>(column: &[u8], pred: impl Fn(T) -> bool) -> usize {
    let (mut lo, mut hi) = (0, column.len() / T::WIDTH);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(T::decode_at(column, mid)) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}
