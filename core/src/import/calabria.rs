//! Regione Calabria *Repertorio delle Qualificazioni Professionali* → [`Framework`]
//! `rq_calabria`: the proof that a second region loads through the same model as Tuscany.
//!
//! | file | becomes |
//! |---|---|
//! | `regcal_profili_rev2.csv` | [`Qualification`]s: `id_profilo`, `titolo`, `descrizione`, `liv_eqf` → `eqf_level`, `settore` → sector, `ada_1…ada_N` → links to `atlante_ada` |
//! | `regcal_competenze_rev2.csv` | [`Unit`]s (`id_competenza`, `titolo`, `descrizione` + `risultato`) listed by their profile |
//! | `regcal_conoscenze_rev2.csv` | the unit's `conoscenze` |
//! | `regcal_abilita_rev2.csv` | the unit's `capacita` (abilità) |
//! | `regcal_attivita_rev2.csv` | the unit's `attivita` |
//!
//! ## Item codes
//!
//! The source reuses knowledge/skill/activity ids across competences, and an abilità and a
//! conoscenza of the same competence may share an id (`1710`/`51710` is both), so the id alone
//! names nothing. Items are coded `<id_competenza>.A<id_abilita>` (abilità),
//! `<id_competenza>.K<id_conoscenza>` (conoscenze) and `<id_competenza>.T<id_attivita>`
//! (attività). Where the source gives one id to several *different* texts under the same
//! competence (its `*_id_duplicati_descrizionidiverse.csv` lists them), the first text in file
//! order keeps the code and the n-th gets the suffix `-n` (`24010201602.A2100278-2`): a
//! re-import of the same files gives the same codes, and an assessment result names each item
//! without ambiguity. Each renamed row is reported as a warning.
//!
//! A competence that appears under several profiles with the same content is one unit shared
//! by them. References to absent competences and EQF level `0` are warnings (defects of the
//! published files, see the source's PROVENANCE: 6 + 8 dangling rows, 1 profile with level 0;
//! 18 + 5 reused ids).
//!
//! `settore` is a number 1–24, read as the Atlante del Lavoro *settore economico-professionale*
//! (SEP); the sector title is the SEP name — an inference recorded in the framework's notes.

use std::collections::{HashMap, HashSet};

use super::csv_table::{read_table, Width};
use super::{ImportMode, ImportSource, Imported, Problems};
use crate::error::Result;
use crate::formats::code_shapes::{is_atlante_ada, is_repertoire_code};
use crate::framework::{Framework, Item, Link, MappingRelation, Qualification, Sector, Unit};
use crate::model::FrameworkRef;

/// The framework id of the Calabrian repertoire (schemes `rq_calabria.unit`, …).
pub const CALABRIA_ID: &str = "rq_calabria";

/// The 24 Atlante del Lavoro SEPs (DOMAIN.md §3.1), index = number − 1.
const SEP: [&str; 24] = [
    "agricoltura, silvicoltura e pesca",
    "produzioni alimentari",
    "legno e arredo",
    "carta e cartotecnica",
    "tessile, abbigliamento, calzaturiero e sistema moda",
    "chimica",
    "estrazione gas, petrolio, carbone, minerali e lavorazione pietre",
    "vetro, ceramica e materiali da costruzione",
    "edilizia",
    "meccanica, produzione e manutenzione di macchine, impiantistica",
    "trasporti e logistica",
    "servizi di distribuzione commerciale",
    "servizi finanziari e assicurativi",
    "servizi digitali",
    "telecomunicazioni e poste",
    "public utilities",
    "stampa ed editoria",
    "educazione, formazione e lavoro",
    "servizi socio-sanitari",
    "servizi alla persona",
    "attività ricreative e sportive",
    "servizi culturali e di spettacolo",
    "servizi turistici",
    "area comune",
];

/// Which list of a unit an item file fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Conoscenze,
    Capacita,
    Attivita,
}

/// The code of the `nth` (1-based) text with `id` under `competence` (see the module docs).
fn item_code(competence: &str, slot: Slot, id: &str, nth: usize) -> String {
    let letter = match slot {
        Slot::Conoscenze => 'K',
        Slot::Capacita => 'A',
        Slot::Attivita => 'T',
    };
    if nth <= 1 {
        format!("{competence}.{letter}{id}")
    } else {
        format!("{competence}.{letter}{id}-{nth}")
    }
}

/// Imports the Calabrian repertoire files. `version` names the extraction.
///
/// # Errors
/// The first problem the mode does not load through (any in [`ImportMode::Strict`], an error
/// in [`ImportMode::Standard`]) as [`Error::Import`](crate::Error::Import).
#[allow(clippy::too_many_lines)] // One pass per file, in order; splitting hides the flow.
pub fn import_calabria(
    source: &dyn ImportSource,
    version: &str,
    mode: ImportMode,
) -> Result<Imported<Framework>> {
    let mut problems = Problems::new(mode);
    let mut qualifications: Vec<Qualification> = Vec::new();
    let mut profile_index: HashMap<String, usize> = HashMap::new();
    let mut links: Vec<Link> = Vec::new();

    let file = "regcal_profili_rev2.csv";
    let cols = [
        "id_profilo",
        "titolo",
        "descrizione",
        "liv_eqf",
        "settore",
        "ada_1",
    ];
    read_table(
        source,
        file,
        &cols,
        Width::Exact,
        &mut problems,
        |row, p| {
            let code = row.trimmed(0);
            if !is_repertoire_code(code) {
                return row.problem(
                    p,
                    file,
                    0,
                    format!("id_profilo '{code}' is not a code; row skipped"),
                );
            }
            if profile_index.contains_key(code) {
                return row.problem(
                    p,
                    file,
                    0,
                    format!("duplicate id_profilo '{code}'; row skipped"),
                );
            }
            let eqf = row.trimmed(3);
            let eqf_level = if let Ok(level @ 1..=8) = eqf.parse::<u8>() {
                Some(level)
            } else {
                // Published with level 0 for one profile: the level is left unknown.
                row.warning(
                    p,
                    file,
                    3,
                    format!("liv_eqf '{eqf}' is not an EQF level 1-8; left empty"),
                )?;
                None
            };
            let sector_code = row.trimmed(4);
            let sector = match sector_code.parse::<usize>() {
                Ok(n @ 1..=24) => Some(Sector {
                    code: sector_code.to_owned(),
                    title: SEP[n - 1].to_owned(),
                }),
                _ if sector_code.is_empty() => None,
                _ => {
                    row.problem(
                        p,
                        file,
                        4,
                        format!("settore '{sector_code}' is not a SEP number 1-24; left empty"),
                    )?;
                    None
                }
            };
            let from = FrameworkRef::new(format!("{CALABRIA_ID}.qualification"), code);
            let mut seen = HashSet::new();
            for (column, value) in row.fields_from(5) {
                let ada = value.trim();
                if ada.is_empty() {
                    continue;
                }
                if !is_atlante_ada(ada) {
                    p.at(
                        file,
                        row.line,
                        Some(column),
                        format!("'{ada}' is not an Atlante ADA code; not linked"),
                    )?;
                } else if !seen.insert(ada.to_owned()) {
                    p.at(
                        file,
                        row.line,
                        Some(column),
                        format!("ADA '{ada}' repeated on the profile; linked once"),
                    )?;
                } else {
                    links.push(Link {
                        from: from.clone(),
                        to: FrameworkRef::new("atlante_ada", ada),
                        relation: MappingRelation::Related,
                        basis: Some(
                            "Repertorio Regione Calabria: ADA listed on the profile".into(),
                        ),
                    });
                }
            }
            let description = row.trimmed(2);
            profile_index.insert(code.to_owned(), qualifications.len());
            qualifications.push(Qualification {
                code: code.to_owned(),
                title: row.trimmed(1).to_owned(),
                eqf_level,
                complexity: None,
                sector,
                description: (!description.is_empty()).then(|| description.to_owned()),
                units: Vec::new(),
                ateco: Vec::new(),
                cp2021: Vec::new(),
                reserved_activity: false,
            });
            Ok(())
        },
    )?;

    let mut units: Vec<Unit> = Vec::new();
    let mut unit_index: HashMap<String, usize> = HashMap::new();
    let file = "regcal_competenze_rev2.csv";
    let cols = [
        "id_profilo",
        "id_competenza",
        "titolo",
        "descrizione",
        "risultato",
    ];
    read_table(
        source,
        file,
        &cols,
        Width::Exact,
        &mut problems,
        |row, p| {
            let profile = row.trimmed(0);
            let Some(&qi) = profile_index.get(profile) else {
                return row.warning(
                    p,
                    file,
                    0,
                    format!("id_profilo '{profile}' is not in the profiles; row skipped"),
                );
            };
            let code = row.trimmed(1);
            if !is_repertoire_code(code) {
                return row.problem(
                    p,
                    file,
                    1,
                    format!("id_competenza '{code}' is not a code; row skipped"),
                );
            }
            let title = row.trimmed(2);
            let mut description = row.trimmed(3).to_owned();
            let result = row.trimmed(4);
            if !result.is_empty() {
                if !description.is_empty() {
                    description.push_str("\n\n");
                }
                description.push_str("Risultato: ");
                description.push_str(result);
            }
            let description = (!description.is_empty()).then_some(description);
            if let Some(&ui) = unit_index.get(code) {
                // Shared by several profiles: fine when the content is the same.
                if units[ui].title != title || units[ui].description != description {
                    return row.problem(p, file, 1, format!("id_competenza '{code}' appears before with another content; row skipped"));
                }
            } else {
                if title.is_empty() {
                    row.warning(p, file, 2, "empty titolo; unit kept without a title")?;
                }
                unit_index.insert(code.to_owned(), units.len());
                units.push(Unit {
                    code: code.to_owned(),
                    title: title.to_owned(),
                    description,
                    atlante_ada: Vec::new(),
                    capacita: Vec::new(),
                    conoscenze: Vec::new(),
                    attivita: Vec::new(),
                });
            }
            let list = &mut qualifications[qi].units;
            if list.iter().any(|u| u == code) {
                return row.problem(
                    p,
                    file,
                    1,
                    format!(
                        "competence '{code}' listed twice for profile '{profile}'; listed once"
                    ),
                );
            }
            list.push(code.to_owned());
            Ok(())
        },
    )?;

    for (file, id_column, slot) in [
        (
            "regcal_conoscenze_rev2.csv",
            "id_conoscenza",
            Slot::Conoscenze,
        ),
        ("regcal_abilita_rev2.csv", "id_abilita", Slot::Capacita),
        ("regcal_attivita_rev2.csv", "id_attivita", Slot::Attivita),
    ] {
        // (competence, id) → the texts met under it, in order: the n-th text gets suffix -n.
        let mut texts: HashMap<String, Vec<String>> = HashMap::new();
        let cols = ["id_competenza", id_column, "descrizione"];
        read_table(
            source,
            file,
            &cols,
            Width::Exact,
            &mut problems,
            |row, p| {
                let competence = row.trimmed(0);
                let Some(&ui) = unit_index.get(competence) else {
                    return row.warning(
                        p,
                        file,
                        0,
                        format!(
                            "id_competenza '{competence}' is not in the competences; row skipped"
                        ),
                    );
                };
                let id = row.trimmed(1);
                let base = item_code(competence, slot, id, 1);
                if id.is_empty() || !is_repertoire_code(&base) {
                    return row.problem(
                        p,
                        file,
                        1,
                        format!("{id_column} '{id}' is not a code; row skipped"),
                    );
                }
                let text = row.trimmed(2);
                if text.is_empty() {
                    return row.problem(p, file, 2, "empty descrizione; row skipped");
                }
                let seen = texts.entry(base.clone()).or_default();
                if seen.iter().any(|t| t == text) {
                    return row.warning(p, file, 1, format!("{id_column} '{id}' repeats the same text under competence '{competence}'; loaded once"));
                }
                seen.push(text.to_owned());
                let code = if seen.len() == 1 {
                    base
                } else {
                    let code = item_code(competence, slot, id, seen.len());
                    row.warning(p, file, 1, format!("{id_column} '{id}' names another text under competence '{competence}' before; this one is coded '{code}'"))?;
                    code
                };
                let item = Item {
                    code,
                    text: text.to_owned(),
                };
                let unit = &mut units[ui];
                match slot {
                    Slot::Conoscenze => unit.conoscenze.push(item),
                    Slot::Capacita => unit.capacita.push(item),
                    Slot::Attivita => unit.attivita.push(item),
                }
                Ok(())
            },
        )?;
    }

    let framework = Framework {
        schema_version: "1.0".into(),
        id: CALABRIA_ID.into(),
        title: "Repertorio delle Qualificazioni Professionali — Regione Calabria".into(),
        version: version.to_owned(),
        publisher: "Regione Calabria".into(),
        source: "Extraction of the Repertorio delle Qualificazioni della Regione Calabria (regcal_*_rev2.csv)".into(),
        notes: vec![
            "Imported by Attesta; titles and texts verbatim (the extraction lost some letters at line joins).".into(),
            "Abilità are loaded as capacita. Item codes are <id_competenza>.A<id_abilita>, <id_competenza>.K<id_conoscenza> and <id_competenza>.T<id_attivita>: the source reuses ids across competences and between abilità and conoscenze. Where the source gives one id to several texts under the same competence, the n-th text in file order is coded with the suffix -n (e.g. 24010201602.A2100278-2).".into(),
            "Sector titles are the Atlante del Lavoro SEP names for the source's settore number (the source gives only the number; reading it as SEP is an inference).".into(),
            "Atlante ADA codes listed on a profile are links with relation 'related' from the qualification; ADA titles are not in the source.".into(),
        ],
        qualifications,
        units,
        links,
        aliases: Vec::new(),
    };
    Ok(problems.finish(framework))
}
