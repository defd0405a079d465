//! Label catalogues: the fixed words of a printed document. The built-in ones come from the
//! Fluent catalogues (`data/l10n/<locale>/labels.ftl`, see [`crate::l10n`]), each label with
//! the locale that actually supplied it after the fallback chain; a catalogue Attesta does not
//! bundle can still be given as JSON ([`Labels::from_json`]).
//!
//! Italian is the reference catalogue: another catalogue must have every one of its keys.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::error::{Error, Result};
use crate::l10n::{self, Group, Localizer, LOCALES};

/// The languages with a built-in catalogue (every locale of [`crate::l10n::LOCALES`]).
pub const BUILTIN_LANGUAGES: &[&str] = LOCALES;

/// One label and the locale of the catalogue it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Label {
    text: String,
    locale: String,
}

/// The labels of one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    language: String,
    entries: BTreeMap<String, Label>,
}

impl Labels {
    /// The built-in catalogue for a language tag (`it`, `en`, `ar`, `ti`, `fa-AF`, …; see
    /// [`crate::l10n::resolve`]), or `None`. A label the locale lacks comes from its fallback
    /// chain and says so ([`Labels::locale_of`]).
    pub fn builtin(language: &str) -> Option<&'static Labels> {
        #[allow(clippy::declare_interior_mutable_const)] // only used to initialise the array
        const EMPTY: OnceLock<Labels> = OnceLock::new();
        static ALL: [OnceLock<Labels>; LOCALES.len()] = [EMPTY; LOCALES.len()];
        let localizer = Localizer::new(language).ok()?;
        let index = LOCALES.iter().position(|l| *l == localizer.locale())?;
        Some(ALL[index].get_or_init(|| {
            let no_args = BTreeMap::new();
            let entries = l10n::keys("it", Group::Labels)
                .into_iter()
                .filter_map(|key| {
                    let found = localizer.text(Group::Labels, &key, &no_args)?;
                    let label = Label {
                        text: found.text,
                        locale: found.locale.to_owned(),
                    };
                    Some((key, label))
                })
                .collect();
            Labels {
                language: localizer.locale().to_owned(),
                entries,
            }
        }))
    }

    /// The Italian catalogue, the one every document is printed in.
    ///
    /// # Panics
    /// Never in a released build: the bundled file is checked by this crate's tests.
    pub fn italian() -> &'static Labels {
        Labels::builtin("it").expect("the bundled Italian catalogue is valid")
    }

    /// A catalogue from JSON text: an object of strings with at least every key of the Italian
    /// catalogue, and `_language` set to the language code.
    ///
    /// # Errors
    /// [`Error::InvalidOptions`] when the text is not such an object or lacks keys.
    pub fn from_json(text: &str) -> Result<Labels> {
        let labels = parse(text)?;
        let missing: Vec<&str> = Labels::italian()
            .entries
            .keys()
            .filter(|k| !labels.entries.contains_key(*k))
            .map(String::as_str)
            .collect();
        if missing.is_empty() {
            Ok(labels)
        } else {
            Err(Error::InvalidOptions(format!(
                "label catalogue '{}' lacks {} keys, e.g. {}",
                labels.language,
                missing.len(),
                missing
                    .iter()
                    .take(5)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", ")
            )))
        }
    }

    /// The language code asked for.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// The label for `key`; the key itself when the catalogue lacks it (a built-in catalogue
    /// never does, see the tests).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.entries.get(key).map_or(key, |l| l.text.as_str())
    }

    /// The locale the label for `key` is in: the catalogue's own language, or the fallback
    /// that supplied it.
    pub fn locale_of<'a>(&'a self, key: &str) -> &'a str {
        self.entries
            .get(key)
            .map_or(self.language.as_str(), |l| l.locale.as_str())
    }

    /// Every key, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }
}

fn parse(text: &str) -> Result<Labels> {
    let entries: BTreeMap<String, String> = serde_json::from_str(text).map_err(|_| {
        Error::InvalidOptions("a label catalogue is a JSON object of strings".to_owned())
    })?;
    let language = entries
        .get("_language")
        .filter(|l| crate::formats::is_language_code(l))
        .cloned()
        .ok_or_else(|| {
            Error::InvalidOptions(
                "a label catalogue needs '_language' set to an ISO 639-1 code".to_owned(),
            )
        })?;
    let entries = entries
        .into_iter()
        .map(|(key, text)| {
            let label = Label {
                text,
                locale: language.clone(),
            };
            (key, label)
        })
        .collect();
    Ok(Labels { language, entries })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_catalogues_load_and_have_the_same_keys() {
        let it = Labels::italian();
        assert!(it.keys().count() > 100);
        for language in BUILTIN_LANGUAGES {
            let labels = Labels::builtin(language).expect(language);
            assert_eq!(labels.language(), *language);
            assert!(
                it.keys().eq(labels.keys()),
                "{language} keys differ from it"
            );
            assert!(labels.entries.values().all(|v| !v.text.trim().is_empty()));
            // Labels are person-facing: every locale has all of them itself.
            assert!(labels.keys().all(|k| labels.locale_of(k) == *language));
        }
        assert_eq!(it.get("eqf_level"), "Livello EQF");
        assert_eq!(Labels::builtin("fa-AF").map(Labels::language), Some("prs"));
        assert!(Labels::builtin("xx").is_none());
    }

    #[test]
    fn custom_catalogues_must_be_complete() {
        let mut en: BTreeMap<String, String> = Labels::builtin("en")
            .expect("en")
            .entries
            .iter()
            .map(|(k, l)| (k.clone(), l.text.clone()))
            .collect();
        en.insert("_language".to_owned(), "sw".to_owned());
        let custom =
            Labels::from_json(&serde_json::to_string(&en).expect("json")).expect("complete");
        assert_eq!(custom.locale_of("eqf_level"), "sw");
        let err =
            Labels::from_json(r#"{"_language": "fr", "eqf_level": "Niveau CEC"}"#).unwrap_err();
        assert_eq!(err.kind().as_str(), "invalid_options");
        assert!(Labels::from_json(r#"{"eqf_level": "x"}"#).is_err());
        assert!(Labels::from_json("[]").is_err());
    }
}
