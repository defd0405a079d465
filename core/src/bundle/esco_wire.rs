//! The bundle payload form of an [`EscoTaxonomy`]: all text in one string, one length per field.
//!
//! Full ESCO has ~90,000 string fields (URIs, codes, labels, descriptions) and ~150,000
//! relations. Written field by field, decoding validates and copies each string on its own.
//! Here every string field is concatenated, in table order, into one `text` that is checked as
//! UTF-8 once and borrowed from the payload while the fields are cut out of it; `lens` holds
//! each field's byte length. The order is, concept by concept:
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

use serde::{Deserialize, Serialize};

use super::columns::{self, Bytes, Sizes};
use super::BundleError;
use crate::error::{Error, Result};
use crate::framework::{
    EscoLabels, EscoOccupation, EscoSkill, EscoSkillGroup, EscoTaxonomy, IscoGroup, ReuseLevel,
    SkillType,
};

#[derive(Serialize, Deserialize)]
pub(crate) struct EscoWire<'a> {
    version: String,
    languages: Vec<String>,
    #[serde(borrow)]
    text: Cow<'a, str>,
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
    fn push_labels(&mut self, labels: &[EscoLabels], languages: usize) -> Result<()> {
        if labels.len() != languages {
            return Err(Error::InvalidFramework(format!(
                "an ESCO concept has {} label sets for {languages} languages",
                labels.len()
            )));
        }
        labels.iter().try_for_each(|l| {
            self.push(&l.preferred)?;
            self.push(&l.alt)?;
            self.push(&l.description)
        })
    }
}

/// Cuts string fields out of the text, in order.
struct TextReader<'t> {
    text: &'t str,
    lens: std::slice::Iter<'t, u32>,
    at: usize,
}

impl TextReader<'_> {
    fn next(&mut self) -> Result<String> {
        let len = self
            .lens
            .next()
            .ok_or_else(|| malformed("fewer text fields than the concepts need"))?;
        let end = usize::try_from(*len)
            .ok()
            .and_then(|len| self.at.checked_add(len))
            .ok_or_else(|| malformed("a text field runs past the text"))?;
        let field = self
            .text
            .get(self.at..end)
            .ok_or_else(|| malformed("a text field runs past the text or splits a character"))?;
        self.at = end;
        Ok(field.to_owned())
    }

    fn labels(&mut self, languages: usize) -> Result<Vec<EscoLabels>> {
        // Exact capacity: collecting through `Result` would allocate room for four.
        let mut labels = Vec::with_capacity(languages);
        for _ in 0..languages {
            labels.push(EscoLabels {
                preferred: self.next()?,
                alt: self.next()?,
                description: self.next()?,
            });
        }
        Ok(labels)
    }
}

/// Index conversion for counts that the format stores as `u32`.
fn count(n: usize, what: &str) -> Result<u32> {
    u32::try_from(n).map_err(|_| Error::InvalidFramework(format!("more than 2^32 ESCO {what}")))
}

impl<'a> EscoWire<'a> {
    /// The wire form of `esco` (text copied once into the shared string).
    pub(crate) fn from_taxonomy(esco: &EscoTaxonomy) -> Result<EscoWire<'a>> {
        let n = esco.languages.len();
        let mut w = TextWriter {
            text: String::new(),
            lens: Vec::new(),
        };
        for s in &esco.skills {
            w.push(&s.uri)?;
            w.push_labels(&s.labels, n)?;
        }
        for o in &esco.occupations {
            w.push(&o.uri)?;
            w.push(&o.code)?;
            w.push(&o.isco_group)?;
            w.push_labels(&o.labels, n)?;
        }
        for g in &esco.isco_groups {
            w.push(&g.uri)?;
            w.push(&g.code)?;
            w.push_labels(&g.labels, n)?;
        }
        for g in &esco.skill_groups {
            w.push(&g.uri)?;
            w.push(&g.code)?;
            w.push_labels(&g.labels, n)?;
        }
        Ok(EscoWire {
            version: esco.version.clone(),
            languages: esco.languages.clone(),
            text: Cow::Owned(w.text),
            lens: Bytes(Cow::Owned(columns::write_u32s(&w.lens))),
            skills: esco
                .skills
                .iter()
                .map(|s| (s.skill_type, s.reuse_level))
                .collect(),
            occupations: count(esco.occupations.len(), "occupations")?,
            isco_groups: count(esco.isco_groups.len(), "ISCO groups")?,
            skill_group_levels: esco.skill_groups.iter().map(|g| g.level).collect(),
            broader: Bytes(Cow::Owned(columns::write_broader(&esco.broader))),
            occupation_skills: Bytes(Cow::Owned(columns::write_occupation_skills(
                &esco.occupation_skills,
            ))),
            skill_skills: Bytes(Cow::Owned(columns::write_skill_skills(&esco.skill_skills))),
        })
    }

    /// The taxonomy, checked (see the module docs).
    pub(crate) fn into_taxonomy(self) -> Result<EscoTaxonomy> {
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
        let mut r = TextReader {
            text: &self.text,
            lens: lens.iter(),
            at: 0,
        };
        let mut skills = Vec::with_capacity(self.skills.len());
        for &(skill_type, reuse_level) in &self.skills {
            skills.push(EscoSkill {
                uri: r.next()?,
                skill_type,
                reuse_level,
                labels: r.labels(languages)?,
            });
        }
        let mut occupations = Vec::with_capacity(self.occupations as usize);
        for _ in 0..self.occupations {
            occupations.push(EscoOccupation {
                uri: r.next()?,
                code: r.next()?,
                isco_group: r.next()?,
                labels: r.labels(languages)?,
            });
        }
        let mut isco_groups = Vec::with_capacity(self.isco_groups as usize);
        for _ in 0..self.isco_groups {
            isco_groups.push(IscoGroup {
                uri: r.next()?,
                code: r.next()?,
                labels: r.labels(languages)?,
            });
        }
        let mut skill_groups = Vec::with_capacity(self.skill_group_levels.len());
        for &level in &self.skill_group_levels {
            skill_groups.push(EscoSkillGroup {
                uri: r.next()?,
                code: r.next()?,
                level,
                labels: r.labels(languages)?,
            });
        }
        if r.at != self.text.len() {
            return Err(malformed("text is left over after the last field"));
        }
        let sizes = Sizes {
            skills: skills.len(),
            skill_groups: skill_groups.len(),
            occupations: occupations.len(),
            isco_groups: isco_groups.len(),
        };
        let esco = EscoTaxonomy {
            version: self.version,
            languages: self.languages,
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
    fn sorted<T>(items: &[T], key: impl Fn(&T) -> &str, what: &str) -> Result<()> {
        if items.windows(2).all(|w| key(&w[0]) < key(&w[1])) {
            Ok(())
        } else {
            Err(BundleError::Malformed(format!("{what} are not sorted and unique by URI")).into())
        }
    }
    sorted(&e.skills, |s| &s.uri, "skills")?;
    sorted(&e.occupations, |o| &o.uri, "occupations")?;
    sorted(&e.isco_groups, |g| &g.uri, "ISCO groups")?;
    sorted(&e.skill_groups, |g| &g.uri, "skill groups")
}
