//! Many profiles against all occupations, results streamed to a callback in input order.

#[cfg(feature = "parallel")]
use super::matrix::Scored;
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
        let mut done: Vec<(SkillProfile, Scored)> = Vec::new();
        let mut count = 0;
        while !chunk.is_empty() {
            count += chunk.len();
            let mut scored: Vec<Scored> = Vec::new();
            let mut next: Vec<SkillProfile> = Vec::new();
            rayon::in_place_scope(|scope| {
                let (input, output) = (&chunk, &mut scored);
                scope.spawn(move |_| {
                    *output = input
                        .par_iter()
                        .with_min_len(16)
                        .map_init(
                            || Scratch::new(self.occupation_count()),
                            |scratch, profile| self.score(profile, options, scratch),
                        )
                        .collect();
                });
                // Result strings are made (and later freed by the caller) on this thread:
                // allocating them on the workers made every free a cross-thread one, and the
                // allocator's locks cost more than the second core gained.
                for (profile, s) in done.drain(..) {
                    on_result(self.finish(&profile, s, options));
                }
                next = profiles.by_ref().take(CHUNK).collect();
            });
            done = chunk.into_iter().zip(scored).collect();
            chunk = next;
        }
        for (profile, s) in done {
            on_result(self.finish(&profile, s, options));
        }
        Ok(count)
    }
}
