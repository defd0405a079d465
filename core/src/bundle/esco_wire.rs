//! The bundle payload form of an [`EscoTaxonomy`]: its text and its byte columns, as they are.
//!
//! A taxonomy keeps all its text in one string and everything else in fixed-width byte
//! columns (`framework::esco_columns`, which describes the records). The payload holds exactly
//! those, so writing copies them out and loading from an owned buffer copies nothing: the
//! taxonomy keeps reference-counted slices of the buffer and reads its records in place.
//!
//! Loading checks each column once, in a tight pass of its own: the text is UTF-8; every text
//! span lies inside it on character boundaries; the number of spans matches the concept
//! counts; skill and group attribute bytes are ones the writer writes; relations point inside
//! the tables and are sorted; concepts are sorted by URI. A checksum only proves the bytes are
//! the ones written, not that the writer was right.

use std::borrow::Cow;

use bytes::Bytes as SharedBytes;
use serde::{Deserialize, Serialize};

use super::columns::Bytes;
use super::esco_load::Parts;
use super::header::BundleHeader;
use crate::error::{Error, Result};
use crate::framework::esco_columns::{Columns, Kind, FIELD, GROUP};
use crate::framework::EscoTaxonomy;

#[derive(Serialize, Deserialize)]
pub(crate) struct EscoWire<'a> {
    version: String,
    languages: Vec<String>,
    /// The text. Written as a byte string, which postcard encodes exactly like a `str`
    /// (varint length, bytes); read as bytes so that UTF-8 is checked once, when the shared
    /// buffer is made, not twice.
    #[serde(borrow)]
    text: Bytes<'a>,
    /// Text spans: start and length (`u32`) per field, in column order.
    #[serde(borrow)]
    fields: Bytes<'a>,
    /// One attribute byte per skill; their count is the number of skills.
    #[serde(borrow)]
    skills: Bytes<'a>,
    occupations: u32,
    isco_groups: u32,
    /// Two level bytes per skill group; their count is the number of groups.
    #[serde(borrow)]
    skill_groups: Bytes<'a>,
    #[serde(borrow)]
    broader: Bytes<'a>,
    #[serde(borrow)]
    occupation_skills: Bytes<'a>,
    #[serde(borrow)]
    skill_skills: Bytes<'a>,
}

/// Index conversion for counts that the format stores as `u32`.
fn count(n: usize, what: &str) -> Result<u32> {
    u32::try_from(n).map_err(|_| Error::InvalidFramework(format!("more than 2^32 ESCO {what}")))
}

fn borrowed(bytes: &[u8]) -> Bytes<'_> {
    Bytes(Cow::Borrowed(bytes))
}

impl<'a> EscoWire<'a> {
    /// The wire form of `esco`, borrowing its text and columns.
    pub(crate) fn from_taxonomy(esco: &'a EscoTaxonomy) -> Result<EscoWire<'a>> {
        let c = &esco.columns;
        // A taxonomy has one span per field of every concept in every language; one whose
        // languages were changed afterwards does not, and would not load.
        let expected = Columns::field_count(esco.languages().len(), c.counts);
        if expected.and_then(|n| n.checked_mul(FIELD)) != Some(c.fields.len()) {
            return Err(Error::InvalidFramework(
                "an ESCO concept lacks a label set for a language".into(),
            ));
        }
        Ok(EscoWire {
            version: esco.version().to_owned(),
            languages: esco.languages().to_vec(),
            text: borrowed(esco.text.as_bytes()),
            fields: borrowed(&c.fields),
            skills: borrowed(&c.skills),
            occupations: count(c.count(Kind::Occupation), "occupations")?,
            isco_groups: count(c.count(Kind::IscoGroup), "ISCO groups")?,
            skill_groups: borrowed(&c.skill_groups),
            broader: borrowed(&c.broader),
            occupation_skills: borrowed(&c.occupation_skills),
            skill_skills: borrowed(&c.skill_skills),
        })
    }

    /// What a load checks, each column made a `P` by `piece`.
    fn parts<'s, P>(
        &'s self,
        header: BundleHeader,
        payload: P,
        piece: impl Fn(&'s Bytes<'a>) -> P,
    ) -> Parts<P> {
        Parts {
            header,
            payload,
            text: piece(&self.text),
            fields: piece(&self.fields),
            skills: piece(&self.skills),
            skill_groups: piece(&self.skill_groups),
            broader: piece(&self.broader),
            occupation_skills: piece(&self.occupation_skills),
            skill_skills: piece(&self.skill_skills),
            languages: self.languages.len(),
            // Concepts per table: skills, occupations, ISCO groups, skill groups.
            counts: [
                self.skills.0.len(),
                self.occupations as usize,
                self.isco_groups as usize,
                self.skill_groups.0.len() / GROUP,
            ],
        }
    }

    /// The taxonomy, checked (see the module docs). `payload` is the bundle payload this
    /// wire form was decoded from and `header` the header that checksums it; `owner` is the
    /// buffer both were borrowed from, when the caller gave one away: text and columns are
    /// then shared, not copied. The checksum's error comes first.
    ///
    /// Loading is two passes over memory, the checksum (the whole payload) and the UTF-8
    /// check of the text (SIMD), then one pass over the text spans that reads the text at the
    /// spans' ends and one over the URIs; the relation columns are short array loops. With an
    /// owner and the `parallel` feature, a pool thread may take some of them (see
    /// `esco_load`).
    pub(crate) fn into_taxonomy(
        self,
        owner: Option<&SharedBytes>,
        header: BundleHeader,
        payload: &[u8],
    ) -> Result<EscoTaxonomy> {
        let (text, columns) = if let Some(owner) = owner {
            // Slices of the owner: a borrowed piece is one (the payload was decoded from it).
            let parts = self.parts(header, owner.slice_ref(payload), |bytes| match &bytes.0 {
                Cow::Borrowed(b) => owner.slice_ref(b),
                Cow::Owned(b) => SharedBytes::copy_from_slice(b),
            });
            (parts.check_shared()?, parts.columns())
        } else {
            let parts = self.parts(header, payload, |bytes| &*bytes.0);
            (parts.check()?, parts.columns())
        };
        Ok(EscoTaxonomy {
            version: self.version,
            languages: self.languages,
            text,
            columns,
        })
    }
}

#[cfg(test)]
mod tests {
    //! What the public API cannot produce (the builder keeps the invariants), but a buggy or
    //! hostile writer can: the reader must refuse it, not trust it.

    use super::super::{Bundle, BundleError};
    use crate::error::Error;
    use crate::framework::{
        EscoBuilder, EscoLabels, EscoOccupation, EscoSkill, EscoTaxonomy, ReuseLevel, SkillType,
    };

    fn small() -> EscoTaxonomy {
        let labels = vec![EscoLabels {
            preferred: "x".into(),
            ..EscoLabels::default()
        }];
        let mut b = EscoBuilder::new("v", vec!["en".into()]).unwrap();
        for id in ["a", "b"] {
            b.add_skill(&EscoSkill {
                uri: format!("http://data.europa.eu/esco/skill/{id}"),
                skill_type: Some(SkillType::Knowledge),
                reuse_level: Some(ReuseLevel::Transversal),
                labels: labels.clone(),
            })
            .unwrap();
        }
        b.add_occupation(&EscoOccupation {
            uri: "http://data.europa.eu/esco/occupation/o".into(),
            code: "7333.1".into(),
            isco_group: "7333".into(),
            regulated_profession_note: String::new(),
            labels,
        })
        .unwrap();
        for skill in [0, 1] {
            b.add_occupation_skill(crate::framework::OccupationSkill {
                occupation: 0,
                relevance: crate::framework::Relevance::Essential,
                skill,
            });
        }
        b.finish().unwrap()
    }

    /// The columns of the wire form of `small()`, to damage.
    struct Parts {
        text: Vec<u8>,
        fields: Vec<u8>,
        skills: Vec<u8>,
        broader: Vec<u8>,
        occupation_skills: Vec<u8>,
    }

    /// Why the bundle of `small()` with its wire form changed by `damage`, checksummed anew,
    /// is malformed.
    fn damaged(damage: impl FnOnce(&mut Parts)) -> String {
        let esco = small();
        let wire = super::EscoWire::from_taxonomy(&esco).unwrap();
        let mut parts = Parts {
            text: wire.text.0.to_vec(),
            fields: wire.fields.0.to_vec(),
            skills: wire.skills.0.to_vec(),
            broader: wire.broader.0.to_vec(),
            occupation_skills: wire.occupation_skills.0.to_vec(),
        };
        damage(&mut parts);
        let wire = super::EscoWire {
            text: super::Bytes(parts.text.into()),
            fields: super::Bytes(parts.fields.into()),
            skills: super::Bytes(parts.skills.into()),
            broader: super::Bytes(parts.broader.into()),
            occupation_skills: super::Bytes(parts.occupation_skills.into()),
            ..wire
        };
        let payload = super::super::encode(&wire).unwrap();
        let bytes = super::super::header::assemble(super::super::BundleKind::Esco, &payload);
        // Both loaders (borrowed, owned buffer) refuse it alike.
        let borrowed = Bundle::from_bytes(&bytes);
        match Bundle::from_vec(bytes) {
            Err(Error::InvalidBundle(BundleError::Malformed(why))) => {
                assert!(
                    matches!(borrowed, Err(Error::InvalidBundle(BundleError::Malformed(ref w))) if *w == why)
                );
                why
            }
            other => panic!("expected a malformed bundle, got {other:?}"),
        }
    }

    #[test]
    fn the_undamaged_wire_form_loads_back_equal() {
        let bytes = Bundle::Esco(small()).to_bytes().unwrap();
        let loaded = Bundle::from_vec(bytes).unwrap().into_esco().unwrap();
        assert_eq!(loaded, small());
        let skills: Vec<_> = loaded.skills_of(0).map(|(_, s)| s.uri()).collect();
        assert_eq!(
            skills,
            [
                "http://data.europa.eu/esco/skill/a",
                "http://data.europa.eu/esco/skill/b"
            ]
        );
    }

    #[test]
    fn a_relation_pointing_outside_the_tables_is_malformed() {
        // The skill index of the second relation (bytes 12..16: the column is stored by
        // field, occupations first) becomes 99: the checksum is right, the content not.
        let why = damaged(|p| p.occupation_skills[12] = 99);
        assert_eq!(
            why,
            "occupation-skill relations point outside the concept tables"
        );
    }

    #[test]
    fn unsorted_relations_are_malformed() {
        // The two relations' skill indexes (0 then 1) swapped.
        let why = damaged(|p| p.occupation_skills.swap(8, 12));
        assert_eq!(why, "occupation-skill relations are not sorted");
    }

    #[test]
    fn broader_relations_must_name_known_concepts_in_order() {
        // Records: kind tag and `u32` index of the narrower, then of the broader concept.
        type Concept = (u8, u32);
        let record = |narrower: Concept, broader: Concept| {
            let mut r = vec![narrower.0];
            r.extend(narrower.1.to_le_bytes());
            r.push(broader.0);
            r.extend(broader.1.to_le_bytes());
            r
        };
        let column = |records: &[(Concept, Concept)]| {
            records.iter().flat_map(|&(n, b)| record(n, b)).collect()
        };
        // Skill 1 narrower than skill 0, skill 0 than occupation 0: sorted, known, inside.
        let good = [((0, 0), (2, 0)), ((0, 1), (0, 0))];
        let bytes = {
            let mut esco = small();
            esco.columns.broader = bytes::Bytes::from(column(&good));
            Bundle::Esco(esco).to_bytes().unwrap()
        };
        let loaded = Bundle::from_vec(bytes).unwrap().into_esco().unwrap();
        assert_eq!(loaded.broader().count(), 2);
        let unsorted = damaged(|p| p.broader = column(&[good[1], good[0]]));
        assert_eq!(unsorted, "broader relations are not sorted");
        let outside = "a broader relation has an unknown concept kind or points outside the tables";
        // Kind tag 4 is no table; skill 2 and occupation 1 are past the ends of theirs.
        for bad in [((4, 0), (0, 0)), ((0, 2), (0, 0)), ((0, 0), (2, 1))] {
            assert_eq!(damaged(|p| p.broader = column(&[bad])), outside);
        }
        assert_eq!(
            damaged(|p| p.broader = vec![0; 9]),
            "broader relations: a partial record at the end"
        );
    }

    #[test]
    fn unsorted_concepts_are_malformed() {
        // Swap the two skills' fields (URI and one label set: 4 spans of 8 bytes each).
        let why = damaged(|p| {
            let (a, b) = p.fields.split_at_mut(32);
            a.swap_with_slice(&mut b[..32]);
        });
        assert_eq!(why, "skills are not sorted and unique by URI");
    }

    #[test]
    fn text_fields_must_lie_inside_the_text_on_character_boundaries() {
        let fields = "a text field runs past the text or splits a character";
        let set_len = |p: &mut Parts, len: u32| p.fields[4..8].copy_from_slice(&len.to_le_bytes());
        // The first field (a skill's URI) ends one byte into a two-byte character.
        let split = damaged(|p| {
            let end = u32::from_le_bytes(p.fields[4..8].try_into().unwrap());
            p.text.splice(end as usize..end as usize, "é".bytes());
            set_len(p, end + 1);
        });
        let past_the_end = damaged(|p| {
            let len = u32::try_from(p.text.len()).unwrap() + 1;
            set_len(p, len);
        });
        assert_eq!([split, past_the_end], [fields; 2]);
        // Spans that fit, around a byte that is not UTF-8.
        assert_eq!(damaged(|p| p.text.push(0xff)), "the text is not UTF-8");
        // A span count that does not match the concept counts.
        assert_eq!(
            damaged(|p| p.fields.truncate(p.fields.len() - 8)),
            "the number of text fields does not match the concept counts"
        );
    }

    #[test]
    fn errors_come_in_the_same_order_whichever_thread_finds_them() {
        // Several checks fail at once; loaded 20 times, so that with `parallel` either thread
        // may run either check: the error of the earliest check is the one reported.
        for _ in 0..20 {
            let all = damaged(|p| {
                p.text.push(0xff);
                p.occupation_skills.swap(8, 12);
                p.skills[0] = 3;
            });
            assert_eq!(all, "the text is not UTF-8");
            let columns = damaged(|p| {
                p.occupation_skills.swap(8, 12);
                p.skills[0] = 3;
            });
            assert_eq!(columns, "unknown skill type or reuse level");
        }
        // A damaged byte of text that the checksum was not made for: the checksum's error
        // comes before the text's.
        let mut bytes = Bundle::Esco(small()).to_bytes().unwrap();
        let uri = b"esco/skill/a";
        let at = bytes.windows(uri.len()).position(|w| w == uri).unwrap();
        bytes[at] = 0xff;
        for _ in 0..20 {
            assert!(matches!(
                Bundle::from_vec(bytes.clone()),
                Err(Error::InvalidBundle(BundleError::ChecksumMismatch))
            ));
        }
        assert!(matches!(
            Bundle::from_bytes(&bytes),
            Err(Error::InvalidBundle(BundleError::ChecksumMismatch))
        ));
    }

    #[test]
    fn unknown_skill_attributes_are_malformed() {
        assert_eq!(
            damaged(|p| p.skills[0] = 3),
            "unknown skill type or reuse level"
        );
        assert_eq!(
            damaged(|p| p.skills[1] = 5 << 2),
            "unknown skill type or reuse level"
        );
    }

    #[test]
    fn labels_missing_for_a_language_are_refused_when_written() {
        let mut esco = small();
        esco.languages.push("it".into());
        assert!(matches!(
            Bundle::Esco(esco).to_bytes(),
            Err(Error::InvalidFramework(_))
        ));
    }
}
