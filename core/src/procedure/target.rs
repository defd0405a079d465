//! The target qualification of a case, resolved against the loaded frameworks: its UCs and,
//! for each, the capacità and conoscenze an assessment has to cover.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::framework::{FrameworkSet, NodeRef};
use crate::model::{FrameworkRef, NodeKind, Scheme};

/// Whether an item is a capacità or a conoscenza.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A capacità (skill).
    Capacita,
    /// A conoscenza (knowledge item).
    Conoscenza,
}

/// One UC of the target with the codes of its items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetUnit {
    /// UC code.
    pub code: String,
    /// UC title.
    pub title: String,
    /// Codes of its capacità.
    pub capacita: Vec<String>,
    /// Codes of its conoscenze.
    pub conoscenze: Vec<String>,
}

impl TargetUnit {
    /// Every item code with its kind, capacità first.
    pub fn items(&self) -> impl Iterator<Item = (&str, ItemKind)> {
        self.capacita
            .iter()
            .map(|c| (c.as_str(), ItemKind::Capacita))
            .chain(
                self.conoscenze
                    .iter()
                    .map(|c| (c.as_str(), ItemKind::Conoscenza)),
            )
    }
}

/// The resolved target qualification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Framework (repertoire) id, e.g. `rrfp_toscana`.
    pub framework: String,
    /// Qualification code.
    pub qualification: String,
    /// Qualification title.
    pub title: String,
    /// Whether it leads to an attività riservata.
    pub reserved_activity: bool,
    /// Its UCs in order.
    pub units: Vec<TargetUnit>,
}

impl Target {
    /// Resolves a `<framework>.qualification` reference; `None` when the scheme is not a
    /// qualification scheme or the code is not in the loaded frameworks.
    pub fn resolve(frameworks: &FrameworkSet, reference: &FrameworkRef) -> Option<Target> {
        let Some(Scheme::Repertoire {
            framework,
            kind: NodeKind::Qualification,
        }) = reference.parsed_scheme()
        else {
            return None;
        };
        let NodeRef::Qualification(_, qualification) =
            frameworks.node(&framework, NodeKind::Qualification, &reference.code)?
        else {
            return None;
        };
        let mut units = Vec::with_capacity(qualification.units.len());
        for code in &qualification.units {
            let NodeRef::Unit(_, unit) = frameworks.node(&framework, NodeKind::Unit, code)? else {
                return None;
            };
            units.push(TargetUnit {
                code: unit.code.clone(),
                title: unit.title.clone(),
                capacita: unit.capacita.iter().map(|i| i.code.clone()).collect(),
                conoscenze: unit.conoscenze.iter().map(|i| i.code.clone()).collect(),
            });
        }
        Some(Target {
            framework,
            qualification: qualification.code.clone(),
            title: qualification.title.clone(),
            reserved_activity: qualification.reserved_activity,
            units,
        })
    }

    /// The UC with this code.
    pub fn unit(&self, code: &str) -> Option<&TargetUnit> {
        self.units.iter().find(|u| u.code == code)
    }

    /// The UC an item belongs to, and the item's kind.
    pub fn item(&self, code: &str) -> Option<(&TargetUnit, ItemKind)> {
        self.units.iter().find_map(|u| {
            u.items()
                .find(|(c, _)| *c == code)
                .map(|(_, kind)| (u, kind))
        })
    }

    /// The UCs a code stands for: a UC code → that UC; an item code → its UC; the
    /// qualification's own code is not accepted here (too coarse for pertinence).
    pub fn unit_of(&self, code: &str) -> Option<&TargetUnit> {
        self.unit(code).or_else(|| self.item(code).map(|(u, _)| u))
    }

    /// The UCs a framework reference points at within the target (a reference to the
    /// qualification itself covers all UCs).
    pub fn units_of_ref(&self, reference: &FrameworkRef) -> Vec<&TargetUnit> {
        match reference.parsed_scheme() {
            Some(Scheme::Repertoire { framework, kind }) if framework == self.framework => {
                match kind {
                    NodeKind::Qualification if reference.code == self.qualification => {
                        self.units.iter().collect()
                    }
                    NodeKind::Qualification => Vec::new(),
                    NodeKind::Unit => self.unit(&reference.code).into_iter().collect(),
                    NodeKind::Capacita | NodeKind::Conoscenza => self
                        .item(&reference.code)
                        .map(|(u, _)| u)
                        .into_iter()
                        .collect(),
                }
            }
            _ => Vec::new(),
        }
    }
}
