//! The Calabrian importer on small in-memory files: problems with their severity, file, line
//! and column; the item codes that keep abilità, conoscenze and reused ids apart; and what
//! each import mode does with warnings and errors.
#![cfg(feature = "import")]

use attesta::import::{import_calabria, ImportMode, MemoryFiles, ProblemSeverity};

#[test]
fn calabria_eqf_zero_duplicates_and_dangling_rows() {
    let files = MemoryFiles::new()
        .with("regcal_profili_rev2.csv", "id_profilo,titolo,descrizione,liv_eqf,settore,ada_1,ada_2\n1,Barman,,3,23,ADA.23.01.05 ,ADA.x\n2,Tecnico,,0,99,,\n")
        .with("regcal_competenze_rev2.csv", "id_profilo,id_competenza,titolo,descrizione,risultato\n1,11,Servire,Desc,\n2,11,Servire,Desc,\n2,11,Altro,Desc,\n3,12,X,,\n")
        .with("regcal_conoscenze_rev2.csv", "id_competenza,id_conoscenza,descrizione\n11,100,Cocktail\n11,100,Cocktail bis\n99,101,Orfana\n")
        .with("regcal_abilita_rev2.csv", "id_competenza,id_abilita,descrizione\n11,100,Miscelare\n11,100,Miscelare\n")
        .with("regcal_attivita_rev2.csv", "id_competenza,id_attivita,descrizione\n11,300,Servizio al banco\n");
    let imported = import_calabria(&files, "t", ImportMode::Lenient).unwrap();
    let f = &imported.data;
    let got: Vec<_> = imported
        .problems
        .iter()
        .map(|p| (p.file.as_str(), p.line, p.column, p.severity))
        .collect();
    let (w, e) = (ProblemSeverity::Warning, ProblemSeverity::Error);
    assert_eq!(
        got,
        [
            ("regcal_profili_rev2.csv", 2, Some(7), e),    // ADA.x
            ("regcal_profili_rev2.csv", 3, Some(4), w),    // liv_eqf 0
            ("regcal_profili_rev2.csv", 3, Some(5), e),    // settore 99
            ("regcal_competenze_rev2.csv", 4, Some(2), e), // same id, other content
            ("regcal_competenze_rev2.csv", 5, Some(1), w), // profile 3 unknown
            ("regcal_conoscenze_rev2.csv", 3, Some(2), w), // id reused for another text
            ("regcal_conoscenze_rev2.csv", 4, Some(1), w), // dangling competence
            ("regcal_abilita_rev2.csv", 3, Some(2), w),    // same text twice
        ]
    );
    assert_eq!(f.qualifications[0].eqf_level, Some(3));
    assert_eq!(
        f.qualifications[0].sector.as_ref().unwrap().title,
        "servizi turistici"
    );
    assert_eq!(f.qualifications[1].eqf_level, None);
    assert_eq!(
        f.qualifications[1].units,
        ["11"],
        "a shared competence is listed by both profiles"
    );
    assert_eq!(f.links.len(), 1);
    assert_eq!(f.links[0].to.code, "ADA.23.01.05");
    let unit = &f.units[0];
    assert_eq!(
        (
            unit.conoscenze.len(),
            unit.capacita.len(),
            unit.attivita.len()
        ),
        (2, 1, 1)
    );
    // An abilità and a conoscenza with the same source id get different codes, and a reused
    // id names its second text with the suffix -2.
    let codes = |items: &[attesta::framework::Item]| -> Vec<(String, String)> {
        items
            .iter()
            .map(|i| (i.code.clone(), i.text.clone()))
            .collect()
    };
    assert_eq!(
        codes(&unit.conoscenze),
        [
            ("11.K100".to_owned(), "Cocktail".to_owned()),
            ("11.K100-2".to_owned(), "Cocktail bis".to_owned())
        ]
    );
    assert_eq!(
        codes(&unit.capacita),
        [("11.A100".to_owned(), "Miscelare".to_owned())]
    );
    assert_eq!(unit.attivita[0].code, "11.T300");

    // The same files give the same codes again; standard mode stops at the first error
    // (ADA.x), strict mode too.
    let again = import_calabria(&files, "t", ImportMode::Lenient).unwrap();
    assert_eq!(again.data, *f);
    for mode in [ImportMode::Standard, ImportMode::Strict] {
        let err = import_calabria(&files, "t", mode).unwrap_err();
        assert_eq!(err.details().line, Some(2), "{mode:?}");
    }
}

/// Standard mode loads through the defects of published files (warnings) and strict mode
/// stops at the first of them.
#[test]
fn calabria_standard_mode_loads_through_warnings_only() {
    let files = MemoryFiles::new()
        .with(
            "regcal_profili_rev2.csv",
            "id_profilo,titolo,descrizione,liv_eqf,settore,ada_1
1,Barman,,0,23,ADA.23.01.05
",
        )
        .with(
            "regcal_competenze_rev2.csv",
            "id_profilo,id_competenza,titolo,descrizione,risultato
1,11,Servire,Desc,
",
        )
        .with(
            "regcal_conoscenze_rev2.csv",
            "id_competenza,id_conoscenza,descrizione
11,100,Cocktail
99,101,Orfana
",
        )
        .with(
            "regcal_abilita_rev2.csv",
            "id_competenza,id_abilita,descrizione
11,100,Miscelare
",
        )
        .with(
            "regcal_attivita_rev2.csv",
            "id_competenza,id_attivita,descrizione
11,300,Servizio al banco
",
        );
    let standard = import_calabria(&files, "t", ImportMode::Standard).unwrap();
    assert_eq!(standard.count(ProblemSeverity::Warning), 2);
    assert_eq!(standard.count(ProblemSeverity::Error), 0);
    assert_eq!(standard.data.units[0].conoscenze.len(), 1);
    assert_eq!(
        standard.problems[0].to_string(),
        "regcal_profili_rev2.csv:2:4: warning: liv_eqf '0' is not an EQF level 1-8; left empty"
    );
    let err = import_calabria(&files, "t", ImportMode::Strict).unwrap_err();
    assert_eq!(err.details().line, Some(2));
    assert_eq!(ImportMode::default(), ImportMode::Standard);
}
