//! Gap analysis against the built-in framework: figure 413 (cook) has six UCs, each with two
//! capacità and two conoscenze.

use attesta::gap::{analyze_gap, GapInput, UnitStatus};
use attesta::model::{CompetenceClaim, FrameworkRef, SelfAssessment};

fn claim(
    id: &str,
    scheme: &str,
    code: &str,
    answer: SelfAssessment,
    evidence: bool,
) -> CompetenceClaim {
    CompetenceClaim {
        id: id.into(),
        target: FrameworkRef::new(scheme, code),
        self_assessment: answer,
        experiences: vec![],
        evidence: if evidence {
            vec!["ev-1".into()]
        } else {
            vec![]
        },
        notes: None,
    }
}

fn cook() -> FrameworkRef {
    FrameworkRef::new("rrfp_toscana.qualification", "413")
}

#[test]
fn each_uc_gets_its_status_and_what_is_left_to_cover() {
    use SelfAssessment::{No, Partially, Yes};
    let input = GapInput {
        target: cook(),
        claims: vec![
            claim("c1", "rrfp_toscana.unit", "1710", Yes, true),
            claim("c2", "rrfp_toscana.unit", "1696", Partially, false),
            // Every item of 1703 held: claimed although the UC itself is not claimed.
            claim("c3", "rrfp_toscana.capacita", "1703.S-C1", Yes, false),
            claim("c4", "rrfp_toscana.capacita", "1703.S-C2", Yes, false),
            claim("c5", "rrfp_toscana.conoscenza", "1703.S-K1", Yes, false),
            claim("c6", "rrfp_toscana.conoscenza", "1703.S-K2", Yes, false),
            // One item of 1706: partial, the other three items are left.
            claim("c7", "rrfp_toscana.conoscenza", "1706.S-K1", Yes, false),
            // A "no" answer and a claim on another figure's UC count for nothing here.
            claim("c8", "rrfp_toscana.unit", "1707", No, false),
            claim("c9", "rrfp_toscana.unit", "2263", Yes, false),
        ],
        validated: vec![
            FrameworkRef::new("rrfp_toscana.unit", "1708"),
            FrameworkRef::new("rrfp_toscana.unit", "1954"),
        ],
        locale: None,
    };
    let set = attesta::builtin::frameworks();
    let report = analyze_gap(&set, &input).expect("gap");
    let status: Vec<(&str, UnitStatus)> = report
        .units
        .iter()
        .map(|u| (u.unit.code.as_str(), u.status))
        .collect();
    assert_eq!(
        status,
        [
            ("1703", UnitStatus::Claimed),
            ("1706", UnitStatus::PartiallyClaimed),
            ("1707", UnitStatus::Missing),
            ("1696", UnitStatus::PartiallyClaimed),
            ("1710", UnitStatus::Claimed),
            ("1708", UnitStatus::Validated),
        ]
    );
    let s = report.summary;
    assert_eq!(
        (
            s.units,
            s.validated,
            s.claimed,
            s.partially_claimed,
            s.missing
        ),
        (6, 1, 2, 2, 1)
    );

    let u1706 = &report.units[1];
    let left = u1706
        .to_cover
        .as_ref()
        .expect("partial UC lists what is left");
    let codes: Vec<&str> = left
        .capacita
        .iter()
        .chain(&left.conoscenze)
        .map(|i| i.code.as_str())
        .collect();
    assert_eq!(codes, ["1706.S-C1", "1706.S-C2", "1706.S-K2"]);
    let missing = report.units[2]
        .to_cover
        .as_ref()
        .expect("missing UC lists everything");
    assert_eq!((missing.capacita.len(), missing.conoscenze.len()), (2, 2));
    assert!(report.units[0].to_cover.is_none());
    assert!(report.units[4].has_evidence);
    assert!(!report.units[3].has_evidence);
    assert_eq!(report.other_claims, ["c8", "c9"]);
    assert_eq!(
        report.other_validated,
        [FrameworkRef::new("rrfp_toscana.unit", "1954")]
    );

    let json = serde_json::to_value(&report).expect("serializes");
    assert_eq!(json["units"][1]["status"], "partially_claimed");
    let back: attesta::gap::GapReport = serde_json::from_value(json).expect("round-trips");
    assert_eq!(back, report);
}

#[test]
fn an_empty_record_misses_every_uc_and_a_bad_target_is_an_error() {
    let set = attesta::builtin::frameworks();
    let input = GapInput {
        target: cook(),
        claims: vec![],
        validated: vec![],
        locale: None,
    };
    let report = analyze_gap(&set, &input).expect("gap");
    assert_eq!(report.summary.missing, 6);
    assert!(report
        .units
        .iter()
        .all(|u| u.to_cover.as_ref().is_some_and(|t| t.capacita.len() == 2)));

    let unit = GapInput {
        target: FrameworkRef::new("rrfp_toscana.unit", "1710"),
        ..input.clone()
    };
    assert_eq!(
        analyze_gap(&set, &unit)
            .expect_err("a UC is no target")
            .kind()
            .as_str(),
        "invalid_options"
    );
    let other = GapInput {
        target: FrameworkRef::new("rrfp_umbria.qualification", "1"),
        ..input
    };
    assert_eq!(
        analyze_gap(&set, &other)
            .expect_err("unknown framework")
            .kind()
            .as_str(),
        "unknown_framework"
    );
}
