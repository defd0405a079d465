//! The skills hierarchy and the label files of further languages, resolved against the
//! concepts read first (the relation files are in `esco_relations`).

use super::csv_table::{read_table, Width};
use super::esco::labels_of;
use super::{ImportSource, Problems};
use crate::error::Result;
use crate::framework::{ConceptRef, EscoBuilder};

/// Sets the level of skill groups from the skills hierarchy and adds the groups it names that
/// the skill-groups file lacks.
pub(super) fn read_hierarchy(
    source: &dyn ImportSource,
    language: &str,
    esco: &mut EscoBuilder,
    problems: &mut Problems,
) -> Result<()> {
    let file = format!("classification/skillsHierarchy_{language}.csv");
    let cols = [
        "Level 0 URI",
        "Level 0 preferred term",
        "Level 0 code",
        "Level 1 URI",
        "Level 1 preferred term",
        "Level 1 code",
        "Level 2 URI",
        "Level 2 preferred term",
        "Level 2 code",
        "Level 3 URI",
        "Level 3 preferred term",
        "Level 3 code",
        "Description",
    ];
    read_table(source, &file, &cols, Width::Ragged, problems, |row, p| {
        let deepest = (0..4).rev().find(|&l| !row.trimmed(l * 3).is_empty());
        let Some(deepest) = deepest else {
            return p.at(&file, row.line, None, "row names no concept; row skipped");
        };
        for level in 0..=deepest {
            let uri = row.trimmed(level * 3);
            if uri.is_empty() {
                row.problem(
                    p,
                    &file,
                    level * 3,
                    format!("level {level} is empty above level {deepest}"),
                )?;
                continue;
            }
            let level_u8 = u8::try_from(level).unwrap_or(u8::MAX);
            match esco.find(uri) {
                Some(ConceptRef::SkillGroup(i)) => match esco.skill_group_level(i) {
                    Some(l) if l != level_u8 => row.problem(
                        p,
                        &file,
                        level * 3,
                        format!("'{uri}' is at level {level} here and at level {l} elsewhere; first kept"),
                    )?,
                    _ => esco.set_skill_group_level(i, level_u8),
                },
                Some(_) => row.problem(
                    p,
                    &file,
                    level * 3,
                    format!("'{uri}' is a concept of another kind, not a skill group; ignored here"),
                )?,
                None => {
                    let description = if level == deepest {
                        row.trimmed(12)
                    } else {
                        ""
                    };
                    let code = row.trimmed(level * 3 + 2);
                    let label = row.trimmed(level * 3 + 1);
                    // Not found just above, so the claim succeeds.
                    if let Some(claim) = esco.claim(uri)? {
                        let labels = [label, "", description];
                        esco.push_skill_group(claim, code, Some(level_u8), labels)?;
                    }
                }
            }
        }
        Ok(())
    })?;
    Ok(())
}

/// Joins the label files of a further language onto the concepts, by URI (a concept labelled
/// twice keeps the last labels).
pub(super) fn read_language(
    source: &dyn ImportSource,
    language: &str,
    lang: usize,
    esco: &mut EscoBuilder,
    problems: &mut Problems,
) -> Result<()> {
    let files = [
        format!("classification/skills_{language}.csv"),
        format!("classification/occupations_{language}.csv"),
        format!("classification/ISCOGroups_{language}.csv"),
        format!("classification/skillGroups_{language}.csv"),
    ];
    let cols = ["conceptUri", "preferredLabel", "altLabels", "description"];
    for file in &files {
        read_table(source, file, &cols, Width::Exact, problems, |row, p| {
            let uri = row.trimmed(0);
            let Some(concept) = esco.find(uri) else {
                // A label for a concept the first language lacks: the files disagree, the
                // rest of them is usable.
                return row.warning(
                    p,
                    file,
                    0,
                    format!("unknown concept '{uri}'; its labels skipped"),
                );
            };
            esco.set_labels(concept, lang, labels_of(row, 1, 2, 3))
        })?;
    }
    Ok(())
}
