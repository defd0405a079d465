//! A generic hierarchical code list: ISTAT CP2021 (five levels), ATECO 2007, ISCO-08.
//!
//! Unlike a regional [`Framework`](super::Framework) a classification has no units of
//! competence: it is a tree of codes with titles and descriptions. Nodes are kept sorted by
//! code so that [`Classification::node`] is a binary search.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A versioned hierarchical classification (e.g. scheme `cp2021`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Classification {
    /// Scheme name used in references, e.g. `cp2021`, `ateco2007`.
    pub scheme: String,
    /// Human title.
    pub title: String,
    /// Version or edition, e.g. `2021`.
    pub version: String,
    /// Publisher (e.g. ISTAT).
    pub publisher: String,
    /// Number of levels of the full tree (CP2021: 5).
    pub levels: u8,
    /// The nodes, sorted by code (byte order).
    pub nodes: Vec<ClassificationNode>,
}

/// A node of a classification.
///
/// Fields are never skipped when serializing: the binary bundle format (postcard) is not
/// self-describing and needs every field present.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassificationNode {
    /// Code, e.g. `5.2.2.1.0`.
    pub code: String,
    /// Title.
    pub title: String,
    /// Description (may be empty).
    pub description: String,
    /// Level, 1 = top.
    pub level: u8,
    /// Code of the parent node; `None` at level 1.
    pub parent: Option<String>,
}

impl Classification {
    /// Sorts the nodes by code, as [`Classification::node`] needs.
    pub fn normalize(&mut self) {
        self.nodes.sort_by(|a, b| a.code.cmp(&b.code));
    }

    /// The node with this code.
    pub fn node(&self, code: &str) -> Option<&ClassificationNode> {
        let i = self
            .nodes
            .binary_search_by(|n| n.code.as_str().cmp(code))
            .ok()?;
        Some(&self.nodes[i])
    }

    /// The children of a node, in code order; the level-1 nodes for `None`.
    pub fn children<'a>(
        &'a self,
        parent: Option<&'a str>,
    ) -> impl Iterator<Item = &'a ClassificationNode> + 'a {
        self.nodes
            .iter()
            .filter(move |n| n.parent.as_deref() == parent)
    }

    /// The chain from the top level down to `code` (inclusive); empty when unknown.
    pub fn path_to(&self, code: &str) -> Vec<&ClassificationNode> {
        let mut chain = Vec::new();
        let mut next = self.node(code);
        // Bounded by the number of nodes, so a cycle in hand-edited data cannot hang.
        while let Some(node) = next {
            if chain.len() > self.nodes.len() {
                break;
            }
            chain.push(node);
            next = node.parent.as_deref().and_then(|p| self.node(p));
        }
        chain.reverse();
        chain
    }

    /// How many nodes each level has (index 0 = level 1).
    pub fn level_counts(&self) -> Vec<usize> {
        let mut counts = vec![0; usize::from(self.levels)];
        for n in &self.nodes {
            if let Some(c) = counts.get_mut(usize::from(n.level).wrapping_sub(1)) {
                *c += 1;
            }
        }
        counts
    }
}
