//! References from records and documents to nodes of frameworks.
//!
//! A reference is `{scheme, code, version}`. The scheme names the code system:
//!
//! | scheme | codes | example |
//! |---|---|---|
//! | `<framework>.qualification` | figure / profile of a regional repertoire | `rrfp_toscana.qualification` `529` |
//! | `<framework>.unit` | unit of competence (UC) of that repertoire | `rrfp_toscana.unit` `2263` |
//! | `<framework>.capacita`, `<framework>.conoscenza` | items of a UC | |
//! | `atlante_ada` | Atlante del Lavoro area di attività | `ADA.11.01.18` |
//! | `esco` | ESCO concept URI (`version` = ESCO version) | `http://data.europa.eu/esco/skill/…` |
//! | `eqf`, `qnq` | level 1–8 | `3` |
//! | `cp2021` | ISTAT CP2021 | `5.2.2.1.0` |
//! | `cp2001` | ISTAT CP2001 (the classification the ANPAL dictionary still uses) | `5.2.2.3.27` |
//! | `ateco2007` | ATECO 2007 | `56.10.11` |

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A reference to a framework node.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct FrameworkRef {
    /// The code system (see the module documentation).
    #[schemars(pattern(r"^([a-z][a-z0-9_]*\.(qualification|unit|capacita|conoscenza)|atlante_ada|esco|eqf|qnq|cp2021|cp2001|ateco2007)$"))]
    pub scheme: String,
    /// The code within the scheme.
    pub code: String,
    /// Version of the framework the code was taken from (e.g. ESCO `1.1.1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

impl FrameworkRef {
    /// A reference without version.
    pub fn new(scheme: impl Into<String>, code: impl Into<String>) -> Self {
        FrameworkRef {
            scheme: scheme.into(),
            code: code.into(),
            version: None,
        }
    }

    /// The parsed scheme, `None` when unknown.
    pub fn parsed_scheme(&self) -> Option<Scheme> {
        Scheme::parse(&self.scheme)
    }
}

impl fmt::Display for FrameworkRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.scheme, self.code)
    }
}

/// The kinds of node a regional repertoire has.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// A qualification: an RRFP *figura professionale*, a Calabrian *profilo*.
    Qualification,
    /// A unit of competence (UC); in the RRFP the *area di attività* of a figure.
    Unit,
    /// A *capacità* (skill) of a UC.
    Capacita,
    /// A *conoscenza* (knowledge item) of a UC.
    Conoscenza,
}

impl NodeKind {
    /// The word used in scheme names.
    pub const fn as_str(self) -> &'static str {
        match self {
            NodeKind::Qualification => "qualification",
            NodeKind::Unit => "unit",
            NodeKind::Capacita => "capacita",
            NodeKind::Conoscenza => "conoscenza",
        }
    }

    fn parse(word: &str) -> Option<NodeKind> {
        Some(match word {
            "qualification" => NodeKind::Qualification,
            "unit" => NodeKind::Unit,
            "capacita" => NodeKind::Capacita,
            "conoscenza" => NodeKind::Conoscenza,
            _ => return None,
        })
    }
}

/// A parsed scheme name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// A node of a regional repertoire loaded as a framework.
    Repertoire {
        /// Framework id, e.g. `rrfp_toscana`.
        framework: String,
        /// Kind of node.
        kind: NodeKind,
    },
    /// Atlante del Lavoro ADA code.
    AtlanteAda,
    /// ESCO concept URI.
    Esco,
    /// EQF level.
    Eqf,
    /// QNQ level.
    Qnq,
    /// ISTAT CP2021 code.
    Cp2021,
    /// ISTAT CP2001 code (the previous classification, still used by the ANPAL dictionary).
    Cp2001,
    /// ATECO 2007 code.
    Ateco,
}

/// The national and European scheme names, for messages.
pub const NATIONAL_SCHEMES: &[&str] = &[
    "atlante_ada",
    "esco",
    "eqf",
    "qnq",
    "cp2021",
    "cp2001",
    "ateco2007",
];

impl Scheme {
    /// Parses a scheme name.
    pub fn parse(name: &str) -> Option<Scheme> {
        Some(match name {
            "atlante_ada" => Scheme::AtlanteAda,
            "esco" => Scheme::Esco,
            "eqf" => Scheme::Eqf,
            "qnq" => Scheme::Qnq,
            "cp2021" => Scheme::Cp2021,
            "cp2001" => Scheme::Cp2001,
            "ateco2007" => Scheme::Ateco,
            other => {
                let (framework, kind) = split_repertoire(other)?;
                Scheme::Repertoire {
                    framework: framework.to_owned(),
                    kind,
                }
            }
        })
    }

    /// Whether `code` has this scheme's shape, and a description of the expected shape.
    pub fn check_code(&self, code: &str) -> (bool, &'static str) {
        use crate::formats::code_shapes as c;
        match self {
            Scheme::Repertoire { .. } => (
                c::is_repertoire_code(code),
                "1-32 letters, digits, '-', '_', '.'",
            ),
            Scheme::AtlanteAda => (c::is_atlante_ada(code), "ADA.nn.nn.nn"),
            Scheme::Esco => (c::is_esco_uri(code), "an ESCO concept URI"),
            Scheme::Eqf | Scheme::Qnq => (c::is_level(code), "a level from 1 to 8"),
            Scheme::Cp2021 => (c::is_cp2021(code), "a CP2021 code such as 5.2.2.1.0"),
            Scheme::Cp2001 => (c::is_cp2001(code), "a CP2001 code such as 5.2.2.3.27"),
            Scheme::Ateco => (c::is_ateco(code), "an ATECO 2007 code such as 56.10.11"),
        }
    }
}

/// The framework id and node kind of a repertoire scheme name (`rrfp_toscana.unit`), the id
/// borrowed from `name` (validation checks every claim's scheme, and need not copy it); `None`
/// for any other name. No national scheme name has this form.
pub(crate) fn split_repertoire(name: &str) -> Option<(&str, NodeKind)> {
    let (framework, kind) = name.split_once('.')?;
    let mut chars = framework.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    if !first_ok || !chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        return None;
    }
    Some((framework, NodeKind::parse(kind)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_schemes() {
        assert_eq!(
            Scheme::parse("rrfp_toscana.unit"),
            Some(Scheme::Repertoire {
                framework: "rrfp_toscana".into(),
                kind: NodeKind::Unit
            })
        );
        assert_eq!(Scheme::parse("atlante_ada"), Some(Scheme::AtlanteAda));
        assert_eq!(Scheme::parse("cp2001"), Some(Scheme::Cp2001));
        for bad in [
            "",
            "rrfp",
            "rrfp.figure",
            "Rrfp.unit",
            "1x.unit",
            "x-y.unit",
            "ateco",
        ] {
            assert_eq!(Scheme::parse(bad), None, "{bad}");
        }
    }
}
