//! WebAssembly bindings of Attesta.
//!
//! A thin translation layer over the core; the full API arrives with the WebAssembly issue.
//! Today it exports the version, which proves the core links for `wasm32-unknown-unknown`.

use wasm_bindgen::prelude::*;

/// The Attesta version.
#[wasm_bindgen]
pub fn version() -> String {
    attesta::VERSION.to_owned()
}
