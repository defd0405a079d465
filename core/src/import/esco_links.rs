//! The second half of the ESCO import: the skills hierarchy, the relation files and the label
//! files of further languages, all resolved against the concepts read first.

use super::csv_table::{read_table, Row, Width};
use super::esco::labels_of;
use super::{ImportSource, Problems};
use crate::error::Result;
use crate::framework::{
    BroaderRelation, ConceptRef, EscoBuilder, OccupationSkill, Relevance, SkillSkillRelation,
};

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
                    esco.push_skill_group([uri, code], Some(level_u8), [label, "", description])?;
                }
            }
        }
        Ok(())
    })?;
    Ok(())
}

/// Resolves URIs through the builder's index, remembering the last hit per column:
/// `occupationSkillRelations.csv` lists each occupation's rows together, so most lookups of
/// its first column are a string comparison.
struct Concepts<'b> {
    esco: &'b EscoBuilder,
    /// The last URI resolved in each wanted column, with its concept.
    last: [Option<(String, ConceptRef)>; 3],
}

impl<'b> Concepts<'b> {
    fn new(esco: &'b EscoBuilder) -> Self {
        Concepts {
            esco,
            last: [None, None, None],
        }
    }

    /// Resolves the URI in wanted column `col`, reporting an unknown one.
    fn resolve(
        &mut self,
        row: &Row<'_>,
        col: usize,
        file: &str,
        p: &mut Problems,
    ) -> Result<Option<ConceptRef>> {
        let uri = row.trimmed(col);
        let memo = self.last.get_mut(col);
        if let Some(Some((last, concept))) = memo.as_deref() {
            if last == uri {
                return Ok(Some(*concept));
            }
        }
        let Some(concept) = self.esco.find(uri) else {
            row.problem(
                p,
                file,
                col,
                format!("unknown concept '{uri}'; relation skipped"),
            )?;
            return Ok(None);
        };
        if let Some(memo) = memo {
            match memo {
                Some((last, c)) => {
                    last.clear();
                    last.push_str(uri);
                    *c = concept;
                }
                None => *memo = Some((uri.to_owned(), concept)),
            }
        }
        Ok(Some(concept))
    }
}

pub(super) fn read_relations(
    source: &dyn ImportSource,
    esco: &mut EscoBuilder,
    problems: &mut Problems,
) -> Result<()> {
    // Collected apart and added at the end: the resolver borrows the builder.
    let mut hierarchy = Vec::new();
    let mut occupation_skills = Vec::with_capacity(130_000);
    let mut skill_skills = Vec::new();
    let mut concepts = Concepts::new(esco);
    let relevance =
        |row: &Row<'_>, col: usize, file: &str, p: &mut Problems| -> Result<Option<Relevance>> {
            let text = row.trimmed(col);
            let Some(relevance) = Relevance::parse(text) else {
                row.problem(
                    p,
                    file,
                    col,
                    format!("relationType '{text}' is not essential/optional; relation skipped"),
                )?;
                return Ok(None);
            };
            Ok(Some(relevance))
        };

    for file in [
        "relations/broaderRelationsSkillPillar.csv",
        "relations/broaderRelationsOccPillar.csv",
    ] {
        let cols = ["conceptUri", "broaderUri"];
        read_table(source, file, &cols, Width::Exact, problems, |row, p| {
            let narrower = concepts.resolve(row, 0, file, p)?;
            let broader = concepts.resolve(row, 1, file, p)?;
            if let (Some(narrower), Some(broader)) = (narrower, broader) {
                hierarchy.push(BroaderRelation { narrower, broader });
            }
            Ok(())
        })?;
    }

    let file = "relations/occupationSkillRelations.csv";
    let cols = ["occupationUri", "relationType", "skillUri"];
    read_table(source, file, &cols, Width::Exact, problems, |row, p| {
        let occupation = concepts.resolve(row, 0, file, p)?;
        let rel = relevance(row, 1, file, p)?;
        let skill = concepts.resolve(row, 2, file, p)?;
        match (occupation, rel, skill) {
            (
                Some(ConceptRef::Occupation(occupation)),
                Some(relevance),
                Some(ConceptRef::Skill(skill)),
            ) => {
                occupation_skills.push(OccupationSkill {
                    occupation,
                    relevance,
                    skill,
                });
            }
            (Some(_), Some(_), Some(_)) => {
                p.at(
                    file,
                    row.line,
                    None,
                    "occupationUri is not an occupation or skillUri not a skill; relation skipped",
                )?;
            }
            _ => {}
        }
        Ok(())
    })?;

    let file = "relations/skillSkillRelations.csv";
    let cols = ["originalSkillUri", "relationType", "relatedSkillUri"];
    read_table(source, file, &cols, Width::Exact, problems, |row, p| {
        let from = concepts.resolve(row, 0, file, p)?;
        let rel = relevance(row, 1, file, p)?;
        let to = concepts.resolve(row, 2, file, p)?;
        match (from, rel, to) {
            (Some(ConceptRef::Skill(from)), Some(relevance), Some(ConceptRef::Skill(to))) => {
                skill_skills.push(SkillSkillRelation {
                    from,
                    relevance,
                    to,
                });
            }
            (Some(_), Some(_), Some(_)) => {
                p.at(
                    file,
                    row.line,
                    None,
                    "a related concept is not a skill; relation skipped",
                )?;
            }
            _ => {}
        }
        Ok(())
    })?;
    esco.add_relations(hierarchy, occupation_skills, skill_skills);
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
                return row.problem(
                    p,
                    file,
                    0,
                    format!("unknown concept '{uri}'; relation skipped"),
                );
            };
            esco.set_labels(concept, lang, labels_of(row, 1, 2, 3))
        })?;
    }
    Ok(())
}
