//! Borrowed views of the concepts of an [`EscoTaxonomy`]: cheap `Copy` handles (taxonomy +
//! index) whose accessors return `&str` slices of the taxonomy's text buffer.
//!
//! `to_owned` turns a view into the owned, serde-serializable form ([`EscoSkill`], …) for
//! callers that need to keep or send a concept (bindings, JSON output).

use super::esco::{
    split_alt_labels, EscoLabels, EscoOccupation, EscoSkill, EscoSkillGroup, IscoGroup,
    RegulatedProfession, ReuseLevel, SkillType,
};
use super::esco_columns::Kind;
use super::esco_taxonomy::EscoTaxonomy;

/// Labels of one concept in one language, borrowed from the taxonomy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelsView<'a> {
    /// Preferred label (empty when the language's file lacks the concept).
    pub preferred: &'a str,
    /// Alternative labels, one per line (`\n`); empty when there are none.
    pub alt: &'a str,
    /// Description (may be empty).
    pub description: &'a str,
}

impl<'a> LabelsView<'a> {
    /// The alternative labels, one by one.
    pub fn alt_labels(self) -> impl Iterator<Item = &'a str> {
        split_alt_labels(self.alt)
    }

    /// The owned form.
    pub fn to_owned(self) -> EscoLabels {
        EscoLabels {
            preferred: self.preferred.to_owned(),
            alt: self.alt.to_owned(),
            description: self.description.to_owned(),
        }
    }
}

/// Every label set of concept `index` of `kind`, in the taxonomy's language order.
fn all_labels(esco: &EscoTaxonomy, kind: Kind, index: usize) -> Vec<EscoLabels> {
    (0..esco.languages.len())
        .filter_map(|lang| esco.labels_at(kind, index, lang))
        .map(LabelsView::to_owned)
        .collect()
}

/// Whether two concepts' label sets are equal in every language.
fn labels_eq(kind: Kind, a: &EscoTaxonomy, i: usize, b: &EscoTaxonomy, j: usize) -> bool {
    a.languages.len() == b.languages.len()
        && (0..a.languages.len()).all(|l| a.labels_at(kind, i, l) == b.labels_at(kind, j, l))
}

/// The methods every view has: index, URI, labels, `Debug` and equality by content.
macro_rules! view_common {
    ($view:ident, $kind:expr) => {
        impl<'a> $view<'a> {
            /// Index of the concept in its table (what relations point to).
            pub fn index(self) -> usize {
                self.index
            }

            /// Concept URI.
            pub fn uri(self) -> &'a str {
                self.esco.field($kind, self.index, 0)
            }

            /// Labels in language `lang` (an index into [`EscoTaxonomy::languages`]).
            pub fn labels(self, lang: usize) -> Option<LabelsView<'a>> {
                self.esco.labels_at($kind, self.index, lang)
            }

            /// Labels in `language` (e.g. `en`).
            pub fn labels_in(self, language: &str) -> Option<LabelsView<'a>> {
                self.labels(self.esco.language_index(language)?)
            }

            fn labels_owned(self) -> Vec<EscoLabels> {
                all_labels(self.esco, $kind, self.index)
            }
        }

        impl PartialEq for $view<'_> {
            fn eq(&self, other: &Self) -> bool {
                self.fields_eq(other)
                    && labels_eq($kind, self.esco, self.index, other.esco, other.index)
            }
        }

        impl std::fmt::Debug for $view<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($view))
                    .field("index", &self.index)
                    .field("uri", &self.uri())
                    .finish_non_exhaustive()
            }
        }
    };
}

/// An ESCO skill or knowledge concept, borrowed.
#[derive(Clone, Copy)]
pub struct SkillView<'a> {
    pub(crate) esco: &'a EscoTaxonomy,
    pub(crate) index: usize,
}
view_common!(SkillView, Kind::Skill);

impl SkillView<'_> {
    fn fields_eq(&self, other: &Self) -> bool {
        self.uri() == other.uri()
            && self.skill_type() == other.skill_type()
            && self.reuse_level() == other.reuse_level()
    }

    /// Knowledge or skill/competence; `None` where the source leaves it empty.
    pub fn skill_type(self) -> Option<SkillType> {
        self.esco.columns.skill(self.index).0
    }

    /// Reusability level; `None` where the source leaves it empty.
    pub fn reuse_level(self) -> Option<ReuseLevel> {
        self.esco.columns.skill(self.index).1
    }

    /// The owned form.
    pub fn to_owned(self) -> EscoSkill {
        EscoSkill {
            uri: self.uri().to_owned(),
            skill_type: self.skill_type(),
            reuse_level: self.reuse_level(),
            labels: self.labels_owned(),
        }
    }
}

/// An ESCO occupation, borrowed.
#[derive(Clone, Copy)]
pub struct OccupationView<'a> {
    pub(crate) esco: &'a EscoTaxonomy,
    pub(crate) index: usize,
}
view_common!(OccupationView, Kind::Occupation);

impl<'a> OccupationView<'a> {
    fn fields_eq(&self, other: &Self) -> bool {
        self.uri() == other.uri()
            && self.code() == other.code()
            && self.isco_group() == other.isco_group()
            && self.regulated_profession_note() == other.regulated_profession_note()
    }

    /// ESCO occupation code (ISCO unit group + suffix, e.g. `2654.1.7`).
    pub fn code(self) -> &'a str {
        self.esco.field(Kind::Occupation, self.index, 1)
    }

    /// The 4-digit ISCO-08 unit group, e.g. `2654`.
    pub fn isco_group(self) -> &'a str {
        self.esco.field(Kind::Occupation, self.index, 2)
    }

    /// ESCO's `regulatedProfessionNote`, verbatim; empty when the source has none.
    pub fn regulated_profession_note(self) -> &'a str {
        self.esco.field(Kind::Occupation, self.index, 3)
    }

    /// The regulated-profession note, read; `None` when the source has none.
    pub fn regulated_profession(self) -> Option<RegulatedProfession> {
        RegulatedProfession::from_note(self.regulated_profession_note())
    }

    /// The owned form.
    pub fn to_owned(self) -> EscoOccupation {
        EscoOccupation {
            uri: self.uri().to_owned(),
            code: self.code().to_owned(),
            isco_group: self.isco_group().to_owned(),
            regulated_profession_note: self.regulated_profession_note().to_owned(),
            labels: self.labels_owned(),
        }
    }
}

/// An ISCO-08 group, borrowed.
#[derive(Clone, Copy)]
pub struct IscoGroupView<'a> {
    pub(crate) esco: &'a EscoTaxonomy,
    pub(crate) index: usize,
}
view_common!(IscoGroupView, Kind::IscoGroup);

impl<'a> IscoGroupView<'a> {
    fn fields_eq(&self, other: &Self) -> bool {
        self.uri() == other.uri() && self.code() == other.code()
    }

    /// ISCO-08 code, 1–4 digits.
    pub fn code(self) -> &'a str {
        self.esco.field(Kind::IscoGroup, self.index, 1)
    }

    /// The owned form.
    pub fn to_owned(self) -> IscoGroup {
        IscoGroup {
            uri: self.uri().to_owned(),
            code: self.code().to_owned(),
            labels: self.labels_owned(),
        }
    }
}

/// A group of the ESCO skills hierarchy, borrowed.
#[derive(Clone, Copy)]
pub struct SkillGroupView<'a> {
    pub(crate) esco: &'a EscoTaxonomy,
    pub(crate) index: usize,
}
view_common!(SkillGroupView, Kind::SkillGroup);

impl<'a> SkillGroupView<'a> {
    fn fields_eq(&self, other: &Self) -> bool {
        self.uri() == other.uri() && self.code() == other.code() && self.level() == other.level()
    }

    /// Hierarchy code (e.g. `S1.2`, ISCED-F `0413`); may be empty.
    pub fn code(self) -> &'a str {
        self.esco.field(Kind::SkillGroup, self.index, 1)
    }

    /// Depth in the skills hierarchy (0 = `S`, `K`, `L`, `T`), when the hierarchy lists it.
    pub fn level(self) -> Option<u8> {
        self.esco.columns.group_level(self.index)
    }

    /// The owned form.
    pub fn to_owned(self) -> EscoSkillGroup {
        EscoSkillGroup {
            uri: self.uri().to_owned(),
            code: self.code().to_owned(),
            level: self.level(),
            labels: self.labels_owned(),
        }
    }
}
