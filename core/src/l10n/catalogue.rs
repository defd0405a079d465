//! The compiled-in `.ftl` sources and their Fluent bundles, built once per locale on first use.
//!
//! Fluent identifiers cannot contain dots, so a key such as `experience.end_before_start` is
//! written `experience-end_before_start` in the files ([`fluent_id`]); keys never contain `-`,
//! so the mapping is reversible ([`key_of_id`]).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde_json::Value;

use super::{Group, LOCALES};

macro_rules! sources {
    ($( $locale:literal : [$($group:ident),*] ),* $(,)?) => {
        /// The `.ftl` text of `group` in `locale`, or `None` when that locale has no such file.
        pub fn source(locale: &str, group: Group) -> Option<&'static str> {
            match (locale, group) {
                $($( ($locale, Group::$group) => Some(include_str!(concat!(
                    "../../../data/l10n/", $locale, "/", sources!(@file $group), ".ftl"
                ))), )*)*
                _ => None,
            }
        }
    };
    (@file Findings) => { "findings" };
    (@file Labels) => { "labels" };
    (@file Procedure) => { "procedure" };
    (@file Ui) => { "ui" };
}

sources! {
    "it": [Findings, Labels, Procedure, Ui],
    "en": [Findings, Labels, Procedure, Ui],
    "fr": [Findings, Labels, Procedure, Ui],
    "ar": [Findings, Labels, Procedure, Ui],
    "fa": [Labels, Procedure],
    "prs": [Labels, Procedure],
    "ti": [Labels, Procedure],
    "bn": [Labels, Procedure],
    "ur": [Labels, Procedure],
}

/// The Fluent identifier of a key: `.` written as `-`.
pub fn fluent_id(key: &str) -> String {
    key.replace('.', "-")
}

/// The key of a Fluent identifier (the inverse of [`fluent_id`]).
pub fn key_of_id(id: &str) -> String {
    id.replace('-', ".")
}

/// The keys of `group` in `locale`'s catalogue, sorted (empty when it has none).
pub fn keys(locale: &str, group: Group) -> Vec<String> {
    let Some(text) = source(locale, group) else {
        return Vec::new();
    };
    let resource = match FluentResource::try_new(text.to_owned()) {
        Ok(r) | Err((r, _)) => r,
    };
    let mut keys: Vec<String> = resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(key_of_id(m.id.name)),
            _ => None,
        })
        .collect();
    keys.sort();
    keys
}

type Bundle = FluentBundle<FluentResource>;

/// The bundles of one locale, one per group (`None`: no file).
type LocaleBundles = Vec<Option<Bundle>>;

fn bundles(locale: &str) -> Option<&'static LocaleBundles> {
    #[allow(clippy::declare_interior_mutable_const)] // only used to initialise the array
    const EMPTY: OnceLock<LocaleBundles> = OnceLock::new();
    static ALL: [OnceLock<LocaleBundles>; LOCALES.len()] = [EMPTY; LOCALES.len()];
    let index = LOCALES.iter().position(|l| *l == locale)?;
    Some(ALL[index].get_or_init(|| {
        Group::ALL
            .iter()
            .map(|group| source(locale, *group).map(|text| bundle(locale, text)))
            .collect()
    }))
}

fn bundle(locale: &str, text: &str) -> Bundle {
    // A file with a syntax error keeps the messages that parsed; `check_catalogues` (and so the
    // tests) reports the error, so a shipped file has none.
    let resource = match FluentResource::try_new(text.to_owned()) {
        Ok(r) | Err((r, _)) => r,
    };
    let langid = locale
        .parse()
        .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Unicode isolation marks keep an identifier inside right-to-left text in its own
    // direction; in left-to-right text they would only add invisible characters (and the
    // English message must equal the finding's `message` byte for byte).
    bundle.set_use_isolating(super::is_rtl(locale));
    // Duplicate ids are reported by `check_catalogues`; the first one wins here.
    let _ = bundle.add_resource(resource);
    bundle
}

/// The message `key` of `group` in exactly `locale` (no fallback), formatted with `args`.
pub(super) fn format(
    locale: &str,
    group: Group,
    key: &str,
    args: &BTreeMap<String, Value>,
) -> Option<String> {
    let bundle = bundles(locale)?.get(group as usize)?.as_ref()?;
    let message = bundle.get_message(&fluent_id(key))?;
    let pattern = message.value()?;
    let args = fluent_args(args);
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, Some(&args), &mut errors)
            .into_owned(),
    )
}

/// Fluent arguments from a finding's context: numbers stay numbers (so plural selectors apply
/// CLDR rules to them), lists are joined as in the English template.
fn fluent_args(context: &BTreeMap<String, Value>) -> FluentArgs<'_> {
    let mut args = FluentArgs::with_capacity(context.len());
    for (name, value) in context {
        let value: FluentValue<'_> = match value {
            Value::String(s) => FluentValue::from(s.as_str()),
            Value::Number(n) if n.is_i64() || n.is_u64() => {
                // Whole numbers as whole numbers: `5`, never `5.0`.
                n.as_f64()
                    .map_or_else(|| FluentValue::from(n.to_string()), FluentValue::from)
            }
            Value::Number(n) => FluentValue::from(n.to_string()),
            other => {
                let mut text = String::new();
                crate::report::push_value(&mut text, other);
                FluentValue::from(text)
            }
        };
        args.set(name.as_str(), value);
    }
    args
}
