//! [`ImportProblem`]: one problem in a source file of an import, with its [`ProblemSeverity`].
//! These types are in every build, since [`Error::Import`](crate::Error::Import) wraps them and
//! the error catalogue is the same whatever the features; the importers need feature `import`.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How serious an [`ImportProblem`] is (see the [module docs](self)).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ProblemSeverity {
    /// A defect of the published files that the importer handles without guessing (the value
    /// or row is left out and the problem says so).
    Warning,
    /// A malformed row or file.
    #[default]
    Error,
}

impl ProblemSeverity {
    /// `warning` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemSeverity::Warning => "warning",
            ProblemSeverity::Error => "error",
        }
    }
}

/// One problem in a source file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportProblem {
    /// The file, as named in the source (e.g. `classification/skills_en.csv`).
    pub file: String,
    /// 1-based line where the row starts; 0 for a problem with the whole file.
    pub line: u64,
    /// 1-based CSV column (field number), when the problem is in one field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u64>,
    /// Warning (a defect of the published files) or error (a malformed row).
    #[serde(default)]
    pub severity: ProblemSeverity,
    /// What is wrong and what the importer did about it.
    pub reason: String,
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)?;
        if let Some(column) = self.column {
            write!(f, ":{column}")?;
        }
        write!(f, ": {}: {}", self.severity.as_str(), self.reason)
    }
}
