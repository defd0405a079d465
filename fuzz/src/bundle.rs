//! `bundle_load`: `Bundle::from_bytes` (and `from_vec`, `from_bytes_with_header`) over
//! arbitrary bytes.
//!
//! Invariants: no panic and no unbounded allocation whatever the header claims; the borrowing
//! and the owning loaders agree; a loaded bundle describes itself (`info`), writes and reads
//! back the same, and a loaded framework is accepted or refused by a framework set with an
//! error.
//!
//! The header's checksum catches accidents, not attackers: anyone can write a right one. So
//! every input is loaded twice, as given and with the header's length and checksum made right
//! for its payload, which takes mutated payloads past the checksum into the decoder.

use attesta::bundle::{Bundle, HEADER_LEN, MAGIC};
use attesta::framework::FrameworkSet;

use twox_hash::XxHash3_64;

use super::importers::round_trip;

/// The `bundle_load` target.
///
/// # Panics
/// When the library breaks one of the invariants in this module's documentation.
pub fn bundle_load(data: &[u8]) {
    load(data);
    if let Some(fixed) = with_right_checksum(data) {
        if fixed != data {
            load(&fixed);
        }
    }
}

/// `data` with the bundle magic, and the payload length and checksum of what follows the
/// header (`None` when shorter than a header).
fn with_right_checksum(data: &[u8]) -> Option<Vec<u8>> {
    let payload_len = data.len().checked_sub(HEADER_LEN)? as u64;
    let mut fixed = data.to_vec();
    fixed[..MAGIC.len()].copy_from_slice(&MAGIC);
    fixed[16..24].copy_from_slice(&payload_len.to_le_bytes());
    let mut seed = [0u8; 8];
    seed.copy_from_slice(&fixed[8..16]);
    let checksum = XxHash3_64::oneshot_with_seed(u64::from_le_bytes(seed), &fixed[HEADER_LEN..]);
    fixed[24..32].copy_from_slice(&checksum.to_le_bytes());
    Some(fixed)
}

fn load(data: &[u8]) {
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
