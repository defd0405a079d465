//! ISTAT CP2021 (*Classificazione delle professioni 2021*) → [`Classification`] `cp2021`.
//!
//! Five files, one per level, each with `cod_N, nome_N, descr_N`:
//! `cp2021_level1_grandi_gruppi.csv`, `cp2021_level2_gruppi.csv`, `cp2021_level3_classi.csv`,
//! `cp2021_level4_categorie.csv`, `cp2021_level5_unita_professionali.csv`.
//!
//! The source has dirty codes (`5.5.2 ` with a trailing space, `5.5.5.` with a trailing dot):
//! codes are trimmed and one trailing dot removed before checking — a normalisation, not a
//! change of meaning. A code must have N dot-separated numeric segments at level N and its
//! parent (the code minus its last segment) must exist one level up; otherwise the row is
//! reported and skipped.

use std::collections::HashSet;

use super::csv_table::{read_table, Width};
use super::{ImportMode, ImportSource, Imported, Problems};
use crate::error::Result;
use crate::framework::{Classification, ClassificationNode};

/// The level files, in level order.
pub const CP2021_FILES: [&str; 5] = [
    "cp2021_level1_grandi_gruppi.csv",
    "cp2021_level2_gruppi.csv",
    "cp2021_level3_classi.csv",
    "cp2021_level4_categorie.csv",
    "cp2021_level5_unita_professionali.csv",
];

/// Imports the five CP2021 level files.
///
/// # Errors
/// The first problem the mode does not load through (any in [`ImportMode::Strict`], an error
/// in [`ImportMode::Standard`]) as [`Error::Import`](crate::Error::Import).
pub fn import_cp2021(
    source: &dyn ImportSource,
    mode: ImportMode,
) -> Result<Imported<Classification>> {
    let mut problems = Problems::new(mode);
    let mut nodes: Vec<ClassificationNode> = Vec::new();
    let mut codes: HashSet<String> = HashSet::new();
    for (level, file) in (1u8..).zip(CP2021_FILES) {
        let cols = [
            format!("cod_{level}"),
            format!("nome_{level}"),
            format!("descr_{level}"),
        ];
        let cols: Vec<&str> = cols.iter().map(String::as_str).collect();
        read_table(
            source,
            file,
            &cols,
            Width::Exact,
            &mut problems,
            |row, p| {
                let raw = row.trimmed(0);
                let code = raw.strip_suffix('.').unwrap_or(raw);
                let segments: Vec<&str> = code.split('.').collect();
                let well_formed = segments.len() == usize::from(level)
                    && segments.iter().all(|s| {
                        !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit())
                    });
                if !well_formed {
                    return row.problem(
                        p,
                        file,
                        0,
                        format!("'{raw}' is not a level-{level} CP2021 code; row skipped"),
                    );
                }
                let parent = code.rfind('.').map(|dot| code[..dot].to_owned());
                if let Some(parent) = &parent {
                    if !codes.contains(parent) {
                        return row.problem(
                            p,
                            file,
                            0,
                            format!(
                                "parent '{parent}' of '{code}' is not at level {}; row skipped",
                                level - 1
                            ),
                        );
                    }
                }
                if !codes.insert(code.to_owned()) {
                    return row.problem(
                        p,
                        file,
                        0,
                        format!("duplicate code '{code}'; row skipped"),
                    );
                }
                let title = row.trimmed(1);
                if title.is_empty() {
                    row.problem(p, file, 1, format!("'{code}' has an empty title; kept"))?;
                }
                nodes.push(ClassificationNode {
                    code: code.to_owned(),
                    title: title.to_owned(),
                    description: row.trimmed(2).to_owned(),
                    level,
                    parent,
                });
                Ok(())
            },
        )?;
    }
    let mut classification = Classification {
        scheme: "cp2021".into(),
        title: "Classificazione delle professioni 2021 (ISTAT CP2021)".into(),
        version: "2021".into(),
        publisher: "ISTAT".into(),
        levels: 5,
        nodes,
    };
    classification.normalize();
    Ok(problems.finish(classification))
}
