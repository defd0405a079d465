//! A set of loaded frameworks with the indexes that make lookups constant-time.

use std::collections::{HashMap, HashSet};

/// Maps looked up once per claim of every validated record: keyed by `String` but queried with
/// `&str` (no key copied per lookup), hashed with foldhash (quick on short codes; a per-map
/// random seed keeps hostile codes from choosing collisions).
type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
type Set<K> = HashSet<K, foldhash::fast::RandomState>;

use super::{Framework, Item, Qualification, Unit};
use crate::error::{Error, Result};
use crate::model::{FrameworkRef, NodeKind, Scheme};

/// A node found in a [`FrameworkSet`].
#[derive(Debug, Clone, Copy)]
pub enum NodeRef<'a> {
    /// A qualification.
    Qualification(&'a Framework, &'a Qualification),
    /// A unit of competence.
    Unit(&'a Framework, &'a Unit),
    /// A capacità or conoscenza, with the UC it belongs to.
    Item(&'a Framework, &'a Unit, NodeKind, &'a Item),
}

impl<'a> NodeRef<'a> {
    /// The framework the node belongs to.
    pub fn framework(&self) -> &'a Framework {
        match self {
            NodeRef::Qualification(f, _) | NodeRef::Unit(f, _) | NodeRef::Item(f, _, _, _) => f,
        }
    }

    /// The node's title or text.
    pub fn title(&self) -> &'a str {
        match self {
            NodeRef::Qualification(_, q) => &q.title,
            NodeRef::Unit(_, u) => &u.title,
            NodeRef::Item(_, _, _, i) => &i.text,
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Slot {
    Qualification(usize, usize),
    Unit(usize, usize),
    Item(usize, usize, NodeKind, usize),
}

/// Loaded frameworks, indexed by scheme and code.
#[derive(Debug, Clone, Default)]
pub struct FrameworkSet {
    frameworks: Vec<Framework>,
    /// Framework id -> kind -> code -> node.
    nodes: Map<String, Map<NodeKind, Map<String, Slot>>>,
    /// Scheme -> old code -> current code.
    aliases: Map<String, Map<String, String>>,
    /// Every Atlante ADA code a loaded framework refers to (UCs, links, aliases).
    ada_codes: Set<String>,
    /// The titolare profile loaded with the frameworks; `None`: the bundled Tuscan one.
    profile: Option<std::sync::Arc<crate::procedure::TitolareProfile>>,
}

impl FrameworkSet {
    /// An empty set.
    pub fn new() -> Self {
        FrameworkSet::default()
    }

    /// The titolare profile new cases take their procedure rules from: the one loaded with
    /// the frameworks, else the built-in profile of Regione Toscana.
    pub fn titolare_profile(&self) -> std::sync::Arc<crate::procedure::TitolareProfile> {
        self.profile
            .clone()
            .unwrap_or_else(crate::procedure::regione_toscana)
    }

    /// Sets the titolare profile (see [`titolare_profile`](Self::titolare_profile)).
    pub fn set_titolare_profile(
        &mut self,
        profile: std::sync::Arc<crate::procedure::TitolareProfile>,
    ) {
        self.profile = Some(profile);
    }

    /// Adds a framework.
    ///
    /// # Errors
    /// [`Error::InvalidFramework`] when its id is already loaded, a code is used twice for the
    /// same kind of node, or a qualification lists a UC the framework does not define.
    pub fn insert(&mut self, framework: Framework) -> Result<()> {
        if self.frameworks.iter().any(|f| f.id == framework.id) {
            return Err(Error::InvalidFramework(format!(
                "framework '{}' is loaded twice",
                framework.id
            )));
        }
        let fi = self.frameworks.len();
        let mut nodes: Map<NodeKind, Map<String, Slot>> = Map::default();
        let mut add = |kind: NodeKind, code: &str, slot: Slot| -> Result<()> {
            let of_kind = nodes.entry(kind).or_default();
            if of_kind.insert(code.to_owned(), slot).is_some() {
                return Err(Error::InvalidFramework(format!(
                    "framework '{}' defines {} '{code}' twice",
                    framework.id,
                    kind.as_str()
                )));
            }
            Ok(())
        };
        for (qi, q) in framework.qualifications.iter().enumerate() {
            add(
                NodeKind::Qualification,
                &q.code,
                Slot::Qualification(fi, qi),
            )?;
        }
        for (ui, u) in framework.units.iter().enumerate() {
            add(NodeKind::Unit, &u.code, Slot::Unit(fi, ui))?;
            for (ii, item) in u.capacita.iter().enumerate() {
                add(
                    NodeKind::Capacita,
                    &item.code,
                    Slot::Item(fi, ui, NodeKind::Capacita, ii),
                )?;
            }
            for (ii, item) in u.conoscenze.iter().enumerate() {
                add(
                    NodeKind::Conoscenza,
                    &item.code,
                    Slot::Item(fi, ui, NodeKind::Conoscenza, ii),
                )?;
            }
        }
        for q in &framework.qualifications {
            if let Some(missing) = q.units.iter().find(|code| {
                !nodes
                    .get(&NodeKind::Unit)
                    .is_some_and(|units| units.contains_key(code.as_str()))
            }) {
                return Err(Error::InvalidFramework(format!(
                    "qualification '{}' of '{}' lists unknown unit '{missing}'",
                    q.code, framework.id
                )));
            }
        }
        for alias in &framework.aliases {
            self.aliases
                .entry(alias.scheme.clone())
                .or_default()
                .insert(alias.alias.clone(), alias.current.clone());
        }
        for unit in &framework.units {
            self.ada_codes.extend(unit.atlante_ada.iter().cloned());
        }
        for link in &framework.links {
            for end in [&link.from, &link.to] {
                if end.scheme == "atlante_ada" {
                    self.ada_codes.insert(end.code.clone());
                }
            }
        }
        for alias in framework
            .aliases
            .iter()
            .filter(|a| a.scheme == "atlante_ada")
        {
            self.ada_codes.insert(alias.alias.clone());
            self.ada_codes.insert(alias.current.clone());
        }
        self.nodes.insert(framework.id.clone(), nodes);
        self.frameworks.push(framework);
        Ok(())
    }

    /// The loaded frameworks.
    pub fn frameworks(&self) -> &[Framework] {
        &self.frameworks
    }

    /// A framework by id.
    pub fn framework(&self, id: &str) -> Option<&Framework> {
        self.frameworks.iter().find(|f| f.id == id)
    }

    /// A node by framework id, kind and code.
    pub fn node(&self, framework: &str, kind: NodeKind, code: &str) -> Option<NodeRef<'_>> {
        let slot = self.nodes.get(framework)?.get(&kind)?.get(code)?;
        Some(self.at(*slot))
    }

    /// Resolves a reference of a repertoire scheme to its node.
    pub fn resolve(&self, reference: &FrameworkRef) -> Option<NodeRef<'_>> {
        match reference.parsed_scheme()? {
            Scheme::Repertoire { framework, kind } => self.node(&framework, kind, &reference.code),
            _ => None,
        }
    }

    /// The current code an old code stands for, if it is a known alias.
    pub fn current_code(&self, scheme: &str, code: &str) -> Option<&str> {
        self.aliases.get(scheme)?.get(code).map(String::as_str)
    }

    /// Whether a loaded framework refers to the Atlante ADA code `code` (a UC's code, a link's
    /// end, an old or current code of an alias).
    pub fn knows_ada(&self, code: &str) -> bool {
        self.ada_codes.contains(code)
    }

    /// The qualifications that include the unit `code` of `framework`.
    pub fn qualifications_with_unit<'a>(
        &'a self,
        framework: &'a str,
        code: &'a str,
    ) -> impl Iterator<Item = &'a Qualification> + 'a {
        self.framework(framework)
            .into_iter()
            .flat_map(|f| f.qualifications.iter())
            .filter(move |q| q.units.iter().any(|u| u == code))
    }

    fn at(&self, slot: Slot) -> NodeRef<'_> {
        match slot {
            Slot::Qualification(f, q) => {
                let fw = &self.frameworks[f];
                NodeRef::Qualification(fw, &fw.qualifications[q])
            }
            Slot::Unit(f, u) => {
                let fw = &self.frameworks[f];
                NodeRef::Unit(fw, &fw.units[u])
            }
            Slot::Item(f, u, kind, i) => {
                let fw = &self.frameworks[f];
                let unit = &fw.units[u];
                let item = match kind {
                    NodeKind::Conoscenza => &unit.conoscenze[i],
                    _ => &unit.capacita[i],
                };
                NodeRef::Item(fw, unit, kind, item)
            }
        }
    }
}
