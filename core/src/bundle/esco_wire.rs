//! The bundle payload form of an [`EscoTaxonomy`]: all text in one string, one length per field.
//!
//! Full ESCO has ~90,000 string fields (URIs, codes, labels, descriptions) and ~150,000
//! relations. Written field by field, decoding validates and copies each string on its own.
//! Here every string field is concatenated, in table order, into one `text` that becomes the
//! taxonomy's shared buffer as it is (checked as UTF-8 once; not even copied when the caller
//! hands the bundle over as an owned buffer); `lens` holds each field's byte length, from
//! which the spans are computed. The order is, concept by concept:
//!
//! | table | fields |
//! |---|---|
//! | skills | `uri`, then per language `preferred`, `alt`, `description` |
//! | occupations | `uri`, `code`, `isco_group`, `regulated_note`, then the labels |
//! | ISCO groups | `uri`, `code`, then the labels |
//! | skill groups | `uri`, `code`, then the labels |
//!
//! The non-text fields of concepts are in their own vectors, whose lengths give the concept
//! counts; text lengths and relations are fixed-width byte columns (see `columns`). Decoding
//! checks that the lengths add up to the text exactly and cut it on character boundaries, that
//! relations point inside the tables and are sorted, and that concepts are sorted by URI: a
//! checksum only proves the bytes are the ones written, not that the writer was right.

use std::borrow::Cow;

use bytes::Bytes as SharedBytes;
use bytestring::ByteString;
use serde::{Deserialize, Serialize};

use super::columns::{self, Bytes, Sizes};
use super::BundleError;
use crate::error::{Error, Result};
use crate::framework::{
    ConceptRow, EscoTaxonomy, GroupRow, IscoRow, LabelSpans, LabelsView, OccupationRow, ReuseLevel,
    SkillGroupView, SkillRow, SkillType, Span, Table,
};

#[derive(Serialize, Deserialize)]
pub(crate) struct EscoWire<'a> {
    version: String,
    languages: Vec<String>,
    /// All text fields, concatenated. Written as a byte string, which postcard encodes exactly
    /// like a `str` (varint length, bytes); read as bytes so that UTF-8 is checked once, when
    /// the shared buffer is made, not twice.
    #[serde(borrow)]
    text: Bytes<'a>,
    /// `u32` byte lengths of the text fields ([`columns::write_u32s`]).
    #[serde(borrow)]
    lens: Bytes<'a>,
    skills: Vec<(Option<SkillType>, Option<ReuseLevel>)>,
    occupations: u32,
    isco_groups: u32,
    skill_group_levels: Vec<Option<u8>>,
    #[serde(borrow)]
    broader: Bytes<'a>,
    #[serde(borrow)]
    occupation_skills: Bytes<'a>,
    #[serde(borrow)]
    skill_skills: Bytes<'a>,
}

fn malformed(what: &str) -> Error {
    BundleError::Malformed(what.to_owned()).into()
}

/// Collects string fields into one text.
struct TextWriter {
    text: String,
    lens: Vec<u32>,
}

impl TextWriter {
    fn push(&mut self, field: &str) -> Result<()> {
        let len = u32::try_from(field.len()).map_err(|_| {
            Error::InvalidFramework("an ESCO text field is longer than 4 GiB".into())
        })?;
        self.lens.push(len);
        self.text.push_str(field);
        Ok(())
    }

    /// One label set per language: the reader cuts exactly that many.
    fn push_labels<'a>(
        &mut self,
        labels: impl Iterator<Item = Option<LabelsView<'a>>>,
    ) -> Result<()> {
        labels.into_iter().try_for_each(|l| {
            let l = l.ok_or_else(|| {
                Error::InvalidFramework("an ESCO concept lacks a label set".into())
            })?;
            self.push(l.preferred)?;
            self.push(l.alt)?;
            self.push(l.description)
        })
    }
}

/// Hands out the spans of consecutive text fields, from their `u32` lengths, once
/// [`SpanReader::new`] has checked that they cut the text exactly, on character boundaries.
struct SpanReader<'t> {
    lens: std::slice::ChunksExact<'t, u8>,
    at: u32,
}

impl<'t> SpanReader<'t> {
    /// Fails when the fields run past the text, split a character or leave text over.
    ///
    /// The check is one tight loop of its own (full ESCO has ~80,000 fields): each field end
    /// reads one byte of a text too large for the cache, and a short loop keeps many of those
    /// reads in flight at once, where one interleaved with building the tables waits for each.
    fn new(text: &[u8], lens: &'t [u8]) -> Result<Self> {
        let mut end = 0usize;
        let mut ok = true;
        for len in lens.chunks_exact(4) {
            end = end.saturating_add(columns::u32_at(len, 0) as usize);
            // A character boundary: the end of the text, or a byte that does not continue a
            // character (continuation bytes are 0b10xx_xxxx).
            ok &= text
                .get(end)
                .map_or(end == text.len(), |&b| b & 0xc0 != 0x80);
        }
        if !ok || end != text.len() || u32::try_from(end).is_err() {
            return Err(malformed(
                "the text fields run past the text, split a character or leave text over",
            ));
        }
        Ok(SpanReader {
            lens: lens.chunks_exact(4),
            at: 0,
        })
    }

    fn next(&mut self) -> Span {
        let len = self.lens.next().map_or(0, |b| columns::u32_at(b, 0));
        let start = self.at;
        // Cannot wrap: the lengths were checked to add up to the text, shorter than 4 GiB.
        self.at = self.at.wrapping_add(len);
        Span { start, len }
    }

    fn labels(&mut self, languages: usize, into: &mut Vec<LabelSpans>) {
        for _ in 0..languages {
            into.push(LabelSpans {
                preferred: self.next(),
                alt: self.next(),
                description: self.next(),
            });
        }
    }
}

/// The concept tables of a taxonomy.
struct Concepts {
    skills: Table<SkillRow>,
    occupations: Table<OccupationRow>,
    isco_groups: Table<IscoRow>,
    skill_groups: Table<GroupRow>,
}

/// The relations of a taxonomy.
type Relations = (
    Vec<crate::framework::BroaderRelation>,
    Vec<crate::framework::OccupationSkill>,
    Vec<crate::framework::SkillSkillRelation>,
);

/// Index conversion for counts that the format stores as `u32`.
fn count(n: usize, what: &str) -> Result<u32> {
    u32::try_from(n).map_err(|_| Error::InvalidFramework(format!("more than 2^32 ESCO {what}")))
}

/// A table with room for `n` concepts in `languages` languages.
fn table<R>(n: usize, languages: usize) -> Table<R> {
    Table {
        rows: Vec::with_capacity(n),
        labels: Vec::with_capacity(n * languages),
    }
}

impl<'a> EscoWire<'a> {
    /// The wire form of `esco` (text copied once into the shared string).
    pub(crate) fn from_taxonomy(esco: &EscoTaxonomy) -> Result<EscoWire<'a>> {
        let n = esco.languages().len();
        let mut w = TextWriter {
            text: String::with_capacity(esco.text_len()),
            lens: Vec::new(),
        };
        for s in esco.skills() {
            w.push(s.uri())?;
            w.push_labels((0..n).map(|l| s.labels(l)))?;
        }
        for o in esco.occupations() {
            w.push(o.uri())?;
            w.push(o.code())?;
            w.push(o.isco_group())?;
            w.push(o.regulated_profession_note())?;
            w.push_labels((0..n).map(|l| o.labels(l)))?;
        }
        for g in esco.isco_groups() {
            w.push(g.uri())?;
            w.push(g.code())?;
            w.push_labels((0..n).map(|l| g.labels(l)))?;
        }
        for g in esco.skill_groups() {
            w.push(g.uri())?;
            w.push(g.code())?;
            w.push_labels((0..n).map(|l| g.labels(l)))?;
        }
        Ok(EscoWire {
            version: esco.version().to_owned(),
            languages: esco.languages().to_vec(),
            text: Bytes(Cow::Owned(w.text.into_bytes())),
            lens: Bytes(Cow::Owned(columns::write_u32s(&w.lens))),
            skills: esco
                .skills()
                .map(|s| (s.skill_type(), s.reuse_level()))
                .collect(),
            occupations: count(esco.occupations().len(), "occupations")?,
            isco_groups: count(esco.isco_groups().len(), "ISCO groups")?,
            skill_group_levels: esco.skill_groups().map(SkillGroupView::level).collect(),
            broader: Bytes(Cow::Owned(columns::write_broader(esco.broader()))),
            occupation_skills: Bytes(Cow::Owned(columns::write_occupation_skills(
                esco.occupation_skills(),
            ))),
            skill_skills: Bytes(Cow::Owned(columns::write_skill_skills(esco.skill_skills()))),
        })
    }

    /// The taxonomy, checked (see the module docs). `owner` is the buffer the payload was
    /// borrowed from, when the caller gave one away: the text is then shared, not copied.
    /// `verify` checks the bundle's checksum; its error comes first.
    ///
    /// Loading is a few passes over memory of about equal cost: the checksum, the UTF-8 check
    /// of the text, and the tables (spans, sort order, relations) from the raw bytes. With the
    /// `parallel` feature the first two run beside the third.
    pub(crate) fn into_taxonomy(
        self,
        owner: Option<&SharedBytes>,
        verify: impl FnOnce() -> Result<()> + Send,
    ) -> Result<EscoTaxonomy> {
        let sizes = Sizes {
            skills: self.skills.len(),
            skill_groups: self.skill_group_levels.len(),
            occupations: self.occupations as usize,
            isco_groups: self.isco_groups as usize,
        };
        let ((verified, text), tables) = crate::join::join(
            || (verify(), self.text(owner)),
            || Ok::<_, Error>((self.concepts()?, self.relations(sizes)?)),
        );
        verified?;
        let (text, (concepts, (broader, occupation_skills, skill_skills))) = (text?, tables?);
        Ok(EscoTaxonomy {
            version: self.version,
            languages: self.languages,
            text,
            broader,
            occupation_skills,
            skill_skills,
            skills: concepts.skills,
            occupations: concepts.occupations,
            isco_groups: concepts.isco_groups,
            skill_groups: concepts.skill_groups,
        })
    }

    fn relations(&self, sizes: Sizes) -> Result<Relations> {
        Ok((
            columns::read_broader(&self.broader.0, sizes)?,
            columns::read_occupation_skills(&self.occupation_skills.0, sizes)?,
            columns::read_skill_skills(&self.skill_skills.0, sizes)?,
        ))
    }

    /// The text as the taxonomy's shared string, checked as UTF-8.
    fn text(&self, owner: Option<&SharedBytes>) -> Result<ByteString> {
        let shared = match (&self.text.0, owner) {
            (Cow::Borrowed(text), Some(owner)) => owner.slice_ref(text),
            (text, _) => SharedBytes::copy_from_slice(text),
        };
        ByteString::try_from(shared).map_err(|_| malformed("the text is not UTF-8"))
    }

    /// The concept tables, from the raw text (whose UTF-8 is checked beside).
    fn concepts(&self) -> Result<Concepts> {
        let languages = self.languages.len();
        let lens = &self.lens.0;
        if lens.len() % 4 != 0 {
            return Err(malformed("text field lengths: a partial record at the end"));
        }
        // Every concept count is checked against the number of text fields before anything
        // is allocated for it, so a damaged count cannot ask for gigabytes.
        let per = |fixed: u64| fixed + 3 * languages as u64;
        let needed = (self.skills.len() as u64)
            .checked_mul(per(1))
            .zip(u64::from(self.occupations).checked_mul(per(4)))
            .zip(u64::from(self.isco_groups).checked_mul(per(2)))
            .zip((self.skill_group_levels.len() as u64).checked_mul(per(2)))
            .and_then(|(((a, b), c), d)| a.checked_add(b)?.checked_add(c)?.checked_add(d));
        if needed != Some(lens.len() as u64 / 4) {
            return Err(malformed(
                "the number of text fields does not match the concept counts",
            ));
        }
        let text = &self.text.0;
        if u32::try_from(text.len()).is_err() {
            return Err(malformed("the text is longer than 4 GiB"));
        }
        let mut r = SpanReader::new(text, lens)?;
        let mut skills = table(self.skills.len(), languages);
        for &(skill_type, reuse_level) in &self.skills {
            skills.rows.push(SkillRow {
                uri: r.next(),
                skill_type,
                reuse_level,
            });
            r.labels(languages, &mut skills.labels);
        }
        let mut occupations = table(self.occupations as usize, languages);
        for _ in 0..self.occupations {
            occupations.rows.push(OccupationRow {
                uri: r.next(),
                code: r.next(),
                isco_group: r.next(),
                regulated_note: r.next(),
            });
            r.labels(languages, &mut occupations.labels);
        }
        let mut isco_groups = table(self.isco_groups as usize, languages);
        for _ in 0..self.isco_groups {
            isco_groups.rows.push(IscoRow {
                uri: r.next(),
                code: r.next(),
            });
            r.labels(languages, &mut isco_groups.labels);
        }
        let mut skill_groups = table(self.skill_group_levels.len(), languages);
        for &level in &self.skill_group_levels {
            skill_groups.rows.push(GroupRow {
                uri: r.next(),
                code: r.next(),
                level,
            });
            r.labels(languages, &mut skill_groups.labels);
        }
        sorted(text, &skills, "skills")?;
        sorted(text, &occupations, "occupations")?;
        sorted(text, &isco_groups, "ISCO groups")?;
        sorted(text, &skill_groups, "skill groups")?;
        Ok(Concepts {
            skills,
            occupations,
            isco_groups,
            skill_groups,
        })
    }
}

/// Checks that a table's concepts are sorted and unique by URI, as the lookups of
/// [`EscoTaxonomy`] rely on (relations are checked while they are read). The spans were
/// checked against `text` first. Bytes compare as the strings they hold.
fn sorted<R: ConceptRow>(text: &[u8], table: &Table<R>, what: &str) -> Result<()> {
    let uri = |row: &R| text.get(row.uri().range()).unwrap_or_default();
    if table.rows.windows(2).all(|w| uri(&w[0]) < uri(&w[1])) {
        Ok(())
    } else {
        Err(BundleError::Malformed(format!("{what} are not sorted and unique by URI")).into())
    }
}

#[cfg(test)]
mod tests {
    //! What the public API cannot produce any more (the builder keeps the invariants), but a
    //! buggy or hostile writer can: the reader and writer must refuse it, not trust it.

    use super::super::{Bundle, BundleError};
    use crate::error::Error;
    use crate::framework::{
        EscoBuilder, EscoLabels, EscoOccupation, EscoSkill, EscoTaxonomy, OccupationSkill,
        Relevance,
    };

    fn small() -> EscoTaxonomy {
        let labels = vec![EscoLabels {
            preferred: "x".into(),
            ..EscoLabels::default()
        }];
        let mut b = EscoBuilder::new("v", vec!["en".into()]).unwrap();
        b.add_skill(&EscoSkill {
            uri: "http://data.europa.eu/esco/skill/s".into(),
            skill_type: None,
            reuse_level: None,
            labels: labels.clone(),
        })
        .unwrap();
        b.add_occupation(&EscoOccupation {
            uri: "http://data.europa.eu/esco/occupation/o".into(),
            code: "7333.1".into(),
            isco_group: "7333".into(),
            regulated_profession_note: String::new(),
            labels,
        })
        .unwrap();
        b.finish().unwrap()
    }

    #[test]
    fn a_checksummed_but_inconsistent_payload_is_malformed() {
        // A relation pointing past the skills table: the checksum is right, the content not.
        let mut esco = small();
        esco.occupation_skills.push(OccupationSkill {
            occupation: 0,
            relevance: Relevance::Essential,
            skill: 99,
        });
        let bytes = Bundle::Esco(esco).to_bytes().unwrap();
        assert!(matches!(
            Bundle::from_bytes(&bytes),
            Err(Error::InvalidBundle(BundleError::Malformed(_)))
        ));
    }

    #[test]
    fn unsorted_concepts_are_malformed() {
        let mut b = EscoBuilder::new("v", vec!["en".into()]).unwrap();
        for id in ["b", "a"] {
            b.add_skill(&EscoSkill {
                uri: format!("http://data.europa.eu/esco/skill/{id}"),
                skill_type: None,
                reuse_level: None,
                labels: vec![EscoLabels::default()],
            })
            .unwrap();
        }
        let mut esco = b.finish().unwrap();
        esco.skills.rows.reverse();
        esco.skills.labels.reverse();
        let bytes = Bundle::Esco(esco).to_bytes().unwrap();
        let Err(Error::InvalidBundle(BundleError::Malformed(why))) = Bundle::from_bytes(&bytes)
        else {
            panic!("expected a malformed bundle");
        };
        assert!(why.contains("sorted"), "{why}");
    }

    /// The bundle of `small()` with its wire form changed by `damage`, checksummed anew.
    fn damaged(damage: impl FnOnce(&mut Vec<u8>, &mut Vec<u32>)) -> String {
        let mut wire = super::EscoWire::from_taxonomy(&small()).unwrap();
        let mut text = wire.text.0.to_vec();
        let mut lens: Vec<u32> = wire
            .lens
            .0
            .chunks_exact(4)
            .map(|b| super::columns::u32_at(b, 0))
            .collect();
        damage(&mut text, &mut lens);
        wire.text = super::Bytes(text.into());
        wire.lens = super::Bytes(super::columns::write_u32s(&lens).into());
        let payload = super::super::encode(&wire).unwrap();
        let bytes = super::super::header::assemble(super::super::BundleKind::Esco, &payload);
        match Bundle::from_vec(bytes) {
            Err(Error::InvalidBundle(BundleError::Malformed(why))) => why,
            other => panic!("expected a malformed bundle, got {other:?}"),
        }
    }

    #[test]
    fn text_fields_must_cut_the_text_exactly_on_character_boundaries() {
        let fields = "the text fields run past the text, split a character or leave text over";
        // The first field (the skill's URI) ends one byte into a two-byte character.
        let split = damaged(|text, lens| {
            let end = lens[0] as usize;
            text.splice(end..end, "é".bytes());
            lens[0] += 1;
            lens[1] += 1;
        });
        let left_over = damaged(|text, _| text.push(b'x'));
        let past_the_end = damaged(|_, lens| lens[0] += 1);
        assert_eq!([split, left_over, past_the_end], [fields; 3]);
        // Spans that fit, around a byte that is not UTF-8.
        let not_utf8 = damaged(|text, lens| {
            text.push(0xff);
            *lens.last_mut().unwrap() += 1;
        });
        assert_eq!(not_utf8, "the text is not UTF-8");
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
