//! The read floor of the frameworks bench: the time to read the bytes of the ESCO files that
//! `import_esco` reads, the way it reads them. The import is judged as a multiple of it
//! (issue 14: within 3×), so the floor must be taken in the import's conditions: the bench
//! times both inside fresh child processes.
//!
//! Why the conditions matter more than the bytes on a virtual machine: the 40 MB read whole
//! take ~3.5 ms in a process whose heap already holds the pages and ~22 ms in a fresh one
//! (~1.7 µs a first-touched 4 KiB page); read through one 256 KiB buffer, as the import reads
//! them, ~5–6 ms in a fresh one. The import reads on two threads, the largest relation file on
//! the second; so does the floor (two threads read no faster than one here: 5.9 vs 6.2 ms, so
//! this is not the slower of the two by choice).

use std::io::Read as _;
use std::path::Path;
use std::time::Instant;

/// The ESCO files `import_esco` reads, relative to the folder of the CSV package; the bench
/// hands the same list to pandas (`bench/python/peers.py import`).
pub const ESCO_FILES: [&str; 9] = [
    "classification/skills_en.csv",
    "classification/occupations_en.csv",
    "classification/ISCOGroups_en.csv",
    "classification/skillGroups_en.csv",
    "classification/skillsHierarchy_en.csv",
    "relations/broaderRelationsOccPillar.csv",
    "relations/broaderRelationsSkillPillar.csv",
    "relations/occupationSkillRelations.csv",
    "relations/skillSkillRelations.csv",
];

/// The file the import's second thread starts with: the largest (21 MB of the 40).
const LARGEST: &str = "relations/occupationSkillRelations.csv";

/// The chunk size Attesta's importers read a file by (`CHUNK` in
/// `core/src/import/csv_table.rs`).
pub const READ_CHUNK: usize = 256 * 1024;

/// Reads `files` of `dir` through one buffer of [`READ_CHUNK`] bytes, as the import does;
/// returns the bytes read, or `None` when a file cannot be opened or read.
pub fn read_through(dir: &Path, files: &[&str]) -> Option<usize> {
    let mut buffer = vec![0; READ_CHUNK];
    let mut total = 0;
    for file in files {
        let mut file = std::fs::File::open(dir.join(file)).ok()?;
        loop {
            match file.read(&mut buffer).ok()? {
                0 => break,
                n => total += std::hint::black_box(&buffer[..n]).len(),
            }
        }
    }
    Some(total)
}

/// Reads [`ESCO_FILES`] of `dir` on two threads (the largest file on the second, the others on
/// this one) and returns the seconds it took and the bytes read; `None` when a file is missing
/// or unreadable, so that a floor of nothing is never reported.
pub fn read_floor(dir: &Path) -> Option<(f64, usize)> {
    let rest: Vec<&str> = ESCO_FILES.into_iter().filter(|f| *f != LARGEST).collect();
    let start = Instant::now();
    let (mine, theirs) = std::thread::scope(|scope| {
        let other = scope.spawn(|| read_through(dir, &[LARGEST]));
        (read_through(dir, &rest), other.join().ok().flatten())
    });
    let seconds = start.elapsed().as_secs_f64();
    Some((seconds, mine? + theirs?))
}
