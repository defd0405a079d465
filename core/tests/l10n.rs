//! Languages as a user meets them: findings of a record and a Documento di trasparenza in
//! Italian, English and Arabic (snapshots of the serialized output), the fallback reported, CLDR
//! plural rules applied, right-to-left marked.

use std::collections::BTreeMap;

use attesta::documents::{render_html, Document, RenderOptions};
use attesta::l10n::{fallback_chain, resolve, Group, Localizer, LOCALES};
use attesta::procedure::Phase;
use attesta::{Code, Finding, Path, Report, ValidationOptions};
use serde_json::json;

const RECORD_WITH_FINDINGS: &str = include_str!("../../data/examples/record-with-findings.json");

fn report() -> Report {
    ValidationOptions::default()
        .reference_date(attesta::formats::Date::parse("2026-01-01").expect("a real date"))
        .build()
        .expect("valid options")
        .validate_str(RECORD_WITH_FINDINGS)
        .expect("evaluable")
}

#[test]
fn findings_render_in_italian_english_and_arabic_from_the_same_report() {
    let report = report();
    let before = serde_json::to_value(&report).expect("json");
    for locale in ["it", "en", "ar"] {
        let localized = Localizer::new(locale).expect(locale).report(&report);
        assert_eq!(localized.findings.len(), report.findings.len());
        for (shown, finding) in localized.findings.iter().zip(&report.findings) {
            assert_eq!((shown.code, &shown.path), (finding.code, &finding.path));
            assert!(fallback_chain(locale).contains(&shown.locale.as_str()));
        }
        insta::assert_json_snapshot!(format!("findings_{locale}"), localized);
    }
    // The report is the same whatever the language: localized output is a view.
    assert_eq!(serde_json::to_value(&report).expect("json"), before);
    let en = Localizer::new("en").expect("en").report(&report);
    assert!(en
        .findings
        .iter()
        .zip(&report.findings)
        .all(|(shown, finding)| shown.message == finding.message && shown.locale == "en"));
    let it = Localizer::new("it").expect("it").report(&report);
    assert!(it.findings.iter().all(|f| f.locale == "it"));
}

#[test]
fn arabic_says_which_findings_fell_back_to_english() {
    let ar = Localizer::new("ar").expect("ar");
    assert!(ar.is_rtl());
    let own = ar.finding(&Finding::new(
        Code::EndBeforeStart,
        Path::root(),
        [
            ("start".to_owned(), json!("2021-09")),
            ("end".to_owned(), json!("2016-03")),
        ]
        .into(),
    ));
    assert_eq!(own.locale, "ar");
    assert!(own.message.starts_with("تنتهي الفترة"), "{}", own.message);
    // Identifiers stay in their own direction inside Arabic text (Unicode isolates).
    assert!(
        own.message.contains("\u{2068}2016-03\u{2069}"),
        "{:?}",
        own.message
    );
    let fallback = ar.finding(&Finding::new(
        Code::AssessmentNoF2Assessor,
        Path::root(),
        BTreeMap::new(),
    ));
    assert_eq!(fallback.locale, "en");
    assert_eq!(fallback.message, "The assessment board has no F2 assessor.");
    let localized = ar.report(&report());
    assert_eq!(localized.fallback_chain, ["ar", "en", "it"]);
    assert!(localized.rtl);
}

#[test]
fn arabic_plurals_follow_cldr() {
    let ar = Localizer::new("ar").expect("ar");
    let age = |years: u32| {
        let finding = Finding::new(
            Code::EvidenceOutdated,
            Path::root(),
            [
                ("evidence".to_owned(), json!("ev-1")),
                ("years".to_owned(), json!(years)),
                ("limit".to_owned(), json!(10)),
            ]
            .into(),
        );
        ar.finding(&finding).message
    };
    // CLDR: 1 one, 2 two, 3–10 few, 11–99 many, 100 other.
    assert!(age(1).contains("سنة واحدة"), "{}", age(1));
    assert!(age(2).contains("سنتان"), "{}", age(2));
    assert!(age(3).contains("سنوات"), "{}", age(3));
    assert!(age(11).contains("سنةً"), "{}", age(11));
    assert!(age(100).contains("100\u{2069} سنة ("), "{}", age(100));
    let count = |n: u32| ar.ui("count-errors", &[("count".to_owned(), json!(n))].into());
    assert_eq!(count(0), "لا أخطاء");
    assert_eq!(count(2), "خطآن");
    let en = Localizer::new("en").expect("en");
    let en_count = |n: u32| en.ui("count-errors", &[("count".to_owned(), json!(n))].into());
    assert_eq!(
        (en_count(1), en_count(2)),
        ("1 error".to_owned(), "2 errors".to_owned())
    );
}

#[test]
fn locales_resolve_and_chains_end_in_complete_catalogues() {
    assert_eq!(resolve("ar-EG"), Some("ar"));
    assert_eq!(resolve("FA_af"), Some("prs"));
    assert_eq!(resolve("fa-IR"), Some("fa"));
    assert_eq!(resolve("sw"), None);
    assert_eq!(fallback_chain("prs"), ["prs", "fa", "en", "it"]);
    let err = Localizer::new("klingon-with-a-long-tag").expect_err("no catalogue");
    assert_eq!(err.kind().as_str(), "invalid_options");
    assert!(!err.to_string().contains("long-tag"), "{err}");
    for locale in LOCALES {
        let chain = fallback_chain(locale);
        assert_eq!(chain.first(), Some(locale));
        assert!(chain.contains(&"en") && chain.contains(&"it"), "{locale}");
        // Phases and outcomes are person-facing: every locale names them itself.
        let name = Localizer::new(locale)
            .expect("locale")
            .phase(Phase::Validated);
        assert_eq!(name.locale, *locale);
    }
    let ti = Localizer::new("ti").expect("ti");
    assert_eq!(ti.phase(Phase::Valutazione).text, "ገምጋም");
    assert_eq!(
        ti.text(Group::Ui, "phase", &BTreeMap::new())
            .map(|l| l.locale),
        Some("en")
    );
}

fn trasparenza() -> Document {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/documents/documento_trasparenza/input.json"
    ))
    .expect("corpus document");
    serde_json::from_str(&text).expect("a document")
}

#[test]
fn the_documento_di_trasparenza_prints_the_persons_language_beside_the_italian() {
    let document = trasparenza();
    let page = |language: &str| {
        render_html(
            &document,
            &RenderOptions::default().second_language(language),
        )
        .expect(language)
    };
    let ar = page("ar");
    assert!(
        ar.contains("<html lang=\"it\">"),
        "the Italian text is the document"
    );
    assert!(ar.contains("<span class=\"l2\" lang=\"ar\" dir=\"rtl\">البيانات الشخصية</span>"));
    assert!(!ar.contains("lang=\"en\""), "Arabic has every label itself");
    for (language, heading) in [
        ("fa", "اطلاعات شخصی"),
        ("ur", "ذاتی معلومات"),
        ("prs", "اطلاعات شخصی"),
    ] {
        let html = page(language);
        assert!(
            html.contains(&format!("lang=\"{language}\" dir=\"rtl\">{heading}")),
            "{language}"
        );
    }
    for (language, heading) in [
        ("ti", "ውልቃዊ ሓበሬታ"),
        ("bn", "ব্যক্তিগত তথ্য"),
        ("fr", "Données personnelles"),
    ] {
        let html = page(language);
        assert!(
            html.contains(&format!("lang=\"{language}\">{heading}")),
            "{language}"
        );
        assert!(!html.contains("dir=\"rtl\">"), "{language}");
    }
    let err =
        render_html(&document, &RenderOptions::default().second_language("sw")).expect_err("sw");
    assert_eq!(err.kind().as_str(), "invalid_options");
}
