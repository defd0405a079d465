//! The bundle payload form of a [`Framework`].
//!
//! `Framework` and its parts skip empty fields when serialized (good JSON), which a
//! non-self-describing format such as postcard cannot read back. These mirror types carry every
//! field. The conversions destructure exhaustively, so adding a field to `Framework` without
//! adding it here fails to compile instead of silently dropping data from bundles.

use serde::{Deserialize, Serialize};

use crate::framework::{
    CodeAlias, Framework, Item, Link, MappingRelation, Qualification, Sector, Unit,
};
use crate::model::FrameworkRef;

#[derive(Serialize, Deserialize)]
pub(crate) struct FrameworkWire {
    schema_version: String,
    id: String,
    title: String,
    version: String,
    publisher: String,
    source: String,
    notes: Vec<String>,
    qualifications: Vec<QualificationWire>,
    units: Vec<UnitWire>,
    links: Vec<LinkWire>,
    aliases: Vec<(String, String, String)>,
}

#[derive(Serialize, Deserialize)]
struct QualificationWire {
    code: String,
    title: String,
    eqf_level: Option<u8>,
    complexity: Option<String>,
    sector: Option<(String, String)>,
    description: Option<String>,
    units: Vec<String>,
    ateco: Vec<String>,
    cp2021: Vec<String>,
    reserved_activity: bool,
}

#[derive(Serialize, Deserialize)]
struct UnitWire {
    code: String,
    title: String,
    description: Option<String>,
    atlante_ada: Vec<String>,
    capacita: Vec<(String, String)>,
    conoscenze: Vec<(String, String)>,
    attivita: Vec<(String, String)>,
}

#[derive(Serialize, Deserialize)]
struct LinkWire {
    from: (String, String, Option<String>),
    to: (String, String, Option<String>),
    relation: MappingRelation,
    basis: Option<String>,
}

fn items_out(items: Vec<Item>) -> Vec<(String, String)> {
    items
        .into_iter()
        .map(|Item { code, text }| (code, text))
        .collect()
}

fn items_in(items: Vec<(String, String)>) -> Vec<Item> {
    items
        .into_iter()
        .map(|(code, text)| Item { code, text })
        .collect()
}

fn ref_out(r: FrameworkRef) -> (String, String, Option<String>) {
    let FrameworkRef {
        scheme,
        code,
        version,
    } = r;
    (scheme, code, version)
}

fn ref_in((scheme, code, version): (String, String, Option<String>)) -> FrameworkRef {
    FrameworkRef {
        scheme,
        code,
        version,
    }
}

fn qualification_out(q: Qualification) -> QualificationWire {
    let Qualification {
        code,
        title,
        eqf_level,
        complexity,
        sector,
        description,
        units,
        ateco,
        cp2021,
        reserved_activity,
    } = q;
    QualificationWire {
        code,
        title,
        eqf_level,
        complexity,
        sector: sector.map(|Sector { code, title }| (code, title)),
        description,
        units,
        ateco,
        cp2021,
        reserved_activity,
    }
}

fn unit_out(u: Unit) -> UnitWire {
    let Unit {
        code,
        title,
        description,
        atlante_ada,
        capacita,
        conoscenze,
        attivita,
    } = u;
    UnitWire {
        code,
        title,
        description,
        atlante_ada,
        capacita: items_out(capacita),
        conoscenze: items_out(conoscenze),
        attivita: items_out(attivita),
    }
}

impl From<Framework> for FrameworkWire {
    fn from(f: Framework) -> Self {
        let Framework {
            schema_version,
            id,
            title,
            version,
            publisher,
            source,
            notes,
            qualifications,
            units,
            links,
            aliases,
        } = f;
        FrameworkWire {
            schema_version,
            id,
            title,
            version,
            publisher,
            source,
            notes,
            qualifications: qualifications.into_iter().map(qualification_out).collect(),
            units: units.into_iter().map(unit_out).collect(),
            links: links
                .into_iter()
                .map(|l| {
                    let Link {
                        from,
                        to,
                        relation,
                        basis,
                    } = l;
                    LinkWire {
                        from: ref_out(from),
                        to: ref_out(to),
                        relation,
                        basis,
                    }
                })
                .collect(),
            aliases: aliases
                .into_iter()
                .map(
                    |CodeAlias {
                         scheme,
                         alias,
                         current,
                     }| (scheme, alias, current),
                )
                .collect(),
        }
    }
}

impl From<FrameworkWire> for Framework {
    fn from(w: FrameworkWire) -> Self {
        Framework {
            schema_version: w.schema_version,
            id: w.id,
            title: w.title,
            version: w.version,
            publisher: w.publisher,
            source: w.source,
            notes: w.notes,
            qualifications: w
                .qualifications
                .into_iter()
                .map(|q| Qualification {
                    code: q.code,
                    title: q.title,
                    eqf_level: q.eqf_level,
                    complexity: q.complexity,
                    sector: q.sector.map(|(code, title)| Sector { code, title }),
                    description: q.description,
                    units: q.units,
                    ateco: q.ateco,
                    cp2021: q.cp2021,
                    reserved_activity: q.reserved_activity,
                })
                .collect(),
            units: w
                .units
                .into_iter()
                .map(|u| Unit {
                    code: u.code,
                    title: u.title,
                    description: u.description,
                    atlante_ada: u.atlante_ada,
                    capacita: items_in(u.capacita),
                    conoscenze: items_in(u.conoscenze),
                    attivita: items_in(u.attivita),
                })
                .collect(),
            links: w
                .links
                .into_iter()
                .map(|l| Link {
                    from: ref_in(l.from),
                    to: ref_in(l.to),
                    relation: l.relation,
                    basis: l.basis,
                })
                .collect(),
            aliases: w
                .aliases
                .into_iter()
                .map(|(scheme, alias, current)| CodeAlias {
                    scheme,
                    alias,
                    current,
                })
                .collect(),
        }
    }
}
