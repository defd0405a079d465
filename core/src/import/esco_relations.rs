//! The relation files of an ESCO package: read apart from the concepts, resolved after them.
//!
//! Reading and splitting the four relation files (26 MB of the 40 MB package) needs no
//! concept; only resolving their URIs does. So [`read_rows`] can run in a second thread while
//! the concept files are read (see `import_esco`), and the thread that read the concepts then
//! joins in, the two taking the files one at a time (the largest first). It keeps each row as
//! its line, its relevance and the ids of its two URIs: each distinct URI is split once into
//! prefix and UUID (`esco_uri_index`) and numbered, so that a row takes 16 bytes and each URI
//! is looked up once. The problems of reading (missing file or column, a bad row) stay in line
//! order among the rows. Most rows are read by position, without splitting them into fields
//! (`esco_relation_rows`). [`resolve`] then replays everything in file order against the
//! finished concept index and reports what a sequential reading would, with the same texts, in
//! the same order, stopping at the first problem in strict mode.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use hashbrown::hash_table::{Entry, HashTable};

use super::csv_table::{read_table_with, Width};
use super::{ImportMode, ImportProblem, ImportSource, Problems};
use crate::error::Error;
use crate::framework::{join_uuid, split_uuid, Relevance, UuidKey};

use reading::FileReader;

/// A URI of a relation row: its UUID and the number of its prefix, or, with prefix [`TEXT`],
/// the index of its text in [`RelationRows::texts`] (other URI forms, rare).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RawUri {
    prefix: u8,
    key: UuidKey,
}

impl RawUri {
    /// Its hash: one `write_u64` (see `esco_uri_index`); the prefix is left to the comparison,
    /// as two prefixes rarely share a UUID.
    fn hash(self, hasher: &foldhash::fast::RandomState) -> u64 {
        std::hash::BuildHasher::hash_one(hasher, self.key[0] ^ self.key[1].rotate_left(32))
    }
}

const TEXT: u8 = u8::MAX;

/// `relationType`: none (broader files), essential, optional, or `OTHER + i` for the text
/// `texts[i]` that is neither.
const NO_RELEVANCE: u32 = 0;
const ESSENTIAL: u32 = 1;
const OPTIONAL: u32 = 2;
const OTHER: u32 = 3;

/// A relation row as read, its URIs as ids of [`RelationRows::uris`]: 16 bytes. Full ESCO
/// holds ~150,000 of them until the concepts are read, in memory the process touches for the
/// first time, at about 2 µs a 4 KiB page on a virtual machine: with the two URIs inline (48
/// bytes) the rows were the second largest cost of a first import in a process, after the
/// text the taxonomy keeps. Full ESCO's rows name ~17,000 distinct URIs.
#[derive(Debug)]
struct RawRow {
    /// The line, which a file of up to `u32::MAX` lines has (`FileReader` refuses the rows
    /// beyond).
    line: u32,
    relevance: u32,
    ids: [u32; 2],
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
    /// The URIs the rows name, each once: a row's ids index this.
    uris: Vec<RawUri>,
    /// The ids of `uris`, by the URI's hash: 4 bytes an entry, the URIs staying in `uris`.
    ids: HashTable<u32>,
    hasher: foldhash::fast::RandomState,
    files: Vec<FileRows>,
}

impl RelationRows {
    fn new() -> Self {
        RelationRows {
            prefixes: Vec::new(),
            texts: Vec::new(),
            uris: Vec::new(),
            ids: HashTable::new(),
            hasher: foldhash::fast::RandomState::default(),
            files: Vec::new(),
        }
    }

    /// Room for `n` URIs, so that the table is not copied as it grows.
    fn reserve(&mut self, n: usize) {
        self.uris.reserve(n);
        let (uris, hasher) = (&self.uris, &self.hasher);
        self.ids.reserve(n, |&id| uri_at(uris, id).hash(hasher));
    }

    /// The id of `uri`, given now if it has none; `None` only past `u32::MAX` distinct URIs.
    fn id(&mut self, uri: RawUri) -> Option<u32> {
        let (uris, hasher) = (&mut self.uris, &self.hasher);
        let hash = uri.hash(hasher);
        let entry = self.ids.entry(
            hash,
            |&id| uri_at(uris, id) == uri,
            |&id| uri_at(uris, id).hash(hasher),
        );
        match entry {
            Entry::Occupied(found) => Some(*found.get()),
            Entry::Vacant(vacant) => {
                let id = u32::try_from(uris.len()).ok()?;
                uris.push(uri);
                vacant.insert(id);
                Some(id)
            }
        }
    }

    /// The URI of `id`.
    fn uri_of(&self, id: u32) -> RawUri {
        uri_at(&self.uris, id)
    }

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

/// The URI of id `id` of `uris` (ids are given by [`RelationRows::id`], so always there; an
/// id that is not names no concept).
fn uri_at(uris: &[RawUri], id: u32) -> RawUri {
    let missing = RawUri {
        prefix: TEXT,
        key: [u64::MAX, 0],
    };
    usize::try_from(id)
        .ok()
        .and_then(|i| uris.get(i))
        .copied()
        .unwrap_or(missing)
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
    let mut rows = RelationRows::new();
    while !stop.load(Ordering::Relaxed) {
        let taken = TAKE_ORDER.get(next.fetch_add(1, Ordering::Relaxed));
        let Some((order, &(file, kind, wanted))) = taken.and_then(|&i| Some((i, FILES.get(i)?)))
        else {
            break;
        };
        // Lenient here: the replay applies the caller's mode, in order.
        let mut problems = Problems::new(ImportMode::Lenient);
        let mut reading = FileReader::new(&mut rows, file, kind);
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
            .map(|p| (read.partition_point(|r| u64::from(r.line) < p.line), p))
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
