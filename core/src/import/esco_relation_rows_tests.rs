//! Reading relation rows by position gives what reading them as fields gives: the same rows,
//! URIs, prefixes, texts and problems, whatever the damage.

use proptest::prelude::*;

use super::super::{Kind, RelationRows, FILES};
use super::FileReader;
use crate::import::csv_table::{read_table_with, Width};
use crate::import::{ImportMode, MemoryFiles, Problems};

/// Everything a reading of `bytes` as file `order` gave, as text, how many rows it read and
/// how many of them it took by position.
fn read_taken(bytes: &[u8], order: usize, by_position: bool) -> (String, usize, usize) {
    let (file, kind, wanted) = FILES[order];
    let source = MemoryFiles::new().with(file, bytes);
    let mut rows = RelationRows::new();
    let mut problems = Problems::new(ImportMode::Lenient);
    let reader = FileReader::new(&mut rows, file, kind);
    let mut reader = if by_position {
        reader
    } else {
        reader.by_fields()
    };
    let outcome = read_table_with(
        source_ref(&source),
        file,
        wanted,
        Width::Exact,
        &mut problems,
        &mut reader,
    );
    let (read, columns, taken) = (reader.read, reader.columns, reader.taken);
    // The rows with their URIs spelled out: the ids are the reader's own numbering.
    let read: Vec<_> = (read.iter())
        .map(|r| {
            let [from, to] = r.ids.map(|id| rows.uri_text(rows.uri_of(id)));
            (r.line, from, r.relevance, to)
        })
        .collect();
    let listed: Vec<String> = problems
        .finish(())
        .problems
        .iter()
        .map(ToString::to_string)
        .collect();
    let text = format!(
        "{outcome:?}\n{read:#?}\n{columns:?}\n{:?}\n{:?}\n{listed:#?}",
        rows.prefixes, rows.texts
    );
    (text, read.len(), taken)
}

/// Everything a reading gave, as text.
fn read(bytes: &[u8], order: usize, by_position: bool) -> String {
    read_taken(bytes, order, by_position).0
}

fn source_ref(source: &MemoryFiles) -> &dyn crate::import::ImportSource {
    source
}

/// Pieces of relation files: good URIs of two prefixes, damaged ones, relation types,
/// concept types, separators and terminators, quotes, blank lines.
fn piece() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        6 => Just("http://data.europa.eu/esco/occupation/00030d09-2b3a-4efd-87cc-c4ea39d27c34"),
        6 => Just("http://data.europa.eu/esco/skill/fed5b267-73fa-461d-9f69-827c78beb39d"),
        3 => Just("http://data.europa.eu/esco/skill/05bc7677-5a64-4e0c-ade3-0140348d4125"),
        1 => Just("http://data.europa.eu/esco/skill/05BC7677-5a64-4e0c-ade3-0140348d4125"),
        1 => Just("http://data.europa.eu/esco/skill/05bc7677-5a64-4e0c-ade3-0140348d412"),
        1 => Just("http://data.europa.eu/esco/skill/05bc7677-5a64-4e0c-ade3-0140348d41256"),
        1 => Just("http://data.europa.eu/esco/isco/C2654"),
        1 => Just("http://data.europa.eu/esco/sk,ill/05bc7677-5a64-4e0c-ade3-0140348d4125"),
        1 => Just(" http://data.europa.eu/esco/skill/05bc7677-5a64-4e0c-ade3-0140348d4125"),
        4 => Just("essential"),
        3 => Just("optional"),
        1 => Just("essentially"),
        1 => Just("sometimes"),
        4 => Just("knowledge"),
        2 => Just("skill/competence"),
        1 => Just("a long concept type that spans several words"),
        12 => Just(","),
        5 => Just("\r\n"),
        3 => Just("\n"),
        1 => Just("\r"),
        1 => Just("\""),
        1 => Just("\"a,\r\nb\""),
        1 => Just(" "),
    ]
}

/// A row of the right shape for file `order` (a URI, a relation type, a type, a URI).
fn good_row(order: usize, from: &str, relevance: &str, to: &str) -> String {
    match order {
        0 | 1 => format!("KnowledgeSkillCompetence,{from},SkillGroup,{to}\r\n"),
        2 => format!("{from},{relevance},knowledge,{to}\r\n"),
        _ => format!("{from},knowledge,{relevance},skill/competence,{to}\r\n"),
    }
}

fn file() -> impl Strategy<Value = (usize, Vec<u8>)> {
    let rows = proptest::collection::vec(
        prop_oneof![
            3 => (0..3usize, 0..2usize, 0..3usize).prop_map(|(f, r, t)| {
                (Some((f, r, t)), Vec::new())
            }),
            1 => proptest::collection::vec(piece(), 0..12).prop_map(|p| (None, p)),
        ],
        0..40,
    );
    (0..4usize, rows, any::<bool>()).prop_map(|(order, rows, end)| {
        let occupation = |n: usize| {
            format!("http://data.europa.eu/esco/occupation/{n:08x}-2b3a-4efd-87cc-c4ea39d27c34")
        };
        let skill =
            |n: usize| format!("http://data.europa.eu/esco/skill/{n:08x}-5b5a-4a66-8aac-60e734beb1ab");
        let header = match order {
            0 | 1 => "conceptType,conceptUri,broaderType,broaderUri\r\n",
            2 => "occupationUri,relationType,skillType,skillUri\r\n",
            _ => "originalSkillUri,originalSkillType,relationType,relatedSkillType,relatedSkillUri\r\n",
        };
        let mut text = String::from(header);
        for (good, pieces) in rows {
            match good {
                Some((from, relevance, to)) => {
                    let from = if order == 2 { occupation(from) } else { skill(from) };
                    let relevance = ["essential", "optional"][relevance];
                    text.push_str(&good_row(order, &from, relevance, &skill(to)));
                }
                None => pieces.iter().for_each(|piece| text.push_str(piece)),
            }
        }
        if !end {
            text.truncate(text.trim_end_matches(['\r', '\n']).len());
        }
        (order, text.into_bytes())
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn by_position_reads_as_by_fields((order, bytes) in file()) {
        prop_assert_eq!(read(&bytes, order, true), read(&bytes, order, false));
    }
}

#[test]
fn the_shape_of_the_files_is_read_by_position() {
    // Rows read by position leave no trace; check that they are taken at all: a file of good
    // rows is read whole by position once the first row has set the hints.
    let mut text = String::from("occupationUri,relationType,skillType,skillUri\r\n");
    for n in 0..5 {
        let from = "http://data.europa.eu/esco/occupation/00030d09-2b3a-4efd-87cc-c4ea39d27c34";
        let to = format!("http://data.europa.eu/esco/skill/{n:08x}-5b5a-4a66-8aac-60e734beb1ab");
        text.push_str(&good_row(2, from, "optional", &to));
    }
    assert_eq!(FILES[2].1, Kind::OccupationSkill);
    let (text, read, taken) = read_taken(text.as_bytes(), 2, true);
    assert!(text.starts_with("Ok(true)"), "{text}");
    assert_eq!((read, taken), (5, 4));
}
