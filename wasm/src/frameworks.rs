//! Frameworks from bundle bytes, and label search over them.
//!
//! `loadFramework(bytes)` reads one `.attb` bundle (or a list of them: a regional repertoire and
//! ESCO, say) with the core's `FrameworkSetBuilder`, on top of the built-in sample, and returns a
//! `Frameworks` object. Its `validator(options)` checks claims against those frameworks.
//!
//! With the crate feature `search`, `Frameworks.search(query, options)` finds the figures, UCs,
//! ESCO concepts or CP2021 units an operator means from a few typed words (the index is built on
//! the first search and kept). The feature is off in the npm package for now: it takes the module
//! from 169 to 265 KB gzip, over the 250 KB budget. About 28 KB of that is search code and 69 KB
//! data, mostly the tables of `unicode-normalization` behind the core's search folding
//! (`attesta::search::fold`: NFD, then combining marks dropped); `Decompositions` chooses its
//! kind at run time, so the compatibility and CJK tables are linked as well as the canonical ones.

#[cfg(feature = "search")]
use std::cell::OnceCell;

use attesta::framework::{FrameworkSetBuilder, FrameworkSetError, Frameworks};
#[cfg(feature = "search")]
use attesta::search::{
    EscoLabelSelection, FrameworkLabels, SearchIndex, SearchIndexBuilder, SearchOptions,
};
use js_sys::Array;
use wasm_bindgen::prelude::*;

use crate::validator::JsValidator;
use crate::{error, input};

/// Frameworks loaded from bundles (with the built-in sample unless a bundle replaces it).
#[wasm_bindgen(js_name = Frameworks)]
pub struct JsFrameworks {
    frameworks: Frameworks,
    #[cfg(feature = "search")]
    index: OnceCell<SearchIndex>,
}

#[wasm_bindgen(js_class = Frameworks)]
impl JsFrameworks {
    /// A validator that checks claims against these frameworks; `options` as for
    /// `new Validator(options)`.
    ///
    /// # Errors
    /// As `new Validator(options)`.
    pub fn validator(&self, options: &JsValue) -> Result<JsValidator, JsValue> {
        JsValidator::build(options, self.frameworks.set().clone())
    }

    /// The ids of the frameworks loaded (the built-in sample's included), e.g. `rrfp_toscana`.
    pub fn ids(&self) -> Vec<String> {
        self.frameworks
            .set()
            .frameworks()
            .iter()
            .map(|f| f.id.clone())
            .collect()
    }

    /// What the user should be told about the load (a bundle that replaces the built-in
    /// sample), as English sentences.
    pub fn notices(&self) -> Vec<String> {
        self.frameworks
            .notices()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[cfg(feature = "search")]
    /// Searches the labels of every framework, ESCO release and classification loaded;
    /// `options` is a camelCase object of the core's search options (`limit`, `minScore`,
    /// `nodeTypes`, `queryLanguage`, ...). Returns the hits, best first.
    ///
    /// # Errors
    /// A `TypeError` when `query` is not a string; `invalid_options` errors for options.
    pub fn search(&self, query: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
        let Some(query) = query.as_string() else {
            return Err(input::wrong_type("string", query));
        };
        let options: SearchOptions = crate::options::from_js(options)?;
        let index = if let Some(index) = self.index.get() {
            index
        } else {
            let index = build_index(&self.frameworks).map_err(|e| error::to_js(&e))?;
            self.index.get_or_init(|| index)
        };
        let hits = index
            .search(&query, &options)
            .map_err(|e| error::to_js(&e))?;
        let text = serde_json::to_string(&hits)
            .map_err(|_| error::internal("the hits could not be serialized"))?;
        js_sys::JSON::parse(&text)
    }
}

/// Loads one bundle (a `Uint8Array` or `ArrayBuffer`) or an array of bundles on top of the
/// built-in sample.
///
/// # Errors
/// A `TypeError` when the argument holds no bytes; the core's error (`invalid_bundle`,
/// `invalid_framework`, ...) when a bundle is not usable or two hold the same framework.
#[wasm_bindgen(js_name = loadFramework)]
pub fn load_framework(bundles: &JsValue) -> Result<JsFrameworks, JsValue> {
    let list: Vec<JsValue> = if Array::is_array(bundles) {
        Array::from(bundles).iter().collect()
    } else {
        vec![bundles.clone()]
    };
    let mut builder = FrameworkSetBuilder::new();
    for (i, bundle) in list.iter().enumerate() {
        let bytes = input::bundle_bytes(bundle)?;
        builder = builder
            .bundle_bytes(format!("bundle {}", i + 1), bytes)
            .map_err(|e| error::to_js(&core_error(e)))?;
    }
    let frameworks = builder.build().map_err(|e| error::to_js(&core_error(e)))?;
    Ok(JsFrameworks {
        frameworks,
        #[cfg(feature = "search")]
        index: OnceCell::new(),
    })
}

#[cfg(feature = "search")]
/// The search index over everything loaded, as `attesta search` builds it.
fn build_index(frameworks: &Frameworks) -> attesta::Result<SearchIndex> {
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

/// A framework-set error as the core's error: a source's own error when it has one (its kind
/// says what is wrong with the bundle), else `invalid_framework` with the set's message.
fn core_error(error: FrameworkSetError) -> attesta::Error {
    match error {
        FrameworkSetError::Source { error, .. } => error,
        other => attesta::Error::InvalidFramework(other.to_string()),
    }
}
