//! The sections of a Documento di trasparenza that serve the person beyond the target figure:
//! the qualifications of reference, the languages with the CEFR level per dimension, the ESCO
//! skills and occupations claimed, and the referral made alongside or after the document.

use super::page::Page;
use crate::documents::{DocumentoTrasparenza, EscoKind};
use crate::model::{CefrLevel, LanguageSkill};

/// Writes every section that has content, numbering them with `next`.
pub(super) fn all(
    page: &mut Page<'_>,
    dt: &DocumentoTrasparenza,
    next: &mut impl FnMut() -> usize,
) {
    // One qualification is already printed with each competence; list them when there are more.
    if dt.qualifications.len() > 1 {
        qualifications(page, dt, next());
    }
    if !dt.languages.is_empty() || !dt.mother_tongues.is_empty() || dt.session.is_some() {
        languages(page, dt, next());
    }
    if !dt.esco.is_empty() {
        esco(page, dt, next());
    }
    if let Some(referral) = &dt.referral {
        page.raw("<section class=\"referral\">\n");
        page.heading(next(), "section.referral");
        page.raw("<table class=\"kv\">\n");
        page.row_start("referral.to");
        page.text(&referral.to);
        page.raw("</td></tr>\n");
        page.row_start("referral.reason");
        page.label_inline(&format!("referral.reason.{}", referral.reason));
        page.raw("</td></tr>\n");
        page.row_start("referral.date");
        page.date(&referral.date);
        page.raw("</td></tr>\n</table>\n</section>\n");
    }
}

fn qualifications(page: &mut Page<'_>, dt: &DocumentoTrasparenza, number: usize) {
    page.raw("<section class=\"qualifications\">\n");
    page.heading(number, "section.qualifications");
    page.raw("<ul>\n");
    for q in &dt.qualifications {
        page.raw("<li><span class=\"code\">");
        page.text(&q.reference.code);
        page.raw("</span> ");
        if let Some(title) = &q.title {
            page.framework_text(title, crate::l10n::FRAMEWORK_LANGUAGE);
        }
        if let Some(level) = q.eqf_level {
            page.raw(" – ");
            page.label_inline("eqf_level");
            page.text(&format!(" {level}"));
        }
        page.raw("</li>\n");
    }
    page.raw("</ul>\n</section>\n");
}

fn languages(page: &mut Page<'_>, dt: &DocumentoTrasparenza, number: usize) {
    page.raw("<section class=\"languages\">\n");
    page.heading(number, "section.languages");
    if let Some(session) = &dt.session {
        page.raw("<table class=\"kv\">\n");
        page.row("session.language", Some(&session.language));
        if let Some(mediator) = &session.mediator {
            let shown = match &mediator.organisation {
                Some(organisation) => format!("{} ({organisation})", mediator.id),
                None => mediator.id.clone(),
            };
            page.row("session.mediator", Some(&shown));
        }
        page.raw("</table>\n");
    }
    if !dt.mother_tongues.is_empty() {
        page.raw("<p>");
        page.label_inline("mother_tongues");
        page.raw(": ");
        page.text(&dt.mother_tongues.join(", "));
        page.raw("</p>\n");
    }
    if dt.languages.is_empty() {
        page.raw("</section>\n");
        return;
    }
    page.raw("<table class=\"grid\"><thead><tr><th scope=\"col\">");
    page.label("language");
    page.raw("</th>");
    for key in DIMENSIONS {
        page.raw("<th scope=\"col\">");
        page.label(&format!("cefr.{key}"));
        page.raw("</th>");
    }
    page.raw("</tr></thead>\n<tbody>\n");
    for l in &dt.languages {
        page.raw("<tr><td>");
        page.text(&l.language);
        page.raw("</td>");
        for level in levels(l) {
            page.raw("<td>");
            match level {
                Some(level) => page.text(cefr(level)),
                None => page.not_stated(),
            }
            page.raw("</td>");
        }
        page.raw("</tr>\n");
    }
    page.raw("</tbody></table>\n</section>\n");
}

/// The five dimensions of the Europass self-assessment grid, in its order.
const DIMENSIONS: [&str; 5] = [
    "listening",
    "reading",
    "spoken_interaction",
    "spoken_production",
    "writing",
];

fn levels(l: &LanguageSkill) -> [Option<CefrLevel>; 5] {
    [
        l.listening,
        l.reading,
        l.spoken_interaction,
        l.spoken_production,
        l.writing,
    ]
}

fn cefr(level: CefrLevel) -> &'static str {
    match level {
        CefrLevel::A1 => "A1",
        CefrLevel::A2 => "A2",
        CefrLevel::B1 => "B1",
        CefrLevel::B2 => "B2",
        CefrLevel::C1 => "C1",
        CefrLevel::C2 => "C2",
    }
}

fn esco(page: &mut Page<'_>, dt: &DocumentoTrasparenza, number: usize) {
    page.raw("<section class=\"esco\">\n");
    page.heading(number, "section.esco");
    page.raw("<table class=\"grid\"><thead><tr>");
    for key in [
        "esco.kind",
        "description",
        "esco.version",
        "self_assessment",
    ] {
        page.raw("<th scope=\"col\">");
        page.label(key);
        page.raw("</th>");
    }
    page.raw("</tr></thead>\n<tbody>\n");
    for claim in &dt.esco {
        page.raw("<tr><td>");
        page.label_inline(match claim.kind {
            EscoKind::Skill => "esco.skill",
            EscoKind::Occupation => "esco.occupation",
            EscoKind::Other => "esco.other",
        });
        page.raw("</td><td>");
        if let Some(label) = &claim.label {
            // Documents drawn up before labels stated their language printed ESCO's first.
            match &claim.label_lang {
                Some(lang) => page.framework_text(label, lang),
                None => page.text(label),
            }
            page.raw("<br>");
        }
        page.raw("<span class=\"code\">");
        page.text(&claim.reference.code);
        page.raw("</span></td><td>");
        match &claim.reference.version {
            Some(v) => page.text(v),
            None => page.not_stated(),
        }
        page.raw("</td><td>");
        let word = serde_json::to_value(claim.self_assessment)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        page.label_inline(&format!("self_assessment.{word}"));
        page.raw("</td></tr>\n");
    }
    page.raw("</tbody></table>\n</section>\n");
}
