//! Printing a document as a self-contained HTML page: Italian, optionally with a second
//! language side by side, A4, printable, no scripts and no external resources (fonts, images,
//! style sheets are all inline or system fonts), so it can be archived or printed offline.
//!
//! Every text taken from the document is escaped. The fixed words come from the label
//! catalogues (`data/l10n/<locale>/labels.ftl`, see [`crate::l10n`]); the document's own
//! content (titles, tasks, names) stays in the language it was written in — Italian for the
//! repertoire texts, which exist only in Italian. The Italian text is the document; the second
//! language is the person's, printed beside each label with `lang` set to the locale that
//! supplied it and `dir="rtl"` for Arabic, Farsi, Dari and Urdu.

mod competence;
mod escape;
mod labels;
mod page;
mod person_sections;
mod sections;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use escape::escape;
pub use labels::{Labels, BUILTIN_LANGUAGES};

use self::page::{Page, View};
use super::{Document, DocumentType};
use crate::error::Result;

const STYLE: &str = include_str!("style.css");

/// How to print a document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct RenderOptions {
    /// The person's language, printed beside the Italian labels (e.g. `en`, `ar`, `ti`): one
    /// of [`BUILTIN_LANGUAGES`], region subtags accepted (`ar-EG`; `fa-AF` is Dari).
    pub second_language: Option<String>,
    /// Print the person's dati anagrafici as omitted (a copy for sharing).
    pub redact_personal_data: bool,
}

impl RenderOptions {
    /// Sets the second language.
    #[must_use]
    pub fn second_language(mut self, language: impl Into<String>) -> Self {
        self.second_language = Some(language.into());
        self
    }

    /// Sets redaction of the person's dati anagrafici.
    #[must_use]
    pub fn redact_personal_data(mut self, redact: bool) -> Self {
        self.redact_personal_data = redact;
        self
    }
}

/// Renders `document` as a self-contained HTML page with the bundled label catalogues.
///
/// ```
/// use attesta::documents::{render_html, Document, RenderOptions};
/// let text = std::fs::read_to_string(concat!(
///     env!("CARGO_MANIFEST_DIR"), "/../tests/documents/documento_validazione/input.json"))?;
/// let document: Document = serde_json::from_str(&text)?;
/// let html = render_html(&document, &RenderOptions::default().second_language("en"))?;
/// assert!(html.contains("Livello EQF") && html.contains("ADA.11.01.20"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`Error::InvalidOptions`](crate::Error::InvalidOptions) when `second_language` has no
/// built-in catalogue.
pub fn render_html(document: &Document, options: &RenderOptions) -> Result<String> {
    let second = match options.second_language.as_deref() {
        None => None,
        Some(language) => {
            let locale = crate::l10n::Localizer::new(language)?.locale();
            (locale != "it").then(|| Labels::builtin(locale)).flatten()
        }
    };
    Ok(render_html_with_labels(
        document,
        second,
        options.redact_personal_data,
    ))
}

/// Renders with a given second-language catalogue (for example one loaded with
/// [`Labels::from_json`] for a language Attesta does not bundle).
pub fn render_html_with_labels(
    document: &Document,
    second: Option<&Labels>,
    redact_personal_data: bool,
) -> String {
    let view = View::of(document);
    let primary = Labels::italian();
    let mut page = Page {
        out: String::with_capacity(16 * 1024),
        primary,
        second,
    };
    page.raw("<!DOCTYPE html>\n<html lang=\"it\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    page.text(primary.get(&format!("doc.{}", view.doc_type.as_str())));
    page.raw(" – ");
    page.text(view.id);
    page.raw("</title>\n<style>\n");
    page.raw(STYLE);
    page.raw("</style>\n</head>\n<body>\n<main class=\"page\">\n");
    sections::header(&mut page, &view);
    let mut n = 0;
    let mut next = || {
        n += 1;
        n
    };
    sections::person(&mut page, &view, next(), redact_personal_data);
    sections::bodies(&mut page, &view, next());
    let competences_section = next();
    competence::competences(&mut page, &view, competences_section);
    if !view.experiences.is_empty() {
        sections::experiences(&mut page, &view, next());
    }
    if view.doc_type == DocumentType::DocumentoTrasparenza && !view.evidence.is_empty() {
        sections::evidence(&mut page, &view, next(), competences_section);
    }
    if let Document::DocumentoTrasparenza(dt) = document {
        person_sections::all(&mut page, dt, &mut next);
    }
    if view.board.is_some() {
        sections::board(&mut page, &view, next());
    }
    if !view.operators.is_empty() {
        sections::operators(&mut page, &view, next());
    }
    sections::signatures(&mut page, &view);
    page.raw("</main>\n</body>\n</html>\n");
    page.out
}
