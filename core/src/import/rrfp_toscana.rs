//! Regione Toscana RRFP export → [`Framework`] `rrfp_toscana`.
//!
//! | file | columns used |
//! |---|---|
//! | `rrfp_settori.csv` | `codice_settore, settore` |
//! | `rrfp_figure.csv` | `codice_figura, denominazione_figura, codice_settore, settore, livello_complessita` |
//! | `rrfp_figura_ada_uc.csv` | `codice_figura, codice_uc, denominazione_ada, ordine` |
//! | `rrfp_uc_capacita_conoscenze.csv` (or `…_SUBSET.csv`; optional) | `codice_uc, codice_figura, tipo, ordine, testo` |
//!
//! Mapping: a *figura* is a [`Qualification`] (its `livello di complessità` kept verbatim in
//! `complexity`, `eqf_level` left empty: the export carries no EQF number); each regional
//! *area di attività* with its UC code is a [`Unit`] titled by the area's *denominazione*. That
//! regional "ADA" is **not** an Atlante del Lavoro ADA code (`ADA.nn.nn.nn`), which the export
//! does not carry. Capacità/conoscenze become [`Item`]s coded `<uc>.C<ordine>` / `<uc>.K<ordine>`.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::csv_table::{read_table, Width};
use super::{ImportMode, ImportSource, Imported, Problems};
use crate::error::Result;
use crate::formats::code_shapes::is_repertoire_code;
use crate::framework::{Framework, Item, Qualification, Sector, Unit};

/// The framework id of the Tuscan repertoire (schemes `rrfp_toscana.unit`, …).
pub const RRFP_TOSCANA_ID: &str = "rrfp_toscana";

const ITEM_FILES: [&str; 2] = [
    "rrfp_uc_capacita_conoscenze.csv",
    "rrfp_uc_capacita_conoscenze_SUBSET.csv",
];

const LEVELS: [&str; 4] = [
    "gruppo-livello A",
    "gruppo-livello B",
    "gruppo-livello C",
    "Non applicabile",
];

/// Imports the RRFP export files. `version` names the export (the files do not date it).
///
/// # Errors
/// The first problem the mode does not load through (any in [`ImportMode::Strict`], an error
/// in [`ImportMode::Standard`]) as [`Error::Import`](crate::Error::Import).
pub fn import_rrfp_toscana(
    source: &dyn ImportSource,
    version: &str,
    mode: ImportMode,
) -> Result<Imported<Framework>> {
    let mut problems = Problems::new(mode);

    let sectors = read_sectors(source, &mut problems)?;
    let (mut qualifications, figure_index) = read_figures(source, &sectors, &mut problems)?;
    let (mut units, unit_index) =
        read_units(source, &figure_index, &mut qualifications, &mut problems)?;
    let item_file = read_items(
        source,
        &figure_index,
        &qualifications,
        &unit_index,
        &mut units,
        &mut problems,
    )?;

    let with_items = units
        .iter()
        .filter(|u| !u.capacita.is_empty() || !u.conoscenze.is_empty())
        .count();
    let mut notes = vec![
        "Imported by Attesta from the Regione Toscana RRFP export; titles and codes verbatim.".to_owned(),
        "The export carries the Tuscan gruppo-livello (kept in 'complexity'), not an EQF level: eqf_level is left empty.".to_owned(),
        "Units are the figures' aree di attività with their UC codes; Atlante del Lavoro ADA codes are not in the export.".to_owned(),
    ];
    notes.push(format!(
        "Capacità/conoscenze are present for {with_items} of {} units (from {}).",
        units.len(),
        item_file.unwrap_or("no capacità/conoscenze file")
    ));
    let framework = Framework {
        schema_version: "1.0".into(),
        id: RRFP_TOSCANA_ID.into(),
        title: "Repertorio Regionale delle Figure Professionali — Regione Toscana".into(),
        version: version.to_owned(),
        publisher: "Regione Toscana".into(),
        source: "Regione Toscana RRFP export (rrfp_figure.csv, rrfp_settori.csv, rrfp_figura_ada_uc.csv, capacità/conoscenze file)".into(),
        notes,
        qualifications,
        units,
        links: Vec::new(),
        aliases: Vec::new(),
    };
    Ok(problems.finish(framework))
}

/// `rrfp_settori.csv`: sector code → title.
fn read_sectors(
    source: &dyn ImportSource,
    problems: &mut Problems,
) -> Result<HashMap<String, String>> {
    let mut sectors: HashMap<String, String> = HashMap::new();
    let file = "rrfp_settori.csv";
    read_table(
        source,
        file,
        &["codice_settore", "settore"],
        Width::Exact,
        problems,
        |row, p| {
            let code = row.trimmed(0);
            if code.is_empty() {
                return row.problem(p, file, 0, "empty codice_settore; row skipped");
            }
            if sectors
                .insert(code.to_owned(), row.trimmed(1).to_owned())
                .is_some()
            {
                return row.problem(
                    p,
                    file,
                    0,
                    format!("duplicate codice_settore '{code}'; the last is kept"),
                );
            }
            Ok(())
        },
    )?;

    Ok(sectors)
}

/// `rrfp_figure.csv`: the figures, and code → index.
fn read_figures(
    source: &dyn ImportSource,
    sectors: &HashMap<String, String>,
    problems: &mut Problems,
) -> Result<(Vec<Qualification>, HashMap<String, usize>)> {
    let mut qualifications: Vec<Qualification> = Vec::new();
    let mut figure_index: HashMap<String, usize> = HashMap::new();
    let file = "rrfp_figure.csv";
    let cols = [
        "codice_figura",
        "denominazione_figura",
        "codice_settore",
        "settore",
        "livello_complessita",
    ];
    read_table(source, file, &cols, Width::Exact, problems, |row, p| {
        let code = row.trimmed(0);
        if !is_repertoire_code(code) {
            return row.problem(
                p,
                file,
                0,
                format!("codice_figura '{code}' is not a code; row skipped"),
            );
        }
        if figure_index.contains_key(code) {
            return row.problem(
                p,
                file,
                0,
                format!("duplicate codice_figura '{code}'; row skipped"),
            );
        }
        let sector_code = row.trimmed(2);
        let sector_title = row.trimmed(3);
        let sector = if sector_code.is_empty() {
            None
        } else {
            match sectors.get(sector_code) {
                Some(t) if t != sector_title => row.problem(
                    p,
                    file,
                    3,
                    format!("sector '{sector_code}' is '{t}' in rrfp_settori.csv; the figure's own title is kept"),
                )?,
                None if !sectors.is_empty() => row.problem(
                    p,
                    file,
                    2,
                    format!("codice_settore '{sector_code}' is not in rrfp_settori.csv; kept"),
                )?,
                Some(_) | None => {}
            }
            Some(Sector {
                code: sector_code.to_owned(),
                title: sector_title.to_owned(),
            })
        };
        let level = row.trimmed(4);
        if !level.is_empty() && !LEVELS.contains(&level) {
            row.problem(
                p,
                file,
                4,
                format!("unknown livello_complessita '{level}'; kept verbatim"),
            )?;
        }
        figure_index.insert(code.to_owned(), qualifications.len());
        qualifications.push(Qualification {
            code: code.to_owned(),
            title: row.trimmed(1).to_owned(),
            eqf_level: None,
            complexity: (!level.is_empty()).then(|| level.to_owned()),
            sector,
            description: None,
            units: Vec::new(),
            ateco: Vec::new(),
            cp2021: Vec::new(),
            reserved_activity: false,
        });
        Ok(())
    })?;

    // UC code → unit index; units in order of first appearance.
    Ok((qualifications, figure_index))
}

/// `rrfp_figura_ada_uc.csv`: the units, and each figure's units in `ordine` order.
fn read_units(
    source: &dyn ImportSource,
    figure_index: &HashMap<String, usize>,
    qualifications: &mut [Qualification],
    problems: &mut Problems,
) -> Result<(Vec<Unit>, HashMap<String, usize>)> {
    let mut units: Vec<Unit> = Vec::new();
    let mut unit_index: HashMap<String, usize> = HashMap::new();
    // figure index → (ordine, uc code)
    let mut figure_units: BTreeMap<usize, Vec<(u32, String)>> = BTreeMap::new();
    let mut pairs: HashSet<(usize, String)> = HashSet::new();
    let file = "rrfp_figura_ada_uc.csv";
    let cols = ["codice_figura", "codice_uc", "denominazione_ada", "ordine"];
    read_table(source, file, &cols, Width::Exact, problems, |row, p| {
        let figure = row.trimmed(0);
        let Some(&fi) = figure_index.get(figure) else {
            return row.problem(
                p,
                file,
                0,
                format!("codice_figura '{figure}' is not in rrfp_figure.csv; row skipped"),
            );
        };
        let uc = row.trimmed(1);
        if !is_repertoire_code(uc) {
            return row.problem(
                p,
                file,
                1,
                format!("codice_uc '{uc}' is not a code; row skipped"),
            );
        }
        let Ok(order) = row.trimmed(3).parse::<u32>() else {
            return row.problem(
                p,
                file,
                3,
                format!("ordine '{}' is not a number; row skipped", row.trimmed(3)),
            );
        };
        if !pairs.insert((fi, uc.to_owned())) {
            return row.problem(
                p,
                file,
                1,
                format!("UC '{uc}' listed twice for figure '{figure}'; row skipped"),
            );
        }
        let title = row.trimmed(2);
        match unit_index.get(uc) {
            Some(&ui) if units[ui].title != title => row.problem(
                p,
                file,
                2,
                format!("UC '{uc}' has another denominazione elsewhere; the first is kept"),
            )?,
            Some(_) => {}
            None => {
                unit_index.insert(uc.to_owned(), units.len());
                units.push(Unit {
                    code: uc.to_owned(),
                    title: title.to_owned(),
                    description: None,
                    atlante_ada: Vec::new(),
                    capacita: Vec::new(),
                    conoscenze: Vec::new(),
                    attivita: Vec::new(),
                });
            }
        }
        figure_units
            .entry(fi)
            .or_default()
            .push((order, uc.to_owned()));
        Ok(())
    })?;
    for (fi, mut list) in figure_units {
        list.sort_by_key(|(order, _)| *order);
        qualifications[fi].units = list.into_iter().map(|(_, uc)| uc).collect();
    }

    Ok((units, unit_index))
}

/// The capacità/conoscenze file, when there is one; returns its name.
fn read_items(
    source: &dyn ImportSource,
    figure_index: &HashMap<String, usize>,
    qualifications: &[Qualification],
    unit_index: &HashMap<String, usize>,
    units: &mut [Unit],
    problems: &mut Problems,
) -> Result<Option<&'static str>> {
    let item_file = ITEM_FILES
        .iter()
        .find(|f| matches!(source.open(f), Ok(Some(_))))
        .copied();
    if let Some(file) = item_file {
        let mut codes: HashSet<String> = HashSet::new();
        let cols = ["codice_uc", "codice_figura", "tipo", "ordine", "testo"];
        read_table(source, file, &cols, Width::Exact, problems, |row, p| {
            let uc = row.trimmed(0);
            let Some(&ui) = unit_index.get(uc) else {
                return row.problem(
                    p,
                    file,
                    0,
                    format!("codice_uc '{uc}' is not a UC of any figure; row skipped"),
                );
            };
            let figure = row.trimmed(1);
            let listed = figure_index
                .get(figure)
                .is_some_and(|&fi| qualifications[fi].units.iter().any(|u| u == uc));
            if !listed {
                row.problem(
                    p,
                    file,
                    1,
                    format!("UC '{uc}' is not listed for figure '{figure}'; item kept on the UC"),
                )?;
            }
            let (letter, kind) = match row.trimmed(2) {
                "capacita" => ('C', 0),
                "conoscenza" => ('K', 1),
                other => {
                    return row.problem(
                        p,
                        file,
                        2,
                        format!("tipo '{other}' is not capacita/conoscenza; row skipped"),
                    );
                }
            };
            let Ok(order) = row.trimmed(3).parse::<u32>() else {
                return row.problem(
                    p,
                    file,
                    3,
                    format!("ordine '{}' is not a number; row skipped", row.trimmed(3)),
                );
            };
            let code = format!("{uc}.{letter}{order}");
            if !codes.insert(code.clone()) {
                return row.problem(
                    p,
                    file,
                    3,
                    format!("item '{code}' appears twice; row skipped"),
                );
            }
            let text = row.trimmed(4);
            if text.is_empty() {
                return row.problem(p, file, 4, "empty testo; row skipped");
            }
            let item = Item {
                code,
                text: text.to_owned(),
            };
            let unit = &mut units[ui];
            if kind == 0 {
                unit.capacita.push(item);
            } else {
                unit.conoscenze.push(item);
            }
            Ok(())
        })?;
    }

    Ok(item_file)
}
