//! Arbitrary bytes → a record-shaped JSON document, so that the fuzzer reaches the meaning
//! rules (dates, references, frameworks) and not only the JSON parser.
//!
//! The bytes are read as a stream of choices: which key of the competence-record schema comes
//! next, which kind of value it gets, which word of the schema's vocabulary (context, kind,
//! language level, framework scheme…) or which raw text. Any byte string decodes to a document,
//! and a small change to the bytes is a small change to the document. Nesting stays well under
//! the validator's depth limit, so that `validate_slice` and `validate_value` must agree.

use serde_json::{Map, Number, Value};

/// Keys of the competence-record schema (`data/schemas/competence-record.json`), and a few
/// that it does not have.
const KEYS: &[&str] = &[
    "schema_version",
    "id",
    "person",
    "personal",
    "given_name",
    "family_name",
    "birth_date",
    "fiscal_code",
    "nationality",
    "mother_tongues",
    "languages",
    "language",
    "listening",
    "reading",
    "spoken_interaction",
    "spoken_production",
    "writing",
    "experiences",
    "context",
    "kind",
    "period",
    "start",
    "end",
    "country",
    "organisation",
    "role",
    "tasks",
    "paid",
    "hours_per_week",
    "description",
    "evidence",
    "issuer",
    "issue_date",
    "self_issued",
    "authenticity",
    "file",
    "media_type",
    "sha256",
    "size",
    "translation",
    "claims",
    "target",
    "scheme",
    "code",
    "version",
    "self_assessment",
    "notes",
    "extra",
    "",
];

/// Words the record's fields take: enum values, identifiers, dates, codes, schemes.
const WORDS: &[&str] = &[
    "1.0",
    "1.1",
    "2.0",
    "rec-1",
    "p-1",
    "exp-1",
    "exp-2",
    "ev-1",
    "ev-2",
    "cl-1",
    "A1",
    "A2",
    "B1",
    "B2",
    "C1",
    "C2",
    "formale",
    "non_formale",
    "informale",
    "work",
    "education",
    "training",
    "volunteering",
    "life",
    "informal",
    "other",
    "contract",
    "payslip",
    "employer_statement",
    "reference_letter",
    "course_certificate",
    "diploma",
    "product",
    "self_declaration",
    "certified",
    "verified",
    "plausible",
    "doubtful",
    "missing",
    "not_checked",
    "not_needed",
    "yes",
    "no",
    "partially",
    "it",
    "ar",
    "wo",
    "fr",
    "en",
    "IT",
    "MA",
    "SN",
    "XX",
    "2019-03",
    "2018",
    "2021-09-31",
    "2025-06-30",
    "2030-01-01",
    "1990-04-12",
    "2019-02-29",
    "2020-02-29",
    "RSSMRA85T10A562S",
    "rssmra85t10a562s",
    "SMPSMN90D12Z343X",
    "rrfp_toscana.unit",
    "rrfp_toscana.qualification",
    "rrfp_toscana.item",
    "esco.skill",
    "atlante_ada",
    "unknown.scheme",
    "1954",
    "1955",
    "1953",
    "1999",
    "450",
    "2263",
    "application/pdf",
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "http://data.europa.eu/esco/skill/abc",
    "ADA.13.128.385",
];

/// Deepest nesting of generated values below the top-level object.
const MAX_DEPTH: u8 = 12;
/// Most members of one generated object or array.
const MAX_WIDTH: u8 = 8;

/// A stream of choices; past the end every choice is 0.
struct Choices<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Choices<'_> {
    fn next(&mut self) -> u8 {
        let byte = self.bytes.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        byte
    }

    fn is_done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    fn pick<'w>(&mut self, words: &[&'w str]) -> &'w str {
        words[usize::from(self.next()) % words.len()]
    }
}

/// The document `bytes` describe: an object that starts with `"schema_version": "1.0"` unless
/// the first choice removes it.
pub(crate) fn document(bytes: &[u8]) -> Value {
    let mut choices = Choices { bytes, at: 0 };
    let mut top = Map::new();
    if choices.next() % 8 != 0 {
        top.insert("schema_version".into(), Value::String("1.0".into()));
    }
    while !choices.is_done() && top.len() < 16 {
        let key = choices.pick(KEYS).to_owned();
        let value = value(&mut choices, 0);
        top.insert(key, value);
    }
    Value::Object(top)
}

fn value(choices: &mut Choices<'_>, depth: u8) -> Value {
    let choice = choices.next();
    // Deep down, only scalars: the nesting stays bounded whatever the bytes.
    let choice = if depth >= MAX_DEPTH {
        choice % 5
    } else {
        choice % 8
    };
    match choice {
        0 => Value::Null,
        1 => Value::Bool(choices.next() % 2 == 0),
        2 => number(choices),
        3 => Value::String(choices.pick(WORDS).to_owned()),
        4 => Value::String(text(choices)),
        5 => {
            let width = choices.next() % MAX_WIDTH;
            Value::Array((0..width).map(|_| value(choices, depth + 1)).collect())
        }
        _ => {
            let width = choices.next() % MAX_WIDTH;
            let mut object = Map::new();
            for _ in 0..width {
                let key = choices.pick(KEYS).to_owned();
                let member = value(choices, depth + 1);
                object.insert(key, member);
            }
            Value::Object(object)
        }
    }
}

/// Integers of every size, negative ones, and a few exact fractions (no float that could
/// print and parse back differently).
fn number(choices: &mut Choices<'_>) -> Value {
    let raw = i64::from_le_bytes([
        choices.next(),
        choices.next(),
        choices.next(),
        choices.next(),
        choices.next(),
        choices.next(),
        choices.next(),
        choices.next(),
    ]);
    match choices.next() % 4 {
        0 => Value::Number(Number::from(raw % 100)),
        1 => Value::Number(Number::from(raw)),
        2 => Value::Number(Number::from(raw.unsigned_abs())),
        _ => Number::from_f64(f64::from(i32::try_from(raw % 1000).unwrap_or(0)) + 0.5)
            .map_or(Value::Null, Value::Number),
    }
}

/// Up to 24 characters taken from the bytes (lossy UTF-8: any text, control characters too).
fn text(choices: &mut Choices<'_>) -> String {
    let len = usize::from(choices.next() % 24);
    let start = choices.at.min(choices.bytes.len());
    let end = (start + len).min(choices.bytes.len());
    choices.at = start + len;
    String::from_utf8_lossy(&choices.bytes[start..end]).into_owned()
}
