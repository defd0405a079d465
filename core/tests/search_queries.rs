//! Recall@10 of label search over the labelled query set `data/queries/queries.json`, against
//! the real ESCO v1.1.1 (English), ISTAT CP2021 and Tuscan RRFP files in `../shared/data`.
//!
//! Skipped with a message when the data folder is missing, except under `CI=true`, where a
//! missing folder fails. Run with `--release`: the index holds ~150,000 labels.

#![cfg(all(feature = "import", feature = "fs"))]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

use attesta::import::{
    import_cp2021, import_esco, import_rrfp_toscana, DirFiles, EscoImportOptions, ImportMode,
};
use attesta::model::FrameworkRef;
use attesta::search::{
    EscoLabelSelection, FrameworkLabels, SearchIndex, SearchIndexBuilder, SearchOptions,
};
use serde::Deserialize;

mod real_data;

/// Recall@10 measured on this set when the floor was set: 0.943 (245 queries; the misses are
/// colloquial Italian words no official title contains — "badante", "colf", "imbianchino",
/// "aiuto cuoco" — and English words that outrank Italian figures). The floor leaves a margin.
const RECALL_FLOOR: f64 = 0.90;

#[derive(Deserialize)]
struct QuerySet {
    queries: Vec<LabelledQuery>,
}

#[derive(Deserialize)]
struct LabelledQuery {
    query: String,
    language: String,
    expected: Vec<Expected>,
}

#[derive(Deserialize)]
struct Expected {
    scheme: String,
    code: String,
}

fn shared_data() -> Option<PathBuf> {
    real_data::folder("")
}

/// The index over ESCO (en), CP2021 level 5 (it) and the RRFP figures and UCs (it).
fn real_index(data: &Path) -> SearchIndex {
    let esco = import_esco(
        &DirFiles::new(data.join("esco-v1.1.1-en")),
        &EscoImportOptions::new("v1.1.1", "en"),
        ImportMode::Lenient,
    )
    .expect("ESCO imports")
    .data;
    let cp = import_cp2021(
        &DirFiles::new(data.join("istat-cp2021")),
        ImportMode::Strict,
    )
    .expect("CP2021 imports")
    .data;
    let rrfp = import_rrfp_toscana(
        &DirFiles::new(data.join("toscana-rrfp")),
        "2023",
        ImportMode::Lenient,
    )
    .expect("RRFP imports")
    .data;
    let mut builder = SearchIndexBuilder::new();
    builder
        .add_esco(&esco, &EscoLabelSelection::default())
        .add_classification(&cp, "it", true)
        .add_framework(&rrfp, &FrameworkLabels::default());
    builder.build().expect("index builds")
}

fn query_set() -> QuerySet {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/queries/queries.json");
    let text = std::fs::read_to_string(&path).expect("queries.json is readable");
    serde_json::from_str(&text).expect("queries.json parses")
}

fn found(hits: &[attesta::search::SearchHit], e: &Expected) -> bool {
    let want = FrameworkRef::new(e.scheme.clone(), e.code.clone());
    hits.iter()
        .any(|h| h.node.scheme == want.scheme && h.node.code == want.code)
}

/// The real index, built once for all tests of this file; `None` when the data is missing.
fn shared_index() -> Option<&'static SearchIndex> {
    static INDEX: OnceLock<Option<SearchIndex>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let data = shared_data()?;
            let started = Instant::now();
            let index = real_index(&data);
            eprintln!(
                "index: {} labels, {} nodes, built in {:?}",
                index.label_count(),
                index.node_count(),
                started.elapsed()
            );
            Some(index)
        })
        .as_ref()
}

#[test]
fn operator_examples_find_the_right_node_in_the_top_three() {
    let Some(index) = shared_index() else { return };
    for (query, scheme, label) in [
        ("forklif", "esco", "forklift operator"),
        ("carrelista", "cp2021", "Conduttori di carrelli elevatori"),
        ("cuoco", "cp2021", "Cuochi in alberghi e ristoranti"),
        (
            "saldatore elettrico",
            "cp2021",
            "Saldatori elettrici e a norme ASME",
        ),
        ("welder", "esco", "welder"),
        (
            "assistenza di base",
            "rrfp_toscana.qualification",
            "Addetta/o all'assistenza di base (DGR 934 del 31/07/2023) (529)",
        ),
    ] {
        let hits = index.search(query, &SearchOptions::top(3)).expect("search");
        assert!(
            hits.iter()
                .any(|h| h.node.scheme == scheme && h.label == label),
            "{query}: {label} not in {hits:?}"
        );
    }
}

#[test]
fn recall_at_10_over_the_labelled_query_set() {
    let Some(index) = shared_index() else { return };
    let set = query_set();
    assert!(
        set.queries.len() >= 200,
        "the query set has at least 200 queries"
    );
    let options = SearchOptions::top(10);
    let (mut recall_sum, mut misses, mut times) = (0.0, Vec::new(), Vec::new());
    for q in &set.queries {
        let started = Instant::now();
        let hits = index.search(&q.query, &options).expect("search");
        times.push(started.elapsed());
        let got = q.expected.iter().filter(|e| found(&hits, e)).count();
        #[allow(clippy::cast_precision_loss)]
        let recall = got as f64 / q.expected.len() as f64;
        recall_sum += recall;
        if recall < 1.0 {
            let top: Vec<&str> = hits.iter().take(3).map(|h| h.label.as_str()).collect();
            misses.push(format!(
                "  [{}] {:?} ({got}/{}): top {top:?}",
                q.language,
                q.query,
                q.expected.len()
            ));
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let recall = recall_sum / set.queries.len() as f64;
    eprintln!(
        "recall@10 = {recall:.3} over {} queries; incomplete:\n{}",
        set.queries.len(),
        misses.join("\n")
    );
    assert!(
        recall >= RECALL_FLOOR,
        "recall@10 {recall:.3} is below the floor {RECALL_FLOOR}"
    );
}
