//! Privacy end to end: redaction, and the monitoring export over real procedure cases whose
//! records carry canary values in every personal field. No canary may come out of the export
//! (JSON, CSV, chart), of a redacted record, of a finding message or of an error.

mod procedure_common;

use attesta::model::CompetenceRecord;
use attesta::privacy::monitoring::{
    self, AgeBand, Breakdown, CaseFacts, Dimension, MonitoringAttributes, MonitoringOptions, Sex,
};
use attesta::privacy::{redact, PseudonymKey, RedactOptions};
use procedure_common::{demo_steps, demo_until, run, with_open};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Canary values, one per personal field; they are valid for their rules (the codice fiscale
/// has its check character) so that a case opens with them and every rule runs on them. The
/// nationality, a two-letter code, is planted but not searched for: two capitals occur in any
/// text.
fn canaries(n: usize) -> Value {
    json!({
        "given_name": format!("Zqxcanarygiven{n}"),
        "family_name": format!("Zqxcanaryfamily{n}"),
        "birth_date": "1986-11-23",
        "birth_place": format!("Zqxcanaryplace{n}"),
        "fiscal_code": "SMPSMN90D12Z343X",
        "nationality": "SN"
    })
}

fn canary_strings(n: usize) -> Vec<String> {
    vec![
        format!("Zqxcanarygiven{n}"),
        format!("Zqxcanaryfamily{n}"),
        "1986-11-23".to_owned(),
        format!("Zqxcanaryplace{n}"),
        "SMPSMN90D12Z343X".to_owned(),
        format!("zqx-person-{n}"),
        format!("zqx-case-{n}"),
    ]
}

fn assert_clean(text: &str, what: &str, n: usize) {
    for canary in canary_strings(n) {
        assert!(!text.contains(&canary), "{what} shows the canary {canary}");
    }
}

/// A demo case (all steps, or up to `stop`) with canaries for personal data and ids.
fn case_facts(n: usize, stop: Option<&str>) -> CaseFacts {
    let steps = stop.map_or_else(demo_steps, demo_until);
    let steps = with_open(steps, |payload| {
        payload["case_id"] = json!(format!("zqx-case-{n}"));
        payload["record"]["person"]["personal"] = canaries(n);
    });
    CaseFacts::of(run(&steps).state())
}

#[test]
fn the_monitoring_export_counts_real_cases_and_shows_no_identifier() {
    let mut facts = Vec::new();
    let mut attributes = Vec::new();
    // 7 validated cases, 6 in valutazione, 2 in identificazione.
    let plan = [
        (7, None, Sex::Female),
        (6, Some("16-plan"), Sex::Male),
        (2, Some("04-add"), Sex::Female),
    ];
    for (count, stop, sex) in plan {
        for _ in 0..count {
            let n = facts.len();
            facts.push(case_facts(n, stop));
            attributes.push(MonitoringAttributes {
                case_id: format!("zqx-case-{n}"),
                sex: Some(sex),
                age_band: Some(AgeBand::From25To34),
                country_group: Some("africa_occidentale".to_owned()),
                residence_permit: None,
                project: Some("fami_commit".to_owned()),
                office: Some("cpi_livorno".to_owned()),
            });
        }
    }
    let report = monitoring::export(&facts, &attributes, &MonitoringOptions::default()).unwrap();
    assert_eq!(report.cases, Some(15));
    let table = |d: Dimension, b: Option<Breakdown>| {
        report
            .tables
            .iter()
            .find(|t| t.dimension == d && t.breakdown == b)
            .unwrap()
    };
    let row = |d: Dimension, value: &str| {
        table(d, None)
            .rows
            .iter()
            .find(|r| r.value == value)
            .unwrap()
            .total
    };
    assert_eq!(row(Dimension::Outcome, "validated"), Some(7));
    assert_eq!(row(Dimension::Outcome, "in_progress"), Some(8));
    assert_eq!(row(Dimension::Phase, "concluded"), Some(7));
    // 2 in identificazione is under k = 5: hidden; and since 15 − 7 − 2 would give it back
    // from the valutazione count, that one (the smallest other) is hidden too.
    assert_eq!(row(Dimension::Phase, "identificazione"), None);
    assert_eq!(row(Dimension::Phase, "valutazione"), None);
    assert_eq!(row(Dimension::Figure, "rrfp_toscana:450"), Some(15));
    // The demo validates UCs 1954 and 1955 and not 1953, in each of the 7 concluded cases.
    let units: Vec<(&str, Option<u64>)> = table(Dimension::Unit, None)
        .rows
        .iter()
        .map(|r| (r.value.as_str(), r.total))
        .collect();
    assert_eq!(
        units,
        [
            ("450/1953 not_validated", Some(7)),
            ("450/1954 validated", Some(7)),
            ("450/1955 validated", Some(7))
        ]
    );
    let by_sex = table(Dimension::Outcome, Some(Breakdown::Sex));
    assert_eq!(by_sex.columns, ["female", "male", "not_stated"]);
    // The 2 women still in progress are hidden; so are the 6 men beside them (else 8 − 6),
    // the 7 validated women (else 9 − 7) and the 0 validated men (else 6 − 6).
    let cells = |value: &str| &by_sex.rows.iter().find(|r| r.value == value).unwrap().cells;
    assert_eq!(cells("in_progress"), &[None, None, Some(0)]);
    assert_eq!(cells("validated"), &[None, None, Some(0)]);
    assert_eq!(
        by_sex.column_totals.as_deref(),
        Some(&[Some(9), Some(6), Some(0)][..])
    );

    let json = serde_json::to_string(&report).unwrap();
    let mut csv = Vec::new();
    report.write_csv(&mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    let svg = report.to_svg();
    for n in 0..facts.len() {
        assert_clean(&json, "the JSON export", n);
        assert_clean(&csv, "the CSV export", n);
        assert_clean(&svg, "the chart", n);
    }
    assert!(csv.starts_with("dimension,breakdown,value,column,count,hidden\n"));
    assert!(csv.contains("phase,,valutazione,total,,suppressed\n"));
    assert!(svg.starts_with("<svg") && svg.contains("&lt; 5"));
}

fn record_with(personal: &Value, n: usize) -> CompetenceRecord {
    serde_json::from_value(json!({
        "schema_version": "1.0",
        "id": "rec-1",
        "person": {"id": format!("zqx-person-{n}"), "personal": personal, "mother_tongues": ["ti"]},
        "experiences": [{
            "id": "exp-1", "context": "informale", "kind": "work",
            "period": {"start": "2019-03"}, "country": "ER",
            "organisation": format!("Zqxcanaryfamily{n} srl"), "place": format!("Zqxcanaryplace{n}"),
            "tasks": [format!("worked for Zqxcanarygiven{n}")]
        }]
    }))
    .unwrap()
}

#[test]
fn redaction_keeps_what_the_procedure_needs_and_says_what_it_removed() {
    let record = record_with(&canaries(1), 1);
    let kept = redact(&record, &RedactOptions::default(), None);
    assert_eq!(kept.record.person.id, "zqx-person-1");
    assert!(kept.record.person.personal.is_none());
    assert_eq!(kept.record.experiences, record.experiences);
    assert_eq!(kept.record.person.mother_tongues, ["ti"]);
    assert_eq!(
        kept.removed,
        [
            "/person/personal/given_name",
            "/person/personal/family_name",
            "/person/personal/birth_date",
            "/person/personal/birth_place",
            "/person/personal/fiscal_code",
            "/person/personal/nationality"
        ]
    );
    let year = redact(
        &record,
        &RedactOptions {
            keep_birth_year: true,
            ..RedactOptions::default()
        },
        None,
    );
    let personal = year.record.person.personal.clone().unwrap();
    assert_eq!(personal.birth_date.as_deref(), Some("1986"));
    assert!(personal.given_name.is_none() && personal.fiscal_code.is_none());
    // The redacted record is still a valid record.
    let text = serde_json::to_string(&year.record).unwrap();
    assert!(attesta::validate(&text).unwrap().valid);
}

#[test]
fn pseudonyms_are_keyed_stable_and_never_print_the_key() {
    let record = record_with(&canaries(2), 2);
    let key = PseudonymKey::new(&[7; 32]).unwrap();
    let other = PseudonymKey::new(&[8; 32]).unwrap();
    let a = redact(&record, &RedactOptions::default(), Some(&key));
    let b = redact(&record, &RedactOptions::default(), Some(&key));
    let c = redact(&record, &RedactOptions::default(), Some(&other));
    assert!(a.pseudonymised);
    assert_eq!(a.record.person.id, b.record.person.id);
    assert_ne!(a.record.person.id, c.record.person.id);
    assert!(a.record.person.id.starts_with("ps-") && a.record.person.id.len() == 35);
    assert_eq!(format!("{key:?}"), "PseudonymKey(..)");
    let short = PseudonymKey::new(b"too short").unwrap_err();
    assert_eq!(short.details().kind.as_str(), "invalid_options");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Canaries in every personal field and free text: a redacted record (free texts dropped,
    /// pseudonymised) holds none of them, and neither do the finding messages or the errors of
    /// the original record, however it is broken.
    #[test]
    fn no_canary_survives_redaction_findings_or_errors(
        n in 0..1000usize,
        cut in 0..400usize,
        future in any::<bool>(),
    ) {
        let mut personal = canaries(n);
        if future {
            // A finding on the birth date itself: its message must still not quote it.
            personal["birth_date"] = json!("2999-01-01");
        }
        let record = record_with(&personal, n);
        let options = RedactOptions { keep_birth_year: false, drop_free_text: true };
        let key = PseudonymKey::new(&[1; 32]).unwrap();
        let redacted = redact(&record, &options, Some(&key));
        let text = serde_json::to_string(&redacted).unwrap();
        for canary in canary_strings(n) {
            prop_assert!(!text.contains(&canary), "redacted record shows {}", canary);
        }
        prop_assert!(!text.contains("2999-01-01"));

        let original = serde_json::to_string(&record).unwrap();
        let report = attesta::validate(&original).unwrap();
        let findings = serde_json::to_string(&report.findings).unwrap();
        for canary in canary_strings(n).iter().filter(|c| !c.starts_with("zqx-")) {
            prop_assert!(!findings.contains(canary.as_str()), "a finding shows {}", canary);
        }
        prop_assert!(!findings.contains("2999-01-01"));
        // The same record cut anywhere: an error (or a report) that quotes nothing.
        let cut = original.len().saturating_sub(cut + 1).max(1);
        let broken = original.get(..cut).unwrap_or("{");
        let said = match attesta::validate(broken) {
            Ok(report) => serde_json::to_string(&report.findings).unwrap(),
            Err(error) => serde_json::to_string(&error.details()).unwrap(),
        };
        for canary in canary_strings(n).iter().filter(|c| !c.starts_with("zqx-")) {
            prop_assert!(!said.contains(canary.as_str()), "an error shows {}", canary);
        }
    }
}
