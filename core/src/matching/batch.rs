//! Many profiles against all occupations, results streamed to a callback in input order.

use super::matrix::{check, Scratch};
use super::{MatchOptions, OccupationMatcher, ProfileMatches, SkillProfile};
use crate::error::Result;

/// Profiles handed to the threads at a time by the parallel batch: large enough to keep every
/// thread busy, small enough that results stream out steadily and memory stays flat.
#[cfg(feature = "parallel")]
const CHUNK: usize = 512;

impl OccupationMatcher {
    /// Matches every profile of `profiles`, calling `on_result` with each profile's matches in
    /// input order, one profile at a time (nothing is collected). Returns the number of
    /// profiles matched.
    ///
    /// # Errors
    /// [`Error::InvalidOptions`](crate::Error::InvalidOptions) for bad options (before any
    /// profile is read).
    pub fn match_batch<I, F>(
        &self,
        profiles: I,
        options: &MatchOptions,
        mut on_result: F,
    ) -> Result<usize>
    where
        I: IntoIterator<Item = SkillProfile>,
        F: FnMut(ProfileMatches),
    {
        check(options)?;
        let mut scratch = Scratch::new(self.occupation_count());
        let mut count = 0;
        for profile in profiles {
            on_result(self.match_with(&profile, options, &mut scratch));
            count += 1;
        }
        Ok(count)
    }

    /// Like [`OccupationMatcher::match_batch`], on all cores (rayon): profiles are read in
    /// chunks, matched in parallel and handed to `on_result` in input order, so the results
    /// are identical to the single-threaded ones. While the pool matches one chunk, the
    /// calling thread hands out the previous chunk's results and reads the next profiles, so
    /// the caller's callback does not leave the pool idle.
    ///
    /// # Errors
    /// [`Error::InvalidOptions`](crate::Error::InvalidOptions) for bad options.
    #[cfg(feature = "parallel")]
    pub fn match_batch_parallel<I, F>(
        &self,
        profiles: I,
        options: &MatchOptions,
        mut on_result: F,
    ) -> Result<usize>
    where
        I: IntoIterator<Item = SkillProfile>,
        F: FnMut(ProfileMatches),
    {
        use rayon::prelude::*;
        check(options)?;
        let mut profiles = profiles.into_iter();
        let mut chunk: Vec<SkillProfile> = profiles.by_ref().take(CHUNK).collect();
        let mut done: Vec<ProfileMatches> = Vec::new();
        let mut count = 0;
        while !chunk.is_empty() {
            count += chunk.len();
            let mut matched: Vec<ProfileMatches> = Vec::new();
            let mut next: Vec<SkillProfile> = Vec::new();
            rayon::in_place_scope(|scope| {
                let (input, output) = (&chunk, &mut matched);
                scope.spawn(move |_| {
                    *output = input
                        .par_iter()
                        .with_min_len(16)
                        .map_init(
                            || Scratch::new(self.occupation_count()),
                            |scratch, profile| self.match_with(profile, options, scratch),
                        )
                        .collect();
                });
                done.drain(..).for_each(&mut on_result);
                next = profiles.by_ref().take(CHUNK).collect();
            });
            done = matched;
            chunk = next;
        }
        done.into_iter().for_each(&mut on_result);
        Ok(count)
    }
}
