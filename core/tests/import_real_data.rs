//! Importers on the real source files in `<workspace>/../shared/data`, asserting the counts of
//! each folder's PROVENANCE.md. Skipped with a message when the folder is absent, except under
//! `CI=true`, where a missing folder fails.
#![cfg(all(feature = "import", feature = "fs"))]

use std::path::PathBuf;

use attesta::bundle::Bundle;
use attesta::framework::{FrameworkSet, Relevance};
use attesta::import::{
    import_calabria, import_cp2021, import_esco, import_rrfp_toscana, DirFiles, EscoImportOptions,
    ImportMode, ImportProblem, MemoryFiles, ProblemSeverity,
};

mod real_data;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data");

/// The folder's files in memory, or `None` (skip) when absent outside CI.
fn load(folder: &str) -> Option<MemoryFiles> {
    Some(MemoryFiles::from_dir(real_data::folder(folder)?).unwrap())
}

fn in_file<'a>(problems: &'a [ImportProblem], file: &str) -> Vec<&'a ImportProblem> {
    problems.iter().filter(|p| p.file == file).collect()
}

#[test]
fn esco_full_package_matches_provenance_counts_and_round_trips() {
    let Some(files) = load("esco-v1.1.1-en") else {
        return;
    };
    let started = std::time::Instant::now();
    // The published package imports without --lenient: its defects are warnings.
    let imported = import_esco(
        &files,
        &EscoImportOptions::new("v1.1.1", "en"),
        ImportMode::Standard,
    )
    .unwrap();
    eprintln!("ESCO import: {:?}", started.elapsed());
    assert!(imported
        .problems
        .iter()
        .all(|p| p.severity == ProblemSeverity::Warning));
    let esco = &imported.data;
    let problems = &imported.problems;
    for p in problems.iter().take(20) {
        eprintln!("{p}");
    }
    assert_eq!(esco.version(), "v1.1.1");
    assert_eq!(esco.skills().len(), 13_896);
    assert_eq!(esco.occupations().len(), 3_007);
    assert_eq!(esco.isco_groups().len(), 619);
    // 640 in skillGroups_en.csv + 7 groups only named by skillsHierarchy_en.csv.
    assert_eq!(esco.skill_groups().len(), 647);
    // 123,855 rows; 67 name an occupation absent from occupations_en.csv.
    let occ_problems = in_file(problems, "relations/occupationSkillRelations.csv");
    assert_eq!(occ_problems.len(), 67);
    assert!(occ_problems
        .iter()
        .all(|p| p.reason.contains("occupation/a9e54177")));
    // Exact source lines, although the file has CRLF records (checked with `grep -n`).
    assert_eq!(occ_problems[0].line, 84_425);
    let broader_problems = in_file(problems, "relations/broaderRelationsOccPillar.csv");
    assert_eq!(broader_problems[0].line, 3_205);
    assert_eq!(esco.occupation_skills().len(), 123_855 - 67);
    assert_eq!(esco.skill_skills().len(), 5_899);
    // 20,656 + 3,617 broader rows; one names the missing occupation.
    assert_eq!(esco.broader().len(), 20_656 + 3_617 - 1);
    assert_eq!(problems.len(), 67 + 1, "{problems:#?}");

    // An occupation's essential and optional skills, by URI.
    let i = esco
        .occupation_index(
            "http://data.europa.eu/esco/occupation/00030d09-2b3a-4efd-87cc-c4ea39d27c34",
        )
        .unwrap();
    assert_eq!(
        esco.occupation_at(i).unwrap().labels(0).unwrap().preferred,
        "technical director"
    );
    assert_eq!(esco.occupation_at(i).unwrap().code(), "2654.1.7");
    let essential: Vec<_> = esco.essential_skills(i).collect();
    assert!(!essential.is_empty());
    assert!(esco
        .skills_of(i)
        .all(|(r, _)| matches!(r, Relevance::Essential | Relevance::Optional)));
    let skill = esco
        .skill("http://data.europa.eu/esco/skill/fed5b267-73fa-461d-9f69-827c78beb39d")
        .unwrap();
    assert!(essential.iter().any(|s| s.uri() == skill.uri()));
    assert_eq!(esco.skills_with_labels("en").count(), 13_896);
    // regulatedProfessionNote: 15 occupations are regulated, the other 2,992 are not.
    let regulated: Vec<_> = esco
        .occupations()
        .filter(|o| o.regulated_profession().and_then(|r| r.regulated) == Some(true))
        .map(|o| o.labels(0).unwrap().preferred)
        .collect();
    assert_eq!(regulated.len(), 15);
    assert!(regulated.contains(&"midwife") && regulated.contains(&"architect"));
    assert_eq!(
        esco.occupations()
            .filter(|o| o.regulated_profession().and_then(|r| r.regulated) == Some(false))
            .count(),
        2_992
    );
    assert!(esco
        .skills()
        .all(|s| !s.labels(0).unwrap().preferred.is_empty()));

    let bytes = Bundle::Esco(esco.clone()).to_bytes().unwrap();
    let started = std::time::Instant::now();
    let loaded = Bundle::from_bytes(&bytes).unwrap().into_esco().unwrap();
    eprintln!(
        "ESCO bundle: {} bytes, load {:?}",
        bytes.len(),
        started.elapsed()
    );
    assert_eq!(&loaded, esco);
    // Taking the buffer over gives the same taxonomy.
    let owned = Bundle::from_vec(bytes).unwrap().into_esco().unwrap();
    assert_eq!(&owned, esco);

    // Read from the folder, in chunks (not held in memory), the files give the same taxonomy
    // and the same problems, at the same lines.
    let from_folder = import_esco(
        &DirFiles::new(PathBuf::from(DATA).join("esco-v1.1.1-en")),
        &EscoImportOptions::new("v1.1.1", "en"),
        ImportMode::Standard,
    )
    .unwrap();
    assert_eq!(&from_folder.data, esco);
    assert_eq!(&from_folder.problems, problems);
}

#[test]
fn rrfp_toscana_matches_provenance_counts() {
    let Some(files) = load("toscana-rrfp") else {
        return;
    };
    let imported = import_rrfp_toscana(&files, "export-2023", ImportMode::Strict).unwrap();
    let f = &imported.data;
    assert!(imported.problems.is_empty());
    assert_eq!(f.qualifications.len(), 200);
    assert_eq!(
        f.qualifications
            .iter()
            .map(|q| q.units.len())
            .sum::<usize>(),
        845
    );
    assert_eq!(f.units.len(), 792);
    assert!(f.qualifications.iter().all(|q| q.eqf_level.is_none()));
    let q529 = f.qualifications.iter().find(|q| q.code == "529").unwrap();
    assert_eq!(q529.complexity.as_deref(), Some("gruppo-livello A"));
    assert_eq!(q529.sector.as_ref().unwrap().code, "42");
    assert_eq!(q529.units.first().map(String::as_str), Some("2263"));
    // capacità/conoscenze: 187 rows for 15 UCs.
    let with_items = f
        .units
        .iter()
        .filter(|u| !u.capacita.is_empty() || !u.conoscenze.is_empty())
        .count();
    assert_eq!(with_items, 15);
    let items: usize = f
        .units
        .iter()
        .map(|u| u.capacita.len() + u.conoscenze.len())
        .sum();
    assert_eq!(items, 187);
    // UC 1948 is shared by figures 448, 449, 450.
    let mut set = FrameworkSet::new();
    set.insert(f.clone()).unwrap();
    let mut sharing: Vec<_> = set
        .qualifications_with_unit("rrfp_toscana", "1948")
        .map(|q| q.code.as_str())
        .collect();
    sharing.sort_unstable();
    assert_eq!(sharing, ["448", "449", "450"]);
    let loaded = Bundle::from_bytes(&Bundle::Framework(f.clone()).to_bytes().unwrap()).unwrap();
    assert_eq!(loaded.into_framework().unwrap(), *f);
}

#[test]
fn calabria_loads_through_the_same_model_and_reports_the_known_defects() {
    let Some(files) = load("calabria-repertorio-qualificazioni") else {
        return;
    };
    assert!(import_calabria(&files, "rev2", ImportMode::Strict).is_err());
    // The published files import without --lenient: every problem is a warning.
    let imported = import_calabria(&files, "rev2", ImportMode::Standard).unwrap();
    let f = &imported.data;
    let p = &imported.problems;
    assert!(
        p.iter().all(|x| x.severity == ProblemSeverity::Warning),
        "{p:#?}"
    );
    assert_eq!(f.qualifications.len(), 297);
    let eqf: Vec<_> = in_file(p, "regcal_profili_rev2.csv");
    assert_eq!(eqf.len(), 1, "{eqf:#?}");
    assert!(eqf[0].reason.contains("liv_eqf '0'"));
    assert_eq!(
        f.qualifications
            .iter()
            .filter(|q| q.eqf_level.is_some())
            .count(),
        296
    );
    // 425 ADA references (trailing spaces stripped), 20 profiles without any.
    assert_eq!(f.links.len(), 425);
    assert_eq!(
        f.links
            .iter()
            .map(|l| &l.to.code)
            .collect::<std::collections::HashSet<_>>()
            .len(),
        305
    );
    // 1,211 competence rows, some shared by several profiles with identical content; one
    // has an empty title (kept).
    let listed: usize = f.qualifications.iter().map(|q| q.units.len()).sum();
    assert_eq!(listed, 1_211);
    assert_eq!(in_file(p, "regcal_competenze_rev2.csv").len(), 1);
    // 6 dangling conoscenze + 18 reused ids (renamed); 5 reused abilità ids; 8 dangling
    // attività.
    assert_eq!(in_file(p, "regcal_conoscenze_rev2.csv").len(), 6 + 18);
    assert_eq!(in_file(p, "regcal_abilita_rev2.csv").len(), 5);
    assert_eq!(in_file(p, "regcal_attivita_rev2.csv").len(), 8);
    let count = |g: fn(&attesta::framework::Unit) -> usize| f.units.iter().map(g).sum::<usize>();
    assert_eq!(count(|u| u.conoscenze.len()), 6_564 - 6);
    assert_eq!(count(|u| u.capacita.len()), 6_130);
    assert_eq!(count(|u| u.attivita.len()), 2_833 - 8);

    // Shared source ids get distinct codes: `1710`/`51710` is an abilità and a conoscenza;
    // `2100278` names four abilità of competence 24010201602.
    let unit = |code: &str| f.units.iter().find(|u| u.code == code).unwrap();
    let u1710 = unit("1710");
    assert!(u1710.capacita.iter().any(|i| i.code == "1710.A51710"));
    assert!(u1710.conoscenze.iter().any(|i| i.code == "1710.K51710"));
    let reused: Vec<_> = unit("24010201602")
        .capacita
        .iter()
        .filter(|i| i.code.starts_with("24010201602.A2100278"))
        .map(|i| i.code.as_str())
        .collect();
    assert_eq!(
        reused,
        [
            "24010201602.A2100278",
            "24010201602.A2100278-2",
            "24010201602.A2100278-3",
            "24010201602.A2100278-4"
        ]
    );
    // Every capacità and conoscenza code names one item of the framework, and the codes are
    // stable: a second import gives the same.
    let mut codes = std::collections::HashSet::new();
    for u in &f.units {
        for i in u.capacita.iter().chain(&u.conoscenze) {
            assert!(codes.insert(i.code.as_str()), "{} twice", i.code);
        }
    }
    let again = import_calabria(&files, "rev2", ImportMode::Standard).unwrap();
    assert_eq!(again.data, *f);

    // A case on a profile with competence 1710 can name each of its items: an assessment
    // result for `1710.A51710` is the abilità, for `1710.K51710` the conoscenza.
    let mut set = FrameworkSet::new();
    set.insert(f.clone()).unwrap();
    let profile = f
        .qualifications
        .iter()
        .find(|q| q.units.iter().any(|u| u == "1710"))
        .unwrap();
    let target = attesta::procedure::Target::resolve(
        &set,
        &attesta::model::FrameworkRef::new("rq_calabria.qualification", &profile.code),
    )
    .unwrap();
    let (_, kind) = target.item("1710.A51710").unwrap();
    assert_eq!(kind, attesta::procedure::ItemKind::Capacita);
    let (_, kind) = target.item("1710.K51710").unwrap();
    assert_eq!(kind, attesta::procedure::ItemKind::Conoscenza);
    assert!(
        target.item("1710.51710").is_none(),
        "the old ambiguous code names nothing"
    );
    let mut set = FrameworkSet::new();
    set.insert(f.clone()).unwrap();
    let loaded = Bundle::from_bytes(&Bundle::Framework(f.clone()).to_bytes().unwrap()).unwrap();
    assert_eq!(loaded.into_framework().unwrap(), *f);
}

#[test]
fn cp2021_has_five_levels_with_the_provenance_counts() {
    let Some(files) = load("istat-cp2021") else {
        return;
    };
    let imported = import_cp2021(&files, ImportMode::Strict).unwrap();
    let c = &imported.data;
    assert_eq!(c.level_counts(), [9, 40, 130, 510, 813]);
    // Dirty source codes are normalised: `5.5.5.` → `5.5.5`, `5.5.1.2 ` → `5.5.1.2`.
    assert!(c.node("5.5.5").is_some());
    assert!(c.node("5.5.1.2").is_some());
    let path: Vec<_> = c
        .path_to("5.2.2.1.0")
        .iter()
        .map(|n| n.code.as_str())
        .collect();
    assert_eq!(path, ["5", "5.2", "5.2.2", "5.2.2.1", "5.2.2.1.0"]);
    assert!(c.nodes.iter().filter(|n| n.level > 1).all(|n| n
        .parent
        .as_deref()
        .and_then(|p| c.node(p))
        .is_some()));
    let loaded =
        Bundle::from_bytes(&Bundle::Classification(c.clone()).to_bytes().unwrap()).unwrap();
    assert_eq!(loaded.into_classification().unwrap(), *c);
}

/// An item code means the same item in the built-in sample and in an import of the official
/// export: every capacità/conoscenza code they share has the same text, the sample's UCs that
/// the export details carry all of the official items, and the sample's own items use codes
/// (`<uc>.S-…`) that an import never produces.
#[test]
fn rrfp_sample_items_mean_the_same_as_the_official_ones() {
    let Some(files) = load("toscana-rrfp") else {
        return;
    };
    let official = import_rrfp_toscana(&files, "export-2023", ImportMode::Strict)
        .unwrap()
        .data;
    let sample: attesta::framework::Framework =
        serde_json::from_str(attesta::builtin::RRFP_TOSCANA_SAMPLE).unwrap();
    let items = |f: &attesta::framework::Framework| {
        let mut map = std::collections::HashMap::new();
        for u in &f.units {
            for (kind, list) in [("capacita", &u.capacita), ("conoscenza", &u.conoscenze)] {
                for i in list {
                    map.insert((kind, i.code.clone()), (u.code.clone(), i.text.clone()));
                }
            }
        }
        map
    };
    let (official_items, sample_items) = (items(&official), items(&sample));
    let mut shared = 0;
    for (key, (unit, text)) in &sample_items {
        match official_items.get(key) {
            Some(found) => {
                shared += 1;
                assert_eq!(found, &(unit.clone(), text.clone()), "{key:?}");
            }
            None => assert!(
                key.1.starts_with(&format!("{unit}.S-")),
                "{key:?} is neither official nor a sample code"
            ),
        }
    }
    // Figure 529's four UCs: all 67 official items are in the sample.
    assert_eq!(shared, 67);
    for u in &sample.units {
        let official_unit = official.units.iter().find(|o| o.code == u.code).unwrap();
        assert_eq!(u.title, official_unit.title, "UC {}", u.code);
        if !official_unit.capacita.is_empty() {
            assert_eq!(u.capacita, official_unit.capacita, "UC {}", u.code);
            assert_eq!(u.conoscenze, official_unit.conoscenze, "UC {}", u.code);
        }
    }
}
