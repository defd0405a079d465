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
//! | two typos (words of 8+ letters) | `magazinere` → `magazziniere` | 0.72 |
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
    if let Some(tail) = inflection(query, word) {
        offer(if tail == 1 { 0.9 } else { 0.8 });
    }
    if is_derivation(query, word) {
        offer(0.7);
    }
    let budget = typo_budget(q);
    if budget > 0 && q.abs_diff(w) <= budget {
        match bounded_distance(query, word, budget) {
            Some(1) => offer(0.82),
            Some(2) => offer(0.72),
            _ => {}
        }
    }
    // Typing ahead with a typo: the query is one edit from the start of the word.
    if q >= 5 && w > q + 1 {
        let near = (q - 1..=q + 1).any(|len| bounded_distance(query, &word[..len], 1) == Some(1));
        if near {
            offer(0.6);
        }
    }
    best
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
/// `bound`, computed in a band so a far-apart pair costs little.
pub(crate) fn bounded_distance(a: &[char], b: &[char], bound: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > bound {
        return None;
    }
    let width = b.len() + 1;
    let big = bound + 1;
    // Three rows: the one before last is needed for swaps.
    let mut prev2 = vec![big; width];
    let mut prev: Vec<usize> = (0..width).map(|j| j.min(big)).collect();
    let mut cur = vec![big; width];
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
        assert_eq!(sim("carrelista", "carrellista"), Some(0.82));
        assert!(sim("forklif", "forklift").is_some_and(|s| s > 0.95));
        assert_eq!(sim("carrelis", "carrellista"), Some(0.7));
        assert_eq!(sim("frokli", "forklift"), Some(0.6));
        assert_eq!(sim("cane", "pane"), Some(0.82));
        assert_eq!(sim("re", "ra"), None);
        assert_eq!(sim("cuoco", "muratore"), None);
    }
}
