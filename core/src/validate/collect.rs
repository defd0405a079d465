//! Collecting findings within a limit, as they are found.
//!
//! A record made of millions of bad items would otherwise yield millions of findings, each a
//! few hundred bytes: far more memory than the record itself. [`Findings`] keeps at most
//! `limit` of them — always the first ones in report order (by path, then code, then the
//! order they were found), so a cut report is a prefix of the full one — and counts the rest.
//! The severity of every finding, kept or not, decides validity, so a cut never turns an
//! invalid record into a valid one.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde_json::json;

use crate::codes::Code;
use crate::path::Path;
use crate::report::{Finding, Report, Severity};

/// The findings of one evaluation; see the module documentation.
#[derive(Debug)]
pub(crate) struct Findings {
    limit: usize,
    kept: BTreeMap<(Path, Code), Vec<Finding>>,
    len: usize,
    omitted: usize,
    worst: Option<Severity>,
}

impl Findings {
    /// An empty collection that keeps at most `limit` findings.
    pub(crate) fn new(limit: usize) -> Self {
        Findings {
            limit,
            kept: BTreeMap::new(),
            len: 0,
            omitted: 0,
            worst: None,
        }
    }

    /// Adds a finding (an exact repeat of a kept one is dropped).
    pub(crate) fn push(&mut self, mut finding: Finding) {
        self.worst = self.worst.max(Some(finding.severity));
        if self.len >= self.limit {
            // Full: the new finding is kept only if it comes before the last kept one.
            let Some(((path, code), list)) = self.kept.last_key_value() else {
                self.omitted += 1;
                return;
            };
            match (&finding.path, finding.code).cmp(&(path, *code)) {
                Ordering::Greater => {
                    self.omitted += 1;
                    return;
                }
                Ordering::Equal => {
                    finding.path = Path::root();
                    if !list.contains(&finding) {
                        self.omitted += 1;
                    }
                    return;
                }
                Ordering::Less => {}
            }
        }
        // The path moves into the key (kept findings hold the root path until the report is
        // built: one path per finding, not two), so findings compare without it.
        let path = std::mem::take(&mut finding.path);
        let list = self.kept.entry((path, finding.code)).or_default();
        if list.contains(&finding) {
            return;
        }
        list.push(finding);
        self.len += 1;
        if self.len > self.limit {
            if let Some(mut last) = self.kept.last_entry() {
                last.get_mut().pop();
                if last.get().is_empty() {
                    last.remove();
                }
            }
            self.len -= 1;
            self.omitted += 1;
        }
    }

    /// Counts a finding of `code` at `path` as left out, without building it, when the
    /// collection is full and it would come after every kept finding; returns whether it did.
    /// Building a finding (message, context, path) costs more than everything else a bad
    /// one-byte item costs, so a record of millions of them skips that work.
    pub(crate) fn omit_if_full(&mut self, path: &Path, code: Code) -> bool {
        if self.len < self.limit {
            return false;
        }
        let after_last = self
            .kept
            .last_key_value()
            .is_none_or(|((last, last_code), _)| (path, code) > (last, *last_code));
        if after_last {
            self.worst = self.worst.max(Some(code.default_severity()));
            self.omitted += 1;
        }
        after_last
    }

    /// Adds every finding of `findings`.
    pub(crate) fn extend(&mut self, findings: impl IntoIterator<Item = Finding>) {
        for finding in findings {
            self.push(finding);
        }
    }

    /// The report: the kept findings in order, then `report.findings_omitted` when some were
    /// left out. In strict mode warnings make the record invalid too.
    pub(crate) fn into_report(self, strict: bool) -> Report {
        let threshold = if strict {
            Severity::Warning
        } else {
            Severity::Error
        };
        let valid = self.worst.is_none_or(|worst| worst < threshold);
        let mut findings: Vec<Finding> = Vec::with_capacity(self.len + 1);
        for ((mut path, _), list) in self.kept {
            let count = list.len();
            for (at, mut finding) in list.into_iter().enumerate() {
                finding.path = if at + 1 == count {
                    std::mem::take(&mut path)
                } else {
                    path.clone()
                };
                findings.push(finding);
            }
        }
        if self.omitted > 0 {
            findings.push(Finding::new(
                Code::FindingsOmitted,
                Path::root(),
                [
                    ("omitted".to_owned(), json!(self.omitted)),
                    ("limit".to_owned(), json!(self.limit)),
                ]
                .into(),
            ));
        }
        Report { valid, findings }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(index: usize, code: Code) -> Finding {
        Finding::new(code, Path::root().child("x").child(index), BTreeMap::new())
    }

    #[test]
    fn keeps_the_first_findings_in_report_order_and_counts_the_rest() {
        let mut all = Findings::new(usize::MAX);
        let mut cut = Findings::new(3);
        for i in [9, 2, 7, 2, 0, 5, 1] {
            for f in [&mut all, &mut cut] {
                f.push(at(i, Code::InvalidDate));
            }
        }
        // An exact repeat (index 2) counts once, as in the full report.
        let full = all.into_report(false);
        assert_eq!(full.findings.len(), 6);
        let report = cut.into_report(false);
        assert_eq!(report.findings[..3], full.findings[..3]);
        let last = &report.findings[3];
        assert_eq!(last.code, Code::FindingsOmitted);
        assert_eq!(
            last.message,
            "3 more findings were left out of this report (limit 3)."
        );
        assert!(!report.valid);
    }

    #[test]
    fn an_omitted_error_still_makes_the_record_invalid() {
        let mut cut = Findings::new(1);
        cut.push(at(0, Code::EvidenceNotLinked));
        cut.push(at(1, Code::InvalidDate));
        let report = cut.into_report(false);
        assert_eq!(report.findings[0].code, Code::EvidenceNotLinked);
        assert!(!report.valid);
    }
}
