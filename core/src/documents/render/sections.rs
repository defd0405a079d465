//! The sections of the printed page, in order: header, person, bodies, competences,
//! experiences, evidence, operators and board, signatures.

use std::fmt::Write as _;

use serde::Serialize;

use super::competence::period;
use super::page::{italian_date, Page, View};
use crate::documents::DocumentType;

/// The JSON word of a unit enum variant (`colloquio_tecnico`), used to build label keys.
pub(super) fn word<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

pub(super) fn header(page: &mut Page<'_>, view: &View<'_>) {
    let doc = view.doc_type.as_str();
    page.raw("<header class=\"doc-head\">\n<div class=\"bodies\">");
    if let Some(titolare) = view.ente_titolare {
        page.raw("<div class=\"titolare\">");
        page.text(&titolare.name);
        if let Some(office) = &titolare.office {
            page.raw("<span class=\"office\">");
            page.text(office);
            page.raw("</span>");
        }
        page.raw("</div>");
    }
    if let Some(titolato) = view.ente_titolato {
        page.raw("<div class=\"titolato\">");
        page.text(&titolato.name);
        page.raw("</div>");
    }
    page.raw("</div>\n<h1>");
    page.label(&format!("doc.{doc}.full"));
    page.raw("</h1>\n<p class=\"basis\">");
    page.label_inline("legal_basis");
    page.raw("</p>\n<table class=\"meta\"><tr><th scope=\"col\">");
    page.label("document_id");
    page.raw("</th><th scope=\"col\">");
    page.label(if view.doc_type == DocumentType::DocumentoTrasparenza {
        "drawn_up"
    } else {
        "issue_date"
    });
    page.raw("</th><th scope=\"col\">");
    page.label("issue_place");
    page.raw("</th><th scope=\"col\">");
    page.label("strength");
    page.raw("</th></tr>\n<tr><td class=\"docid\">");
    page.text(view.id);
    page.raw("</td><td>");
    match view.issue_date {
        Some(d) => page.date(d),
        None => page.not_stated(),
    }
    page.raw("</td><td>");
    match view.issue_place {
        Some(p) => page.text(p),
        None => page.not_stated(),
    }
    let strength = view.strength.as_str();
    page.raw("</td><td><strong class=\"strength\">");
    page.label(&format!("strength.{strength}"));
    page.raw("</strong><span class=\"note\">");
    page.label_inline(&format!("strength.note.{strength}"));
    page.raw("</span></td></tr></table>\n</header>\n");
}

pub(super) fn person(page: &mut Page<'_>, view: &View<'_>, number: usize, redact: bool) {
    page.raw("<section class=\"person\">\n");
    page.heading(number, "section.person");
    page.raw("<table class=\"kv\">\n");
    if let (Some(p), false) = (&view.person.personal, redact) {
        page.row("family_name", p.family_name.as_deref());
        page.row("given_name", p.given_name.as_deref());
        page.row_start("birth_date");
        match &p.birth_date {
            Some(d) => page.date(d),
            None => page.not_stated(),
        }
        page.raw("</td></tr>\n");
        page.row("birth_place", view.person.birth_place.as_deref());
        if let Some(code) = &p.fiscal_code {
            page.row("fiscal_code", Some(code));
        }
        page.row("nationality", p.nationality.as_deref());
    } else {
        page.row_start("section.person");
        page.raw("<span class=\"missing\">");
        page.label_inline("redacted");
        page.raw("</span></td></tr>\n");
    }
    page.raw("</table>\n</section>\n");
}

pub(super) fn bodies(page: &mut Page<'_>, view: &View<'_>, number: usize) {
    page.raw("<section class=\"bodies-detail\">\n");
    page.heading(number, "section.bodies");
    page.raw("<table class=\"kv\">\n");
    page.row_start("ente_titolare");
    match view.ente_titolare {
        Some(t) => {
            page.text(&t.name);
            if let Some(office) = &t.office {
                page.raw(" – ");
                page.text(office);
            }
        }
        None => page.not_stated(),
    }
    page.raw("</td></tr>\n");
    page.row_start("ente_titolato");
    match view.ente_titolato {
        Some(t) => {
            page.text(&t.name);
            if let Some(code) = &t.code {
                page.raw(" <span class=\"code\">");
                page.text(code);
                page.raw("</span>");
            }
            if let Some(address) = &t.address {
                page.raw("<br>");
                page.text(address);
            }
        }
        None => page.not_stated(),
    }
    page.raw("</td></tr>\n");
    page.row_start("authorisation");
    match view.ente_titolato.and_then(|t| t.authorisation.as_ref()) {
        Some(a) => {
            page.label_inline(&format!("authorisation.{}", word(&a.kind)));
            page.raw(": ");
            page.text(&a.reference);
            if let Some(date) = &a.date {
                page.raw(" (");
                page.date(date);
                page.raw(")");
            }
            if let Some(code) = &a.code {
                page.raw(" <span class=\"code\">");
                page.text(code);
                page.raw("</span>");
            }
        }
        None => page.not_stated(),
    }
    page.raw("</td></tr>\n</table>\n</section>\n");
}

pub(super) fn experiences(page: &mut Page<'_>, view: &View<'_>, number: usize) {
    page.raw("<section class=\"experiences\">\n");
    page.heading(number, "section.experiences");
    page.raw("<table class=\"grid\"><thead><tr><th scope=\"col\">#</th>");
    for key in ["context", "period", "place", "organisation", "tasks"] {
        page.raw("<th scope=\"col\">");
        page.label(key);
        page.raw("</th>");
    }
    page.raw("</tr></thead>\n<tbody>\n");
    for (i, e) in view.experiences.iter().enumerate() {
        let _ = write!(page.out, "<tr id=\"exp-{0}\"><td>{0}</td><td>", i + 1);
        match e.context {
            Some(c) => page.label_inline(&format!("context.{}", c.as_str())),
            None => page.not_stated(),
        }
        if let Some(kind) = e.kind {
            page.raw("<br><span class=\"small\">");
            page.label_inline(&format!("kind.{}", kind.as_str()));
            page.raw("</span>");
        }
        page.raw("</td><td>");
        match &e.period {
            Some(p) => period(page, &p.start, p.end.as_deref()),
            None => page.not_stated(),
        }
        page.raw("</td><td>");
        let place: Vec<&str> = [e.place.as_deref(), e.country.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if place.is_empty() {
            page.not_stated();
        } else {
            page.text(&place.join(", "));
        }
        page.raw("</td><td>");
        if let Some(o) = &e.organisation {
            page.text(o);
        }
        for (key, value) in [
            ("role", &e.role),
            ("course", &e.course),
            ("awarding_body", &e.awarding_body),
            ("title_obtained", &e.title_obtained),
        ] {
            if let Some(v) = value {
                page.raw("<br><span class=\"small\">");
                page.label_inline(key);
                page.raw(":</span> ");
                page.text(v);
            }
        }
        page.raw("</td><td>");
        if !e.tasks.is_empty() {
            page.raw("<ul>");
            for task in &e.tasks {
                page.raw("<li>");
                page.text(task);
                page.raw("</li>");
            }
            page.raw("</ul>");
        }
        page.raw("</td></tr>\n");
    }
    page.raw("</tbody></table>\n</section>\n");
}

pub(super) fn evidence(page: &mut Page<'_>, view: &View<'_>, number: usize, number_c: usize) {
    page.raw("<section class=\"evidence\">\n");
    page.heading(number, "section.evidence");
    page.raw("<table class=\"grid\"><thead><tr><th scope=\"col\">#</th>");
    for key in [
        "evidence.kind",
        "description",
        "evidence.issuer",
        "evidence.supports",
    ] {
        page.raw("<th scope=\"col\">");
        page.label(key);
        page.raw("</th>");
    }
    page.raw("</tr></thead>\n<tbody>\n");
    for (i, item) in view.evidence.iter().enumerate() {
        let _ = write!(page.out, "<tr><td>{}</td><td>", i + 1);
        page.label_inline(&format!("evidence.{}", word(&item.kind)));
        page.raw("</td><td>");
        if let Some(d) = &item.description {
            page.text(d);
        }
        page.raw("</td><td>");
        if let Some(issuer) = &item.issuer {
            page.text(issuer);
        }
        if let Some(date) = &item.issue_date {
            page.raw("<br><span class=\"small\">");
            page.date(date);
            page.raw("</span>");
        }
        page.raw("</td><td>");
        // Competences are printed numbered; refer to them by that number.
        let numbers: Vec<String> = item
            .competences
            .iter()
            .map(|id| {
                view.competences
                    .iter()
                    .position(|c| c.id == id)
                    .map_or_else(|| id.clone(), |p| format!("{number_c}.{}", p + 1))
            })
            .collect();
        page.text(&numbers.join(", "));
        page.raw("</td></tr>\n");
    }
    page.raw("</tbody></table>\n</section>\n");
}

pub(super) fn operators(page: &mut Page<'_>, view: &View<'_>, number: usize) {
    page.raw("<section class=\"operators\">\n");
    page.heading(number, "section.operators");
    page.raw("<table class=\"kv\">\n");
    for o in view.operators {
        page.raw("<tr><th scope=\"row\">");
        match &o.role {
            Some(role) => page.text(role),
            None => page.text(&o.id),
        }
        page.raw("</th><td>");
        if let Some(name) = &o.name {
            page.text(name);
            page.raw(" ");
        }
        page.raw("<span class=\"code\">");
        page.text(&o.id);
        page.raw("</span>");
        for f in &o.functions {
            page.raw("<br><span class=\"small\">");
            page.label_inline(&format!("function.{}", word(f)));
            page.raw("</span>");
        }
        page.raw("</td></tr>\n");
    }
    page.raw("</table>\n</section>\n");
}

pub(super) fn board(page: &mut Page<'_>, view: &View<'_>, number: usize) {
    let Some(board) = view.board else { return };
    page.raw("<section class=\"board\">\n");
    page.heading(number, "section.board");
    page.raw("<table class=\"kv\">\n");
    if let Some(act) = &board.appointed_by {
        page.row("board.appointed_by", Some(act));
    }
    if let Some(date) = &board.date {
        page.row_start("board.date");
        page.date(date);
        page.raw("</td></tr>\n");
    }
    for m in &board.members {
        page.raw("<tr><th scope=\"row\">");
        page.text(&m.role);
        page.raw("</th><td>");
        if let Some(name) = &m.name {
            page.text(name);
        }
        page.raw("</td></tr>\n");
    }
    page.raw("</table>\n</section>\n");
}

pub(super) fn signatures(page: &mut Page<'_>, view: &View<'_>) {
    page.raw("<footer class=\"signatures\">\n");
    if let Some((key, id)) = view.related {
        page.raw("<p class=\"small\">");
        page.label_inline(key);
        page.raw(": <span class=\"code\">");
        page.text(id);
        page.raw("</span></p>\n");
    }
    if let Some(r) = view.registration {
        page.raw("<p class=\"small\">");
        page.label_inline("registration");
        page.raw(": ");
        page.text(&r.system);
        page.raw(", <span class=\"code\">");
        page.text(&r.reference);
        page.raw("</span>");
        if let Some(d) = &r.date {
            page.raw(" (");
            page.date(d);
            page.raw(")");
        }
        page.raw("</p>\n");
    }
    if let Some(case) = view.case_id {
        page.raw("<p class=\"small\">");
        page.label_inline("case_id");
        page.raw(": <span class=\"code\">");
        page.text(case);
        page.raw("</span></p>\n");
    }
    page.raw("<div class=\"sign-row\">\n<div class=\"sign-place\">");
    if let Some(place) = view.issue_place {
        page.text(place);
        page.raw(", ");
    }
    if let Some(date) = view.issue_date {
        page.text(&italian_date(date));
    }
    page.raw("</div>\n");
    if view.doc_type == DocumentType::DocumentoTrasparenza {
        page.raw("<div class=\"sign\"><p class=\"declaration\">");
        page.label("person_declaration");
        page.raw("</p><div class=\"line\"></div><p>");
        page.label_inline("person_signature");
        page.raw("</p></div>\n<div class=\"sign\"><div class=\"line\"></div><p>");
        page.label_inline("operator_signature");
        page.raw("</p></div>\n");
    } else {
        page.raw("<div class=\"sign\"><p>");
        page.label_inline("signatory");
        page.raw("</p><div class=\"line\"></div>");
        match view.signatory {
            Some(s) => {
                page.raw("<p><strong>");
                page.text(&s.name);
                page.raw("</strong><br>");
                page.text(&s.role);
                if let Some(body) = &s.on_behalf_of {
                    page.raw("<br>");
                    page.label_inline("on_behalf_of");
                    page.raw(" ");
                    page.text(body);
                }
                page.raw("</p>");
            }
            None => page.not_stated(),
        }
        page.raw("</div>\n");
    }
    page.raw("</div>\n<p class=\"generator\">");
    page.label_inline("page_note");
    page.raw(" ");
    page.label_inline("footer");
    page.raw("</p>\n</footer>\n");
}
