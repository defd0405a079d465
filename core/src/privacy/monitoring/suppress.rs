//! Small-cell suppression that also holds against differencing.
//!
//! A published table is a set of linear equations: each row's cells add up to the row total,
//! each column's to the column total, the totals to the grand total. Hiding a small cell is
//! not enough when it is the only hidden entry of one of those equations: the reader subtracts
//! the others from the total. So after the primary suppression (every count from 1 to k − 1),
//! every equation with exactly one hidden entry gets a second one hidden (complementary
//! suppression), until none is left — the classic audit statistical offices run. Totals that
//! several tables share (the counts by phase appear in the phase table and in every phase ×
//! breakdown table) are hidden in all of them when hidden in one, so the tables cannot be
//! differenced against each other either.
//!
//! The choice of the complementary cell prefers the smallest non-zero inner cell (it costs the
//! least information), then a zero cell, and a total only as a last resort.

use std::collections::BTreeSet;

/// Whether a count is hidden in its own right (primary suppression): 1 to k − 1. A zero is
/// shown: it names nobody.
pub(super) fn is_small(count: u64, k: u64) -> bool {
    count > 0 && count < k
}

/// A total that several tables publish: hidden in one, hidden in all.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum SharedTotal {
    /// The count of one value of a dimension (`phase`, `accoglienza`).
    Row(&'static str, String),
    /// The count of one value of a breakdown over all cases (`sex`, `female`).
    Column(&'static str, String),
    /// The number of cases.
    Grand,
}

/// The entries of one table as the suppression sees them.
#[derive(Debug, Default)]
pub(super) struct Grid {
    values: Vec<u64>,
    shared: Vec<Option<SharedTotal>>,
    hidden: Vec<bool>,
    lines: Vec<Vec<usize>>,
}

impl Grid {
    /// Adds an entry; `shared` names it when it is a total other tables publish too.
    pub(super) fn entry(&mut self, value: u64, shared: Option<SharedTotal>) -> usize {
        self.values.push(value);
        self.shared.push(shared);
        self.hidden.push(false);
        self.values.len() - 1
    }

    /// Adds an equation: the entries `parts` add up to the entry `total`.
    pub(super) fn line(&mut self, parts: &[usize], total: usize) {
        let mut line = parts.to_vec();
        line.push(total);
        self.lines.push(line);
    }

    /// Whether entry `i` is hidden.
    pub(super) fn is_hidden(&self, i: usize) -> bool {
        self.hidden.get(i).copied().unwrap_or(true)
    }

    /// Hides the small counts, the shared totals hidden elsewhere, and then complementary
    /// entries until no equation has a single hidden entry. Returns the shared totals hidden.
    pub(super) fn protect(&mut self, k: u64, forced: &BTreeSet<SharedTotal>) -> Vec<SharedTotal> {
        for i in 0..self.values.len() {
            let small = is_small(self.values[i], k);
            let forced = self.shared[i].as_ref().is_some_and(|s| forced.contains(s));
            if small || forced {
                self.hidden[i] = true;
            }
        }
        // Each pass hides at least one more entry, so this ends within `values.len()` passes.
        while let Some(line) = self.exposed_line() {
            let Some(pick) = self.complement(line) else {
                break;
            };
            self.hidden[pick] = true;
        }
        (0..self.values.len())
            .filter(|&i| self.hidden[i])
            .filter_map(|i| self.shared[i].clone())
            .collect()
    }

    /// The first equation with exactly one hidden entry.
    fn exposed_line(&self) -> Option<usize> {
        self.lines
            .iter()
            .position(|line| line.iter().filter(|&&i| self.hidden[i]).count() == 1)
    }

    /// The entry to hide in `line` besides its hidden one.
    fn complement(&self, line: usize) -> Option<usize> {
        let line = &self.lines[line];
        let (parts, total) = line.split_at(line.len() - 1);
        let open = |i: &&usize| !self.hidden[**i];
        parts
            .iter()
            .filter(open)
            .filter(|&&i| self.values[i] > 0)
            .min_by_key(|&&i| (self.values[i], i))
            .or_else(|| parts.iter().find(open))
            .or_else(|| total.iter().find(open))
            .copied()
    }

    /// The audit a reader could run: true when no equation has exactly one hidden entry.
    #[cfg(test)]
    pub(super) fn audit(&self) -> bool {
        self.exposed_line().is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rows × columns table with row, column and grand totals.
    fn grid(cells: &[&[u64]]) -> (Grid, Vec<Vec<usize>>) {
        let mut g = Grid::default();
        let ids: Vec<Vec<usize>> = cells
            .iter()
            .map(|row| row.iter().map(|&v| g.entry(v, None)).collect())
            .collect();
        let row_totals: Vec<usize> = cells
            .iter()
            .zip(&ids)
            .map(|(row, row_ids)| {
                let t = g.entry(row.iter().sum(), None);
                g.line(row_ids, t);
                t
            })
            .collect();
        let columns = cells.first().map_or(0, |r| r.len());
        let col_totals: Vec<usize> = (0..columns)
            .map(|j| {
                let col: Vec<usize> = ids.iter().map(|r| r[j]).collect();
                let t = g.entry(cells.iter().map(|r| r[j]).sum(), None);
                g.line(&col, t);
                t
            })
            .collect();
        let grand = g.entry(cells.iter().flat_map(|r| r.iter()).sum(), None);
        g.line(&row_totals, grand);
        g.line(&col_totals, grand);
        (g, ids)
    }

    #[test]
    fn a_lone_small_cell_gets_a_complement_in_its_row_and_column() {
        let (mut g, ids) = grid(&[&[3, 10, 12], &[9, 11, 20]]);
        g.protect(5, &BTreeSet::new());
        assert!(g.is_hidden(ids[0][0]));
        // The row's smallest other cell and the column's other cell are hidden with it.
        assert!(g.is_hidden(ids[0][1]));
        assert!(g.is_hidden(ids[1][0]));
        assert!(g.audit());
    }

    #[test]
    fn large_counts_stay_visible() {
        let (mut g, ids) = grid(&[&[30, 10], &[9, 11]]);
        g.protect(5, &BTreeSet::new());
        assert!(ids.iter().flatten().all(|&i| !g.is_hidden(i)));
    }

    #[test]
    fn a_forced_shared_total_is_hidden_and_protected() {
        let mut grid = Grid::default();
        let small = grid.entry(20, Some(SharedTotal::Row("phase", "a".into())));
        let forced_one = grid.entry(30, Some(SharedTotal::Row("phase", "b".into())));
        let large = grid.entry(40, Some(SharedTotal::Row("phase", "c".into())));
        let total = grid.entry(90, Some(SharedTotal::Grand));
        grid.line(&[small, forced_one, large], total);
        let forced = BTreeSet::from([SharedTotal::Row("phase", "b".into())]);
        let hidden = grid.protect(5, &forced);
        // The forced total is hidden, and the smallest other entry with it.
        assert!(grid.is_hidden(forced_one) && grid.is_hidden(small) && !grid.is_hidden(large));
        assert_eq!(hidden.len(), 2);
        assert!(grid.audit());
    }
}
