//! Scoring label search against the labelled query set `data/queries/queries.json`: top-1 and
//! recall@10 per half (`tune`, on which ranking features were chosen, and `held_out`, which
//! measures them), and the latency of every query.

use std::time::{Duration, Instant};

use attesta::search::{SearchHit, SearchIndex, SearchOptions};
use serde_json::Value;

/// What one pass over the query set measured.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueryScores {
    /// Queries of the half scored.
    pub queries: usize,
    /// Share of queries whose first hit is an expected node.
    pub top1: f64,
    /// Mean share of expected nodes among the first 10 hits.
    pub recall_at_10: f64,
    /// Latency of each query, in query order.
    pub latencies: Vec<Duration>,
}

fn is_expected(hit: &SearchHit, expected: &Value) -> bool {
    hit.node.scheme == expected["scheme"] && hit.node.code == expected["code"]
}

/// Runs the queries of `split` (`tune`, `held_out`; `None`: all) of a parsed `queries.json`.
pub fn score_queries(index: &SearchIndex, set: &Value, split: Option<&str>) -> QueryScores {
    let queries = set["queries"].as_array().map_or(&[][..], Vec::as_slice);
    let mut scores = QueryScores::default();
    let (mut top1, mut recall) = (0_usize, 0.0);
    for q in queries
        .iter()
        .filter(|q| split.is_none_or(|s| q["split"] == s))
    {
        let text = q["query"].as_str().unwrap_or_default();
        // The operator's language is known to the interface that asks.
        let options = SearchOptions {
            query_language: q["language"].as_str().map(str::to_owned),
            ..SearchOptions::top(10)
        };
        let started = Instant::now();
        let hits = index.search(text, &options).unwrap_or_default();
        scores.latencies.push(started.elapsed());
        let expected = q["expected"].as_array().map_or(&[][..], Vec::as_slice);
        let found = expected
            .iter()
            .filter(|e| hits.iter().any(|h| is_expected(h, e)))
            .count();
        top1 += usize::from(
            hits.first()
                .is_some_and(|h| expected.iter().any(|e| is_expected(h, e))),
        );
        #[allow(clippy::cast_precision_loss)]
        {
            recall += found as f64 / expected.len().max(1) as f64;
        }
        scores.queries += 1;
    }
    #[allow(clippy::cast_precision_loss)]
    let n = scores.queries.max(1) as f64;
    #[allow(clippy::cast_precision_loss)]
    {
        scores.top1 = top1 as f64 / n;
    }
    scores.recall_at_10 = recall / n;
    scores
}

/// The `p`-th percentile (0–100) of `latencies`, in milliseconds (0 when empty).
pub fn percentile_ms(latencies: &[Duration], p: usize) -> f64 {
    let mut sorted = latencies.to_vec();
    sorted.sort();
    let at = (sorted.len() * p / 100).min(sorted.len().saturating_sub(1));
    sorted.get(at).map_or(0.0, |d| d.as_secs_f64() * 1e3)
}
