//! Property tests over random sequences of actions on the demo case: no panic, refusals leave
//! the log unchanged, replay equals the live state, no validation document without an
//! assessment, documents list only validated UCs, and any single-byte change to a serialized
//! log is detected.

mod procedure_common;

use attesta::documents::Document;
use attesta::procedure::{check_unit, parse_log, replay, write_log, Case, Phase};
use procedure_common::{action, demo_steps, run, Step};
use proptest::prelude::*;
use serde_json::{json, Value};

const ACTORS: &[&str] = &[
    "op-eitc-01",
    "op-evac-07",
    "op-esperto-03",
    "op-resp-01",
    "p-7f3a9c21",
    "op-nobody",
];

/// A pool of actions: every demo step plus actions that break rules or are out of place.
fn pool() -> Vec<Value> {
    let mut actions: Vec<Value> = demo_steps().into_iter().skip(1).map(|s| s.action).collect();
    actions.extend([
        json!({"kind": "withdraw", "payload": {}}),
        json!({"kind": "refer", "payload": {"reason": "other", "to": "Altro servizio"}}),
        json!({"kind": "request_certificazione", "payload": {}}),
        json!({"kind": "issue_certificato", "payload": {"place": "Livorno",
            "signatory": {"name": "Firmatario di esempio", "role": "Dirigente"}}}),
        json!({"kind": "close_identificazione", "payload": {"proceed_to_valutazione": false}}),
        json!({"kind": "decide_units", "payload": {"decisions": [{"unit": "1953", "outcome": "validated"}]}}),
        json!({"kind": "decide_units", "payload": {"decisions": [{"unit": "1955", "outcome": "not_validated"}]}}),
        json!({"kind": "record_assessment", "payload": {"method": "prova_prestazionale",
            "results": [{"item": "1955.S-C1", "outcome": "failed"}]}}),
        json!({"kind": "plan_assessment", "payload": {"assessors": ["op-evac-07"], "methods": {}}}),
        json!({"kind": "add_credit", "payload": {"id": "cr-1", "kind": "certificato",
            "issuer": "Regione Toscana", "issued_on": "2020-01-01", "reference": "n. 1", "units": ["1948"]}}),
        json!({"kind": "correct_evidence_judgement", "payload": {"judgement": {"evidence": "ev-course",
            "pertinent_to": [], "authenticity": "doubtful"}, "reason": "errore"}}),
        json!({"kind": "add_operator", "payload": {"id": "op-f3-b", "roles": ["f3"]}}),
    ]);
    actions
}

fn time(minutes: u32) -> String {
    let day = 1 + minutes / 1440;
    let rest = minutes % 1440;
    format!("2025-10-{day:02}T{:02}:{:02}:00Z", rest / 60, rest % 60)
}

fn check_invariants(case: &Case) {
    let state = case.state();
    // Replay equals the live state.
    assert_eq!(&replay(case.events()).expect("replays"), state);
    // No validation document without an assessment; attested UCs pass the UC rule.
    for issued in [&state.validazione, &state.certificato]
        .into_iter()
        .flatten()
    {
        assert!(!state.results.is_empty(), "attestation without assessment");
        for code in &issued.units {
            let unit = state.target.unit(code).expect("target UC");
            assert!(check_unit(unit, &state.results, &state.config).may_validate());
        }
    }
    // Documents list only validated UCs.
    let validated = state.validated_units();
    for doc in case.documents() {
        let listed: Vec<String> = match &doc {
            Document::DocumentoValidazione(d) => {
                d.competences.iter().map(|c| c.unit.code.clone()).collect()
            }
            Document::Certificato(d) => d.competences.iter().map(|c| c.unit.code.clone()).collect(),
            Document::DocumentoTrasparenza(_) => Vec::new(),
        };
        assert!(
            listed.iter().all(|c| validated.contains(c)),
            "{listed:?} vs {validated:?}"
        );
    }
    if state.phase == Phase::Validated {
        assert!(state.validazione.is_some());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_action_sequences_keep_the_invariants(
        prefix in 0usize..23,
        moves in prop::collection::vec((0usize..40, 0usize..6, 0u32..30), 0..25),
    ) {
        // Start from a prefix of the demo, then apply random actions by random actors.
        let steps: Vec<Step> = demo_steps().into_iter().take(prefix + 1).collect();
        let mut case = run(&steps);
        let pool = pool();
        let mut minutes = 0;
        for (which, who, gap) in moves {
            minutes += gap;
            let before = case.events().to_vec();
            let value = &pool[which % pool.len()];
            let result = case.act(&time(minutes), ACTORS[who], &action(value));
            if result.is_err() {
                prop_assert_eq!(case.events(), &before[..], "a refusal changed the log");
            }
        }
        check_invariants(&case);
    }

    #[test]
    fn any_single_byte_change_is_detected(position in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let text = write_log(run(&demo_steps()).events()).unwrap();
        let mut bytes = text.into_bytes();
        let at = position.index(bytes.len());
        prop_assume!(bytes[at] != byte);
        bytes[at] = byte;
        prop_assert!(parse_log(&bytes).is_err(), "undetected change at byte {}", at);
    }
}
