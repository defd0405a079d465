//! Findings and reports in a chosen locale: a view rendered from each finding's `code` and
//! `context`; the report itself (and its JSON) stays the same in every language.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Group, Localizer};
use crate::codes::Code;
use crate::path::Path;
use crate::report::{Finding, Report, Severity};

/// A finding with its message in a chosen locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LocalizedFinding {
    /// Stable code, as in the report.
    pub code: Code,
    /// Severity, as in the report.
    pub severity: Severity,
    /// Where, as in the report.
    pub path: Path,
    /// The message, from the first catalogue of the fallback chain that has the code.
    pub message: String,
    /// The locale the message is in (the asked one, or a fallback).
    pub locale: String,
}

/// A report's findings rendered in a chosen locale (a view: the report is unchanged).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LocalizedReport {
    /// Whether the report is valid, as in the report.
    pub valid: bool,
    /// The locale asked for.
    pub locale: String,
    /// The locales tried, in order.
    pub fallback_chain: Vec<String>,
    /// Whether the asked locale is written right to left.
    pub rtl: bool,
    /// The findings, in the report's order.
    pub findings: Vec<LocalizedFinding>,
}

impl Localizer {
    /// `finding` with its message in this locale.
    ///
    /// ```
    /// # use attesta::{Code, Finding, Path, l10n::Localizer};
    /// let finding = Finding::new(Code::EvidenceNotLinked, Path::root(), Default::default());
    /// let it = Localizer::new("it")?.finding(&finding);
    /// assert!(it.message.starts_with("L'evidenza") && it.locale == "it");
    /// # Ok::<(), attesta::Error>(())
    /// ```
    pub fn finding(&self, finding: &Finding) -> LocalizedFinding {
        let (message, locale) = self
            .text(Group::Findings, finding.code.as_str(), &finding.context)
            .map_or_else(
                // Unreachable with the shipped catalogues (English has every code, see the
                // tests); the finding's own English message is the honest answer.
                || (finding.message.clone(), "en"),
                |l| (l.text, l.locale),
            );
        LocalizedFinding {
            code: finding.code,
            severity: finding.severity,
            path: finding.path.clone(),
            message,
            locale: locale.to_owned(),
        }
    }

    /// Every finding of `report` in this locale.
    pub fn report(&self, report: &Report) -> LocalizedReport {
        LocalizedReport {
            valid: report.valid,
            locale: self.locale().to_owned(),
            fallback_chain: self
                .fallback_chain()
                .iter()
                .map(|l| (*l).to_owned())
                .collect(),
            rtl: self.is_rtl(),
            findings: report.findings.iter().map(|f| self.finding(f)).collect(),
        }
    }
}

/// The English findings catalogue as generated from the code catalogue (the committed
/// `data/l10n/en/findings.ftl`): one message per code, sorted by code.
pub fn english_findings_catalogue() -> String {
    let mut codes: Vec<Code> = Code::ALL.to_vec();
    codes.sort_by_key(|c| c.as_str());
    let mut out = String::from(
        "# Finding messages: one per finding code (the code with \".\" written as \"-\").\n\
         # Placeables { $name } are filled from the finding's context.\n\
         # Generated from core/src/codes.rs (BLESS=1 cargo test --test drift); do not edit.\n\n",
    );
    for code in codes {
        out.push_str(&super::fluent_id(code.as_str()));
        out.push_str(" = ");
        out.push_str(&fluent_template(code.template()));
        out.push('\n');
    }
    out
}

/// A `{name}` template as Fluent: `{ $name }`.
fn fluent_template(template: &str) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.push_str("{ $");
        out.push_str(&after[..close]);
        out.push_str(" }");
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}
