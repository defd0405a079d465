//! The monitoring tables: counts of cases by one dimension, optionally broken down by one
//! monitoring attribute, with the suppression applied.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::attributes::{word, AgeBand, MonitoringAttributes, ResidencePermit, Sex};
use super::facts::CaseFacts;
use super::suppress::{Grid, SharedTotal};

/// The column of cases whose attribute was not recorded.
pub const NOT_STATED: &str = "not_stated";

/// What a table counts cases by.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// The phase of running cases (`concluded` for those with an outcome).
    Phase,
    /// The outcome of concluded cases (`in_progress` for the others).
    Outcome,
    /// The target figure, `framework:qualification`.
    Figure,
    /// The UC decisions, `qualification/unit validated|not_validated` (a case counts once per
    /// decided UC).
    Unit,
    /// The learning contexts of the experiences (a case counts once per context it has).
    LearningContext,
}

impl Dimension {
    /// Every dimension, in the export's order.
    pub const ALL: [Dimension; 5] = [
        Dimension::Phase,
        Dimension::Outcome,
        Dimension::Figure,
        Dimension::Unit,
        Dimension::LearningContext,
    ];

    /// The JSON word.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Dimension::Phase => "phase",
            Dimension::Outcome => "outcome",
            Dimension::Figure => "figure",
            Dimension::Unit => "unit",
            Dimension::LearningContext => "learning_context",
        }
    }

    /// Whether every case has exactly one value (then the rows add up to the number of cases).
    const fn partitions(self) -> bool {
        matches!(
            self,
            Dimension::Phase | Dimension::Outcome | Dimension::Figure
        )
    }

    /// The values a case has on this dimension.
    fn values(self, facts: &CaseFacts) -> Vec<String> {
        match self {
            Dimension::Phase => vec![facts.phase.to_owned()],
            Dimension::Outcome => vec![facts.outcome.to_owned()],
            Dimension::Figure => vec![facts.figure.clone()],
            Dimension::Unit => facts
                .units
                .iter()
                .map(|(unit, outcome)| format!("{unit} {outcome}"))
                .collect(),
            Dimension::LearningContext => facts.contexts.iter().map(|c| (*c).to_owned()).collect(),
        }
    }

    /// The rows always shown, in order (others follow sorted).
    fn fixed_rows(self) -> &'static [&'static str] {
        match self {
            Dimension::Phase => &[
                "accoglienza",
                "identificazione",
                "valutazione",
                "attestazione",
                "certificazione",
                "concluded",
            ],
            Dimension::Outcome => &[
                "in_progress",
                "closed_after_trasparenza",
                "withdrawn",
                "referred",
                "validated",
                "certified",
            ],
            Dimension::LearningContext => &["formale", "non_formale", "informale"],
            Dimension::Figure | Dimension::Unit => &[],
        }
    }
}

/// A monitoring attribute a table is broken down by.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
// The `attesta monitoring --by` values (kebab-case there, as clap spells every value).
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Breakdown {
    /// Sex as declared.
    Sex,
    /// Age band.
    AgeBand,
    /// Group of countries of origin.
    CountryGroup,
    /// Residence permit or protection status.
    ResidencePermit,
    /// Project.
    Project,
    /// Office or mobile unit.
    Office,
}

impl Breakdown {
    /// Every breakdown, in the export's order.
    pub const ALL: [Breakdown; 6] = [
        Breakdown::Sex,
        Breakdown::AgeBand,
        Breakdown::CountryGroup,
        Breakdown::ResidencePermit,
        Breakdown::Project,
        Breakdown::Office,
    ];

    /// The JSON word.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Breakdown::Sex => "sex",
            Breakdown::AgeBand => "age_band",
            Breakdown::CountryGroup => "country_group",
            Breakdown::ResidencePermit => "residence_permit",
            Breakdown::Project => "project",
            Breakdown::Office => "office",
        }
    }

    /// The value of a case (`not_stated` without attributes or without this one).
    fn value(self, attributes: Option<&MonitoringAttributes>) -> String {
        let Some(a) = attributes else {
            return NOT_STATED.to_owned();
        };
        let value = match self {
            Breakdown::Sex => a.sex.as_ref().map(word),
            Breakdown::AgeBand => a.age_band.as_ref().map(word),
            Breakdown::ResidencePermit => a.residence_permit.as_ref().map(word),
            Breakdown::CountryGroup => a.country_group.clone(),
            Breakdown::Project => a.project.clone(),
            Breakdown::Office => a.office.clone(),
        };
        value.unwrap_or_else(|| NOT_STATED.to_owned())
    }

    /// The columns always shown, in order (others follow sorted, then `not_stated`).
    fn fixed_columns(self) -> Vec<String> {
        match self {
            Breakdown::Sex => [Sex::Female, Sex::Male].iter().map(word).collect(),
            Breakdown::AgeBand => [
                AgeBand::Under18,
                AgeBand::From18To24,
                AgeBand::From25To34,
                AgeBand::From35To44,
                AgeBand::From45To54,
                AgeBand::From55,
            ]
            .iter()
            .map(word)
            .collect(),
            Breakdown::ResidencePermit => [
                ResidencePermit::ProtezioneInternazionale,
                ResidencePermit::ProtezioneSpeciale,
                ResidencePermit::ProtezioneTemporanea,
                ResidencePermit::RichiestaAsilo,
                ResidencePermit::Lavoro,
                ResidencePermit::Famiglia,
                ResidencePermit::Studio,
                ResidencePermit::AttesaOccupazione,
                ResidencePermit::SoggiornantiLungoPeriodo,
                ResidencePermit::Altro,
            ]
            .iter()
            .map(word)
            .collect(),
            Breakdown::CountryGroup | Breakdown::Project | Breakdown::Office => Vec::new(),
        }
    }
}

/// A count, or `None` where suppression hides it.
pub type Cell = Option<u64>;

/// The schema of a [`Cell`] that is always printed: an integer, or `null` when hidden. (An
/// `Option` field would be optional in the schema; these are never left out.)
pub(super) struct HiddenOrCount;

impl JsonSchema for HiddenOrCount {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "HiddenOrCount".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": ["integer", "null"],
            "minimum": 0,
        })
    }
}

/// One row of a table: the cases with one value of the dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// The value (a code or word).
    pub value: String,
    /// One count per column (absent in a table without breakdown); `null` when hidden.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<Cell>,
    /// The cases with this value; `null` when hidden.
    #[schemars(with = "HiddenOrCount")]
    pub total: Cell,
}

/// One table of the export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// What the rows are.
    pub dimension: Dimension,
    /// What the columns are; absent for the counts by the dimension alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakdown: Option<Breakdown>,
    /// The column values (with `not_stated` last).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    /// The rows.
    pub rows: Vec<Row>,
    /// Per column, the cases over all rows; only when every case has one row value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column_totals: Option<Vec<Cell>>,
    /// The number of cases; only when every case has one row value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Cell>,
    /// How many published numbers this table hides.
    pub hidden: usize,
}

/// The cases joined with their attributes.
pub(super) type Joined<'a> = [(&'a CaseFacts, Option<&'a MonitoringAttributes>)];

/// A table before suppression: its counts and the grid of equations over them.
pub(super) struct Draft {
    table: Table,
    counts: Vec<Vec<u64>>,
    grid: Grid,
    cell_ids: Vec<Vec<usize>>,
    row_total_ids: Vec<usize>,
    column_total_ids: Vec<usize>,
    grand_id: Option<usize>,
}

/// Counts the cases by `dimension` (and `breakdown`).
pub(super) fn draft(
    cases: &Joined<'_>,
    dimension: Dimension,
    breakdown: Option<Breakdown>,
) -> Draft {
    let mut rows: Vec<String> = dimension
        .fixed_rows()
        .iter()
        .map(|&r| r.to_owned())
        .collect();
    let mut extra_rows = BTreeSet::new();
    let mut columns: Vec<String> = breakdown.map(Breakdown::fixed_columns).unwrap_or_default();
    let mut extra_columns = BTreeSet::new();
    let mut counts: BTreeMap<(String, String), u64> = BTreeMap::new();
    for (facts, attributes) in cases {
        let column = breakdown.map_or_else(String::new, |b| b.value(*attributes));
        if breakdown.is_some() && !columns.contains(&column) && column != NOT_STATED {
            extra_columns.insert(column.clone());
        }
        for value in dimension.values(facts) {
            if !rows.contains(&value) {
                extra_rows.insert(value.clone());
            }
            *counts.entry((value, column.clone())).or_default() += 1;
        }
    }
    rows.extend(extra_rows);
    if breakdown.is_some() {
        columns.extend(extra_columns);
        columns.push(NOT_STATED.to_owned());
    }
    let width = columns.len().max(1);
    let matrix: Vec<Vec<u64>> = rows
        .iter()
        .map(|r| {
            if breakdown.is_some() {
                columns
                    .iter()
                    .map(|c| counts.get(&(r.clone(), c.clone())).copied().unwrap_or(0))
                    .collect()
            } else {
                vec![counts
                    .get(&(r.clone(), String::new()))
                    .copied()
                    .unwrap_or(0)]
            }
        })
        .collect();
    build(dimension, breakdown, rows, columns, matrix, width)
}

fn build(
    dimension: Dimension,
    breakdown: Option<Breakdown>,
    rows: Vec<String>,
    columns: Vec<String>,
    counts: Vec<Vec<u64>>,
    width: usize,
) -> Draft {
    let mut grid = Grid::default();
    let d = dimension.as_str();
    let mut cell_ids = Vec::new();
    let mut row_total_ids = Vec::new();
    for (value, row) in rows.iter().zip(&counts) {
        let total = row.iter().sum();
        let shared = Some(SharedTotal::Row(d, value.clone()));
        if breakdown.is_some() {
            let ids: Vec<usize> = row.iter().map(|&c| grid.entry(c, None)).collect();
            let t = grid.entry(total, shared);
            grid.line(&ids, t);
            cell_ids.push(ids);
            row_total_ids.push(t);
        } else {
            cell_ids.push(Vec::new());
            row_total_ids.push(grid.entry(total, shared));
        }
    }
    let mut column_total_ids = Vec::new();
    let mut grand_id = None;
    if dimension.partitions() {
        let grand = grid.entry(counts.iter().flatten().sum(), Some(SharedTotal::Grand));
        grid.line(&row_total_ids, grand);
        if let Some(b) = breakdown {
            for (j, column) in columns.iter().enumerate().take(width) {
                let parts: Vec<usize> = cell_ids.iter().map(|ids| ids[j]).collect();
                let sum = counts.iter().map(|r| r[j]).sum();
                let t = grid.entry(sum, Some(SharedTotal::Column(b.as_str(), column.clone())));
                grid.line(&parts, t);
                column_total_ids.push(t);
            }
            grid.line(&column_total_ids, grand);
        }
        grand_id = Some(grand);
    }
    // A dimension where a case counts more than once (UCs, learning contexts) publishes no
    // column or grand totals: they would not be numbers of cases.
    let table = Table {
        dimension,
        breakdown,
        columns,
        rows: Vec::new(),
        column_totals: None,
        total: None,
        hidden: 0,
    };
    Draft {
        table,
        counts,
        grid,
        cell_ids,
        row_total_ids,
        column_total_ids,
        grand_id,
    }
    .with_rows(rows)
}

impl Draft {
    fn with_rows(mut self, rows: Vec<String>) -> Self {
        self.table.rows = rows
            .into_iter()
            .map(|value| Row {
                value,
                cells: Vec::new(),
                total: None,
            })
            .collect();
        self
    }

    /// Applies the suppression; returns the shared totals this table hides.
    pub(super) fn protect(&mut self, k: u64, forced: &BTreeSet<SharedTotal>) -> Vec<SharedTotal> {
        // Hidden entries stay hidden between rounds: the forced set only grows, so the rounds
        // reach a fixed point.
        self.grid.protect(k, forced)
    }

    /// The table with the hidden entries as `null`.
    pub(super) fn finish(self) -> Table {
        let grid = &self.grid;
        let shown = |id: usize, value: u64| (!grid.is_hidden(id)).then_some(value);
        let mut table = self.table;
        let mut hidden = 0;
        for (i, row) in table.rows.iter_mut().enumerate() {
            row.cells = self.cell_ids[i]
                .iter()
                .zip(&self.counts[i])
                .map(|(&id, &v)| shown(id, v))
                .collect();
            row.total = shown(self.row_total_ids[i], self.counts[i].iter().sum());
            hidden += row.cells.iter().filter(|c| c.is_none()).count();
            hidden += usize::from(row.total.is_none());
        }
        if let Some(grand) = self.grand_id {
            let total: u64 = self.counts.iter().flatten().sum();
            table.total = Some(shown(grand, total));
            hidden += usize::from(table.total == Some(None));
            if table.breakdown.is_some() {
                let totals: Vec<Cell> = self
                    .column_total_ids
                    .iter()
                    .enumerate()
                    .map(|(j, &id)| shown(id, self.counts.iter().map(|r| r[j]).sum()))
                    .collect();
                hidden += totals.iter().filter(|c| c.is_none()).count();
                table.column_totals = Some(totals);
            }
        }
        table.hidden = hidden;
        table
    }
}
