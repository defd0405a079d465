//! URI → concept index of the [`EscoBuilder`](super::EscoBuilder).
//!
//! Importing full ESCO resolves ~180,000 relation URIs. A hash table over the URI text itself
//! costs three cache misses per lookup (table, concept row, text buffer) plus hashing a 70-byte
//! string, and was the largest cost of the import. Almost every ESCO URI is a prefix followed by
//! a lower-case UUID (`http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab`),
//! which maps losslessly to a small prefix number and a `u128`: those go to a map with inline
//! keys (one miss, no string comparison). Any other URI (ISCO groups such as `…/isco/C2654`,
//! ISCED-F fields, upper-case hex) goes to a table that compares against the text buffer.

use hashbrown::{HashMap, HashTable};

use super::esco::ConceptRef;

/// Prefix number and UUID of a URI of the UUID form.
type UuidKey = (u8, u128);

#[derive(Default)]
pub(crate) struct UriIndex {
    hasher: foldhash::fast::RandomState,
    /// Prefixes of UUID-form URIs met so far (a handful: skill, occupation, …).
    prefixes: Vec<Box<str>>,
    uuids: HashMap<UuidKey, ConceptRef, foldhash::fast::RandomState>,
    others: HashTable<ConceptRef>,
}

/// Splits `uri` into its prefix (up to the last `/`) and a lower-case UUID, if it has that form.
fn split_uuid(uri: &str) -> Option<(&str, u128)> {
    let slash = uri.rfind('/')?;
    let (prefix, id) = uri.split_at(slash + 1);
    let id = id.as_bytes();
    if id.len() != 36 {
        return None;
    }
    let mut value = 0u128;
    for (i, &b) in id.iter().enumerate() {
        let digit = match (i, b) {
            (8 | 13 | 18 | 23, b'-') => continue,
            (8 | 13 | 18 | 23, _) => return None,
            (_, b'0'..=b'9') => b - b'0',
            (_, b'a'..=b'f') => b - b'a' + 10,
            _ => return None,
        };
        value = value << 4 | u128::from(digit);
    }
    Some((prefix, value))
}

impl UriIndex {
    fn prefix_number(&self, prefix: &str) -> Option<u8> {
        let i = self.prefixes.iter().position(|p| &**p == prefix)?;
        u8::try_from(i).ok()
    }

    /// The concept with `uri`; `uri_of` gives the URI of an indexed concept.
    pub(crate) fn find<'t>(
        &self,
        uri: &str,
        uri_of: impl Fn(ConceptRef) -> &'t str,
    ) -> Option<ConceptRef> {
        if let Some((prefix, id)) = split_uuid(uri) {
            if let Some(n) = self.prefix_number(prefix) {
                return self.uuids.get(&(n, id)).copied();
            }
            // An unknown prefix can still be in the other table (over 255 prefixes).
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
            let n = self.prefix_number(prefix).or_else(|| {
                let n = u8::try_from(self.prefixes.len()).ok()?;
                self.prefixes.push(prefix.into());
                Some(n)
            });
            if let Some(n) = n {
                self.uuids.insert((n, id), concept);
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
        for c in self.uuids.values_mut() {
            *c = f(*c);
        }
        for c in &mut self.others {
            *c = f(*c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_lower_case_uuids_take_the_compact_form() {
        let uri = "http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab";
        let (prefix, id) = split_uuid(uri).unwrap();
        assert_eq!(prefix, "http://data.europa.eu/esco/skill/");
        assert_eq!(id, 0x0005_c151_5b5a_4a66_8aac_60e7_34be_b1ab);
        assert!(split_uuid(&uri.to_uppercase()).is_none());
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
