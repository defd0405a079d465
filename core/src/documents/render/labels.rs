//! Label catalogues: the fixed words of a printed document, one JSON file per language under
//! `data/documents/labels.<lang>.json`, so a language is added as data, not code.
//!
//! Italian is the reference catalogue: another catalogue must have every one of its keys.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::error::{Error, Result};

const IT: &str = include_str!("../../../../data/documents/labels.it.json");
const EN: &str = include_str!("../../../../data/documents/labels.en.json");

/// The languages with a built-in catalogue.
pub const BUILTIN_LANGUAGES: &[&str] = &["it", "en"];

/// The labels of one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    language: String,
    entries: BTreeMap<String, String>,
}

impl Labels {
    /// The built-in catalogue for `language` (`it`, `en`), or `None`.
    pub fn builtin(language: &str) -> Option<&'static Labels> {
        static ALL: OnceLock<Vec<Labels>> = OnceLock::new();
        ALL.get_or_init(|| {
            [IT, EN]
                .iter()
                .filter_map(|text| parse(text).ok())
                .collect()
        })
        .iter()
        .find(|l| l.language == language)
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

    /// The language code (`_language`).
    pub fn language(&self) -> &str {
        &self.language
    }

    /// The label for `key`; the key itself when the catalogue lacks it (a built-in catalogue
    /// never does, see the tests).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.entries.get(key).map_or(key, String::as_str)
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
    Ok(Labels { language, entries })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_catalogues_load_and_have_the_same_keys() {
        let it = Labels::italian();
        for language in BUILTIN_LANGUAGES {
            let labels = Labels::builtin(language).expect(language);
            assert_eq!(labels.language(), *language);
            assert!(
                it.keys().eq(labels.keys()),
                "{language} keys differ from it"
            );
            assert!(labels.entries.values().all(|v| !v.trim().is_empty()));
        }
        assert_eq!(it.get("eqf_level"), "Livello EQF");
    }

    #[test]
    fn custom_catalogues_must_be_complete() {
        assert!(Labels::from_json(EN).is_ok());
        let err =
            Labels::from_json(r#"{"_language": "fr", "eqf_level": "Niveau CEC"}"#).unwrap_err();
        assert_eq!(err.kind().as_str(), "invalid_options");
        assert!(Labels::from_json(r#"{"eqf_level": "x"}"#).is_err());
        assert!(Labels::from_json("[]").is_err());
    }
}
