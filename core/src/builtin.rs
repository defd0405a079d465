//! The small framework that ships with Attesta (`data/frameworks/rrfp_toscana.json`), so that
//! the demo, the tests and a browser form work without any external file.
//!
//! It holds three real Tuscan figures (codes, titles, sectors and levels from the Regione
//! Toscana RRFP export) with capacità/conoscenze paraphrased by the Attesta team; its `notes`
//! say exactly what was assumed.
//!
//! It is compiled in as a binary bundle (`rrfp_toscana.attb`, see [`crate::bundle`]), built from
//! the JSON, which stays the editable source; the test `bundle_drift` fails when the two
//! disagree (`BLESS=1 cargo test -p attesta --test bundle_drift` rewrites the bundle).

use std::sync::{Arc, OnceLock};

use crate::bundle::Bundle;
use crate::framework::FrameworkSet;

/// The built-in framework's JSON text (the editable source of the bundle).
pub const RRFP_TOSCANA_SAMPLE: &str = include_str!("../../data/frameworks/rrfp_toscana.json");

/// The built-in framework as a binary bundle (`.attb`).
pub const RRFP_TOSCANA_SAMPLE_BUNDLE: &[u8] =
    include_bytes!("../../data/frameworks/rrfp_toscana.attb");

/// The ids of the built-in frameworks, in the order of [`frameworks`], known without decoding
/// them: a framework set whose sources replace them all never decodes the sample (the test
/// `ids_are_the_decoded_ones` keeps this list true).
pub const FRAMEWORK_IDS: &[&str] = &["rrfp_toscana"];

/// The built-in frameworks, loaded once and shared.
///
/// # Panics
/// Never in a released build: the bundled file is checked by this crate's tests.
pub fn frameworks() -> Arc<FrameworkSet> {
    static SET: OnceLock<Arc<FrameworkSet>> = OnceLock::new();
    SET.get_or_init(|| {
        // The errors are not formatted into the panic message (`expect` would): that would
        // link the `Debug` code of every error type into the WebAssembly module for a panic
        // that the tests rule out.
        let Ok(framework) =
            Bundle::from_bytes(RRFP_TOSCANA_SAMPLE_BUNDLE).and_then(Bundle::into_framework)
        else {
            panic!("built-in framework is a valid framework bundle");
        };
        let mut set = FrameworkSet::new();
        assert!(
            set.insert(framework).is_ok(),
            "built-in framework is consistent"
        );
        Arc::new(set)
    })
    .clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NodeKind;

    #[test]
    fn ids_are_the_decoded_ones() {
        let set = frameworks();
        let ids: Vec<&str> = set.frameworks().iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, FRAMEWORK_IDS);
    }

    #[test]
    fn bundled_framework_loads_and_resolves() {
        let set = frameworks();
        let unit = set
            .node("rrfp_toscana", NodeKind::Unit, "1954")
            .expect("UC 1954");
        assert!(unit.title().starts_with("Movimentazione di merci"));
        assert_eq!(
            set.current_code("atlante_ada", "ADA.13.128.385"),
            Some("ADA.11.01.20")
        );
        let figures: Vec<_> = set
            .qualifications_with_unit("rrfp_toscana", "1948")
            .map(|q| q.code.as_str())
            .collect();
        assert_eq!(figures, ["450"]);
    }
}
