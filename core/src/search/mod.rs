//! Label search over frameworks: find the figure, UC, ESCO concept or CP2021 unit an operator
//! means from a few typed words ("carrelista", "forklif", "assistenza anziani").
//!
//! A [`SearchIndex`] holds [`LabelEntry`]s — one per preferred or alternative label of a node, in
//! one language — from any source: a regional [`Framework`](crate::framework::Framework) (through
//! [`SearchIndexBuilder::add_framework`]), ESCO, CP2021, or labels a caller adds one by one.
//! Matching folds case and accents, accepts prefixes (typing ahead), Italian/English inflections
//! and typos, and ranks with a documented score (see [`SearchIndex::search`]). Results are
//! deterministic: equal scores are ordered by label kind, label length and node reference.
//!
//! [`lookup`] answers the structured questions that follow a search: the UCs of a figure, the
//! capacità/conoscenze of a UC, the ADA and EQF level of a figure, its cross-walks, and old
//! Atlante codes.
//!
//! Nothing here reads files or spawns threads, so it runs unchanged in WebAssembly.

mod fold;
mod fold_table;
mod fuzzy;
mod index;
mod job;
pub mod lookup;
mod query;
mod scratch;
mod sources;
mod types;

pub use fold::fold;
pub use index::{SearchIndex, SearchIndexBuilder};
pub use sources::{EscoLabelSelection, FrameworkLabels};
pub use types::{LabelEntry, LabelKind, NodeType, SearchHit, SearchOptions, MAX_QUERY_WORDS};
