//! The ESCO import gives the same taxonomy and the same problems, in the same order, on one
//! thread as on two (feature `parallel`), in every mode.

use std::fmt::Write as _;

use super::{import_with, EscoImportOptions, Threads};
use crate::import::{ImportMode, MemoryFiles};

const SKILLS_HEADER: &str = "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,scopeNote,definition,inScheme,description\r\n";

/// A small package with rows in every file and problems in several: a duplicate concept, an
/// unknown relation type, unknown concepts, a short row, a URI of no known form.
fn package() -> MemoryFiles {
    let s = |n: u8| format!("http://data.europa.eu/esco/skill/{n:08x}-5b5a-4a66-8aac-60e734beb1ab");
    let o = |n: u8| {
        format!("http://data.europa.eu/esco/occupation/{n:08x}-2b3a-4efd-87cc-c4ea39d27c34")
    };
    let group = "http://data.europa.eu/esco/isced-f/00";
    let isco = "http://data.europa.eu/esco/isco/C7333";
    // Writing to a `String` cannot fail.
    let mut skills = String::from(SKILLS_HEADER);
    for n in [3, 1, 2, 4, 2] {
        let uri = s(n);
        writeln!(skills, "KnowledgeSkillCompetence,{uri},knowledge,cross-sector,skill {n},\"a\nb\",,released,,,,,D.\r").unwrap();
    }
    let mut occupations = String::from(
        "conceptUri,code,iscoGroup,preferredLabel,altLabels,description,regulatedProfessionNote\n",
    );
    for n in [2, 1] {
        writeln!(occupations, "{},7333.{n},7333,job {n},,D.,", o(n)).unwrap();
    }
    let mut occupation_skills = String::from("occupationUri,relationType,skillType,skillUri\n");
    for (from, relevance, to) in [
        (1, "essential", 3),
        (1, "essential", 1),
        (1, "optional", 9),
        (2, "sometimes", 2),
        (2, "optional", 4),
        (7, "optional", 4),
    ] {
        writeln!(
            occupation_skills,
            "{},{relevance},knowledge,{}",
            o(from),
            s(to)
        )
        .unwrap();
    }
    let (o1, o2) = (o(1), o(2));
    writeln!(
        occupation_skills,
        "{o2},essential\n{o1},optional,knowledge,not-a-uri"
    )
    .unwrap();
    MemoryFiles::new()
        .with("classification/skills_en.csv", skills)
        .with("classification/occupations_en.csv", occupations)
        .with(
            "classification/ISCOGroups_en.csv",
            format!("conceptUri,code,preferredLabel,altLabels,description\n{isco},7333,drivers,,D.\n"),
        )
        .with(
            "classification/skillGroups_en.csv",
            format!("conceptUri,code,preferredLabel,altLabels,description\n{group},00,generic,,D.\n"),
        )
        .with(
            "classification/skillsHierarchy_en.csv",
            format!("Level 0 URI,Level 0 preferred term,Level 0 code,Level 1 URI,Level 1 preferred term,Level 1 code,Level 2 URI,Level 2 preferred term,Level 2 code,Level 3 URI,Level 3 preferred term,Level 3 code,Description\n{group},generic,00\n"),
        )
        .with(
            "relations/broaderRelationsSkillPillar.csv",
            format!("conceptUri,broaderUri\n{},{group}\n{},{group}\n", s(1), s(8)),
        )
        .with(
            "relations/broaderRelationsOccPillar.csv",
            format!("conceptUri,broaderUri\n{},{isco}\n{},{isco}\n", o(1), o(2)),
        )
        .with("relations/occupationSkillRelations.csv", occupation_skills)
        .with(
            "relations/skillSkillRelations.csv",
            format!(
                "originalSkillUri,relationType,relatedSkillUri\n{},optional,{}\n{},essential,{}\n",
                s(1),
                s(2),
                s(3),
                o(1)
            ),
        )
}

#[test]
fn one_thread_and_two_import_the_same_with_the_same_problems() {
    let files = package();
    let options = EscoImportOptions::new("v-test", "en");
    let lenient = import_with(&files, &options, ImportMode::Lenient, Threads::One).unwrap();
    // Every kind of problem the package holds is met (so the comparison covers their order).
    assert_eq!(lenient.problems.len(), 8, "{:#?}", lenient.problems);
    assert_eq!(lenient.data.occupation_skills().len(), 3);
    assert_eq!(lenient.data.broader().len(), 3);
    for mode in [
        ImportMode::Strict,
        ImportMode::Standard,
        ImportMode::Lenient,
    ] {
        let one = import_with(&files, &options, mode, Threads::One);
        let two = import_with(&files, &options, mode, Threads::Two);
        match (one, two) {
            (Ok(one), Ok(two)) => assert_eq!(one, two, "{mode:?}"),
            // Strict and standard mode stop at the same first problem.
            (Err(one), Err(two)) => assert_eq!(one.to_string(), two.to_string(), "{mode:?}"),
            (one, two) => panic!("{mode:?}: {one:?} but {two:?}"),
        }
    }
}
