//! HTML rendering of the three documents: escaping of hostile text, and the elements the law
//! wants printed ("Livello EQF", ADA codes, strength, issuer, signatory, method and learning
//! context of each UC). The whole pages
//! (Italian, Italian + English) are expected files beside the documents in `tests/documents/`,
//! compared by `documents_corpus.rs`.

use attesta::documents::{render_html, render_html_with_labels, Document, Labels, RenderOptions};

fn example(name: &str) -> Document {
    let path = format!(
        "{}/../tests/documents/{}/input.json",
        env!("CARGO_MANIFEST_DIR"),
        name.trim_end_matches(".json")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn render(name: &str, options: &RenderOptions) -> String {
    let html = render_html(&example(name), options).unwrap();
    // Set ATTESTA_RENDER_DIR to look at the pages in a browser.
    if let Ok(dir) = std::env::var("ATTESTA_RENDER_DIR") {
        let lang = options.second_language.as_deref().unwrap_or("it");
        let file = format!("{dir}/{}.{lang}.html", name.trim_end_matches(".json"));
        std::fs::write(&file, &html).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    html
}

const DOCUMENTS: [&str; 3] = [
    "documento_trasparenza.json",
    "documento_validazione.json",
    "certificato.json",
];

#[test]
fn the_page_is_self_contained_and_has_no_script() {
    for name in DOCUMENTS {
        let html = render(name, &RenderOptions::default().second_language("en"));
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"it\">"));
        let lower = html.to_lowercase();
        for banned in [
            "<script", "<link", "<img", "<iframe", "http://", "https://", "@import", "url(",
        ] {
            assert!(!lower.contains(banned), "{name} contains {banned}");
        }
        assert!(html.contains("@media print") && html.contains("size: A4"));
    }
}

#[test]
fn the_validation_document_prints_what_art6_requires() {
    let html = render("documento_validazione.json", &RenderOptions::default());
    for expected in [
        "Documento di validazione delle competenze",
        "Attestazione di parte seconda",
        "Regione Toscana",
        "Centro per l&#39;Impiego di Livorno",
        "L.R. Toscana 26 luglio 2002, n. 32",
        "Livello EQF 3",
        "ADA.11.01.20",
        "7.4.4.4.0",
        "Colloquio tecnico; Prova prestazionale",
        "Apprendimento informale",
        "Apprendimento non formale",
        "Anna Rosi",
        "DV-2024-000123",
        "03/06/2024",
        "Haddad",
        "12/04/1990",
    ] {
        assert!(html.contains(expected), "missing {expected}");
    }
    // Two UCs, each with its own block.
    assert_eq!(html.matches("<article class=\"competence\">").count(), 2);
}

#[test]
fn the_second_language_sits_beside_the_italian() {
    let html = render(
        "certificato.json",
        &RenderOptions::default().second_language("en"),
    );
    assert!(html.contains("Livello EQF<span class=\"l2i\" lang=\"en\"> / EQF level</span> 3"));
    assert!(html.contains(
        "Attestazione di parte terza<span class=\"l2\" lang=\"en\">Third-party attestation</span>"
    ));
    let italian_only = render("certificato.json", &RenderOptions::default());
    assert!(!italian_only.contains("lang=\"en\""));
}

#[test]
fn unknown_second_language_is_an_error_and_custom_catalogues_work() {
    let doc = example("certificato.json");
    let err = render_html(&doc, &RenderOptions::default().second_language("xx")).unwrap_err();
    assert_eq!(err.kind().as_str(), "invalid_options");
    let english = Labels::builtin("en").unwrap();
    let mut entries: serde_json::Map<String, serde_json::Value> = english
        .keys()
        .map(|k| (k.to_owned(), serde_json::json!(english.get(k))))
        .collect();
    entries.insert("_language".into(), serde_json::json!("fr"));
    entries.insert("eqf_level".into(), serde_json::json!("Niveau CEC"));
    let french = Labels::from_json(&serde_json::Value::Object(entries).to_string()).unwrap();
    let html = render_html_with_labels(&doc, Some(&french), false);
    assert!(html.contains("lang=\"fr\"> / Niveau CEC</span> 3"));
}

#[test]
fn hostile_text_is_escaped_everywhere() {
    let mut value: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!(
            "{}/../tests/documents/documento_trasparenza/input.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    let evil = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";
    value["id"] = evil.into();
    value["person"]["personal"]["family_name"] = evil.into();
    value["ente_titolato"]["name"] = evil.into();
    value["competences"][0]["title"] = evil.into();
    value["competences"][0]["atlante_ada"][0] = evil.into();
    value["experiences"][0]["tasks"][0] = evil.into();
    value["evidence"][0]["description"] = evil.into();
    let doc: Document = serde_json::from_value(value).unwrap();
    let html = render_html(&doc, &RenderOptions::default().second_language("en")).unwrap();
    assert!(!html.contains("<script") && !html.contains("<img"));
    assert!(
        html.matches("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img")
            .count()
            >= 7
    );
}

#[test]
fn redacted_copies_omit_the_dati_anagrafici() {
    let html = render(
        "documento_validazione.json",
        &RenderOptions::default().redact_personal_data(true),
    );
    for personal in ["Samira", "Haddad", "12/04/1990", "Tangeri (Marocco)"] {
        assert!(!html.contains(personal), "{personal}");
    }
    assert!(html.contains("dati omessi in questa copia"));
}
