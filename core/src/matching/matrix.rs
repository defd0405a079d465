//! The sparse occupation × skill matrices and the scoring of one profile.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::{MatchOptions, OccupationMatch, ProfileMatches, SkillProfile};
use crate::error::{Error, Result};
use crate::framework::{EscoTaxonomy, RegulatedProfession, Relevance};
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
    /// Each occupation's regulated-profession note as an index into `regulation_notes` (the
    /// distinct notes: two in ESCO v1.1.1), `u32::MAX` for none.
    occupation_regulation: Vec<u32>,
    regulation_notes: Vec<RegulatedProfession>,
    /// Sorted, as in the taxonomy: a URI lookup is a binary search.
    skill_uris: Vec<String>,
    /// The prefix every skill URI shares (`http://data.europa.eu/esco/skill/`), and the first
    /// 8 bytes after it of each URI, big-endian and zero-padded: a lookup binary-searches
    /// these integers instead of comparing long strings with a common head.
    skill_prefix: String,
    skill_keys: Vec<u64>,
    /// Occupation → skills (CSR): `occ_skills[occ_start[o]..occ_start[o + 1]]`, essential
    /// skills first (`essential_count[o]` of them), each part sorted by skill index.
    occ_start: Vec<u32>,
    occ_skills: Vec<u32>,
    essential_count: Vec<u32>,
    /// Skill → occupations (CSC): `skill_occs[skill_start[s]..]`, each entry
    /// `occupation << 3 | units`, where units are the skill's weight in quarters (4 essential,
    /// 1 optional), so the hot loop adds small integers (exact, like the powers of two).
    skill_start: Vec<u32>,
    skill_occs: Vec<u32>,
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
        let (n_occ, n_skill) = (esco.occupations().len(), esco.skills().len());
        let lang = esco.language_index(language);
        let mut per_occ: Vec<(Vec<u32>, Vec<u32>)> = vec![(Vec::new(), Vec::new()); n_occ];
        let mut per_skill: Vec<Vec<(u32, Relevance)>> = vec![Vec::new(); n_skill];
        for r in esco.occupation_skills() {
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
        let mut regulation_notes: Vec<RegulatedProfession> = Vec::new();
        let occupation_regulation = esco
            .occupations()
            .map(|o| {
                let Some(note) = o.regulated_profession() else {
                    return u32::MAX;
                };
                let at = regulation_notes
                    .iter()
                    .position(|n| *n == note)
                    .unwrap_or_else(|| {
                        regulation_notes.push(note);
                        regulation_notes.len() - 1
                    });
                u32::try_from(at).unwrap_or(u32::MAX)
            })
            .collect();
        let mut m = OccupationMatcher {
            occupation_regulation,
            regulation_notes,
            occupation_uris: esco.occupations().map(|o| o.uri().to_owned()).collect(),
            occupation_labels: esco
                .occupations()
                .map(|o| {
                    lang.and_then(|l| o.labels(l))
                        .map(|l| l.preferred)
                        .filter(|p| !p.is_empty())
                        .map(str::to_owned)
                })
                .collect(),
            skill_uris: esco.skills().map(|s| s.uri().to_owned()).collect(),
            skill_prefix: String::new(),
            skill_keys: Vec::with_capacity(n_skill),
            occ_start: vec![0],
            occ_skills: Vec::with_capacity(esco.occupation_skills().len()),
            essential_count: Vec::with_capacity(n_occ),
            skill_start: vec![0],
            skill_occs: Vec::with_capacity(esco.occupation_skills().len()),
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
            for (o, relevance) in list {
                if o >= 1 << 29 {
                    return Err(Error::InvalidFramework("more than 2^29 occupations".into()));
                }
                m.skill_occs.push(o << 3 | units(relevance));
            }
            m.skill_start.push(to_u32(m.skill_occs.len())?);
        }
        m.skill_prefix = common_prefix(&m.skill_uris).to_owned();
        let skip = m.skill_prefix.len();
        m.skill_keys = m.skill_uris.iter().map(|u| key(&u[skip..])).collect();
        Ok(m)
    }

    /// Number of occupations.
    pub fn occupation_count(&self) -> usize {
        self.occupation_uris.len()
    }

    /// Index of a skill URI.
    pub fn skill_index(&self, uri: &str) -> Option<u32> {
        let suffix = uri.strip_prefix(self.skill_prefix.as_str())?;
        let k = key(suffix);
        let start = self.skill_keys.partition_point(|&x| x < k);
        let skip = self.skill_prefix.len();
        let i = (start..self.skill_keys.len())
            .take_while(|&i| self.skill_keys[i] == k)
            .find(|&i| &self.skill_uris[i][skip..] == suffix)?;
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
        let scored = self.score(profile, options, scratch);
        self.finish(profile, scored, options)
    }

    /// The numeric part of matching one profile: skill indexes, unknown URIs and the ranked
    /// occupations. No result strings are made here, so a worker thread allocates little.
    pub(super) fn score(
        &self,
        profile: &SkillProfile,
        options: &MatchOptions,
        scratch: &mut Scratch,
    ) -> Scored {
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
        Scored {
            skills,
            unknown_skills,
            ranked,
        }
    }

    /// The result document of a scored profile.
    pub(super) fn finish(
        &self,
        profile: &SkillProfile,
        scored: Scored,
        options: &MatchOptions,
    ) -> ProfileMatches {
        let matches = scored
            .ranked
            .into_iter()
            .map(|(o, score)| self.describe(o, score, &scored.skills, options.explain))
            .collect();
        ProfileMatches {
            id: profile.id.clone(),
            matches,
            unknown_skills: scored.unknown_skills,
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
                self.skill_start[s as usize] as usize,
                self.skill_start[s as usize + 1] as usize,
            );
            for &packed in &self.skill_occs[a..b] {
                let o = packed >> 3;
                let slot = &mut scratch.units[o as usize];
                if *slot == 0 {
                    scratch.touched.push(o);
                }
                *slot += packed & 7;
            }
        }
        // Top-k with a bounded heap whose top is the worst kept candidate: most occupations
        // are rejected with one comparison, and nothing is sorted but the k kept.
        let heap = &mut scratch.heap;
        heap.clear();
        for &o in &scratch.touched {
            let units = std::mem::take(&mut scratch.units[o as usize]);
            // Quarters times 0.25 is exact: the same score as summing 1.0 and 0.25.
            let score = f64::from(units) * OPTIONAL_WEIGHT / self.total_weight[o as usize];
            if score < options.min_score {
                continue;
            }
            let candidate = Ranked(score, o);
            if heap.len() < options.limit {
                heap.push(candidate);
            } else if heap.peek().is_some_and(|worst| candidate < *worst) {
                heap.pop();
                heap.push(candidate);
            }
        }
        scratch.touched.clear();
        let mut ranked: Vec<(u32, f64)> = heap.drain().map(|Ranked(s, o)| (o, s)).collect();
        ranked.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
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
            regulated_profession: self
                .occupation_regulation
                .get(oi)
                .and_then(|&n| self.regulation_notes.get(n as usize))
                .cloned(),
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

/// A profile scored but not yet described (see [`OccupationMatcher::score`]).
#[derive(Debug)]
pub(super) struct Scored {
    skills: Vec<u32>,
    unknown_skills: Vec<String>,
    ranked: Vec<(u32, f64)>,
}

/// Per-thread accumulators, reused across profiles so a batch allocates once.
#[derive(Debug)]
pub(super) struct Scratch {
    /// Matched weight of each occupation, in quarters (zero between profiles).
    units: Vec<u32>,
    touched: Vec<u32>,
    heap: BinaryHeap<Ranked>,
}

impl Scratch {
    pub(super) fn new(occupations: usize) -> Self {
        Scratch {
            units: vec![0; occupations],
            touched: Vec::new(),
            heap: BinaryHeap::new(),
        }
    }
}

/// A scored occupation ordered from best to worst (`a < b`: `a` ranks first): higher score,
/// then lower occupation index. A max-heap of them keeps the worst on top.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ranked(f64, u32);

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        other.0.total_cmp(&self.0).then(self.1.cmp(&other.1))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

/// A relation's weight in quarters: `ESSENTIAL_WEIGHT / OPTIONAL_WEIGHT` = 4 and 1.
fn units(relevance: Relevance) -> u32 {
    match relevance {
        Relevance::Essential => 4,
        Relevance::Optional => 1,
    }
}

/// The longest prefix, on a character boundary, that all `uris` share.
fn common_prefix(uris: &[String]) -> &str {
    let Some(first) = uris.first() else {
        return "";
    };
    let mut len = first.len();
    for u in &uris[1..] {
        len = first.as_bytes()[..len]
            .iter()
            .zip(u.as_bytes())
            .take_while(|(a, b)| a == b)
            .count();
    }
    while !first.is_char_boundary(len) {
        len -= 1;
    }
    &first[..len]
}

/// The first 8 bytes of `text`, big-endian and zero-padded: ordered like the strings
/// themselves (ties resolved by a full comparison).
fn key(text: &str) -> u64 {
    let mut bytes = [0_u8; 8];
    for (b, t) in bytes.iter_mut().zip(text.as_bytes()) {
        *b = *t;
    }
    u64::from_be_bytes(bytes)
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
