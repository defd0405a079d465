//! The matching benchmark's synthetic profiles over the real ESCO v1.1.1 (`../shared/data`;
//! skipped with a message when missing, failing under `CI=true`): deterministic, and matched
//! alike by the single-threaded and the parallel batch.

use attesta::framework::EscoTaxonomy;
use attesta::import::{import_esco, DirFiles, EscoImportOptions, ImportMode};
use attesta::matching::{MatchOptions, OccupationMatcher, ProfileMatches};
use attesta_bench::skill_profiles;

#[path = "../../core/tests/real_data/mod.rs"]
mod real_data;

fn esco() -> Option<EscoTaxonomy> {
    let dir = real_data::folder("esco-v1.1.1-en")?;
    let options = EscoImportOptions::new("v1.1.1", "en");
    let imported = import_esco(&DirFiles::new(dir), &options, ImportMode::Standard);
    Some(imported.expect("ESCO imports").data)
}

#[test]
fn profiles_are_deterministic_and_made_of_esco_skills() {
    let Some(esco) = esco() else { return };
    let profiles = skill_profiles(&esco, 200);
    assert_eq!(profiles, skill_profiles(&esco, 200));
    assert_eq!(profiles.len(), 200);
    for p in &profiles {
        // At least the five random skills, every one a real ESCO skill.
        assert!(p.skills.len() >= 5, "{}", p.id);
        assert!(
            p.skills.iter().all(|uri| esco.skill(uri).is_some()),
            "{}",
            p.id
        );
    }
}

#[test]
fn parallel_and_single_threaded_batches_agree() {
    let Some(esco) = esco() else { return };
    let matcher = OccupationMatcher::new(&esco, "en").expect("matcher");
    let profiles = skill_profiles(&esco, 1500);
    let options = MatchOptions {
        limit: 10,
        explain: true,
        min_score: 0.0,
    };
    let mut single: Vec<ProfileMatches> = Vec::new();
    matcher
        .match_batch(profiles.clone(), &options, |m| single.push(m))
        .expect("batch");
    assert_eq!(single.len(), 1500);
    assert!(single.iter().all(|p| !p.matches.is_empty()));
    let mut parallel: Vec<ProfileMatches> = Vec::new();
    matcher
        .match_batch_parallel(profiles, &options, |m| parallel.push(m))
        .expect("batch");
    assert_eq!(parallel, single);
}
