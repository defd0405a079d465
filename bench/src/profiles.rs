//! Deterministic synthetic skill profiles over a real ESCO taxonomy, for the matching
//! benchmark and the test that parallel and single-threaded batches agree on them.

use attesta::framework::EscoTaxonomy;
use attesta::matching::SkillProfile;

/// `n` profiles, each about two thirds of one occupation's skills plus five random skills
/// (xorshift64 from a fixed seed: the same profiles in every run).
#[must_use]
pub fn skill_profiles(esco: &EscoTaxonomy, n: usize) -> Vec<SkillProfile> {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let occupations = esco.occupations().len() as u64;
    let skills = esco.skills().len() as u64;
    if occupations == 0 || skills == 0 {
        return Vec::new();
    }
    (0..n)
        .map(|i| {
            #[allow(clippy::cast_possible_truncation)] // below the table length, a usize
            let occupation = (next() % occupations) as usize;
            let mut uris: Vec<String> = esco
                .skills_of(occupation)
                .filter(|_| next() % 3 != 0)
                .map(|(_, s)| s.uri().to_owned())
                .collect();
            for _ in 0..5 {
                #[allow(clippy::cast_possible_truncation)]
                let s = (next() % skills) as usize;
                uris.extend(esco.skill_at(s).map(|s| s.uri().to_owned()));
            }
            SkillProfile {
                id: format!("p{i}"),
                skills: uris,
            }
        })
        .collect()
}
