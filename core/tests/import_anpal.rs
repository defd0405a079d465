//! The ANPAL competence dictionary importer: on the real dump in `<workspace>/../shared/data`
//! (the counts of its PROVENANCE.md; skipped with a message when the folder is absent, failing
//! under `CI=true`), and on small in-memory files for every kind of problem.
#![cfg(all(feature = "import", feature = "fs"))]

use attesta::bundle::Bundle;
use attesta::framework::{Framework, FrameworkSet, MappingRelation, NodeRef};
use attesta::import::{import_anpal_competences, ImportMode, ImportProblem, MemoryFiles};
use attesta::model::NodeKind;
use attesta::Error;

mod real_data;

const ROOT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/data/anpal-sil-classificazioni"
);

/// The dump's `competenze/` files in memory, or `None` (skip) when absent outside CI.
fn real_files() -> Option<MemoryFiles> {
    Some(MemoryFiles::from_dir(real_data::folder("anpal-sil-classificazioni")?).unwrap())
}

fn unit<'f>(f: &'f Framework, code: &str) -> &'f attesta::framework::Unit {
    f.units.iter().find(|u| u.code == code).unwrap()
}

/// The real dictionary, imported strictly (the dump has no problem), or `None` (skip).
fn real_dictionary() -> Option<Framework> {
    let imported = import_anpal_competences(&real_files()?, ImportMode::Strict).unwrap();
    assert!(imported.problems.is_empty());
    Some(imported.data)
}

#[test]
fn real_dictionary_matches_provenance_counts_and_round_trips() {
    let Some(f) = real_dictionary() else {
        return;
    };
    let f = &f;
    assert_eq!(f.id, "anpal_dizionario");
    assert_eq!(f.publisher, "ANPAL");
    assert!(f
        .source
        .contains("bc782cdea7eb6a42960d6c330eed0e8662b351c7"));
    assert_eq!(f.qualifications.len(), 375);
    assert_eq!(f.units.len(), 1_392);
    // PROFILO_COMPETENZE: 1,690 profile→competence links, all kept.
    let listed: usize = f.qualifications.iter().map(|q| q.units.len()).sum();
    assert_eq!(listed, 1_690);
    // COMPETENZA_ELEMENTI: 12,961 links = 6,600 Conoscenza + 6,359 Abilità + 2 Comportamento.
    let count = |g: fn(&attesta::framework::Unit) -> usize| f.units.iter().map(g).sum::<usize>();
    assert_eq!(count(|u| u.conoscenze.len()), 6_600);
    assert_eq!(count(|u| u.capacita.len()), 6_359);
    assert_eq!(count(|u| u.attivita.len()), 0);
    assert!(f.qualifications.iter().all(|q| q.eqf_level.is_none()));
    // Every profile's CP2001 code is a broad cross-walk (5.2.2.3.27 is not in
    // TABELLA_QUALPROF, but it is what the source says).
    assert_eq!(f.links.len(), 375);
    assert!(f.links.iter().all(|l| l.to.scheme == "cp2001"
        && l.relation == MappingRelation::Broad
        && l.basis.as_deref() == Some("ANPAL DEC_PROFILI.cod_figuraprofess")));
    assert!(f.links.iter().any(|l| l.to.code == "5.2.2.3.27"));
    // What has no slot is counted in the notes, not dropped silently.
    let notes = f.notes.join("\n");
    for counted in [
        "1 Ingresso: 0, 2 Base: 847, 3 Distintivo innovazione: 841, 4 Distintivo variabilià: 2",
        "grade (Base/Chiave, DEC_GRADO_ELEMENTO_COMPETENZA) of 12961 competence→element links",
        "128 in DEC_ELEMENTI) — 2555 profile→behaviour links of PROFILO_COMPORTAMENTI and 2 competence→element links",
        "448 Conoscenza and 1024 Abilità elements of DEC_ELEMENTI linked to no competence",
    ] {
        assert!(notes.contains(counted), "{counted}\nnot in\n{notes}");
    }
    let loaded = Bundle::from_bytes(&Bundle::Framework(f.clone()).to_bytes().unwrap()).unwrap();
    assert_eq!(loaded.into_framework().unwrap(), *f);
}

#[test]
fn real_profile_has_its_known_competences_and_shared_elements() {
    let Some(f) = real_dictionary() else {
        return;
    };
    let f = &f;
    // Profile 9366, with the source's `¨` damage kept verbatim.
    let q = f.qualifications.iter().find(|q| q.code == "9366").unwrap();
    assert_eq!(
        q.title,
        "Esperto in promozione di nuove attivit¨conomiche - SPI"
    );
    assert_eq!(q.units, ["3199", "3202", "3204"]);
    let link = f.links.iter().find(|l| l.from.code == "9366").unwrap();
    assert_eq!(
        (link.from.scheme.as_str(), link.to.code.as_str()),
        ("anpal_dizionario.qualification", "2.5.1.3.4")
    );
    let u = unit(f, "3199");
    assert_eq!(
        u.title,
        "fornire informazioni sulle normative a sostegno della creazione d`impresa"
    );
    let codes = |items: &[attesta::framework::Item]| -> Vec<String> {
        items.iter().map(|i| i.code.clone()).collect()
    };
    assert_eq!(
        codes(&u.capacita),
        ["3199.2507", "3199.2508", "3199.2509", "3199.2887"]
    );
    assert_eq!(
        codes(&u.conoscenze),
        [
            "3199.3546",
            "3199.3573",
            "3199.3606",
            "3199.3927",
            "3199.4729",
            "3199.4829"
        ]
    );
    assert_eq!(
        u.capacita[0].text,
        "Illustrare leggi e normative sul mercato del lavoro"
    );
    // Profile 45's aims have CRLF line breaks in the source.
    let q45 = f.qualifications.iter().find(|q| q.code == "45").unwrap();
    let aims = q45.description.as_deref().unwrap();
    assert!(aims.contains('\n') && !aims.contains('\r'));
    assert!(aims.starts_with("Svolgere attività di informazione scientifica"));

    // Element 3546 is shared by 98 competences: one node per (competence, element), each found.
    let mut set = FrameworkSet::new();
    set.insert(f.clone()).unwrap();
    let sharing = f
        .units
        .iter()
        .flat_map(|u| &u.conoscenze)
        .filter(|i| i.code.ends_with(".3546"))
        .count();
    assert_eq!(sharing, 98);
    let Some(NodeRef::Item(_, owner, NodeKind::Conoscenza, item)) =
        set.node("anpal_dizionario", NodeKind::Conoscenza, "3199.3546")
    else {
        panic!("item 3199.3546 not found");
    };
    assert_eq!(owner.code, "3199");
    assert_eq!(
        item.text,
        "Normativa su sicurezza e infortuni (D. Lgs. 626/94)"
    );
    let mut profiles: Vec<_> = set
        .qualifications_with_unit("anpal_dizionario", "3199")
        .map(|q| q.code.as_str())
        .collect();
    profiles.sort_unstable();
    assert!(profiles.contains(&"9366"));
}

#[cfg(feature = "cli")]
#[test]
fn cli_imports_the_real_dump_into_a_bundle() {
    if real_files().is_none() {
        return;
    }
    let out = std::env::temp_dir().join(format!("attesta-anpal-{}.attb", std::process::id()));
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_attesta"))
        .args(["framework", "import", "--kind", "anpal", ROOT, "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("qualifications: 375"), "{stdout}");
    assert!(stdout.contains("capacita: 6359"), "{stdout}");
    let bytes = std::fs::read(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    let f = Bundle::from_bytes(&bytes)
        .unwrap()
        .into_framework()
        .unwrap();
    assert_eq!((f.id.as_str(), f.units.len()), ("anpal_dizionario", 1_392));
}

// Small files: the real headers, a few rows.

const TYPES: &str = "competenze/DEC_TIPO_COMPETENZA.csv";
const PROFILES: &str = "competenze/DEC_PROFILI.csv";
const COMPETENCES: &str = "competenze/DEC_COMPETENZE.csv";
const ELEMENTS: &str = "competenze/DEC_ELEMENTI.csv";
const PROFILE_COMPETENCES: &str = "competenze/PROFILO_COMPETENZE.csv";
const COMPETENCE_ELEMENTS: &str = "competenze/COMPETENZA_ELEMENTI.csv";
const PROFILE_BEHAVIOURS: &str = "competenze/PROFILO_COMPORTAMENTI.csv";

/// A consistent dictionary: one profile with two competences sharing a knowledge element.
fn good() -> MemoryFiles {
    MemoryFiles::new()
        .with(TYPES, "cod_tipo_competenza,des_tipo_competenza,dat_inizio,dtt_tmst\n2,Base      ,2004-08-01,x\n3,Distintivo innovazione,2004-08-01,x\n")
        .with(PROFILES, "cod_profilo,des_profilo,txt_finalita,txt_prerequisiti,cod_figuraprofess,dat_inizio,dtt_tmst,cod_categoriaprofess,cod_areaprofess,txt_tendenze_evolutive\n10,Barista ,\"Servire al banco.\r\nCurare la sala.\",Nessuno,5.2.2.3.27,,,5.2.2.3,5.2.2,\n")
        .with(COMPETENCES, "cod_competenza,des_competenza,cod_verbo,dat_inizio,dtt_tmst,txt_competenza\n100,servire bevande ,1,,,\n101,pulire il banco,2,,,Per mettere in atto la competenza occorre sapere come pulire\n")
        .with(ELEMENTS, "cod_elemento,des_elemento,cod_area_rif,cod_tipo_elemento,dat_inizio,dtt_tmst,txt_elemento\n1,Miscelare bevande,65,2,,,...\n2,Norme HACCP,65,1,,,\n3,Cortesia,65,3,,,\n")
        .with(PROFILE_COMPETENCES, "cod_profilo,cod_competenza,cod_tipo_competenza,dat_inizio,dtt_tmst\n10,101,2,,\n10,100,3,,\n")
        .with(COMPETENCE_ELEMENTS, "cod_competenza,cod_elemento,cod_grado_elemento_competenza,dat_inizio,dtt_tmst\n100,1,3,,\n100,2,2,,\n101,2,3,,\n101,3,2,,\n")
        .with(PROFILE_BEHAVIOURS, "cod_profilo,cod_elemento,dat_inizio,dtt_tmst\n10,3,,\n")
}

fn located(problems: &[ImportProblem]) -> Vec<(&str, u64, Option<u64>)> {
    problems
        .iter()
        .map(|p| (p.file.as_str(), p.line, p.column))
        .collect()
}

#[test]
fn a_good_dictionary_maps_profiles_competences_and_shared_elements() {
    let imported = import_anpal_competences(&good(), ImportMode::Strict).unwrap();
    let f = &imported.data;
    let q = &f.qualifications[0];
    assert_eq!((q.code.as_str(), q.title.as_str()), ("10", "Barista"));
    assert_eq!(
        q.description.as_deref(),
        Some("Servire al banco.\nCurare la sala.")
    );
    assert_eq!(q.units, ["101", "100"], "the order of PROFILO_COMPETENZE");
    assert_eq!(q.eqf_level, None);
    assert_eq!(f.links[0].to.code, "5.2.2.3.27");
    let u100 = unit(f, "100");
    assert_eq!(
        (u100.title.as_str(), u100.description.as_deref()),
        ("servire bevande", None)
    );
    assert_eq!(u100.capacita[0].code, "100.1");
    assert_eq!(
        u100.capacita[0].text, "Miscelare bevande",
        "'...' is not text"
    );
    assert_eq!(u100.conoscenze[0].code, "100.2");
    let u101 = unit(f, "101");
    assert_eq!(u101.conoscenze[0].code, "101.2");
    assert_eq!(u101.conoscenze[0].text, "Norme HACCP");
    assert!(u101.capacita.is_empty(), "the behaviour has no slot");
    let notes = f.notes.join("\n");
    assert!(
        notes.contains("2 Base: 1, 3 Distintivo innovazione: 1"),
        "{notes}"
    );
    assert!(notes.contains("1 profile→behaviour links of PROFILO_COMPORTAMENTI and 1 competence→element links naming a behaviour"), "{notes}");
    FrameworkSet::new().insert(f.clone()).unwrap();
}

#[test]
fn unknown_references_and_element_types_are_reported_where_they_are() {
    let files = good()
        .with(ELEMENTS, "cod_elemento,des_elemento,cod_area_rif,cod_tipo_elemento,dat_inizio,dtt_tmst,txt_elemento\n1,Miscelare bevande,65,2,,,\n2,Norme HACCP,65,1,,,\n3,Cortesia,65,3,,,\n4,Ignoto,65,7,,,\n")
        .with(PROFILE_COMPETENCES, "cod_profilo,cod_competenza,cod_tipo_competenza,dat_inizio,dtt_tmst\n10,101,2,,\n10,999,2,,\n11,100,2,,\n10,100,5,,\n10,100,2,,\n")
        .with(COMPETENCE_ELEMENTS, "cod_competenza,cod_elemento,cod_grado_elemento_competenza,dat_inizio,dtt_tmst\n100,1,3,,\n100,4,3,,\n100,8,3,,\n998,2,3,,\n100,1,2,,\n")
        .with(PROFILE_BEHAVIOURS, "cod_profilo,cod_elemento,dat_inizio,dtt_tmst\n10,3,,\n12,3,,\n10,2,,\n");

    let err = import_anpal_competences(&files, ImportMode::Strict).unwrap_err();
    let Error::Import(first) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        (first.file.as_str(), first.line, first.column),
        (ELEMENTS, 5, Some(4))
    );
    assert_eq!(
        first.reason,
        "unknown cod_tipo_elemento '7' (1 Conoscenza, 2 Abilità, 3 Comportamento); element '4' skipped"
    );

    let lenient = import_anpal_competences(&files, ImportMode::Lenient).unwrap();
    let p = &lenient.problems;
    assert_eq!(
        located(p),
        [
            (ELEMENTS, 5, Some(4)),
            (PROFILE_COMPETENCES, 3, Some(2)), // competence 999
            (PROFILE_COMPETENCES, 4, Some(1)), // profile 11
            (PROFILE_COMPETENCES, 5, Some(3)), // link type 5 (listed anyway)
            (PROFILE_COMPETENCES, 6, Some(2)), // 100 listed twice
            (COMPETENCE_ELEMENTS, 3, Some(2)), // element 4 was skipped
            (COMPETENCE_ELEMENTS, 4, Some(2)), // element 8 unknown
            (COMPETENCE_ELEMENTS, 5, Some(1)), // competence 998
            (COMPETENCE_ELEMENTS, 6, Some(2)), // pair repeated
            (PROFILE_BEHAVIOURS, 3, Some(1)),  // profile 12
            (PROFILE_BEHAVIOURS, 4, Some(2)),  // not a behaviour
        ]
    );
    assert_eq!(
        p[1].reason,
        "cod_competenza '999' is not in DEC_COMPETENZE; row skipped"
    );
    assert!(p[3]
        .reason
        .contains("'5' is not in DEC_TIPO_COMPETENZA; competence listed without it"));
    assert!(
        p[5].reason.contains("'4' was skipped in DEC_ELEMENTI"),
        "{}",
        p[5]
    );
    assert!(
        p[6].reason.contains("'8' is not in DEC_ELEMENTI"),
        "{}",
        p[6]
    );
    assert!(p[10].reason.contains("not a Comportamento"), "{}", p[10]);
    // The rest is loaded.
    let f = &lenient.data;
    assert_eq!(f.qualifications[0].units, ["101", "100"]);
    assert_eq!(unit(f, "100").capacita.len(), 1);
    FrameworkSet::new().insert(f.clone()).unwrap();
}

#[test]
fn a_missing_file_or_column_is_a_whole_file_problem() {
    let mut files = MemoryFiles::new();
    for (name, bytes) in [
        (TYPES, "cod_tipo_competenza,des_tipo_competenza\n2,Base\n"),
        (
            PROFILES,
            "cod_profilo,des_profilo,txt_finalita,cod_figuraprofess\n10,Barista,,5.2.2.3.27\n",
        ),
        // No des_competenza column.
        (COMPETENCES, "cod_competenza,txt_competenza\n100,x\n"),
        (
            ELEMENTS,
            "cod_elemento,des_elemento,cod_tipo_elemento,txt_elemento\n1,Miscelare,2,\n",
        ),
        (
            PROFILE_COMPETENCES,
            "cod_profilo,cod_competenza,cod_tipo_competenza\n10,100,2\n",
        ),
        (
            COMPETENCE_ELEMENTS,
            "cod_competenza,cod_elemento,cod_grado_elemento_competenza\n",
        ),
        // PROFILO_COMPORTAMENTI is missing.
    ] {
        files.insert(name, bytes);
    }
    let err = import_anpal_competences(&files, ImportMode::Strict).unwrap_err();
    let Error::Import(first) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        (first.file.as_str(), first.line, first.column),
        (COMPETENCES, 1, None)
    );
    assert_eq!(
        first.reason,
        "header has no column 'des_competenza'; file not loaded"
    );

    let lenient = import_anpal_competences(&files, ImportMode::Lenient).unwrap();
    let p = &lenient.problems;
    assert_eq!(
        located(p),
        [
            (COMPETENCES, 1, None),
            (PROFILE_COMPETENCES, 2, Some(2)), // its competence was not loaded
            (PROFILE_BEHAVIOURS, 0, None),
        ]
    );
    assert_eq!(p[2].reason, "file is missing; its content is not loaded");
    assert_eq!(lenient.data.qualifications.len(), 1);
    assert!(lenient.data.units.is_empty());
}

#[test]
fn bad_codes_and_duplicates_in_the_definition_tables_are_reported() {
    let files = good()
        .with(PROFILES, "cod_profilo,des_profilo,txt_finalita,txt_prerequisiti,cod_figuraprofess,dat_inizio,dtt_tmst,cod_categoriaprofess,cod_areaprofess,txt_tendenze_evolutive\n10,Barista,,,5.2.2.3.270,,,,,\n10,Doppio,,,,,,,,\n,Senza codice,,,,,,,,\n")
        .with(COMPETENCES, "cod_competenza,des_competenza,cod_verbo,dat_inizio,dtt_tmst,txt_competenza\n100,servire,1,,,\n101,,2,,,\n100,ancora,1,,,\n");
    let lenient = import_anpal_competences(&files, ImportMode::Lenient).unwrap();
    assert_eq!(
        located(&lenient.problems),
        [
            (PROFILES, 2, Some(5)),    // not a CP2001 code
            (PROFILES, 3, Some(1)),    // duplicate
            (PROFILES, 4, Some(1)),    // empty code
            (COMPETENCES, 3, Some(2)), // empty title (kept)
            (COMPETENCES, 4, Some(1)), // duplicate
        ]
    );
    assert!(lenient.problems[1]
        .reason
        .starts_with("duplicate code '10'"));
    let f = &lenient.data;
    assert!(f.links.is_empty());
    assert_eq!(f.qualifications.len(), 1);
    assert_eq!(unit(f, "100").title, "servire", "the first is kept");
    assert_eq!(unit(f, "101").title, "");
}
