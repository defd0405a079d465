//! Occupation matching: a small hand-made taxonomy (always runs) and the real ESCO v1.1.1
//! relations from `../shared/data` (skipped with a message when missing, failing under CI).

use attesta::framework::{
    EscoBuilder, EscoLabels, EscoOccupation, EscoSkill, EscoTaxonomy, OccupationSkill, Relevance,
};
use attesta::matching::{MatchOptions, OccupationMatcher, SkillProfile};

mod real_data;

const SKILL: &str = "http://data.europa.eu/esco/skill/";
const OCC: &str = "http://data.europa.eu/esco/occupation/";

fn labels(text: &str) -> Vec<EscoLabels> {
    vec![EscoLabels {
        preferred: text.into(),
        ..EscoLabels::default()
    }]
}

/// Two occupations: `cook` (essential s1, s2; optional s3, s4) and `baker` (essential s2, s5).
fn small() -> EscoTaxonomy {
    use Relevance::{Essential, Optional};
    let skill = |id: &str| EscoSkill {
        uri: format!("{SKILL}{id}"),
        skill_type: None,
        reuse_level: None,
        labels: labels(id),
    };
    let occupation = |id: &str| EscoOccupation {
        uri: format!("{OCC}{id}"),
        code: "5120.1".into(),
        isco_group: "5120".into(),
        regulated_profession_note: String::new(),
        labels: labels(id),
    };
    let mut esco = EscoBuilder::new("test", vec!["en".into()]).expect("builder");
    // Added in this order, so indexes: skills s1..s5 = 0..4, occupations baker = 0, cook = 1.
    for id in ["s1", "s2", "s3", "s4", "s5"] {
        esco.add_skill(&skill(id)).expect("skill");
    }
    for id in ["baker", "cook"] {
        esco.add_occupation(&occupation(id)).expect("occupation");
    }
    for (occupation, relevance, skill) in [
        (1, Essential, 0),
        (1, Essential, 1),
        (1, Optional, 2),
        (1, Optional, 3),
        (0, Essential, 1),
        (0, Essential, 4),
    ] {
        esco.add_occupation_skill(OccupationSkill {
            occupation,
            relevance,
            skill,
        });
    }
    esco.finish().expect("taxonomy")
}

fn profile(id: &str, skills: &[&str]) -> SkillProfile {
    SkillProfile {
        id: id.into(),
        skills: skills.iter().map(|s| format!("{SKILL}{s}")).collect(),
    }
}

#[test]
fn essential_skills_weigh_four_times_optional_ones_and_matches_explain_themselves() {
    let matcher = OccupationMatcher::new(&small(), "en").expect("matcher");
    let result = matcher
        .match_profile(
            &profile("p1", &["s1", "s2", "nope"]),
            &MatchOptions::default(),
        )
        .expect("match");
    assert_eq!(result.unknown_skills, [format!("{SKILL}nope")]);
    let names: Vec<_> = result.matches.iter().map(|m| m.label.as_deref()).collect();
    assert_eq!(names, [Some("cook"), Some("baker")]);
    let cook = &result.matches[0];
    // (1 + 1) / (2 × 1 + 2 × 0.25)
    assert!((cook.score - 0.8).abs() < 1e-12);
    assert_eq!((cook.essential_matched, cook.essential_total), (2, 2));
    assert_eq!((cook.optional_matched, cook.optional_total), (0, 2));
    assert!(cook.missing_essential.is_empty());
    let baker = &result.matches[1];
    assert!((baker.score - 0.5).abs() < 1e-12);
    assert_eq!(baker.matched_essential, [format!("{SKILL}s2")]);
    assert_eq!(baker.missing_essential, [format!("{SKILL}s5")]);

    // Optional skills alone make a weak match; min_score and limit cut the list.
    let weak = matcher
        .match_profile(&profile("p2", &["s3", "s4"]), &MatchOptions::default())
        .expect("match");
    assert!((weak.matches[0].score - 0.2).abs() < 1e-12);
    let strict = MatchOptions {
        min_score: 0.3,
        ..MatchOptions::default()
    };
    assert!(matcher
        .match_profile(&profile("p2", &["s3", "s4"]), &strict)
        .expect("match")
        .matches
        .is_empty());
    let one = MatchOptions {
        limit: 1,
        explain: false,
        ..MatchOptions::default()
    };
    let top = matcher
        .match_profile(&profile("p1", &["s1", "s2"]), &one)
        .expect("match");
    assert_eq!(top.matches.len(), 1);
    assert!(top.matches[0].matched_essential.is_empty());
    assert!(matcher
        .match_profile(&profile("p", &[]), &MatchOptions { limit: 0, ..one })
        .is_err());
}

#[test]
fn equal_scores_are_ordered_by_occupation_uri_and_batches_stream_in_order() {
    let matcher = OccupationMatcher::new(&small(), "en").expect("matcher");
    // s2 is essential to both: baker 1/2 = 0.5, cook 1/2.5 = 0.4.
    let r = matcher
        .match_profile(&profile("p", &["s2"]), &MatchOptions::default())
        .expect("match");
    assert_eq!(r.matches[0].label.as_deref(), Some("baker"));
    let profiles = vec![
        profile("a", &["s1"]),
        profile("b", &["s5"]),
        profile("c", &[]),
    ];
    let mut ids = Vec::new();
    let n = matcher
        .match_batch(profiles, &MatchOptions::default(), |m| {
            ids.push((m.id, m.matches.len()));
        })
        .expect("batch");
    assert_eq!(n, 3);
    assert_eq!(
        ids,
        [
            ("a".to_owned(), 1),
            ("b".to_owned(), 1),
            ("c".to_owned(), 0)
        ]
    );
}

mod real {
    use super::*;
    use std::path::Path;

    fn esco() -> Option<EscoTaxonomy> {
        imported(&real_data::folder("esco-v1.1.1-en")?)
    }

    #[cfg(all(feature = "import", feature = "fs"))]
    #[allow(clippy::unnecessary_wraps)] // same signature as the fallback below
    fn imported(dir: &Path) -> Option<EscoTaxonomy> {
        use attesta::import::{import_esco, DirFiles, EscoImportOptions, ImportMode};
        let esco = import_esco(
            &DirFiles::new(dir),
            &EscoImportOptions::new("v1.1.1", "en"),
            ImportMode::Lenient,
        )
        .expect("ESCO imports")
        .data;
        Some(esco)
    }

    #[cfg(not(all(feature = "import", feature = "fs")))]
    fn imported(_: &Path) -> Option<EscoTaxonomy> {
        eprintln!("SKIPPED: real-data matching tests need the `import` and `fs` features");
        None
    }

    #[test]
    fn an_occupations_own_skills_give_it_a_full_score() {
        let Some(esco) = esco() else { return };
        let matcher = OccupationMatcher::new(&esco, "en").expect("matcher");
        let cook = esco
            .occupations()
            .position(|o| o.labels(0).unwrap().preferred == "cook")
            .expect("ESCO has 'cook'");
        let skills = esco
            .skills_of(cook)
            .map(|(_, s)| s.uri().to_owned())
            .collect();
        let options = MatchOptions {
            limit: 50,
            ..MatchOptions::default()
        };
        let result = matcher
            .match_profile(
                &SkillProfile {
                    id: "cook".into(),
                    skills,
                },
                &options,
            )
            .expect("match");
        let full: Vec<&str> = result
            .matches
            .iter()
            .take_while(|m| (m.score - 1.0).abs() < f64::EPSILON)
            .filter_map(|m| m.label.as_deref())
            .collect();
        assert!(full.contains(&"cook"), "cook scores 1.0: {full:?}");
        let m = result
            .matches
            .iter()
            .find(|m| m.label.as_deref() == Some("cook"))
            .expect("cook");
        assert_eq!(m.essential_matched, m.essential_total);
        assert!(m.missing_essential.is_empty());
    }
}
