//! Word similarity: exact, prefix, inflection and typo matches, each with a fixed score.
//!
//! The scores are a ladder, not a learned model, so a ranking can be explained to an operator:
//!
//! | match | example (query → label word) | score |
//! |---|---|---|
//! | exact | `cuoco` → `cuoco` | 1.0 |
//! | prefix (typing ahead) | `forklif` → `forklift` | 0.85 + 0.15 × len(q)/len(w) |
//! | inflection: same stem, last letter differs | `saldatore` → `saldatori` | 0.9 |
//! | one typo (insert, delete, substitute, swap) | `carrelista` → `carrellista` | 0.82 |
//! | inflection: same stem, last two letters differ | `cuoco` → `cuochi` | 0.8 |
//! | typo and inflection: one typo once both final vowels are dropped (8+ letters) | `saldattore` → `saldatori` | 0.74 |
//! | two typos (words of 8+ letters) | `magazinere` → `magazziniere` | 0.72 |
//! | typo and inflection: two typos once both final vowels are dropped (9+ letters) | `pasticere` → `pasticcieri` | 0.65 |
//! | derivation: shared stem of 5+ letters, ≥ 70% of the shorter word (6+ letters) | `carrellista` → `carrelli` | 0.7 |
//! | prefix with one typo | `frokli` → `forklift` | 0.6 |

/// How close a query word is to a label word, in `0.0..=1.0`; `None` when not a candidate.
pub(crate) fn similarity(query: &[char], word: &[char]) -> Option<f32> {
    if query == word {
        return Some(1.0);
    }
    let (q, w) = (query.len(), word.len());
    let mut best: Option<f32> = None;
    let mut offer = |s: f32| best = Some(best.map_or(s, |b: f32| b.max(s)));
    if q >= 2 && w > q && word.starts_with(query) {
        #[allow(clippy::cast_precision_loss)] // word lengths are tiny
        offer(0.85 + 0.15 * q as f32 / w as f32);
    }
    // Inflections and derivations need a shared stem of 4+ letters: most candidates (found by
    // a shared trigram) fail here before either rule is examined.
    let common = common_prefix(query, word);
    if common >= 4 {
        if let Some(tail) = inflection(query, word) {
            offer(if tail == 1 { 0.9 } else { 0.8 });
        }
        if is_derivation(query, word) {
            offer(0.7);
        }
    }
    let budget = typo_budget(q);
    if budget > 0 && q.abs_diff(w) <= budget {
        match bounded_distance(query, word, budget) {
            Some(1) => offer(0.82),
            Some(2) => offer(0.72),
            _ => {}
        }
        // Italian nouns carry gender and number in their final vowel, and an operator who
        // misspells a word rarely types the plural of a title: compare the stems. Only for
        // long words: short stems one edit apart are often different words (`opera|io`,
        // `opera|no`).
        if let (true, Some(qs), Some(ws)) = (q >= 8, vowel_stem(query), vowel_stem(word)) {
            // The stem's own budget: two typos only in a stem of 8+ letters.
            match bounded_distance(qs, ws, typo_budget(qs.len())) {
                Some(1) => offer(0.74),
                Some(2) => offer(0.65),
                _ => {}
            }
        }
    }
    // Typing ahead with a typo: the query is one edit from the start of the word.
    if q >= 5 && w > q + 1 && one_edit_from_start(query, word) {
        offer(0.6);
    }
    best
}

/// Whether `query` is exactly one edit (substitution, adjacent swap, insertion, deletion)
/// from `word[..len]` for some `len` in `q - 1..=q + 1` (the caller ensures `word` is longer
/// than `q + 1`). Same answer as running [`bounded_distance`] with bound 1 on the three
/// prefixes, without the dynamic programme: the edit must sit at the first mismatch.
fn one_edit_from_start(query: &[char], word: &[char]) -> bool {
    let q = query.len();
    let p = common_prefix(query, word);
    if p >= q {
        // `word` starts with `query`: one letter more (or less) is one edit away.
        return true;
    }
    let substitution = query[p + 1..] == word[p + 1..q];
    let swap = p + 1 < q
        && query[p] == word[p + 1]
        && query[p + 1] == word[p]
        && query[p + 2..] == word[p + 2..q];
    let extra_in_query = query[p + 1..] == word[p..q - 1];
    let extra_in_word = query[p..] == word[p + 1..=q];
    substitution || swap || extra_in_query || extra_in_word
}

/// How many typos a query word of `len` letters may carry: none below 4 letters (too many
/// short words are one edit apart), one up to 7, two from 8.
pub(crate) fn typo_budget(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// `word` without its final vowel when it ends in one and keeps at least 4 letters (the
/// Italian gender and number ending: `pasticcier|i`, `saldator|e`); `None` otherwise.
fn vowel_stem(word: &[char]) -> Option<&[char]> {
    match word {
        [stem @ .., 'a' | 'e' | 'i' | 'o'] if stem.len() >= 4 => Some(stem),
        _ => None,
    }
}

/// Italian and English inflection without a stemmer: both words share a stem of at least 4
/// letters and differ only in their last one or two letters (`cuoco`/`cuochi`,
/// `saldatore`/`saldatori`, `operator`/`operators`). Returns how many letters differ at most.
/// Two extra letters on one side only are not an inflection (`magazinere` is not `magazine`).
fn inflection(a: &[char], b: &[char]) -> Option<usize> {
    let common = common_prefix(a, b);
    let (ta, tb) = (a.len() - common, b.len() - common);
    let tail = ta.max(tb);
    (common >= 4 && (tail <= 1 || (tail == 2 && ta > 0 && tb > 0))).then_some(tail)
}

/// Italian agent nouns and their roots share a long stem with different suffixes
/// (`carrellista`/`carrelli`, `magazziniere`/`magazzini`, `trattorista`/`trattori`): a common
/// prefix of 5+ letters covering at least 70% of the shorter word.
fn is_derivation(a: &[char], b: &[char]) -> bool {
    let common = common_prefix(a, b);
    let shorter = a.len().min(b.len());
    common >= 5 && shorter >= 6 && common * 10 >= shorter * 7
}

fn common_prefix(a: &[char], b: &[char]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// Optimal-string-alignment distance (Levenshtein plus adjacent swaps) when it is at most
/// `bound`, computed in a band so a far-apart pair costs little. Words up to
/// [`STACK_WORD`] letters (all but freak ones) use rows on the stack: this runs for thousands
/// of candidate words per query, and a heap allocation each time cost more than the distance.
pub(crate) fn bounded_distance(a: &[char], b: &[char], bound: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > bound || letter_gap(a, b) > 2 * bound {
        return None;
    }
    let width = b.len() + 1;
    if width <= STACK_WORD {
        let mut rows = [[0_usize; STACK_WORD]; 3];
        let [prev2, prev, cur] = &mut rows;
        banded(
            a,
            b,
            bound,
            &mut prev2[..width],
            &mut prev[..width],
            &mut cur[..width],
        )
    } else {
        let (mut prev2, mut prev, mut cur) = (vec![0; width], vec![0; width], vec![0; width]);
        banded(a, b, bound, &mut prev2, &mut prev, &mut cur)
    }
}

/// A cheap lower bound on twice the edit distance: the L1 gap between the letter counts of
/// `a` and `b` (a substitution changes it by at most 2, an insertion or deletion by 1, a swap
/// by 0). Letters share 32 buckets; merging buckets only lowers the gap, so it stays a bound.
/// Most words sharing a trigram with a query word fail it, before any dynamic programme.
fn letter_gap(a: &[char], b: &[char]) -> usize {
    let mut counts = [0_i16; 32];
    for &c in a {
        counts[(c as usize) & 31] += 1;
    }
    for &c in b {
        counts[(c as usize) & 31] -= 1;
    }
    counts.iter().map(|n| n.unsigned_abs() as usize).sum()
}

/// Longest word (plus one) whose distance rows fit on the stack.
const STACK_WORD: usize = 48;

/// The banded distance over three caller-provided rows of `b.len() + 1` cells.
fn banded<'r>(
    a: &[char],
    b: &[char],
    bound: usize,
    mut prev2: &'r mut [usize],
    mut prev: &'r mut [usize],
    mut cur: &'r mut [usize],
) -> Option<usize> {
    let big = bound + 1;
    // Three rows: the one before last is needed for swaps.
    prev2.fill(big);
    for (j, cell) in prev.iter_mut().enumerate() {
        *cell = j.min(big);
    }
    for i in 1..=a.len() {
        cur.fill(big);
        cur[0] = i.min(big);
        let lo = i.saturating_sub(bound).max(1);
        let hi = (i + bound).min(b.len());
        let mut row_min = cur[0];
        for j in lo..=hi {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j - 1] + cost).min(prev[j] + 1).min(cur[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d.min(big);
            row_min = row_min.min(cur[j]);
        }
        if row_min > bound {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= bound).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn sim(q: &str, w: &str) -> Option<f32> {
        similarity(&chars(q), &chars(w))
    }

    #[test]
    fn distances() {
        let d = |a: &str, b: &str, k| bounded_distance(&chars(a), &chars(b), k);
        assert_eq!(d("carrelista", "carrellista", 2), Some(1));
        assert_eq!(d("forklfit", "forklift", 2), Some(1));
        assert_eq!(d("magazinere", "magazziniere", 2), Some(2));
        assert_eq!(d("cuoco", "muratore", 2), None);
        assert_eq!(d("", "ab", 2), Some(2));
        assert_eq!(d("abc", "abc", 0), Some(0));
    }

    #[test]
    fn one_edit_from_start_agrees_with_the_distance() {
        let words = [
            "forklift",
            "frokliftt",
            "forlkift",
            "forkift",
            "foorklift",
            "carrellista",
            "carrelista",
            "cuoco",
            "magazziniere",
            "magazinere",
            "aaaaaaa",
            "aabaaaaa",
            "abababab",
            "babababa",
            "operator",
            "opreator",
            "oeprator",
        ];
        for q in words {
            for w in words {
                let (q, w) = (chars(q), chars(w));
                if q.len() >= 5 && w.len() > q.len() + 1 {
                    let slow = (q.len() - 1..=q.len() + 1)
                        .any(|len| bounded_distance(&q, &w[..len], 1) == Some(1));
                    assert_eq!(one_edit_from_start(&q, &w), slow, "{q:?} {w:?}");
                }
            }
        }
    }

    #[test]
    fn similarity_ladder() {
        assert_eq!(sim("cuoco", "cuoco"), Some(1.0));
        assert_eq!(sim("cuoco", "cuochi"), Some(0.8));
        assert_eq!(sim("saldatore", "saldatori"), Some(0.9));
        assert_eq!(sim("carrellista", "carrelli"), Some(0.7));
        assert_eq!(sim("electrican", "electrician"), Some(0.82));
        assert_eq!(sim("electrican", "electrics"), Some(0.8));
        assert_eq!(sim("magazinere", "magazziniere"), Some(0.72));
        assert_eq!(sim("magazinere", "magazine"), Some(0.72));
        assert_eq!(sim("pasticere", "pasti"), None);
        // A typo in another gender or number of the word.
        assert_eq!(sim("pasticere", "pasticcieri"), Some(0.65));
        assert_eq!(sim("saldattore", "saldatori"), Some(0.74));
        assert_eq!(sim("agricolo", "avicoli"), None);
        // Different words sharing a stem stay apart.
        assert_eq!(sim("riparazione", "riparatori"), None);
        assert_eq!(sim("carrelista", "carrellista"), Some(0.82));
        assert!(sim("forklif", "forklift").is_some_and(|s| s > 0.95));
        assert_eq!(sim("carrelis", "carrellista"), Some(0.7));
        assert_eq!(sim("frokli", "forklift"), Some(0.6));
        assert_eq!(sim("cane", "pane"), Some(0.82));
        assert_eq!(sim("re", "ra"), None);
        assert_eq!(sim("cuoco", "muratore"), None);
    }
}
