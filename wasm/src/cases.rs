//! IVC cases in the browser: `Case` (open, continue, act, replay), `verify` and `renderHtml`.
//!
//! A case held in a page (a mobile unit with no network) runs on the core's `procedure::Case`,
//! so the events it writes are the very events `attesta case act` writes: the job centre
//! appends them to the central case file (`attesta case append`). Actions, events, states
//! and documents cross the boundary as the JSON of their schemas (`case-action`, `case-event`,
//! `case-state`, `case-view`, `document`), parsed with `JSON.parse`. Time is passed in by the
//! caller (`at`): the core reads no clock.
//!
//! The frameworks of `Case.open(action, {frameworks})` are a `Frameworks` object, which the
//! Rust side can only take as an argument of its own (wasm-bindgen reads no exported object
//! out of a plain object, nor an optional reference): the package's `cases.js` maps the
//! options object onto the methods exported here (`openIn`, `continueIn`, `replayIn`), with the
//! built-in frameworks when none are given.

use attesta::documents::{Document, RenderOptions};
use attesta::procedure::{
    parse_events, parse_log, read_action, verify_head, verify_signed_log, Action, Case, CaseView,
    EnteKey, Event, Head, IntegrityError, SignedHead, TrustedKey,
};
use js_sys::{Array, ArrayBuffer, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{self, Class};
use crate::frameworks::JsFrameworks;
use crate::input;
use crate::queries::to_js;

/// The largest JSON value read as an action, document, head or event list (a case log is
/// tens to hundreds of events of a few kilobytes; the core reads case files up to 64 MiB).
const MAX_JSON_BYTES: usize = 64 << 20;

/// Who acts, and when (RFC 3339 UTC): the options of `open`, `continueFrom` and `act`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActOptions {
    actor: Option<String>,
    at: Option<String>,
}

impl ActOptions {
    /// The options with both members given.
    fn of(value: &JsValue) -> Result<(String, String), JsValue> {
        let options: ActOptions = crate::options::from_js(value)?;
        match (options.actor, options.at) {
            (Some(actor), Some(at)) => Ok((actor, at)),
            (None, _) => Err(missing("actor")),
            (_, None) => Err(missing("at")),
        }
    }
}

/// The options of `verify`: the signed head the log must end at, and the trusted key (SPKI
/// PEM) its signatures must verify with.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct VerifyOptions {
    head: Option<SignedHead>,
    trusted_key: Option<String>,
}

/// The options of `append`: the trusted key (SPKI PEM) of a signed case.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AppendOptions {
    trusted_key: Option<String>,
}

fn missing(name: &str) -> JsValue {
    error::to_js_as(
        Class::Type,
        &attesta::Error::InvalidOptions(format!("option '{name}' is required")),
    )
}

/// An IVC case: its event log and the state replayed from it.
#[wasm_bindgen(js_name = Case)]
pub struct JsCase {
    inner: Case,
}

#[wasm_bindgen(js_class = Case)]
impl JsCase {
    /// Opens a case with an `open_case` action over `frameworks`; `options` is
    /// `{actor, at}`. JS: `Case.open(action, {actor, at, frameworks})`.
    ///
    /// # Errors
    /// `refused` (with the refusal) when the action is refused; `invalid_action` or
    /// `malformed_json` for an action that is not one; `invalid_options` for the options.
    #[wasm_bindgen(js_name = openIn)]
    pub fn open_in(
        frameworks: &JsFrameworks,
        action: &JsValue,
        options: &JsValue,
    ) -> Result<JsCase, JsValue> {
        let action = action_of(action)?;
        let (actor, at) = ActOptions::of(options)?;
        Case::open(frameworks.frameworks.set().clone(), &at, &actor, &action)
            .map(|inner| JsCase { inner })
            .map_err(|refusal| error::to_js(&refusal.into()))
    }

    /// Opens a case for a person who comes back after `earlier` ended, taking its documents
    /// and credits as credits. JS: `Case.continueFrom(earlier, action, {actor, at,
    /// frameworks})`.
    ///
    /// # Errors
    /// As `open`.
    #[wasm_bindgen(js_name = continueIn)]
    pub fn continue_in(
        frameworks: &JsFrameworks,
        earlier: &JsCase,
        action: &JsValue,
        options: &JsValue,
    ) -> Result<JsCase, JsValue> {
        let action = action_of(action)?;
        let (actor, at) = ActOptions::of(options)?;
        Case::continue_from(
            frameworks.frameworks.set().clone(),
            &earlier.inner,
            &at,
            &actor,
            &action,
        )
        .map(|inner| JsCase { inner })
        .map_err(|refusal| error::to_js(&refusal.into()))
    }

    /// Rebuilds a case from its events (the case file's JSON Lines as a string or bytes, or
    /// an array of event objects), checking the hash chain first and re-applying every
    /// event's action. JS: `Case.fromEvents(events, {frameworks})`.
    ///
    /// # Errors
    /// The replay failure's kind: `log_integrity`, `empty_log`, `event_refused`,
    /// `frameworks_changed`...
    #[wasm_bindgen(js_name = replayIn)]
    pub fn replay_in(frameworks: &JsFrameworks, events: &JsValue) -> Result<JsCase, JsValue> {
        let events = events_of(events)?;
        Case::from_events(frameworks.frameworks.set().clone(), events)
            .map(|inner| JsCase { inner })
            .map_err(|e| error::to_js(&e.into()))
    }

    /// Applies an action (`options`: `{actor, at}`) and returns the event appended.
    ///
    /// # Errors
    /// `refused` with the refusal (the case is then unchanged); as `open` for the arguments.
    pub fn act(&mut self, action: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
        let action = action_of(action)?;
        let (actor, at) = ActOptions::of(options)?;
        let event = self
            .inner
            .act(&at, &actor, &action)
            .map_err(|refusal| error::to_js(&refusal.into()))?;
        to_js(event)
    }

    /// The events, oldest first (schema `case-event`).
    ///
    /// # Errors
    /// Only if an event could not be serialized.
    pub fn events(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.events())
    }

    /// The events after `head` (`{seq, hash}`, e.g. the case's head when the unit took it
    /// offline): the new events to hand to the central case file.
    ///
    /// # Errors
    /// `invalid_input` when `head` is not an event of this case.
    #[wasm_bindgen(js_name = eventsSince)]
    pub fn events_since(&self, head: &JsValue) -> Result<JsValue, JsValue> {
        let head: Head = json_arg(head, "a head {seq, hash}")?;
        to_js(
            self.inner
                .events_since(&head)
                .map_err(|e| error::to_js(&e))?,
        )
    }

    /// The case file's text, one canonical event a line, as `attesta case` writes it; with
    /// `since` (a head) only the events after it, the file `attesta case append` takes.
    ///
    /// # Errors
    /// `invalid_input` when `since` is not an event of this case.
    #[wasm_bindgen(js_name = toJsonl)]
    pub fn to_jsonl(&self, since: &JsValue) -> Result<String, JsValue> {
        let events = if since.is_undefined() || since.is_null() {
            self.inner.events()
        } else {
            let head: Head = json_arg(since, "a head {seq, hash}")?;
            self.inner
                .events_since(&head)
                .map_err(|e| error::to_js(&e))?
        };
        attesta::procedure::write_log(events).map_err(|e| error::to_js(&e.into()))
    }

    /// Appends events made elsewhere (another unit's, as `toJsonl(head)` exports them: JSON
    /// Lines or an array of events) and returns those appended; events the case already
    /// holds are skipped. `options.trustedKey` (SPKI PEM) is required for a signed case.
    ///
    /// # Errors
    /// `fork` naming both branches (`details.fork`), `log_integrity`, `event_refused`,
    /// `invalid_options`; the case is then unchanged.
    pub fn append(&mut self, events: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
        let events = read_events(events, parse_events)?;
        let options: AppendOptions = crate::options::from_js(options)?;
        let key = options
            .trusted_key
            .map(|pem| TrustedKey::from_pem(&pem))
            .transpose()
            .map_err(|e| error::to_js(&e.into()))?;
        let appended = self
            .inner
            .append(&events, key.as_ref())
            .map_err(|e| error::to_js(&e))?;
        to_js(appended)
    }

    /// The state replayed from the log (schema `case-state`).
    ///
    /// # Errors
    /// Only if the state could not be serialized.
    #[wasm_bindgen(getter)]
    pub fn state(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.state())
    }

    /// The head of the log (`{seq, hash}` of the last event): what to keep to export the
    /// events made after it.
    ///
    /// # Errors
    /// Only if the head could not be serialized.
    #[wasm_bindgen(getter)]
    pub fn head(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.events().last().map(Event::head))
    }

    /// The state with what follows from it: allowed actions, evidence findings, sufficiency,
    /// UC checks and coverage (schema `case-view`).
    ///
    /// # Errors
    /// Only if the view could not be serialized.
    pub fn view(&self) -> Result<JsValue, JsValue> {
        to_js(&CaseView::of(self.inner.state()))
    }

    /// The documents the case has issued so far (schema `document`).
    ///
    /// # Errors
    /// Only if a document could not be serialized.
    pub fn documents(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.documents())
    }

    /// Signs every event not yet signed with the ente's private key (PKCS#8 PEM) and returns
    /// the signed head to keep beside the log (schema `case-head`), `null` without events.
    ///
    /// # Errors
    /// `invalid_key` when the key is not an Ed25519 private key; a `TypeError` for a
    /// non-string.
    #[wasm_bindgen(js_name = signPending)]
    pub fn sign_pending(&mut self, key_pem: &JsValue) -> Result<JsValue, JsValue> {
        let Some(pem) = key_pem.as_string() else {
            return Err(input::wrong_type("string", key_pem));
        };
        let key = EnteKey::from_pem(&pem).map_err(|e| error::to_js(&e.into()))?;
        to_js(&self.inner.sign_pending(&key))
    }
}

/// Checks a case log (JSON Lines as a string or bytes, or an array of events): its hash
/// chain; with `options.head` (a signed head) also that the log ends there; with
/// `options.trustedKey` (SPKI PEM, needs `head`) also every signature and the head's.
///
/// # Errors
/// `log_integrity` naming the first bad event; `invalid_key`; `invalid_options`.
#[wasm_bindgen]
pub fn verify(events: &JsValue, options: &JsValue) -> Result<(), JsValue> {
    let events = events_of(events)?;
    let options: VerifyOptions = crate::options::from_js(options)?;
    let outcome = match (options.trusted_key, options.head) {
        (Some(pem), Some(head)) => {
            let key = TrustedKey::from_pem(&pem).map_err(|e| error::to_js(&e.into()))?;
            verify_signed_log(&events, &head, &key)
        }
        (Some(_), None) => {
            return Err(error::to_js(&attesta::Error::InvalidOptions(
                "a trusted key checks a log against its signed head: give head too".to_owned(),
            )))
        }
        (None, Some(head)) => verify_head(&events, &head.head()),
        (None, None) => attesta::procedure::verify(&events),
    };
    outcome.map_err(|e| error::to_js(&e.into()))
}

/// Prints a document (object, JSON text or bytes, schema `document`) as a standalone HTML
/// page; `options` are the render options in camelCase (`secondLanguage`,
/// `redactPersonalData`).
///
/// # Errors
/// `invalid_input` for a value that is not a document; `invalid_options` for the options.
#[wasm_bindgen(js_name = renderHtml)]
pub fn render_html(document: &JsValue, options: &JsValue) -> Result<String, JsValue> {
    let options: RenderOptions = crate::options::from_js(options)?;
    let document: Document = json_arg(document, "a document")?;
    attesta::documents::render_html(&document, &options).map_err(|e| error::to_js(&e))
}

/// An action (object, JSON text or bytes), read as the core reads actions.
fn action_of(action: &JsValue) -> Result<Action, JsValue> {
    let bytes = input::record_bytes(action, MAX_JSON_BYTES)?;
    let text = std::str::from_utf8(&bytes).map_err(|_| {
        error::to_js(&attesta::Error::InvalidAction(
            "the action is not UTF-8".to_owned(),
        ))
    })?;
    read_action(text).map_err(|e| error::to_js(&e))
}

/// Events: JSON Lines (a string or bytes, read as a case file is) or an array of events.
fn events_of(events: &JsValue) -> Result<Vec<Event>, JsValue> {
    read_events(events, parse_log)
}

/// Events read with `parse` from JSON Lines (a string or bytes), or an array of events.
fn read_events(
    events: &JsValue,
    parse: fn(&[u8]) -> Result<Vec<Event>, IntegrityError>,
) -> Result<Vec<Event>, JsValue> {
    let log = |bytes: &[u8]| parse(bytes).map_err(|e| error::to_js(&e.into()));
    if events.is_string()
        || events.is_instance_of::<Uint8Array>()
        || events.is_instance_of::<ArrayBuffer>()
    {
        return log(&input::record_bytes(events, MAX_JSON_BYTES)?);
    }
    if !Array::is_array(events) {
        return Err(input::wrong_type("array", events));
    }
    Array::from(events)
        .iter()
        .map(|event| json_arg(&event, "an event"))
        .collect()
}

/// A value of the core's type `T` (a head, an event, a document) from a JS object, JSON text
/// or bytes, at most [`MAX_JSON_BYTES`].
fn json_arg<T: serde::de::DeserializeOwned>(value: &JsValue, what: &str) -> Result<T, JsValue> {
    input::json_arg(value, what, MAX_JSON_BYTES)
}
