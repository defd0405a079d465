//! Frameworks from bundle bytes.
//!
//! `loadFramework(bytes)` reads one `.attb` bundle (or a list of them: a regional repertoire and
//! ESCO, say) with the core's `FrameworkSetBuilder`, on top of the built-in sample, and returns a
//! `Frameworks` object. Its `validator(options)` checks claims against those frameworks.
//!
//! `search`, `lookup` and `gap` over the loaded frameworks are in the `queries` module; the
//! search index they share is built on first use and kept here.

use std::cell::OnceCell;

use attesta::framework::{FrameworkSetBuilder, FrameworkSetError, Frameworks};
use attesta::search::SearchIndex;
use js_sys::Array;
use wasm_bindgen::prelude::*;

use crate::validator::JsValidator;
use crate::{error, input};

/// Frameworks loaded from bundles (with the built-in sample unless a bundle replaces it).
#[wasm_bindgen(js_name = Frameworks)]
pub struct JsFrameworks {
    pub(crate) frameworks: Frameworks,
    /// The label search index, built by the first search or lookup.
    pub(crate) index: OnceCell<SearchIndex>,
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
        index: OnceCell::new(),
    })
}

/// A framework-set error as the core's error: a source's own error when it has one (its kind
/// says what is wrong with the bundle), else `invalid_framework` with the set's message.
fn core_error(error: FrameworkSetError) -> attesta::Error {
    match error {
        FrameworkSetError::Source { error, .. } => error,
        other => attesta::Error::InvalidFramework(other.to_string()),
    }
}
