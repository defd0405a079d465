//! The committed `data/frameworks/rrfp_toscana.attb` must be the bundle of the committed
//! `rrfp_toscana.json` (the JSON is the editable source). `BLESS=1` rewrites the bundle.

use attesta::builtin::{RRFP_TOSCANA_SAMPLE, RRFP_TOSCANA_SAMPLE_BUNDLE};
use attesta::bundle::Bundle;
use attesta::framework::Framework;

const BUNDLE_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../data/frameworks/rrfp_toscana.attb"
);

#[test]
fn committed_bundle_equals_the_bundle_of_the_json() {
    let framework: Framework = serde_json::from_str(RRFP_TOSCANA_SAMPLE).unwrap();
    let built = Bundle::Framework(framework.clone()).to_bytes().unwrap();
    if std::env::var("BLESS").as_deref() == Ok("1") {
        std::fs::write(BUNDLE_PATH, &built).unwrap();
        eprintln!("rewrote {BUNDLE_PATH}");
        return;
    }
    assert!(
        built == RRFP_TOSCANA_SAMPLE_BUNDLE,
        "data/frameworks/rrfp_toscana.attb is out of date with rrfp_toscana.json; \
         run `BLESS=1 cargo test -p attesta --test bundle_drift` and commit the .attb"
    );
    let loaded = Bundle::from_bytes(RRFP_TOSCANA_SAMPLE_BUNDLE)
        .unwrap()
        .into_framework()
        .unwrap();
    assert_eq!(loaded, framework);
}
