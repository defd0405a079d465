//! Working memory of a query, kept by the index and reused: dense per-label and per-word
//! counters sized to the index. Allocating and zeroing them for every query (over a megabyte
//! for ESCO) cost more than scoring a typical query; reusing them, only the entries a query
//! touched are reset.

use std::sync::{Mutex, PoisonError};

/// What a query accumulates for one label.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct LabelAcc {
    /// Weighted similarity sum.
    pub(super) sum: f32,
    /// Query words matched.
    pub(super) count: u16,
    /// The last query word (1-based position) that counted, so a word counts once per label.
    pub(super) mark: u8,
    /// Whether the label's first word matched.
    pub(super) lead: bool,
}

/// Per-query working memory. Every entry is zero/default between queries.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    /// Per label.
    pub(super) labels: Vec<LabelAcc>,
    /// Labels with a non-default entry, in first-touch order.
    pub(super) touched: Vec<u32>,
    /// Per vocabulary word: trigrams shared with the current query word.
    pub(super) shared: Vec<u16>,
    /// Words with a non-zero `shared`.
    pub(super) shared_touched: Vec<u32>,
    /// Per vocabulary word: the `stamp` of the query word that last considered it.
    pub(super) seen: Vec<u32>,
    pub(super) stamp: u32,
    /// Per node: 1 + position of its best label among the ranked candidates; 0 = none yet.
    pub(super) node_slot: Vec<u32>,
}

impl Scratch {
    /// Sizes the buffers for an index of `labels`, `words` and `nodes`.
    fn fit(&mut self, labels: usize, words: usize, nodes: usize) {
        if self.labels.len() < labels {
            self.labels.resize(labels, LabelAcc::default());
        }
        if self.shared.len() < words {
            self.shared.resize(words, 0);
            self.seen.resize(words, 0);
        }
        if self.node_slot.len() < nodes {
            self.node_slot.resize(nodes, 0);
        }
    }

    /// A fresh stamp for "considered by this query word" (the stamps restart, after clearing,
    /// when the counter wraps).
    pub(super) fn next_stamp(&mut self) -> u32 {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.seen.fill(0);
            self.stamp = 1;
        }
        self.stamp
    }
}

/// Scratches not in use. A query takes one (or makes one when all are busy, e.g. on several
/// threads at once) and returns it, so queries never wait on each other.
#[derive(Debug, Default)]
pub(super) struct ScratchPool(Mutex<Vec<Scratch>>);

impl Clone for ScratchPool {
    /// A clone of an index starts with no working memory of its own.
    fn clone(&self) -> Self {
        ScratchPool::default()
    }
}

impl ScratchPool {
    /// Runs `f` with a clean scratch sized for the index. A scratch is put back only when `f`
    /// returns (a panic drops it, so a half-used one is never reused).
    pub(super) fn with<R>(
        &self,
        (labels, words, nodes): (usize, usize, usize),
        f: impl FnOnce(&mut Scratch) -> R,
    ) -> R {
        let taken = self.0.lock().unwrap_or_else(PoisonError::into_inner).pop();
        let mut scratch = taken.unwrap_or_default();
        scratch.fit(labels, words, nodes);
        let result = f(&mut scratch);
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(scratch);
        result
    }
}
