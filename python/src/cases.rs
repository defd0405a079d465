//! `attesta.Case`, `attesta.verify` and `attesta.render_html`: an IVC case (core
//! `procedure::Case`) opened, acted on and replayed from Python, its log checked, its
//! documents printed.
//!
//! Actions, events and documents cross the boundary as the JSON of their schemas
//! (`case-action`, `case-event`, `document`); a refusal is the core's `Error::Refused`,
//! raised as `attesta.RefusalError` by the generic error translation.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};

use attesta::documents::{Document, RenderOptions};
use attesta::procedure::{
    parse_events, parse_log, read_action, verify_head, verify_signed_log, Action, Case as CoreCase,
    EnteKey, Event, Head, SignedHead, TrustedKey,
};

use crate::convert::{from_json_bytes, from_json_input, record_input, to_py, type_name};
use crate::errors::attesta_error;
use crate::frameworks::Frameworks;
use crate::validate::parse_options;

/// An IVC case: its event log and the state replayed from it, over a `Frameworks`.
#[pyclass(module = "attesta")]
pub(crate) struct Case {
    pub(crate) inner: CoreCase,
}

#[pymethods]
impl Case {
    /// Opens a case with an `open_case` action at `at` (RFC 3339 UTC) by `actor`; raises
    /// `RefusalError` when the action is refused.
    #[staticmethod]
    fn open(
        py: Python<'_>,
        frameworks: &Bound<'_, Frameworks>,
        at: &str,
        actor: &str,
        action: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let action = action_of(action)?;
        let set = frameworks.get().inner.set().clone();
        py.detach(|| CoreCase::open(set, at, actor, &action))
            .map(|inner| Case { inner })
            .map_err(|refusal| attesta_error(py, &refusal.into()))
    }

    /// Opens a case for a person who comes back after `earlier` ended, taking its documents
    /// and credits as credits; raises `RefusalError` as `open` does.
    #[staticmethod]
    fn continue_from(
        py: Python<'_>,
        frameworks: &Bound<'_, Frameworks>,
        earlier: &Bound<'_, Case>,
        at: &str,
        actor: &str,
        action: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let action = action_of(action)?;
        let set = frameworks.get().inner.set().clone();
        let earlier = earlier.borrow();
        let earlier = &earlier.inner;
        py.detach(|| CoreCase::continue_from(set, earlier, at, actor, &action))
            .map(|inner| Case { inner })
            .map_err(|refusal| attesta_error(py, &refusal.into()))
    }

    /// Rebuilds a case from its events — a list of event dicts, or the case file's JSON
    /// Lines as str or bytes — checking the hash chain first; raises `AttestaError` of the
    /// replay failure's kind (`log_integrity`, `frameworks_changed`...).
    #[staticmethod]
    fn from_events(
        py: Python<'_>,
        frameworks: &Bound<'_, Frameworks>,
        events: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let events = events_of(events)?;
        let set = frameworks.get().inner.set().clone();
        py.detach(|| CoreCase::from_events(set, events))
            .map(|inner| Case { inner })
            .map_err(|error| attesta_error(py, &error.into()))
    }

    /// Applies an action at `at` by `actor` and returns the event appended (a dict, schema
    /// `case-event`); raises `RefusalError` when refused, the case then unchanged.
    fn act<'py>(
        &mut self,
        py: Python<'py>,
        at: &str,
        actor: &str,
        action: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let action = action_of(action)?;
        let inner = &mut self.inner;
        let event = py
            .detach(|| inner.act(at, actor, &action).cloned())
            .map_err(|refusal| attesta_error(py, &refusal.into()))?;
        to_py(py, &event)
    }

    /// The events, oldest first (dicts, schema `case-event`).
    #[getter]
    fn events<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.events())
    }

    /// The case file's text: one canonical event a line (JSON Lines), as `attesta case`
    /// writes it; with `since` (a head dict `{seq, hash}`), only the events after it: the
    /// file `attesta case append` takes from a mobile unit.
    #[pyo3(signature = (*, since = None))]
    fn to_jsonl(&self, py: Python<'_>, since: Option<&Bound<'_, PyAny>>) -> PyResult<String> {
        let events = match since {
            Some(head) => {
                let head: Head = from_json_input(head, "a head {seq, hash}")?;
                self.inner
                    .events_since(&head)
                    .map_err(|e| attesta_error(py, &e))?
            }
            None => self.inner.events(),
        };
        attesta::procedure::write_log(events).map_err(|e| attesta_error(py, &e.into()))
    }

    /// The events after `head` (a dict `{seq, hash}`, e.g. the head the case had when it was
    /// taken offline); raises `AttestaError` (`invalid_input`) when it is not an event of the
    /// case.
    fn events_since<'py>(
        &self,
        py: Python<'py>,
        head: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let head: Head = from_json_input(head, "a head {seq, hash}")?;
        let events = self
            .inner
            .events_since(&head)
            .map_err(|e| attesta_error(py, &e))?;
        to_py(py, events)
    }

    /// Appends events made elsewhere (a mobile unit's, as `to_jsonl(since=head)` exports
    /// them: JSON Lines or a list of event dicts) and returns those appended (dicts; events
    /// the case already holds are skipped). With `trusted_key` (SPKI PEM) the case and the new
    /// events must be signed by it. Raises `AttestaError` of kind `fork` (both branches in
    /// `details["fork"]`), `log_integrity`, `event_refused` or `invalid_options`; the case is
    /// then unchanged.
    #[pyo3(signature = (events, *, trusted_key = None))]
    fn append<'py>(
        &mut self,
        py: Python<'py>,
        events: &Bound<'py, PyAny>,
        trusted_key: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let events = fragment_of(events)?;
        let key = trusted_key
            .map(TrustedKey::from_pem)
            .transpose()
            .map_err(|e| attesta_error(py, &e.into()))?;
        let inner = &mut self.inner;
        let appended = py
            .detach(|| inner.append(&events, key.as_ref()).map(<[Event]>::to_vec))
            .map_err(|e| attesta_error(py, &e))?;
        to_py(py, &appended)
    }

    /// The state replayed from the log (a dict, schema `case-state`).
    #[getter]
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.state())
    }

    /// The state with what follows from it: allowed actions, evidence findings, sufficiency,
    /// UC checks and coverage (a dict, schema `case-view`).
    fn view<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &attesta::procedure::CaseView::of(self.inner.state()))
    }

    /// The documents the case has issued so far (dicts, schema `document`).
    fn documents<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.documents())
    }

    /// Signs every event not yet signed with the ente's private key (PKCS#8 PEM) and returns
    /// the signed head to keep beside the log (a dict, schema `case-head`), `None` without
    /// events.
    fn sign_pending<'py>(&mut self, py: Python<'py>, key_pem: &str) -> PyResult<Bound<'py, PyAny>> {
        let key = EnteKey::from_pem(key_pem).map_err(|e| attesta_error(py, &e.into()))?;
        let head = self.inner.sign_pending(&key);
        to_py(py, &head)
    }

    fn __repr__(&self) -> String {
        format!(
            "<Case {} events, phase {}>",
            self.inner.events().len(),
            self.inner.state().phase.as_str()
        )
    }
}

/// Checks a case log (a list of event dicts, or JSON Lines as str or bytes): its hash chain;
/// with `head` (a signed head dict, schema `case-head`) also that the log ends there; with
/// `trusted_key` (SPKI PEM) also every signature and the head's. Returns `None` when intact;
/// raises `AttestaError` of kind `log_integrity` (the first bad event in `details["integrity"]`)
/// otherwise.
#[pyfunction]
#[pyo3(signature = (events, *, head = None, trusted_key = None))]
pub(crate) fn verify(
    py: Python<'_>,
    events: &Bound<'_, PyAny>,
    head: Option<&Bound<'_, PyAny>>,
    trusted_key: Option<&str>,
) -> PyResult<()> {
    let events = events_of(events)?;
    let head: Option<SignedHead> = head
        .map(|h| from_json_input(h, "a signed head"))
        .transpose()?;
    let outcome = match (trusted_key, head) {
        (Some(pem), Some(head)) => {
            let key = TrustedKey::from_pem(pem).map_err(|e| attesta_error(py, &e.into()))?;
            py.detach(|| verify_signed_log(&events, &head, &key))
        }
        (Some(_), None) => {
            return Err(attesta_error(
                py,
                &attesta::Error::InvalidInput(
                    "a trusted key checks a log against its signed head: give head too".to_owned(),
                ),
            ))
        }
        (None, Some(head)) => {
            let head = Head {
                seq: head.seq,
                hash: head.hash,
            };
            py.detach(|| verify_head(&events, &head))
        }
        (None, None) => py.detach(|| attesta::procedure::verify(&events)),
    };
    outcome.map_err(|error| attesta_error(py, &error.into()))
}

/// Prints a document (a dict, JSON str or bytes, schema `document`) as a standalone HTML
/// page; the keyword arguments are the render options (schema `render-options`).
#[pyfunction]
#[pyo3(signature = (document, **options))]
pub(crate) fn render_html(
    py: Python<'_>,
    document: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    let options: RenderOptions = parse_options("render_html", options)?;
    let document: Document = from_json_input(document, "a document")?;
    py.detach(|| attesta::documents::render_html(&document, &options))
        .map_err(|e| attesta_error(py, &e))
}

/// An action: a dict, JSON str or bytes, read as the core reads actions (`invalid_action`
/// naming what does not fit).
fn action_of(action: &Bound<'_, PyAny>) -> PyResult<Action> {
    let py = action.py();
    let input = record_input(action, attesta::DEFAULT_MAX_DEPTH).map_err(|err| {
        if err.is_instance_of::<PyTypeError>(py) {
            PyTypeError::new_err(format!(
                "an action is a dict, a JSON str or JSON bytes, not {}",
                type_name(action)
            ))
        } else {
            err
        }
    })?;
    let text = std::str::from_utf8(input.bytes()).map_err(|_| {
        attesta_error(
            py,
            &attesta::Error::InvalidAction("the action is not UTF-8".to_owned()),
        )
    })?;
    read_action(text).map_err(|e| attesta_error(py, &e))
}

/// Events: JSON Lines (str or bytes, read as a case file is) or a list of event dicts.
fn events_of(events: &Bound<'_, PyAny>) -> PyResult<Vec<Event>> {
    read_events(events, parse_log)
}

/// Events exported after a head: as [`events_of`], without the chain from the log's start
/// (`Case.append` checks them against the case).
fn fragment_of(events: &Bound<'_, PyAny>) -> PyResult<Vec<Event>> {
    read_events(events, parse_events)
}

/// Events read with `parse` from JSON Lines, or from a list of event dicts.
fn read_events(
    events: &Bound<'_, PyAny>,
    parse: fn(&[u8]) -> Result<Vec<Event>, attesta::procedure::IntegrityError>,
) -> PyResult<Vec<Event>> {
    let py = events.py();
    let log = |bytes: &[u8]| parse(bytes).map_err(|e| attesta_error(py, &e.into()));
    if let Ok(text) = events.cast::<PyString>() {
        return log(text.to_str()?.as_bytes());
    }
    if let Ok(bytes) = events.cast::<PyBytes>() {
        return log(bytes.as_bytes());
    }
    if events.is_instance_of::<PyDict>() {
        return Err(PyTypeError::new_err(
            "events are a list of event dicts or JSON Lines, not one dict",
        ));
    }
    let Ok(items) = events.try_iter() else {
        return Err(PyTypeError::new_err(format!(
            "events are a list of event dicts or JSON Lines, not {}",
            type_name(events)
        )));
    };
    let mut out = Vec::new();
    for item in items {
        let item = item?;
        let input = record_input(&item, attesta::DEFAULT_MAX_DEPTH)?;
        out.push(from_json_bytes(py, input.bytes(), "an event")?);
    }
    Ok(out)
}
