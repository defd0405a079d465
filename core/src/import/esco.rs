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

use super::csv_table::{read_table, Row, Width};
use super::esco_links;
use super::{ImportMode, ImportSource, Imported, Problems};
use crate::error::{Error, Result};
use crate::framework::{
    EscoLabels, EscoOccupation, EscoSkill, EscoSkillGroup, EscoTaxonomy, IscoGroup, ReuseLevel,
    SkillType,
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

/// The concept URIs met so far (foldhash: ~40 000 inserts of 40-70 byte keys).
type UriSet = foldhash::HashSet<String>;

const SKILL_PREFIX: &str = "http://data.europa.eu/esco/skill/";
const OCCUPATION_PREFIX: &str = "http://data.europa.eu/esco/occupation/";

/// Builds the labels of one language, putting it at `lang` of `n` languages.
pub(super) fn labels_at(n: usize, lang: usize, labels: EscoLabels) -> Vec<EscoLabels> {
    let mut all = vec![EscoLabels::default(); n];
    all[lang] = labels;
    all
}

pub(super) fn labels_of(row: &Row<'_>, pref: usize, alt: usize, description: usize) -> EscoLabels {
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
    seen: &mut UriSet,
    problems: &mut Problems,
) -> Result<bool> {
    let uri = row.trimmed(0);
    if !uri.starts_with(prefix) || uri.len() == prefix.len() {
        row.problem(
            problems,
            file,
            0,
            format!("conceptUri '{uri}' is not a {prefix}… URI; row skipped"),
        )?;
        return Ok(false);
    }
    if !seen.insert(uri.to_owned()) {
        row.problem(
            problems,
            file,
            0,
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
    let mut seen = UriSet::default();

    read_skills(source, primary, n, &mut esco, &mut seen, &mut problems)?;
    read_occupations(source, primary, n, &mut esco, &mut seen, &mut problems)?;
    read_isco_groups(source, primary, n, &mut esco, &mut seen, &mut problems)?;
    read_skill_groups(source, primary, n, &mut esco, &mut seen, &mut problems)?;
    esco_links::read_hierarchy(source, primary, n, &mut esco, &mut problems)?;
    esco.normalize();
    esco_links::read_relations(source, &mut esco, &mut problems)?;
    for (lang, language) in options.languages.iter().enumerate().skip(1) {
        esco_links::read_language(source, language, lang, &mut esco, &mut problems)?;
    }
    esco.normalize();
    Ok(problems.finish(esco))
}

/// Reads the skills file of the first language.
fn read_skills(
    source: &dyn ImportSource,
    primary: &str,
    n: usize,
    esco: &mut EscoTaxonomy,
    seen: &mut UriSet,
    problems: &mut Problems,
) -> Result<()> {
    let file = format!("classification/skills_{primary}.csv");
    let cols = [
        "conceptUri",
        "skillType",
        "reuseLevel",
        "preferredLabel",
        "altLabels",
        "description",
    ];
    read_table(source, &file, &cols, Width::Exact, problems, |row, p| {
        if !check_uri(row, &file, SKILL_PREFIX, seen, p)? {
            return Ok(());
        }
        let skill_type = match row.trimmed(1) {
            "" => None,
            t => SkillType::parse(t).map(Some).ok_or(t).or_else(|t| {
                row.problem(p, &file, 1, format!("unknown skillType '{t}'; left empty"))
                    .map(|()| None)
            })?,
        };
        let reuse_level = match row.trimmed(2) {
            "" => None,
            t => ReuseLevel::parse(t).map(Some).ok_or(t).or_else(|t| {
                row.problem(p, &file, 2, format!("unknown reuseLevel '{t}'; left empty"))
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
    })?;
    Ok(())
}

/// Reads the occupations file of the first language.
fn read_occupations(
    source: &dyn ImportSource,
    primary: &str,
    n: usize,
    esco: &mut EscoTaxonomy,
    seen: &mut UriSet,
    problems: &mut Problems,
) -> Result<()> {
    let file = format!("classification/occupations_{primary}.csv");
    let cols = [
        "conceptUri",
        "code",
        "iscoGroup",
        "preferredLabel",
        "altLabels",
        "description",
    ];
    read_table(source, &file, &cols, Width::Exact, problems, |row, p| {
        let isco = row.trimmed(2);
        if isco.len() != 4 || !isco.bytes().all(|b| b.is_ascii_digit()) {
            return row.problem(
                p,
                &file,
                2,
                format!("iscoGroup '{isco}' is not a 4-digit ISCO-08 code; row skipped"),
            );
        }
        if !check_uri(row, &file, OCCUPATION_PREFIX, seen, p)? {
            return Ok(());
        }
        esco.occupations.push(EscoOccupation {
            uri: row.trimmed(0).to_owned(),
            code: row.trimmed(1).to_owned(),
            isco_group: isco.to_owned(),
            labels: labels_at(n, 0, labels_of(row, 3, 4, 5)),
        });
        Ok(())
    })?;
    Ok(())
}

/// Reads the ISCO-08 groups file of the first language.
fn read_isco_groups(
    source: &dyn ImportSource,
    primary: &str,
    n: usize,
    esco: &mut EscoTaxonomy,
    seen: &mut UriSet,
    problems: &mut Problems,
) -> Result<()> {
    let file = format!("classification/ISCOGroups_{primary}.csv");
    let cols = [
        "conceptUri",
        "code",
        "preferredLabel",
        "altLabels",
        "description",
    ];
    read_table(source, &file, &cols, Width::Exact, problems, |row, p| {
        let code = row.trimmed(1);
        if code.is_empty() || code.len() > 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return row.problem(
                p,
                &file,
                1,
                format!("ISCO-08 code '{code}' is not 1-4 digits; row skipped"),
            );
        }
        if !check_uri(row, &file, "http://data.europa.eu/esco/isco/", seen, p)? {
            return Ok(());
        }
        esco.isco_groups.push(IscoGroup {
            uri: row.trimmed(0).to_owned(),
            code: code.to_owned(),
            labels: labels_at(n, 0, labels_of(row, 2, 3, 4)),
        });
        Ok(())
    })?;
    Ok(())
}

/// Reads the skill groups file of the first language.
fn read_skill_groups(
    source: &dyn ImportSource,
    primary: &str,
    n: usize,
    esco: &mut EscoTaxonomy,
    seen: &mut UriSet,
    problems: &mut Problems,
) -> Result<()> {
    let file = format!("classification/skillGroups_{primary}.csv");
    let cols = [
        "conceptUri",
        "code",
        "preferredLabel",
        "altLabels",
        "description",
    ];
    read_table(source, &file, &cols, Width::Exact, problems, |row, p| {
        if !check_uri(row, &file, "http://data.europa.eu/esco/", seen, p)? {
            return Ok(());
        }
        esco.skill_groups.push(EscoSkillGroup {
            uri: row.trimmed(0).to_owned(),
            code: row.trimmed(1).to_owned(),
            level: None,
            labels: labels_at(n, 0, labels_of(row, 2, 3, 4)),
        });
        Ok(())
    })?;
    Ok(())
}
