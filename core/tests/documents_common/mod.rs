//! Helpers shared by the document tests of the case engine: the demo's issue step, running
//! the rest of the demo, and asserting that documents pass (or fail) the art. 6 check.
#![allow(dead_code, unreachable_pub)]

use attesta::documents::{check_document_value, DocumentType};
use attesta::procedure::{Case, Refusal, RefusalReason};
use serde_json::Value;

use super::procedure_common::{act, demo_steps, Step};

pub const F1: &str = "op-eitc-01";
pub const RESP: &str = "op-resp-01";
pub const LATER: &str = "2025-10-01T09:00:00Z";

/// The demo's last step (the issue of the Documento di validazione) as JSON.
pub fn issue_step() -> (String, String, Value) {
    let step = demo_steps().pop().expect("demo steps");
    assert!(step.file.contains("issue-validazione"));
    (step.at, step.actor, step.action)
}

/// The demo's steps after `from` (inclusive), up to but excluding the issue.
pub fn demo_middle(from: &str) -> Vec<Step> {
    let steps = demo_steps();
    let start = steps.iter().position(|s| s.file.contains(from)).unwrap();
    steps[start..steps.len() - 1].to_vec()
}

pub fn continue_with(case: &mut Case, steps: &[Step]) {
    for step in steps {
        act(case, &step.at, &step.actor, step.action.clone())
            .unwrap_or_else(|r| panic!("{}: {r}", step.file));
    }
}

/// Every document the case has issued passes the document check without errors.
pub fn assert_lawful(case: &Case) {
    for doc in case.documents() {
        let report = check_document_value(&serde_json::to_value(&doc).unwrap()).unwrap();
        let errors: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity == attesta::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", doc.id());
    }
}

/// The refused document and the (code, path) of each finding; asserts the log is unchanged.
pub fn not_lawful(
    case: &mut Case,
    at: &str,
    actor: &str,
    action: Value,
) -> (DocumentType, Vec<(String, String)>) {
    let before = case.events().len();
    let refusal: Refusal = act(case, at, actor, action).expect_err("should be refused");
    assert_eq!(case.events().len(), before, "the log must not change");
    assert_eq!(
        refusal.code().map(attesta::Code::as_str),
        Some("procedure.document_not_lawful")
    );
    let RefusalReason::DocumentNotLawful {
        document_type,
        findings,
    } = refusal.reason
    else {
        panic!("not a document refusal: {refusal}");
    };
    let listed = findings
        .iter()
        .map(|f| (f.code.as_str().to_owned(), f.path.to_pointer()))
        .collect();
    (document_type, listed)
}
