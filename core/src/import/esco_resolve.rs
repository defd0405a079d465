//! Resolving the relation rows read by [`read_rows`](super::read_rows) against the finished
//! concept index, in two halves on two threads, and reporting their problems in row order.
//!
//! Each distinct URI is looked up once ([`concept_tables`]); a row then takes its concepts
//! from that table by the ids its URIs were given when read.

use super::{FileRows, Kind, RelationRows, ESSENTIAL, NO_RELEVANCE, OPTIONAL, OTHER, TEXT};
use crate::error::Result;
use crate::framework::{
    append, relation_order, sort_grouped, BroaderRelation, ConceptRef, EscoBuilder,
    OccupationSkill, Relevance, SkillSkillRelation, UuidLookup,
};
use crate::import::esco::Threads;
use crate::import::{ImportMode, ImportProblem, Problems};

/// The concepts of the URIs `ids` of `rows` (see [`RelationRows::uris`]), `None` where none.
fn concepts_of(
    rows: &RelationRows,
    esco: &EscoBuilder,
    ids: std::ops::Range<usize>,
) -> Vec<Option<ConceptRef>> {
    // The builder's concepts of each prefix of `rows.prefixes`, by number, when indexed by
    // UUID: found once, not by comparing the prefix text for each URI.
    let uuids: Vec<Option<UuidLookup<'_>>> = (rows.prefixes.iter())
        .map(|prefix| esco.uuids_under(prefix))
        .collect();
    let uris = rows.uris.get(ids).unwrap_or_default();
    (uris.iter())
        .map(|uri| {
            if uri.prefix == TEXT {
                esco.find(rows.stored(uri.key[0]))
            } else if let Some(Some(uuids)) = uuids.get(usize::from(uri.prefix)) {
                uuids.get(uri.key)
            } else {
                (rows.prefixes.get(usize::from(uri.prefix)))
                    .and_then(|prefix| esco.find_split(prefix, uri.key))
            }
        })
        .collect()
}

/// The concept of every URI of each of `parts`, by id: each URI looked up once (full ESCO's
/// ~150,000 rows name ~17,000), half of them on each thread with [`Threads::Two`].
fn concept_tables(
    parts: &[&RelationRows],
    esco: &EscoBuilder,
    threads: Threads,
) -> Vec<Vec<Option<ConceptRef>>> {
    let half = |second: bool| -> Vec<Vec<Option<ConceptRef>>> {
        (parts.iter())
            .map(|rows| {
                let (n, mid) = (rows.uris.len(), rows.uris.len() / 2);
                concepts_of(rows, esco, if second { mid..n } else { 0..mid })
            })
            .collect()
    };
    let (first, second) = threads.run(|| half(false), || half(true));
    (first.into_iter().zip(second))
        .map(|(mut table, rest)| {
            table.extend(rest);
            table
        })
        .collect()
}

/// Reports that the URI `id` of `rows` names no concept.
#[inline(never)]
fn report_unknown(
    rows: &RelationRows,
    id: u32,
    (file, line, column): (&str, u64, Option<u64>),
    problems: &mut Problems,
) -> Result<()> {
    let uri = rows.uri_of(id);
    let text = rows.uri_text(uri);
    if uri.prefix == TEXT {
        // Not even of the form `<prefix>/<uuid>`: a malformed row.
        problems.at(
            file,
            line,
            column,
            format!("'{text}' is not an ESCO concept URI; relation skipped"),
        )
    } else {
        // A well-formed URI the package does not define: the published ESCO v1.1.1 relations
        // name one such occupation 68 times.
        problems.warn(
            file,
            line,
            column,
            format!("unknown concept '{text}'; relation skipped"),
        )
    }
}

/// Rows of one relation file to resolve (all of them, or one of the two halves the rows are
/// cut into so that two threads share the work), with the reading problems among them.
struct Piece<'r> {
    rows: &'r RelationRows,
    /// The concept of each URI id of `rows` (see [`concept_tables`]).
    concepts: &'r [Option<ConceptRef>],
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

/// Resolves what the readers ([`read_rows`](super::read_rows)) read and adds the relations to `esco` (see the
/// module docs): the files in the order of [`FILES`](super::FILES), whichever reader read them.
///
/// The rows are cut in two halves, resolved on two threads with [`Threads::Two`] (~150,000
/// rows, otherwise a serial step after the reading); each half collects its problems
/// leniently, and they are then reported here in row order, in the caller's mode, as a single
/// pass would report them.
pub(in crate::import) fn resolve(
    parts: &[&RelationRows],
    esco: &mut EscoBuilder,
    problems: &mut Problems,
    threads: Threads,
) -> Result<()> {
    let tables = concept_tables(parts, esco, threads);
    let mut files: Vec<(&RelationRows, &[Option<ConceptRef>], &FileRows)> = (parts.iter())
        .zip(&tables)
        .flat_map(|(&rows, table)| rows.files.iter().map(move |f| (rows, &table[..], f)))
        .collect();
    files.sort_by_key(|(_, _, f)| f.order);
    let total = files.iter().map(|(_, _, f)| f.rows.len()).sum::<usize>();
    // The calling thread, which takes the first part, goes on alone with the joining of the
    // pieces, and its part holds the broader files, whose relations need a full sort (about
    // 1.7 times the time of an occupation → skill row each): so it takes fewer rows than the
    // other. Measured on full ESCO: with 7/16 of the rows, the two threads end about together.
    let half = total / 16 * 7;
    // The pieces in order, the file that holds the row at `half` cut in two there; those
    // before the cut go to one thread, those after it to the other.
    let (mut pieces, mut cut_at, mut before) = (Vec::new(), None, 0);
    for (rows, concepts, file) in files {
        let (start, len) = (before, file.rows.len());
        before += len;
        let mut cut = half.saturating_sub(start);
        // At the start of a concept's rows, not inside them: then the pieces, each sorted,
        // are sorted together too (the files list the concepts in URI order), and
        // `EscoBuilder::finish` only checks them.
        let from = |i: usize| file.rows.get(i).map(|row| row.ids[0]);
        while cut > 0 && cut < len && from(cut) == from(cut - 1) {
            cut += 1;
        }
        if cut > 0 && cut < len {
            pieces.push(Piece {
                rows,
                concepts,
                file,
                range: 0..cut,
                last: false,
            });
            cut_at = Some(pieces.len());
            pieces.push(Piece {
                rows,
                concepts,
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
                concepts,
                file,
                range: 0..len,
                last: true,
            });
        }
    }
    let (first, second) = pieces.split_at(cut_at.unwrap_or(pieces.len()));
    let resolve_all =
        |pieces: &[Piece<'_>]| -> Vec<Resolved> { pieces.iter().map(resolve_piece).collect() };
    let (a, b) = threads.run(|| resolve_all(first), || resolve_all(second));
    let mut sinks = Sinks {
        hierarchy: Vec::new(),
        occupation_skills: Vec::new(),
        skill_skills: Vec::new(),
    };
    for resolved in a.into_iter().chain(b) {
        for problem in resolved.problems {
            problems.report(problem)?;
        }
        resolved.outcome?;
        append(&mut sinks.hierarchy, resolved.sinks.hierarchy);
        append(
            &mut sinks.occupation_skills,
            resolved.sinks.occupation_skills,
        );
        append(&mut sinks.skill_skills, resolved.sinks.skill_skills);
    }
    esco.add_relations(sinks.hierarchy, sinks.occupation_skills, sinks.skill_skills);
    Ok(())
}

/// Resolves the rows of one piece (see [`resolve`]).
fn resolve_piece(piece: &Piece<'_>) -> Resolved {
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
    let outcome = resolve_rows(piece, &mut problems, &mut sinks);
    // Sorted here, on this piece's thread, the relations reach `EscoBuilder::finish` in
    // sorted runs, which its sorts only check or merge.
    sort_hierarchy(&mut sinks.hierarchy);
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

fn resolve_rows(piece: &Piece<'_>, problems: &mut Problems, sinks: &mut Sinks) -> Result<()> {
    let (rows, f) = (piece.rows, piece.file);
    let concept = |id: u32, at: (&str, u64, Option<u64>), problems: &mut Problems| {
        let found = usize::try_from(id)
            .ok()
            .and_then(|i| piece.concepts.get(i).copied().flatten());
        if found.is_none() {
            report_unknown(rows, id, at, problems)?;
        }
        Ok::<_, crate::error::Error>(found)
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
        let line = u64::from(row.line);
        let at = |c: usize| (f.file, line, f.columns[c]);
        let from = concept(row.ids[0], at(0), problems)?;
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
        let to = concept(row.ids[1], at(to_column), problems)?;
        add(f.kind, from, relevance, to, (f.file, line), problems, sinks)?;
    }
    for (_, problem) in pending {
        problems.report(problem.clone())?;
    }
    Ok(())
}

/// Sorts broader relations as `sort` does, as one `u64` per relation when every index fits in
/// 30 bits (always, in practice): the skills pillar lists its ~20,000 relations out of order,
/// and comparing two pairs of enums was most of the ~9M instructions of that sort. The key
/// holds the whole relation, so the relations are read back from the sorted keys.
fn sort_hierarchy(relations: &mut [BroaderRelation]) {
    const INDEX: u64 = (1 << 30) - 1;
    /// The variant (in declaration order, as the derived `Ord`) above the index.
    fn key(c: ConceptRef) -> Option<u64> {
        let (variant, i) = match c {
            ConceptRef::Skill(i) => (0, i),
            ConceptRef::SkillGroup(i) => (1, i),
            ConceptRef::Occupation(i) => (2, i),
            ConceptRef::IscoGroup(i) => (3, i),
        };
        (u64::from(i) <= INDEX).then_some(variant << 30 | u64::from(i))
    }
    fn concept(key: u64) -> ConceptRef {
        // The index fits in 30 bits, so in a `u32`.
        let i = u32::try_from(key & INDEX).unwrap_or(u32::MAX);
        match key >> 30 & 3 {
            0 => ConceptRef::Skill(i),
            1 => ConceptRef::SkillGroup(i),
            2 => ConceptRef::Occupation(i),
            _ => ConceptRef::IscoGroup(i),
        }
    }
    let keys: Option<Vec<u64>> = (relations.iter())
        .map(|r| Some(key(r.narrower)? << 32 | key(r.broader)?))
        .collect();
    let Some(mut keys) = keys else {
        relations.sort();
        return;
    };
    keys.sort_unstable();
    for (r, key) in relations.iter_mut().zip(keys) {
        *r = BroaderRelation {
            narrower: concept(key >> 32),
            broader: concept(key),
        };
    }
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
