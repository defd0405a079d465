//! The chart of the export: cases per phase and per outcome, as an SVG the funder's report can
//! embed.
//!
//! Drawn by hand (two bar panels; a plotting crate would bring a font stack for two dozen
//! rectangles). Hidden counts are drawn as a hatched stub labelled `< k`, so the chart never
//! shows more than the tables do.

use std::fmt::Write as _;

use super::{Dimension, MonitoringReport, Table};

const WIDTH: u32 = 640;
const BAR: u32 = 22;
const GAP: u32 = 8;
const LABEL: u32 = 210;
const PANEL_TITLE: u32 = 28;

impl MonitoringReport {
    /// The chart of cases per phase and per outcome (the two tables without breakdown), SVG.
    #[must_use]
    pub fn to_svg(&self) -> String {
        let panels: Vec<&Table> = [Dimension::Phase, Dimension::Outcome]
            .iter()
            .filter_map(|d| {
                self.tables
                    .iter()
                    .find(|t| t.dimension == *d && t.breakdown.is_none())
            })
            .collect();
        let rows: u32 = panels.iter().map(|t| count(t.rows.len())).sum();
        let height = 20 + count(panels.len()) * (PANEL_TITLE + GAP) + rows * (BAR + GAP);
        let max = panels
            .iter()
            .flat_map(|t| t.rows.iter().filter_map(|r| r.total))
            .max()
            .unwrap_or(0)
            .max(self.k);
        let mut svg = String::new();
        let _ = write!(
            svg,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="13" role="img" aria-label="Cases per phase and outcome">"#
        );
        svg.push_str(
            r##"<defs><pattern id="hidden" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="3" height="6" fill="#999"/></pattern></defs>"##,
        );
        let mut y = 10;
        for table in panels {
            let _ = write!(
                svg,
                r#"<text x="4" y="{}" font-weight="bold">Cases per {}</text>"#,
                y + 18,
                table.dimension.as_str().replace('_', " ")
            );
            y += PANEL_TITLE + GAP;
            for row in &table.rows {
                bar(&mut svg, y, &row.value, row.total, max, self.k);
                y += BAR + GAP;
            }
        }
        svg.push_str("</svg>\n");
        svg
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn bar(svg: &mut String, y: u32, label: &str, value: Option<u64>, max: u64, k: u64) {
    let room = u64::from(WIDTH - LABEL - 60);
    let _ = write!(
        svg,
        r#"<text x="{}" y="{}" text-anchor="end">{}</text>"#,
        LABEL - 8,
        y + 16,
        escape(&label.replace('_', " "))
    );
    let (width, fill, text) = match value {
        Some(n) => (n * room / max.max(1), "#3a6ea5", n.to_string()),
        None => (
            (k * room / max.max(1)).max(4),
            "url(#hidden)",
            format!("&lt; {k}"),
        ),
    };
    let _ = write!(
        svg,
        r#"<rect x="{LABEL}" y="{y}" width="{width}" height="{BAR}" fill="{fill}"/><text x="{}" y="{}">{text}</text>"#,
        u64::from(LABEL) + width + 6,
        y + 16
    );
}

/// Escapes text for SVG (labels are codes and words, but a figure code comes from a framework
/// file).
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
