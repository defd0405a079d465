//! Structured lookups that follow a search: a figure's UCs, ADA, EQF level and cross-walks, a
//! UC's capacità/conoscenze, and what an (old or current) code stands for.
//!
//! All functions take a [`FrameworkSet`] and return owned, serializable documents; `None` means
//! the node is not in the set. Titles of nodes of other schemes (ESCO, CP2021) come from an
//! optional [`SearchIndex`] holding their labels.
//!
//! Every title says its language (`title_lang`, `to_title_lang`): the repertoires' titles are
//! Italian ([`FRAMEWORK_LANGUAGE`]); an indexed label is picked for the requested locale of
//! [`lookup_node_in`] along [`crate::l10n::pick_label`]'s order, and the answer states the
//! `locale` asked, so a title in another language is a visible fallback.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::SearchIndex;
use crate::framework::{
    EscoTaxonomy, FrameworkSet, Item, Link, MappingRelation, NodeRef, OccupationView,
    RegulatedProfession, Sector, Unit,
};
use crate::l10n::FRAMEWORK_LANGUAGE;
use crate::model::{FrameworkRef, NodeKind};

/// A UC as listed in a qualification profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitSummary {
    /// The UC.
    pub unit: FrameworkRef,
    /// Its title.
    pub title: String,
    /// The language of the title (the repertoire's: `it`).
    pub title_lang: String,
    /// Atlante ADA codes it refers to.
    pub atlante_ada: Vec<String>,
    /// How many capacità the framework lists for it.
    pub capacita_count: usize,
    /// How many conoscenze the framework lists for it.
    pub conoscenze_count: usize,
}

/// A cross-walk from a node of a framework to a node of another scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CrossLink {
    /// The framework node the link starts from (the figure itself or one of its UCs).
    pub from: FrameworkRef,
    /// The related node.
    pub to: FrameworkRef,
    /// Its title, when known (repertoire node, or a label in the index given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_title: Option<String>,
    /// The language of `to_title`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_title_lang: Option<String>,
    /// SKOS mapping relation.
    pub relation: MappingRelation,
    /// Who asserted it and on what basis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
}

/// Everything an operator asks about a qualification (figura professionale).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QualificationProfile {
    /// The qualification.
    pub qualification: FrameworkRef,
    /// Its title.
    pub title: String,
    /// The language of the title (the repertoire's: `it`).
    pub title_lang: String,
    /// The locale the titles were asked in ([`lookup_node_in`]); absent when none was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// EQF level, when the framework states one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eqf_level: Option<u8>,
    /// Tuscan *livello di complessità*, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complexity: Option<String>,
    /// Sector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<Sector>,
    /// Its UCs, in order.
    pub units: Vec<UnitSummary>,
    /// Atlante ADA codes of its UCs and of its `atlante_ada` links, sorted, once each.
    pub atlante_ada: Vec<String>,
    /// CP2021 codes it references directly.
    pub cp2021: Vec<String>,
    /// Cross-walks from the qualification and from its UCs (ESCO, CP2021, ADA, …).
    pub crosswalk: Vec<CrossLink>,
}

/// A UC with its capacità and conoscenze.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitDetail {
    /// The UC.
    pub unit: FrameworkRef,
    /// Its title.
    pub title: String,
    /// The language of the title, of the capacità and of the conoscenze (the repertoire's:
    /// `it`).
    pub title_lang: String,
    /// The locale the titles were asked in ([`lookup_node_in`]); absent when none was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Atlante ADA codes it refers to.
    pub atlante_ada: Vec<String>,
    /// Capacità.
    pub capacita: Vec<Item>,
    /// Conoscenze.
    pub conoscenze: Vec<Item>,
    /// The qualifications that include it.
    pub qualifications: Vec<FrameworkRef>,
    /// Its cross-walks.
    pub crosswalk: Vec<CrossLink>,
}

/// What a code stands for, after following old-code aliases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeLookup {
    /// The code as asked.
    pub requested: FrameworkRef,
    /// The current code (equal to `requested` unless it was an alias).
    pub current: FrameworkRef,
    /// Whether `requested` was an old code.
    pub was_alias: bool,
    /// Title of the node, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The language of the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_lang: Option<String>,
    /// The locale the titles were asked in ([`lookup_node_in`]); absent when none was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Framework nodes that point at it: UCs through `atlante_ada`, any node through links.
    pub referenced_by: Vec<CrossLink>,
    /// For an ESCO occupation: what ESCO says about it being a regulated profession (filled
    /// by [`CodeLookup::with_esco`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regulated_profession: Option<RegulatedProfession>,
}

impl CodeLookup {
    /// Adds what `esco` knows of the looked-up node when it is one of its occupations (scheme
    /// `esco`, code = concept URI): its regulated-profession note.
    #[must_use]
    pub fn with_esco(mut self, esco: &EscoTaxonomy) -> Self {
        if self.current.scheme == "esco" && self.regulated_profession.is_none() {
            self.regulated_profession = esco
                .occupation(&self.current.code)
                .and_then(OccupationView::regulated_profession);
        }
        self
    }
}

/// The answer to "what is `SCHEME:CODE`?" (`attesta search --lookup`, `attesta framework
/// lookup`), tagged by `kind`: a qualification's profile, a UC's detail, or, for any other
/// node (an old or current code of any scheme), what the code stands for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NodeLookup {
    /// A loaded qualification (figura professionale).
    Qualification(QualificationProfile),
    /// A loaded UC.
    Unit(UnitDetail),
    /// Any other code: what it stands for after following old-code aliases.
    Code(CodeLookup),
}

/// Looks `node` up: the profile of a loaded qualification, the detail of a loaded UC, else
/// [`lookup_code`] (with ESCO's regulated-profession note when `esco` is given). Titles from
/// `labels` are in Italian when the node has an Italian label, else English, else its first
/// language; [`lookup_node_in`] asks for a locale.
pub fn lookup_node(
    set: &FrameworkSet,
    node: &FrameworkRef,
    labels: Option<&SearchIndex>,
    esco: Option<&EscoTaxonomy>,
) -> NodeLookup {
    lookup_node_in(set, node, labels, esco, None)
}

/// [`lookup_node`] with titles for `locale` (a language tag): each indexed title is the
/// node's label in that language, else in the first language of its fallback chain the node
/// has, else in the node's own language (see [`crate::l10n::pick_label`]); the repertoires'
/// titles stay Italian. The answer states `locale` and each title's language.
pub fn lookup_node_in(
    set: &FrameworkSet,
    node: &FrameworkRef,
    labels: Option<&SearchIndex>,
    esco: Option<&EscoTaxonomy>,
    locale: Option<&str>,
) -> NodeLookup {
    let titles = Titles {
        set,
        labels,
        locale,
    };
    let found = match set.resolve(node) {
        Some(NodeRef::Qualification(..)) => profile(&titles, node).map(NodeLookup::Qualification),
        Some(NodeRef::Unit(..)) => detail(&titles, node).map(NodeLookup::Unit),
        _ => None,
    };
    found.unwrap_or_else(|| {
        let code = code_lookup(&titles, &node.scheme, &node.code);
        NodeLookup::Code(match esco {
            Some(esco) => code.with_esco(esco),
            None => code,
        })
    })
}

/// Where titles come from and in what locale they are asked.
#[derive(Clone, Copy)]
struct Titles<'a> {
    set: &'a FrameworkSet,
    labels: Option<&'a SearchIndex>,
    locale: Option<&'a str>,
}

impl<'a> Titles<'a> {
    fn new(set: &'a FrameworkSet, labels: Option<&'a SearchIndex>) -> Self {
        Titles {
            set,
            labels,
            locale: None,
        }
    }

    fn locale(&self) -> Option<String> {
        self.locale.map(str::to_owned)
    }

    /// The title of `node` and its language: a repertoire node's (Italian), else its label in
    /// the index, picked for the locale (without one: Italian, English, then the node's first
    /// language, as before locales were asked).
    fn title_of(&self, node: &FrameworkRef) -> Option<(String, String)> {
        if let Some(found) = self.set.resolve(node) {
            return Some((found.title().to_owned(), FRAMEWORK_LANGUAGE.to_owned()));
        }
        let bare = FrameworkRef::new(node.scheme.clone(), node.code.clone());
        let label = self
            .labels?
            .label_for(&bare, Some(self.locale.unwrap_or(FRAMEWORK_LANGUAGE)))?;
        Some((label.text.to_owned(), label.lang.to_owned()))
    }
}

/// The profile of a qualification, or `None` when `qualification` is not a loaded
/// qualification.
pub fn qualification_profile(
    set: &FrameworkSet,
    qualification: &FrameworkRef,
    labels: Option<&SearchIndex>,
) -> Option<QualificationProfile> {
    profile(&Titles::new(set, labels), qualification)
}

fn profile(titles: &Titles<'_>, qualification: &FrameworkRef) -> Option<QualificationProfile> {
    let set = titles.set;
    let NodeRef::Qualification(framework, q) = set.resolve(qualification)? else {
        return None;
    };
    let unit_ref = |code: &str| FrameworkRef::new(format!("{}.unit", framework.id), code);
    let units: Vec<(&Unit, FrameworkRef)> = q
        .units
        .iter()
        .filter_map(|code| match set.node(&framework.id, NodeKind::Unit, code) {
            Some(NodeRef::Unit(_, u)) => Some((u, unit_ref(code))),
            _ => None,
        })
        .collect();
    let mut crosswalk = links(titles, qualification);
    for (_, r) in &units {
        crosswalk.extend(links(titles, r));
    }
    let mut ada: Vec<String> = units
        .iter()
        .flat_map(|(u, _)| u.atlante_ada.iter().cloned())
        .chain(
            crosswalk
                .iter()
                .filter(|l| l.to.scheme == "atlante_ada")
                .map(|l| l.to.code.clone()),
        )
        .collect();
    ada.sort();
    ada.dedup();
    Some(QualificationProfile {
        qualification: qualification.clone(),
        title: q.title.clone(),
        title_lang: FRAMEWORK_LANGUAGE.to_owned(),
        locale: titles.locale(),
        eqf_level: q.eqf_level,
        complexity: q.complexity.clone(),
        sector: q.sector.clone(),
        units: units
            .into_iter()
            .map(|(u, unit)| UnitSummary {
                unit,
                title: u.title.clone(),
                title_lang: FRAMEWORK_LANGUAGE.to_owned(),
                atlante_ada: u.atlante_ada.clone(),
                capacita_count: u.capacita.len(),
                conoscenze_count: u.conoscenze.len(),
            })
            .collect(),
        atlante_ada: ada,
        cp2021: q.cp2021.clone(),
        crosswalk,
    })
}

/// A UC with its capacità/conoscenze, or `None` when `unit` is not a loaded UC.
pub fn unit_detail(
    set: &FrameworkSet,
    unit: &FrameworkRef,
    labels: Option<&SearchIndex>,
) -> Option<UnitDetail> {
    detail(&Titles::new(set, labels), unit)
}

fn detail(titles: &Titles<'_>, unit: &FrameworkRef) -> Option<UnitDetail> {
    let set = titles.set;
    let NodeRef::Unit(framework, u) = set.resolve(unit)? else {
        return None;
    };
    Some(UnitDetail {
        unit: unit.clone(),
        title: u.title.clone(),
        title_lang: FRAMEWORK_LANGUAGE.to_owned(),
        locale: titles.locale(),
        atlante_ada: u.atlante_ada.clone(),
        capacita: u.capacita.clone(),
        conoscenze: u.conoscenze.clone(),
        qualifications: set
            .qualifications_with_unit(&framework.id, &u.code)
            .map(|q| FrameworkRef::new(format!("{}.qualification", framework.id), &q.code))
            .collect(),
        crosswalk: links(titles, unit),
    })
}

/// The cross-walks that start at `node`, in the framework's order.
pub fn links_from(
    set: &FrameworkSet,
    node: &FrameworkRef,
    labels: Option<&SearchIndex>,
) -> Vec<CrossLink> {
    links(&Titles::new(set, labels), node)
}

fn links(titles: &Titles<'_>, node: &FrameworkRef) -> Vec<CrossLink> {
    titles
        .set
        .frameworks()
        .iter()
        .flat_map(|f| f.links.iter())
        .filter(|l| same_node(&l.from, node))
        .map(|l| cross_link(titles, l))
        .collect()
}

/// What `code` of `scheme` stands for: follows an old-code alias, titles the node, and lists
/// the framework nodes that reference it. Works for any scheme (`atlante_ada`, `esco`,
/// `cp2021`, a repertoire scheme).
pub fn lookup_code(
    set: &FrameworkSet,
    scheme: &str,
    code: &str,
    labels: Option<&SearchIndex>,
) -> CodeLookup {
    code_lookup(&Titles::new(set, labels), scheme, code)
}

fn code_lookup(titles: &Titles<'_>, scheme: &str, code: &str) -> CodeLookup {
    let set = titles.set;
    let requested = FrameworkRef::new(scheme, code.trim());
    let current_code = set.current_code(scheme, &requested.code);
    let current = FrameworkRef::new(scheme, current_code.unwrap_or(&requested.code));
    let mut referenced_by: Vec<CrossLink> = set
        .frameworks()
        .iter()
        .flat_map(|f| f.links.iter())
        .filter(|l| same_node(&l.to, &current) || same_node(&l.to, &requested))
        .map(|l| cross_link(titles, l))
        .collect();
    if scheme == "atlante_ada" {
        for f in set.frameworks() {
            for u in &f.units {
                let from = FrameworkRef::new(format!("{}.unit", f.id), &u.code);
                let listed = u.atlante_ada.contains(&current.code);
                let linked = referenced_by.iter().any(|l| l.from == from);
                if listed && !linked {
                    referenced_by.push(CrossLink {
                        from,
                        to: current.clone(),
                        to_title: None,
                        to_title_lang: None,
                        relation: MappingRelation::Exact,
                        basis: Some("listed in the UC's atlante_ada".to_owned()),
                    });
                }
            }
        }
    }
    let (title, title_lang) = titles.title_of(&current).unzip();
    CodeLookup {
        title,
        title_lang,
        locale: titles.locale(),
        was_alias: current_code.is_some(),
        requested,
        current,
        referenced_by,
        regulated_profession: None,
    }
}

fn cross_link(titles: &Titles<'_>, link: &Link) -> CrossLink {
    let to = match titles.set.current_code(&link.to.scheme, &link.to.code) {
        Some(current) => FrameworkRef::new(link.to.scheme.clone(), current),
        None => link.to.clone(),
    };
    let (to_title, to_title_lang) = titles.title_of(&to).unzip();
    CrossLink {
        from: link.from.clone(),
        to_title,
        to_title_lang,
        to,
        relation: link.relation,
        basis: link.basis.clone(),
    }
}

/// Equal scheme and code; versions are ignored (a link rarely states one).
fn same_node(a: &FrameworkRef, b: &FrameworkRef) -> bool {
    a.scheme == b.scheme && a.code == b.code
}
