//! Reading one relation file into [`RawRow`]s: most rows by position, the rest as fields.
//!
//! A relation row of full ESCO is ~170 bytes: two URIs of a known prefix and a UUID, a
//! relation type and a concept type. Splitting it at its commas, building its field list and
//! then splitting each URI again cost ~900 instructions a row (~150,000 rows). Read by
//! position instead ([`Sink::plain`]), a URI is checked where it must be: the prefix that the
//! previous URI of its column had, compared in place, then the UUID, then the comma or
//! terminator right after it; only a column the import does not use is searched for its end.
//! Any row that does not have exactly that shape (another prefix, a URI of another form, an
//! unknown relation type, a short row, a quote, the last row of a file without a final
//! terminator, …) is declined and read as fields ([`Sink::row`]), which decides everything as
//! before: the position reading takes only rows it would read the same way.

use super::{Kind, RawRow, RawUri, RelationRows, ESSENTIAL, NO_RELEVANCE, OPTIONAL};
use crate::error::Result;
use crate::framework::uuid_key;
use crate::import::csv_table::{Row, Sink};
use crate::import::Problems;

/// What a column of a relation file is to the import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Not used (a concept type).
    Other,
    /// The URI of the concept the relation starts from (wanted column 0).
    From,
    /// `relationType`.
    Relevance,
    /// The URI of the concept the relation goes to.
    To,
}

/// Reads the rows of one relation file (see the module documentation).
pub(super) struct FileReader<'r> {
    rows: &'r mut RelationRows,
    file: &'r str,
    kind: Kind,
    /// Whether rows may be read by position ([`Sink::plain`]); the tests turn it off to
    /// compare the two ways.
    by_position: bool,
    pub(super) read: Vec<RawRow>,
    /// 1-based CSV column of each wanted column (for problems).
    pub(super) columns: [Option<u64>; 3],
    /// The last `From` URI, as text and as its id: the files list each concept's rows
    /// together.
    last_from: (String, Option<u32>),
    /// Whether `last_from` was read by position: then its text holds no comma, quote or
    /// terminator, and a record that starts with it and a comma starts with that URI.
    last_plain: bool,
    /// The prefix number of the last URI of the `From` and the `To` column, when it holds no
    /// comma or terminator: the prefix a URI of that column is first read with by position.
    hints: [Option<u8>; 2],
    /// The role of each column, once the header is known.
    roles: Vec<Role>,
    /// The text of the last row read field by field by position, from its start to the UUID
    /// of its `To` URI, when that is the last column (else empty), and what it held: the
    /// `From` URI, the relevance and the `To` prefix. A row that starts with the same text has
    /// the same fields up to that UUID: ~90% of the occupation → skill rows repeat the
    /// occupation, relation type and skill type of the row before, and then only the UUID is
    /// read.
    lead: String,
    lead_row: (u32, u32, u8),
    /// The rows read by position (the tests check that the shape of ESCO's files is taken).
    #[cfg(test)]
    taken: usize,
}

impl<'r> FileReader<'r> {
    pub(super) fn new(rows: &'r mut RelationRows, file: &'r str, kind: Kind) -> Self {
        let mut read = Vec::new();
        if kind == Kind::OccupationSkill {
            // Full ESCO: ~124,000 rows naming ~17,000 URIs. Reserved, the lists are not copied
            // as they grow.
            read.reserve(130_000);
            rows.reserve(1 << 14);
        }
        FileReader {
            rows,
            file,
            kind,
            by_position: true,
            read,
            columns: [None; 3],
            last_from: (String::new(), None),
            last_plain: false,
            hints: [None; 2],
            roles: Vec::new(),
            lead: String::new(),
            lead_row: (0, NO_RELEVANCE, super::TEXT),
            #[cfg(test)]
            taken: 0,
        }
    }

    /// Reads every row as fields (the tests compare it with the reading by position).
    #[cfg(test)]
    pub(super) fn by_fields(mut self) -> Self {
        self.by_position = false;
        self
    }

    /// The columns' roles from the positions of the wanted columns; none (no reading by
    /// position) when two wanted columns share one.
    fn set_roles(&mut self, columns: &[usize], width: usize) {
        let wanted: &[Role] = if self.kind == Kind::Broader {
            &[Role::From, Role::To]
        } else {
            &[Role::From, Role::Relevance, Role::To]
        };
        let mut roles = vec![Role::Other; width];
        for (&c, &role) in columns.iter().zip(wanted) {
            match roles.get_mut(c) {
                Some(slot @ Role::Other) => *slot = role,
                _ => return,
            }
        }
        self.roles = roles;
    }

    /// The hint for a URI just split in the `side` column: its prefix, when that holds no byte
    /// that ends an unquoted field.
    fn hint(&mut self, side: usize, uri: RawUri) {
        let Some(slot) = self.hints.get_mut(side) else {
            return;
        };
        if *slot == Some(uri.prefix) {
            return;
        }
        let prefix = self.rows.prefixes.get(usize::from(uri.prefix));
        *slot = prefix
            .filter(|p| !p.bytes().any(|b| matches!(b, b',' | b'\r' | b'\n' | b'"')))
            .map(|_| uri.prefix);
    }

    /// Keeps a row read by position; `None` (the row declined) when its `To` URI can have no
    /// id.
    #[inline]
    fn push(&mut self, line: u64, from: u32, relevance: u32, to: RawUri) -> Option<()> {
        let line = u32::try_from(line).ok()?;
        let ids = [from, self.rows.id(to)?];
        self.read.push(RawRow {
            line,
            relevance,
            ids,
        });
        #[cfg(test)]
        {
            self.taken += 1;
        }
        Some(())
    }

    /// The URI at `at` of `bytes` when it is the prefix `hint` and a UUID: the URI and where it
    /// ends. Inlined: a call per URI made `plain` keep its state on the stack.
    #[allow(clippy::inline_always)]
    #[inline(always)]
    fn uri_at(&self, bytes: &[u8], at: usize, hint: Option<u8>) -> Option<(RawUri, usize)> {
        let prefix = hint?;
        let text = self.rows.prefixes.get(usize::from(prefix))?.as_bytes();
        let id_at = at + text.len();
        if bytes.get(at..id_at)? != text {
            return None;
        }
        let id = <&[u8; 36]>::try_from(bytes.get(id_at..id_at + 36)?).ok()?;
        Some((
            RawUri {
                prefix,
                key: uuid_key(id)?,
            },
            id_at + 36,
        ))
    }
}

impl Sink for FileReader<'_> {
    const PLAIN: bool = true;

    fn plain(&mut self, columns: &[usize], width: usize, line: u64, rest: &str) -> Option<usize> {
        if !self.by_position {
            return None;
        }
        if self.roles.len() != width {
            self.set_roles(columns, width);
        }
        let bytes = rest.as_bytes();
        if !self.lead.is_empty() && bytes.starts_with(self.lead.as_bytes()) {
            let id_at = self.lead.len();
            let id = <&[u8; 36]>::try_from(bytes.get(id_at..id_at + 36)?).ok()?;
            let key = uuid_key(id)?;
            if !matches!(bytes.get(id_at + 36)?, b'\r' | b'\n') {
                return None;
            }
            let (from, relevance, prefix) = self.lead_row;
            self.push(line, from, relevance, RawUri { prefix, key })?;
            return Some(id_at + 36);
        }

        let (mut at, mut from, mut to, mut relevance) = (0, None, None, NO_RELEVANCE);
        // Where the `From` URI lies when it is not the last one.
        let mut new_from = None;
        // Where the UUID of the `To` URI starts, when it is the last column.
        let mut lead = None;
        let last = self.roles.len().checked_sub(1)?;
        for (c, &role) in self.roles.iter().enumerate() {
            let end = match role {
                Role::Other => stop_at(bytes, at)?,
                Role::From => {
                    let known = self.last_from.0.as_bytes();
                    if self.last_plain && bytes.get(at..)?.starts_with(known) {
                        from = self.last_from.1;
                        at + known.len()
                    } else {
                        let (uri, end) = self.uri_at(bytes, at, self.hints[0])?;
                        new_from = Some((uri, at..end));
                        end
                    }
                }
                Role::Relevance => {
                    let field = bytes.get(at..)?;
                    if field.starts_with(b"essential") {
                        relevance = ESSENTIAL;
                        at + "essential".len()
                    } else if field.starts_with(b"optional") {
                        relevance = OPTIONAL;
                        at + "optional".len()
                    } else {
                        return None;
                    }
                }
                Role::To => {
                    let (uri, end) = self.uri_at(bytes, at, self.hints[1])?;
                    to = Some(uri);
                    lead = (c == last).then_some(end - 36);
                    end
                }
            };
            // The field must end right there: at a comma, or at the terminator after the last.
            match (bytes.get(end)?, c == last) {
                (b',', false) | (b'\r' | b'\n', true) => at = end + 1,
                _ => return None,
            }
        }
        let to = to?;
        // The ids are given only to the URIs of rows taken, as the reading by fields would.
        let from = match new_from {
            Some((uri, range)) => {
                let (id, text) = (self.rows.id(uri)?, rest.get(range)?);
                self.last_from.0.clear();
                self.last_from.0.push_str(text);
                (self.last_from.1, self.last_plain) = (Some(id), true);
                id
            }
            None => from?,
        };
        self.lead.clear();
        if let Some(text) = lead.and_then(|end| rest.get(..end)) {
            self.lead.push_str(text);
            self.lead_row = (from, relevance, to.prefix);
        }
        if self.columns[0].is_none() {
            self.columns = [0, 1, 2].map(|i| columns.get(i).map(|&c| c as u64 + 1));
        }
        self.push(line, from, relevance, to)?;
        Some(at - 1)
    }

    fn row(&mut self, row: &Row<'_>, problems: &mut Problems) -> Result<()> {
        if self.columns[0].is_none() {
            self.columns = [row.column(0), row.column(1), row.column(2)];
        }
        // This row ends the run of rows the lead stands for: the next row read by position
        // starts afresh, and so sets `last_from` from its own `From` URI (a row taken by the
        // lead leaves `last_from` as it is, which is right only after a row of that run).
        self.lead.clear();
        let from_text = row.trimmed(0);
        let from = match &self.last_from {
            (text, Some(id)) if text == from_text => Some(*id),
            _ => {
                let uri = self.rows.uri(from_text);
                if uri.prefix != super::TEXT {
                    self.hint(0, uri);
                }
                let id = self.rows.id(uri);
                self.last_from = (from_text.to_owned(), id);
                self.last_plain = false;
                id
            }
        };
        let (relevance, to) = if self.kind == Kind::Broader {
            (NO_RELEVANCE, row.trimmed(1))
        } else {
            (self.rows.relevance(row.trimmed(1)), row.trimmed(2))
        };
        let to = self.rows.uri(to);
        if to.prefix != super::TEXT {
            self.hint(1, to);
        }
        let (Some(from), Some(to), Ok(line)) = (from, self.rows.id(to), u32::try_from(row.line))
        else {
            let reason = "beyond line 2^32, or beyond 2^32 distinct URIs; row skipped";
            return row.problem(problems, self.file, 0, reason.to_owned());
        };
        self.read.push(RawRow {
            line,
            relevance,
            ids: [from, to],
        });
        Ok(())
    }
}

/// `n` copies of a byte in a `u64`.
const fn lanes(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

/// The position of the first `,`, `\r` or `\n` of `bytes` at or after `at`.
///
/// Eight bytes at a time (SWAR): the unused columns (a concept type such as `knowledge`) are
/// 9-16 bytes long, where a `memchr3` call cost ~90 instructions, most of them its set-up.
fn stop_at(bytes: &[u8], mut at: usize) -> Option<usize> {
    // The high bit of each byte of `v` that is zero; exact for the lowest such byte (a borrow
    // can only mark bytes above it), which is the one taken.
    let zero = |v: u64| v.wrapping_sub(lanes(1)) & !v & lanes(0x80);
    while let Some(word) = bytes.get(at..at + 8) {
        let x = u64::from_le_bytes(<[u8; 8]>::try_from(word).ok()?);
        let hits = zero(x ^ lanes(b',')) | zero(x ^ lanes(b'\r')) | zero(x ^ lanes(b'\n'));
        if hits != 0 {
            return Some(at + (hits.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let tail = bytes.get(at..)?;
    let hit = tail
        .iter()
        .position(|b| matches!(b, b',' | b'\r' | b'\n'))?;
    Some(at + hit)
}

#[cfg(test)]
#[path = "esco_relation_rows_tests.rs"]
mod tests;
