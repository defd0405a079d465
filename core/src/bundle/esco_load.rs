//! The checks of an ESCO bundle load, as jobs shared by the caller and a pool thread.
//!
//! Loading full ESCO is passes of unequal cost: the checksum of the payload (the largest: the
//! floor every load pays), the UTF-8 check of the text, the text fields (spans and concept
//! order, one pass cut in runs: `fields`) and the attribute and relation columns. With the
//! `parallel` feature and a buffer the taxonomy can keep (`Bundle::from_vec`), a pool thread
//! is asked to help. The caller runs the two jobs that cannot be cut in pieces, the checksum
//! and the UTF-8 check; the pool thread takes the short ones, one at a time, and the caller
//! takes those still left when it is done. So the caller never waits for a pool thread that
//! has not started (on a busy machine it can be late by milliseconds), nor for a long job on a
//! thread that shares its core with another program: at most for one short job the other
//! thread is running. Without the feature, or for a borrowed buffer (`Bundle::from_bytes`),
//! the caller runs the jobs in order.
//!
//! Errors come in the same order whoever ran the jobs: the checksum's first, then the text's,
//! the spans', the concept order's, the columns'.

use bytes::Bytes as SharedBytes;

use super::columns::{self, Sizes};
use super::fields::{self, FieldRun, Findings, RunChecked};
use super::header::BundleHeader;
use super::malformed;
use crate::error::Result;
use crate::framework::esco_columns::Columns;
use crate::framework::shared_text::SharedText;

/// A piece of the payload: borrowed, or a shared slice of the loaded buffer.
pub(super) trait Piece: AsRef<[u8]> {
    /// The piece as shared bytes (copied only when borrowed).
    fn share(&self) -> SharedBytes;
}

impl Piece for SharedBytes {
    fn share(&self) -> SharedBytes {
        self.clone()
    }
}

impl Piece for &[u8] {
    fn share(&self) -> SharedBytes {
        SharedBytes::copy_from_slice(self)
    }
}

/// What a load checks: the payload (for the checksum), the text and the columns of the
/// payload's wire form, the number of label languages and the concept counts.
#[derive(Clone)]
pub(super) struct Parts<P> {
    pub(super) header: BundleHeader,
    pub(super) payload: P,
    pub(super) text: P,
    pub(super) fields: P,
    pub(super) skills: P,
    pub(super) skill_groups: P,
    pub(super) broader: P,
    pub(super) occupation_skills: P,
    pub(super) skill_skills: P,
    pub(super) languages: usize,
    /// Concepts per table: skills, occupations, ISCO groups, skill groups.
    pub(super) counts: [usize; 4],
}

/// One job of a load (see [`Parts::jobs`]).
#[derive(Debug, Clone)]
pub(super) enum Job {
    /// The checksum of the payload.
    Checksum,
    /// The text's UTF-8.
    Text,
    /// The text fields of some concepts: spans and URI order.
    Fields(FieldRun),
    /// Why the text fields cannot hold the concepts (found when the jobs are planned,
    /// reported in the fields' place).
    Layout(&'static str),
    /// The skill attributes, the skill-group levels and the occupation-skill relations.
    Attributes,
    /// The skill-skill relations.
    SkillSkills,
    /// The broader relations.
    Broader,
}

/// The outcome of one job.
enum Outcome {
    Checked(Result<()>),
    Text(Result<SharedText>),
    Fields(RunChecked),
}

impl<P: Piece> Parts<P> {
    /// The jobs of a load, in the order their errors are reported: the checksum, the text's
    /// UTF-8, the text fields in runs, the attributes and the occupation-skill relations, the
    /// skill-skill relations, the broader relations. Full ESCO, in millions of instructions
    /// (callgrind): checksum 3.4, UTF-8 2.3, the fields 2.9 (in 8 runs), the two relation
    /// tables 1.7, broader 0.8; the caller's first two about balance the others.
    pub(super) fn jobs(&self) -> Vec<Job> {
        let runs = fields::runs(
            self.text.as_ref(),
            self.fields.as_ref(),
            self.languages,
            self.counts,
        );
        let mut jobs = vec![Job::Checksum, Job::Text];
        match runs {
            Ok(runs) => jobs.extend(runs.into_iter().map(Job::Fields)),
            Err(why) => jobs.push(Job::Layout(why)),
        }
        jobs.extend([Job::Attributes, Job::SkillSkills, Job::Broader]);
        jobs
    }

    /// Runs `job`.
    fn run(&self, job: &Job) -> Outcome {
        let sizes = Sizes {
            skills: self.counts[0],
            occupations: self.counts[1],
            isco_groups: self.counts[2],
            skill_groups: self.counts[3],
        };
        let checked = match job {
            Job::Checksum => self.header.verify(self.payload.as_ref()),
            Job::Text => {
                return Outcome::Text(
                    SharedText::from_bytes(self.text.share())
                        .map_err(|_| malformed("the text is not UTF-8")),
                )
            }
            Job::Fields(run) => {
                let (text, fields) = (self.text.as_ref(), self.fields.as_ref());
                return Outcome::Fields(fields::check_run(text, fields, run));
            }
            Job::Layout(why) => Err(malformed(*why)),
            Job::Attributes => columns::check_skills(self.skills.as_ref())
                .and_then(|()| columns::check_groups(self.skill_groups.as_ref()))
                .and_then(|()| {
                    columns::check_occupation_skills(self.occupation_skills.as_ref(), sizes)
                }),
            Job::SkillSkills => columns::check_skill_skills(self.skill_skills.as_ref(), sizes),
            Job::Broader => columns::check_broader(self.broader.as_ref(), sizes),
        };
        Outcome::Checked(checked)
    }

    /// Runs every job on the calling thread; the checked text.
    pub(super) fn check(&self) -> Result<SharedText> {
        finish(self.jobs().iter().map(|job| Some(self.run(job))))
    }

    /// The checked columns, shared.
    pub(super) fn columns(&self) -> Columns {
        Columns::new(
            self.languages,
            self.counts,
            [
                self.fields.share(),
                self.skills.share(),
                self.skill_groups.share(),
                self.broader.share(),
                self.occupation_skills.share(),
                self.skill_skills.share(),
            ],
        )
    }
}

/// The first error of the jobs' outcomes, in job order, or the checked text.
fn finish(outcomes: impl IntoIterator<Item = Option<Outcome>>) -> Result<SharedText> {
    let (mut text, mut runs) = (None, Findings::default());
    for outcome in outcomes {
        match outcome {
            Some(Outcome::Checked(checked)) => {
                // The runs' jobs come before every checked job but the checksum.
                runs.result()?;
                checked?;
            }
            Some(Outcome::Text(checked)) => text = Some(checked?),
            Some(Outcome::Fields(found)) => runs.add(found),
            None => return Err(malformed("a check of the bundle did not run")),
        }
    }
    runs.result()?;
    text.ok_or_else(|| malformed("the text was not checked"))
}

impl Parts<SharedBytes> {
    /// Runs the jobs on the calling thread and, when it comes in time, a pool thread (see the
    /// module docs); the checked text.
    pub(super) fn check_shared(&self) -> Result<SharedText> {
        #[cfg(feature = "parallel")]
        {
            parallel::check(self.clone())
        }
        #[cfg(not(feature = "parallel"))]
        {
            self.check()
        }
    }
}

#[cfg(feature = "parallel")]
mod parallel {
    //! The two-thread runner: jobs taken from a shared counter, outcomes under a lock.

    use std::panic::{self, AssertUnwindSafe};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Condvar, Mutex, PoisonError};
    use std::thread;

    use super::{finish, Job, Outcome, Parts, SharedBytes};
    use crate::error::Result;
    use crate::framework::shared_text::SharedText;

    /// The jobs the caller keeps: the checksum and the UTF-8 check, the two that cannot be
    /// cut in pieces. Left to a pool thread that shares its core with another program, either
    /// would keep the caller waiting at the end; the other jobs are short, so the caller
    /// waits at most for one of them.
    const CALLER_JOBS: usize = 2;

    /// The state both threads share.
    struct Shared {
        parts: Parts<SharedBytes>,
        jobs: Vec<Job>,
        /// The next job to take; a thread that draws past the last is done.
        next: AtomicUsize,
        /// Each job's outcome, or the panic it raised (re-raised on the caller).
        outcomes: Mutex<Vec<Option<thread::Result<Outcome>>>>,
        /// Signalled when an outcome is stored.
        stored: Condvar,
    }

    impl Shared {
        /// Takes and runs jobs until none is left.
        fn work(&self) {
            loop {
                // Relaxed: the counter only hands out jobs; outcomes travel under the lock.
                let job = self.next.fetch_add(1, Ordering::Relaxed);
                if job >= self.jobs.len() {
                    return;
                }
                self.run(job);
            }
        }

        /// Runs job `job` and stores its outcome. A panic is stored too, so that the caller
        /// neither waits forever for the job nor loses the panic (see [`check`]).
        fn run(&self, job: usize) {
            // Unwind safety: after a panic nothing reads the parts again but the other jobs,
            // and the caller re-raises it once they are done.
            let Some(todo) = self.jobs.get(job) else {
                return;
            };
            let outcome = panic::catch_unwind(AssertUnwindSafe(|| self.parts.run(todo)));
            let mut outcomes = self.outcomes.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(slot) = outcomes.get_mut(job) {
                *slot = Some(outcome);
            }
            drop(outcomes);
            self.stored.notify_all();
        }
    }

    /// Runs the jobs of `parts` on the calling thread and a pool thread.
    ///
    /// A job should not panic (every check returns a typed error); if one did on either
    /// thread, the panic is raised again on the caller, as `rayon::join` does, rather than
    /// aborting the process from the pool thread or leaving the caller waiting.
    pub(super) fn check(parts: Parts<SharedBytes>) -> Result<SharedText> {
        // A pool of one thread (one core available, or `RAYON_NUM_THREADS=1`): its thread
        // would share the caller's core, and handing jobs over would only add switches.
        if rayon::current_num_threads() < 2 {
            return parts.check();
        }
        let jobs = parts.jobs();
        let outcomes = std::iter::repeat_with(|| None).take(jobs.len()).collect();
        let shared = Arc::new(Shared {
            parts,
            jobs,
            next: AtomicUsize::new(CALLER_JOBS),
            outcomes: Mutex::new(outcomes),
            stored: Condvar::new(),
        });
        let helper = Arc::clone(&shared);
        rayon::spawn(move || helper.work());
        for job in 0..CALLER_JOBS {
            shared.run(job);
        }
        shared.work();
        // Every job is taken: wait only for those the pool thread is still running.
        let mut outcomes = shared
            .outcomes
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        while outcomes.iter().any(Option::is_none) {
            outcomes = shared
                .stored
                .wait(outcomes)
                .unwrap_or_else(PoisonError::into_inner);
        }
        let outcomes = std::mem::take(&mut *outcomes);
        let mut checked = Vec::with_capacity(outcomes.len());
        for outcome in outcomes {
            match outcome {
                Some(Err(raised)) => panic::resume_unwind(raised),
                outcome => checked.push(outcome.and_then(thread::Result::ok)),
            }
        }
        finish(checked)
    }
}
