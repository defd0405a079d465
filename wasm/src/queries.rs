//! What an operator asks of loaded frameworks: `search` (which node do these words mean?),
//! `lookup` (what is this node?) and `gap` (which UCs of a figure does this record cover?).
//!
//! Each answer is the core's serde JSON parsed with `JSON.parse`, so it is the very JSON the
//! CLI prints for `attesta search --json`, `attesta search --lookup` and `attesta gap --json`
//! (schemas `search-results`, `node-lookup`, `gap-report`). The search index is built on the
//! first `search` or `lookup` and kept with the frameworks.
//!
//! Each call takes a `locale` option (a language tag such as `ar`): labels are then picked in
//! that language where a framework has it, else along its fallback chain, and every label says
//! its language (`language`/`fallback` of a hit, `title_lang`, `label_lang`), as
//! `attesta --lang LOCALE search|gap` prints them.

use attesta::gap::{analyze_gap, GapInput};
use attesta::model::{CompetenceClaim, FrameworkRef};
use attesta::search::lookup::lookup_node_in;
use attesta::search::{
    EscoLabelSelection, FrameworkLabels, SearchIndex, SearchIndexBuilder, SearchOptions,
};
use attesta::ValidationOptions;
use js_sys::{Array, JsString, Object, Reflect, JSON};
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{self, Class};
use crate::frameworks::JsFrameworks;
use crate::input;

#[wasm_bindgen(js_class = Frameworks)]
impl JsFrameworks {
    /// Searches the labels of every framework, ESCO release and classification loaded;
    /// `options` is a camelCase object of the core's search options (`limit`, `minScore`,
    /// `nodeTypes`, `languages`, `queryLanguage`, `locale`, ...). Returns the hits, best first.
    ///
    /// # Errors
    /// A `TypeError` when `query` is not a string; `invalid_options` errors for options.
    pub fn search(&self, query: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
        let Some(query) = query.as_string() else {
            return Err(input::wrong_type("string", query));
        };
        let options: SearchOptions = crate::options::from_js(options)?;
        let hits = self
            .index()?
            .search(&query, &options)
            .map_err(|e| error::to_js(&e))?;
        to_js(&hits)
    }

    /// What a node is: a figure's profile, a UC's detail, or what any other code (an old
    /// Atlante code, an ESCO URI, a CP2021 unit) stands for. `node` is a reference object
    /// `{ scheme, code }` or its `"scheme:code"` text; `options` may give the `locale` of the
    /// titles.
    ///
    /// # Errors
    /// A `TypeError` (`invalid_options`) when `node` is neither, or for an unknown option.
    pub fn lookup(&self, node: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
        let node = framework_ref(node, "node")?;
        let locale = locale_option(options)?;
        let set = self.frameworks.set();
        let found = lookup_node_in(
            set,
            &node,
            Some(self.index()?),
            self.frameworks.esco().map(AsRef::as_ref),
            locale.as_deref(),
        );
        to_js(&found)
    }

    /// The gap between a record's claims and a target figure, UC by UC; `validated` lists UCs
    /// already validated or certified (references or `"scheme:code"` texts); `options` may give
    /// the `locale` of the labels. With ESCO loaded, the report carries the
    /// regulated-profession notes, as `attesta gap` does.
    ///
    /// # Errors
    /// A `TypeError` for arguments of the wrong type; the record's own error when it cannot be
    /// read (e.g. `malformed_json`), `invalid_record` with the report when it is not a
    /// competence record; `unknown_framework`/`invalid_options` for a target that is not a
    /// loaded figure.
    pub fn gap(
        &self,
        record: &JsValue,
        target: &JsValue,
        validated: &JsValue,
        options: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let locale = locale_option(options)?;
        let claims = record_claims(record)?;
        let target = framework_ref(target, "target")?;
        let validated = if validated.is_undefined() || validated.is_null() {
            Vec::new()
        } else if Array::is_array(validated) {
            Array::from(validated)
                .iter()
                .map(|v| framework_ref(&v, "validated"))
                .collect::<Result<_, _>>()?
        } else {
            return Err(invalid_argument("validated", "an array of references"));
        };
        let set = self.frameworks.set();
        let input = GapInput {
            target,
            claims,
            validated,
            locale,
        };
        let mut report = analyze_gap(set, &input).map_err(|e| error::to_js(&e))?;
        if let Some(esco) = self.frameworks.esco() {
            report = report.with_esco(set, esco);
        }
        to_js(&report)
    }
}

/// The options of `lookup` and `gap`, `{ locale }`: the language tag of their labels (`it`,
/// `ar`, `fa-AF`); `None` for the frameworks' own languages. Read by hand rather than through
/// `options::from_js`, whose serde code for one more type would cost the module's size budget.
fn locale_option(options: &JsValue) -> Result<Option<String>, JsValue> {
    const EXPECTED: &str = "an object whose one option is locale";
    if options.is_undefined() || options.is_null() {
        return Ok(None);
    }
    if !options.is_object() || options.is_function() || Array::is_array(options) {
        return Err(invalid_argument("options", EXPECTED));
    }
    let locale = JsValue::from_str("locale");
    for key in Object::keys(options.unchecked_ref::<Object>()) {
        if key != locale {
            return Err(invalid_argument("options", EXPECTED));
        }
    }
    let value = Reflect::get(options, &locale)?;
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value
        .as_string()
        .map(Some)
        .ok_or_else(|| invalid_argument("locale", "a language tag such as 'it'"))
}

impl JsFrameworks {
    /// The search index over everything loaded, built on first use.
    fn index(&self) -> Result<&SearchIndex, JsValue> {
        if let Some(index) = self.index.get() {
            return Ok(index);
        }
        let index = build_index(&self.frameworks).map_err(|e| error::to_js(&e))?;
        Ok(self.index.get_or_init(|| index))
    }
}

/// The search index over everything loaded, as `attesta search` builds it.
fn build_index(frameworks: &attesta::framework::Frameworks) -> attesta::Result<SearchIndex> {
    let mut builder = SearchIndexBuilder::new();
    if let Some(esco) = frameworks.esco() {
        builder.add_esco(esco, &EscoLabelSelection::default());
    }
    for classification in frameworks.classifications() {
        builder.add_classification(classification, "it", false);
    }
    for framework in frameworks.set().frameworks() {
        builder.add_framework(framework, &FrameworkLabels::default());
    }
    builder.build()
}

/// A node reference from `{ scheme, code, version? }` or `"scheme:code"`.
fn framework_ref(value: &JsValue, name: &'static str) -> Result<FrameworkRef, JsValue> {
    const EXPECTED: &str = "a reference { scheme, code } or a \"scheme:code\" text";
    if let Some(text) = value.as_string() {
        return text
            .split_once(':')
            .map(|(scheme, code)| FrameworkRef::new(scheme.trim(), code.trim()))
            .ok_or_else(|| invalid_argument(name, EXPECTED));
    }
    if !value.is_object() || Array::is_array(value) {
        return Err(invalid_argument(name, EXPECTED));
    }
    JSON::stringify(value)
        .ok()
        .and_then(|t| t.dyn_into::<JsString>().ok())
        .and_then(|t| serde_json::from_str(&String::from(t)).ok())
        .ok_or_else(|| invalid_argument(name, EXPECTED))
}

/// The part of a record a gap analysis reads: its claims. Only they are deserialized (the
/// rest of the record is the validator's business), which keeps the deserializers of the whole
/// record model out of the module; for a well-formed record the claims are those of
/// `attesta gap`, so the report is the same.
#[derive(Deserialize)]
struct RecordClaims {
    // Required as in a record, so that `{}` or another document is not read as "no claims".
    #[serde(rename = "schema_version")]
    _schema_version: String,
    #[serde(rename = "id")]
    _id: String,
    #[serde(rename = "person")]
    _person: IgnoredAny,
    #[serde(default)]
    claims: Vec<CompetenceClaim>,
}

/// The claims of a gap analysis's record, in any form `validate` takes. A record whose claims
/// cannot be read is reported as `validate` reports it (`invalid_record` with the findings
/// saying where), never with serde's message, which may quote its values.
fn record_claims(value: &JsValue) -> Result<Vec<CompetenceClaim>, JsValue> {
    let options = ValidationOptions::default();
    let bytes = input::record_bytes(value, options.max_size)?;
    // serde also reads a struct from an array: a record is an object.
    let is_object = bytes.trim_ascii_start().first() == Some(&b'{');
    if let Ok(record) = serde_json::from_slice::<RecordClaims>(&bytes) {
        if is_object {
            return Ok(record.claims);
        }
    }
    let validator = options.build().map_err(|e| error::to_js(&e))?;
    let report = validator
        .validate_slice(&bytes)
        .map_err(|e| error::to_js(&e))?;
    Err(error::to_js(&attesta::Error::InvalidRecord(Box::new(
        report,
    ))))
}

/// The `TypeError` (kind `invalid_options`) for an argument of the wrong shape.
fn invalid_argument(name: &str, expected: &str) -> JsValue {
    error::to_js_as(
        Class::Type,
        &attesta::Error::InvalidOptions(format!("{name} must be {expected}")),
    )
}

/// A core result as a plain JS value, through the core's JSON.
pub(crate) fn to_js(value: &(impl Serialize + ?Sized)) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value)
        .map_err(|_| error::internal("the result could not be serialized"))?;
    JSON::parse(&text)
}
