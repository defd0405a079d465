//! The CEFR → ESCO language-skill cross-walk on the real ESCO v1.1.1 package: languages are
//! found in the taxonomy (labels and hierarchy), self-assessments at or above the setting's
//! level count, and `attesta match` on a record adds them to the profile. Skipped with a
//! message when `../shared/data` is missing, a failure under `CI=true`.
#![cfg(all(feature = "import", feature = "fs"))]

use std::sync::OnceLock;

use attesta::framework::{
    BroaderRelation, ConceptRef, EscoBuilder, EscoLabels, EscoOccupation, EscoSkill, EscoTaxonomy,
    OccupationSkill, Relevance, SkillType,
};
use attesta::import::{import_esco, EscoImportOptions, ImportMode, MemoryFiles};
use attesta::matching::{CefrCrosswalk, LanguageActivity, MatchOptions, OccupationMatcher};
use attesta::model::{CefrLevel, CompetenceRecord, LanguageSkill};

mod real_data;

fn esco() -> Option<&'static EscoTaxonomy> {
    static ESCO: OnceLock<Option<EscoTaxonomy>> = OnceLock::new();
    ESCO.get_or_init(|| {
        let files = MemoryFiles::from_dir(real_data::folder("esco-v1.1.1-en")?).unwrap();
        let options = EscoImportOptions::new("v1.1.1", "en");
        Some(
            import_esco(&files, &options, ImportMode::Standard)
                .unwrap()
                .data,
        )
    })
    .as_ref()
}

/// The preferred English label of a skill URI.
fn label(esco: &EscoTaxonomy, uri: &str) -> String {
    esco.skill(uri)
        .unwrap()
        .labels(0)
        .unwrap()
        .preferred
        .to_owned()
}

fn self_assessment(value: serde_json::Value) -> LanguageSkill {
    serde_json::from_value(value).unwrap()
}

fn record(value: serde_json::Value) -> CompetenceRecord {
    serde_json::from_value(value).unwrap()
}

#[test]
fn language_skills_are_found_by_language_and_activity() {
    let Some(esco) = esco() else {
        return;
    };
    let crosswalk = CefrCrosswalk::new(esco);
    // 66 languages in ESCO v1.1.1; all but a few without an ISO 639-1 name are found.
    assert!(crosswalk.languages() >= 60, "{}", crosswalk.languages());
    let arabic: Vec<_> = LanguageActivity::ALL
        .iter()
        .map(|a| label(esco, crosswalk.skill("ar", *a).unwrap()))
        .collect();
    assert_eq!(
        arabic,
        [
            "understand spoken Arabic",
            "understand written Arabic",
            "interact verbally in Arabic",
            "write Arabic"
        ]
    );
    // Each is a skill whose broader concept is the knowledge concept of the language.
    for a in LanguageActivity::ALL {
        let uri = crosswalk.skill("it", a).unwrap();
        let index = u32::try_from(esco.skill_index(uri).unwrap()).unwrap();
        let parents: Vec<String> = esco
            .broader_of(ConceptRef::Skill(index))
            .filter_map(|b| match b {
                ConceptRef::Skill(p) => {
                    Some(esco.skill_at(p as usize)?.labels(0)?.preferred.to_owned())
                }
                _ => None,
            })
            .collect();
        assert!(parents.iter().any(|p| p == "Italian"), "{parents:?}");
    }
    // ISO calls Greek "Modern Greek (1453-)", ESCO "Greek": still found.
    assert_eq!(
        label(
            esco,
            crosswalk.skill("el", LanguageActivity::Writing).unwrap()
        ),
        "write Greek"
    );
    assert!(crosswalk.skill("zz", LanguageActivity::Writing).is_none());
}

#[test]
fn a_dimension_counts_from_the_minimum_level() {
    let Some(esco) = esco() else {
        return;
    };
    let arabic = self_assessment(serde_json::json!({
        "language": "ar", "listening": "B1", "reading": "A1",
        "spoken_interaction": "A2", "spoken_production": "C1"
    }));
    let labels_at = |crosswalk: &CefrCrosswalk| -> Vec<String> {
        crosswalk
            .skills_of(&arabic)
            .map(|u| label(esco, u))
            .collect()
    };
    let default = CefrCrosswalk::new(esco);
    assert_eq!(default.min_level(), CefrLevel::A2);
    assert_eq!(
        labels_at(&default),
        ["understand spoken Arabic", "interact verbally in Arabic"]
    );
    assert_eq!(
        labels_at(&CefrCrosswalk::new(esco).with_min_level(CefrLevel::B1)),
        ["understand spoken Arabic"]
    );
    assert_eq!(
        labels_at(&CefrCrosswalk::new(esco).with_min_level(CefrLevel::A1)),
        [
            "understand spoken Arabic",
            "understand written Arabic",
            "interact verbally in Arabic"
        ]
    );
}

#[test]
fn a_record_profile_adds_mother_tongues_and_assessed_languages() {
    let Some(esco) = esco() else {
        return;
    };
    let crosswalk = CefrCrosswalk::new(esco);
    let cook_skill = esco.skills().next().unwrap().uri().to_owned();
    let rec = record(serde_json::json!({
        "schema_version": "1.0", "id": "rec-lang",
        "person": {"id": "p", "mother_tongues": ["ar"], "languages": [
            {"language": "it", "listening": "B2", "reading": "A2", "spoken_interaction": "B1",
             "spoken_production": "B1", "writing": "A1"},
            {"language": "ar", "listening": "C2"}
        ]},
        "experiences": [{"id": "e", "context": "informale", "kind": "work", "period": {"start": "2019"}, "role": "x"}],
        "claims": [{"id": "c", "self_assessment": "yes", "experiences": ["e"],
                    "target": {"scheme": "esco", "code": cook_skill}}]
    }));
    let profile = crosswalk.profile_of(&rec);
    assert_eq!(profile.id, "rec-lang");
    let labels: Vec<String> = profile.skills.iter().map(|u| label(esco, u)).collect();
    assert_eq!(
        labels[1..5],
        [
            "understand spoken Arabic",
            "understand written Arabic",
            "interact verbally in Arabic",
            "write Arabic"
        ]
    );
    // Italian: writing A1 does not count; Arabic is not added twice.
    assert_eq!(
        labels[5..],
        [
            "understand spoken Italian",
            "understand written Italian",
            "interact verbally in Italian"
        ]
    );
    assert_eq!(profile.skills[0], cook_skill);
    // Every language skill is known to the matcher (none ignored as unknown).
    let matcher = OccupationMatcher::new(esco, "en").unwrap();
    let ranked = matcher
        .match_profile(&profile, &MatchOptions::default())
        .unwrap();
    assert!(
        ranked.unknown_skills.is_empty(),
        "{:?}",
        ranked.unknown_skills
    );
}

/// On a taxonomy where an occupation requires a language skill, a record's CEFR
/// self-assessment is what makes it match (ESCO v1.1.1 itself relates no occupation to a
/// specific language skill, so this runs on a small hand-made taxonomy).
#[test]
fn languages_count_in_matching() {
    let skill_uri = |id: &str| format!("http://data.europa.eu/esco/skill/{id}");
    let labels = |text: &str| {
        vec![EscoLabels {
            preferred: text.into(),
            ..EscoLabels::default()
        }]
    };
    let mut b = EscoBuilder::new("test", vec!["en".into()]).unwrap();
    for (id, label, skill_type) in [
        ("k-ar", "Arabic", SkillType::Knowledge),
        (
            "s-ar-spoken",
            "interact verbally in Arabic",
            SkillType::SkillCompetence,
        ),
        ("s-ar-write", "write Arabic", SkillType::SkillCompetence),
    ] {
        b.add_skill(&EscoSkill {
            uri: skill_uri(id),
            skill_type: Some(skill_type),
            reuse_level: None,
            labels: labels(label),
        })
        .unwrap();
    }
    b.add_occupation(&EscoOccupation {
        uri: "http://data.europa.eu/esco/occupation/interpreter".into(),
        code: "2643.2".into(),
        isco_group: "2643".into(),
        regulated_profession_note: String::new(),
        labels: labels("interpreter"),
    })
    .unwrap();
    for narrower in [1, 2] {
        b.add_broader(BroaderRelation {
            narrower: ConceptRef::Skill(narrower),
            broader: ConceptRef::Skill(0),
        });
    }
    b.add_occupation_skill(OccupationSkill {
        occupation: 0,
        relevance: Relevance::Essential,
        skill: 1,
    });
    b.add_occupation_skill(OccupationSkill {
        occupation: 0,
        relevance: Relevance::Essential,
        skill: 2,
    });
    let esco = b.finish().unwrap();
    let crosswalk = CefrCrosswalk::new(&esco);
    let matcher = OccupationMatcher::new(&esco, "en").unwrap();
    let score = |languages: serde_json::Value| {
        let rec = record(serde_json::json!({
            "schema_version": "1.0", "id": "r", "person": {"id": "p", "languages": languages}
        }));
        let ranked = matcher
            .match_profile(&crosswalk.profile_of(&rec), &MatchOptions::default())
            .unwrap();
        ranked
            .matches
            .first()
            .map(|m| (m.essential_matched, m.score))
    };
    assert_eq!(score(serde_json::json!([])), None);
    assert_eq!(
        score(serde_json::json!([{"language": "ar", "spoken_interaction": "B1", "writing": "A2"}])),
        Some((2, 1.0))
    );
    // Writing at A1 is under the default A2: one of the two essential skills.
    assert_eq!(
        score(serde_json::json!([{"language": "ar", "spoken_interaction": "B1", "writing": "A1"}]))
            .map(|m| m.0),
        Some(1)
    );
}
