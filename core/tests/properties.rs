//! Property tests: whatever the input, validation never panics, every finding points into the
//! document, personal data is never quoted, and validity means "no error finding".
//!
//! Inputs are arbitrary JSON, arbitrary bytes, and mutations of the bundled valid example
//! (`data/examples/record-valid.json`), which reach the deep rules that random JSON rarely does.

use attesta::{Code, Report, Severity, ValidationOptions, Validator};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Map, Value};

const RECORD_VALID: &str = include_str!("../../data/examples/record-valid.json");

fn validator() -> &'static Validator {
    static VALIDATOR: std::sync::OnceLock<Validator> = std::sync::OnceLock::new();
    VALIDATOR.get_or_init(|| {
        ValidationOptions {
            reference_date: Some("2026-01-01".to_owned()),
            ..ValidationOptions::default()
        }
        .build()
        .expect("valid options")
    })
}

fn example() -> Value {
    serde_json::from_str(RECORD_VALID).expect("the example is JSON")
}

/// Words of the record schema, so random objects often hit real fields and vocabularies.
const WORDS: &[&str] = &[
    "schema_version",
    "1.0",
    "id",
    "person",
    "personal",
    "given_name",
    "fiscal_code",
    "birth_date",
    "nationality",
    "mother_tongues",
    "languages",
    "language",
    "listening",
    "B1",
    "experiences",
    "context",
    "kind",
    "period",
    "start",
    "end",
    "2019-03",
    "2020",
    "country",
    "SN",
    "role",
    "tasks",
    "hours_per_week",
    "evidence",
    "claims",
    "target",
    "scheme",
    "code",
    "version",
    "self_assessment",
    "yes",
    "no",
    "rrfp_toscana.unit",
    "1955",
    "atlante_ada",
    "ADA.13.128.385",
    "file",
    "sha256",
    "media_type",
    "self_issued",
    "issuer",
    "issue_date",
    "informale",
    "work",
    "exp-1",
    "ev-1",
    "cl-1",
    "experience",
    "a`b",
    "~/",
];

fn arb_string() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(WORDS).prop_map(str::to_owned),
        "\\PC{0,12}",
    ]
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        arb_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((arb_string(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// A record-shaped object: a supported version and random top-level fields.
fn arb_record() -> impl Strategy<Value = Value> {
    prop::collection::vec((arb_string(), arb_json()), 0..6).prop_map(|pairs| {
        let mut object: Map<String, Value> = pairs.into_iter().collect();
        object.insert("schema_version".to_owned(), json!("1.0"));
        Value::Object(object)
    })
}

/// JSON Pointers of every node of `value`, the root included.
fn pointers(value: &Value) -> Vec<String> {
    fn walk(value: &Value, at: String, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    walk(
                        child,
                        format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")),
                        out,
                    );
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(child, format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
        out.push(at);
    }
    let mut out = Vec::new();
    walk(value, String::new(), &mut out);
    out
}

fn parent_pointer(pointer: &str) -> &str {
    pointer.rsplit_once('/').map_or("", |(parent, _)| parent)
}

/// The invariants every report must satisfy for the document it describes.
fn check_report(document: &Value, report: &Report) -> Result<(), TestCaseError> {
    let has_error = report
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error);
    prop_assert_eq!(report.valid, !has_error, "validity is 'no error finding'");
    for finding in &report.findings {
        let pointer = finding.path.to_pointer();
        let resolves = if finding.code == Code::MissingField {
            document.pointer(&pointer).is_none()
                && document.pointer(parent_pointer(&pointer)).is_some()
        } else {
            document.pointer(&pointer).is_some()
        };
        prop_assert!(
            resolves,
            "{} at {} does not point into the document",
            finding.code,
            pointer
        );
        prop_assert_eq!(finding.severity, finding.code.default_severity());
    }
    Ok(())
}

fn validate_and_check(document: &Value) -> Result<(), TestCaseError> {
    if let Ok(report) = validator().validate_value(document) {
        check_report(document, &report)?;
    }
    Ok(())
}

/// A mutation of the example record.
#[derive(Debug, Clone)]
enum Mutation {
    Remove(Index),
    Replace(Index, Value),
    DuplicateItem(Index),
}

fn arb_mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::Remove),
        (any::<Index>(), arb_json()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        any::<Index>().prop_map(Mutation::DuplicateItem),
    ]
}

fn apply(document: &mut Value, mutation: &Mutation) {
    let all = pointers(document);
    match mutation {
        Mutation::Remove(index) => {
            let target = index.get(&all).clone();
            let Some((parent, last)) = target.rsplit_once('/') else {
                return;
            };
            match document.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    map.remove(&last.replace("~1", "/").replace("~0", "~"));
                }
                Some(Value::Array(items)) => {
                    if let Ok(i) = last.parse::<usize>() {
                        if i < items.len() {
                            items.remove(i);
                        }
                    }
                }
                _ => {}
            }
        }
        Mutation::Replace(index, value) => {
            if let Some(slot) = document.pointer_mut(index.get(&all).as_str()) {
                *slot = value.clone();
            }
        }
        Mutation::DuplicateItem(index) => {
            let arrays: Vec<&String> = all
                .iter()
                .filter(|p| {
                    document
                        .pointer(p)
                        .and_then(Value::as_array)
                        .is_some_and(|a| !a.is_empty())
                })
                .collect();
            if arrays.is_empty() {
                return;
            }
            let target = (*index.get(&arrays)).clone();
            if let Some(Value::Array(items)) = document.pointer_mut(&target) {
                let copy = items[0].clone();
                items.push(copy);
            }
        }
    }
}

/// A person's name or codice-fiscale-like string, sometimes with the backticks and commas that
/// once confused the parsing of serde's messages.
fn arb_secret() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-z]{3,9} [A-Z][a-z]{3,9}",
        "[A-Z]{6}[0-9]{2}[ABCDEHLMPRST][0-9]{2}[A-Z][0-9]{3}[A-Z]",
        "[A-Z][a-z]{3,9}`[A-Z][a-z]{3,9}`[A-Z][a-z]{3,9}",
        "[A-Z][a-z]{3,9}`[A-Z][a-z]{3,9}`, expected `[A-Z][a-z]{3,9}`",
    ]
}

/// Where a secret goes: a personal field as a string, or the same field with a wrong type.
fn place(secret: &str, shape: u8) -> Value {
    match shape % 5 {
        0 => json!(secret),
        1 => json!([secret]),
        2 => json!({ "value": secret }),
        3 => json!({ secret: secret }),
        _ => json!([[{ "x": [secret] }]]),
    }
}

/// A capitalised word of a generated secret that no message template could contain by itself
/// (so that a name like "Language Date" cannot make the test fail by coincidence).
fn is_name_word(word: &str) -> bool {
    word.len() >= 4
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && !Code::ALL.iter().any(|c| c.template().contains(word))
}

const PERSONAL_FIELDS: &[&str] = &[
    "given_name",
    "family_name",
    "birth_date",
    "fiscal_code",
    "nationality",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_json_never_panics(value in prop_oneof![arb_json(), arb_record()]) {
        match validator().validate_value(&value) {
            Ok(report) => check_report(&value, &report)?,
            Err(error) => prop_assert!(!error.details().message.is_empty()),
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let outcome = validator().validate_slice(&bytes);
        if let Ok(report) = outcome {
            let document: Value = serde_json::from_slice(&bytes).expect("it was evaluated");
            check_report(&document, &report)?;
        }
    }

    #[test]
    fn mutated_example_reports_paths_into_the_document(
        mutations in prop::collection::vec(arb_mutation(), 1..4)
    ) {
        let mut document = example();
        for mutation in &mutations {
            apply(&mut document, mutation);
        }
        validate_and_check(&document)?;
        // The same document as text gives the same answer.
        let text = serde_json::to_string(&document).expect("serializes");
        prop_assert_eq!(
            validator().validate_str(&text).map_err(|e| e.to_string()),
            validator().validate_value(&document).map_err(|e| e.to_string())
        );
    }

    #[test]
    fn truncated_example_never_panics(cut in any::<Index>()) {
        let text = serde_json::to_vec_pretty(&example()).expect("serializes");
        let bytes = &text[..cut.index(text.len() + 1)];
        match validator().validate_slice(bytes) {
            Ok(report) => {
                let document: Value = serde_json::from_slice(bytes).expect("it was evaluated");
                check_report(&document, &report)?;
            }
            Err(error) => prop_assert!(bytes.len() < text.len(), "the whole text is valid: {error}"),
        }
    }

    #[test]
    fn personal_data_is_never_quoted(
        secrets in prop::collection::vec((arb_secret(), any::<u8>()), PERSONAL_FIELDS.len()),
        language_secret in arb_secret(),
        unknown_personal_field in any::<bool>(),
    ) {
        let mut document = example();
        let personal = document
            .pointer_mut("/person/personal")
            .and_then(Value::as_object_mut)
            .expect("the example has personal data");
        for (field, (secret, shape)) in PERSONAL_FIELDS.iter().zip(&secrets) {
            personal.insert((*field).to_owned(), place(secret, *shape));
        }
        if unknown_personal_field {
            // A misspelt field holding a name: the field name is reported, its value is not.
            personal.insert("given_names".to_owned(), json!(language_secret.clone()));
        }
        document["person"]["languages"][0]["listening"] = json!(language_secret.clone());
        let text = serde_json::to_string(&document).expect("serializes");
        let answer = match validator().validate_str(&text) {
            Ok(report) => serde_json::to_string(&report).expect("serializes"),
            Err(error) => format!("{error} {:?}", error.details()),
        };
        for secret in secrets.iter().map(|(s, _)| s).chain([&language_secret]) {
            prop_assert!(!answer.contains(secret.as_str()), "{secret:?} quoted in {answer}");
            // Nor any of its words (a name split at a backtick or a space).
            for word in secret.split(['`', ' ', ',']).filter(|w| is_name_word(w)) {
                prop_assert!(!answer.contains(word), "{word:?} quoted in {answer}");
            }
        }
    }
}

#[test]
fn the_unmutated_example_is_valid() {
    let report = validator().validate_value(&example()).expect("evaluable");
    assert!(report.valid && report.findings.is_empty(), "{report:?}");
}
