//! `attesta --lang LOCALE` and `ATTESTA_LANG`: what a person reads changes language, what a
//! program reads (JSON, exit codes, finding codes) does not.

use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_attesta");
const RECORD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../data/examples/record-with-findings.json"
);

fn attesta(args: &[&str], lang_env: Option<&str>) -> Output {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env_remove("ATTESTA_LANG")
        .env("NO_COLOR", "1");
    if let Some(lang) = lang_env {
        command.env("ATTESTA_LANG", lang);
    }
    command.output().expect("attesta runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

#[test]
fn validate_speaks_italian_and_keeps_the_codes() {
    let out = attesta(&["--lang", "it", "validate", RECORD], None);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains(": non valido ("), "{text}");
    assert!(text.contains("errori") && text.contains("avvisi"), "{text}");
    assert!(text.contains("    errore Il repertorio"), "{text}");
    assert!(text.contains("[evidence.not_linked]"), "{text}");
    assert!(text.contains("L'evidenza non è collegata"), "{text}");
}

#[test]
fn attesta_lang_in_the_environment_gives_arabic_with_english_fallback() {
    let out = attesta(&["validate", RECORD], Some("ar"));
    let text = stdout(&out);
    assert!(text.contains("غير صالح"), "{text}");
    assert!(text.contains("الدليل غير مرتبط"), "{text}");
    // A code without an Arabic message falls back to English; no isolate is shown escaped.
    assert!(
        text.contains("No evidence item with id 'ev-4' in this record."),
        "{text}"
    );
    assert!(!text.contains("\\u{2068}"), "{text}");
    // The flag wins over the environment.
    let flag = stdout(&attesta(&["--lang", "en", "validate", RECORD], Some("ar")));
    assert_eq!(flag, stdout(&attesta(&["validate", RECORD], None)));
}

#[test]
fn json_output_is_the_same_in_every_language() {
    let plain = attesta(&["validate", "--format", "json", RECORD], None);
    for lang in ["it", "ar", "ti"] {
        let localized = attesta(
            &["--lang", lang, "validate", "--format", "json", RECORD],
            None,
        );
        assert_eq!(localized.stdout, plain.stdout, "{lang}");
        assert_eq!(localized.status.code(), plain.status.code());
    }
}

#[test]
fn an_unknown_language_is_a_usage_failure() {
    let out = attesta(&["--lang", "tlh", "validate", RECORD], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no catalogue for language 'tlh'"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn case_show_names_the_phase_in_the_asked_language_beside_its_json_word() {
    let log = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/cases/demo-450/events.jsonl"
    );
    let tigrinya = stdout(&attesta(&["--lang", "ti", "case", "show", log], None));
    assert!(
        tigrinya.contains("phase   validated (ተረጋጊጹ)\n"),
        "{tigrinya}"
    );
    let italian = stdout(&attesta(&["case", "show", log], Some("it")));
    assert!(
        italian.contains("phase   validated (Validato)\n"),
        "{italian}"
    );
    let plain = stdout(&attesta(&["case", "show", log], None));
    assert!(plain.contains("phase   validated\n"), "{plain}");
}
