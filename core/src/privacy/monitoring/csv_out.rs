//! The monitoring export as CSV: one line per published number, hidden ones left empty.
//!
//! A long format (table, row, column, count) loads into any spreadsheet or dataframe without
//! knowing the shape of each table; the `hidden` column says why a count is empty.

use std::io::{self, Write};

use super::{MonitoringReport, Table};

impl MonitoringReport {
    /// Writes the tables as CSV: `dimension,breakdown,value,column,count,hidden` (header
    /// first); `column` is `total` for row totals, `value` is `total` for column and grand
    /// totals; a hidden count is empty with `hidden` = `suppressed`.
    ///
    /// # Errors
    /// The writer's error.
    pub fn write_csv<W: Write>(&self, out: W) -> io::Result<()> {
        let mut out = csv::Writer::from_writer(out);
        out.write_record([
            "dimension",
            "breakdown",
            "value",
            "column",
            "count",
            "hidden",
        ])
        .map_err(io_error)?;
        for table in &self.tables {
            for line in lines(table) {
                out.write_record(&line).map_err(io_error)?;
            }
        }
        out.flush()
    }
}

/// The writer's own error when there is one, so callers can tell a closed pipe (csv's
/// conversion would turn every error into `Other`).
fn io_error(error: csv::Error) -> io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

fn lines(table: &Table) -> Vec<[String; 6]> {
    let dimension = table.dimension.as_str().to_owned();
    let breakdown = table.breakdown.map_or("", |b| b.as_str()).to_owned();
    let line = |value: &str, column: &str, cell: Option<u64>| {
        [
            dimension.clone(),
            breakdown.clone(),
            value.to_owned(),
            column.to_owned(),
            cell.map_or_else(String::new, |n| n.to_string()),
            cell.map_or("suppressed", |_| "").to_owned(),
        ]
    };
    let mut lines = Vec::new();
    for row in &table.rows {
        for (column, cell) in table.columns.iter().zip(&row.cells) {
            lines.push(line(&row.value, column, *cell));
        }
        lines.push(line(&row.value, "total", row.total));
    }
    if let Some(totals) = &table.column_totals {
        for (column, cell) in table.columns.iter().zip(totals) {
            lines.push(line("total", column, *cell));
        }
    }
    if let Some(total) = table.total {
        lines.push(line("total", "total", total));
    }
    lines
}
