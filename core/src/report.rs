//! Validation reports: the answer to "is this document valid, and if not, why?".
//!
//! A [`Report`] lists every [`Finding`] (not just the first). Each finding has a stable
//! [`Code`], a [`Severity`], the JSON Pointer [`Path`] of the offending value, an English
//! message and a `context` map from which a message can be rendered again in another language
//! (see `data/l10n/` and [`crate::l10n`]). The JSON form of a report is identical in Rust, Python and the browser.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::codes::Code;
use crate::error::ErrorDetails;
use crate::path::Path;

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; never makes a document invalid.
    Info,
    /// Probably wrong; makes a document invalid only in strict mode.
    Warning,
    /// Wrong; makes the document invalid.
    Error,
}

impl Severity {
    /// The lower-case name used in JSON and in the CLI.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One thing found wrong (or worth noting) in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// Stable code, e.g. `experience.end_before_start`.
    pub code: Code,
    /// How serious it is.
    pub severity: Severity,
    /// Where: a JSON Pointer into the evaluated document.
    pub path: Path,
    /// English message, rendered from the code's template and `context`.
    pub message: String,
    /// Named values for re-rendering the message (never personal data).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub context: BTreeMap<String, Value>,
}

impl Finding {
    /// A finding with the code's default severity and its message rendered from `context`.
    ///
    /// Keys in `path` longer than [`ECHO_MAX_CHARS`](crate::text::ECHO_MAX_CHARS) are shortened
    /// (ending in `…`): a path is echoed input, and must stay small whatever the input holds.
    pub fn new(code: Code, mut path: Path, context: BTreeMap<String, Value>) -> Self {
        path.shorten_keys(crate::text::ECHO_MAX_CHARS);
        Finding {
            code,
            severity: code.default_severity(),
            message: render_template(code.template(), &context),
            path,
            context,
        }
    }
}

/// Builds a finding from a code, a path and `(name, value)` context pairs. Strings in the
/// context are echoed input (ids, codes, keys) or short words of the schema, so they are cut
/// to [`ECHO_MAX_CHARS`](crate::text::ECHO_MAX_CHARS): a finding stays small whatever the input holds.
pub(crate) fn finding<const N: usize>(
    code: Code,
    path: Path,
    context: [(&str, Value); N],
) -> Finding {
    // Inserted one by one: a context has two or three entries, and collecting them would
    // first gather and sort them in a vector of their own (the last of equal names wins
    // either way).
    let mut map = BTreeMap::new();
    for (name, value) in context {
        map.insert(name.to_owned(), shorten(value));
    }
    Finding::new(code, path, map)
}

/// `value` with every string in it (also inside arrays) cut to [`ECHO_MAX_CHARS`](crate::text::ECHO_MAX_CHARS).
pub(crate) fn shorten(value: Value) -> Value {
    match value {
        Value::String(text) => match crate::text::truncate(&text, crate::text::ECHO_MAX_CHARS) {
            std::borrow::Cow::Borrowed(_) => Value::String(text),
            std::borrow::Cow::Owned(short) => Value::String(short),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(shorten).collect()),
        other => other,
    }
}

/// Fills `{name}` placeholders from `context`. Strings are inserted bare, lists joined with
/// ", ", other values as JSON; an unknown placeholder is left as it is.
pub fn render_template(template: &str, context: &BTreeMap<String, Value>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    // The braces are ASCII, so a byte search finds them at character boundaries (and costs
    // less than a `char` pattern's searcher on these short templates).
    let find = |text: &str, brace: u8| text.bytes().position(|b| b == brace);
    while let Some(open) = find(rest, b'{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        if let Some(close) = find(after, b'}') {
            let name = &after[..close];
            if let Some(value) = context.get(name) {
                push_value(&mut out, value);
            } else {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
            rest = &after[close + 1..];
        } else {
            out.push_str(&rest[open..]);
            rest = "";
        }
    }
    out.push_str(rest);
    out
}

pub(crate) fn push_value(out: &mut String, value: &Value) {
    match value {
        Value::String(s) => out.push_str(s),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                push_value(out, item);
            }
        }
        other => out.push_str(&other.to_string()),
    }
}

/// The outcome of evaluating a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// `true` when no finding makes the document invalid.
    pub valid: bool,
    /// All findings, ordered by path, then code; when a limit cut the report, the last one is
    /// `report.findings_omitted`, saying how many more were found.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Builds a report: sorts findings (by path, then code, so output is stable) and decides
    /// validity. In strict mode warnings make the document invalid too.
    pub fn from_findings(mut findings: Vec<Finding>, strict: bool) -> Self {
        findings.sort_by(|a, b| a.path.cmp(&b.path).then(a.code.cmp(&b.code)));
        findings.dedup();
        let threshold = if strict {
            Severity::Warning
        } else {
            Severity::Error
        };
        let valid = findings.iter().all(|f| f.severity < threshold);
        Report { valid, findings }
    }

    /// Findings with the given code.
    pub fn with_code(&self, code: Code) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.code == code)
    }

    /// How many findings have each severity: `(errors, warnings, infos)`.
    pub fn counts(&self) -> (usize, usize, usize) {
        self.findings
            .iter()
            .fold((0, 0, 0), |(e, w, i), f| match f.severity {
                Severity::Error => (e + 1, w, i),
                Severity::Warning => (e, w + 1, i),
                Severity::Info => (e, w, i + 1),
            })
    }
}

/// The outcome for one input file of a batch (`attesta validate` and `attesta document check`
/// in `--format json`, an array of these, and `--format jsonl`, one per line): the report when
/// the input could be evaluated, else why not. Exactly one of `report` and `error` is present.
/// A failure of the whole run (options, frameworks), and in JSON mode the failure of any other
/// command, is this without `file`: `{"error": …}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileOutcome {
    /// The input as the caller named it (`<stdin>` for standard input), shortened like any
    /// echoed text; absent when the failure concerns every input (options, frameworks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The report, when the input could be evaluated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<Report>,
    /// Why the input could not be evaluated (missing, unreadable, malformed, over a limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorDetails>,
}

impl FileOutcome {
    /// The outcome of an input that was evaluated.
    pub fn evaluated(file: impl Into<String>, report: Report) -> Self {
        FileOutcome {
            file: Some(file.into()),
            report: Some(report),
            error: None,
        }
    }

    /// The outcome of an input that could not be evaluated.
    pub fn failed(file: impl Into<String>, error: ErrorDetails) -> Self {
        FileOutcome {
            file: Some(file.into()),
            report: None,
            error: Some(error),
        }
    }

    /// A failure of the whole run, before any input was read: `{"error": …}`.
    pub fn run_failed(error: ErrorDetails) -> Self {
        FileOutcome {
            file: None,
            report: None,
            error: Some(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn template_fills_known_and_keeps_unknown_placeholders() {
        let mut ctx = BTreeMap::new();
        ctx.insert("a".to_owned(), json!("x"));
        ctx.insert("b".to_owned(), json!(["p", "q"]));
        ctx.insert("n".to_owned(), json!(3));
        assert_eq!(render_template("{a}-{b}-{n}-{c}-{", &ctx), "x-p, q-3-{c}-{");
    }

    #[test]
    fn warnings_invalidate_only_in_strict_mode() {
        let finding = Finding::new(Code::EvidenceNotLinked, Path::root(), BTreeMap::new());
        assert!(Report::from_findings(vec![finding.clone()], false).valid);
        assert!(!Report::from_findings(vec![finding], true).valid);
    }
}
