//! The Italian field names other regions' systems use, read as the fields of Attesta's
//! document schema before the check (the table is documented in `docs/document-check.md`).
//!
//! A renamed field is reported as an info (`document.mapped_field`) at its new path, so the
//! issuer can see how the document was read. A name is mapped only where the schema's own
//! name is absent; when both are present the Italian one stays and is reported as an unknown
//! field, because choosing between two values would be guessing.

use serde_json::{json, Map, Value};

use crate::codes::Code;
use crate::path::Path;
use crate::report::Finding;

/// Italian field name → schema field name. Context-free: each Italian name means the same
/// field wherever it appears.
pub const FIELD_NAMES: &[(&str, &str)] = &[
    ("versione_schema", "schema_version"),
    ("tipo_documento", "document_type"),
    ("identificativo", "id"),
    ("livello_attestazione", "strength"),
    ("persona", "person"),
    ("dati_anagrafici", "personal"),
    ("nome", "given_name"),
    ("cognome", "family_name"),
    ("data_nascita", "birth_date"),
    ("data_di_nascita", "birth_date"),
    ("luogo_nascita", "birth_place"),
    ("luogo_di_nascita", "birth_place"),
    ("codice_fiscale", "fiscal_code"),
    ("cittadinanza", "nationality"),
    ("ente_pubblico_titolare", "ente_titolare"),
    ("soggetto_titolato", "ente_titolato"),
    ("ente_titolato_erogatore", "ente_titolato"),
    ("denominazione", "title"),
    ("titolo", "title"),
    ("descrizione", "description"),
    ("competenze", "competences"),
    ("unita_competenza", "unit"),
    ("repertorio", "repertoire"),
    ("qualificazioni", "qualifications"),
    ("qualificazione", "reference"),
    ("codici_ada", "atlante_ada"),
    ("ada", "atlante_ada"),
    ("gruppi_di_correlazione", "correlation_groups"),
    ("attivita_di_lavoro", "work_activities"),
    ("livello_eqf", "eqf_level"),
    ("codici_ateco", "ateco"),
    ("codici_cp2021", "cp2021"),
    ("esperienze", "experiences"),
    ("evidenze", "evidence"),
    ("valutazione", "assessment"),
    ("metodi", "methods"),
    ("esito", "outcome"),
    ("valutatori", "assessors"),
    ("operatori", "operators"),
    ("data_rilascio", "issue_date"),
    ("data_di_rilascio", "issue_date"),
    ("luogo_rilascio", "issue_place"),
    ("luogo_di_rilascio", "issue_place"),
    ("firmatario", "signatory"),
    ("registrazione", "registration"),
    ("documento_trasparenza", "transparency_document"),
    ("documento_validazione", "validation_document"),
    ("id_procedura", "case_id"),
    ("codice", "code"),
    ("schema", "scheme"),
    ("versione", "version"),
];

/// Italian outcome words → the schema's, for `outcome`.
pub const OUTCOME_WORDS: &[(&str, &str)] = &[
    ("positivo", "positive"),
    ("parziale", "partial"),
    ("negativo", "negative"),
];

/// Renames the Italian field names of `document` (and Italian outcome words), with an info
/// finding for each.
pub(super) fn map_italian_names(document: &mut Value, findings: &mut Vec<Finding>) {
    walk(document, &Path::root(), findings, 0);
}

/// Documents are already bounded in depth by the parser; this guard keeps the walk bounded
/// for values built in memory too.
const MAX_DEPTH: usize = 128;

fn walk(value: &mut Value, at: &Path, findings: &mut Vec<Finding>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Object(object) => {
            rename_fields(object, at, findings);
            for (key, child) in object.iter_mut() {
                walk(child, &at.join(key.as_str()), findings, depth + 1);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                walk(item, &at.join(i), findings, depth + 1);
            }
        }
        _ => {}
    }
}

fn rename_fields(object: &mut Map<String, Value>, at: &Path, findings: &mut Vec<Finding>) {
    for (italian, english) in FIELD_NAMES {
        if object.contains_key(*english) {
            continue;
        }
        if let Some(value) = object.remove(*italian) {
            object.insert((*english).to_owned(), value);
            findings.push(Finding::new(
                Code::DocumentMappedField,
                at.join(*english),
                [
                    ("field".to_owned(), json!(italian)),
                    ("mapped_to".to_owned(), json!(english)),
                ]
                .into_iter()
                .collect(),
            ));
        }
    }
    if let Some(Value::String(word)) = object.get_mut("outcome") {
        if let Some((_, english)) = OUTCOME_WORDS.iter().find(|(it, _)| it == word) {
            (*english).clone_into(word);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn italian_names_are_read_as_the_schema_fields_with_an_info_each() {
        let mut doc = json!({"persona": {"dati_anagrafici": {"codice_fiscale": "x"}},
            "competenze": [{"codici_ada": [], "valutazione": {"esito": "positivo"}}],
            "title": "kept", "titolo": "left for the unknown-field warning"});
        let mut findings = Vec::new();
        map_italian_names(&mut doc, &mut findings);
        assert_eq!(doc["person"]["personal"]["fiscal_code"], json!("x"));
        assert_eq!(
            doc["competences"][0]["assessment"]["outcome"],
            json!("positive")
        );
        assert!(doc["competences"][0].get("atlante_ada").is_some());
        assert_eq!(doc["titolo"], json!("left for the unknown-field warning"));
        let paths: Vec<String> = findings.iter().map(|f| f.path.to_pointer()).collect();
        assert!(paths.contains(&"/person/personal/fiscal_code".to_owned()));
        assert!(paths.contains(&"/competences/0/atlante_ada".to_owned()));
        assert_eq!(findings.len(), 7);
    }

    #[test]
    fn every_mapped_name_is_documented() {
        let doc = include_str!("../../../../docs/document-check.md");
        for (italian, english) in FIELD_NAMES.iter().chain(OUTCOME_WORDS) {
            assert!(
                doc.contains(&format!("| `{italian}` | `{english}` |")),
                "docs/document-check.md lacks {italian} → {english}"
            );
        }
    }
}
