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
//! | occupations | `uri`, `code`, `isco_group`, then the labels |
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
    EscoTaxonomy, GroupRow, IscoGroupView, IscoRow, LabelSpans, LabelsView, OccupationRow,
    OccupationView, ReuseLevel, SkillGroupView, SkillRow, SkillType, SkillView, Span, Table,
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

/// The spans of consecutive fields of lengths `lens` in `text`, or `None` when they run past
/// it, split a character or leave text over. One tight pass: full ESCO has ~90,000 fields.
fn spans(text: &str, lens: &[u32]) -> Option<Vec<Span>> {
    let mut at = 0u64;
    let mut ok = true;
    let spans = lens
        .iter()
        .map(|&len| {
            let start = u32::try_from(at).unwrap_or(u32::MAX);
            at += u64::from(len);
            ok &= usize::try_from(at).is_ok_and(|end| text.is_char_boundary(end));
            Span { start, len }
        })
        .collect();
    (ok && at == text.len() as u64).then_some(spans)
}

/// Hands out spans in order (the count was checked against the concept counts).
struct SpanReader {
    spans: std::vec::IntoIter<Span>,
}

impl SpanReader {
    fn next(&mut self) -> Span {
        self.spans.next().unwrap_or_default()
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
    pub(crate) fn into_taxonomy(self, owner: Option<&SharedBytes>) -> Result<EscoTaxonomy> {
        let languages = self.languages.len();
        let lens = columns::read_u32s(&self.lens.0, "text field lengths")?;
        // Every concept count is checked against the number of text fields before anything
        // is allocated for it, so a damaged count cannot ask for gigabytes.
        let per = |fixed: u64| fixed + 3 * languages as u64;
        let needed = (self.skills.len() as u64)
            .checked_mul(per(1))
            .zip(u64::from(self.occupations).checked_mul(per(3)))
            .zip(u64::from(self.isco_groups).checked_mul(per(2)))
            .zip((self.skill_group_levels.len() as u64).checked_mul(per(2)))
            .and_then(|(((a, b), c), d)| a.checked_add(b)?.checked_add(c)?.checked_add(d));
        if needed != Some(lens.len() as u64) {
            return Err(malformed(
                "the number of text fields does not match the concept counts",
            ));
        }
        if u32::try_from(self.text.0.len()).is_err() {
            return Err(malformed("the text is longer than 4 GiB"));
        }
        let shared = match (&self.text.0, owner) {
            (Cow::Borrowed(text), Some(owner)) => owner.slice_ref(text),
            (text, _) => SharedBytes::copy_from_slice(text),
        };
        let text = ByteString::try_from(shared).map_err(|_| malformed("the text is not UTF-8"))?;
        let mut r = SpanReader {
            spans: spans(&text, &lens)
                .ok_or_else(|| {
                    malformed(
                        "the text fields run past the text, split a character or leave text over",
                    )
                })?
                .into_iter(),
        };
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
        let sizes = Sizes {
            skills: skills.rows.len(),
            skill_groups: skill_groups.rows.len(),
            occupations: occupations.rows.len(),
            isco_groups: isco_groups.rows.len(),
        };
        let esco = EscoTaxonomy {
            version: self.version,
            languages: self.languages,
            text,
            broader: columns::read_broader(&self.broader.0, sizes)?,
            occupation_skills: columns::read_occupation_skills(&self.occupation_skills.0, sizes)?,
            skill_skills: columns::read_skill_skills(&self.skill_skills.0, sizes)?,
            skills,
            occupations,
            isco_groups,
            skill_groups,
        };
        check_sorted(&esco)?;
        Ok(esco)
    }
}

/// Checks that concepts are sorted and unique by URI, as the lookups of [`EscoTaxonomy`] rely
/// on (relations are checked while they are read).
fn check_sorted(e: &EscoTaxonomy) -> Result<()> {
    fn sorted<'a>(mut uris: impl Iterator<Item = &'a str>, what: &str) -> Result<()> {
        let Some(mut previous) = uris.next() else {
            return Ok(());
        };
        for uri in uris {
            if previous >= uri {
                return Err(BundleError::Malformed(format!(
                    "{what} are not sorted and unique by URI"
                ))
                .into());
            }
            previous = uri;
        }
        Ok(())
    }
    sorted(e.skills().map(SkillView::uri), "skills")?;
    sorted(e.occupations().map(OccupationView::uri), "occupations")?;
    sorted(e.isco_groups().map(IscoGroupView::uri), "ISCO groups")?;
    sorted(e.skill_groups().map(SkillGroupView::uri), "skill groups")
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
