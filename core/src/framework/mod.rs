//! Frameworks: the standards a competence is measured against.
//!
//! A regional repertoire is a [`Framework`]: qualifications (an RRFP *figura professionale*, a
//! Calabrian *profilo*) made of units of competence (UC), each with its *capacità* and
//! *conoscenze*. Cross-walk [`Link`]s relate nodes to the Atlante del Lavoro (ADA), ESCO,
//! ISTAT CP2021 and ATECO with SKOS-like mapping relations, and [`CodeAlias`]es map old codes
//! (Atlante "ex" codes) to current ones.
//!
//! ⚠ Two different "ADA": a Tuscan RRFP *area di attività* is a regional unit that carries one
//! UC, and is modelled as a [`Unit`]; an Atlante del Lavoro ADA (`ADA.11.01.18`) is a national
//! code, referenced through [`Unit::atlante_ada`] and links with scheme `atlante_ada`.

mod builder;
mod classification;
mod esco;
mod esco_builder;
pub(crate) mod esco_columns;
mod esco_store;
mod esco_taxonomy;
mod esco_uri_index;
mod esco_views;
mod overlay;
mod set;
pub(crate) mod shared_text;
mod stamp;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::FrameworkRef;

pub use builder::{
    FrameworkNotice, FrameworkSetBuilder, FrameworkSetError, Frameworks, BUILTIN_LABEL,
};
pub use classification::{Classification, ClassificationNode};
#[cfg(feature = "import")]
pub(crate) use esco::relation_order;
pub use esco::{
    BroaderRelation, ConceptRef, EscoLabels, EscoOccupation, EscoSkill, EscoSkillGroup, IscoGroup,
    OccupationSkill, RegulatedProfession, Relevance, ReuseLevel, SkillSkillRelation, SkillType,
};
pub use esco_builder::EscoBuilder;
#[cfg(feature = "import")]
pub(crate) use esco_builder::{append, sort_grouped};
#[cfg(feature = "import")]
pub(crate) use esco_builder::{Claim, LabelTexts};
pub use esco_taxonomy::EscoTaxonomy;
#[cfg(feature = "import")]
pub(crate) use esco_uri_index::{join_uuid, split_uuid, uuid_key, UuidKey, UuidLookup};
pub use esco_views::{IscoGroupView, LabelsView, OccupationView, SkillGroupView, SkillView};
pub use overlay::{
    FrameworkOverlay, OverlayError, QualificationOverlay, ReservedActivity, UnitOverlay,
};
pub use set::{FrameworkSet, NodeRef};
pub use stamp::FrameworkStamp;

/// A versioned framework (a regional repertoire and its cross-walks).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Schema version of this document, `"1.0"`.
    pub schema_version: String,
    /// Id used in scheme names, e.g. `rrfp_toscana` (→ `rrfp_toscana.unit`).
    #[schemars(pattern(r"^[a-z][a-z0-9_]*$"))]
    pub id: String,
    /// Human title.
    pub title: String,
    /// Version or export date of the source.
    pub version: String,
    /// The ente pubblico titolare that owns the repertoire (e.g. Regione Toscana).
    pub publisher: String,
    /// Where the content comes from.
    pub source: String,
    /// Caveats about the content (what was assumed, what is a paraphrase).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Qualifications (figures, profiles).
    #[serde(default)]
    pub qualifications: Vec<Qualification>,
    /// Units of competence.
    #[serde(default)]
    pub units: Vec<Unit>,
    /// Cross-walk links from this framework's nodes to other schemes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// Old codes and the current codes they stand for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<CodeAlias>,
}

impl Framework {
    /// The version as published, without the overlays applied to it: an overlay appends
    /// ` + <overlay id> <overlay version>` to [`Framework::version`] (see [`FrameworkOverlay`]).
    pub fn base_version(&self) -> &str {
        self.version
            .split_once(" + ")
            .map_or(self.version.as_str(), |(base, _)| base)
    }
}

/// A qualification: a figure of the RRFP, a profile of another repertoire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Qualification {
    /// Code within the framework (RRFP: the number in brackets after the title).
    pub code: String,
    /// Denominazione.
    pub title: String,
    /// EQF / QNQ level (1–8), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 8))]
    pub eqf_level: Option<u8>,
    /// Tuscan *livello di complessità* (`gruppo-livello A|B|C`), verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complexity: Option<String>,
    /// Sector (settore di riferimento).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<Sector>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Codes of the UCs that make up the qualification, in order.
    pub units: Vec<String>,
    /// ATECO 2007 codes referenced by the qualification.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ateco: Vec<String>,
    /// ISTAT CP2021 codes referenced by the qualification.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cp2021: Vec<String>,
    /// Whether it leads to an *attività riservata* (regulated profession) that validation alone
    /// cannot give access to (D.I. 30/6/2015 art. 2).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reserved_activity: bool,
}

/// A sector of a repertoire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sector {
    /// Sector code.
    pub code: String,
    /// Sector title.
    pub title: String,
}

/// A unit of competence (UC).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// UC code.
    pub code: String,
    /// Title (RRFP: the *denominazione* of the area di attività).
    pub title: String,
    /// Description (Calabria: the *descrizione* of the competence).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Atlante del Lavoro ADA codes the UC refers to (current codes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub atlante_ada: Vec<String>,
    /// Capacità (skills).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capacita: Vec<Item>,
    /// Conoscenze (knowledge).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conoscenze: Vec<Item>,
    /// Attività (work activities the unit covers, e.g. Calabria's *attività*). Their codes
    /// may repeat across units (the same activity under several competences), so they are
    /// not indexed as nodes of a [`FrameworkSet`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attivita: Vec<Item>,
}

/// A capacità or a conoscenza of a UC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Code, unique within the framework (e.g. `2263.C1`).
    pub code: String,
    /// Text.
    pub text: String,
}

/// SKOS mapping relations for cross-walks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MappingRelation {
    /// `skos:exactMatch`: interchangeable.
    Exact,
    /// `skos:closeMatch`: similar enough for most uses.
    Close,
    /// `skos:broadMatch`: the target is broader.
    Broad,
    /// `skos:narrowMatch`: the target is narrower.
    Narrow,
    /// `skos:relatedMatch`: associated.
    Related,
}

/// A cross-walk from a node of this framework to a node of any scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// The node of this framework.
    pub from: FrameworkRef,
    /// The related node.
    pub to: FrameworkRef,
    /// How they relate.
    pub relation: MappingRelation,
    /// Who asserted the mapping and on what basis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
}

/// An old code that stands for a current one (e.g. `ADA.13.128.383` → `ADA.11.01.18`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeAlias {
    /// Scheme of both codes.
    pub scheme: String,
    /// The old code.
    pub alias: String,
    /// The current code.
    pub current: String,
}
