//! The monitoring export for the funder: counts of cases, no person in them.
//!
//! Integration projects (FAMI and the like) report how many people they took in charge and how
//! far they got: cases by phase, outcome, target figure, UC and learning context, broken down by
//! sex, age band, country group, residence permit, project and office. [`export`] builds those
//! tables from the replayed cases and the separate monitoring attributes, hides every count
//! under `k` (default 5) and whatever would let a reader work it back out from the totals
//! ([`suppress`](self) explains how), and writes no identifier of any kind: not the case id,
//! not the person id, no name. [`MonitoringReport::to_csv`] and [`MonitoringReport::to_svg`]
//! give the CSV and the chart of cases per phase and outcome.

mod attributes;
mod chart;
mod csv_out;
mod facts;
mod suppress;
mod tables;

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use attributes::{AgeBand, MonitoringAttributes, ResidencePermit, Sex};
pub use facts::CaseFacts;
pub use tables::{Breakdown, Cell, Dimension, Row, Table, NOT_STATED};

/// The smallest count shown by default.
pub const DEFAULT_K: u64 = 5;

fn default_k() -> u64 {
    DEFAULT_K
}

fn all_breakdowns() -> Vec<Breakdown> {
    Breakdown::ALL.to_vec()
}

/// What the export counts and how much it hides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonitoringOptions {
    /// Counts from 1 to `k − 1` are hidden (with what would reveal them); at least 2.
    #[serde(default = "default_k")]
    pub k: u64,
    /// The attributes to break each dimension down by (each gives one more table per
    /// dimension); all of them by default.
    #[serde(default = "all_breakdowns")]
    pub breakdowns: Vec<Breakdown>,
}

impl Default for MonitoringOptions {
    fn default() -> Self {
        Self {
            k: DEFAULT_K,
            breakdowns: all_breakdowns(),
        }
    }
}

/// The export: the tables, and how the inputs were joined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonitoringReport {
    /// The threshold applied.
    pub k: u64,
    /// Cases counted; `null` when hidden.
    #[schemars(with = "tables::HiddenOrCount")]
    pub cases: Cell,
    /// Cases counted without monitoring attributes (their breakdown values are `not_stated`);
    /// `null` when hidden.
    #[schemars(with = "tables::HiddenOrCount")]
    pub cases_without_attributes: Cell,
    /// Attribute entries that named no case given (they were not counted).
    pub attributes_without_case: usize,
    /// One table per dimension, then per dimension × breakdown.
    pub tables: Vec<Table>,
}

/// Builds the monitoring export of `cases`, joined with `attributes` by case id.
///
/// # Errors
/// [`crate::Error::InvalidOptions`] when `k` is below 2; [`crate::Error::InvalidInput`] when two
/// attribute entries name the same case, or a code-valued attribute is not a code. Neither
/// message quotes an identifier or a value.
pub fn export(
    cases: &[CaseFacts],
    attributes: &[MonitoringAttributes],
    options: &MonitoringOptions,
) -> Result<MonitoringReport, crate::Error> {
    if options.k < 2 {
        return Err(crate::Error::InvalidOptions(
            "k must be at least 2 (k = 1 would hide nothing)".to_owned(),
        ));
    }
    let mut by_case: BTreeMap<&str, &MonitoringAttributes> = BTreeMap::new();
    for (n, a) in attributes.iter().enumerate() {
        attributes::check(a).map_err(|why| {
            crate::Error::InvalidInput(format!("monitoring attributes entry {}: {why}", n + 1))
        })?;
        if by_case.insert(a.case_id.as_str(), a).is_some() {
            return Err(crate::Error::InvalidInput(format!(
                "monitoring attributes entry {} names a case an earlier entry names",
                n + 1
            )));
        }
    }
    let joined: Vec<_> = cases
        .iter()
        .map(|c| (c, by_case.get(c.case_id.as_str()).copied()))
        .collect();
    let known: BTreeSet<&str> = cases.iter().map(|c| c.case_id.as_str()).collect();
    let attributes_without_case = by_case.keys().filter(|id| !known.contains(*id)).count();
    let without = joined.iter().filter(|(_, a)| a.is_none()).count() as u64;

    let mut breakdowns = options.breakdowns.clone();
    breakdowns.sort_unstable();
    breakdowns.dedup();
    let mut drafts = Vec::new();
    for dimension in Dimension::ALL {
        drafts.push(tables::draft(&joined, dimension, None));
        for &b in &breakdowns {
            drafts.push(tables::draft(&joined, dimension, Some(b)));
        }
    }
    // Rounds until no table hides a shared total another table still shows.
    let mut forced = BTreeSet::new();
    loop {
        let before = forced.len();
        for draft in &mut drafts {
            forced.extend(draft.protect(options.k, &forced));
        }
        if forced.len() == before {
            break;
        }
    }
    let tables: Vec<Table> = drafts.into_iter().map(tables::Draft::finish).collect();
    // The number of cases is the grand total the partition tables publish, hidden as there.
    let counted = tables.iter().find_map(|t| t.total).flatten();
    Ok(MonitoringReport {
        k: options.k,
        cases: counted,
        cases_without_attributes: (!suppress::is_small(without, options.k)).then_some(without),
        attributes_without_case,
        tables,
    })
}

#[cfg(test)]
mod tests;
