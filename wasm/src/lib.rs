//! WebAssembly bindings of Attesta: the engine of the npm package `attesta`.
//!
//! A thin translation layer over the core that holds no rules of its own:
//! - arguments come in as JS values: a record as a plain object, JSON text or UTF-8 bytes
//!   ([`input`]), options as a camelCase object mapped onto the core's `ValidationOptions`
//!   ([`options`]);
//! - results go out as plain objects parsed from the core's own serde JSON, so a report is
//!   byte for byte the JSON that Rust (and the CLI, and Python) produce ([`validator`],
//!   [`frameworks`], `cases`); a validation report, the answer called most often, is built
//!   in place as the object that parse would give ([`report`]);
//! - "cannot evaluate" is thrown as a real JS `Error` built from `attesta::Error::details()`
//!   ([`error`]).
//!
//! The crate builds three modules of the package: without features the lean main module
//! (`attesta`: validation, frameworks, search, lookup, gap); with the features `cases` and
//! `l10n` the case module (`attesta/cases`: the same plus `Case`, `verify`, `renderHtml`,
//! `localizeReport`), which carries the procedure, the documents, their renderer and the Fluent
//! catalogues and so is more than twice the size; with the feature `credentials` the credential
//! module (`attesta/credentials`: the main module's API plus `exportCredential`,
//! `signCredential`, `verifyCredential`), which carries JSON-LD and RDF canonicalization. Keeping
//! them apart keeps the main module within the package's size budget.
//!
//! The package's ES modules (`wasm/js/`) load these modules in browsers and in Node. The JSON
//! Schemas (`schema(name)`) are not in this module: the package serves the committed
//! `data/schemas/*.json` from a generated JS module (`schemas.js`), which keeps about 45 KB gzip
//! of text out of the WebAssembly size budget; the browser entry imports it beside the module's
//! fetch, not before it (see `wasm/js/index.js`).

#[cfg(feature = "cases")]
mod cases;
#[cfg(feature = "credentials")]
mod credentials;
mod error;
mod frameworks;
mod input;
#[cfg(feature = "l10n")]
mod l10n;
mod options;
mod queries;
mod report;
mod validator;

use wasm_bindgen::prelude::*;

/// The allocator of the module: talc instead of Rust's default dlmalloc, for size: it takes
/// 2.8 KB less of the gzipped module, which keeps the main module within its 250 KB budget.
/// Measured in Node, validations run 2-5% more instructions with it (the fixture corpus the
/// most) and about as fast in time. The module is single-threaded (no `atomics`).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(feature = "cases")]
pub use cases::{render_html, verify, JsCase};
#[cfg(feature = "credentials")]
pub use credentials::{
    export_credential_alone, export_credential_with, sign_credential, verify_credential,
};
pub use frameworks::{load_framework, JsFrameworks};
#[cfg(feature = "l10n")]
pub use l10n::localize_report;
pub use validator::{is_valid, validate, JsValidator};

/// The Attesta version (the core's, which is also the npm package's).
#[wasm_bindgen]
pub fn version() -> String {
    attesta::VERSION.to_owned()
}
