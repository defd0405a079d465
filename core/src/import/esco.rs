//! ESCO CSV package → [`EscoTaxonomy`].
//!
//! Reads the layout of the official ESCO CSV download (one folder per package):
//!
//! | file | what is taken |
//! |---|---|
//! | `classification/skills_<lang>.csv` | `conceptUri, skillType, reuseLevel, preferredLabel, altLabels, description` |
//! | `classification/occupations_<lang>.csv` | `conceptUri, code, iscoGroup, preferredLabel, altLabels, description` |
//! | `classification/ISCOGroups_<lang>.csv` | `conceptUri, code, preferredLabel, altLabels, description` |
//! | `classification/skillGroups_<lang>.csv` | `conceptUri, code, preferredLabel, altLabels, description` |
//! | `classification/skillsHierarchy_<lang>.csv` | levels of the skill groups (ragged rows allowed) |
//! | `relations/broaderRelationsSkillPillar.csv`, `relations/broaderRelationsOccPillar.csv` | hierarchy |
//! | `relations/occupationSkillRelations.csv` | essential / optional skills of occupations |
//! | `relations/skillSkillRelations.csv` | skill → skill relations |
//!
//! The first language of [`EscoImportOptions::languages`] defines the concepts; the label files
//! of further languages are joined on `conceptUri` (the URIs are the same in every language).
//! A group that the skills hierarchy names but `skillGroups_<lang>.csv` lacks (7 in v1.1.1) is
//! added from the hierarchy row, so broader relations that point at it resolve. A relation whose
//! concept is unknown is a problem (v1.1.1: 67 occupation → skill relations and 1 broader relation
//! name an occupation missing from `occupations_en.csv`).

use std::collections::{HashMap, HashSet};

use super::csv_table::{read_table, Row, Width};
use super::{ImportMode, ImportSource, Imported, Problems};
use crate::error::{Error, Result};
use crate::framework::{
    BroaderRelation, ConceptRef, EscoLabels, EscoOccupation, EscoSkill, EscoSkillGroup,
    EscoTaxonomy, IscoGroup, OccupationSkill, Relevance, ReuseLevel, SkillSkillRelation, SkillType,
};

/// What to import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscoImportOptions {
    /// The ESCO version the files are (e.g. `v1.1.1`); the CSV files do not say it.
    pub version: String,
    /// Label languages; the first defines the concepts. At least one.
    pub languages: Vec<String>,
}

impl EscoImportOptions {
    /// One language.
    pub fn new(version: impl Into<String>, language: impl Into<String>) -> Self {
        EscoImportOptions {
            version: version.into(),
            languages: vec![language.into()],
        }
    }
}

const SKILL_PREFIX: &str = "http://data.europa.eu/esco/skill/";
const OCCUPATION_PREFIX: &str = "http://data.europa.eu/esco/occupation/";

/// Builds the labels of one language, putting it at `lang` of `n` languages.
fn labels_at(n: usize, lang: usize, labels: EscoLabels) -> Vec<EscoLabels> {
    let mut all = vec![EscoLabels::default(); n];
    all[lang] = labels;
    all
}

fn labels_of(row: &Row<'_>, pref: usize, alt: usize, description: usize) -> EscoLabels {
    EscoLabels {
        preferred: row.trimmed(pref).to_owned(),
        alt: row.trimmed(alt).replace("\r\n", "\n"),
        description: row.trimmed(description).to_owned(),
    }
}

/// Checks a concept URI and that it is new; reports and returns `false` otherwise.
fn check_uri(
    row: &Row<'_>,
    file: &str,
    prefix: &str,
    seen: &mut HashSet<String>,
    problems: &mut Problems,
) -> Result<bool> {
    let uri = row.trimmed(0);
    if !uri.starts_with(prefix) || uri.len() == prefix.len() {
        problems.at(
            file,
            row.line,
            row.column(0),
            format!("conceptUri '{uri}' is not a {prefix}… URI; row skipped"),
        )?;
        return Ok(false);
    }
    if !seen.insert(uri.to_owned()) {
        problems.at(
            file,
            row.line,
            row.column(0),
            format!("duplicate conceptUri '{uri}'; row skipped (the first is kept)"),
        )?;
        return Ok(false);
    }
    Ok(true)
}

/// Imports an ESCO CSV package.
///
/// # Errors
/// [`Error::InvalidOptions`] when no language is given; in [`ImportMode::Strict`], the first
/// problem as [`Error::Import`].
pub fn import_esco(
    source: &dyn ImportSource,
    options: &EscoImportOptions,
    mode: ImportMode,
) -> Result<Imported<EscoTaxonomy>> {
    let Some(primary) = options.languages.first() else {
        return Err(Error::InvalidOptions(
            "ESCO import needs at least one language".into(),
        ));
    };
    let n = options.languages.len();
    let mut problems = Problems::new(mode);
    let mut esco = EscoTaxonomy {
        version: options.version.clone(),
        languages: options.languages.clone(),
        ..EscoTaxonomy::default()
    };
    let mut seen = HashSet::new();

    let file = format!("classification/skills_{primary}.csv");
    let cols = [
        "conceptUri",
        "skillType",
        "reuseLevel",
        "preferredLabel",
        "altLabels",
        "description",
    ];
    read_table(
        source,
        &file,
        &cols,
        Width::Exact,
        &mut problems,
        |row, p| {
            if !check_uri(row, &file, SKILL_PREFIX, &mut seen, p)? {
                return Ok(());
            }
            let skill_type = match row.trimmed(1) {
                "" => None,
                t => SkillType::parse(t).map(Some).ok_or(t).or_else(|t| {
                    p.at(
                        &file,
                        row.line,
                        row.column(1),
                        format!("unknown skillType '{t}'; left empty"),
                    )
                    .map(|()| None)
                })?,
            };
            let reuse_level = match row.trimmed(2) {
                "" => None,
                t => ReuseLevel::parse(t).map(Some).ok_or(t).or_else(|t| {
                    p.at(
                        &file,
                        row.line,
                        row.column(2),
                        format!("unknown reuseLevel '{t}'; left empty"),
                    )
                    .map(|()| None)
                })?,
            };
            esco.skills.push(EscoSkill {
                uri: row.trimmed(0).to_owned(),
                skill_type,
                reuse_level,
                labels: labels_at(n, 0, labels_of(row, 3, 4, 5)),
            });
            Ok(())
        },
    )?;

    let file = format!("classification/occupations_{primary}.csv");
    let cols = [
        "conceptUri",
        "code",
        "iscoGroup",
        "preferredLabel",
        "altLabels",
        "description",
    ];
    read_table(
        source,
        &file,
        &cols,
        Width::Exact,
        &mut problems,
        |row, p| {
            let isco = row.trimmed(2);
            if isco.len() != 4 || !isco.bytes().all(|b| b.is_ascii_digit()) {
                return p.at(
                    &file,
                    row.line,
                    row.column(2),
                    format!("iscoGroup '{isco}' is not a 4-digit ISCO-08 code; row skipped"),
                );
            }
            if !check_uri(row, &file, OCCUPATION_PREFIX, &mut seen, p)? {
                return Ok(());
            }
            esco.occupations.push(EscoOccupation {
                uri: row.trimmed(0).to_owned(),
                code: row.trimmed(1).to_owned(),
                isco_group: isco.to_owned(),
                labels: labels_at(n, 0, labels_of(row, 3, 4, 5)),
            });
            Ok(())
        },
    )?;

    let file = format!("classification/ISCOGroups_{primary}.csv");
    let cols = [
        "conceptUri",
        "code",
        "preferredLabel",
        "altLabels",
        "description",
    ];
    read_table(
        source,
        &file,
        &cols,
        Width::Exact,
        &mut problems,
        |row, p| {
            let code = row.trimmed(1);
            if code.is_empty() || code.len() > 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
                return p.at(
                    &file,
                    row.line,
                    row.column(1),
                    format!("ISCO-08 code '{code}' is not 1-4 digits; row skipped"),
                );
            }
            if !check_uri(row, &file, "http://data.europa.eu/esco/isco/", &mut seen, p)? {
                return Ok(());
            }
            esco.isco_groups.push(IscoGroup {
                uri: row.trimmed(0).to_owned(),
                code: code.to_owned(),
                labels: labels_at(n, 0, labels_of(row, 2, 3, 4)),
            });
            Ok(())
        },
    )?;

    let file = format!("classification/skillGroups_{primary}.csv");
    let cols = [
        "conceptUri",
        "code",
        "preferredLabel",
        "altLabels",
        "description",
    ];
    read_table(
        source,
        &file,
        &cols,
        Width::Exact,
        &mut problems,
        |row, p| {
            if !check_uri(row, &file, "http://data.europa.eu/esco/", &mut seen, p)? {
                return Ok(());
            }
            esco.skill_groups.push(EscoSkillGroup {
                uri: row.trimmed(0).to_owned(),
                code: row.trimmed(1).to_owned(),
                level: None,
                labels: labels_at(n, 0, labels_of(row, 2, 3, 4)),
            });
            Ok(())
        },
    )?;

    read_hierarchy(source, primary, n, &mut esco, &mut problems)?;
    esco.normalize();
    read_relations(source, &mut esco, &mut problems)?;
    for (lang, language) in options.languages.iter().enumerate().skip(1) {
        read_language(source, language, lang, &mut esco, &mut problems)?;
    }
    esco.normalize();
    Ok(problems.finish(esco))
}

/// Sets the level of skill groups from the skills hierarchy and adds the groups it names that
/// the skill-groups file lacks.
fn read_hierarchy(
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
                p.at(
                    &file,
                    row.line,
                    row.column(level * 3),
                    format!("level {level} is empty above level {deepest}"),
                )?;
                continue;
            }
            let level_u8 = u8::try_from(level).unwrap_or(u8::MAX);
            if let Some(&i) = by_uri.get(uri) {
                let group = &mut esco.skill_groups[i];
                match group.level {
                    Some(l) if l != level_u8 => p.at(
                        &file,
                        row.line,
                        row.column(level * 3),
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

/// URI → concept, over the sorted concept vectors.
struct Concepts {
    map: HashMap<String, ConceptRef>,
}

impl Concepts {
    fn new(esco: &EscoTaxonomy) -> Self {
        let idx = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        let mut map = HashMap::with_capacity(
            esco.skills.len()
                + esco.occupations.len()
                + esco.isco_groups.len()
                + esco.skill_groups.len(),
        );
        map.extend(
            esco.skills
                .iter()
                .enumerate()
                .map(|(i, c)| (c.uri.clone(), ConceptRef::Skill(idx(i)))),
        );
        map.extend(
            esco.occupations
                .iter()
                .enumerate()
                .map(|(i, c)| (c.uri.clone(), ConceptRef::Occupation(idx(i)))),
        );
        map.extend(
            esco.isco_groups
                .iter()
                .enumerate()
                .map(|(i, c)| (c.uri.clone(), ConceptRef::IscoGroup(idx(i)))),
        );
        map.extend(
            esco.skill_groups
                .iter()
                .enumerate()
                .map(|(i, c)| (c.uri.clone(), ConceptRef::SkillGroup(idx(i)))),
        );
        Concepts { map }
    }

    /// Resolves the URI in wanted column `col`, reporting an unknown one.
    fn resolve(
        &self,
        row: &Row<'_>,
        col: usize,
        file: &str,
        p: &mut Problems,
    ) -> Result<Option<ConceptRef>> {
        let uri = row.trimmed(col);
        match self.map.get(uri) {
            Some(c) => Ok(Some(*c)),
            None => {
                p.at(
                    file,
                    row.line,
                    row.column(col),
                    format!("unknown concept '{uri}'; relation skipped"),
                )?;
                Ok(None)
            }
        }
    }
}

fn read_relations(
    source: &dyn ImportSource,
    esco: &mut EscoTaxonomy,
    problems: &mut Problems,
) -> Result<()> {
    let concepts = Concepts::new(esco);
    let relevance =
        |row: &Row<'_>, col: usize, file: &str, p: &mut Problems| -> Result<Option<Relevance>> {
            let text = row.trimmed(col);
            match Relevance::parse(text) {
                Some(r) => Ok(Some(r)),
                None => {
                    p.at(
                        file,
                        row.line,
                        row.column(col),
                        format!(
                            "relationType '{text}' is not essential/optional; relation skipped"
                        ),
                    )?;
                    Ok(None)
                }
            }
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
fn read_language(
    source: &dyn ImportSource,
    language: &str,
    lang: usize,
    esco: &mut EscoTaxonomy,
    problems: &mut Problems,
) -> Result<()> {
    let concepts = Concepts::new(esco);
    // (file, columns: uri, preferred, alt, description)
    let files = [
        format!("classification/skills_{language}.csv"),
        format!("classification/occupations_{language}.csv"),
        format!("classification/ISCOGroups_{language}.csv"),
        format!("classification/skillGroups_{language}.csv"),
    ];
    let cols = ["conceptUri", "preferredLabel", "altLabels", "description"];
    for file in &files {
        read_table(source, file, &cols, Width::Exact, problems, |row, p| {
            let Some(concept) = concepts.resolve(row, 0, file, p)? else {
                return Ok(());
            };
            let labels = labels_of(row, 1, 2, 3);
            let slot = match concept {
                ConceptRef::Skill(i) => esco.skills.get_mut(i as usize).map(|c| &mut c.labels),
                ConceptRef::Occupation(i) => {
                    esco.occupations.get_mut(i as usize).map(|c| &mut c.labels)
                }
                ConceptRef::IscoGroup(i) => {
                    esco.isco_groups.get_mut(i as usize).map(|c| &mut c.labels)
                }
                ConceptRef::SkillGroup(i) => {
                    esco.skill_groups.get_mut(i as usize).map(|c| &mut c.labels)
                }
            };
            if let Some(slot) = slot.and_then(|l| l.get_mut(lang)) {
                *slot = labels;
            }
            Ok(())
        })?;
    }
    Ok(())
}
