//! Languages: message catalogues in Project Fluent, one explicit fallback chain per locale, and
//! texts that say which locale they came from.
//!
//! The catalogues live in `data/l10n/<locale>/<group>.ftl` and are compiled in, so rendering
//! works in the browser without file access. There are four groups ([`Group`]): finding
//! messages, document labels, procedure phases and outcomes, and the command line's words.
//! Italian and English are complete; the other locales ([`LOCALES`]) are complete for what the
//! person reads (labels, phases and outcomes) and may lack finding messages and command-line
//! words, which then fall back along [`fallback_chain`]. Plural and number rules come from
//! CLDR through `fluent-bundle`, never from code here.
//!
//! A localized text is never presented as if it were in the asked language when it is not:
//! [`Localized::locale`] is the locale that actually supplied it. Framework labels (ESCO's many
//! languages, the Italian repertoires) follow the same chains through [`pick_label`].
//!
//! ```
//! use attesta::l10n::{Group, Localizer};
//! let ti = Localizer::new("ti")?;
//! assert_eq!(ti.fallback_chain(), ["ti", "en", "it"]);
//! let label = ti.text(Group::Labels, "eqf_level", &Default::default()).unwrap();
//! assert_eq!(label.locale, "ti");
//! # Ok::<(), attesta::Error>(())
//! ```

mod catalogue;
mod check;
mod findings;
mod labels;

use std::collections::BTreeMap;

use serde_json::Value;

pub use self::catalogue::{fluent_id, key_of_id, keys, source};
pub use self::check::{check_catalogues, check_sources};
pub use self::findings::{english_findings_catalogue, LocalizedFinding, LocalizedReport};
pub use self::labels::{
    is_fallback, label_language, label_languages, pick_label, FrameworkLabel, FRAMEWORK_LANGUAGE,
};
use crate::error::{Error, Result};
use crate::procedure::Phase;

/// Every locale with a catalogue, as BCP 47 primary language subtags: Italian, English, French,
/// Arabic, Farsi, Dari, Tigrinya, Bengali, Urdu.
pub const LOCALES: &[&str] = &["it", "en", "fr", "ar", "fa", "prs", "ti", "bn", "ur"];

/// The locales written right to left.
pub const RTL_LOCALES: &[&str] = &["ar", "fa", "prs", "ur"];

/// A group of messages: one `.ftl` file per locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// Finding messages, keyed by finding code (`findings.ftl`).
    Findings,
    /// The fixed words of printed documents (`labels.ftl`).
    Labels,
    /// Procedure phases and outcomes (`procedure.ftl`).
    Procedure,
    /// The command line's own words (`ui.ftl`).
    Ui,
}

impl Group {
    /// Every group.
    pub const ALL: &'static [Group] =
        &[Group::Findings, Group::Labels, Group::Procedure, Group::Ui];

    /// The file name without `.ftl`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Group::Findings => "findings",
            Group::Labels => "labels",
            Group::Procedure => "procedure",
            Group::Ui => "ui",
        }
    }

    /// Whether every locale must have every key of this group (what the person reads); the
    /// other groups are complete only in Italian and English.
    pub const fn person_facing(self) -> bool {
        matches!(self, Group::Labels | Group::Procedure)
    }
}

/// The locales tried, in order, for `locale` (one of [`LOCALES`]); empty for another.
///
/// The one place the chains are decided: Dari falls back to Farsi (the same written language
/// in most official texts) before English; every other locale falls back to English, which
/// operators and most mediators read, and then to Italian, the language of the procedure;
/// Italian falls back to English and English to Italian, so a complete text always exists.
pub fn fallback_chain(locale: &str) -> &'static [&'static str] {
    match locale {
        "it" => &["it", "en"],
        "en" => &["en", "it"],
        "fr" => &["fr", "en", "it"],
        "ar" => &["ar", "en", "it"],
        "fa" => &["fa", "en", "it"],
        "prs" => &["prs", "fa", "en", "it"],
        "ti" => &["ti", "en", "it"],
        "bn" => &["bn", "en", "it"],
        "ur" => &["ur", "en", "it"],
        _ => &[],
    }
}

/// Whether `locale` is written right to left.
pub fn is_rtl(locale: &str) -> bool {
    RTL_LOCALES.contains(&locale)
}

/// The catalogue locale for a language tag: case-insensitive, region and script subtags
/// dropped (`ar-EG` → `ar`), except `fa-AF`, which is Dari (`prs`). `None` when Attesta has no
/// catalogue for the language.
pub fn resolve(tag: &str) -> Option<&'static str> {
    let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
    let mut parts = tag.split('-');
    let language = parts.next()?;
    if language == "fa" && parts.any(|p| p == "af") {
        return Some("prs");
    }
    LOCALES.iter().copied().find(|l| *l == language)
}

/// A text and the locale it actually came from (which differs from the asked one when the
/// asked catalogue lacks the key and a fallback supplied it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Localized {
    /// The text.
    pub text: String,
    /// The locale of the catalogue that supplied it.
    pub locale: &'static str,
}

/// Renders texts in one locale, following its fallback chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Localizer {
    locale: &'static str,
}

impl Localizer {
    /// English, the language of the code catalogue (always available).
    pub const ENGLISH: Localizer = Localizer { locale: "en" };

    /// A localizer for a language tag (see [`resolve`]).
    ///
    /// # Errors
    /// [`Error::InvalidOptions`] when Attesta has no catalogue for the language (the message
    /// lists the locales it has; the tag itself is echoed at most 16 characters).
    pub fn new(tag: &str) -> Result<Localizer> {
        resolve(tag)
            .map(|locale| Localizer { locale })
            .ok_or_else(|| {
                Error::InvalidOptions(format!(
                    "no catalogue for language '{}'; available: {}",
                    crate::text::truncate(&crate::text::escape_controls(tag), 16),
                    LOCALES.join(", ")
                ))
            })
    }

    /// The locale asked for.
    pub fn locale(&self) -> &'static str {
        self.locale
    }

    /// The locales tried, in order.
    pub fn fallback_chain(&self) -> &'static [&'static str] {
        fallback_chain(self.locale)
    }

    /// Whether the asked locale is written right to left.
    pub fn is_rtl(&self) -> bool {
        is_rtl(self.locale)
    }

    /// The message `key` of `group` (keys as in the code: `eqf_level`, `doc.certificato`,
    /// `experience.end_before_start`), its placeables filled from `args`, from the first locale
    /// of the chain that has it; `None` when no catalogue of the chain has the key.
    pub fn text(
        &self,
        group: Group,
        key: &str,
        args: &BTreeMap<String, Value>,
    ) -> Option<Localized> {
        self.fallback_chain().iter().find_map(|locale| {
            catalogue::format(locale, group, key, args).map(|text| Localized { text, locale })
        })
    }

    /// The name of a procedure phase or outcome (e.g. `valutazione`, `validated`).
    pub fn phase(&self, phase: Phase) -> Localized {
        self.text(
            Group::Procedure,
            &format!("phase.{}", phase.as_str()),
            &BTreeMap::new(),
        )
        .unwrap_or_else(|| Localized {
            text: phase.as_str().to_owned(),
            locale: "en",
        })
    }

    /// A command-line word or sentence (group [`Group::Ui`]); the key itself when no catalogue
    /// has it (the tests make sure Italian and English have every key).
    pub fn ui(&self, key: &str, args: &BTreeMap<String, Value>) -> String {
        self.text(Group::Ui, key, args)
            .map_or_else(|| key.to_owned(), |l| l.text)
    }
}
