//! Overlays (*integrazioni*): what a titolare adds to an imported repertoire — EQF levels,
//! Atlante ADA codes, ATECO and CP2021 links, the *attività riservata* flag with its legal
//! reference, descriptions — as a schema'd JSON document (`data/schemas/framework-overlay.json`).
//!
//! An overlay never silently overwrites an official value. The rules, per field:
//!
//! | field | the framework has no value | the framework has the same value | another value |
//! |---|---|---|---|
//! | `eqf_level`, `description` | set | nothing to do | [`OverlayError::Conflict`] |
//! | `atlante_ada`, `ateco`, `cp2021` | codes added | codes already there are skipped | codes are *added*; none is removed |
//! | `reserved_activity` | flag set | the legal reference is added | — (an overlay can only declare it) |
//!
//! Every value an overlay adds is traceable: a [`Link`] from the node to the value
//! (`eqf:4`, `atlante_ada:ADA.…`, `ateco2007:…`, `cp2021:…`) with `basis`
//! `integrazione <id> <version>`, and a note on the framework naming the overlay, its source
//! and, for reserved activities and descriptions, the node and the legal reference. The
//! documents print the basis next to the values (see `documents::ValueSource`). The
//! framework's `version` becomes `<version> + <overlay id> <overlay version>`, so a case and
//! its documents cite exactly what was used.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Framework, Link, MappingRelation};
use crate::formats::code_shapes::{is_ateco, is_atlante_ada, is_cp2021};
use crate::model::FrameworkRef;

/// An overlay on a framework (*integrazione*).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrameworkOverlay {
    /// Schema version of this document, `"1.0"`.
    pub schema_version: String,
    /// Short id of the overlay, e.g. `cpi_livorno_2025`; cited in versions and links.
    #[schemars(pattern(r"^[a-z][a-z0-9_]*$"))]
    pub id: String,
    /// Id of the framework it extends, e.g. `rrfp_toscana`.
    pub extends: String,
    /// When given, the framework's published version the overlay was written for (without
    /// other overlays' suffixes); another version is refused ([`OverlayError::VersionMismatch`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends_version: Option<String>,
    /// Who states these values and on what basis (an act, a DGR, an agreement).
    pub source: String,
    /// Version or date of the overlay.
    pub version: String,
    /// Caveats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Values added to qualifications (figures, profiles).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub qualifications: Vec<QualificationOverlay>,
    /// Values added to units of competence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<UnitOverlay>,
}

/// Values an overlay adds to one qualification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QualificationOverlay {
    /// The qualification's code in the framework.
    pub code: String,
    /// EQF / QNQ level (1–8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 8))]
    pub eqf_level: Option<u8>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Atlante del Lavoro ADA codes of the figure as a whole.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub atlante_ada: Vec<String>,
    /// ATECO 2007 codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ateco: Vec<String>,
    /// ISTAT CP2021 codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cp2021: Vec<String>,
    /// The qualification leads to an *attività riservata* / regulated profession.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reserved_activity: Option<ReservedActivity>,
}

/// The legal basis of an *attività riservata*.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReservedActivity {
    /// The law or act that reserves the activity (e.g. `L. 4/2013`, `D.Lgs. 81/2008 art. 73`).
    pub legal_reference: String,
}

/// Values an overlay adds to one unit of competence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitOverlay {
    /// The unit's code in the framework.
    pub code: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Atlante del Lavoro ADA codes (current codes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub atlante_ada: Vec<String>,
}

/// Why an overlay cannot be applied. `pointer` is the JSON Pointer of the value in the overlay.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OverlayError {
    /// The overlay's `schema_version` is not `1.x`.
    #[error("unsupported overlay schema version; this build reads 1.x")]
    SchemaVersion,
    /// `extends_version` differs from the loaded framework's version.
    #[error("overlay was written for version '{expected}' of '{framework}', loaded is '{found}'")]
    VersionMismatch {
        /// The framework id.
        framework: String,
        /// The version the overlay names.
        expected: String,
        /// The version loaded.
        found: String,
    },
    /// The overlay names a node the framework does not have.
    #[error("{pointer}: '{framework}' has no {kind} '{code}'")]
    UnknownNode {
        /// Where in the overlay.
        pointer: String,
        /// The framework id.
        framework: String,
        /// `qualification` or `unit`.
        kind: &'static str,
        /// The code.
        code: String,
    },
    /// A value contradicts the one the framework already has.
    #[error(
        "{pointer}: contradicts the value '{framework}' already has for {kind} '{code}' \
         (an overlay only adds values; fix the overlay or the import)"
    )]
    Conflict {
        /// Where in the overlay.
        pointer: String,
        /// The framework id.
        framework: String,
        /// `qualification` or `unit`.
        kind: &'static str,
        /// The node's code.
        code: String,
    },
    /// A value does not have the shape of its code list or range.
    #[error("{pointer}: not {expected}")]
    InvalidValue {
        /// Where in the overlay.
        pointer: String,
        /// What was expected.
        expected: &'static str,
    },
}

impl FrameworkOverlay {
    /// The `basis` of the links this overlay adds: `integrazione <id> <version>`.
    pub fn basis(&self) -> String {
        format!("integrazione {} {}", self.id, self.version)
    }

    /// Applies the overlay to `framework` (see the module documentation for the rules).
    /// On error the framework is left unchanged.
    ///
    /// # Errors
    /// An [`OverlayError`] naming the first value that cannot be applied.
    pub fn apply(&self, framework: &mut Framework) -> Result<(), OverlayError> {
        if self.schema_version != "1" && !self.schema_version.starts_with("1.") {
            return Err(OverlayError::SchemaVersion);
        }
        if let Some(expected) = &self.extends_version {
            // The published version: another overlay applied first does not change it.
            if expected != framework.base_version() {
                return Err(OverlayError::VersionMismatch {
                    framework: framework.id.clone(),
                    expected: expected.clone(),
                    found: framework.version.clone(),
                });
            }
        }
        // Work on a copy, so that a conflict half-way leaves the caller's framework intact.
        let mut next = framework.clone();
        let mut applier = Applier {
            framework: &mut next,
            basis: self.basis(),
            notes: Vec::new(),
        };
        for (i, q) in self.qualifications.iter().enumerate() {
            applier.qualification(q, &format!("/qualifications/{i}"))?;
        }
        for (i, u) in self.units.iter().enumerate() {
            applier.unit(u, &format!("/units/{i}"))?;
        }
        let mut notes = std::mem::take(&mut applier.notes);
        notes.insert(
            0,
            format!(
                "{} (source: {}) adds the values whose links have basis '{}'",
                self.basis(),
                self.source,
                self.basis()
            ),
        );
        notes.extend(self.notes.iter().map(|n| format!("{}: {n}", self.basis())));
        next.notes.extend(notes);
        next.version = format!("{} + {} {}", next.version, self.id, self.version);
        *framework = next;
        Ok(())
    }
}

struct Applier<'a> {
    framework: &'a mut Framework,
    basis: String,
    notes: Vec<String>,
}

impl Applier<'_> {
    fn qualification(&mut self, q: &QualificationOverlay, at: &str) -> Result<(), OverlayError> {
        let id = self.framework.id.clone();
        let conflict = |field: &str| OverlayError::Conflict {
            pointer: format!("{at}/{field}"),
            framework: id.clone(),
            kind: "qualification",
            code: q.code.clone(),
        };
        let Some(index) = self
            .framework
            .qualifications
            .iter()
            .position(|x| x.code == q.code)
        else {
            return Err(OverlayError::UnknownNode {
                pointer: format!("{at}/code"),
                framework: id,
                kind: "qualification",
                code: q.code.clone(),
            });
        };
        let from = FrameworkRef::new(format!("{id}.qualification"), &q.code);
        if let Some(level) = q.eqf_level {
            if !(1..=8).contains(&level) {
                return Err(invalid(at, "eqf_level", "an EQF level from 1 to 8"));
            }
            let target = &mut self.framework.qualifications[index];
            match target.eqf_level {
                None => {
                    target.eqf_level = Some(level);
                    self.link(&from, "eqf", &level.to_string(), MappingRelation::Exact);
                }
                Some(existing) if existing == level => {}
                Some(_) => return Err(conflict("eqf_level")),
            }
        }
        if let Some(text) = &q.description {
            let target = &mut self.framework.qualifications[index];
            match &target.description {
                None => {
                    target.description = Some(text.clone());
                    self.notes.push(format!(
                        "{}: description of qualification {}",
                        self.basis, q.code
                    ));
                }
                Some(existing) if existing == text => {}
                Some(_) => return Err(conflict("description")),
            }
        }
        self.qualification_codes(q, index, &from, at)?;
        if let Some(reserved) = &q.reserved_activity {
            if reserved.legal_reference.trim().is_empty() {
                return Err(invalid(
                    at,
                    "reserved_activity/legal_reference",
                    "a legal reference",
                ));
            }
            self.framework.qualifications[index].reserved_activity = true;
            self.notes.push(format!(
                "{}: qualification {} leads to an attività riservata ({})",
                self.basis, q.code, reserved.legal_reference
            ));
        }
        Ok(())
    }

    /// The ADA, ATECO and CP2021 codes of a qualification: added, never removed.
    fn qualification_codes(
        &mut self,
        q: &QualificationOverlay,
        index: usize,
        from: &FrameworkRef,
        at: &str,
    ) -> Result<(), OverlayError> {
        for (i, code) in q.atlante_ada.iter().enumerate() {
            if !is_atlante_ada(code) {
                return Err(invalid(
                    at,
                    &format!("atlante_ada/{i}"),
                    "an ADA.nn.nn.nn code",
                ));
            }
            let known = self.framework.links.iter().any(|l| {
                l.from.scheme == from.scheme
                    && l.from.code == from.code
                    && l.to.scheme == "atlante_ada"
                    && l.to.code == *code
            });
            if !known {
                self.link(from, "atlante_ada", code, MappingRelation::Exact);
            }
        }
        for (i, code) in q.ateco.iter().enumerate() {
            if !is_ateco(code) {
                return Err(invalid(at, &format!("ateco/{i}"), "an ATECO 2007 code"));
            }
            let target = &mut self.framework.qualifications[index];
            if !target.ateco.contains(code) {
                target.ateco.push(code.clone());
                self.link(from, "ateco2007", code, MappingRelation::Related);
            }
        }
        for (i, code) in q.cp2021.iter().enumerate() {
            if !is_cp2021(code) {
                return Err(invalid(at, &format!("cp2021/{i}"), "a CP2021 code"));
            }
            let target = &mut self.framework.qualifications[index];
            if !target.cp2021.contains(code) {
                target.cp2021.push(code.clone());
                self.link(from, "cp2021", code, MappingRelation::Related);
            }
        }
        Ok(())
    }

    fn unit(&mut self, u: &UnitOverlay, at: &str) -> Result<(), OverlayError> {
        let id = self.framework.id.clone();
        let Some(index) = self.framework.units.iter().position(|x| x.code == u.code) else {
            return Err(OverlayError::UnknownNode {
                pointer: format!("{at}/code"),
                framework: id,
                kind: "unit",
                code: u.code.clone(),
            });
        };
        let from = FrameworkRef::new(format!("{id}.unit"), &u.code);
        if let Some(text) = &u.description {
            let target = &mut self.framework.units[index];
            match &target.description {
                None => {
                    target.description = Some(text.clone());
                    self.notes
                        .push(format!("{}: description of unit {}", self.basis, u.code));
                }
                Some(existing) if existing == text => {}
                Some(_) => {
                    return Err(OverlayError::Conflict {
                        pointer: format!("{at}/description"),
                        framework: id,
                        kind: "unit",
                        code: u.code.clone(),
                    })
                }
            }
        }
        for (i, code) in u.atlante_ada.iter().enumerate() {
            if !is_atlante_ada(code) {
                return Err(invalid(
                    at,
                    &format!("atlante_ada/{i}"),
                    "an ADA.nn.nn.nn code",
                ));
            }
            let target = &mut self.framework.units[index];
            if !target.atlante_ada.contains(code) {
                target.atlante_ada.push(code.clone());
                self.link(&from, "atlante_ada", code, MappingRelation::Exact);
            }
        }
        Ok(())
    }

    fn link(&mut self, from: &FrameworkRef, scheme: &str, code: &str, relation: MappingRelation) {
        self.framework.links.push(Link {
            from: from.clone(),
            to: FrameworkRef::new(scheme, code),
            relation,
            basis: Some(self.basis.clone()),
        });
    }
}

fn invalid(at: &str, field: &str, expected: &'static str) -> OverlayError {
    OverlayError::InvalidValue {
        pointer: format!("{at}/{field}"),
        expected,
    }
}
