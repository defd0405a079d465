//! The page writer: escaped text, bilingual labels, Italian date formats, and a common view of
//! the three document types so one set of section writers prints all of them.

use std::fmt::Write as _;

use super::escape::escape;
use super::labels::Labels;
use crate::documents::{
    AssessmentBoard, AttestationStrength, AttestedCompetence, CompetenceAssessment, Document,
    DocumentEnteTitolato, DocumentEvidence, DocumentExperience, DocumentOperator, DocumentPerson,
    DocumentType, EnteTitolare, QualificationInfo, Registration, Repertoire, Signatory,
    ValueSource,
};
use crate::model::{FrameworkRef, LearningContext, SelfAssessment};

/// An HTML page being written.
pub(super) struct Page<'a> {
    pub(super) out: String,
    pub(super) primary: &'a Labels,
    pub(super) second: Option<&'a Labels>,
}

impl Page<'_> {
    /// Markup written as is (only ever string literals of this module tree).
    pub(super) fn raw(&mut self, html: &str) {
        self.out.push_str(html);
    }

    /// Document text, escaped.
    pub(super) fn text(&mut self, text: &str) {
        self.out.push_str(&escape(text));
    }

    /// A framework's text (a UC or qualification title, an ESCO label) in language `lang`: in
    /// a span saying its language and direction whenever the page is not plainly Italian — a
    /// second language is printed, or the text is not Italian — so an Arabic page shows an
    /// Italian UC title as `lang="it" dir="ltr"` and an English ESCO label as `lang="en"`.
    pub(super) fn framework_text(&mut self, text: &str, lang: &str) {
        if self.second.is_none() && lang == crate::l10n::FRAMEWORK_LANGUAGE {
            // The page itself is `lang="it"`: the title inherits it.
            self.text(text);
            return;
        }
        let dir = if crate::l10n::is_rtl(lang) {
            "rtl"
        } else {
            "ltr"
        };
        let _ = write!(
            self.out,
            "<span lang=\"{}\" dir=\"{dir}\">{}</span>",
            escape(lang),
            escape(text)
        );
    }

    /// A label in Italian, followed by the second language's when there is one.
    pub(super) fn label(&mut self, key: &str) {
        self.label_in(key, "l2", "");
    }

    /// A label inline ("Livello EQF 3 / EQF level 3"): the second language in a smaller span on
    /// the same line.
    pub(super) fn label_inline(&mut self, key: &str) {
        self.label_in(key, "l2i", " / ");
    }

    /// The label, and the second language's in a `<span class=…>` after `separator`.
    fn label_in(&mut self, key: &str, class: &str, separator: &str) {
        let primary = escape(self.primary.get(key)).into_owned();
        self.out.push_str(&primary);
        if let Some(second) = self.second {
            // The locale that actually supplied the label (a fallback when the language lacks
            // it), so a reader, a screen reader and a font chooser all know what they get.
            let locale = second.locale_of(key);
            let dir = if crate::l10n::is_rtl(locale) {
                " dir=\"rtl\""
            } else {
                ""
            };
            let _ = write!(
                self.out,
                "<span class=\"{class}\" lang=\"{}\"{dir}>{separator}{}</span>",
                escape(locale),
                escape(second.get(key))
            );
        }
    }

    /// A `<th>` label cell and an opening `<td>`.
    pub(super) fn row_start(&mut self, key: &str) {
        self.raw("<tr><th scope=\"row\">");
        self.label(key);
        self.raw("</th><td>");
    }

    /// A whole row with escaped text, or "non indicato" when `value` is `None`.
    pub(super) fn row(&mut self, key: &str, value: Option<&str>) {
        self.row_start(key);
        match value {
            Some(v) => self.text(v),
            None => self.not_stated(),
        }
        self.raw("</td></tr>\n");
    }

    pub(super) fn not_stated(&mut self) {
        self.raw("<span class=\"missing\">");
        self.label_inline("not_stated");
        self.raw("</span>");
    }

    /// A section heading.
    pub(super) fn heading(&mut self, number: usize, key: &str) {
        let _ = write!(self.out, "<h2><span class=\"num\">{number}.</span> ");
        self.label(key);
        self.raw("</h2>\n");
    }

    /// A date, `YYYY-MM-DD` as `DD/MM/YYYY`, `YYYY-MM` as `MM/YYYY`; anything else escaped as is.
    pub(super) fn date(&mut self, text: &str) {
        let formatted = italian_date(text);
        self.text(&formatted);
    }
}

/// Formats a (partial) date the Italian way; text that is not a date is returned unchanged.
pub(super) fn italian_date(text: &str) -> String {
    match crate::formats::PartialDate::parse(text) {
        Some(crate::formats::PartialDate::Day(d)) => {
            format!("{:02}/{:02}/{}", d.day, d.month, d.year)
        }
        Some(crate::formats::PartialDate::Month(y, m)) => format!("{m:02}/{y}"),
        Some(crate::formats::PartialDate::Year(y)) => y.to_string(),
        None => text.to_owned(),
    }
}

/// A competence as printed: the attested shape plus the self-assessment of a Documento di
/// trasparenza.
pub(super) struct CompetenceView<'a> {
    pub(super) id: &'a str,
    pub(super) unit: &'a FrameworkRef,
    pub(super) title: Option<&'a str>,
    pub(super) description: Option<&'a str>,
    pub(super) repertoire: Option<&'a Repertoire>,
    pub(super) qualifications: &'a [QualificationInfo],
    pub(super) atlante_ada: &'a [String],
    pub(super) correlation_groups: &'a [String],
    pub(super) work_activities: &'a [String],
    pub(super) sources: &'a [ValueSource],
    pub(super) learning_contexts: &'a [LearningContext],
    pub(super) experiences: &'a [String],
    pub(super) assessment: Option<&'a CompetenceAssessment>,
    pub(super) validated_items: &'a [FrameworkRef],
    pub(super) credited_from: Option<&'a crate::documents::CreditedFrom>,
    pub(super) self_assessment: Option<SelfAssessment>,
}

impl<'a> From<&'a AttestedCompetence> for CompetenceView<'a> {
    fn from(c: &'a AttestedCompetence) -> Self {
        CompetenceView {
            id: &c.id,
            unit: &c.unit,
            title: c.title.as_deref(),
            description: c.description.as_deref(),
            repertoire: c.repertoire.as_ref(),
            qualifications: &c.qualifications,
            atlante_ada: &c.atlante_ada,
            correlation_groups: &c.correlation_groups,
            work_activities: &c.work_activities,
            sources: &c.sources,
            learning_contexts: &c.learning_contexts,
            experiences: &c.experiences,
            assessment: c.assessment.as_ref(),
            validated_items: &c.validated_items,
            credited_from: c.credited_from.as_ref(),
            self_assessment: None,
        }
    }
}

/// The three documents seen through one shape.
pub(super) struct View<'a> {
    pub(super) doc_type: DocumentType,
    pub(super) id: &'a str,
    pub(super) strength: AttestationStrength,
    pub(super) person: &'a DocumentPerson,
    pub(super) ente_titolare: Option<&'a EnteTitolare>,
    pub(super) ente_titolato: Option<&'a DocumentEnteTitolato>,
    pub(super) operators: &'a [DocumentOperator],
    pub(super) competences: Vec<CompetenceView<'a>>,
    pub(super) experiences: &'a [DocumentExperience],
    pub(super) evidence: &'a [DocumentEvidence],
    pub(super) issue_date: Option<&'a str>,
    pub(super) issue_place: Option<&'a str>,
    pub(super) signatory: Option<&'a Signatory>,
    pub(super) board: Option<&'a AssessmentBoard>,
    pub(super) case_id: Option<&'a str>,
    pub(super) registration: Option<&'a Registration>,
    /// The related earlier document: label key and id.
    pub(super) related: Option<(&'static str, &'a str)>,
}

impl<'a> View<'a> {
    pub(super) fn of(document: &'a Document) -> Self {
        match document {
            Document::DocumentoTrasparenza(d) => View {
                doc_type: DocumentType::DocumentoTrasparenza,
                id: &d.id,
                strength: d.strength,
                person: &d.person,
                ente_titolare: d.ente_titolare.as_ref(),
                ente_titolato: d.ente_titolato.as_ref(),
                operators: &d.operators,
                competences: d
                    .competences
                    .iter()
                    .map(|c| CompetenceView {
                        id: &c.id,
                        unit: &c.unit,
                        title: c.title.as_deref(),
                        description: None,
                        repertoire: c.repertoire.as_ref(),
                        qualifications: &c.qualifications,
                        atlante_ada: &c.atlante_ada,
                        correlation_groups: &[],
                        work_activities: &[],
                        sources: &c.sources,
                        learning_contexts: &[],
                        experiences: &c.experiences,
                        assessment: None,
                        validated_items: &[],
                        credited_from: None,
                        self_assessment: c.self_assessment,
                    })
                    .collect(),
                experiences: &d.experiences,
                evidence: &d.evidence,
                issue_date: d.issue_date.as_deref(),
                issue_place: d.issue_place.as_deref(),
                signatory: None,
                board: None,
                case_id: d.case_id.as_deref(),
                registration: None,
                related: None,
            },
            Document::DocumentoValidazione(d) => View {
                doc_type: DocumentType::DocumentoValidazione,
                id: &d.id,
                strength: d.strength,
                person: &d.person,
                ente_titolare: Some(&d.ente_titolare),
                ente_titolato: Some(&d.ente_titolato),
                operators: &d.operators,
                competences: d.competences.iter().map(CompetenceView::from).collect(),
                experiences: &d.experiences,
                evidence: &[],
                issue_date: Some(&d.issue_date),
                issue_place: Some(&d.issue_place),
                signatory: Some(&d.signatory),
                board: None,
                case_id: d.case_id.as_deref(),
                registration: d.registration.as_ref(),
                related: d
                    .transparency_document
                    .as_deref()
                    .map(|id| ("transparency_document", id)),
            },
            Document::Certificato(d) => View {
                doc_type: DocumentType::Certificato,
                id: &d.id,
                strength: d.strength,
                person: &d.person,
                ente_titolare: Some(&d.ente_titolare),
                ente_titolato: Some(&d.ente_titolato),
                operators: &d.operators,
                competences: d.competences.iter().map(CompetenceView::from).collect(),
                experiences: &d.experiences,
                evidence: &[],
                issue_date: Some(&d.issue_date),
                issue_place: Some(&d.issue_place),
                signatory: Some(&d.signatory),
                board: d.board.as_ref(),
                case_id: d.case_id.as_deref(),
                registration: d.registration.as_ref(),
                related: d
                    .validation_document
                    .as_deref()
                    .map(|id| ("validation_document", id)),
            },
        }
    }
}
