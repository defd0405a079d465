//! The documents of label search: what is indexed, what is asked, what comes back.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::FrameworkRef;

/// Only the first this many meaningful words of a query are used.
pub const MAX_QUERY_WORDS: usize = 16;

/// Whether a label is the node's preferred label or one of its alternatives.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum LabelKind {
    /// `skos:prefLabel`: the title, denominazione or preferred term.
    Pref,
    /// `skos:altLabel`: a synonym, a gendered form, an older name.
    Alt,
}

/// What kind of thing a node is, across schemes (for filtering and display).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum NodeType {
    /// A qualification of a regional repertoire (RRFP *figura professionale*).
    Qualification,
    /// A unit of competence (UC) of a regional repertoire.
    Unit,
    /// A *capacità* of a UC.
    Capacita,
    /// A *conoscenza* of a UC.
    Conoscenza,
    /// An occupation: an ESCO occupation, a CP2021 *unità professionale*.
    Occupation,
    /// An ESCO skill/competence.
    Skill,
    /// An ESCO knowledge concept.
    Knowledge,
    /// A grouping level of a classification (a CP2021 *categoria*, an ISCO group).
    Group,
}

/// One label of one node, as indexed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LabelEntry {
    /// The node the label names.
    pub node: FrameworkRef,
    /// What kind of node it is.
    pub node_type: NodeType,
    /// The label text, as published.
    pub label: String,
    /// Preferred or alternative.
    pub kind: LabelKind,
    /// Language of the label (ISO 639-1, e.g. `it`, `en`).
    pub language: String,
}

/// One result of a search: the best-matching label of one node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SearchHit {
    /// The node found.
    pub node: FrameworkRef,
    /// What kind of node it is.
    pub node_type: NodeType,
    /// The label that matched best, as published.
    pub label: String,
    /// Whether that label is preferred or alternative.
    pub matched_label_kind: LabelKind,
    /// Language of that label. With [`SearchOptions::locale`], the language the node's labels
    /// were searched in: the locale's, or the fallback's when the node has no label in it.
    pub language: String,
    /// Whether a locale was requested and the node has no label in it, so `language` is a
    /// fallback's (see [`crate::l10n::pick_label`]); omitted when `false`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fallback: bool,
    /// Relevance in `0.0..=1.0`, rounded to 4 decimals (see `SearchIndex::search`).
    pub score: f64,
}

/// What to search for and how many results to return.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SearchOptions {
    /// At most this many hits (1–1000).
    #[schemars(range(min = 1, max = 1000))]
    pub limit: usize,
    /// Hits scoring below this are dropped (`0.0..=1.0`).
    pub min_score: f64,
    /// Only these schemes; a framework id (`rrfp_toscana`) selects all its schemes. Empty: all.
    pub schemes: Vec<String>,
    /// Only these node types. Empty: all.
    pub node_types: Vec<NodeType>,
    /// Only labels of these kinds. Empty: both.
    pub label_kinds: Vec<LabelKind>,
    /// Only labels in these languages. Empty: all.
    pub languages: Vec<String>,
    /// The language the query is written in (the operator's), when known: labels in other
    /// languages still match, but rank below equal matches in this one (see
    /// `SearchIndex::search`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query_language: Option<String>,
    /// The locale the results are for (a language tag: `it`, `ar`, `fa-AF`): each node is
    /// searched, and shown, in its labels in that language when it has any, else in the first
    /// language of the locale's fallback chain it has, else in its framework's own language;
    /// such hits say `fallback`. Absent: every language is searched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            min_score: 0.3,
            schemes: Vec::new(),
            node_types: Vec::new(),
            label_kinds: Vec::new(),
            languages: Vec::new(),
            query_language: None,
            locale: None,
        }
    }
}

impl SearchOptions {
    /// Default options returning at most `limit` hits.
    pub fn top(limit: usize) -> Self {
        SearchOptions {
            limit,
            ..SearchOptions::default()
        }
    }

    /// Whether a scheme passes the scheme filter.
    pub(crate) fn accepts_scheme(&self, scheme: &str) -> bool {
        self.schemes.is_empty()
            || self.schemes.iter().any(|s| {
                scheme == s
                    || scheme
                        .strip_prefix(s.as_str())
                        .is_some_and(|rest| rest.starts_with('.'))
            })
    }
}
