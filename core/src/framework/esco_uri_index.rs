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

/// The concepts of one URI prefix, by UUID (see [`UriIndex::uuids_under`]).
#[cfg(feature = "import")]
#[derive(Clone, Copy)]
pub(crate) struct UuidLookup<'a>(&'a UuidMap);

#[cfg(feature = "import")]
impl UuidLookup<'_> {
    /// The concept with UUID `key` under this prefix.
    pub(crate) fn get(self, key: UuidKey) -> Option<ConceptRef> {
        self.0.get(&Uuid(key)).copied()
    }
}

/// Where a URI not indexed yet goes (see [`UriIndex::vacancy`]).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Vacancy {
    /// Into the UUID map `map`, under `id`.
    Uuid { map: usize, id: UuidKey },
    /// Into a new UUID map for the URI's first `prefix_len` bytes, under `id`.
    NewPrefix { prefix_len: usize, id: UuidKey },
    /// Into the table of other URIs, with the URI's hash.
    Other { hash: u64 },
}

#[derive(Default)]
pub(crate) struct UriIndex {
    hasher: foldhash::fast::RandomState,
    /// One map per prefix of UUID-form URIs (a handful: skill, occupation, …).
    uuids: Vec<(Box<str>, UuidMap)>,
    others: HashTable<ConceptRef>,
}

/// `n` copies of a byte in a `u64`.
const fn lanes(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

/// The high bit of every byte of `x` (whose bytes are all below 0x80) set where that byte is
/// at least `n`: adding `0x80 - n` to a byte below 0x80 cannot carry into the next one.
const fn at_least(x: u64, n: u8) -> u64 {
    x.wrapping_add(lanes(0x80 - n)) & lanes(0x80)
}

/// Eight lower-case hex digits (the bytes of `x`, the first one most significant) as a 32-bit number, or `None`
/// when any byte is not one. All eight bytes are looked at together (SWAR): the byte-at-a-time
/// table version cost ~270 instructions per UUID and was an eighth of a full ESCO import.
// Measured: without `always` the call stayed out of line and the SWAR version was slower
// than the table it replaces.
#[allow(clippy::inline_always)]
#[inline(always)]
fn hex8(x: u64) -> Option<u64> {
    let ascii = x & lanes(0x80) == 0;
    let digit = at_least(x, b'0') & !at_least(x, b'9' + 1);
    let letter = at_least(x, b'a') & !at_least(x, b'f' + 1);
    if !ascii || digit | letter != lanes(0x80) {
        return None;
    }
    // Each byte's value (0..=15): its low nibble, plus 9 for a letter (`a` is 0x61).
    let v = (x & lanes(0x0f)) + (letter >> 7) * 9;
    // Pack the nibbles: pairs of bytes, then pairs of 16-bit lanes, then the two halves.
    let v = (v | v >> 4) & 0x00ff_00ff_00ff_00ff;
    let v = (v | v >> 8) & 0x0000_ffff_0000_ffff;
    Some((v | v >> 16) & 0xffff_ffff)
}

/// The eight hex digits at `a..a + 4` and `b..b + 4` of a UUID (see [`hex8`]); always inlined,
/// so that the constant positions need no bounds checks.
#[allow(clippy::inline_always)]
#[inline(always)]
fn group(id: &[u8; 36], a: usize, b: usize) -> Option<u64> {
    // Two 4-byte loads (constant positions, so the conversions cannot fail and compile to
    // plain loads): gathering the eight bytes one by one cost more than checking them.
    let run = |at: usize| {
        id.get(at..at + 4)
            .and_then(|run| <[u8; 4]>::try_from(run).ok())
            .unwrap_or([0; 4])
    };
    hex8(u64::from(u32::from_be_bytes(run(a))) << 32 | u64::from(u32::from_be_bytes(run(b))))
}

/// Splits `uri` into its prefix (up to the last `/`) and a lower-case UUID, if it has that form.
pub(crate) fn split_uuid(uri: &str) -> Option<(&str, UuidKey)> {
    let bytes = uri.as_bytes();
    // The UUID is the last 36 bytes, after a `/`.
    let start = bytes.len().checked_sub(36)?;
    if start == 0 || bytes[start - 1] != b'/' {
        return None;
    }
    let id = <&[u8; 36]>::try_from(&bytes[start..]).ok()?;
    Some((uri.get(..start).unwrap_or_default(), uuid_key(id)?))
}

/// The key of a lower-case UUID (`8-4-4-4-12` hex digits), or `None` when `id` is not one: the
/// UUID part of [`split_uuid`], for a reader that already knows where the UUID of a URI lies.
#[allow(clippy::inline_always)]
#[inline(always)]
pub(crate) fn uuid_key(id: &[u8; 36]) -> Option<UuidKey> {
    if id[8] != b'-' || id[13] != b'-' || id[18] != b'-' || id[23] != b'-' {
        return None;
    }
    // The 32 digits of `8-4-4-4-12`, in four groups of eight, each made of two runs of four.
    let high = group(id, 0, 4)? << 32 | group(id, 9, 14)?;
    let low = group(id, 19, 24)? << 32 | group(id, 28, 32)?;
    Some([high, low])
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
    #[cfg(feature = "import")] // only the importers look up split URIs
    pub(crate) fn find_uuid(&self, prefix: &str, key: UuidKey) -> Option<ConceptRef> {
        self.map_of(prefix)?.get(&Uuid(key)).copied()
    }

    /// Whether URIs with `prefix` and a UUID are indexed in the UUID form (else they are in
    /// the table of other URIs and must be looked up as text).
    #[cfg(feature = "import")] // only the importers look up split URIs
    pub(crate) fn has_uuid_prefix(&self, prefix: &str) -> bool {
        self.map_of(prefix).is_some()
    }

    /// The concepts whose URIs are `prefix` + a UUID, when indexed in that form: an importer
    /// that resolves many split URIs looks the prefix up once, not once per URI.
    #[cfg(feature = "import")] // only the importers look up split URIs
    pub(crate) fn uuids_under(&self, prefix: &str) -> Option<UuidLookup<'_>> {
        self.map_of(prefix).map(UuidLookup)
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
    #[cfg(test)]
    pub(crate) fn insert<'t>(
        &mut self,
        uri: &str,
        concept: ConceptRef,
        uri_of: impl Fn(ConceptRef) -> &'t str + Copy,
    ) {
        if let Some(vacancy) = self.vacancy(uri, uri_of) {
            self.fill(vacancy, uri, concept, uri_of);
        }
    }

    /// Where `uri` goes when it is not indexed yet (`None` when it is): a new concept's URI
    /// is split and hashed once, for the check and for [`UriIndex::fill`] (three splits per
    /// concept were a twentieth of the concept files' import).
    pub(crate) fn vacancy<'t>(
        &self,
        uri: &str,
        uri_of: impl Fn(ConceptRef) -> &'t str,
    ) -> Option<Vacancy> {
        let split = split_uuid(uri);
        if let Some((prefix, id)) = split {
            let known = self.uuids.iter().position(|(p, _)| &**p == prefix);
            if let Some(map) = known {
                return (!self.uuids[map].1.contains_key(&Uuid(id)))
                    .then_some(Vacancy::Uuid { map, id });
            }
        }
        let hash = std::hash::BuildHasher::hash_one(&self.hasher, uri);
        if self.others.find(hash, |&c| uri_of(c) == uri).is_some() {
            return None;
        }
        // A bound on the linear prefix search; real data has two or three prefixes.
        Some(match split {
            Some((prefix, id)) if self.uuids.len() < 64 => Vacancy::NewPrefix {
                prefix_len: prefix.len(),
                id,
            },
            _ => Vacancy::Other { hash },
        })
    }

    /// Indexes `concept` under `uri` at the place [`UriIndex::vacancy`] found for it (nothing
    /// may be indexed in between).
    pub(crate) fn fill<'t>(
        &mut self,
        vacancy: Vacancy,
        uri: &str,
        concept: ConceptRef,
        uri_of: impl Fn(ConceptRef) -> &'t str,
    ) {
        match vacancy {
            Vacancy::Uuid { map, id } => {
                if let Some((_, map)) = self.uuids.get_mut(map) {
                    map.insert(Uuid(id), concept);
                }
            }
            Vacancy::NewPrefix { prefix_len, id } => {
                let mut map = UuidMap::default();
                map.insert(Uuid(id), concept);
                self.uuids
                    .push((uri.get(..prefix_len).unwrap_or_default().into(), map));
            }
            Vacancy::Other { hash } => {
                let hasher = &self.hasher;
                self.others.insert_unique(hash, concept, |&c| {
                    std::hash::BuildHasher::hash_one(hasher, uri_of(c))
                });
            }
        }
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
#[cfg(feature = "import")] // only the importers look up split URIs
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
        #[cfg(feature = "import")] // join_uuid exists for the importers only
        assert_eq!(join_uuid(prefix, id), uri);
        assert!(split_uuid("http://data.europa.eu/esco/isco/C2654").is_none());
        assert!(split_uuid("x/0005c151-5b5a-4a66-8aac-60e734beb1a").is_none());
        assert!(split_uuid("x/0005c151x5b5a-4a66-8aac-60e734beb1ab").is_none());
    }

    /// The digit-by-digit reading [`split_uuid`] must agree with.
    fn split_uuid_reference(uri: &str) -> Option<(&str, UuidKey)> {
        let start = uri.len().checked_sub(36)?;
        let (prefix, id) = (uri.get(..start)?, uri.get(start..)?);
        if !prefix.ends_with('/') {
            return None;
        }
        let mut key = [0u64; 2];
        let mut n = 0;
        for (i, c) in id.chars().enumerate() {
            if [8, 13, 18, 23].contains(&i) {
                if c != '-' {
                    return None;
                }
                continue;
            }
            if !matches!(c, '0'..='9' | 'a'..='f') {
                return None;
            }
            let half = &mut key[n / 16];
            *half = *half << 4 | u64::from(c.to_digit(16)?);
            n += 1;
        }
        Some((prefix, key))
    }

    proptest::proptest! {
        /// Well-formed UUIDs (when `damage` is `None`) and UUIDs with one byte replaced by
        /// anything (another digit, an upper-case or non-hex letter, a non-ASCII byte, …).
        #[test]
        fn split_uuid_agrees_with_reading_digit_by_digit(
            hex in "[0-9a-f]{32}",
            damage in proptest::option::of((0usize..37, proptest::num::u8::ANY)),
        ) {
            let id = format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..]);
            let mut uri = format!("http://data.europa.eu/esco/skill/{id}").into_bytes();
            if let Some((at, byte)) = damage {
                let at = uri.len() - 1 - at;
                uri[at] = byte;
            }
            let uri = String::from_utf8_lossy(&uri).into_owned();
            let expected = split_uuid_reference(&uri);
            if damage.is_none() {
                proptest::prop_assert!(expected.is_some());
            }
            proptest::prop_assert_eq!(split_uuid(&uri), expected);
        }
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
