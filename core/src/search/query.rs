//! Answering a query: candidate words per query word, label scores, best label per node.

use std::cmp::Ordering;

use super::fold::content_words;
use super::fuzzy::{similarity, typo_budget};
use super::index::{trigrams, SearchIndex};
use super::job::names_job;
use super::scratch::Scratch;
use super::types::{LabelKind, NodeType, SearchHit, SearchOptions, MAX_QUERY_WORDS};
use crate::error::{Error, Result};

/// Prefix expansions kept per query word (the shortest words first), so a two-letter query
/// cannot touch the whole vocabulary.
const MAX_PREFIX_EXPANSIONS: usize = 64;

/// A label's score is scaled by `LABEL_FLOOR + (1 - LABEL_FLOOR) × label coverage`: a short
/// title fully matched beats a long one partly matched, but only by a little, because the
/// titles of regional qualifications are long sentences (0.9 chosen on the `tune` half).
const LABEL_FLOOR: f32 = 0.9;
/// Alternative labels score slightly below the preferred label, so an equal match shows the
/// title.
const ALT_FACTOR: f32 = 0.98;

/// A label in another language than the query's scores this fraction of an equal match in the
/// query's language (an Italian operator typing "barista" means the CP2021 unit first, not
/// the English ESCO label spelled alike). Chosen on the `tune` half of `data/queries`.
const OTHER_LANGUAGE: f32 = 0.75;
/// A label whose first word matched none of the query's words scores this fraction: titles
/// name their subject first ("Idraulici nelle costruzioni civili" for "idraulico", before
/// "Ingegneri idraulici"). Chosen on the `tune` half.
const NO_LEAD: f32 = 0.96;

/// A label that the query does not cover whole, or that does not cover the whole query,
/// scores this fraction: the skill "customer service" is what "customer service" names, before
/// the many occupations whose titles start with those words. Chosen on the `tune` half.
const PARTIAL: f32 = 0.93;

/// The prior of a qualification for a query that names a job: below every occupation (0.95),
/// level with skills. Any value from 0.80 to 0.90 ranked the `tune` half alike; 0.88 is the
/// mildest change in that range that keeps a margin to its upper end.
const JOB_QUALIFICATION: f32 = 0.88;

/// How likely a node of each type is what an operator means by a few words, all else equal
/// (chosen on the `tune` half of `data/queries`): what people search for are jobs and
/// qualifications; a skill, knowledge concept, UC or classification group sharing the same
/// words ranks after them ("welder" the occupation before "weld" the skill).
///
/// When the query names a job ([`names_job`]), a qualification scores [`JOB_QUALIFICATION`]
/// instead: "carrellista" means the occupation "Conduttori di carrelli elevatori" before the
/// qualification whose title lists "carrelli" among the vehicles its holder drives.
fn type_prior(node_type: NodeType, job: bool) -> f32 {
    match node_type {
        NodeType::Qualification if job => JOB_QUALIFICATION,
        NodeType::Qualification => 1.0,
        NodeType::Occupation => 0.95,
        NodeType::Skill => 0.885,
        NodeType::Knowledge => 0.855,
        NodeType::Group => 0.84,
        NodeType::Unit => 0.81,
        NodeType::Capacita | NodeType::Conoscenza => 0.8,
    }
}

impl SearchIndex {
    /// Finds the nodes whose labels best match `query`, best first.
    ///
    /// The score of a label for a query of words q₁…qₙ is
    /// `coverage × (0.9 + 0.1 × label_coverage) × kind × type × language × lead × whole`,
    /// where
    /// - `coverage = Σ idf(qᵢ) × sim(qᵢ) / Σ idf(qᵢ)`: how much of the query the label matches,
    ///   each query word weighted by the rarity (`idf`) of the label word it matched and scored
    ///   by the similarity ladder (exact 1.0, prefix 0.85–1.0, inflection 0.9/0.8, one typo
    ///   0.82, two typos 0.72, derivation 0.7, prefix with a typo 0.6); a query word that
    ///   matches no word of the index weighs as the average matched word and scores 0;
    /// - `label_coverage` = matched words / meaningful words of the label, so "cuoco" ranks
    ///   the label "cuoco" above "aiuto cuoco";
    /// - `kind` = 1 for a preferred label, 0.98 for an alternative one;
    /// - `type` is a prior of the node type: 1 for a qualification, 0.95 for an occupation,
    ///   0.885 for a skill, 0.855 for knowledge, 0.84 for a classification group, 0.81 for a
    ///   UC, 0.8 for a capacità/conoscenza, so jobs come before skills named alike; when a
    ///   query word is an Italian agent noun ("carrellista", "cassiera", "addetto"), the query
    ///   names a job and a qualification scores 0.88, so occupations come first;
    /// - `language` = 0.75 when [`SearchOptions::query_language`] is set and the label is in
    ///   another language, else 1;
    /// - `lead` = 1 when the label's first word matched a query word, else 0.96;
    /// - `whole` = 1 when every query word matched the label and the label has no other
    ///   word, else 0.93.
    ///
    /// The factors were chosen on the `tune` half of the labelled queries in `data/queries`
    /// and are measured on the `held_out` half.
    ///
    /// With [`SearchOptions::locale`], each node is matched on its labels in one language: the
    /// locale's when it has any, else the first language of the locale's fallback chain it
    /// has, else its framework's own (see [`crate::l10n::label_languages`]); a hit in another
    /// language than the locale's says `fallback`.
    ///
    /// Each node appears once, with its best label. Ties are broken by whether the label
    /// starts with a matched word ("forklif": "forklift operator" before "operate forklift"),
    /// label kind (preferred first), shorter label, then node reference, so results are
    /// reproducible. Italian and
    /// English stop words are ignored; only the first [`MAX_QUERY_WORDS`] words are used.
    ///
    /// # Errors
    /// [`Error::InvalidOptions`] when `limit` is 0 or over 1000, `min_score` is outside
    /// `0.0..=1.0`, or `locale` is not a language tag.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<Vec<SearchHit>> {
        if options.limit == 0 || options.limit > 1000 {
            return Err(Error::InvalidOptions(format!(
                "search limit must be 1-1000, not {}",
                options.limit
            )));
        }
        if !(0.0..=1.0).contains(&options.min_score) {
            return Err(Error::InvalidOptions(format!(
                "min_score must be within 0.0-1.0, not {}",
                options.min_score
            )));
        }
        if let Some(locale) = &options.locale {
            // A language tag: letters, digits and separators (the value is not echoed).
            let plausible = (1..=35).contains(&locale.len())
                && locale
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !plausible {
                return Err(Error::InvalidOptions(
                    "search locale must be a language tag such as 'it' or 'fa-AF'".to_owned(),
                ));
            }
        }
        let mut words = content_words(query);
        words.truncate(MAX_QUERY_WORDS);
        if words.is_empty() || self.labels.is_empty() {
            return Ok(Vec::new());
        }
        let sizes = (self.labels.len(), self.words.len(), self.nodes.len());
        Ok(self.scratch.with(sizes, |scratch| {
            let total_weight = self.score_labels(&words, scratch);
            let job = names_job(&words);
            self.rank(total_weight, (words.len(), job), scratch, options)
        }))
    }

    /// Candidate vocabulary words for one query word, with their similarity, best first.
    fn candidates(&self, query: &[char], scratch: &mut Scratch) -> Vec<(u32, f32)> {
        let stamp = scratch.next_stamp();
        let mut found: Vec<(u32, f32)> = Vec::new();
        let seen = &mut scratch.seen;
        let mut consider = |id: u32| {
            let mark = &mut seen[id as usize];
            if *mark != stamp {
                *mark = stamp;
                if let Some(s) = similarity(query, self.word_chars(id)) {
                    found.push((id, s));
                }
            }
        };
        let text: String = query.iter().collect();
        // Exact and prefix matches: a contiguous range of the sorted vocabulary.
        let mut prefixed: Vec<u32> = self.prefix_range(&text).collect();
        if prefixed.len() > MAX_PREFIX_EXPANSIONS {
            prefixed.sort_by_key(|&id| (self.word_chars(id).len(), id));
            prefixed.truncate(MAX_PREFIX_EXPANSIONS);
        }
        prefixed.into_iter().for_each(&mut consider);
        // Inflections share a stem of all but the last two letters (at least four).
        if query.len() >= 5 {
            let stem: String = query[..query.len() - 2].iter().collect();
            self.prefix_range(&stem).for_each(&mut consider);
        }
        // Derivations share a stem of five letters.
        if query.len() >= 6 {
            let stem: String = query[..5].iter().collect();
            self.prefix_range(&stem).for_each(&mut consider);
        }
        // Typos: words sharing enough padded trigrams (one edit changes at most three, a swap
        // of two letters four).
        let budget = typo_budget(query.len());
        if budget > 0 {
            let needed = query.len().saturating_sub(4 * budget).max(1);
            // Dense counters over the vocabulary: cheaper than hashing on long posting lists.
            let (shared, touched) = (&mut scratch.shared, &mut scratch.shared_touched);
            let mut query_trigrams: Vec<_> = trigrams(query).collect();
            query_trigrams.sort_unstable();
            query_trigrams.dedup();
            for t in &query_trigrams {
                for &id in self.trigrams.get(t).map_or(&[][..], Vec::as_slice) {
                    let n = &mut shared[id as usize];
                    if *n == 0 {
                        touched.push(id);
                    }
                    *n = n.saturating_add(1);
                }
            }
            touched.retain(|&id| usize::from(std::mem::take(&mut shared[id as usize])) >= needed);
            touched.sort_unstable();
            touched.drain(..).for_each(&mut consider);
        }
        found.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        found
    }

    /// Vocabulary ids of the words starting with `prefix`.
    fn prefix_range(&self, prefix: &str) -> impl Iterator<Item = u32> {
        let start = self.words.partition_point(|w| w.as_str() < prefix);
        let len = self.words[start..]
            .iter()
            .take_while(|w| w.starts_with(prefix))
            .count();
        #[allow(clippy::cast_possible_truncation)] // vocabulary ids fit u32 (checked at build)
        (start..start + len).map(|i| i as u32)
    }

    /// Accumulates, in `scratch`, what every label touched by the query matched; returns the
    /// query's total weight (the denominator of `coverage`).
    fn score_labels(&self, words: &[String], scratch: &mut Scratch) -> f32 {
        // Dense per-label accumulators (one pass over the postings, no hashing): weighted
        // similarity sum, matched query words, whether the first word matched, and the last
        // query word that counted (so a query word counts once per label).
        let mut total_weight = 0.0_f32;
        let (mut unmatched, mut matched_weight, mut matched_words) = (0_u16, 0.0_f32, 0_u16);
        for (position, word) in words.iter().enumerate() {
            let chars: Vec<char> = word.chars().collect();
            let candidates = self.candidates(&chars, scratch);
            // The query word weighs as the rarest of its best candidates.
            let best = candidates.first().map(|c| c.1);
            let Some(weight) = candidates
                .iter()
                .take_while(|c| Some(c.1) == best)
                .map(|c| self.idf[c.0 as usize])
                .fold(None, |m: Option<f32>, x| Some(m.map_or(x, |m| m.max(x))))
            else {
                unmatched += 1;
                continue;
            };
            matched_weight += weight;
            matched_words += 1;
            total_weight += weight;
            // At most MAX_QUERY_WORDS (16) words, so the mark fits.
            let this = u8::try_from(position + 1).unwrap_or(u8::MAX);
            let (accs, touched) = (&mut scratch.labels, &mut scratch.touched);
            for &(id, sim) in &candidates {
                for &label in &self.postings[id as usize] {
                    let acc = &mut accs[label as usize];
                    if acc.mark == 0 {
                        touched.push(label);
                    }
                    acc.lead |= self.labels[label as usize].first_word == id;
                    if acc.mark != this {
                        acc.mark = this;
                        acc.sum += weight * sim;
                        acc.count = acc.count.saturating_add(1);
                    }
                }
            }
        }
        // A query word found nowhere ("cassiera supermercato") weighs as the average matched
        // word: it lowers every score alike instead of hiding the words that did match.
        if matched_words > 0 {
            total_weight += f32::from(unmatched) * matched_weight / f32::from(matched_words);
        }
        total_weight
    }

    /// Scores the touched labels (resetting their accumulators), filters, keeps the best
    /// label per node, and returns the `limit` best nodes in order.
    fn rank(
        &self,
        total_weight: f32,
        (query_words, job): (usize, bool),
        scratch: &mut Scratch,
        options: &SearchOptions,
    ) -> Vec<SearchHit> {
        let mut best: Vec<(f64, bool, u32)> = Vec::new();
        // The query's language as an index language id; `None` (no preference) when unset or
        // when no label is in it.
        let query_language = options
            .query_language
            .as_ref()
            .and_then(|l| self.languages.iter().position(|x| x == l));
        // With a locale, each node is searched in one language (see `SearchOptions::locale`),
        // decided once per node touched (a flat table: no map code in the WebAssembly module).
        let wanted = options.locale.as_deref().map(crate::l10n::label_language);
        let mut node_languages: Vec<Option<Option<u16>>> = if options.locale.is_some() {
            vec![None; self.nodes.len()]
        } else {
            Vec::new()
        };
        let (accs, node_slot) = (&mut scratch.labels, &mut scratch.node_slot);
        for label_id in scratch.touched.drain(..) {
            let acc = std::mem::take(&mut accs[label_id as usize]);
            let label = &self.labels[label_id as usize];
            let coverage = acc.sum / total_weight;
            let label_coverage =
                f32::from(acc.count.min(label.word_count)) / f32::from(label.word_count.max(1));
            let kind = if label.kind == LabelKind::Pref {
                1.0
            } else {
                ALT_FACTOR
            };
            let node = &self.nodes[label.node as usize];
            let language = match query_language {
                Some(id) if id != usize::from(label.language) => OTHER_LANGUAGE,
                _ => 1.0,
            };
            let lead = if acc.lead { 1.0 } else { NO_LEAD };
            // Every query word matched and every label word was matched: the query names
            // the node itself.
            let complete = if acc.count >= label.word_count && usize::from(acc.count) >= query_words
            {
                1.0
            } else {
                PARTIAL
            };
            let score = coverage
                * (LABEL_FLOOR + (1.0 - LABEL_FLOOR) * label_coverage)
                * kind
                * type_prior(node.node_type, job)
                * language
                * lead
                * complete;
            let score = (f64::from(score) * 10_000.0).round() / 10_000.0;
            if score < options.min_score {
                continue;
            }
            if !options.accepts_scheme(&node.node.scheme)
                || !(options.node_types.is_empty() || options.node_types.contains(&node.node_type))
                || !(options.label_kinds.is_empty() || options.label_kinds.contains(&label.kind))
                || !(options.languages.is_empty()
                    || options
                        .languages
                        .contains(&self.languages[usize::from(label.language)]))
            {
                continue;
            }
            if let Some(locale) = &options.locale {
                let slot = &mut node_languages[label.node as usize];
                let chosen = *slot.get_or_insert_with(|| self.node_language(label.node, locale));
                if chosen.is_some_and(|l| l != label.language) {
                    continue;
                }
            }
            let candidate = (score, acc.lead, label_id);
            let slot = &mut node_slot[label.node as usize];
            if *slot == 0 {
                best.push(candidate);
                // Fewer candidates than labels, and labels fit u32 (checked at build).
                *slot = u32::try_from(best.len()).unwrap_or(u32::MAX);
            } else {
                let kept = &mut best[*slot as usize - 1];
                if self.better(candidate, *kept) == Ordering::Less {
                    *kept = candidate;
                }
            }
        }
        for &(_, _, label_id) in &best {
            node_slot[self.labels[label_id as usize].node as usize] = 0;
        }
        // `better` is a total order, so selecting the top `limit` then sorting them gives the
        // same list as sorting everything.
        if best.len() > options.limit {
            best.select_nth_unstable_by(options.limit, |a, b| self.better(*a, *b));
            best.truncate(options.limit);
        }
        best.sort_unstable_by(|a, b| self.better(*a, *b));
        best.into_iter()
            .map(|(score, _, label_id)| {
                let label = &self.labels[label_id as usize];
                let node = &self.nodes[label.node as usize];
                let language = self.languages[usize::from(label.language)].as_str();
                SearchHit {
                    node: node.node.clone(),
                    node_type: node.node_type,
                    label: label.text.clone(),
                    matched_label_kind: label.kind,
                    language: language.to_owned(),
                    fallback: wanted.as_deref().is_some_and(|w| w != language),
                    score,
                }
            })
            .collect()
    }

    /// The deterministic result order: `Less` when label `a` ranks before label `b`.
    fn better(
        &self,
        (score_a, lead_a, a): (f64, bool, u32),
        (score_b, lead_b, b): (f64, bool, u32),
    ) -> Ordering {
        let (la, lb) = (&self.labels[a as usize], &self.labels[b as usize]);
        score_b
            .total_cmp(&score_a)
            .then(lead_b.cmp(&lead_a))
            .then(la.kind.cmp(&lb.kind))
            .then(la.text.len().cmp(&lb.text.len()))
            .then_with(|| {
                // Two labels of one node: skip comparing its reference with itself.
                if la.node == lb.node {
                    return Ordering::Equal;
                }
                let (na, nb) = (&self.nodes[la.node as usize], &self.nodes[lb.node as usize]);
                na.node.cmp(&nb.node)
            })
            .then(la.text.cmp(&lb.text))
            .then(a.cmp(&b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FrameworkRef;
    use crate::search::{LabelEntry, SearchIndexBuilder};

    fn entry(code: &str, node_type: NodeType, label: &str, language: &str) -> LabelEntry {
        LabelEntry {
            node: FrameworkRef::new("s", code),
            node_type,
            label: label.to_owned(),
            kind: LabelKind::Pref,
            language: language.to_owned(),
        }
    }

    fn first(index: &SearchIndex, query: &str, language: Option<&str>) -> String {
        let options = SearchOptions {
            query_language: language.map(str::to_owned),
            ..SearchOptions::top(5)
        };
        let hits = index.search(query, &options).unwrap_or_default();
        hits.first()
            .map(|h| h.node.code.clone())
            .unwrap_or_default()
    }

    #[test]
    fn an_occupation_ranks_above_a_skill_and_a_group_named_alike() {
        let mut builder = SearchIndexBuilder::new();
        builder
            .add(entry("skill", NodeType::Skill, "welder", "en"))
            .add(entry("group", NodeType::Group, "welder", "en"))
            .add(entry("job", NodeType::Occupation, "welder", "en"));
        let index = builder.build().unwrap_or_default();
        assert_eq!(first(&index, "welder", None), "job");
    }

    #[test]
    fn a_label_the_query_names_whole_ranks_above_longer_titles_of_any_type() {
        let mut builder = SearchIndexBuilder::new();
        builder
            .add(entry(
                "clerk",
                NodeType::Occupation,
                "customer service clerk",
                "en",
            ))
            .add(entry("skill", NodeType::Skill, "customer service", "en"));
        let index = builder.build().unwrap_or_default();
        assert_eq!(first(&index, "customer service", None), "skill");
        assert_eq!(first(&index, "customer service clerk", None), "clerk");
    }

    #[test]
    fn the_query_language_ranks_an_equal_match_in_it_first() {
        let mut builder = SearchIndexBuilder::new();
        builder
            .add(entry("en", NodeType::Occupation, "barista", "en"))
            .add(entry("it", NodeType::Occupation, "baristi", "it"));
        let index = builder.build().unwrap_or_default();
        assert_eq!(first(&index, "barista", None), "en");
        assert_eq!(first(&index, "barista", Some("it")), "it");
        assert_eq!(first(&index, "barista", Some("en")), "en");
        // A language no label is in changes nothing.
        assert_eq!(first(&index, "barista", Some("fr")), "en");
    }

    #[test]
    fn a_title_that_starts_with_the_query_word_ranks_first() {
        let mut builder = SearchIndexBuilder::new();
        builder
            .add(entry(
                "b",
                NodeType::Occupation,
                "ingegneri idraulici",
                "it",
            ))
            .add(entry("a", NodeType::Occupation, "idraulici civili", "it"));
        let index = builder.build().unwrap_or_default();
        assert_eq!(first(&index, "idraulico", None), "a");
    }
}
