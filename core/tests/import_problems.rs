//! Importers on small hand-written bad files: every problem is reported with file, line and
//! column; strict mode stops at the first, lenient mode loads the rest; nothing panics and no
//! row disappears without a problem.
#![cfg(feature = "import")]

use attesta::framework::SkillView;
use attesta::import::{
    import_cp2021, import_esco, import_rrfp_toscana, EscoImportOptions, ImportMode, MemoryFiles,
    ProblemSeverity,
};
use attesta::Error;

const FIGURE_HEADER: &str = "codice_figura,denominazione_figura,codice_settore,settore,livello_complessita,posizione_colonna_sorgente\n";
const LINKS_HEADER: &str = "codice_figura,codice_uc,denominazione_ada,ordine\n";

fn rrfp(figures: &str, links: &str) -> MemoryFiles {
    MemoryFiles::new()
        .with(
            "rrfp_settori.csv",
            "codice_settore,settore\n13,logistica e trasporti\n",
        )
        .with("rrfp_figure.csv", format!("{FIGURE_HEADER}{figures}"))
        .with("rrfp_figura_ada_uc.csv", format!("{LINKS_HEADER}{links}"))
}

#[test]
fn a_good_rrfp_file_set_imports_without_problems_in_strict_mode() {
    let files = rrfp(
        "450,Addetto (450),13,logistica e trasporti,gruppo-livello A,1\r\n",
        "450,1954,Movimentazione di merci,2\n450,1948,\"Sicurezza, con virgola\",1\n",
    );
    let imported = import_rrfp_toscana(&files, "t", ImportMode::Strict).unwrap();
    let q = &imported.data.qualifications[0];
    assert_eq!(q.units, ["1948", "1954"], "units follow `ordine`");
    assert_eq!(q.eqf_level, None);
    assert_eq!(q.complexity.as_deref(), Some("gruppo-livello A"));
    assert_eq!(imported.data.units[1].title, "Sicurezza, con virgola");
}

#[test]
fn wrong_column_count_is_reported_with_its_line_and_the_row_skipped() {
    let files = rrfp(
        "450,Addetto (450),13,logistica e trasporti,gruppo-livello A,1\n451,too,few\n",
        "",
    );
    let err = import_rrfp_toscana(&files, "t", ImportMode::Strict).unwrap_err();
    let Error::Import(problem) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        (problem.file.as_str(), problem.line),
        ("rrfp_figure.csv", 3)
    );
    assert!(
        problem.reason.contains("expected 6 fields, found 3"),
        "{}",
        problem.reason
    );
    assert_eq!(err.kind().as_str(), "import_problem");
    assert_eq!(err.details().line, Some(3));

    let lenient = import_rrfp_toscana(&files, "t", ImportMode::Lenient).unwrap();
    assert_eq!(lenient.data.qualifications.len(), 1);
    assert_eq!(lenient.problems.len(), 1);
    assert_eq!(
        lenient.problems[0].to_string(),
        format!("rrfp_figure.csv:3: error: {}", lenient.problems[0].reason)
    );
}

#[test]
fn a_quote_left_open_at_the_end_is_reported_not_glued_into_a_field() {
    let files = rrfp(
        "450,Addetto (450),13,logistica e trasporti,gruppo-livello A,1\n451,\"Tecnico (451),13,logistica e trasporti,gruppo-livello B,2\n",
        "",
    );
    let lenient = import_rrfp_toscana(&files, "t", ImportMode::Lenient).unwrap();
    assert_eq!(lenient.data.qualifications.len(), 1);
    assert_eq!(lenient.problems.len(), 1, "{:?}", lenient.problems);
    assert_eq!(lenient.problems[0].line, 3);
    assert!(lenient.problems[0].reason.contains("not closed"));
    assert!(import_rrfp_toscana(&files, "t", ImportMode::Strict).is_err());
}

#[test]
fn a_quote_left_open_in_the_middle_swallows_rows_and_is_reported() {
    // The open quote runs to the end of the file: the rows after it are inside the field.
    let files = rrfp(
        "450,\"Addetto (450),13,logistica e trasporti,gruppo-livello A,1\n451,Tecnico (451),13,logistica e trasporti,gruppo-livello B,2\n",
        "",
    );
    let lenient = import_rrfp_toscana(&files, "t", ImportMode::Lenient).unwrap();
    assert!(lenient.data.qualifications.is_empty());
    assert_eq!(lenient.problems.len(), 1);
    assert_eq!(lenient.problems[0].line, 2);
}

#[test]
fn bad_codes_duplicates_and_dangling_references_are_each_reported() {
    let files = rrfp(
        "450,A (450),13,logistica e trasporti,gruppo-livello A,1\n\
         4 50,B,13,logistica e trasporti,gruppo-livello A,2\n\
         450,C (450),13,logistica e trasporti,gruppo-livello A,3\n",
        "450,1954,Movimentazione,1\n999,1955,Altro,1\n450,1954,Movimentazione,2\n450,1953,X,uno\n",
    );
    let lenient = import_rrfp_toscana(&files, "t", ImportMode::Lenient).unwrap();
    let got: Vec<(String, u64, Option<u64>)> = lenient
        .problems
        .iter()
        .map(|p| (p.file.clone(), p.line, p.column))
        .collect();
    assert_eq!(
        got,
        [
            ("rrfp_figure.csv".into(), 3, Some(1)), // bad code `4 50`
            ("rrfp_figure.csv".into(), 4, Some(1)), // duplicate 450
            ("rrfp_figura_ada_uc.csv".into(), 3, Some(1)), // figure 999 unknown
            ("rrfp_figura_ada_uc.csv".into(), 4, Some(2)), // UC listed twice
            ("rrfp_figura_ada_uc.csv".into(), 5, Some(4)), // ordine not a number
        ]
    );
    assert_eq!(lenient.data.qualifications.len(), 1);
    assert_eq!(lenient.data.qualifications[0].units, ["1954"]);
}

#[test]
fn a_missing_file_or_column_is_a_whole_file_problem() {
    let files = MemoryFiles::new()
        .with("rrfp_settori.csv", "codice_settore,settore\n")
        .with("rrfp_figure.csv", "codice_figura,titolo\n450,x\n");
    let lenient = import_rrfp_toscana(&files, "t", ImportMode::Lenient).unwrap();
    let got: Vec<_> = lenient
        .problems
        .iter()
        .map(|p| (p.file.as_str(), p.line))
        .collect();
    assert_eq!(got, [("rrfp_figure.csv", 1), ("rrfp_figura_ada_uc.csv", 0)]);
    assert!(lenient.problems[0]
        .reason
        .contains("no column 'denominazione_figura'"));
}

#[test]
fn invalid_utf8_is_a_problem_of_its_row_only() {
    let mut figures = FIGURE_HEADER.as_bytes().to_vec();
    figures
        .extend_from_slice(b"450,Addetto \xff (450),13,logistica e trasporti,gruppo-livello A,1\n");
    figures.extend_from_slice(b"451,Tecnico (451),13,logistica e trasporti,gruppo-livello B,2\n");
    let files = MemoryFiles::new()
        .with("rrfp_figure.csv", figures)
        .with("rrfp_settori.csv", "codice_settore,settore\n")
        .with("rrfp_figura_ada_uc.csv", LINKS_HEADER);
    let lenient = import_rrfp_toscana(&files, "t", ImportMode::Lenient).unwrap();
    assert_eq!(lenient.data.qualifications.len(), 1);
    assert_eq!(lenient.data.qualifications[0].code, "451");
    assert_eq!(lenient.problems.len(), 1);
    assert_eq!(lenient.problems[0].line, 2);
    assert!(lenient.problems[0].reason.contains("UTF-8"));
}

#[test]
fn cp2021_normalises_dirty_codes_and_rejects_bad_ones() {
    let mut files = MemoryFiles::new()
        .with("cp2021_level1_grandi_gruppi.csv", "cod_1,nome_1,descr_1\n5,Professioni qualificate,d\n")
        .with("cp2021_level2_gruppi.csv", "cod_2,nome_2,descr_2\n5.5,Servizi,d\n")
        .with("cp2021_level3_classi.csv", "cod_3,nome_3,descr_3\n5.5.5.,Dot,d\n5.5.2 ,Space,d\n5.x.1,Bad,d\n6.1.1,Orphan,d\n5.5.2,Dup,d\n");
    files.insert("cp2021_level4_categorie.csv", "cod_4,nome_4,descr_4\n");
    files.insert(
        "cp2021_level5_unita_professionali.csv",
        "cod_5,nome_5,descr_5\n",
    );
    let imported = import_cp2021(&files, ImportMode::Lenient).unwrap();
    let codes: Vec<_> = imported
        .data
        .nodes
        .iter()
        .map(|n| n.code.as_str())
        .collect();
    assert_eq!(codes, ["5", "5.5", "5.5.2", "5.5.5"]);
    let lines: Vec<_> = imported.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [4, 5, 6]);
    assert!(imported.problems[0]
        .reason
        .contains("not a level-3 CP2021 code"));
    assert!(imported.problems[1].reason.contains("parent '6.1'"));
    assert!(imported.problems[2].reason.contains("duplicate"));
}

const SKILLS_HEADER: &str = "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,scopeNote,definition,inScheme,description\r\n";
const S1: &str = "http://data.europa.eu/esco/skill/aaaa";
const S2: &str = "http://data.europa.eu/esco/skill/bbbb";
const O1: &str = "http://data.europa.eu/esco/occupation/oooo";

fn esco_files(skills: &str, relations: &str) -> MemoryFiles {
    MemoryFiles::new()
        .with("classification/skills_en.csv", format!("{SKILLS_HEADER}{skills}"))
        .with("classification/occupations_en.csv", format!(
            "conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,regulatedProfessionNote,scopeNote,definition,inScheme,description,code\r\n\
             Occupation,{O1},7333,forklift operator,\"lift truck driver\nreach truck driver\",,released,,,,,,Drives.,7333.1\r\n"))
        .with("classification/ISCOGroups_en.csv", "conceptType,conceptUri,code,preferredLabel,status,altLabels,inScheme,description\r\n")
        .with("classification/skillGroups_en.csv", "conceptType,conceptUri,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,scopeNote,inScheme,description,code\r\n")
        .with("classification/skillsHierarchy_en.csv", "Level 0 URI,Level 0 preferred term,Level 1 URI,Level 1 preferred term,Level 2 URI,Level 2 preferred term,Level 3 URI,Level 3 preferred term,Description,Scope note,Level 0 code,Level 1 code,Level 2 code,Level 3 code\r\n")
        .with("relations/broaderRelationsSkillPillar.csv", "conceptType,conceptUri,broaderType,broaderUri\r\n")
        .with("relations/broaderRelationsOccPillar.csv", "conceptType,conceptUri,broaderType,broaderUri\r\n")
        .with("relations/occupationSkillRelations.csv", format!("occupationUri,relationType,skillType,skillUri\r\n{relations}"))
        .with("relations/skillSkillRelations.csv", "originalSkillUri,originalSkillType,relationType,relatedSkillType,relatedSkillUri\r\n")
}

#[test]
fn esco_multi_line_labels_relations_and_problems() {
    let skills = format!(
        "KnowledgeSkillCompetence,{S2},skill/competence,cross-sector,operate forklift,\"drive forklift\r\nuse forklift\",,released,,,,,Operate it.\r\n\
         KnowledgeSkillCompetence,{S1},knowledge,sector-specific,logistics,,,released,,,,,Knowledge.\r\n\
         KnowledgeSkillCompetence,{S1},knowledge,sector-specific,logistics again,,,released,,,,,Dup.\r\n\
         KnowledgeSkillCompetence,not-a-uri,knowledge,,x,,,released,,,,,x\r\n\
         KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/cccc,wisdom,,y,,,released,,,,,y\r\n"
    );
    let relations = format!(
        "{O1},essential,skill/competence,{S2}\r\n{O1},optional,knowledge,{S1}\r\n{O1},maybe,knowledge,{S1}\r\n{O1},essential,knowledge,http://data.europa.eu/esco/skill/zzzz\r\n"
    );
    let files = esco_files(&skills, &relations);
    let options = EscoImportOptions::new("v-test", "en");
    let err = import_esco(&files, &options, ImportMode::Strict).unwrap_err();
    let Error::Import(first) = err else { panic!() };
    assert_eq!((first.line, first.column), (5, Some(2)), "{first}");

    let imported = import_esco(&files, &options, ImportMode::Lenient).unwrap();
    let esco = &imported.data;
    let problems: Vec<_> = imported
        .problems
        .iter()
        .map(|p| (p.file.rsplit('/').next().unwrap(), p.line, p.column))
        .collect();
    assert_eq!(
        problems,
        [
            // (the first skill spans lines 2-3: a quoted multi-line field)
            ("skills_en.csv", 5, Some(2)), // duplicate URI
            ("skills_en.csv", 6, Some(2)), // not a URI
            ("skills_en.csv", 7, Some(3)), // unknown skillType (kept, left empty)
            ("occupationSkillRelations.csv", 4, Some(2)), // relationType
            ("occupationSkillRelations.csv", 5, Some(4)), // unknown skill
        ]
    );
    assert_eq!(esco.skills().len(), 3);
    let occupation = esco.occupation_index(O1).unwrap();
    let labels = &esco.occupation_at(occupation).unwrap().labels(0).unwrap();
    assert_eq!(
        labels.alt_labels().collect::<Vec<_>>(),
        ["lift truck driver", "reach truck driver"]
    );
    assert_eq!(
        esco.skill(S2)
            .unwrap()
            .labels(0)
            .unwrap()
            .alt_labels()
            .count(),
        2
    );
    let essential: Vec<_> = esco
        .essential_skills(occupation)
        .map(SkillView::uri)
        .collect();
    let optional: Vec<_> = esco
        .optional_skills(occupation)
        .map(SkillView::uri)
        .collect();
    assert_eq!((essential, optional), (vec![S2], vec![S1]));
    let skill = esco.skill_index(S1).unwrap();
    assert_eq!(esco.occupations_with_skill(skill).count(), 1);
}

#[test]
fn esco_second_language_joins_on_uri() {
    let skills = format!("KnowledgeSkillCompetence,{S1},knowledge,sector-specific,logistics,,,released,,,,,Knowledge.\r\n");
    let files = esco_files(&skills, "")
        .with("classification/skills_it.csv", format!("{SKILLS_HEADER}KnowledgeSkillCompetence,{S1},knowledge,sector-specific,logistica,\"magazzino\",,released,,,,,Conoscenza.\r\nKnowledgeSkillCompetence,{S2},knowledge,,ignota,,,released,,,,,x\r\n"))
        .with("classification/occupations_it.csv", format!("conceptType,conceptUri,preferredLabel,altLabels,description\r\nOccupation,{O1},carrellista,,Guida.\r\n"))
        .with("classification/ISCOGroups_it.csv", "conceptUri,preferredLabel,altLabels,description\r\n")
        .with("classification/skillGroups_it.csv", "conceptUri,preferredLabel,altLabels,description\r\n");
    let options = EscoImportOptions {
        version: "v".into(),
        languages: vec!["en".into(), "it".into()],
    };
    let imported = import_esco(&files, &options, ImportMode::Lenient).unwrap();
    let esco = &imported.data;
    let it: Vec<_> = esco
        .skills_with_labels("it")
        .map(|(_, l)| l.preferred)
        .collect();
    assert_eq!(it, ["logistica"]);
    assert_eq!(
        esco.occupations_with_labels("it")
            .next()
            .unwrap()
            .1
            .preferred,
        "carrellista"
    );
    assert_eq!(imported.problems.len(), 1, "{:?}", imported.problems);
    assert!(imported.problems[0].reason.contains("unknown concept"));
    // A relation to a concept the package does not define is a defect of the published
    // files: standard mode loads the rest and reports it as a warning; strict mode stops.
    assert_eq!(imported.problems[0].severity, ProblemSeverity::Warning);
    let standard = import_esco(&files, &options, ImportMode::Standard).unwrap();
    assert_eq!(standard.data, imported.data);
    assert_eq!(standard.problems, imported.problems);
    assert!(import_esco(&files, &options, ImportMode::Strict).is_err());
    assert!(import_esco(
        &files,
        &EscoImportOptions {
            version: "v".into(),
            languages: vec![]
        },
        ImportMode::Lenient
    )
    .is_err());
}

/// The relation files are read beside the concept files and resolved afterwards: problems of
/// reading (a short row) and of resolving (unknown concept, unknown relation type) must still
/// come in file and line order, and strict mode must stop at the first of them.
#[test]
fn esco_relation_problems_keep_file_and_line_order() {
    let s1 = "http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab";
    let s2 = "http://data.europa.eu/esco/skill/00064735-8fad-454b-90c7-ed858cc993f2";
    let missing = "http://data.europa.eu/esco/skill/ffffffff-8fad-454b-90c7-ed858cc993f2";
    let skills = format!(
        "KnowledgeSkillCompetence,{s1},skill/competence,cross-sector,one,,,released,,,,,One.\r\n\
         KnowledgeSkillCompetence,{s2},knowledge,sector-specific,two,,,released,,,,,Two.\r\n"
    );
    let relations = format!(
        "{O1},essential,skill/competence,{s1}\r\n\
         {O1},essential,skill/competence,{missing}\r\n\
         {O1},optional\r\n\
         {O1},sometimes,knowledge,{s2}\r\n\
         {O1},optional,knowledge,{s2}\r\n"
    );
    let files = esco_files(&skills, &relations).with(
        "relations/broaderRelationsSkillPillar.csv",
        format!("conceptType,conceptUri,broaderType,broaderUri\r\nKnowledgeSkillCompetence,{s2},KnowledgeSkillCompetence,{missing}\r\n"),
    );
    let options = EscoImportOptions::new("v-test", "en");
    let imported = import_esco(&files, &options, ImportMode::Lenient).unwrap();
    let problems: Vec<_> = imported
        .problems
        .iter()
        .map(|p| (p.file.rsplit('/').next().unwrap(), p.line, p.column))
        .collect();
    assert_eq!(
        problems,
        [
            ("broaderRelationsSkillPillar.csv", 2, Some(4)), // unknown broader concept
            ("occupationSkillRelations.csv", 3, Some(4)),    // unknown skill
            ("occupationSkillRelations.csv", 4, None),       // short row
            ("occupationSkillRelations.csv", 5, Some(2)),    // relationType
        ]
    );
    // The unknown URI is quoted exactly as written (it was split into prefix and UUID).
    assert!(
        imported.problems[0].reason.contains(missing),
        "{}",
        imported.problems[0]
    );
    let occupation = imported.data.occupation_index(O1).unwrap();
    assert_eq!(imported.data.skills_of(occupation).count(), 2);

    let Error::Import(first) = import_esco(&files, &options, ImportMode::Strict).unwrap_err()
    else {
        panic!("strict mode stops with the first problem")
    };
    assert_eq!(
        (first.file.as_str(), first.line),
        ("relations/broaderRelationsSkillPillar.csv", 2)
    );
}

#[test]
fn esco_isco_codes_must_be_digits_of_the_right_length() {
    let files = esco_files("", "")
        .with("classification/occupations_en.csv", format!(
            "conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,regulatedProfessionNote,scopeNote,definition,inScheme,description,code\r\n\
             Occupation,{O1},733,forklift operator,,,released,,,,,,Drives.,7333.1\r\n"))
        .with("classification/ISCOGroups_en.csv",
            "conceptType,conceptUri,code,preferredLabel,status,altLabels,inScheme,description\r\n\
             ISCOGroup,http://data.europa.eu/esco/isco/C7333,7333,Lifting truck operators,released,,,\r\n\
             ISCOGroup,http://data.europa.eu/esco/isco/C73x,73x,Bad,released,,,\r\n\
             ISCOGroup,http://data.europa.eu/esco/isco/C73335,73335,Too long,released,,,\r\n");
    let options = EscoImportOptions::new("v-test", "en");
    let imported = import_esco(&files, &options, ImportMode::Lenient).unwrap();
    let problems: Vec<String> = imported.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "classification/occupations_en.csv:2:3: error: iscoGroup '733' is not a 4-digit ISCO-08 code; row skipped",
            "classification/ISCOGroups_en.csv:3:3: error: ISCO-08 code '73x' is not 1-4 digits; row skipped",
            "classification/ISCOGroups_en.csv:4:3: error: ISCO-08 code '73335' is not 1-4 digits; row skipped",
        ]
    );
    assert_eq!(imported.data.occupations().len(), 0);
    assert_eq!(imported.data.isco_groups().len(), 1);
}
