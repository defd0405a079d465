//! Framework labels asked in a locale fall back explicitly (issue 17, Languages): ESCO answers
//! in the requested language when the taxonomy has it, else along the locale's fallback chain,
//! and the Italian repertoires answer in Italian; every label says its language, in search
//! hits, lookups, gap reports and printed documents.

mod real_data;

use attesta::documents::{render_html, Document, EscoClaim, EscoKind, RenderOptions};
use attesta::framework::{
    EscoBuilder, EscoLabels, EscoOccupation, EscoSkill, EscoTaxonomy, FrameworkSet,
};
use attesta::gap::{analyze_gap, GapInput};
use attesta::model::{FrameworkRef, SelfAssessment};
use attesta::search::lookup::{lookup_node_in, NodeLookup};
use attesta::search::{
    EscoLabelSelection, FrameworkLabels, SearchHit, SearchIndex, SearchIndexBuilder, SearchOptions,
};

const COOK: &str = "http://data.europa.eu/esco/occupation/cook-0001";
const WELDER: &str = "http://data.europa.eu/esco/occupation/welder-0002";
const KNIFE: &str = "http://data.europa.eu/esco/skill/knife-0003";

fn labels(preferred: &str) -> EscoLabels {
    EscoLabels {
        preferred: preferred.to_owned(),
        alt: String::new(),
        description: String::new(),
    }
}

/// A small ESCO in `languages` (English and Italian, in that order); the welder has no
/// Italian label.
fn esco(languages: [&str; 2]) -> EscoTaxonomy {
    let text = |en: &str, it: &str| {
        languages
            .iter()
            .map(|l| labels(if *l == "en" { en } else { it }))
            .collect::<Vec<_>>()
    };
    let mut esco =
        EscoBuilder::new("v1.2.0", languages.map(str::to_owned).to_vec()).expect("two languages");
    esco.add_occupation(&EscoOccupation {
        uri: COOK.to_owned(),
        code: "5120.1".to_owned(),
        isco_group: "5120".to_owned(),
        regulated_profession_note: String::new(),
        labels: text("cook", "cuoco"),
    })
    .expect("the cook");
    let welder = text("welder", "");
    esco.add_occupation(&EscoOccupation {
        uri: WELDER.to_owned(),
        code: "7212.1".to_owned(),
        isco_group: "7212".to_owned(),
        regulated_profession_note: String::new(),
        labels: welder,
    })
    .expect("the welder");
    esco.add_skill(&EscoSkill {
        uri: KNIFE.to_owned(),
        skill_type: None,
        reuse_level: None,
        labels: text("use knives", "usare coltelli"),
    })
    .expect("the skill");
    esco.finish().expect("the taxonomy")
}

fn index(esco: &EscoTaxonomy, set: &FrameworkSet) -> SearchIndex {
    let mut builder = SearchIndexBuilder::new();
    builder.add_esco(esco, &EscoLabelSelection::default());
    for framework in set.frameworks() {
        builder.add_framework(framework, &FrameworkLabels::default());
    }
    builder.build().expect("the index")
}

fn search(index: &SearchIndex, query: &str, locale: Option<&str>) -> Vec<SearchHit> {
    let options = SearchOptions {
        locale: locale.map(str::to_owned),
        ..SearchOptions::top(5)
    };
    index.search(query, &options).expect("a search")
}

/// `(label, language, fallback)` of the first hit of `query`.
fn first(index: &SearchIndex, query: &str, locale: Option<&str>) -> (String, String, bool) {
    let hits = search(index, query, locale);
    let hit = hits.first().expect("a hit");
    (hit.label.clone(), hit.language.clone(), hit.fallback)
}

fn owned(label: &str, lang: &str, fallback: bool) -> (String, String, bool) {
    (label.to_owned(), lang.to_owned(), fallback)
}

#[test]
fn a_language_the_taxonomy_has_is_searched_and_shown() {
    let set = attesta::builtin::frameworks();
    let index = index(&esco(["en", "it"]), &set);
    assert_eq!(
        first(&index, "cuoco", Some("it")),
        owned("cuoco", "it", false)
    );
    assert_eq!(
        first(&index, "cook", Some("en")),
        owned("cook", "en", false)
    );
    // Asked in Italian, an English word finds nothing of the cook: its Italian labels are the
    // ones searched.
    assert!(search(&index, "cook", Some("it"))
        .iter()
        .all(|h| h.node.code != COOK));
    // Without a locale every language is searched, as before.
    assert_eq!(first(&index, "cook", None), owned("cook", "en", false));
    assert_eq!(first(&index, "cuoco", None).1, "it");
}

#[test]
fn a_missing_label_falls_back_along_the_chain_and_says_so() {
    let set = attesta::builtin::frameworks();
    // Italian is the taxonomy's first language, yet Arabic falls back to English first:
    // the order is the chain's (ar → en → it), not the taxonomy's.
    assert_eq!(
        attesta::l10n::fallback_chain("ar"),
        ["ar", "en", "it"],
        "the chain this test relies on"
    );
    let index = index(&esco(["it", "en"]), &set);
    assert_eq!(first(&index, "cook", Some("ar")), owned("cook", "en", true));
    // The welder has no Italian label: asked in Italian, its English one, marked.
    assert_eq!(
        first(&index, "welder", Some("it")),
        owned("welder", "en", true)
    );
    // Dari falls back to Farsi, then English.
    assert_eq!(
        first(&index, "cook", Some("fa-AF")),
        owned("cook", "en", true)
    );
    // A language neither Attesta nor the taxonomy knows: the taxonomy's own first language.
    assert_eq!(
        first(&index, "cuoco", Some("sw")),
        owned("cuoco", "it", true)
    );
    // The Italian repertoire asked in English: its Italian titles, marked.
    let hits = search(&index, "preparazione piatti", Some("en"));
    let uc = hits
        .iter()
        .find(|h| h.node.scheme == "rrfp_toscana.unit")
        .expect("a UC");
    assert_eq!((uc.language.as_str(), uc.fallback), ("it", true));
}

#[test]
fn a_locale_that_is_not_a_language_tag_is_refused() {
    let set = attesta::builtin::frameworks();
    let index = index(&esco(["en", "it"]), &set);
    for bad in ["", "it en", "it;en", &"x".repeat(40)] {
        let options = SearchOptions {
            locale: Some(bad.to_owned()),
            ..SearchOptions::default()
        };
        let error = index.search("cuoco", &options).expect_err("not a tag");
        assert_eq!(error.kind().as_str(), "invalid_options");
    }
}

#[test]
fn lookups_state_the_locale_and_each_title_language() {
    let set = attesta::builtin::frameworks();
    let taxonomy = esco(["en", "it"]);
    let index = index(&taxonomy, &set);
    let welder = FrameworkRef::new("esco", WELDER);
    let cook = FrameworkRef::new("esco", COOK);
    let code = |node: &FrameworkRef, locale| match lookup_node_in(
        &set,
        node,
        Some(&index),
        Some(&taxonomy),
        locale,
    ) {
        NodeLookup::Code(code) => (code.title, code.title_lang, code.locale),
        other => panic!("not a code lookup: {other:?}"),
    };
    let some = |s: &str| Some(s.to_owned());
    assert_eq!(
        code(&cook, Some("it")),
        (some("cuoco"), some("it"), some("it"))
    );
    assert_eq!(
        code(&welder, Some("it")),
        (some("welder"), some("en"), some("it"))
    );
    assert_eq!(
        code(&cook, Some("ti")),
        (some("cook"), some("en"), some("ti"))
    );
    // Without a locale: Italian first, as lookups always did, and no `locale`.
    assert_eq!(code(&cook, None), (some("cuoco"), some("it"), None));

    let unit = FrameworkRef::new("rrfp_toscana.unit", "1710");
    for locale in ["en", "ar"] {
        let NodeLookup::Unit(detail) =
            lookup_node_in(&set, &unit, Some(&index), None, Some(locale))
        else {
            panic!("UC 1710 is a unit");
        };
        assert_eq!(detail.title, "Preparazione piatti");
        assert_eq!(detail.title_lang, "it");
        assert_eq!(detail.locale.as_deref(), Some(locale));
    }
    let figure = FrameworkRef::new("rrfp_toscana.qualification", "413");
    let found = lookup_node_in(&set, &figure, Some(&index), None, Some("en"));
    insta::assert_json_snapshot!("lookup_qualification_in_english", found);
    let hits = search(&index, "cook welder", Some("it"));
    insta::assert_json_snapshot!("search_in_italian_with_fallbacks", hits);
}

#[test]
fn gap_reports_state_the_locale_and_each_label_language() {
    let set = attesta::builtin::frameworks();
    let input = GapInput {
        target: FrameworkRef::new("rrfp_toscana.qualification", "413"),
        claims: Vec::new(),
        validated: Vec::new(),
        locale: Some("ar".to_owned()),
    };
    let report = analyze_gap(&set, &input).expect("a gap report");
    assert_eq!(report.locale.as_deref(), Some("ar"));
    assert_eq!(report.title_lang, "it");
    assert!(report.units.iter().all(|u| u.title_lang == "it"));
    let json = serde_json::to_value(&report).expect("serializes");
    assert_eq!(json["locale"], "ar");
    assert_eq!(json["units"][0]["title_lang"], "it");
    // Without a locale the languages are still stated, and `locale` is left out.
    let plain = analyze_gap(&set, &input.clone().with_locale(None)).expect("a gap report");
    let json = serde_json::to_value(&plain).expect("serializes");
    assert!(json.get("locale").is_none());
    assert_eq!(json["title_lang"], "it");
}

#[test]
fn an_arabic_page_marks_italian_titles_and_english_esco_labels() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/documents/documento_trasparenza/input.json"
    ))
    .expect("the corpus document");
    let mut document: Document = serde_json::from_str(&text).expect("a document");
    let Document::DocumentoTrasparenza(dt) = &mut document else {
        panic!("a Documento di trasparenza");
    };
    let title = dt.competences[0]
        .title
        .clone()
        .expect("the corpus UC has a title");
    dt.esco.push(EscoClaim {
        reference: FrameworkRef::new("esco", KNIFE),
        kind: EscoKind::Skill,
        label: None,
        label_lang: None,
        self_assessment: SelfAssessment::Yes,
    });
    // An English-only bundle: asked in Italian, the English label, said to be English.
    let mut builder = EscoBuilder::new("v1.1.1", vec!["en".to_owned()]).expect("en");
    builder
        .add_skill(&EscoSkill {
            uri: KNIFE.to_owned(),
            skill_type: None,
            reuse_level: None,
            labels: vec![labels("use knives")],
        })
        .expect("a skill");
    attesta::procedure::issue::label_esco(dt, &builder.finish().expect("esco"), "it");
    assert_eq!(dt.esco[0].label.as_deref(), Some("use knives"));
    assert_eq!(dt.esco[0].label_lang.as_deref(), Some("en"));
    let html =
        render_html(&document, &RenderOptions::default().second_language("ar")).expect("html");
    let escaped = title.replace('&', "&amp;").replace('<', "&lt;");
    assert!(
        html.contains(&format!("<span lang=\"it\" dir=\"ltr\">{escaped}</span>")),
        "the UC title is marked Italian, left to right"
    );
    assert!(html.contains("<span lang=\"en\" dir=\"ltr\">use knives</span>"));
    // An Italian-only page inherits `lang="it"` from the page: Italian titles stay unmarked,
    // the English label is still marked.
    let italian = render_html(&document, &RenderOptions::default()).expect("html");
    assert!(!italian.contains("<span lang=\"it\" dir=\"ltr\">"));
    assert!(italian.contains("<span lang=\"en\" dir=\"ltr\">use knives</span>"));
}

/// The real ESCO v1.1.1 holds English labels only: asked in Italian, it answers in English
/// and says so; asked in English, no fallback.
#[cfg(all(feature = "import", feature = "fs"))]
#[test]
fn the_real_english_esco_falls_back_to_english_for_italian() {
    use attesta::import::{import_esco, DirFiles, EscoImportOptions, ImportMode};
    let Some(dir) = real_data::folder("esco-v1.1.1-en") else {
        return;
    };
    let esco = import_esco(
        &DirFiles::new(&dir),
        &EscoImportOptions::new("v1.1.1", "en"),
        ImportMode::Lenient,
    )
    .expect("ESCO imports")
    .data;
    assert_eq!(esco.languages(), ["en"]);
    let set = attesta::builtin::frameworks();
    let mut builder = SearchIndexBuilder::new();
    builder.add_esco(
        &esco,
        &EscoLabelSelection {
            skills: false,
            alt_labels: false,
            ..EscoLabelSelection::default()
        },
    );
    let index = builder.build().expect("the index");
    let hits = search(&index, "cook", Some("it"));
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h.language == "en" && h.fallback));
    assert!(search(&index, "cook", Some("en"))
        .iter()
        .all(|h| !h.fallback));
    let uri = hits[0].node.code.clone();
    let NodeLookup::Code(code) = lookup_node_in(
        &set,
        &FrameworkRef::new("esco", &uri),
        Some(&index),
        Some(&esco),
        Some("it"),
    ) else {
        panic!("an ESCO URI is a code lookup");
    };
    assert_eq!(code.title_lang.as_deref(), Some("en"));
    assert_eq!(code.title.as_deref(), Some(hits[0].label.as_str()));
}
