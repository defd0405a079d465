//! `localizeReport(report, locale)`: a report's findings in a chosen language (feature `l10n`).
//!
//! The Fluent catalogues of every locale and the `fluent-bundle` code cost more than the main
//! module's size budget leaves (see the measurements in `data/l10n/README.md`), so the package
//! ships this function in the case module (`attesta/cases`, built with `--features cases,l10n`),
//! which carries both already for the labels of the printed documents.

use attesta::l10n::Localizer;
use attesta::Report;
use js_sys::{JsString, JSON};
use wasm_bindgen::prelude::*;

use crate::error;
use crate::error::Class;

/// The findings of `report` (the object `validate` returned) with their messages in `locale`
/// (`"it"`, `"ar"`, …), each with the `locale` it came from; schema `localized-report`.
///
/// # Errors
/// A `TypeError` (kind `invalid_options`) when `report` is not a report or the locale has no
/// catalogue.
#[wasm_bindgen(js_name = localizeReport)]
pub fn localize_report(report: &JsValue, locale: &str) -> Result<JsValue, JsValue> {
    let invalid = |message: &str| {
        error::to_js_as(
            Class::Type,
            &attesta::Error::InvalidOptions(message.to_owned()),
        )
    };
    let report: Report = JSON::stringify(report)
        .ok()
        .and_then(|t| t.dyn_into::<JsString>().ok())
        .and_then(|t| serde_json::from_str(&String::from(t)).ok())
        .ok_or_else(|| invalid("report must be a report object as validate returns it"))?;
    let localizer = Localizer::new(locale).map_err(|e| error::to_js_as(Class::Type, &e))?;
    let text = serde_json::to_string(&localizer.report(&report))
        .map_err(|_| error::internal("the result could not be serialized"))?;
    JSON::parse(&text)
}
