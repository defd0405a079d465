//! Building the search index: labels, a sorted word vocabulary, word → label postings and a
//! trigram → word index for typo candidates.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::fold::content_words;
use super::scratch::ScratchPool;
use super::types::{LabelEntry, LabelKind, NodeType};
use crate::error::{Error, Result};
use crate::l10n::FrameworkLabel;
use crate::model::FrameworkRef;

/// A trigram of a word padded with `\0` on both sides.
pub(super) type Trigram = [char; 3];

/// A node in the index.
#[derive(Debug, Clone)]
pub(super) struct IndexedNode {
    pub(super) node: FrameworkRef,
    pub(super) node_type: NodeType,
    /// Its labels, in the order they were added.
    pub(super) labels: Vec<u32>,
}

/// A label in the index.
#[derive(Debug, Clone)]
pub(super) struct IndexedLabel {
    pub(super) node: u32,
    pub(super) text: String,
    pub(super) kind: LabelKind,
    pub(super) language: u16,
    /// Meaningful words in the label (at least 1).
    pub(super) word_count: u16,
    /// Vocabulary id of its first meaningful word.
    pub(super) first_word: u32,
}

/// Collects labels, then builds a [`SearchIndex`].
#[derive(Debug, Clone, Default)]
pub struct SearchIndexBuilder {
    entries: Vec<LabelEntry>,
}

impl SearchIndexBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        SearchIndexBuilder::default()
    }

    /// Adds one label.
    pub fn add(&mut self, entry: LabelEntry) -> &mut Self {
        self.entries.push(entry);
        self
    }

    /// Adds many labels.
    pub fn extend(&mut self, entries: impl IntoIterator<Item = LabelEntry>) -> &mut Self {
        self.entries.extend(entries);
        self
    }

    /// The labels added so far (e.g. to hand the same labels to another search tool).
    pub fn entries(&self) -> &[LabelEntry] {
        &self.entries
    }

    /// How many labels were added so far.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no label was added.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Builds the index. Labels without any letter or digit are skipped (they cannot match);
    /// a label repeated for the same node, kind and language is kept once.
    ///
    /// # Errors
    /// [`Error::InvalidOptions`] when a node has two different node types, or the index
    /// would exceed 4 billion labels or 65,535 languages.
    pub fn build(&self) -> Result<SearchIndex> {
        let mut index = SearchIndex {
            word_start: vec![0],
            ..SearchIndex::default()
        };
        let mut node_ids: HashMap<&FrameworkRef, u32> = HashMap::new();
        let mut language_ids: HashMap<&str, u16> = HashMap::new();
        let mut seen: HashSet<(u32, String, LabelKind, u16)> = HashSet::new();
        let mut word_labels: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        let mut first_words: Vec<String> = Vec::new();
        for entry in &self.entries {
            let words = content_words(&entry.label);
            if words.is_empty() {
                continue;
            }
            let node = if let Some(&id) = node_ids.get(&entry.node) {
                let known = index.nodes[id as usize].node_type;
                if known != entry.node_type {
                    return Err(Error::InvalidOptions(format!(
                        "node {} is labelled both as {known:?} and as {:?}",
                        entry.node, entry.node_type
                    )));
                }
                id
            } else {
                let id = to_u32(index.nodes.len())?;
                index.nodes.push(IndexedNode {
                    node: entry.node.clone(),
                    node_type: entry.node_type,
                    labels: Vec::new(),
                });
                node_ids.insert(&entry.node, id);
                index.node_ids.insert(entry.node.clone(), id);
                id
            };
            let language = if let Some(&id) = language_ids.get(entry.language.as_str()) {
                id
            } else {
                let id = u16::try_from(index.languages.len())
                    .map_err(|_| Error::InvalidOptions("more than 65,535 languages".into()))?;
                index.languages.push(entry.language.clone());
                language_ids.insert(&entry.language, id);
                id
            };
            if !seen.insert((node, words.join(" "), entry.kind, language)) {
                continue;
            }
            let label = to_u32(index.labels.len())?;
            index.nodes[node as usize].labels.push(label);
            first_words.push(words[0].clone());
            index.labels.push(IndexedLabel {
                first_word: 0,
                node,
                text: entry.label.clone(),
                kind: entry.kind,
                language,
                // Numbers ("(529)", "2023") are searchable but do not make a title longer.
                word_count: u16::try_from(
                    words
                        .iter()
                        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
                        .count()
                        .max(1),
                )
                .unwrap_or(u16::MAX),
            });
            for word in words {
                let postings = word_labels.entry(word).or_default();
                if postings.last() != Some(&label) {
                    postings.push(label);
                }
            }
        }
        #[allow(clippy::cast_precision_loss)] // counts far below 2^24 in practice
        let total = index.labels.len().max(1) as f32;
        for (word_id, (word, postings)) in word_labels.into_iter().enumerate() {
            let chars: Box<[char]> = word.chars().collect();
            let word_id = to_u32(word_id)?;
            for trigram in trigrams(&chars) {
                let list = index.trigrams.entry(trigram).or_default();
                if list.last() != Some(&word_id) {
                    list.push(word_id);
                }
            }
            #[allow(clippy::cast_precision_loss)]
            index.idf.push((1.0 + total / postings.len() as f32).ln());
            index.words.push(word);
            index.word_text.extend_from_slice(&chars);
            index.word_start.push(to_u32(index.word_text.len())?);
            index.postings.push(postings.into_boxed_slice());
        }
        index.max_idf = index.idf.iter().copied().fold(1.0, f32::max);
        for (label, word) in index.labels.iter_mut().zip(&first_words) {
            let id = index.words.binary_search(word).unwrap_or_default();
            label.first_word = to_u32(id)?;
        }
        Ok(index)
    }
}

fn to_u32(n: usize) -> Result<u32> {
    u32::try_from(n).map_err(|_| Error::InvalidOptions("more than 4 billion labels".into()))
}

/// The trigrams of `word` padded with `\0` on both sides: a word of n letters has n of them,
/// and one typo changes at most three.
pub(super) fn trigrams(word: &[char]) -> impl Iterator<Item = Trigram> + '_ {
    (0..word.len()).map(move |i| {
        let at = |j: usize| {
            j.checked_sub(1)
                .and_then(|k| word.get(k))
                .copied()
                .unwrap_or('\0')
        };
        [at(i), at(i + 1), at(i + 2)]
    })
}

/// A label search index. Build it with [`SearchIndexBuilder`]; query it with
/// [`SearchIndex::search`].
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    pub(super) nodes: Vec<IndexedNode>,
    pub(super) node_ids: HashMap<FrameworkRef, u32>,
    pub(super) labels: Vec<IndexedLabel>,
    pub(super) languages: Vec<String>,
    /// Vocabulary, sorted, so that a prefix is a contiguous range.
    pub(super) words: Vec<String>,
    /// The characters of every vocabulary word, back to back (word `i` is
    /// `word_text[word_start[i]..word_start[i + 1]]`): candidate checks walk thousands of words
    /// per query, and one buffer keeps them close in memory.
    pub(super) word_text: Vec<char>,
    pub(super) word_start: Vec<u32>,
    /// Inverse document frequency of each word, `ln(1 + labels / labels with the word)`.
    pub(super) idf: Vec<f32>,
    pub(super) max_idf: f32,
    /// Word → labels containing it, ascending.
    pub(super) postings: Vec<Box<[u32]>>,
    /// Trigram → words containing it, ascending.
    pub(super) trigrams: HashMap<Trigram, Vec<u32>>,
    /// Reusable working memory of queries.
    pub(super) scratch: ScratchPool,
}

impl SearchIndex {
    /// The characters of vocabulary word `id`.
    pub(super) fn word_chars(&self, id: u32) -> &[char] {
        let i = id as usize;
        &self.word_text[self.word_start[i] as usize..self.word_start[i + 1] as usize]
    }

    /// How many labels are indexed.
    pub fn label_count(&self) -> usize {
        self.labels.len()
    }

    /// How many distinct nodes are indexed.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// The labels of `node`, in the order they were added (for display after a lookup).
    pub fn labels_of<'a>(
        &'a self,
        node: &'a FrameworkRef,
    ) -> impl Iterator<Item = (LabelKind, &'a str, &'a str)> + 'a {
        let ids = self
            .node_ids
            .get(node)
            .map_or(&[][..], |&id| self.nodes[id as usize].labels.as_slice());
        ids.iter().map(|&l| &self.labels[l as usize]).map(|l| {
            (
                l.kind,
                l.text.as_str(),
                self.languages[usize::from(l.language)].as_str(),
            )
        })
    }

    /// The preferred label of `node` in `language`, if indexed.
    pub fn pref_label<'a>(&'a self, node: &'a FrameworkRef, language: &str) -> Option<&'a str> {
        self.labels_of(node)
            .find(|(kind, _, lang)| *kind == LabelKind::Pref && *lang == language)
            .map(|(_, text, _)| text)
    }

    /// The preferred label of `node` for `locale` (`None`: its first language), with its
    /// language: the first language of [`crate::l10n::label_languages`] over the languages
    /// the node has labels in (in the order added, so a framework's own language first).
    pub fn label_for<'a>(
        &'a self,
        node: &'a FrameworkRef,
        locale: Option<&str>,
    ) -> Option<FrameworkLabel<'a>> {
        let languages = self.node_languages(*self.node_ids.get(node)?);
        crate::l10n::pick_label(locale, &languages, |lang| self.pref_label(node, lang))
    }

    /// The languages node `id` has labels in, in the order they were added.
    pub(super) fn node_languages(&self, id: u32) -> Vec<&str> {
        let mut languages: Vec<&str> = Vec::new();
        for &label in &self.nodes[id as usize].labels {
            let language =
                self.languages[usize::from(self.labels[label as usize].language)].as_str();
            if !languages.contains(&language) {
                languages.push(language);
            }
        }
        languages
    }

    /// The language node `id` is searched and shown in for `locale` (an index language id):
    /// the first of [`crate::l10n::label_languages`] over its languages.
    pub(super) fn node_language(&self, id: u32, locale: &str) -> Option<u16> {
        let languages = self.node_languages(id);
        let chosen = *crate::l10n::label_languages(Some(locale), &languages).first()?;
        self.languages
            .iter()
            .position(|l| l == chosen)
            .and_then(|i| u16::try_from(i).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trigrams_are_padded() {
        let w: Vec<char> = "cuoco".chars().collect();
        let t: Vec<String> = trigrams(&w).map(|t| t.iter().collect()).collect();
        assert_eq!(t, ["\0cu", "cuo", "uoc", "oco", "co\0"]);
    }
}
