//! The session language and the linguistic-cultural mediator of a case: recorded by an action,
//! printed on the person's Documento di trasparenza, and the language the CLI and the page use
//! beside the Italian. Logs without the action replay as before (the `tests/cases` corpus).

mod procedure_common;

use attesta::documents::{render_html, Document, RenderOptions};
use procedure_common::{act, demo_steps, demo_until, kind, run};
use serde_json::json;

const F1: &str = "op-eitc-01";
const AT: &str = "2025-09-08T09:55:00Z";

fn trasparenza(case: &attesta::procedure::Case) -> attesta::documents::DocumentoTrasparenza {
    case.documents()
        .into_iter()
        .find_map(|d| match d {
            Document::DocumentoTrasparenza(dt) => Some(dt),
            _ => None,
        })
        .expect("a Documento di trasparenza")
}

#[test]
fn the_session_language_and_mediator_are_printed_on_the_documento_di_trasparenza() {
    let mut case = run(&demo_until("15-close"));
    let session = json!({"language": "ti", "mediator": {"id": "med-04", "organisation": "Cooperativa Ponte"}});
    act(&mut case, AT, F1, kind("record_session", session.clone())).expect("recorded");
    assert_eq!(case.state().session_language(), Some("ti"));
    let close = demo_steps()
        .into_iter()
        .find(|s| s.file.contains("15-close"))
        .expect("close step");
    act(&mut case, &close.at, &close.actor, close.action).expect("closed");

    let dt = trasparenza(&case);
    assert_eq!(serde_json::to_value(&dt.session).expect("json"), session);
    let language = case.state().session_language().map(str::to_owned);
    let html = render_html(
        &Document::DocumentoTrasparenza(dt),
        &RenderOptions {
            second_language: language,
            ..RenderOptions::default()
        },
    )
    .expect("rendered");
    assert!(
        html.contains(
            "Lingua dei colloqui<span class=\"l2\" lang=\"ti\">ቋንቋ ርክባት</span></th><td>ti</td>"
        ),
        "{html}"
    );
    assert!(html.contains("Mediatore linguistico-culturale presente"));
    assert!(html.contains("<td>med-04 (Cooperativa Ponte)</td>"));
}

#[test]
fn a_case_without_a_session_prints_no_session_rows() {
    let case = run(&demo_until("16-plan"));
    let dt = trasparenza(&case);
    assert!(dt.session.is_none());
    let html = render_html(
        &Document::DocumentoTrasparenza(dt),
        &RenderOptions::default(),
    )
    .expect("rendered");
    assert!(!html.contains("Lingua dei colloqui"));
}

#[test]
fn a_malformed_session_is_refused_and_the_log_does_not_grow() {
    let mut case = run(&demo_until("15-close"));
    let before = case.events().len();
    for payload in [
        json!({"language": "klingon"}),
        json!({"language": "ar", "mediator": {"id": "has space"}}),
        json!({"language": "ar", "mediator": {"id": "p-7f3a9c21"}}),
    ] {
        assert!(
            act(&mut case, AT, F1, kind("record_session", payload.clone())).is_err(),
            "{payload}"
        );
    }
    assert_eq!(case.events().len(), before);
    // Dari is an ISO 639-3 code Attesta has a catalogue for; Somali an ISO 639-1 code it has not.
    for language in ["prs", "so"] {
        act(
            &mut case,
            AT,
            F1,
            kind("record_session", json!({"language": language})),
        )
        .expect(language);
    }
    assert_eq!(case.state().session_language(), Some("so"));
}

#[test]
fn the_session_is_recorded_only_while_the_person_is_being_served() {
    let mut case = run(&demo_steps());
    let refused = act(
        &mut case,
        "2026-01-10T09:00:00Z",
        F1,
        kind("record_session", json!({"language": "ar"})),
    );
    assert!(refused.is_err());
}
