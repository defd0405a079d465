//! [`read_table`] must read exactly what the `csv` crate reads (default `ReaderBuilder`,
//! `has_headers(false)`, `flexible(true)`): same rows, same line numbers, same problems. The
//! oracle below drives the `csv` crate and applies the table rules to its records.

use proptest::prelude::*;

use super::*;
use crate::import::{ImportMode, MemoryFiles};

/// Rows (line, the 3 wanted columns, every field with its column) and problems, as text.
type Seen = (Vec<(u64, Vec<String>, Vec<(u64, String)>)>, Vec<String>);

const WANTED: [&str; 3] = ["a", "b", "c"];

fn seen_row(row: &Row<'_>) -> (u64, Vec<String>, Vec<(u64, String)>) {
    let wanted = (0..3).map(|i| row.get(i).to_owned()).collect();
    let all = row.fields_from(0).map(|(c, f)| (c, f.to_owned())).collect();
    (row.line, wanted, all)
}

fn listed(problems: Problems) -> Vec<String> {
    let problems = problems.finish(()).problems;
    problems.iter().map(ToString::to_string).collect()
}

fn fast(bytes: &[u8], width: Width) -> Result<Seen> {
    let source = MemoryFiles::new().with("t.csv", bytes);
    let mut problems = Problems::new(ImportMode::Lenient);
    let mut rows = Vec::new();
    read_table(&source, "t.csv", &WANTED, width, &mut problems, |row, _| {
        rows.push(seen_row(row));
        Ok(())
    })?;
    Ok((rows, listed(problems)))
}

#[path = "csv_table_plain_tests.rs"]
mod plain;

/// A reader that hands out at most `step` bytes per call, as a pipe or socket may.
struct Trickle<'b> {
    bytes: &'b [u8],
    step: usize,
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = self.step.min(out.len()).min(self.bytes.len());
        out[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

/// As [`fast`], but read in chunks of `chunk` bytes, `step` bytes per read call.
fn chunked(bytes: &[u8], width: Width, chunk: usize, step: usize) -> Result<Seen> {
    let mut seen = Vec::new();
    let mut sink = OnRow(|row: &Row<'_>, _: &mut Problems| {
        seen.push(seen_row(row));
        Ok(())
    });
    let problems = read_chunked(bytes, width, (chunk, step), &mut sink)?;
    Ok((seen, problems))
}

/// Reads `bytes` into `sink` in chunks of `chunk` bytes, `step` bytes per read call, and
/// lists the problems.
fn read_chunked(
    bytes: &[u8],
    width: Width,
    (chunk, step): (usize, usize),
    sink: &mut impl Sink,
) -> Result<Vec<String>> {
    let mut problems = Problems::new(ImportMode::Lenient);
    let mut rows = Rows {
        file: "t.csv",
        wanted: &WANTED,
        width,
        table: None,
    };
    let mut input = Trickle { bytes, step };
    rows.read_chunks(&mut input, chunk, &mut problems, sink)?;
    Ok(listed(problems))
}

/// The 1-based line of a record, from the `csv` crate's position: after a CRLF terminator
/// the recorded start is the `\n`, not yet counted as a line.
fn line_at(bytes: &[u8], position: Option<&csv::Position>) -> u64 {
    position.map_or(0, |p| {
        let offset = usize::try_from(p.byte()).unwrap_or(usize::MAX);
        p.line() + u64::from(bytes.get(offset) == Some(&b'\n'))
    })
}

fn byte_records(bytes: &[u8]) -> Vec<csv::ByteRecord> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    reader
        .byte_records()
        .map_while(std::result::Result::ok)
        .collect()
}

/// Whether the `csv` crate ends `bytes` inside a quoted field. It accepts such a field
/// without a word, so this asks it indirectly, by appending quotes: only inside a quoted
/// field does one more `"` leave the last record unchanged (it closes the field) *and* two
/// more add exactly one `"` to its last field (an escaped quote). After a terminator they
/// start a new record; after a comma `""` is an empty field, like the end of the file; in
/// an unquoted field, or just after a closing quote, one `"` is data.
fn open_quote_at_end(bytes: &[u8]) -> bool {
    let with = |tail: &[u8]| byte_records(&[bytes, tail].concat());
    let (plain, one, two) = (with(b""), with(b"\""), with(b"\"\""));
    let (Some(last), Some(last_one), Some(last_two)) = (plain.last(), one.last(), two.last())
    else {
        return false;
    };
    let mut grown: Vec<Vec<u8>> = last.iter().map(<[u8]>::to_vec).collect();
    if let Some(field) = grown.last_mut() {
        field.push(b'"');
    }
    plain.len() == one.len()
        && plain.len() == two.len()
        && last_one == last
        && last_two.iter().eq(grown.iter().map(Vec::as_slice))
}

/// What [`read_table`] must report, from the `csv` crate's records.
///
/// The one case where the crate cannot be followed: a quoted field open at the end of the
/// file (detected by [`open_quote_at_end`], independently of the reader under test). The
/// crate returns the truncated last record; the reader must instead report that record,
/// at its line, as not closed (a UTF-8 error in it is then moot: the truncation may well
/// have cut a character).
fn oracle(bytes: &[u8], width: Width) -> Result<Seen> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let fields: Vec<String> = record.iter().map(str::to_owned).collect();
                records.push((line_at(bytes, record.position()), Ok(fields)));
            }
            Err(e) => {
                let line = line_at(bytes, e.position());
                let reason = match e.kind() {
                    csv::ErrorKind::Utf8 { err, .. } => not_utf8(err.field()),
                    other => format!("unexpected: {other:?}"),
                };
                records.push((line, Err(reason)));
            }
        }
    }
    if open_quote_at_end(bytes) {
        if let Some(last) = records.last_mut() {
            last.1 = Err(UNCLOSED.to_owned());
        }
    }

    let mut problems = Problems::new(ImportMode::Lenient);
    let mut rows = Vec::new();
    let mut table = None;
    for (line, record) in records {
        match (&table, record) {
            (None, Err(reason)) => {
                let reason = format!("header row unreadable: {reason}");
                problems.at("t.csv", line, None, reason)?;
                return Ok((rows, listed(problems)));
            }
            (None, Ok(fields)) => {
                let fields: Vec<Cow<'_, str>> = fields.into_iter().map(Cow::Owned).collect();
                match Table::new("t.csv", &fields, &WANTED, width, &mut problems)? {
                    Some(t) => table = Some(t),
                    None => return Ok((rows, listed(problems))),
                }
            }
            (Some(_), Err(reason)) => problems.at("t.csv", line, None, reason)?,
            (Some(t), Ok(fields)) => {
                let fields: Vec<Cow<'_, str>> = fields.into_iter().map(Cow::Owned).collect();
                let mut sink = OnRow(|row: &Row<'_>, _: &mut Problems| {
                    rows.push(seen_row(row));
                    Ok(())
                });
                t.deliver(&fields, line, &mut problems, &mut sink)?;
            }
        }
    }
    if table.is_none() {
        problems.at("t.csv", 0, None, "file is empty (no header row)")?;
    }
    Ok((rows, listed(problems)))
}

/// A random file: an optional header (with a byte order mark or quotes), its terminator,
/// then random pieces.
fn file(pieces: &[&[u8]], header: &[u8], header_end: &[u8]) -> Vec<u8> {
    [header, header_end]
        .concat()
        .into_iter()
        .chain(pieces.concat())
        .collect()
}

fn headers() -> impl Strategy<Value = &'static [u8]> {
    prop_oneof![
        Just(&b"a,b,c"[..]),
        Just(&b"\xef\xbb\xbfa,b,c"[..]),
        Just(&b"\"a\",b,\"c\""[..]),
        Just(&b""[..]),
    ]
}

fn header_ends() -> impl Strategy<Value = &'static [u8]> {
    prop_oneof![Just(&b"\n"[..]), Just(&b"\r\n"[..]), Just(&b"\r"[..])]
}

fn widths() -> impl Strategy<Value = Width> {
    prop_oneof![Just(Width::Exact), Just(Width::Ragged)]
}

/// The bytes that matter to CSV, and a two-byte character.
fn text_piece() -> impl Strategy<Value = &'static [u8]> {
    prop_oneof![
        Just(&b"x"[..]),
        Just(&b"y"[..]),
        Just(&b","[..]),
        Just(&b"\n"[..]),
        Just(&b"\r"[..]),
        Just(&b"\""[..]),
        Just(&b" "[..]),
        Just("é".as_bytes()),
    ]
}

/// Invalid UTF-8: 0xff, and the halves of `é` (a closing quote between them gives a valid
/// field from an invalid record).
fn byte_piece() -> impl Strategy<Value = &'static [u8]> {
    prop_oneof![
        4 => text_piece(),
        1 => Just(&b"\xff"[..]),
        1 => Just(&b"\xc3"[..]),
        1 => Just(&b"\xa9"[..]),
    ]
}

/// Whole, and in chunks of 1 to 9 bytes (so that chunk boundaries fall everywhere: inside
/// quotes, between `""`, inside `é`, between `\r` and `\n`), the file reads as the oracle.
fn same_as_csv(bytes: &[u8], width: Width, chunk: usize, step: usize) -> Result<(), TestCaseError> {
    let expected = oracle(bytes, width)?;
    prop_assert_eq!(&fast(bytes, width)?, &expected);
    prop_assert_eq!(&chunked(bytes, width, chunk, step)?, &expected);
    prop_assert_eq!(&plain::fast_plain(bytes, width)?, &expected);
    prop_assert_eq!(&plain::chunked_plain(bytes, width, chunk, step)?, &expected);
    Ok(())
}

/// Files of text only (every record decodes) and files with invalid UTF-8, half and half.
fn pieces() -> impl Strategy<Value = Vec<&'static [u8]>> {
    prop_oneof![
        proptest::collection::vec(text_piece(), 0..80),
        proptest::collection::vec(byte_piece(), 0..80),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn same_as_csv_whole_and_in_chunks(
        pieces in pieces(),
        header in headers(),
        header_end in header_ends(),
        width in widths(),
        chunk in 1..10usize,
        step in 1..4usize,
    ) {
        same_as_csv(&file(&pieces, header, header_end), width, chunk, step)?;
    }
}

/// A read error half-way is reported at the line where reading stopped; the rows before
/// it are kept, nothing after it is invented.
#[test]
fn a_read_error_is_reported_with_its_line() -> Result<()> {
    struct Failing<'b>(&'b [u8]);
    impl std::io::Read for Failing<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            if self.0.is_empty() {
                return Err(std::io::Error::other("device gone"));
            }
            let n = out.len().min(self.0.len());
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }
    let mut problems = Problems::new(ImportMode::Lenient);
    let mut seen = Vec::new();
    let mut rows = Rows {
        file: "t.csv",
        wanted: &WANTED,
        width: Width::Exact,
        table: None,
    };
    let read = rows.read_chunks(
        &mut Failing(b"a,b,c\n1,2,3\n4,5"),
        4,
        &mut problems,
        &mut OnRow(|row: &Row<'_>, _: &mut Problems| {
            seen.push(seen_row(row).1);
            Ok(())
        }),
    )?;
    assert!(!read);
    assert_eq!(seen, [["1", "2", "3"]]);
    assert_eq!(
        listed(problems),
        ["t.csv:3: error: cannot read from line 3 on: device gone; rest of the file not loaded"]
    );
    Ok(())
}

#[test]
fn a_quote_open_at_the_end_of_the_file_skips_the_row() -> Result<()> {
    let (rows, problems) = fast(b"a,b,c\n1,2,3\n4,\"5\n6,7", Width::Exact)?;
    assert_eq!(rows.len(), 1);
    assert_eq!(
        problems,
        [format!("t.csv:3: error: {UNCLOSED}")],
        "the truncated record is reported, not glued"
    );
    Ok(())
}

#[test]
fn a_literal_quote_at_the_end_of_the_file_is_data() -> Result<()> {
    // An odd number of `"` bytes, yet no quoted field: the last row is complete.
    let (rows, problems) = fast(b"a,b,c\n1,2,3\nx,a\"b,c", Width::Exact)?;
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(rows[1].1, ["x", "a\"b", "c"]);
    Ok(())
}

/// A byte order mark cut by the first chunks is still skipped: while nothing is consumed the
/// bytes are read again, longer, as the start of the file (a case the property test found).
#[test]
fn a_byte_order_mark_split_across_chunks_is_skipped() -> Result<()> {
    let bytes = b"\xef\xbb\xbfa,b,c\n1,2,3\n";
    let (rows, problems) = chunked(bytes, Width::Exact, 1, 1)?;
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        rows,
        [(
            2,
            vec!["1".into(), "2".into(), "3".into()],
            vec![(1, "1".into()), (2, "2".into()), (3, "3".into())]
        )]
    );
    assert_eq!((rows, problems), fast(bytes, Width::Exact)?);
    Ok(())
}

/// Every record the reader gives for `bytes` (line and fields, or the outcome when the fields
/// could not be read), whole or in chunks of `chunk` bytes as [`Rows::read_chunks`] feeds them.
fn reader_records(bytes: &[u8], chunk: Option<usize>) -> Vec<(u64, Result<Vec<String>, Outcome>)> {
    let mut out = Vec::new();
    let take = |reader: &mut Reader<'_>, out: &mut Vec<_>| {
        let mut fields = Vec::new();
        while let Some(Record { line, outcome }) = reader.next_record(&mut fields) {
            let got = match outcome {
                Outcome::Fields => Ok(fields.iter().map(ToString::to_string).collect()),
                other => Err(other),
            };
            out.push((line, got));
        }
    };
    let Some(chunk) = chunk else {
        take(&mut Reader::new(bytes), &mut out);
        return out;
    };
    let (mut at, mut from, mut want) = (0, Resume::default(), chunk);
    loop {
        let end = (at + want).min(bytes.len());
        let last = end == bytes.len();
        let mut reader = Reader::chunk(&bytes[at..end], from, last);
        take(&mut reader, &mut out);
        if last {
            return out;
        }
        // Nothing consumed: the record is longer than the chunk, read more of it at once.
        want = if reader.consumed() == 0 {
            want * 2
        } else {
            chunk
        };
        at += reader.consumed();
        from = reader.resume();
    }
}

/// The `csv` crate's records of a file that is valid UTF-8 and closes its quotes.
fn csv_records(bytes: &[u8]) -> Vec<(u64, Result<Vec<String>, Outcome>)> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    while let Ok(true) = reader.read_record(&mut record) {
        let fields = record.iter().map(str::to_owned).collect();
        out.push((line_at(bytes, record.position()), Ok(fields)));
    }
    out
}

/// Text pieces, mostly plain, so that records run over several vectors of the searches
/// (`memchr` looks at 32 bytes at a time, four at once in its main loop).
fn long_piece() -> impl Strategy<Value = &'static [u8]> {
    prop_oneof![
        8 => Just(&b"abcdefghijklmnopqrstuvwxyz"[..]),
        4 => text_piece(),
        1 => Just(&b"\"\""[..]),
        1 => Just(&b",\""[..]),
        1 => Just(&b"\",\r\n"[..]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Files of several hundred bytes: quotes, commas and terminators fall on both sides of
    /// the searches' 32-, 64- and 128-byte edges, and the records still equal the `csv`
    /// crate's (the short files of [`same_as_csv_whole_and_in_chunks`] rarely pass 64 bytes).
    #[test]
    fn long_files_read_as_csv_across_blocks(
        pieces in proptest::collection::vec(long_piece(), 0..120),
        header in headers(),
        header_end in header_ends(),
        width in widths(),
        chunk in 1..200usize,
    ) {
        let bytes = file(&pieces, header, header_end);
        same_as_csv(&bytes, width, chunk, chunk)?;
    }
}

/// Records placed so that a quote, a comma or a terminator falls on bytes 63 and 64, or 127
/// and 128 (the last byte of a search vector or loop round and the first of the next), read
/// as the `csv` crate reads them, whole and in chunks cut at those edges.
#[test]
fn stops_and_quotes_at_the_vector_edges_read_as_csv() {
    for pad in (55..70).chain(119..134) {
        let x = "x".repeat(pad);
        let files = [
            format!("{x},\"q,\"\"u\"\"\r\nnext\",,\r\n,\n"),
            format!("{x}\"\",a\"b\r\n\"{x}\",\"\",\"\r\"\r\n"),
            format!("\"{x}\"\"\",y\n{x},\r\r\n\n,last"),
            format!("{x}\r\n\"a\n{x}\nb\",\"\"\"\",end"),
        ];
        for text in files {
            let bytes = text.as_bytes();
            let expected = csv_records(bytes);
            assert_eq!(reader_records(bytes, None), expected, "{text:?}");
            for chunk in [1, 7, 63, 64, 65] {
                assert_eq!(
                    reader_records(bytes, Some(chunk)),
                    expected,
                    "{text:?} {chunk}"
                );
            }
        }
    }
}

/// The real ESCO files (every one the importer reads) give the `csv` crate's records, whole
/// and in the importer's 256 KiB chunks.
#[test]
fn real_esco_files_read_as_csv() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/esco-v1.1.1-en");
    if !dir.is_dir() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but the real data folder {} is missing",
            dir.display()
        );
        eprintln!("SKIPPED: real data folder {} is missing", dir.display());
        return;
    }
    let mut files = 0;
    for folder in ["classification", "relations"] {
        let Ok(entries) = std::fs::read_dir(dir.join(folder)) else {
            panic!("cannot list {folder}");
        };
        for entry in entries.flatten() {
            let Ok(bytes) = std::fs::read(entry.path()) else {
                panic!("cannot read {}", entry.path().display());
            };
            let expected = csv_records(&bytes);
            assert!(expected.len() > 1, "{}", entry.path().display());
            assert!(
                reader_records(&bytes, None) == expected,
                "{}",
                entry.path().display()
            );
            let chunked = reader_records(&bytes, Some(CHUNK));
            assert!(chunked == expected, "{} in chunks", entry.path().display());
            files += 1;
        }
    }
    assert_eq!(files, 17);
}
