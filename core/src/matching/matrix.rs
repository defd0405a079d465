//! The sparse occupation × skill matrices and the scoring of one profile.

use std::cmp::Ordering;

use super::{MatchOptions, OccupationMatch, ProfileMatches, SkillProfile};
use crate::error::{Error, Result};
use crate::framework::{EscoTaxonomy, Relevance};
use crate::model::FrameworkRef;

/// Weight of an essential skill in the score.
pub const ESSENTIAL_WEIGHT: f64 = 1.0;
/// Weight of an optional skill in the score.
pub const OPTIONAL_WEIGHT: f64 = 0.25;

/// Occupation matching over one ESCO taxonomy. Build it once (a few milliseconds for full
/// ESCO) and share it; it is immutable and `Sync`.
#[derive(Debug, Clone)]
pub struct OccupationMatcher {
    occupation_uris: Vec<String>,
    occupation_labels: Vec<Option<String>>,
    /// Sorted, as in the taxonomy: a URI lookup is a binary search.
    skill_uris: Vec<String>,
    /// Occupation → skills (CSR): `occ_skills[occ_start[o]..occ_start[o + 1]]`, essential
    /// skills first (`essential_count[o]` of them), each part sorted by skill index.
    occ_start: Vec<u32>,
    occ_skills: Vec<u32>,
    essential_count: Vec<u32>,
    /// Skill → occupations (CSC), with the relevance: `skill_occs[skill_start[s]..]`.
    skill_start: Vec<u32>,
    skill_occs: Vec<(u32, Relevance)>,
    /// Denominator of each occupation's score.
    total_weight: Vec<f64>,
}

impl OccupationMatcher {
    /// Builds the matcher from a taxonomy's occupation → skill relations, with labels in
    /// `language` (e.g. `en`) when the taxonomy has it.
    ///
    /// # Errors
    /// [`Error::InvalidFramework`] when a relation points outside the taxonomy's vectors.
    pub fn new(esco: &EscoTaxonomy, language: &str) -> Result<Self> {
        let (n_occ, n_skill) = (esco.occupations.len(), esco.skills.len());
        let lang = esco.language_index(language);
        let mut per_occ: Vec<(Vec<u32>, Vec<u32>)> = vec![(Vec::new(), Vec::new()); n_occ];
        let mut per_skill: Vec<Vec<(u32, Relevance)>> = vec![Vec::new(); n_skill];
        for r in &esco.occupation_skills {
            let (o, s) = (r.occupation as usize, r.skill as usize);
            if o >= n_occ || s >= n_skill {
                return Err(Error::InvalidFramework(format!(
                    "occupation-skill relation ({o}, {s}) is outside the taxonomy"
                )));
            }
            let lists = &mut per_occ[o];
            match r.relevance {
                Relevance::Essential => lists.0.push(r.skill),
                Relevance::Optional => lists.1.push(r.skill),
            }
            per_skill[s].push((r.occupation, r.relevance));
        }
        let mut m = OccupationMatcher {
            occupation_uris: esco.occupations.iter().map(|o| o.uri.clone()).collect(),
            occupation_labels: esco
                .occupations
                .iter()
                .map(|o| {
                    lang.and_then(|l| o.labels.get(l))
                        .map(|l| l.preferred.clone())
                        .filter(|p| !p.is_empty())
                })
                .collect(),
            skill_uris: esco.skills.iter().map(|s| s.uri.clone()).collect(),
            occ_start: vec![0],
            occ_skills: Vec::with_capacity(esco.occupation_skills.len()),
            essential_count: Vec::with_capacity(n_occ),
            skill_start: vec![0],
            skill_occs: Vec::with_capacity(esco.occupation_skills.len()),
            total_weight: Vec::with_capacity(n_occ),
        };
        for (mut essential, mut optional) in per_occ {
            essential.sort_unstable();
            essential.dedup();
            optional.sort_unstable();
            optional.dedup();
            // A skill listed both ways counts once, as essential.
            optional.retain(|s| essential.binary_search(s).is_err());
            #[allow(clippy::cast_precision_loss)] // at most a few hundred skills
            m.total_weight.push(
                essential.len() as f64 * ESSENTIAL_WEIGHT + optional.len() as f64 * OPTIONAL_WEIGHT,
            );
            m.essential_count.push(to_u32(essential.len())?);
            m.occ_skills.extend(essential);
            m.occ_skills.extend(optional);
            m.occ_start.push(to_u32(m.occ_skills.len())?);
        }
        for mut list in per_skill {
            list.sort_unstable();
            list.dedup_by_key(|(o, _)| *o);
            m.skill_occs.extend(list);
            m.skill_start.push(to_u32(m.skill_occs.len())?);
        }
        Ok(m)
    }

    /// Number of occupations.
    pub fn occupation_count(&self) -> usize {
        self.occupation_uris.len()
    }

    /// Index of a skill URI.
    pub fn skill_index(&self, uri: &str) -> Option<u32> {
        let i = self
            .skill_uris
            .binary_search_by(|u| u.as_str().cmp(uri))
            .ok()?;
        u32::try_from(i).ok()
    }

    /// Ranks the occupations for one profile.
    ///
    /// # Errors
    /// [`Error::InvalidOptions`] for a limit outside 1–3,000 or a `min_score` outside
    /// `0.0..=1.0`.
    pub fn match_profile(
        &self,
        profile: &SkillProfile,
        options: &MatchOptions,
    ) -> Result<ProfileMatches> {
        check(options)?;
        let mut scratch = Scratch::new(self.occupation_count());
        Ok(self.match_with(profile, options, &mut scratch))
    }

    /// Scores one profile, reusing `scratch` between profiles.
    pub(super) fn match_with(
        &self,
        profile: &SkillProfile,
        options: &MatchOptions,
        scratch: &mut Scratch,
    ) -> ProfileMatches {
        let mut skills = Vec::with_capacity(profile.skills.len());
        let mut unknown_skills = Vec::new();
        for uri in &profile.skills {
            match self.skill_index(uri.trim()) {
                Some(i) => skills.push(i),
                None => unknown_skills.push(uri.clone()),
            }
        }
        skills.sort_unstable();
        skills.dedup();
        let ranked = self.rank(&skills, options, scratch);
        let matches = ranked
            .into_iter()
            .map(|(o, score)| self.describe(o, score, &skills, options.explain))
            .collect();
        ProfileMatches {
            id: profile.id.clone(),
            matches,
            unknown_skills,
        }
    }

    /// The best occupations for sorted, deduplicated skill indexes: (occupation, score).
    pub(super) fn rank(
        &self,
        skills: &[u32],
        options: &MatchOptions,
        scratch: &mut Scratch,
    ) -> Vec<(u32, f64)> {
        for &s in skills {
            let (a, b) = (
                self.skill_start[s as usize],
                self.skill_start[s as usize + 1],
            );
            for &(o, relevance) in &self.skill_occs[a as usize..b as usize] {
                let slot = &mut scratch.sum[o as usize];
                if *slot == 0.0 {
                    scratch.touched.push(o);
                }
                *slot += match relevance {
                    Relevance::Essential => ESSENTIAL_WEIGHT,
                    Relevance::Optional => OPTIONAL_WEIGHT,
                };
            }
        }
        let mut ranked: Vec<(u32, f64)> = Vec::with_capacity(scratch.touched.len());
        for &o in &scratch.touched {
            let score = scratch.sum[o as usize] / self.total_weight[o as usize];
            scratch.sum[o as usize] = 0.0;
            if score >= options.min_score {
                ranked.push((o, score));
            }
        }
        scratch.touched.clear();
        let order = |a: &(u32, f64), b: &(u32, f64)| -> Ordering {
            b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
        };
        if ranked.len() > options.limit {
            ranked.select_nth_unstable_by(options.limit, order);
            ranked.truncate(options.limit);
        }
        ranked.sort_unstable_by(order);
        ranked
    }

    fn describe(&self, o: u32, score: f64, skills: &[u32], explain: bool) -> OccupationMatch {
        let oi = o as usize;
        let (a, b) = (self.occ_start[oi] as usize, self.occ_start[oi + 1] as usize);
        let split = a + self.essential_count[oi] as usize;
        let (essential, optional) = (&self.occ_skills[a..split], &self.occ_skills[split..b]);
        let has = |s: &u32| skills.binary_search(s).is_ok();
        let uris = |list: &[u32], want: bool| -> Vec<String> {
            list.iter()
                .filter(|s| has(s) == want)
                .map(|&s| self.skill_uris[s as usize].clone())
                .collect()
        };
        let count = |list: &[u32]| {
            u32::try_from(list.iter().filter(|s| has(s)).count()).unwrap_or(u32::MAX)
        };
        OccupationMatch {
            occupation: FrameworkRef::new("esco", self.occupation_uris[oi].clone()),
            label: self.occupation_labels[oi].clone(),
            score,
            essential_matched: count(essential),
            essential_total: self.essential_count[oi],
            optional_matched: count(optional),
            optional_total: u32::try_from(optional.len()).unwrap_or(u32::MAX),
            matched_essential: if explain {
                uris(essential, true)
            } else {
                Vec::new()
            },
            missing_essential: if explain {
                uris(essential, false)
            } else {
                Vec::new()
            },
        }
    }
}

/// Per-thread accumulators, reused across profiles so a batch allocates once.
#[derive(Debug)]
pub(super) struct Scratch {
    sum: Vec<f64>,
    touched: Vec<u32>,
}

impl Scratch {
    pub(super) fn new(occupations: usize) -> Self {
        Scratch {
            sum: vec![0.0; occupations],
            touched: Vec::new(),
        }
    }
}

pub(super) fn check(options: &MatchOptions) -> Result<()> {
    if options.limit == 0 || options.limit > 3000 {
        return Err(Error::InvalidOptions(format!(
            "match limit must be 1-3000, not {}",
            options.limit
        )));
    }
    if !(0.0..=1.0).contains(&options.min_score) {
        return Err(Error::InvalidOptions(format!(
            "min_score must be within 0.0-1.0, not {}",
            options.min_score
        )));
    }
    Ok(())
}

fn to_u32(n: usize) -> Result<u32> {
    u32::try_from(n).map_err(|_| Error::InvalidFramework("more than 4 billion relations".into()))
}
