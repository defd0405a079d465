//! The relation files of an ESCO package: read apart from the concepts, resolved after them.
//!
//! Reading and splitting the four relation files (26 MB of the 40 MB package) needs no
//! concept; only resolving their URIs does. So [`read_rows`] can run in a second thread while
//! the concept files are read (see `import_esco`), and the thread that read the concepts then
//! joins in, the two taking the files one at a time (the largest first). It keeps each row as its line, its URIs
//! already split into prefix and UUID (`esco_uri_index`), and its relevance; the problems of
//! reading (missing file or column, a bad row) stay in line order among the rows. Most rows
//! are read by position, without splitting them into fields (`esco_relation_rows`). [`resolve`]
//! then replays everything in file order against the finished concept index and reports what
//! a sequential reading would, with the same texts, in the same order, stopping at the first
//! problem in strict mode.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::csv_table::{read_table_with, Width};
use super::{ImportMode, ImportProblem, ImportSource, Problems};
use crate::error::Error;
use crate::framework::{join_uuid, split_uuid, Relevance, UuidKey};

use reading::FileReader;

/// A URI of a relation row: its UUID and the number of its prefix, or, with prefix [`TEXT`],
/// the index of its text in [`RelationRows::texts`] (other URI forms, rare). Compact and
/// `Copy`: full ESCO has ~150,000 rows, held until the concepts are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RawUri {
    prefix: u8,
    key: UuidKey,
}

const TEXT: u8 = u8::MAX;

/// `relationType`: none (broader files), essential, optional, or `OTHER + i` for the text
/// `texts[i]` that is neither.
const NO_RELEVANCE: u32 = 0;
const ESSENTIAL: u32 = 1;
const OPTIONAL: u32 = 2;
const OTHER: u32 = 3;

/// A relation row as read: 48 bytes, where two [`RawUri`] fields made it 64 (each pads its
/// one-byte prefix to 8); full ESCO holds ~150,000 of them, in memory the process touches
/// for the first time.
#[derive(Debug)]
struct RawRow {
    keys: [UuidKey; 2],
    line: u64,
    prefixes: [u8; 2],
    relevance: u32,
}

impl RawRow {
    fn new(line: u64, from: RawUri, relevance: u32, to: RawUri) -> Self {
        RawRow {
            keys: [from.key, to.key],
            line,
            prefixes: [from.prefix, to.prefix],
            relevance,
        }
    }

    /// The URI of `side` (0: the first URI column, 1: the second).
    fn uri(&self, side: usize) -> RawUri {
        RawUri {
            prefix: self.prefixes[side & 1],
            key: self.keys[side & 1],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Broader,
    OccupationSkill,
    SkillSkill,
}

/// The files, in the order a sequential import reads them, with their wanted columns.
const FILES: [(&str, Kind, &[&str]); 4] = [
    (
        "relations/broaderRelationsSkillPillar.csv",
        Kind::Broader,
        &["conceptUri", "broaderUri"],
    ),
    (
        "relations/broaderRelationsOccPillar.csv",
        Kind::Broader,
        &["conceptUri", "broaderUri"],
    ),
    (
        "relations/occupationSkillRelations.csv",
        Kind::OccupationSkill,
        &["occupationUri", "relationType", "skillUri"],
    ),
    (
        "relations/skillSkillRelations.csv",
        Kind::SkillSkill,
        &["originalSkillUri", "relationType", "relatedSkillUri"],
    ),
];

struct FileRows {
    /// The file's place in [`FILES`] (the order its rows are resolved in).
    order: usize,
    file: &'static str,
    kind: Kind,
    /// 1-based CSV column of each wanted column (for problems).
    columns: [Option<u64>; 3],
    rows: Vec<RawRow>,
    /// Problems of reading, each with the number of rows read before it.
    problems: Vec<(usize, ImportProblem)>,
}

/// What [`read_rows`] read: the rows of every relation file, not yet resolved.
pub(super) struct RelationRows {
    /// URI prefixes met, by number (a handful: skill, occupation, …).
    prefixes: Vec<Box<str>>,
    /// Texts of URIs of other forms and of unknown relation types.
    texts: Vec<Box<str>>,
    files: Vec<FileRows>,
}

impl RelationRows {
    fn uri(&mut self, text: &str) -> RawUri {
        if let Some((prefix, key)) = split_uuid(text) {
            let known = self.prefixes.iter().position(|p| &**p == prefix);
            let number = known.or_else(|| {
                u8::try_from(self.prefixes.len()).is_ok().then(|| {
                    self.prefixes.push(prefix.into());
                    self.prefixes.len() - 1
                })
            });
            if let Some(prefix) = number.and_then(|n| u8::try_from(n).ok()) {
                if prefix != TEXT {
                    return RawUri { prefix, key };
                }
            }
        }
        RawUri {
            prefix: TEXT,
            key: [self.text(text), 0],
        }
    }

    /// Keeps `text`; returns its index.
    fn text(&mut self, text: &str) -> u64 {
        self.texts.push(text.into());
        (self.texts.len() - 1) as u64
    }

    fn relevance(&mut self, text: &str) -> u32 {
        match Relevance::parse(text) {
            Some(Relevance::Essential) => ESSENTIAL,
            Some(Relevance::Optional) => OPTIONAL,
            None => u32::try_from(self.text(text)).map_or(u32::MAX, |i| OTHER.saturating_add(i)),
        }
    }

    fn stored(&self, index: u64) -> &str {
        usize::try_from(index)
            .ok()
            .and_then(|i| self.texts.get(i))
            .map_or("", |t| t)
    }

    /// The text of a raw URI, for messages.
    fn uri_text(&self, uri: RawUri) -> String {
        if uri.prefix == TEXT {
            return self.stored(uri.key[0]).to_owned();
        }
        let prefix = self.prefixes.get(usize::from(uri.prefix));
        join_uuid(prefix.map_or("", |p| p), uri.key)
    }
}

/// The order in which readers take the files of [`FILES`]: the largest (occupation → skill,
/// 21 MB) first, so that the reader that starts with it is still busy with it while the other
/// reads the concepts and then the smaller files. The cheapest to read last (the occupation
/// pillar, 3,600 rows, against 5,900 skill → skill rows): with the relation rows read by
/// position, the other reader finishes about when the concepts are read, and the reader that
/// reads the concepts takes at most that file.
const TAKE_ORDER: [usize; 4] = [2, 0, 3, 1];

/// Reads relation files of `source` (see the module documentation) until none is left: each
/// reader (one per thread) takes the next file of [`TAKE_ORDER`] from `next`, shared by the
/// readers. `stop` is checked between files: the concept reading sets it when it fails in
/// strict mode.
pub(super) fn read_rows(
    source: &dyn ImportSource,
    next: &AtomicUsize,
    stop: &AtomicBool,
) -> RelationRows {
    let mut rows = RelationRows {
        prefixes: Vec::new(),
        texts: Vec::new(),
        files: Vec::new(),
    };
    while !stop.load(Ordering::Relaxed) {
        let taken = TAKE_ORDER.get(next.fetch_add(1, Ordering::Relaxed));
        let Some((order, &(file, kind, wanted))) = taken.and_then(|&i| Some((i, FILES.get(i)?)))
        else {
            break;
        };
        // Lenient here: the replay applies the caller's mode, in order.
        let mut problems = Problems::new(ImportMode::Lenient);
        let mut reading = FileReader::new(&mut rows, kind);
        let outcome = read_table_with(
            source,
            file,
            wanted,
            Width::Exact,
            &mut problems,
            &mut reading,
        );
        let FileReader { read, columns, .. } = reading;
        let mut listed = problems.finish(()).problems;
        // Lenient reading reports instead of failing; keep anything else as a problem too.
        if let Err(Error::Import(problem)) = outcome {
            listed.push(problem);
        }
        // Each list is in line order; a row with a problem was not delivered.
        let problems = listed
            .into_iter()
            .map(|p| (read.partition_point(|r| r.line < p.line), p))
            .collect();
        rows.files.push(FileRows {
            order,
            file,
            kind,
            columns,
            rows: read,
            problems,
        });
    }
    rows
}

#[path = "esco_relation_rows.rs"]
mod reading;

#[path = "esco_resolve.rs"]
mod resolution;
pub(super) use resolution::resolve;
