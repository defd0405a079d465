//! Text folding for search: the same key for "Carrellista", "CARRELLISTA" and "carrellistà".
//!
//! Folding lowercases, decomposes (Unicode NFD) and drops combining marks, so accents typed or
//! missing on an Italian keyboard never matter; every character that is not a letter or a digit
//! (apostrophes — straight or typographic —, hyphens, slashes, brackets) separates words, so
//! "dell'acqua" and "dell acqua" fold alike.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

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
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
        } else if !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
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
