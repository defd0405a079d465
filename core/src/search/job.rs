//! Whether a query names a job: an Italian agent noun among its words ("carrellista",
//! "saldatore", "cassiera", "addetto magazzino").
//!
//! A regional qualification and a CP2021 unit often share their words ("Addetto alla
//! conduzione … carrelli" and "Conduttori di carrelli elevatori"). An operator who types an
//! activity ("spedizione", "rifiuti") means the qualification; one who types a job title
//! means the occupation, so [`names_job`] lets the ranking put occupations first for such
//! queries. The test is morphological (a handful of suffixes), not a list of jobs, so it
//! covers titles nobody listed and costs a few bytes in the WebAssembly module.

/// Endings of Italian agent nouns, in their masculine and feminine, singular and plural forms:
/// `-tore/-trice` (saldatore, collaboratrice), `-ista` (barista, gommista), `-iere/-iera`
/// (panettiere, cassiera), `-aio/-aia` (calzolaio, fornaia). Words ending in `-ante/-ente`
/// are left out: as many of them name things or people served ("ambiente", "cliente").
const AGENT_SUFFIXES: &[&str] = &[
    "tore", "tori", "trice", "trici", "ista", "isti", "iste", "iere", "ieri", "iera", "aio", "aia",
    "ai", "aie",
];

/// Letters an agent noun has before its suffix, so short words that merely end alike
/// ("vista", "lista", "mai") do not count.
const MIN_STEM: usize = 2;

/// The job word of Italian titles that follows no suffix pattern: `addetto` ("person assigned
/// to"), the first word of most job titles in Italian classifications, in its four forms.
const ASSIGNED_STEM: &str = "addett";

/// Whether one of the folded query `words` is an Italian agent noun.
pub(super) fn names_job(words: &[String]) -> bool {
    words.iter().any(|word| is_agent_noun(word))
}

fn is_agent_noun(word: &str) -> bool {
    if let Some(ending) = word.strip_prefix(ASSIGNED_STEM) {
        return matches!(ending, "o" | "a" | "i" | "e");
    }
    AGENT_SUFFIXES.iter().any(|suffix| {
        word.len() >= suffix.len() + MIN_STEM
            && word.ends_with(suffix)
            && word.is_char_boundary(word.len() - suffix.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FrameworkRef;
    use crate::search::{LabelEntry, LabelKind, NodeType, SearchIndexBuilder, SearchOptions};

    #[test]
    fn a_job_ranks_the_occupation_an_activity_the_qualification_named_alike() {
        let entry = |code: &str, node_type, label: &str| LabelEntry {
            node: FrameworkRef::new("s", code),
            node_type,
            label: label.to_owned(),
            kind: LabelKind::Pref,
            language: "it".to_owned(),
        };
        let mut builder = SearchIndexBuilder::new();
        builder
            .add(entry(
                "qualification",
                NodeType::Qualification,
                "Addetto alla gestione del magazzino",
            ))
            .add(entry(
                "occupation",
                NodeType::Occupation,
                "Addetti alla gestione dei magazzini",
            ));
        let index = builder.build().unwrap_or_default();
        let first = |query: &str| {
            let hits = index
                .search(query, &SearchOptions::top(2))
                .unwrap_or_default();
            hits.first()
                .map(|h| h.node.code.clone())
                .unwrap_or_default()
        };
        assert_eq!(first("gestione magazzino"), "qualification");
        assert_eq!(first("addetti gestione magazzino"), "occupation");
    }

    fn job(query: &str) -> bool {
        names_job(&super::super::fold::content_words(query))
    }

    #[test]
    fn italian_job_titles_name_a_job() {
        for query in [
            "carrellista",
            "saldatore elettrico",
            "Collaboratrice domestica",
            "cassiera supermercato",
            "panettiere",
            "calzolaio",
            "operai agricoli",
            "addetta assistenza di base",
            "ADDETTI magazzino",
        ] {
            assert!(job(query), "{query}");
        }
    }

    #[test]
    fn activities_and_short_words_do_not() {
        for query in [
            "spedizione",
            "rifiuti",
            "manutenzione giardini",
            "risorse umane",
            "lista",
            "vista",
            "mai",
            "addestramento",
            "welding",
        ] {
            assert!(!job(query), "{query}");
        }
    }
}
