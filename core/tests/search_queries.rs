//! Top-1 and recall@10 of label search over the labelled query set `data/queries/queries.json`
//! (asserted on its held-out half, reported on the tune half), against
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
    EscoLabelSelection, FrameworkLabels, NodeType, SearchIndex, SearchIndexBuilder, SearchOptions,
};
use serde::Deserialize;

mod real_data;

/// Recall@10 on the held-out half must stay at or above this (the target).
const RECALL_FLOOR: f64 = 0.95;
/// Share of held-out queries whose first hit is an expected node must stay at or above this:
/// the target. The ranking chosen on the tune half measures 0.902 on the held-out half
/// (111 of 123), one query above it, so a regression of one query fails this test.
const TOP1_FLOOR: f64 = 0.90;

#[derive(Deserialize)]
struct QuerySet {
    queries: Vec<LabelledQuery>,
}

#[derive(Deserialize)]
struct LabelledQuery {
    query: String,
    language: String,
    /// `tune` (ranking features were chosen on it) or `held_out` (the measure).
    split: String,
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
fn a_query_naming_a_job_finds_the_occupation_before_skills_with_the_same_words() {
    let Some(index) = shared_index() else { return };
    for query in [
        "cook",
        "welder",
        "forklift operator",
        "baker",
        "plumber",
        "electrician",
        "bricklayer",
        "hairdresser",
    ] {
        let options = SearchOptions {
            query_language: Some("en".to_owned()),
            ..SearchOptions::top(10)
        };
        let hits = index.search(query, &options).expect("search");
        let first = hits.first().expect("a hit");
        assert_eq!(
            (first.node.scheme.as_str(), first.node_type),
            ("esco", NodeType::Occupation),
            "{query}: {hits:?}"
        );
        assert!(
            hits.iter().all(
                |h| !matches!(h.node_type, NodeType::Skill | NodeType::Knowledge)
                    || h.score <= first.score
            ),
            "{query}: a skill outranks the occupation: {hits:?}"
        );
    }
    // Without a query language, too: the node-type prior alone puts the job first.
    for query in ["cook", "welder", "forklift operator"] {
        let hits = index.search(query, &SearchOptions::top(5)).expect("search");
        assert_eq!(hits[0].node_type, NodeType::Occupation, "{query}: {hits:?}");
    }
}

/// Top-1 and recall@10 of one half of the query set, with the queries that missed.
struct Measured {
    queries: usize,
    top1: f64,
    recall: f64,
    report: String,
}

fn measure(index: &SearchIndex, set: &QuerySet, split: &str) -> Measured {
    let (mut top1_hits, mut recall_sum, mut lines, mut times) =
        (0_usize, 0.0, Vec::new(), Vec::new());
    let queries: Vec<&LabelledQuery> = set.queries.iter().filter(|q| q.split == split).collect();
    for q in &queries {
        // The operator's language is known to the interface that asks.
        let options = SearchOptions {
            query_language: Some(q.language.clone()),
            ..SearchOptions::top(10)
        };
        let started = Instant::now();
        let hits = index.search(&q.query, &options).expect("search");
        times.push(started.elapsed());
        let got = q.expected.iter().filter(|e| found(&hits, e)).count();
        let first = q
            .expected
            .iter()
            .any(|e| found(&hits[..hits.len().min(1)], e));
        top1_hits += usize::from(first);
        #[allow(clippy::cast_precision_loss)]
        let recall = got as f64 / q.expected.len() as f64;
        recall_sum += recall;
        if recall < 1.0 || !first {
            let top: Vec<&str> = hits.iter().take(3).map(|h| h.label.as_str()).collect();
            lines.push(format!(
                "  [{}] {:?} (top-1 {first}, {got}/{}): top {top:?}",
                q.language,
                q.query,
                q.expected.len()
            ));
        }
    }
    times.sort();
    #[allow(clippy::cast_precision_loss)]
    let n = queries.len().max(1) as f64;
    #[allow(clippy::cast_precision_loss)]
    let (top1, recall) = (top1_hits as f64 / n, recall_sum / n);
    let p99 = times
        .get((times.len() * 99 / 100).min(times.len().saturating_sub(1)))
        .copied()
        .unwrap_or_default();
    Measured {
        queries: queries.len(),
        top1,
        recall,
        report: format!(
            "{split}: {} queries, top-1 {top1:.3}, recall@10 {recall:.3}, p99 {p99:?}; missed:\n{}",
            queries.len(),
            lines.join("\n")
        ),
    }
}

#[test]
fn ranking_on_the_held_out_half_of_the_labelled_query_set() {
    let Some(index) = shared_index() else { return };
    let set = query_set();
    assert!(
        set.queries.len() >= 200,
        "the query set has at least 200 queries"
    );
    assert!(
        set.queries
            .iter()
            .all(|q| q.split == "tune" || q.split == "held_out"),
        "every query is in the tune or the held-out half"
    );
    // The tune half is reported (it is what the ranking was fitted on), not asserted.
    let tune = measure(index, &set, "tune");
    eprintln!("{}", tune.report);
    let held_out = measure(index, &set, "held_out");
    // Only the held-out scores are printed, not which queries missed: seeing them would invite
    // tuning the ranking on the half that is meant to judge it.
    eprintln!(
        "held_out: {} queries, top-1 {:.3}, recall@10 {:.3}",
        held_out.queries, held_out.top1, held_out.recall
    );
    assert!(
        held_out.queries >= 100,
        "the held-out half has at least 100 queries"
    );
    assert!(
        held_out.top1 >= TOP1_FLOOR,
        "held-out top-1 {:.3} is below {TOP1_FLOOR}",
        held_out.top1
    );
    assert!(
        held_out.recall >= RECALL_FLOOR,
        "held-out recall@10 {:.3} is below {RECALL_FLOOR}",
        held_out.recall
    );
}
