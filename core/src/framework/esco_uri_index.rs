//! URI → concept index of the [`EscoBuilder`](super::EscoBuilder).
//!
//! Importing full ESCO resolves ~180,000 relation URIs. A hash table over the URI text itself
//! costs three cache misses per lookup (table, concept row, text buffer) plus hashing a 70-byte
//! string, and was the largest cost of the import. Almost every ESCO URI is a prefix followed by
//! a lower-case UUID (`http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab`),
//! which maps losslessly to its prefix and a 128-bit number: those go to one map per prefix
//! with inline 16-byte keys (one probe, no string comparison; the skills map of full ESCO is
//! ~400 KB, small enough to stay in cache while the relation files stream past). Any other URI (ISCO groups such as `…/isco/C2654`,
//! ISCED-F fields, upper-case hex) goes to a table that compares against the text buffer.

use hashbrown::{HashMap, HashTable};

use super::esco::ConceptRef;

/// A UUID as two `u64` (8-byte aligned: a `u128` key would pad every entry to 32 bytes).
pub(crate) type UuidKey = [u64; 2];

/// Hashes a key with one `write_u64` (an array's derived `Hash` writes its length and each
/// element: three rounds of the hasher per lookup).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Uuid(UuidKey);

impl std::hash::Hash for Uuid {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.0[0] ^ self.0[1].rotate_left(32));
    }
}

type UuidMap = HashMap<Uuid, ConceptRef, foldhash::fast::RandomState>;

#[derive(Default)]
pub(crate) struct UriIndex {
    hasher: foldhash::fast::RandomState,
    /// One map per prefix of UUID-form URIs (a handful: skill, occupation, …).
    uuids: Vec<(Box<str>, UuidMap)>,
    others: HashTable<ConceptRef>,
}

/// Value of a lower-case hex digit; 0x80 marks any other byte.
const HEX: [u8; 256] = {
    let mut table = [0x80u8; 256];
    let mut d = 0u8;
    while d < 10 {
        table[(b'0' + d) as usize] = d;
        d += 1;
    }
    let mut d = 0u8;
    while d < 6 {
        table[(b'a' + d) as usize] = 10 + d;
        d += 1;
    }
    table
};

/// Positions of the 32 hex digits in `8-4-4-4-12`.
const DIGITS: [usize; 32] = [
    0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 14, 15, 16, 17, 19, 20, 21, 22, 24, 25, 26, 27, 28, 29,
    30, 31, 32, 33, 34, 35,
];

/// Splits `uri` into its prefix (up to the last `/`) and a lower-case UUID, if it has that form.
/// Branch-free over the digits: a `match` per byte mispredicts on random hex and made this
/// the largest cost of an ESCO import.
pub(crate) fn split_uuid(uri: &str) -> Option<(&str, UuidKey)> {
    let bytes = uri.as_bytes();
    // The UUID is the last 36 bytes, after a `/`.
    let start = bytes.len().checked_sub(36)?;
    if start == 0 || bytes[start - 1] != b'/' {
        return None;
    }
    let Ok(id) = <&[u8; 36]>::try_from(&bytes[start..]) else {
        return None;
    };
    if id[8] != b'-' || id[13] != b'-' || id[18] != b'-' || id[23] != b'-' {
        return None;
    }
    // Two u64 halves: a u128 shift is several instructions, a u64 shift one.
    let mut key = [0u64; 2];
    let mut invalid = 0u8;
    for (half, positions) in key.iter_mut().zip(DIGITS.chunks_exact(16)) {
        for &p in positions {
            let digit = HEX[usize::from(id[p])];
            invalid |= digit;
            *half = *half << 4 | u64::from(digit & 0x0f);
        }
    }
    (invalid & 0x80 == 0).then(|| (uri.get(..start).unwrap_or_default(), key))
}

impl UriIndex {
    fn map_of(&self, prefix: &str) -> Option<&UuidMap> {
        self.uuids
            .iter()
            .find(|(p, _)| &**p == prefix)
            .map(|(_, map)| map)
    }

    /// The concept with UUID `key` under `prefix` (an already split URI); `None` also when
    /// URIs with this prefix are not indexed in the UUID form.
    pub(crate) fn find_uuid(&self, prefix: &str, key: UuidKey) -> Option<ConceptRef> {
        self.map_of(prefix)?.get(&Uuid(key)).copied()
    }

    /// Whether URIs with `prefix` and a UUID are indexed in the UUID form (else they are in
    /// the table of other URIs and must be looked up as text).
    pub(crate) fn has_uuid_prefix(&self, prefix: &str) -> bool {
        self.map_of(prefix).is_some()
    }

    /// The concept with `uri`; `uri_of` gives the URI of an indexed concept.
    pub(crate) fn find<'t>(
        &self,
        uri: &str,
        uri_of: impl Fn(ConceptRef) -> &'t str,
    ) -> Option<ConceptRef> {
        if let Some((prefix, id)) = split_uuid(uri) {
            if let Some(map) = self.map_of(prefix) {
                return map.get(&Uuid(id)).copied();
            }
            // A prefix without a map: not indexed in this form (there are too many prefixes).
        }
        let hash = std::hash::BuildHasher::hash_one(&self.hasher, uri);
        self.others.find(hash, |&c| uri_of(c) == uri).copied()
    }

    /// Indexes `concept` under `uri`, which must not be indexed yet.
    pub(crate) fn insert<'t>(
        &mut self,
        uri: &str,
        concept: ConceptRef,
        uri_of: impl Fn(ConceptRef) -> &'t str,
    ) {
        if let Some((prefix, id)) = split_uuid(uri) {
            let known = self.uuids.iter().position(|(p, _)| &**p == prefix);
            // A bound on the linear prefix search; real data has two or three prefixes.
            let slot = known.or_else(|| {
                (self.uuids.len() < 64).then(|| {
                    self.uuids.push((prefix.into(), UuidMap::default()));
                    self.uuids.len() - 1
                })
            });
            if let Some(slot) = slot {
                self.uuids[slot].1.insert(Uuid(id), concept);
                return;
            }
        }
        let hasher = &self.hasher;
        let hash = std::hash::BuildHasher::hash_one(hasher, uri);
        self.others.insert_unique(hash, concept, |&c| {
            std::hash::BuildHasher::hash_one(hasher, uri_of(c))
        });
    }

    /// Re-points every entry (the URIs stay the same, so the hashes do too).
    pub(crate) fn remap(&mut self, f: impl Fn(ConceptRef) -> ConceptRef) {
        for c in self.uuids.iter_mut().flat_map(|(_, map)| map.values_mut()) {
            *c = f(*c);
        }
        for c in &mut self.others {
            *c = f(*c);
        }
    }
}

/// The URI text of a split URI (the inverse of [`split_uuid`], for messages).
pub(crate) fn join_uuid(prefix: &str, [high, low]: UuidKey) -> String {
    let hex = format!("{high:016x}{low:016x}");
    format!(
        "{prefix}{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_lower_case_uuids_take_the_compact_form() {
        let uri = "http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab";
        let (prefix, id) = split_uuid(uri).unwrap();
        assert_eq!(prefix, "http://data.europa.eu/esco/skill/");
        assert_eq!(id, [0x0005_c151_5b5a_4a66, 0x8aac_60e7_34be_b1ab]);
        assert!(split_uuid(&uri.to_uppercase()).is_none());
        assert_eq!(join_uuid(prefix, id), uri);
        assert!(split_uuid("http://data.europa.eu/esco/isco/C2654").is_none());
        assert!(split_uuid("x/0005c151-5b5a-4a66-8aac-60e734beb1a").is_none());
        assert!(split_uuid("x/0005c151x5b5a-4a66-8aac-60e734beb1ab").is_none());
    }

    #[test]
    fn both_forms_are_found_and_remapped() {
        let uris = [
            "http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab",
            "http://data.europa.eu/esco/occupation/0005c151-5b5a-4a66-8aac-60e734beb1ab",
            "http://data.europa.eu/esco/isco/C2654",
            "http://data.europa.eu/esco/skill/0005C151-5B5A-4A66-8AAC-60E734BEB1AB",
        ];
        let uri_of = |c: ConceptRef| match c {
            ConceptRef::Skill(i) | ConceptRef::Occupation(i) => uris[i as usize],
            _ => "",
        };
        let mut index = UriIndex::default();
        for (i, uri) in uris.iter().enumerate() {
            index.insert(uri, ConceptRef::Skill(u32::try_from(i).unwrap()), uri_of);
        }
        for (i, uri) in uris.iter().enumerate() {
            assert_eq!(
                index.find(uri, uri_of),
                Some(ConceptRef::Skill(u32::try_from(i).unwrap())),
                "{uri}"
            );
        }
        assert_eq!(
            index.find("http://data.europa.eu/esco/skill/x", uri_of),
            None
        );
        index.remap(|c| match c {
            ConceptRef::Skill(i) => ConceptRef::Occupation(i),
            other => other,
        });
        assert_eq!(
            index.find(uris[2], |_| uris[2]),
            Some(ConceptRef::Occupation(2))
        );
    }
}
