//! The competences section: one block per UC with repertoire, reference qualification
//! ("Livello EQF N", CP, ATECO), ADA codes, how it was learned and how it was assessed.

use std::fmt::Write as _;

use super::page::{CompetenceView, Page, View};
use super::sections::word;
use crate::documents::DocumentType;
use crate::l10n::FRAMEWORK_LANGUAGE;
use crate::model::FrameworkRef;

pub(super) fn competences(page: &mut Page<'_>, view: &View<'_>, number: usize) {
    page.raw("<section class=\"competences\">\n");
    page.heading(
        number,
        &format!("section.competences.{}", view.doc_type.as_str()),
    );
    for (i, c) in view.competences.iter().enumerate() {
        competence(page, view, number, i + 1, c);
    }
    page.raw("</section>\n");
}

fn competence(
    page: &mut Page<'_>,
    view: &View<'_>,
    section: usize,
    n: usize,
    c: &CompetenceView<'_>,
) {
    let _ = write!(
        page.out,
        "<article class=\"competence\">\n<h3><span class=\"num\">{section}.{n}</span> "
    );
    match c.title {
        Some(t) => page.framework_text(t, FRAMEWORK_LANGUAGE),
        None => page.not_stated(),
    }
    page.raw("</h3>\n<table class=\"kv\">\n");
    page.row_start("unit");
    reference(page, c.unit);
    page.raw("</td></tr>\n");
    if let Some(d) = c.description {
        page.row("description", Some(d));
    }
    page.row_start("repertoire");
    match c.repertoire {
        Some(r) => {
            page.framework_text(&r.title, FRAMEWORK_LANGUAGE);
            if let Some(v) = &r.version {
                page.raw(" <span class=\"code\">");
                page.text(v);
                page.raw("</span>");
            }
        }
        None => page.not_stated(),
    }
    page.raw("</td></tr>\n");
    page.row_start("qualification");
    if c.qualifications.is_empty() {
        page.not_stated();
    }
    for q in c.qualifications {
        page.raw("<div class=\"qual\"><strong>");
        match &q.title {
            Some(t) => page.framework_text(t, FRAMEWORK_LANGUAGE),
            None => page.not_stated(),
        }
        page.raw("</strong> ");
        reference(page, &q.reference);
        if let Some(d) = &q.description {
            page.raw("<p class=\"desc\">");
            page.text(d);
            page.raw("</p>");
        }
        page.raw("<p class=\"codes\"><span class=\"eqf\">");
        page.label_inline("eqf_level");
        page.raw(" ");
        match q.eqf_level {
            Some(level) => page.text(&level.to_string()),
            None => page.not_stated(),
        }
        page.raw("</span>");
        for (key, codes) in [("cp2021", &q.cp2021), ("ateco", &q.ateco)] {
            if !codes.is_empty() {
                page.raw(" · ");
                page.label_inline(key);
                page.raw(": <span class=\"code\">");
                page.text(&codes.join(", "));
                page.raw("</span>");
            }
        }
        page.raw("</p></div>");
    }
    page.raw("</td></tr>\n");
    atlante(page, c);
    if !c.sources.is_empty() {
        // Values an overlay supplied, not the published repertoire: say whose they are.
        page.row_start("value_sources");
        for (i, source) in c.sources.iter().enumerate() {
            if i > 0 {
                page.raw("<br>");
            }
            page.label_inline(&source.field);
            page.raw(" <span class=\"code\">");
            page.text(&source.value);
            page.raw("</span>: ");
            page.text(&source.basis);
        }
        page.raw("</td></tr>\n");
    }
    learning(page, view, c);
    if view.doc_type != DocumentType::DocumentoTrasparenza {
        assessment(page, c);
    }
    if let Some(s) = c.self_assessment {
        page.row_start("self_assessment");
        page.label_inline(&format!("self_assessment.{}", word(&s)));
        page.raw("</td></tr>\n");
    }
    page.raw("</table>\n</article>\n");
}

fn learning(page: &mut Page<'_>, view: &View<'_>, c: &CompetenceView<'_>) {
    page.row_start("learning");
    let mut any = false;
    for context in c.learning_contexts {
        page.raw("<div>");
        page.label_inline(&format!("context.{}", context.as_str()));
        page.raw("</div>");
        any = true;
    }
    for id in c.experiences {
        page.raw("<div>");
        match view.experiences.iter().position(|e| e.id == *id) {
            Some(index) => {
                let e = &view.experiences[index];
                if let Some(context) = e.context {
                    page.label_inline(&format!("context.{}", context.as_str()));
                    page.raw(" – ");
                }
                let _ = write!(page.out, "<a href=\"#exp-{}\">", index + 1);
                page.label_inline("experience.ref");
                let _ = write!(page.out, " {}</a>", index + 1);
                let summary: Vec<&str> = [
                    e.role.as_deref(),
                    e.course.as_deref(),
                    e.organisation.as_deref(),
                ]
                .into_iter()
                .flatten()
                .collect();
                if !summary.is_empty() {
                    page.raw(": ");
                    page.text(&summary.join(", "));
                }
                if let Some(p) = &e.period {
                    page.raw(" (");
                    period(page, &p.start, p.end.as_deref());
                    page.raw(")");
                }
            }
            None => page.text(id),
        }
        page.raw("</div>");
        any = true;
    }
    if !any {
        page.not_stated();
    }
    page.raw("</td></tr>\n");
}

/// The Atlante del Lavoro references: the ADA codes, and the alternatives art. 6 c. 2 D.I.
/// 30/6/2015 allows (gruppi di correlazione, single attività di lavoro) when cited.
fn atlante(page: &mut Page<'_>, c: &CompetenceView<'_>) {
    page.row_start("atlante_ada");
    if c.atlante_ada.is_empty() {
        page.not_stated();
    } else {
        page.raw("<span class=\"code\">");
        page.text(&c.atlante_ada.join(", "));
        page.raw("</span>");
    }
    page.raw("</td></tr>\n");
    for (key, codes) in [
        ("correlation_groups", c.correlation_groups),
        ("work_activities", c.work_activities),
    ] {
        if !codes.is_empty() {
            page.row_start(key);
            page.raw("<span class=\"code\">");
            page.text(&codes.join(", "));
            page.raw("</span></td></tr>\n");
        }
    }
}

fn assessment(page: &mut Page<'_>, c: &CompetenceView<'_>) {
    if let Some(from) = c.credited_from {
        // Credited: the earlier document holds the assessment; say which one.
        page.row_start("credited_from");
        page.raw("<span class=\"code\">");
        page.text(&from.document);
        page.raw("</span> — ");
        page.text(&from.issuer);
        page.raw(", ");
        page.date(&from.issued_on);
        page.raw("</td></tr>\n");
        if c.assessment.is_none() {
            return;
        }
    }
    page.row_start("assessment");
    match c.assessment {
        // Schema 1.1: each method with its own day.
        Some(a) if !a.sessions.is_empty() => {
            for (i, session) in a.sessions.iter().enumerate() {
                if i > 0 {
                    page.raw("; ");
                }
                page.label_inline(&format!("method.{}", word(&session.method)));
                page.raw(" (");
                page.date(&session.date);
                page.raw(")");
            }
        }
        Some(a) if !a.methods.is_empty() => {
            for (i, m) in a.methods.iter().enumerate() {
                if i > 0 {
                    page.raw("; ");
                }
                page.label_inline(&format!("method.{}", word(m)));
            }
        }
        _ => page.not_stated(),
    }
    page.raw("</td></tr>\n");
    if let Some(a) = c.assessment {
        if let Some(d) = &a.date {
            page.row_start("assessment_date");
            page.date(d);
            page.raw("</td></tr>\n");
        }
        if let Some(o) = a.outcome {
            page.row_start("outcome");
            page.raw("<strong>");
            page.label_inline(&format!("outcome.{}", word(&o)));
            page.raw("</strong></td></tr>\n");
        }
    }
    if !c.validated_items.is_empty() {
        page.row_start("validated_items");
        for (i, item) in c.validated_items.iter().enumerate() {
            if i > 0 {
                page.raw(", ");
            }
            reference(page, item);
        }
        page.raw("</td></tr>\n");
    }
}

/// A framework reference as printed: the code, with the scheme in small type.
pub(super) fn reference(page: &mut Page<'_>, r: &FrameworkRef) {
    page.raw("<span class=\"code\">");
    page.text(&r.code);
    page.raw("</span> <span class=\"scheme\">");
    page.text(&r.scheme);
    page.raw("</span>");
}

/// A period: "03/2015 – 11/2019", or "dal 03/2015 (in corso)".
pub(super) fn period(page: &mut Page<'_>, start: &str, end: Option<&str>) {
    page.date(start);
    page.raw(" – ");
    match end {
        Some(e) => page.date(e),
        None => page.label_inline("period.ongoing"),
    }
}
