//! Framework labels in a requested locale: which of the languages a framework holds supplies a
//! node's label, and whether that is a fallback.
//!
//! Frameworks carry their own labels, not Attesta's catalogues: ESCO in the languages of the
//! bundle loaded (the shared data holds English only), the regional repertoires (RRFP), the
//! Atlante del Lavoro, CP2021 and the built-in sample in Italian only ([`FRAMEWORK_LANGUAGE`]).
//! A label asked in a language the framework lacks is never passed off as being in it: the
//! language is tried first, then the rest of its [`fallback_chain`], then the framework's own
//! first language, and the label found says which language it is in.
//!
//! ```
//! use attesta::l10n::{label_languages, pick_label};
//! // An ESCO bundle with English and Italian labels, asked in Tigrinya: English, the chain's
//! // next language, supplies the label.
//! assert_eq!(label_languages(Some("ti"), &["en", "it"]), ["en", "it"]);
//! let label = pick_label(Some("ti"), &["en", "it"], |lang| match lang {
//!     "en" => Some("cook"),
//!     _ => Some("cuoco"),
//! });
//! let label = label.unwrap();
//! assert_eq!((label.text, label.lang, label.fallback), ("cook", "en", true));
//! // A regional repertoire is Italian only: asked in Arabic, the Italian title.
//! let title = pick_label(Some("ar"), &["it"], |_| Some("Cuoco")).unwrap();
//! assert_eq!((title.lang, title.fallback), ("it", true));
//! ```

use super::fallback_chain;

/// The language of the titles of the regional repertoires (RRFP), the Atlante del Lavoro,
/// CP2021 and the built-in frameworks: they are published in Italian only.
pub const FRAMEWORK_LANGUAGE: &str = "it";

/// A framework label and the language it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameworkLabel<'a> {
    /// The label, as published.
    pub text: &'a str,
    /// The language of the label (one of the framework's languages).
    pub lang: &'a str,
    /// Whether a locale was requested and the label is in another language.
    pub fallback: bool,
}

/// The language a requested locale asks of a framework's labels: the tag's primary subtag in
/// lower case (`it-CH` → `it`, `de-AT` → `de`), except `fa-AF`, which is Dari (`prs`), as in
/// [`super::resolve`]; a framework holding a language Attesta has no catalogue for (ESCO in
/// German) still answers in it.
pub fn label_language(requested: &str) -> String {
    // `resolve` without its allocations (the WebAssembly module's size budget is tight).
    let mut parts = requested.trim().split(['-', '_']);
    let primary = parts.next().unwrap_or_default().to_ascii_lowercase();
    if primary == "fa" && parts.any(|p| p.eq_ignore_ascii_case("af")) {
        return "prs".to_owned();
    }
    primary
}

/// The languages to try, in order, for a label requested in `requested` from a framework that
/// holds labels in `languages` (its own language first): the requested language, the rest of
/// its [`fallback_chain`], then the framework's first language; only languages in
/// `languages`, each once. Without a request: the framework's first language.
pub fn label_languages<'a>(requested: Option<&str>, languages: &[&'a str]) -> Vec<&'a str> {
    let mut order: Vec<&'a str> = Vec::with_capacity(languages.len().min(8));
    let mut push = |wanted: &str| {
        if let Some(&found) = languages.iter().find(|l| **l == wanted) {
            if !order.contains(&found) {
                order.push(found);
            }
        }
    };
    if let Some(requested) = requested {
        let language = label_language(requested);
        push(&language);
        for locale in fallback_chain(&language) {
            push(locale);
        }
    }
    if let Some(first) = languages.first() {
        push(first);
    }
    order
}

/// The label of a node for `requested` (`None`: the framework's own language): the first of
/// [`label_languages`] for which `label_in` gives a non-empty text, with its language and
/// whether it is a fallback. `None` when no language of the order has a label.
pub fn pick_label<'a, 't>(
    requested: Option<&str>,
    languages: &[&'a str],
    mut label_in: impl FnMut(&'a str) -> Option<&'t str>,
) -> Option<FrameworkLabel<'t>>
where
    'a: 't,
{
    pick(requested, languages, &mut label_in)
}

/// [`pick_label`] with the closure behind a reference: one copy of the code for every caller.
fn pick<'a, 't>(
    requested: Option<&str>,
    languages: &[&'a str],
    label_in: &mut dyn FnMut(&'a str) -> Option<&'t str>,
) -> Option<FrameworkLabel<'t>>
where
    'a: 't,
{
    let wanted = requested.map(label_language);
    label_languages(requested, languages)
        .into_iter()
        .find_map(|lang| {
            label_in(lang)
                .filter(|text| !text.trim().is_empty())
                .map(|text| FrameworkLabel {
                    text,
                    lang,
                    fallback: wanted.as_deref().is_some_and(|w| w != lang),
                })
        })
}

/// Whether a label in `lang` is a fallback for `requested` (`false` when nothing was
/// requested): for titles whose language is fixed, such as the Italian repertoires'.
pub fn is_fallback(requested: Option<&str>, lang: &str) -> bool {
    requested.is_some_and(|r| label_language(r) != lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_follows_the_chain_then_the_framework_language() {
        let esco = ["en", "it", "fr", "ar"];
        assert_eq!(label_languages(Some("ar"), &esco), ["ar", "en", "it"]);
        assert_eq!(label_languages(Some("prs"), &["fa", "en"]), ["fa", "en"]);
        assert_eq!(label_languages(Some("fa-AF"), &["en", "fa"]), ["fa", "en"]);
        // A language without a catalogue, held by the framework, is used as is.
        assert_eq!(label_languages(Some("de-AT"), &["en", "de"]), ["de", "en"]);
        // A language neither Attesta nor the framework knows: the framework's own.
        assert_eq!(label_languages(Some("sw"), &esco), ["en"]);
        assert_eq!(label_languages(None, &esco), ["en"]);
        assert_eq!(label_languages(Some("it"), &[]), Vec::<&str>::new());
    }

    #[test]
    fn an_empty_label_falls_back_and_says_so() {
        let pick = pick_label(Some("it"), &["en", "it"], |l| (l == "en").then_some("cook"));
        assert_eq!(
            pick,
            Some(FrameworkLabel {
                text: "cook",
                lang: "en",
                fallback: true
            })
        );
        let blank = pick_label(Some("it"), &["en", "it"], |l| {
            Some(if l == "it" { " " } else { "cook" })
        });
        assert_eq!(blank.map(|l| l.lang), Some("en"));
        let asked = pick_label(Some("IT"), &["en", "it"], |_| Some("cuoco"));
        assert_eq!(asked.map(|l| (l.lang, l.fallback)), Some(("it", false)));
        assert!(pick_label(None, &["en"], |_| None).is_none());
        assert!(is_fallback(Some("en"), FRAMEWORK_LANGUAGE));
        assert!(!is_fallback(Some("it-IT"), FRAMEWORK_LANGUAGE));
        assert!(!is_fallback(None, FRAMEWORK_LANGUAGE));
    }
}
