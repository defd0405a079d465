//! The relation files of an ESCO package: read apart from the concepts, resolved after them.
//!
//! Reading and splitting the four relation files (26 MB of the 40 MB package) needs no
//! concept; only resolving their URIs does. So [`read_rows`] can run in a second thread while
//! the concept files are read (see `import_esco`), and the thread that read the concepts then
//! joins in, the two taking the files one at a time (the largest first). It keeps each row as its line, its URIs
//! already split into prefix and UUID (`esco_uri_index`), and its relevance; the problems of
//! reading (missing file or column, a bad row) stay in line order among the rows. [`resolve`]
//! then replays everything in file order against the finished concept index and reports what
//! a sequential reading would, with the same texts, in the same order, stopping at the first
//! problem in strict mode.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::csv_table::{read_table, Width};
use super::{ImportMode, ImportProblem, ImportSource, Problems};
use crate::error::{Error, Result};
use crate::framework::{
    join_uuid, relation_order, sort_grouped, split_uuid, BroaderRelation, ConceptRef, EscoBuilder,
    OccupationSkill, Relevance, SkillSkillRelation, UuidKey, UuidLookup,
};

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
/// reads the concepts and then the smaller files.
const TAKE_ORDER: [usize; 4] = [2, 0, 1, 3];

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
        let mut read = Vec::new();
        let mut columns = [None; 3];
        // occupationSkillRelations.csv lists each occupation's rows together.
        let mut last_from: (String, Option<RawUri>) = (String::new(), None);
        read.reserve(if kind == Kind::OccupationSkill {
            130_000
        } else {
            0
        });
        let outcome = read_table(
            source,
            file,
            wanted,
            Width::Exact,
            &mut problems,
            |row, _| {
                if columns[0].is_none() {
                    columns = [row.column(0), row.column(1), row.column(2)];
                }
                let from_text = row.trimmed(0);
                let from = match &last_from {
                    (text, Some(uri)) if text == from_text => *uri,
                    _ => {
                        let uri = rows.uri(from_text);
                        last_from = (from_text.to_owned(), Some(uri));
                        uri
                    }
                };
                let (relevance, to) = if kind == Kind::Broader {
                    (NO_RELEVANCE, row.trimmed(1))
                } else {
                    (rows.relevance(row.trimmed(1)), row.trimmed(2))
                };
                read.push(RawRow::new(row.line, from, relevance, rows.uri(to)));
                Ok(())
            },
        );
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

/// Resolves raw URIs against the builder, remembering the last split URI per side.
struct Resolver<'a> {
    esco: &'a EscoBuilder,
    rows: &'a RelationRows,
    /// The builder's concepts of each prefix of `rows.prefixes`, by number, when indexed by
    /// UUID: found once, not by comparing the prefix text for each of ~180,000 URIs.
    uuids: Vec<Option<UuidLookup<'a>>>,
    last: [Option<(RawUri, ConceptRef)>; 2],
}

impl Resolver<'_> {
    /// The concept of `uri` (side 0: first URI column, 1: second), or `None` after reporting.
    fn resolve(
        &mut self,
        uri: RawUri,
        side: usize,
        at: (&str, u64, Option<u64>),
        problems: &mut Problems,
    ) -> Result<Option<ConceptRef>> {
        if let Some(Some((last, concept))) = self.last.get(side) {
            if *last == uri {
                return Ok(Some(*concept));
            }
        }
        let found = if uri.prefix == TEXT {
            self.esco.find(self.rows.stored(uri.key[0]))
        } else if let Some(Some(uuids)) = self.uuids.get(usize::from(uri.prefix)) {
            uuids.get(uri.key)
        } else {
            self.rows
                .prefixes
                .get(usize::from(uri.prefix))
                .and_then(|prefix| self.esco.find_split(prefix, uri.key))
        };
        match (found, self.last.get_mut(side)) {
            (Some(concept), Some(slot)) => *slot = Some((uri, concept)),
            (None, _) => {
                let (file, line, column) = at;
                let text = self.rows.uri_text(uri);
                if uri.prefix == TEXT {
                    // Not even of the form `<prefix>/<uuid>`: a malformed row.
                    problems.at(
                        file,
                        line,
                        column,
                        format!("'{text}' is not an ESCO concept URI; relation skipped"),
                    )?;
                } else {
                    // A well-formed URI the package does not define: the published ESCO
                    // v1.1.1 relations name one such occupation 68 times.
                    problems.warn(
                        file,
                        line,
                        column,
                        format!("unknown concept '{text}'; relation skipped"),
                    )?;
                }
            }
            (Some(_), None) => {}
        }
        Ok(found)
    }
}

/// Rows of one relation file to resolve (all of them, or one of the two halves the rows are
/// cut into so that two threads share the work), with the reading problems among them.
struct Piece<'r> {
    rows: &'r RelationRows,
    file: &'r FileRows,
    range: std::ops::Range<usize>,
    /// Whether the piece ends its file (then it also reports the problems after the last row).
    last: bool,
}

/// What resolving a [`Piece`] gave: its relations, and the problems met, in row order, to be
/// reported in the caller's mode.
struct Resolved {
    sinks: Sinks,
    problems: Vec<ImportProblem>,
    outcome: Result<()>,
}

/// Resolves what the readers ([`read_rows`]) read and adds the relations to `esco` (see the
/// module docs): the files in the order of [`FILES`], whichever reader read them.
///
/// The rows are cut in two halves, resolved on two threads where there are threads (~150,000
/// hash lookups, otherwise a serial step after the reading); each half collects its problems
/// leniently, and they are then reported here in row order, in the caller's mode, as a single
/// pass would report them.
pub(super) fn resolve(
    parts: &[&RelationRows],
    esco: &mut EscoBuilder,
    problems: &mut Problems,
) -> Result<()> {
    let mut files: Vec<(&RelationRows, &FileRows)> = (parts.iter())
        .flat_map(|&rows| rows.files.iter().map(move |f| (rows, f)))
        .collect();
    files.sort_by_key(|(_, f)| f.order);
    let half = files.iter().map(|(_, f)| f.rows.len()).sum::<usize>() / 2;
    // The pieces in order, the file that holds the middle row cut in two there; those before
    // the cut go to one thread, those after it to the other.
    let (mut pieces, mut cut_at, mut before) = (Vec::new(), None, 0);
    for (rows, file) in files {
        let (start, len) = (before, file.rows.len());
        before += len;
        let cut = half.saturating_sub(start);
        if cut > 0 && cut < len {
            pieces.push(Piece {
                rows,
                file,
                range: 0..cut,
                last: false,
            });
            cut_at = Some(pieces.len());
            pieces.push(Piece {
                rows,
                file,
                range: cut..len,
                last: true,
            });
        } else {
            if start >= half && cut_at.is_none() {
                cut_at = Some(pieces.len());
            }
            pieces.push(Piece {
                rows,
                file,
                range: 0..len,
                last: true,
            });
        }
    }
    let (first, second) = pieces.split_at(cut_at.unwrap_or(pieces.len()));
    let shared: &EscoBuilder = esco;
    let resolve_all = |pieces: &[Piece<'_>]| -> Vec<Resolved> {
        pieces
            .iter()
            .map(|piece| resolve_piece(piece, shared))
            .collect()
    };
    let (a, b) = super::esco::concurrently(|| resolve_all(first), || resolve_all(second));
    let mut sinks = Sinks {
        hierarchy: Vec::new(),
        occupation_skills: Vec::with_capacity(130_000),
        skill_skills: Vec::new(),
    };
    for resolved in a.into_iter().chain(b) {
        for problem in resolved.problems {
            problems.report(problem)?;
        }
        resolved.outcome?;
        sinks.hierarchy.extend(resolved.sinks.hierarchy);
        sinks
            .occupation_skills
            .extend(resolved.sinks.occupation_skills);
        sinks.skill_skills.extend(resolved.sinks.skill_skills);
    }
    esco.add_relations(sinks.hierarchy, sinks.occupation_skills, sinks.skill_skills);
    Ok(())
}

/// Resolves the rows of one piece (see [`resolve`]).
fn resolve_piece(piece: &Piece<'_>, esco: &EscoBuilder) -> Resolved {
    let mut problems = Problems::new(ImportMode::Lenient);
    let mut sinks = Sinks {
        hierarchy: Vec::new(),
        occupation_skills: Vec::with_capacity(if piece.file.kind == Kind::OccupationSkill {
            piece.range.len()
        } else {
            0
        }),
        skill_skills: Vec::new(),
    };
    let outcome = resolve_rows(piece, esco, &mut problems, &mut sinks);
    // Sorted here, on this piece's thread, the relations reach `EscoBuilder::finish` in
    // sorted runs, which its sorts only check or merge.
    sinks.hierarchy.sort();
    sort_grouped(&mut sinks.occupation_skills, |r| {
        relation_order(r.occupation, r.relevance, r.skill)
    });
    sort_grouped(&mut sinks.skill_skills, |r| {
        relation_order(r.from, r.relevance, r.to)
    });
    Resolved {
        sinks,
        problems: problems.finish(()).problems,
        outcome,
    }
}

fn resolve_rows(
    piece: &Piece<'_>,
    esco: &EscoBuilder,
    problems: &mut Problems,
    sinks: &mut Sinks,
) -> Result<()> {
    let (rows, f) = (piece.rows, piece.file);
    let mut resolver = Resolver {
        esco,
        rows,
        uuids: (rows.prefixes.iter())
            .map(|prefix| esco.uuids_under(prefix))
            .collect(),
        last: [None, None],
    };
    // The reading problems of this piece: those before its rows belong to the piece before.
    let (lo, hi) = (piece.range.start, piece.range.end);
    let mut pending = (f.problems.iter())
        .filter(|(at, _)| *at >= lo && (*at < hi || piece.last))
        .peekable();
    for (i, row) in f.rows.iter().enumerate().take(hi).skip(lo) {
        while let Some((_, problem)) = pending.next_if(|(at, _)| *at <= i) {
            problems.report(problem.clone())?;
        }
        let at = |c: usize| (f.file, row.line, f.columns[c]);
        let from = resolver.resolve(row.uri(0), 0, at(0), problems)?;
        let relevance = match row.relevance {
            NO_RELEVANCE => None,
            ESSENTIAL => Some(Relevance::Essential),
            OPTIONAL => Some(Relevance::Optional),
            other => {
                let text = rows.stored(u64::from(other - OTHER));
                let (file, line, column) = at(1);
                problems.at(
                    file,
                    line,
                    column,
                    format!("relationType '{text}' is not essential/optional; relation skipped"),
                )?;
                None
            }
        };
        let to_column = if f.kind == Kind::Broader { 1 } else { 2 };
        let to = resolver.resolve(row.uri(1), 1, at(to_column), problems)?;
        add(
            f.kind,
            from,
            relevance,
            to,
            (f.file, row.line),
            problems,
            sinks,
        )?;
    }
    for (_, problem) in pending {
        problems.report(problem.clone())?;
    }
    Ok(())
}

struct Sinks {
    hierarchy: Vec<BroaderRelation>,
    occupation_skills: Vec<OccupationSkill>,
    skill_skills: Vec<SkillSkillRelation>,
}

/// Adds one resolved row, or reports why its concepts cannot be related.
fn add(
    kind: Kind,
    from: Option<ConceptRef>,
    relevance: Option<Relevance>,
    to: Option<ConceptRef>,
    (file, line): (&str, u64),
    problems: &mut Problems,
    sinks: &mut Sinks,
) -> Result<()> {
    match (kind, from, relevance, to) {
        (Kind::Broader, Some(narrower), _, Some(broader)) => {
            sinks.hierarchy.push(BroaderRelation { narrower, broader });
        }
        (
            Kind::OccupationSkill,
            Some(ConceptRef::Occupation(occupation)),
            Some(relevance),
            Some(ConceptRef::Skill(skill)),
        ) => sinks.occupation_skills.push(OccupationSkill {
            occupation,
            relevance,
            skill,
        }),
        (Kind::OccupationSkill, Some(_), Some(_), Some(_)) => problems.at(
            file,
            line,
            None,
            "occupationUri is not an occupation or skillUri not a skill; relation skipped",
        )?,
        (
            Kind::SkillSkill,
            Some(ConceptRef::Skill(from)),
            Some(relevance),
            Some(ConceptRef::Skill(to)),
        ) => sinks.skill_skills.push(SkillSkillRelation {
            from,
            relevance,
            to,
        }),
        (Kind::SkillSkill, Some(_), Some(_), Some(_)) => problems.at(
            file,
            line,
            None,
            "a related concept is not a skill; relation skipped",
        )?,
        _ => {}
    }
    Ok(())
}
