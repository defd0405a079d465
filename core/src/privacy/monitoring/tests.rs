//! Properties of the export over random case populations: what a reader could work out from
//! the published numbers, and whether the numbers shown are right.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::*;

const PHASES: [&str; 3] = ["identificazione", "valutazione", "concluded"];
const OUTCOMES: [&str; 3] = ["validated", "withdrawn", "closed_after_trasparenza"];
const CONTEXTS: [&str; 3] = ["formale", "non_formale", "informale"];

fn facts(n: usize, phase: usize, figure: u8, units: u8, contexts: u8) -> CaseFacts {
    let concluded = PHASES[phase % 3] == "concluded";
    CaseFacts {
        case_id: format!("case-{n}"),
        phase: PHASES[phase % 3],
        outcome: if concluded {
            OUTCOMES[n % 3]
        } else {
            "in_progress"
        },
        figure: format!("rrfp_toscana:{}", 400 + u32::from(figure % 3)),
        units: (0..3)
            .filter(|b| units & (1 << b) != 0)
            .map(|b| {
                let word = if units & (8 << b) == 0 {
                    "validated"
                } else {
                    "not_validated"
                };
                (
                    format!("{}/{}", 400 + u32::from(figure % 3), 1900 + b),
                    word,
                )
            })
            .collect(),
        contexts: (0..3)
            .filter(|b| contexts & (1 << b) != 0)
            .map(|b| CONTEXTS[b])
            .collect(),
    }
}

fn attributes(n: usize, sex: u8, project: u8) -> Option<MonitoringAttributes> {
    (sex % 4 != 3).then(|| MonitoringAttributes {
        case_id: format!("case-{n}"),
        sex: match sex % 4 {
            0 => Some(Sex::Female),
            1 => Some(Sex::Male),
            _ => None,
        },
        age_band: Some(AgeBand::From25To34),
        country_group: None,
        residence_permit: (project % 2 == 0).then_some(ResidencePermit::ProtezioneSpeciale),
        project: Some(format!("progetto_{}", project % 3)),
        office: None,
    })
}

/// The equations a reader has: each row, each column, the totals.
fn equations(t: &Table) -> Vec<Vec<Cell>> {
    let mut lines = Vec::new();
    if t.breakdown.is_some() {
        for r in &t.rows {
            let mut l = r.cells.clone();
            l.push(r.total);
            lines.push(l);
        }
    }
    if let Some(total) = t.total {
        let mut l: Vec<Cell> = t.rows.iter().map(|r| r.total).collect();
        l.push(total);
        lines.push(l);
        if let Some(ct) = &t.column_totals {
            for (j, c) in ct.iter().enumerate() {
                let mut l: Vec<Cell> = t.rows.iter().map(|r| r.cells[j]).collect();
                l.push(*c);
                lines.push(l);
            }
            let mut l = ct.clone();
            l.push(total);
            lines.push(l);
        }
    }
    lines
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_hidden_count_can_be_worked_out_and_no_small_count_shows(
        population in prop::collection::vec((0..3usize, 0..3u8, 0..64u8, 0..8u8, 0..8u8, 0..3u8), 0..60),
        k in 2..8u64,
    ) {
        let cases: Vec<CaseFacts> = population
            .iter()
            .enumerate()
            .map(|(n, &(p, f, u, c, _, _))| facts(n, p, f, u, c))
            .collect();
        let attrs: Vec<MonitoringAttributes> = population
            .iter()
            .enumerate()
            .filter_map(|(n, &(_, _, _, _, s, pr))| attributes(n, s, pr))
            .collect();
        let options = MonitoringOptions { k, ..MonitoringOptions::default() };
        let report = export(&cases, &attrs, &options).unwrap();
        let mut row_hidden: BTreeMap<(Dimension, String), bool> = BTreeMap::new();
        let mut column_hidden: BTreeMap<(Breakdown, String), bool> = BTreeMap::new();
        for t in &report.tables {
            // No equation with a single unknown.
            for line in equations(t) {
                prop_assert_ne!(line.iter().filter(|c| c.is_none()).count(), 1, "{:?}", t);
            }
            // No small count in sight.
            let shown = t.rows.iter().flat_map(|r| r.cells.iter().chain([&r.total]));
            for c in shown.flatten() {
                prop_assert!(*c == 0 || *c >= k);
            }
            // A total published in several tables is hidden in all or none.
            for r in &t.rows {
                let seen = row_hidden.entry((t.dimension, r.value.clone())).or_insert(r.total.is_none());
                prop_assert_eq!(*seen, r.total.is_none());
            }
            if let (Some(b), Some(ct)) = (t.breakdown, &t.column_totals) {
                for (col, c) in t.columns.iter().zip(ct) {
                    let seen = column_hidden.entry((b, col.clone())).or_insert(c.is_none());
                    prop_assert_eq!(*seen, c.is_none());
                }
            }
        }
    }

    #[test]
    fn the_numbers_shown_are_the_true_counts(
        population in prop::collection::vec((0..3usize, 0..3u8, 0..64u8, 0..8u8, 0..4u8), 0..40),
    ) {
        let cases: Vec<CaseFacts> = population
            .iter()
            .enumerate()
            .map(|(n, &(p, f, u, c, _))| facts(n, p, f, u, c))
            .collect();
        let attrs: Vec<MonitoringAttributes> = population
            .iter()
            .enumerate()
            .filter_map(|(n, &(_, _, _, _, s))| attributes(n, s, 0))
            .collect();
        let report = export(&cases, &attrs, &MonitoringOptions::default()).unwrap();
        let phase = report
            .tables
            .iter()
            .find(|t| t.dimension == Dimension::Phase && t.breakdown == Some(Breakdown::Sex))
            .unwrap();
        let sex_of: BTreeMap<&str, &str> = attrs
            .iter()
            .map(|a| (a.case_id.as_str(), a.sex.map_or(NOT_STATED, |s| if s == Sex::Female { "female" } else { "male" })))
            .collect();
        for r in &phase.rows {
            for (col, cell) in phase.columns.iter().zip(&r.cells) {
                let truth = cases
                    .iter()
                    .filter(|c| c.phase == r.value && sex_of.get(c.case_id.as_str()).copied().unwrap_or(NOT_STATED) == col)
                    .count() as u64;
                // A hidden cell may be anything (a complement can even be a zero); a shown one
                // is exact.
                if let Some(shown) = cell {
                    prop_assert_eq!(*shown, truth);
                }
            }
        }
    }
}

#[test]
fn k_below_two_and_duplicate_attributes_are_refused_without_quoting() {
    let cases = [facts(1, 0, 0, 0, 0)];
    let err = export(
        &cases,
        &[],
        &MonitoringOptions {
            k: 1,
            ..MonitoringOptions::default()
        },
    );
    assert!(matches!(err, Err(crate::Error::InvalidOptions(_))));
    let a = attributes(1, 0, 0).unwrap();
    let err = export(&cases, &[a.clone(), a], &MonitoringOptions::default()).unwrap_err();
    assert!(matches!(err, crate::Error::InvalidInput(_)));
    assert!(!err.to_string().contains("case-1"));
    let mut bad = attributes(1, 0, 0).unwrap();
    bad.project = Some("Mario Rossi".to_owned());
    let err = export(&cases, &[bad], &MonitoringOptions::default()).unwrap_err();
    assert!(!err.to_string().contains("Mario"));
}

#[test]
fn attributes_of_unknown_cases_are_counted_not_lost() {
    let cases = [facts(1, 0, 0, 0, 0)];
    let stray = attributes(99, 0, 0).unwrap();
    let report = export(&cases, &[stray], &MonitoringOptions::default()).unwrap();
    assert_eq!(report.attributes_without_case, 1);
    let all: BTreeSet<u64> = report
        .tables
        .iter()
        .flat_map(|t| t.rows.iter().filter_map(|r| r.total))
        .collect();
    // One case: every non-zero count is 1 < k, so nothing but zeros shows.
    assert!(all.iter().all(|&n| n == 0));
}
