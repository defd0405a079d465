//! The second half of the ESCO import: the skills hierarchy, the relation files and the label
//! files of further languages, all resolved against the concepts read first.

use std::collections::HashMap;

use super::csv_table::{read_table, Row, Width};
use super::esco::{labels_at, labels_of};
use super::{ImportSource, Problems};
use crate::error::Result;
use crate::framework::{
    BroaderRelation, ConceptRef, EscoLabels, EscoOccupation, EscoSkill, EscoSkillGroup,
    EscoTaxonomy, IscoGroup, OccupationSkill, Relevance, SkillSkillRelation,
};

/// Sets the level of skill groups from the skills hierarchy and adds the groups it names that
/// the skill-groups file lacks.
pub(super) fn read_hierarchy(
    source: &dyn ImportSource,
    language: &str,
    n: usize,
    esco: &mut EscoTaxonomy,
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
    let mut by_uri: HashMap<String, usize> = esco
        .skill_groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.uri.clone(), i))
        .collect();
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
            if let Some(&i) = by_uri.get(uri) {
                let group = &mut esco.skill_groups[i];
                match group.level {
                    Some(l) if l != level_u8 => row.problem(
                        p,
                        &file,
                        level * 3,
                        format!("'{uri}' is at level {level} here and at level {l} elsewhere; first kept"),
                    )?,
                    _ => group.level = Some(level_u8),
                }
            } else {
                let description = if level == deepest {
                    row.trimmed(12)
                } else {
                    ""
                };
                by_uri.insert(uri.to_owned(), esco.skill_groups.len());
                esco.skill_groups.push(EscoSkillGroup {
                    uri: uri.to_owned(),
                    code: row.trimmed(level * 3 + 2).to_owned(),
                    level: Some(level_u8),
                    labels: labels_at(
                        n,
                        0,
                        EscoLabels {
                            preferred: row.trimmed(level * 3 + 1).to_owned(),
                            alt: String::new(),
                            description: description.to_owned(),
                        },
                    ),
                });
            }
        }
        Ok(())
    })?;
    Ok(())
}

/// URI → concept, borrowing the URIs of the concept vectors.
///
/// The relation files make some 300 000 lookups, so the map uses foldhash (several times
/// faster than `SipHash` on these 40-70 byte keys, still seeded per process) and remembers the
/// last hit per column: `occupationSkillRelations.csv` lists each occupation's rows together.
struct Concepts<'e> {
    map: foldhash::HashMap<&'e str, ConceptRef>,
    /// The last URI resolved in each wanted column, with its concept.
    last: [Option<(&'e str, ConceptRef)>; 3],
}

impl<'e> Concepts<'e> {
    fn new(
        skills: &'e [EscoSkill],
        occupations: &'e [EscoOccupation],
        isco_groups: &'e [IscoGroup],
        skill_groups: &'e [EscoSkillGroup],
    ) -> Self {
        let idx = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        let mut map = foldhash::HashMap::with_capacity_and_hasher(
            skills.len() + occupations.len() + isco_groups.len() + skill_groups.len(),
            foldhash::fast::RandomState::default(),
        );
        // Inserted in this order so that, as before, a URI present twice resolves to the
        // last kind (`extend` overwrites).
        map.extend(
            skills
                .iter()
                .enumerate()
                .map(|(i, c)| (c.uri.as_str(), ConceptRef::Skill(idx(i)))),
        );
        map.extend(
            occupations
                .iter()
                .enumerate()
                .map(|(i, c)| (c.uri.as_str(), ConceptRef::Occupation(idx(i)))),
        );
        map.extend(
            isco_groups
                .iter()
                .enumerate()
                .map(|(i, c)| (c.uri.as_str(), ConceptRef::IscoGroup(idx(i)))),
        );
        map.extend(
            skill_groups
                .iter()
                .enumerate()
                .map(|(i, c)| (c.uri.as_str(), ConceptRef::SkillGroup(idx(i)))),
        );
        Concepts {
            map,
            last: [None; 3],
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
            if *last == uri {
                return Ok(Some(*concept));
            }
        }
        let Some((&key, &concept)) = self.map.get_key_value(uri) else {
            row.problem(
                p,
                file,
                col,
                format!("unknown concept '{uri}'; relation skipped"),
            )?;
            return Ok(None);
        };
        if let Some(memo) = memo {
            *memo = Some((key, concept));
        }
        Ok(Some(concept))
    }
}

pub(super) fn read_relations(
    source: &dyn ImportSource,
    esco: &mut EscoTaxonomy,
    problems: &mut Problems,
) -> Result<()> {
    let mut concepts = Concepts::new(
        &esco.skills,
        &esco.occupations,
        &esco.isco_groups,
        &esco.skill_groups,
    );
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
                esco.broader.push(BroaderRelation { narrower, broader });
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
                esco.occupation_skills.push(OccupationSkill {
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
                esco.skill_skills.push(SkillSkillRelation {
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
    Ok(())
}

/// Joins the label files of a further language onto the concepts, by URI.
pub(super) fn read_language(
    source: &dyn ImportSource,
    language: &str,
    lang: usize,
    esco: &mut EscoTaxonomy,
    problems: &mut Problems,
) -> Result<()> {
    // (file, columns: uri, preferred, alt, description)
    let files = [
        format!("classification/skills_{language}.csv"),
        format!("classification/occupations_{language}.csv"),
        format!("classification/ISCOGroups_{language}.csv"),
        format!("classification/skillGroups_{language}.csv"),
    ];
    let cols = ["conceptUri", "preferredLabel", "altLabels", "description"];
    // The map borrows the URIs, so the labels are collected first and moved in afterwards
    // (in file order: a concept labelled twice keeps the last labels, as before).
    let mut found: Vec<(ConceptRef, EscoLabels)> = Vec::new();
    {
        let mut concepts = Concepts::new(
            &esco.skills,
            &esco.occupations,
            &esco.isco_groups,
            &esco.skill_groups,
        );
        for file in &files {
            read_table(source, file, &cols, Width::Exact, problems, |row, p| {
                if let Some(concept) = concepts.resolve(row, 0, file, p)? {
                    found.push((concept, labels_of(row, 1, 2, 3)));
                }
                Ok(())
            })?;
        }
    }
    for (concept, labels) in found {
        let slot = match concept {
            ConceptRef::Skill(i) => esco.skills.get_mut(i as usize).map(|c| &mut c.labels),
            ConceptRef::Occupation(i) => {
                esco.occupations.get_mut(i as usize).map(|c| &mut c.labels)
            }
            ConceptRef::IscoGroup(i) => esco.isco_groups.get_mut(i as usize).map(|c| &mut c.labels),
            ConceptRef::SkillGroup(i) => {
                esco.skill_groups.get_mut(i as usize).map(|c| &mut c.labels)
            }
        };
        if let Some(slot) = slot.and_then(|l| l.get_mut(lang)) {
            *slot = labels;
        }
    }
    Ok(())
}
