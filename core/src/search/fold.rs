//! Text folding for search: the same key for "Carrellista", "CARRELLISTA" and "carrellistà".
//!
//! Folding lowercases, decomposes (Unicode NFD) and drops combining marks, so accents typed or
//! missing on an Italian keyboard never matter; every character that is not a letter or a digit
//! (apostrophes — straight or typographic —, hyphens, slashes, brackets) separates words, so
//! "dell'acqua" and "dell acqua" fold alike.
//!
//! The decomposition does not link a Unicode normalization library: dropping the marks leaves
//! of a canonical decomposition only its base, so two generated tables suffice (the characters
//! that are marks, and each decomposable character's base; Hangul syllables decompose by
//! arithmetic). That keeps search inside the WebAssembly size budget. `core/tests/fold_equivalence.rs`
//! generates the tables from `unicode-normalization` (a dev-dependency) and proves the folding
//! identical to NFD-then-drop-marks for every Unicode scalar value.

use super::fold_table::{BASES, EXPANSIONS, MARKS};

/// Italian and English function words. They carry no meaning for a label match, and dropping
/// them keeps "addetto alla cucina" from ranking labels by how many "alla" they contain.
const STOP_WORDS: &[&str] = &[
    "a", "ad", "agli", "ai", "al", "alla", "alle", "allo", "an", "and", "as", "at", "by", "che",
    "con", "d", "da", "dal", "dalla", "dalle", "degli", "dei", "del", "della", "delle", "dello",
    "di", "e", "ed", "for", "from", "gli", "i", "il", "in", "into", "l", "la", "le", "lo", "nei",
    "nel", "nella", "nelle", "o", "of", "on", "or", "per", "su", "sul", "sulla", "the", "to",
    "tra", "un", "una", "uno", "with",
];

/// Folds `text` to lowercase words without diacritics, in order, stop words included.
pub(crate) fn fold_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        decompose(c, |c| {
            if c.is_alphanumeric() {
                current.extend(c.to_lowercase());
            } else if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
        });
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// The folded words of `text` that carry meaning. When every word is a stop word (a query such
/// as "a"), the stop words are kept, so such a query still matches something.
pub(crate) fn content_words(text: &str) -> Vec<String> {
    let words = fold_words(text);
    let content: Vec<String> = words.iter().filter(|w| !is_stop_word(w)).cloned().collect();
    if content.is_empty() {
        words
    } else {
        content
    }
}

/// Folds `text` to one string: its folded words joined by single spaces.
pub fn fold(text: &str) -> String {
    fold_words(text).join(" ")
}

/// Passes to `emit` what is left of `c` after canonical decomposition without combining marks:
/// nothing for a mark, the jamo of a Hangul syllable, the letters of one of the few characters
/// that decompose into several, else one character (`c` itself when it does not decompose).
fn decompose(c: char, mut emit: impl FnMut(char)) {
    // Below U+00C0 nothing decomposes and nothing is a mark: the common case costs no lookup.
    if c < '\u{c0}' {
        return emit(c);
    }
    if is_mark(c) {
        return;
    }
    if let Some(jamo) = hangul_jamo(c) {
        return jamo.into_iter().flatten().for_each(emit);
    }
    if let Ok(i) = BASES.binary_search_by_key(&c, |&(from, _)| from) {
        return emit(BASES[i].1);
    }
    match EXPANSIONS.binary_search_by_key(&c, |&(from, _)| from) {
        Ok(i) => EXPANSIONS[i].1.iter().copied().for_each(emit),
        Err(_) => emit(c),
    }
}

/// Whether `c` has the Unicode `General_Category` Mark (Mn, Mc, Me).
fn is_mark(c: char) -> bool {
    // The last range starting at or before `c`, then whether it reaches `c`.
    let after = MARKS.partition_point(|&(start, _)| start <= c);
    after > 0 && c <= MARKS[after - 1].1
}

/// The canonical decomposition of a precomposed Hangul syllable (Unicode 3.12): leading
/// consonant, vowel and, when present, trailing consonant; `None` for any other character.
fn hangul_jamo(c: char) -> Option<[Option<char>; 3]> {
    const S_BASE: u32 = 0xAC00;
    const L_BASE: u32 = 0x1100;
    const V_BASE: u32 = 0x1161;
    const T_BASE: u32 = 0x11A7;
    const V_COUNT: u32 = 21;
    const T_COUNT: u32 = 28;
    const S_COUNT: u32 = 19 * V_COUNT * T_COUNT;
    let index = u32::from(c).checked_sub(S_BASE).filter(|&i| i < S_COUNT)?;
    let leading = char::from_u32(L_BASE + index / (V_COUNT * T_COUNT));
    let vowel = char::from_u32(V_BASE + index % (V_COUNT * T_COUNT) / T_COUNT);
    let trailing = match index % T_COUNT {
        0 => None,
        t => char::from_u32(T_BASE + t),
    };
    Some([leading, vowel, trailing])
}

fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn tables_are_sorted_for_binary_search() {
        assert!(MARKS.iter().all(|&(start, end)| start <= end));
        assert!(MARKS.windows(2).all(|w| w[0].1 < w[1].0));
        assert!(BASES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(EXPANSIONS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn decomposes_hangul_and_latin() {
        assert_eq!(
            fold("한국어"),
            "\u{1112}\u{1161}\u{11ab}\u{1100}\u{116e}\u{11a8}\u{110b}\u{1165}"
        );
        assert_eq!(
            fold("ȘTEFĂNESCU Łódź Ørsted Ångström"),
            "stefanescu łodz ørsted angstrom"
        );
        assert_eq!(fold("e\u{301}te\u{301}"), "ete");
    }

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(
            fold("Predisposizione di menu' semplici"),
            "predisposizione di menu semplici"
        );
        assert_eq!(fold("PIZZAIOLO/Pizzaiola"), "pizzaiolo pizzaiola");
        assert_eq!(fold("attività  dell’acqua"), "attivita dell acqua");
        assert_eq!(fold("Straße Œuvre ÇA"), "straße œuvre ca");
        assert_eq!(content_words("addetto alla cucina"), ["addetto", "cucina"]);
        assert_eq!(content_words("a"), ["a"]);
        assert!(content_words(" -- ").is_empty());
    }
}
