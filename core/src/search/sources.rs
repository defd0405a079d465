//! Adapters that turn frameworks into label entries.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::index::SearchIndexBuilder;
use super::types::{LabelEntry, LabelKind, NodeType};
use crate::framework::{Framework, Item};
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
