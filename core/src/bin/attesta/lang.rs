//! The language of the command line's human output: `attesta --lang LOCALE <command>` or
//! `ATTESTA_LANG`, set once at start.
//!
//! It changes what a person reads — finding messages, verdicts and counts, phase names, the
//! second language of printed documents — never what a program reads: JSON output is the same
//! report in every language, and error messages stay English with their stable `kind`. The
//! one exception is framework data: `search`, `search --lookup` and `gap` pick the frameworks'
//! labels for the language (ESCO has many, the repertoires are Italian) and their JSON says
//! the language of each label.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use attesta::l10n::Localizer;
use serde_json::Value;

static LANG: OnceLock<Localizer> = OnceLock::new();

/// Sets the language (the first call wins; `main` makes the only one).
pub(crate) fn set(localizer: Localizer) {
    let _ = LANG.set(localizer);
}

/// The language asked for, if any.
pub(crate) fn asked() -> Option<Localizer> {
    LANG.get().copied()
}

/// The language of human output: the asked one, else English.
pub(crate) fn current() -> Localizer {
    asked().unwrap_or(Localizer::ENGLISH)
}

/// A command-line word with no arguments.
pub(crate) fn word(key: &str) -> String {
    current().ui(key, &BTreeMap::new())
}

/// A command-line sentence with one count (`count-errors`, …), plural by CLDR rules.
pub(crate) fn count(key: &str, n: usize) -> String {
    current().ui(key, &BTreeMap::from([("count".to_owned(), Value::from(n))]))
}
