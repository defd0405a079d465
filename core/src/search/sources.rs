//! Adapters that turn frameworks into label entries.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::index::SearchIndexBuilder;
use super::types::{LabelEntry, LabelKind, NodeType};
use crate::framework::{Classification, EscoTaxonomy, Framework, Item, LabelsView, SkillType};
use crate::model::{FrameworkRef, NodeKind};

/// Which nodes of a regional framework to index, and in what language its titles are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct FrameworkLabels {
    /// Language of the framework's titles (RRFP: `it`).
    pub language: String,
    /// Index qualification titles.
    pub qualifications: bool,
    /// Index UC titles.
    pub units: bool,
    /// Index the texts of capacità and conoscenze (long sentences: off by default).
    pub items: bool,
}

impl Default for FrameworkLabels {
    fn default() -> Self {
        FrameworkLabels {
            language: "it".to_owned(),
            qualifications: true,
            units: true,
            items: false,
        }
    }
}

impl SearchIndexBuilder {
    /// Adds the titles of a regional framework's nodes as preferred labels, with schemes
    /// `<framework>.qualification`, `<framework>.unit`, `<framework>.capacita|conoscenza`.
    pub fn add_framework(&mut self, framework: &Framework, which: &FrameworkLabels) -> &mut Self {
        let entry = |kind: NodeKind, node_type: NodeType, code: &str, label: &str| LabelEntry {
            node: FrameworkRef::new(format!("{}.{}", framework.id, kind.as_str()), code),
            node_type,
            label: label.to_owned(),
            kind: LabelKind::Pref,
            language: which.language.clone(),
        };
        if which.qualifications {
            for q in &framework.qualifications {
                self.add(entry(
                    NodeKind::Qualification,
                    NodeType::Qualification,
                    &q.code,
                    &q.title,
                ));
            }
        }
        for u in &framework.units {
            if which.units {
                self.add(entry(NodeKind::Unit, NodeType::Unit, &u.code, &u.title));
            }
            if which.items {
                let items = |list: &[Item], kind, node_type| {
                    list.iter()
                        .map(move |i| entry(kind, node_type, &i.code, &i.text))
                        .collect::<Vec<_>>()
                };
                self.extend(items(&u.capacita, NodeKind::Capacita, NodeType::Capacita));
                self.extend(items(
                    &u.conoscenze,
                    NodeKind::Conoscenza,
                    NodeType::Conoscenza,
                ));
            }
        }
        self
    }
}

/// Which parts of ESCO to index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct EscoLabelSelection {
    /// Index occupations.
    pub occupations: bool,
    /// Index skills and knowledge concepts.
    pub skills: bool,
    /// Index alternative labels too (ESCO has ~130,000 of them in English).
    pub alt_labels: bool,
    /// Only these languages; empty: every language the taxonomy has.
    pub languages: Vec<String>,
}

impl Default for EscoLabelSelection {
    fn default() -> Self {
        EscoLabelSelection {
            occupations: true,
            skills: true,
            alt_labels: true,
            languages: Vec::new(),
        }
    }
}

impl SearchIndexBuilder {
    /// Adds a node's preferred label and its alternative labels.
    pub fn add_concept<'a>(
        &mut self,
        node: &FrameworkRef,
        node_type: NodeType,
        language: &str,
        pref: &str,
        alt: impl IntoIterator<Item = &'a str>,
    ) -> &mut Self {
        let entry = |label: &str, kind| LabelEntry {
            node: node.clone(),
            node_type,
            label: label.to_owned(),
            kind,
            language: language.to_owned(),
        };
        self.add(entry(pref, LabelKind::Pref));
        for label in alt {
            self.add(entry(label, LabelKind::Alt));
        }
        self
    }

    /// Adds ESCO occupations and skills (scheme `esco`, code = concept URI), with the labels of
    /// each language of the taxonomy. Skills typed `knowledge` become [`NodeType::Knowledge`].
    pub fn add_esco(&mut self, esco: &EscoTaxonomy, which: &EscoLabelSelection) -> &mut Self {
        for (lang_index, language) in esco.languages().iter().enumerate() {
            if !which.languages.is_empty() && !which.languages.contains(language) {
                continue;
            }
            let mut add = |uri: &str, node_type, labels: Option<LabelsView<'_>>| {
                if let Some(labels) = labels {
                    let alt = labels.alt_labels().filter(|_| which.alt_labels);
                    let node = FrameworkRef::new("esco", uri);
                    self.add_concept(&node, node_type, language, labels.preferred, alt);
                }
            };
            if which.occupations {
                for o in esco.occupations() {
                    add(o.uri(), NodeType::Occupation, o.labels(lang_index));
                }
            }
            if which.skills {
                for s in esco.skills() {
                    let node_type = if s.skill_type() == Some(SkillType::Knowledge) {
                        NodeType::Knowledge
                    } else {
                        NodeType::Skill
                    };
                    add(s.uri(), node_type, s.labels(lang_index));
                }
            }
        }
        self
    }

    /// Adds the titles of a classification (e.g. CP2021) in `language`: the deepest level as
    /// [`NodeType::Occupation`], the levels above as [`NodeType::Group`] unless `leaves_only`.
    pub fn add_classification(
        &mut self,
        classification: &Classification,
        language: &str,
        leaves_only: bool,
    ) -> &mut Self {
        for node in &classification.nodes {
            let leaf = node.level >= classification.levels;
            if leaves_only && !leaf {
                continue;
            }
            let node_type = if leaf {
                NodeType::Occupation
            } else {
                NodeType::Group
            };
            self.add(LabelEntry {
                node: FrameworkRef::new(classification.scheme.clone(), node.code.clone()),
                node_type,
                label: node.title.clone(),
                kind: LabelKind::Pref,
                language: language.to_owned(),
            });
        }
        self
    }
}
