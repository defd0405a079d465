//! The CSV record reader behind [`read_table`](super::csv_table::read_table): it reads exactly
//! what the `csv` crate reads (default `ReaderBuilder`, `has_headers(false)`, `flexible(true)`),
//! several times faster.
//!
//! Why not the `csv` crate: importing full ESCO spends most of its time in it. Its state machine
//! looks at every byte and copies every field into a record buffer, then validates each record
//! as UTF-8, although the bytes are in memory (a whole file or a chunk of it) and almost every
//! field can be a borrowed slice of them. This reader jumps with `memchr` instead:
//!
//! - a record is found by searching its terminator; when the next `"` of the file lies beyond
//!   it, the record is split at its commas directly;
//! - only a record with a `"` is walked field by field, jumping to each closing quote;
//! - fields borrow the bytes; only a field that must be rebuilt (an escaped `""`, or bytes after
//!   the closing quote) is an owned copy;
//! - the bytes are checked as UTF-8 once; fields are then cut out of the `&str` (commas,
//!   quotes and terminators are ASCII, so every cut falls on a character boundary).
//!
//! The `csv_core` rules reproduced: a UTF-8 byte order mark at the start of the file is
//! skipped; a field is quoted only when `"` is its first byte; inside quotes `""` is one `"`,
//! and commas, `\r` and `\n` are data; bytes after a closing quote, up to the next comma or
//! terminator, are appended literally (`"ab"cd` is `abcd`); a `"` inside an unquoted field is
//! data; `\r`, `\n` and `\r\n` each end a record, and blank lines are skipped.
//!
//! Why not a simdcsv-style splitter (a bitmask of the stops of every 64-byte block, stops
//! taken with `trailing_zeros`): measured on full ESCO (commit 94e70f4, reverted), with the
//! only safe SIMD on stable without run-time dispatch (16-byte SSE2 via the `wide` crate), it
//! cost as many instructions as these `memchr` searches (AVX2, 32 bytes a step): the fields
//! are 40-80 bytes long, and most of a record's cost is the per-field work after the search.
//!
//! One deliberate difference: a quoted field still open at the end of the file, which the
//! `csv` crate silently accepts (gluing the rest of a truncated file into one field), is
//! reported as [`Outcome::Unclosed`] from the parser state.
//!
//! Line numbers are those the `csv` crate gives (its positions, fixed for CRLF as the importers
//! always did): see [`Reader::next_record`].

use std::borrow::Cow;

use memchr::{memchr, memchr2_iter, memchr3, memchr3_iter};

/// What a record holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The fields were read.
    Fields,
    /// Field `0`-based `n` is not valid UTF-8 (the first such field, as the `csv` crate reports).
    NotUtf8(usize),
    /// A quoted field is still open at the end of the file: the record is truncated.
    Unclosed,
}

/// One record: its line and what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Record {
    /// 1-based line where the record starts.
    pub(crate) line: u64,
    pub(crate) outcome: Outcome,
}

/// Reads the records of a CSV file held in memory, whole or one chunk at a time.
///
/// A chunk that is not the last one ([`Reader::chunk`]) may end inside a record. The reader
/// then stops before that record, as if the bytes ended there: [`Reader::consumed`] tells
/// the caller which bytes to keep, and the next chunk, starting with them, reads the record
/// again whole. A record is complete only when its terminator lies inside the chunk, so a
/// chunk boundary anywhere (inside a quoted field, between the two quotes of `""`, inside a
/// character, between `\r` and `\n`) changes nothing.
pub(crate) struct Reader<'a> {
    /// The chunk, without the file's byte order mark.
    bytes: &'a [u8],
    /// The length of the byte order mark skipped at the start of `bytes`.
    skipped: usize,
    /// The longest prefix of `bytes` that is valid UTF-8 (all of it, in a sound file):
    /// fields inside it are cut out as text without checking them again.
    text: &'a str,
    /// Where the previous record's first terminator byte ended.
    pos: usize,
    /// The `\n` bytes before `pos` (those inside quoted fields included), counted from the
    /// start of the file.
    newlines: u64,
    /// The position of the first `"` at or after `pos` (or the file length): records that end
    /// before it need no quote handling, and one search serves many records.
    next_quote: usize,
    /// Whether the chunk reaches the end of the file.
    last: bool,
    /// Whether the last record read ended at a terminator (not at the end of the bytes).
    terminated: bool,
    /// Whether the chunk comes after the start of the file.
    later: bool,
    /// Finds the commas and terminators of records without quotes.
    stops: Stops,
}

/// A search for the next `,`, `\r` or `\n`, set up once per reader: the plain
/// `memchr3` sets its search up again on each call, and it is called for every field (the
/// set-up was a third of the search's instructions on the ESCO relation files).
#[derive(Clone, Copy)]
enum Stops {
    #[cfg(target_arch = "x86_64")]
    Avx2(memchr::arch::x86_64::avx2::memchr::Three),
    Portable,
}

impl Stops {
    fn new() -> Self {
        #[cfg(target_arch = "x86_64")]
        if let Some(three) = memchr::arch::x86_64::avx2::memchr::Three::new(b',', b'\r', b'\n') {
            return Stops::Avx2(three);
        }
        Stops::Portable
    }

    /// The position of the first stop in `haystack`.
    fn find(&self, haystack: &[u8]) -> Option<usize> {
        match self {
            #[cfg(target_arch = "x86_64")]
            Stops::Avx2(three) => three.find(haystack),
            Stops::Portable => memchr3(b',', b'\r', b'\n', haystack),
        }
    }
}

/// Where a chunk starts in its file: what [`Reader::chunk`] needs to go on reading.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Resume {
    /// Whether the chunk comes after the start of the file (a byte order mark is skipped only
    /// at the start).
    pub(crate) later: bool,
    /// The `\n` bytes of the file before the chunk.
    pub(crate) newlines: u64,
}

impl<'a> Reader<'a> {
    /// Reads a whole file.
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Reader::chunk(bytes, Resume::default(), true)
    }

    /// Reads a chunk of a file: `from` places it in the file, `last` says whether the file
    /// ends with it.
    pub(crate) fn chunk(bytes: &'a [u8], from: Resume, last: bool) -> Self {
        // `csv_core` skips a byte order mark at the very start (and nowhere else).
        let without_mark = (!from.later)
            .then(|| bytes.strip_prefix(b"\xef\xbb\xbf"))
            .flatten();
        let skipped = bytes.len() - without_mark.map_or(bytes.len(), <[u8]>::len);
        let bytes = without_mark.unwrap_or(bytes);
        // `simdutf8` (SIMD, run-time dispatch) checks a chunk about three times as fast as
        // `std::str::from_utf8`, which was a twentieth of an ESCO import's instructions.
        let text = match simdutf8::compat::from_utf8(bytes) {
            Ok(text) => text,
            // The prefix before the first bad byte is valid by definition.
            Err(e) => simdutf8::basic::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(),
        };
        Reader {
            bytes,
            skipped,
            text,
            pos: 0,
            newlines: from.newlines,
            next_quote: memchr(b'"', bytes).unwrap_or(bytes.len()),
            last,
            terminated: false,
            later: from.later,
            stops: Stops::new(),
        }
    }

    /// How many bytes of the chunk the records read so far took (with the byte order mark):
    /// the next chunk starts with the rest.
    pub(crate) fn consumed(&self) -> usize {
        self.skipped + self.pos
    }

    /// Where the next chunk starts (after [`Reader::consumed`] bytes of this one). While
    /// nothing is consumed it still starts the file: a first chunk too short to hold the
    /// whole byte order mark is read again, longer, as the start.
    pub(crate) fn resume(&self) -> Resume {
        Resume {
            later: self.later || self.consumed() > 0,
            newlines: self.newlines,
        }
    }

    /// Reads the next record into `fields` (cleared first); `None` at the end of the file, or
    /// of a chunk that is not the last (see [`Reader::consumed`]).
    ///
    /// The line is the one the `csv` crate gives for the record's position: 1 + the `\n` bytes
    /// before the point where the previous record's first terminator byte ended, + 1 when the
    /// byte there is `\n` (the crate records the start of a record after CRLF at the `\n`,
    /// not yet counted). A record after blank lines therefore has the line of the first blank.
    pub(crate) fn next_record(&mut self, fields: &mut Vec<Cow<'a, str>>) -> Option<Record> {
        let before = (self.pos, self.newlines);
        let record = self.read_record(fields);
        // In a chunk that is not the last, a record is complete only when its terminator lies
        // inside the chunk; otherwise it is read again, whole, from the next chunk.
        let complete =
            self.last || record.is_some_and(|r| r.outcome != Outcome::Unclosed && self.terminated);
        if complete {
            record
        } else {
            (self.pos, self.newlines) = before;
            fields.clear();
            None
        }
    }

    /// Offers the next record to `take` whole, as text, when no quote of the chunk lies ahead
    /// of it: `take` gets the record's line and the text from its start up to the next `"` of
    /// the chunk (or its end, or its first byte that is not UTF-8), and, when it read the
    /// record itself, returns the position of the record's terminator (`\r` or `\n`) in that
    /// text. Returns whether the record was taken; when not, nothing is consumed and
    /// [`Reader::next_record`] reads it.
    ///
    /// Why: a caller that knows the shape of its records (the ESCO relation files: URIs of a
    /// known prefix and a UUID) reads them by position, without searching every field's end
    /// and building a field list; the rows it cannot read that way (and `take` must decline
    /// any record that does not end with a terminator inside the text) go the general way.
    pub(crate) fn take_plain(&mut self, take: impl FnOnce(u64, &'a str) -> Option<usize>) -> bool {
        let bytes = self.bytes;
        let line = 1 + self.newlines + u64::from(bytes.get(self.pos) == Some(&b'\n'));
        let (mut start, mut newlines) = (self.pos, self.newlines);
        while let Some(&b) = bytes.get(start) {
            match b {
                b'\n' => newlines += 1,
                b'\r' => {}
                _ => break,
            }
            start += 1;
        }
        if self.next_quote < start {
            self.next_quote = memchr(b'"', bytes.get(start..).unwrap_or_default())
                .map_or(bytes.len(), |i| start + i);
        }
        let text = self.text;
        let Some(rest) = text.get(start..self.next_quote.min(text.len())) else {
            return false;
        };
        let Some(end) = take(line, rest) else {
            return false;
        };
        debug_assert!(matches!(rest.as_bytes().get(end), Some(b'\r' | b'\n')));
        self.newlines = newlines;
        self.end_record_at(start + end);
        true
    }

    fn read_record(&mut self, fields: &mut Vec<Cow<'a, str>>) -> Option<Record> {
        let bytes = self.bytes;
        let line = 1 + self.newlines + u64::from(bytes.get(self.pos) == Some(&b'\n'));
        let mut start = self.pos;
        while let Some(&b) = bytes.get(start) {
            match b {
                b'\n' => self.newlines += 1,
                b'\r' => {}
                _ => break,
            }
            start += 1;
        }
        if start >= bytes.len() {
            self.pos = bytes.len();
            return None;
        }
        fields.clear();
        if self.next_quote < start {
            self.next_quote = memchr(b'"', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        }
        let outcome = self.split_plain(start, fields);
        Some(Record { line, outcome })
    }

    /// Splits the record at `start` in one pass: its commas and its terminator are found by
    /// one search, up to the next quote of the file. A record that reaches that quote is
    /// walked on from the field that holds it, with quote handling ([`Self::split_quoted`]).
    ///
    /// Why one pass: searching the terminator first, then the commas, read every byte twice
    /// and paid a search call per field on top.
    fn split_plain(&mut self, start: usize, fields: &mut Vec<Cow<'a, str>>) -> Outcome {
        let bytes = self.bytes;
        let mut bad = None;
        // The start of the current field.
        let mut at = start;
        // Borrowed, not copied: the AVX2 searcher is 224 bytes, and a copy per record showed
        // in the profile.
        let stops = &self.stops;
        while let Some(hit) = bytes
            .get(at..self.next_quote)
            .and_then(|rest| stops.find(rest))
        {
            let stop = at + hit;
            push_field(fields, &mut bad, self.text_of(at, stop).map(Cow::Borrowed));
            if bytes[stop] != b',' {
                self.end_record_at(stop);
                return bad.map_or(Outcome::Fields, Outcome::NotUtf8);
            }
            at = stop + 1;
        }
        if self.next_quote < bytes.len() {
            return self.split_quoted(at, fields, bad);
        }
        // The last record of a file without a final terminator.
        push_field(
            fields,
            &mut bad,
            self.text_of(at, bytes.len()).map(Cow::Borrowed),
        );
        self.end_record_at(bytes.len());
        bad.map_or(Outcome::Fields, Outcome::NotUtf8)
    }

    /// The record ended at the terminator byte at `end` (or at the end of the file).
    fn end_record_at(&mut self, end: usize) {
        self.terminated = end < self.bytes.len();
        self.newlines += u64::from(self.bytes.get(end) == Some(&b'\n'));
        self.pos = (end + 1).min(self.bytes.len());
    }

    /// `bytes[from..to]` as text: a slice of the checked prefix, or validated here past it
    /// (then only the records after a bad byte pay for the check twice).
    fn text_of(&self, from: usize, to: usize) -> Option<&'a str> {
        self.text
            .get(from..to)
            .or_else(|| std::str::from_utf8(self.bytes.get(from..to)?).ok())
    }

    /// Walks the rest of a record with quotes field by field, from the field at `start`
    /// (`bad`: the first field before it that is not valid UTF-8).
    ///
    /// A run of unquoted fields is split with one iterator over commas and terminators; a
    /// field that starts with `"` is read by [`Self::quoted_field`], then the run goes on.
    ///
    /// In a file that is not valid UTF-8 each field is validated on its own, after unescaping,
    /// as the `csv` crate does: the raw record cannot be checked as a whole, because a closing
    /// quote may sit inside a character (`"\xc3"\xa9` is the field `é`).
    fn split_quoted(
        &mut self,
        start: usize,
        fields: &mut Vec<Cow<'a, str>>,
        mut bad: Option<usize>,
    ) -> Outcome {
        let bytes = self.bytes;
        let mut push = |fields: &mut Vec<Cow<'a, str>>, value: Option<Cow<'a, str>>| {
            push_field(fields, &mut bad, value);
        };
        // The start of the current field.
        let mut at = start;
        let end = 'record: loop {
            if bytes.get(at) == Some(&b'"') {
                let Some((value, stop)) = self.quoted_field(at) else {
                    self.pos = bytes.len();
                    return Outcome::Unclosed;
                };
                push(fields, value);
                if bytes.get(stop) != Some(&b',') {
                    break 'record stop;
                }
                at = stop + 1;
                continue;
            }
            // Unquoted fields, up to one that starts with `"` (a `"` elsewhere is data).
            let mut stops = memchr3_iter(b',', b'\r', b'\n', &bytes[at..]);
            let base = at;
            loop {
                let stop = stops.next().map_or(bytes.len(), |i| base + i);
                push(fields, self.text_of(at, stop).map(Cow::Borrowed));
                if bytes.get(stop) != Some(&b',') {
                    break 'record stop;
                }
                at = stop + 1;
                if bytes.get(at) == Some(&b'"') {
                    break;
                }
            }
        };
        self.end_record_at(end);
        bad.map_or(Outcome::Fields, Outcome::NotUtf8)
    }

    /// Reads the quoted field whose opening quote is at `open`: its value (`None` when not
    /// valid UTF-8) and the position of the comma or terminator after it (or the file length).
    /// `None` when the quote is never closed.
    fn quoted_field(&mut self, open: usize) -> Option<(Option<Cow<'a, str>>, usize)> {
        let bytes = self.bytes;
        let mut escaped: Option<Vec<u8>> = None;
        let mut from = open + 1;
        // One pass finds the closing quote and counts the lines inside the field.
        let mut newlines = 0;
        let mut marks = memchr2_iter(b'"', b'\n', &bytes[from..]).map(|i| open + 1 + i);
        let close = loop {
            let mark = marks.next()?;
            if bytes[mark] == b'\n' {
                newlines += 1;
            } else if mark >= from && bytes.get(mark + 1) == Some(&b'"') {
                // `""` is one `"`: keep the text up to and including the first quote (the
                // second is skipped by `from`).
                escaped
                    .get_or_insert_with(Vec::new)
                    .extend_from_slice(&bytes[from..=mark]);
                from = mark + 2;
            } else if mark >= from {
                break mark;
            }
        };
        self.newlines += newlines;
        // After the closing quote, bytes up to the next comma or terminator are data.
        let stop = match bytes.get(close + 1) {
            None | Some(b',' | b'\r' | b'\n') => close + 1,
            Some(_) => memchr3(b',', b'\r', b'\n', &bytes[close + 1..])
                .map_or(bytes.len(), |i| close + 1 + i),
        };
        let value = if escaped.is_none() && stop == close + 1 {
            self.text_of(from, close).map(Cow::Borrowed)
        } else {
            let mut value = escaped.unwrap_or_default();
            value.extend_from_slice(&bytes[from..close]);
            value.extend_from_slice(&bytes[close + 1..stop]);
            String::from_utf8(value).ok().map(Cow::Owned)
        };
        Some((value, stop))
    }
}

/// Appends a field (empty when not valid UTF-8, then `bad` keeps the first such field).
fn push_field<'a>(
    fields: &mut Vec<Cow<'a, str>>,
    bad: &mut Option<usize>,
    value: Option<Cow<'a, str>>,
) {
    if value.is_none() {
        bad.get_or_insert(fields.len());
    }
    fields.push(value.unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record of `bytes`: line, outcome, fields.
    fn records(bytes: &[u8]) -> Vec<(u64, Outcome, Vec<String>)> {
        let mut reader = Reader::new(bytes);
        let mut fields = Vec::new();
        let mut out = Vec::new();
        while let Some(record) = reader.next_record(&mut fields) {
            let values = fields.iter().map(ToString::to_string).collect();
            out.push((record.line, record.outcome, values));
        }
        out
    }

    fn ok(line: u64, fields: &[&str]) -> (u64, Outcome, Vec<String>) {
        let values = fields.iter().map(ToString::to_string).collect();
        (line, Outcome::Fields, values)
    }

    #[test]
    fn quoted_fields_follow_csv_core() {
        let bytes = b"\xef\xbb\xbfa,\"b,\"\"c\"\"\",\"ab\"cd\r\n\"x\ny\",z\"q\r\n\r\nlast,";
        assert_eq!(
            records(bytes),
            vec![
                ok(1, &["a", "b,\"c\"", "abcd"]),
                ok(2, &["x\ny", "z\"q"]),
                ok(4, &["last", ""]),
            ]
        );
    }

    #[test]
    fn a_closing_quote_may_split_a_character() {
        assert_eq!(
            records(b"\"\xc3\"\xa9,\xff"),
            vec![(1, Outcome::NotUtf8(1), vec!["é".into(), String::new()])]
        );
    }

    #[test]
    fn a_quote_open_at_the_end_of_the_file_is_unclosed() {
        let got = records(b"h\nx,\"a\nb");
        assert_eq!(got[0], ok(1, &["h"]));
        assert_eq!((got[1].0, got[1].1), (2, Outcome::Unclosed));
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn a_literal_quote_in_an_unquoted_field_closes_nothing() {
        // One `"` in the file (an odd count), yet every field is complete.
        assert_eq!(
            records(b"h\nx,a\"b"),
            vec![ok(1, &["h"]), ok(2, &["x", "a\"b"])]
        );
    }
}
