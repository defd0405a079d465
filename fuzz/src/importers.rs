//! One target per importer: arbitrary bytes as the importer's files (see [`super::files`]).
//!
//! Every input is imported three times: strict, lenient, and lenient through a source that
//! streams the files in short reads. Invariants: no panic; strict succeeds exactly when
//! lenient meets no problem, and then both give the same data; strict's error is lenient's
//! first problem; streaming gives what reading in place gives; every problem names one of the
//! importer's files and a line inside it; what is imported survives the trip through a bundle
//! unchanged.

use std::fmt::Debug;

use attesta::bundle::Bundle;
use attesta::framework::{Classification, Framework};
use attesta::import::{self, EscoImportOptions, ImportMode, ImportSource, Imported, MemoryFiles};
use attesta::Error;

use super::files::{split_files, Trickle, FILE_SEPARATOR};

/// The ESCO files of one language, in input order.
const ESCO_FILES: [&str; 9] = [
    "classification/skills_en.csv",
    "classification/occupations_en.csv",
    "classification/ISCOGroups_en.csv",
    "classification/skillGroups_en.csv",
    "classification/skillsHierarchy_en.csv",
    "relations/broaderRelationsSkillPillar.csv",
    "relations/broaderRelationsOccPillar.csv",
    "relations/occupationSkillRelations.csv",
    "relations/skillSkillRelations.csv",
];

/// The label files of a second language, used when the input has more pieces than
/// [`ESCO_FILES`].
const ESCO_SECOND_LANGUAGE: [&str; 4] = [
    "classification/skills_it.csv",
    "classification/occupations_it.csv",
    "classification/ISCOGroups_it.csv",
    "classification/skillGroups_it.csv",
];

const RRFP_TOSCANA_FILES: [&str; 4] = [
    "rrfp_settori.csv",
    "rrfp_figure.csv",
    "rrfp_figura_ada_uc.csv",
    "rrfp_uc_capacita_conoscenze.csv",
];

const CALABRIA_FILES: [&str; 5] = [
    "regcal_profili_rev2.csv",
    "regcal_competenze_rev2.csv",
    "regcal_conoscenze_rev2.csv",
    "regcal_abilita_rev2.csv",
    "regcal_attivita_rev2.csv",
];

const ANPAL_FILES: [&str; 7] = [
    "competenze/DEC_TIPO_COMPETENZA.csv",
    "competenze/DEC_PROFILI.csv",
    "competenze/DEC_COMPETENZE.csv",
    "competenze/DEC_ELEMENTI.csv",
    "competenze/PROFILO_COMPETENZE.csv",
    "competenze/COMPETENZA_ELEMENTI.csv",
    "competenze/PROFILO_COMPORTAMENTI.csv",
];

/// The ESCO importer (`import_esco`), English alone or English with Italian labels.
///
/// # Panics
/// When the library breaks one of the invariants in this module's documentation.
pub fn import_esco(data: &[u8]) {
    let pieces = data
        .windows(FILE_SEPARATOR.len())
        .filter(|w| *w == FILE_SEPARATOR)
        .count()
        + 1;
    let mut names = ESCO_FILES.to_vec();
    let mut options = EscoImportOptions::new("v0-fuzz", "en");
    if pieces > ESCO_FILES.len() {
        names.extend(ESCO_SECOND_LANGUAGE);
        options.languages.push("it".into());
    }
    let files = split_files(data, &names);
    let run = |source: &dyn ImportSource, mode| import::import_esco(source, &options, mode);
    if let Some(taxonomy) = check_modes(&files, &names, run) {
        round_trip(&Bundle::Esco(taxonomy));
    }
}

/// The Tuscan RRFP importer (`import_rrfp_toscana`).
///
/// # Panics
/// When the library breaks one of the invariants in this module's documentation.
pub fn import_rrfp_toscana(data: &[u8]) {
    let files = split_files(data, &RRFP_TOSCANA_FILES);
    let run = |source: &dyn ImportSource, mode| import::import_rrfp_toscana(source, "fuzz", mode);
    if let Some(framework) = check_modes(&files, &RRFP_TOSCANA_FILES, run) {
        check_framework(framework);
    }
}

/// The Calabrian repertoire importer (`import_calabria`).
///
/// # Panics
/// When the library breaks one of the invariants in this module's documentation.
pub fn import_calabria(data: &[u8]) {
    let files = split_files(data, &CALABRIA_FILES);
    let run = |source: &dyn ImportSource, mode| import::import_calabria(source, "fuzz", mode);
    if let Some(framework) = check_modes(&files, &CALABRIA_FILES, run) {
        check_framework(framework);
    }
}

/// The ISTAT CP2021 importer (`import_cp2021`).
///
/// # Panics
/// When the library breaks one of the invariants in this module's documentation.
pub fn import_cp2021(data: &[u8]) {
    let files = split_files(data, &import::cp2021::CP2021_FILES);
    let run = |source: &dyn ImportSource, mode| import::import_cp2021(source, mode);
    if let Some(classification) = check_modes(&files, &import::cp2021::CP2021_FILES, run) {
        check_classification(&classification);
        round_trip(&Bundle::Classification(classification));
    }
}

/// The ANPAL competence dictionary importer (`import_anpal_competences`).
///
/// # Panics
/// When the library breaks one of the invariants in this module's documentation.
pub fn import_anpal(data: &[u8]) {
    let files = split_files(data, &ANPAL_FILES);
    let run = |source: &dyn ImportSource, mode| import::import_anpal_competences(source, mode);
    if let Some(framework) = check_modes(&files, &ANPAL_FILES, run) {
        check_framework(framework);
    }
}

/// Runs an importer strict, lenient and streamed, checks that they agree, and returns the
/// lenient data.
fn check_modes<T, F>(files: &MemoryFiles, names: &[&str], run: F) -> Option<T>
where
    T: PartialEq + Debug,
    F: Fn(&dyn ImportSource, ImportMode) -> attesta::Result<Imported<T>>,
{
    let strict = run(files, ImportMode::Strict);
    let lenient = run(files, ImportMode::Lenient);
    let streamed = run(&Trickle(files), ImportMode::Lenient);
    match (&lenient, &streamed) {
        (Ok(a), Ok(b)) => assert!(a == b, "streamed files import differently"),
        (Err(a), Err(b)) => assert_eq!(a.kind(), b.kind(), "streamed files fail differently"),
        _ => panic!("streamed files import differently: {lenient:?} / {streamed:?}"),
    }
    if let Ok(imported) = &lenient {
        for problem in &imported.problems {
            assert!(
                names.contains(&problem.file.as_str()),
                "a problem names a file the importer was not given: {problem}"
            );
            // `file:line` must point into the file (line 0: the whole file).
            let lines = files
                .held(&problem.file)
                .map_or(0, |bytes| bytes.split(|&b| b == b'\n').count());
            assert!(
                usize::try_from(problem.line).is_ok_and(|line| line <= lines),
                "a problem is past the end of its file: {problem}"
            );
        }
    }
    match (strict, lenient) {
        (Ok(strict), Ok(lenient)) => {
            assert!(strict.problems.is_empty(), "strict mode returned problems");
            assert!(
                lenient.problems.is_empty(),
                "lenient met problems that strict did not: {:?}",
                lenient.problems
            );
            assert!(
                strict.data == lenient.data,
                "strict and lenient data differ"
            );
            Some(lenient.data)
        }
        (Err(Error::Import(first)), Ok(lenient)) => {
            assert_eq!(
                lenient.problems.first(),
                Some(&first),
                "strict's error is not lenient's first problem"
            );
            Some(lenient.data)
        }
        (Err(Error::Import(_)), Err(error)) => {
            assert!(
                !matches!(error, Error::Import(_)),
                "lenient mode stopped at a problem"
            );
            None
        }
        (Err(a), Err(b)) => {
            assert_eq!(a.kind(), b.kind(), "strict and lenient fail differently");
            None
        }
        (strict, lenient) => panic!("strict {strict:?} but lenient {lenient:?}"),
    }
}

/// An imported framework: a bundle of it reads back the same, and a framework set accepts or
/// refuses it with an error (what `attesta search --bundle` does with it).
fn check_framework(framework: Framework) {
    let mut set = attesta::framework::FrameworkSet::new();
    let _ = set.insert(framework.clone());
    round_trip(&Bundle::Framework(framework));
}

/// An imported classification is sorted and unique by code, with parents one level up.
fn check_classification(classification: &Classification) {
    assert!(
        classification
            .nodes
            .windows(2)
            .all(|w| w[0].code < w[1].code),
        "classification nodes are not sorted and unique"
    );
}

/// A bundle written and read back is the same bundle.
pub(crate) fn round_trip(bundle: &Bundle) {
    let bytes = match bundle.to_bytes() {
        Ok(bytes) => bytes,
        Err(error) => panic!("cannot write a bundle of loaded content: {error}"),
    };
    match Bundle::from_bytes(&bytes) {
        Ok(back) => assert!(&back == bundle, "a bundle reads back differently"),
        Err(error) => panic!("a bundle just written does not load: {error}"),
    }
}
