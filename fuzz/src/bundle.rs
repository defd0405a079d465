//! `bundle_load`: `Bundle::from_bytes` (and `from_vec`, `from_bytes_with_header`) over
//! arbitrary bytes.
//!
//! Invariants: no panic and no unbounded allocation whatever the header claims; the borrowing
//! and the owning loaders agree; a loaded bundle describes itself (`info`), writes and reads
//! back the same, and a loaded framework is accepted or refused by a framework set with an
//! error.

use attesta::bundle::Bundle;
use attesta::framework::FrameworkSet;

use super::importers::round_trip;

/// The `bundle_load` target.
///
/// # Panics
/// When the library breaks one of the invariants in this module's documentation.
pub fn bundle_load(data: &[u8]) {
    let borrowed = Bundle::from_bytes_with_header(data);
    let owned = Bundle::from_vec(data.to_vec());
    match (borrowed, owned) {
        (Ok((header, bundle)), Ok(other)) => {
            assert!(
                bundle == other,
                "from_bytes and from_vec load different content"
            );
            let info = bundle.info(&header);
            assert_eq!(info.bytes, data.len() as u64, "info gives the wrong size");
            if let Bundle::Framework(framework) = &bundle {
                let _ = FrameworkSet::new().insert(framework.clone());
            }
            round_trip(&bundle);
        }
        (Err(a), Err(b)) => {
            assert_eq!(
                a.kind(),
                b.kind(),
                "from_bytes and from_vec fail differently"
            );
            assert!(
                !a.details().message.is_empty(),
                "an error without a message"
            );
        }
        (a, b) => panic!(
            "from_bytes {} but from_vec {}",
            if a.is_ok() { "loads" } else { "fails" },
            if b.is_ok() { "loads" } else { "fails" }
        ),
    }
}
