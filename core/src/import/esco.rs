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
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::esco_links;
use super::esco_relations;
use super::{ImportMode, ImportSource, Imported, Problems};
use crate::error::{Error, Result};
use crate::framework::{Claim, EscoBuilder, EscoTaxonomy, LabelTexts, ReuseLevel, SkillType};

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

/// The trimmed preferred label, alternative labels and description of a row.
pub(super) fn labels_of<'r>(
    row: &'r Row<'_>,
    pref: usize,
    alt: usize,
    description: usize,
) -> LabelTexts<'r> {
    [
        row.trimmed(pref),
        row.trimmed(alt),
        row.trimmed(description),
    ]
}

/// Checks that a row's concept URI has `prefix` and is new, and claims it for the concept the
/// row adds (see [`EscoBuilder::claim`]); reports and returns `None` otherwise.
fn check_uri(
    row: &Row<'_>,
    file: &str,
    prefix: &str,
    esco: &mut EscoBuilder,
    problems: &mut Problems,
) -> Result<Option<Claim>> {
    let uri = row.trimmed(0);
    if !uri.starts_with(prefix) || uri.len() == prefix.len() {
        row.problem(
            problems,
            file,
            0,
            format!("conceptUri '{uri}' is not a {prefix}… URI; row skipped"),
        )?;
        return Ok(None);
    }
    let claim = esco.claim(uri)?;
    if claim.is_none() {
        row.problem(
            problems,
            file,
            0,
            format!("duplicate conceptUri '{uri}'; row skipped (the first is kept)"),
        )?;
    }
    Ok(claim)
}

/// Imports an ESCO CSV package.
///
/// With feature `parallel` the relation files are read on a second thread while the concept
/// files are read, and resolved in two halves on two threads; the result and the problems are
/// the same as without it.
///
/// # Errors
/// [`Error::InvalidOptions`] when no language is given; the first problem the mode does not
/// load through (any in [`ImportMode::Strict`], an error in [`ImportMode::Standard`]) as
/// [`Error::Import`].
pub fn import_esco(
    source: &dyn ImportSource,
    options: &EscoImportOptions,
    mode: ImportMode,
) -> Result<Imported<EscoTaxonomy>> {
    import_with(source, options, mode, Threads::AVAILABLE)
}

/// [`import_esco`] on one thread or two.
fn import_with(
    source: &dyn ImportSource,
    options: &EscoImportOptions,
    mode: ImportMode,
    threads: Threads,
) -> Result<Imported<EscoTaxonomy>> {
    let Some(primary) = options.languages.first() else {
        return Err(Error::InvalidOptions(
            "ESCO import needs at least one language".into(),
        ));
    };
    let mut problems = Problems::new(mode);
    let mut esco = EscoBuilder::new(options.version.clone(), options.languages.clone())?;
    // About the text the four concept files keep (labels, descriptions, URIs) for English.
    esco.reserve_text(8 << 20);

    // The relation files are read while the concepts are (they need the concepts only to be
    // resolved), then resolved once, to the sorted indexes.
    // The other thread starts with the largest relation file; this one reads the concepts,
    // then takes what relation files are left (`next` hands each file to one of them; on one
    // thread this one takes them all).
    let (stop, next) = (AtomicBool::new(false), AtomicUsize::new(0));
    let ((concepts, mine), theirs) = threads.run(
        || {
            let read = read_concepts(source, primary, &mut esco, &mut problems);
            if read.is_err() {
                stop.store(true, Ordering::Relaxed);
            } else {
                // Here, not after both threads are done: this thread finishes the concepts
                // before the other finishes the largest relation file.
                esco.sort_concepts();
            }
            (read, esco_relations::read_rows(source, &next, &stop))
        },
        || esco_relations::read_rows(source, &next, &stop),
    );
    concepts?;
    esco_relations::resolve(&[&mine, &theirs], &mut esco, &mut problems, threads)?;
    for (lang, language) in options.languages.iter().enumerate().skip(1) {
        esco_links::read_language(source, language, lang, &mut esco, &mut problems)?;
    }
    Ok(problems.finish(esco.finish()?))
}

/// Reads the concept files of the first language and the skills hierarchy.
fn read_concepts(
    source: &dyn ImportSource,
    primary: &str,
    esco: &mut EscoBuilder,
    problems: &mut Problems,
) -> Result<()> {
    read_skills(source, primary, esco, problems)?;
    read_occupations(source, primary, esco, problems)?;
    read_isco_groups(source, primary, esco, problems)?;
    read_skill_groups(source, primary, esco, problems)?;
    esco_links::read_hierarchy(source, primary, esco, problems)
}

/// How many threads the import runs on: two only with feature `parallel`, and never in
/// WebAssembly (the core builds for wasm32, where there are no threads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Threads {
    /// Everything on the calling thread.
    One,
    /// The calling thread and one more.
    Two,
}

impl Threads {
    /// Two where the build has threads (feature `parallel`, not WebAssembly), otherwise one.
    const AVAILABLE: Threads = if cfg!(all(feature = "parallel", not(target_family = "wasm"))) {
        Threads::Two
    } else {
        Threads::One
    };

    /// Runs `first` on this thread and `second` on another with [`Threads::Two`]; otherwise
    /// `first`, then `second`.
    pub(super) fn run<A, B: Send>(
        self,
        first: impl FnOnce() -> A,
        second: impl FnOnce() -> B + Send,
    ) -> (A, B) {
        if self == Threads::Two {
            on_two_threads(first, second)
        } else {
            let a = first();
            (a, second())
        }
    }
}

/// Runs `first` on this thread and `second` on a scoped thread.
#[cfg(all(feature = "parallel", not(target_family = "wasm")))]
fn on_two_threads<A, B: Send>(
    first: impl FnOnce() -> A,
    second: impl FnOnce() -> B + Send,
) -> (A, B) {
    std::thread::scope(|scope| {
        let worker = scope.spawn(second);
        let a = first();
        // A panic in the worker is a bug; surface it as the sequential code would.
        let b = worker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (a, b)
    })
}

/// Without threads (no feature `parallel`, or WebAssembly): `first`, then `second`.
#[cfg(not(all(feature = "parallel", not(target_family = "wasm"))))]
fn on_two_threads<A, B>(first: impl FnOnce() -> A, second: impl FnOnce() -> B) -> (A, B) {
    let a = first();
    (a, second())
}

/// The field of wanted column `col` when it is `lengths` ASCII digits; otherwise `None`, after
/// reporting it (`what` names the field, `rule` the expected form) and skipping the row.
fn digits<'r>(
    row: &'r Row<'_>,
    col: usize,
    lengths: std::ops::RangeInclusive<usize>,
    file: &str,
    problems: &mut Problems,
    (what, rule): (&str, &str),
) -> Result<Option<&'r str>> {
    let field = row.trimmed(col);
    if lengths.contains(&field.len()) && field.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(Some(field));
    }
    let reason = format!("{what} '{field}' is not {rule}; row skipped");
    row.problem(problems, file, col, reason).map(|()| None)
}

/// Reads the skills file of the first language.
fn read_skills(
    source: &dyn ImportSource,
    primary: &str,
    esco: &mut EscoBuilder,
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
        let Some(claim) = check_uri(row, &file, SKILL_PREFIX, esco, p)? else {
            return Ok(());
        };
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
        esco.push_skill(claim, skill_type, reuse_level, labels_of(row, 3, 4, 5))?;
        Ok(())
    })?;
    Ok(())
}

/// Reads the occupations file of the first language.
fn read_occupations(
    source: &dyn ImportSource,
    primary: &str,
    esco: &mut EscoBuilder,
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
        "regulatedProfessionNote",
    ];
    read_table(source, &file, &cols, Width::Exact, problems, |row, p| {
        let Some(isco) = digits(
            row,
            2,
            4..=4,
            &file,
            p,
            ("iscoGroup", "a 4-digit ISCO-08 code"),
        )?
        else {
            return Ok(());
        };
        let Some(claim) = check_uri(row, &file, OCCUPATION_PREFIX, esco, p)? else {
            return Ok(());
        };
        esco.push_occupation(
            claim,
            [row.trimmed(1), isco, row.trimmed(6)],
            labels_of(row, 3, 4, 5),
        )?;
        Ok(())
    })?;
    Ok(())
}

/// The columns taken from the ISCO-08 groups and skill groups files.
const CODED_CONCEPT_COLUMNS: [&str; 5] = [
    "conceptUri",
    "code",
    "preferredLabel",
    "altLabels",
    "description",
];

/// Reads `file`, an ISCO-08 groups or skill groups file, into `on_row` (see [`read_table`]).
fn read_coded_concepts(
    source: &dyn ImportSource,
    file: &str,
    problems: &mut Problems,
    on_row: impl FnMut(&Row<'_>, &mut Problems) -> Result<()>,
) -> Result<bool> {
    read_table(
        source,
        file,
        &CODED_CONCEPT_COLUMNS,
        Width::Exact,
        problems,
        on_row,
    )
}

/// Reads the ISCO-08 groups file of the first language.
fn read_isco_groups(
    source: &dyn ImportSource,
    primary: &str,
    esco: &mut EscoBuilder,
    problems: &mut Problems,
) -> Result<()> {
    let file = format!("classification/ISCOGroups_{primary}.csv");
    read_coded_concepts(source, &file, problems, |row, p| {
        let Some(code) = digits(row, 1, 1..=4, &file, p, ("ISCO-08 code", "1-4 digits"))? else {
            return Ok(());
        };
        let Some(claim) = check_uri(row, &file, "http://data.europa.eu/esco/isco/", esco, p)?
        else {
            return Ok(());
        };
        esco.push_isco_group(claim, code, labels_of(row, 2, 3, 4))?;
        Ok(())
    })?;
    Ok(())
}

/// Reads the skill groups file of the first language.
fn read_skill_groups(
    source: &dyn ImportSource,
    primary: &str,
    esco: &mut EscoBuilder,
    problems: &mut Problems,
) -> Result<()> {
    let file = format!("classification/skillGroups_{primary}.csv");
    read_coded_concepts(source, &file, problems, |row, p| {
        let Some(claim) = check_uri(row, &file, "http://data.europa.eu/esco/", esco, p)? else {
            return Ok(());
        };
        esco.push_skill_group(claim, row.trimmed(1), None, labels_of(row, 2, 3, 4))?;
        Ok(())
    })?;
    Ok(())
}

#[cfg(test)]
#[path = "esco_tests.rs"]
mod tests;
