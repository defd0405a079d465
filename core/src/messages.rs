//! Finding messages in other languages.
//!
//! A [`Finding`] carries an English `message` and a `context` map; the catalogues in
//! `data/messages/` (one JSON object `{code: template}` per language) re-render that message in
//! another language from the same context. `en.json` is generated from `codes.rs` (a test
//! fails when it drifts); the other languages are written by hand and must have an entry for
//! every code with exactly the same `{placeholders}`.
//!
//! The catalogues are compiled in, so rendering works in the browser without any file access.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use crate::codes::Code;
use crate::report::{render_template, Finding};

/// The languages with a catalogue, as ISO 639-1 codes.
const LANGUAGES: &[&str] = &["en", "it"];

/// The catalogue texts, in the order of [`LANGUAGES`].
const SOURCES: &[&str] = &[
    include_str!("../../data/messages/en.json"),
    include_str!("../../data/messages/it.json"),
];

type Catalogue = BTreeMap<String, String>;

/// The parsed catalogues. A catalogue that does not parse is empty (rendering then returns
/// `None`); this crate's tests make sure the shipped ones parse.
fn catalogues() -> &'static [Catalogue] {
    static CATALOGUES: OnceLock<Vec<Catalogue>> = OnceLock::new();
    CATALOGUES.get_or_init(|| {
        SOURCES
            .iter()
            .map(|text| serde_json::from_str(text).unwrap_or_default())
            .collect()
    })
}

/// The languages messages can be rendered in (ISO 639-1 codes: `"en"`, `"it"`).
pub fn languages() -> &'static [&'static str] {
    LANGUAGES
}

/// The template of `code` in `lang`, or `None` for an unknown language or a missing entry.
pub fn template(code: Code, lang: &str) -> Option<&'static str> {
    let index = LANGUAGES.iter().position(|l| *l == lang)?;
    catalogues()
        .get(index)?
        .get(code.as_str())
        .map(String::as_str)
}

/// The finding's message in `lang`, filled from its context; `None` for an unknown language.
///
/// ```
/// # use attesta::{Code, Finding, Path, messages};
/// let finding = Finding::new(Code::EvidenceNotLinked, Path::root().join("evidence").join(0), Default::default());
/// assert_eq!(messages::render(&finding, "en").as_deref(), Some(finding.message.as_str()));
/// assert!(messages::render(&finding, "it").unwrap().starts_with("L'evidenza"));
/// assert_eq!(messages::render(&finding, "xx"), None);
/// ```
pub fn render(finding: &Finding, lang: &str) -> Option<String> {
    template(finding.code, lang).map(|t| render_template(t, &finding.context))
}

/// The `{name}` placeholders of a template.
pub fn placeholders(template: &str) -> BTreeSet<&str> {
    let mut names = BTreeSet::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        names.insert(&after[..close]);
        rest = &after[close + 1..];
    }
    names
}

/// The English catalogue as generated from the code catalogue: `{code: template}`, sorted by
/// code, pretty-printed with a trailing newline (the committed `data/messages/en.json`).
pub fn english_catalogue() -> String {
    let entries: BTreeMap<&str, &str> = Code::ALL
        .iter()
        .map(|c| (c.as_str(), c.template()))
        .collect();
    let mut text = serde_json::to_string_pretty(&entries).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_parses() {
        for (lang, text) in LANGUAGES.iter().zip(SOURCES) {
            let parsed: Result<Catalogue, _> = serde_json::from_str(text);
            assert!(parsed.is_ok(), "data/messages/{lang}.json: {parsed:?}");
        }
    }

    #[test]
    fn every_code_has_a_message_with_the_same_placeholders_in_every_language() {
        let mut problems = Vec::new();
        for lang in LANGUAGES {
            for code in Code::ALL {
                let expected = placeholders(code.template());
                match template(*code, lang) {
                    None => problems.push(format!("{lang}: no entry for {code}")),
                    Some(t) if placeholders(t) != expected => problems.push(format!(
                        "{lang}: {code} has placeholders {:?}, the code has {expected:?}",
                        placeholders(t)
                    )),
                    Some(t) if t.trim().is_empty() => {
                        problems.push(format!("{lang}: {code} is empty"));
                    }
                    Some(_) => {}
                }
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn catalogues_hold_only_known_codes() {
        for (lang, catalogue) in LANGUAGES.iter().zip(catalogues()) {
            let unknown: Vec<&String> = catalogue
                .keys()
                .filter(|k| Code::from_slug(k).is_none())
                .collect();
            assert!(unknown.is_empty(), "{lang}: stale entries {unknown:?}");
        }
    }

    #[test]
    fn english_render_is_the_finding_message() {
        let finding = Finding::new(
            Code::EndBeforeStart,
            crate::Path::root(),
            [
                ("start".to_owned(), serde_json::json!("2021-09")),
                ("end".to_owned(), serde_json::json!("2016-03")),
            ]
            .into(),
        );
        assert_eq!(
            render(&finding, "en").as_deref(),
            Some(finding.message.as_str())
        );
        assert_eq!(
            render(&finding, "it").as_deref(),
            Some("Il periodo termina (2016-03) prima di iniziare (2021-09).")
        );
    }

    #[test]
    fn placeholders_are_found() {
        let names: Vec<&str> = placeholders("No {target} with id '{id}' {")
            .into_iter()
            .collect();
        assert_eq!(names, ["id", "target"]);
    }
}
