//! The bodies of Attesta's fuzz targets, one public function per target.
//!
//! `fuzz_targets/*.rs` hand libFuzzer's bytes to these functions; `core/tests/fuzz_corpus.rs`
//! includes this very file and runs every committed seed and past crash through the same
//! functions, so `make test` replays the corpus without building libFuzzer.
//!
//! Each function takes arbitrary bytes, drives one public entry point of the library with
//! them, and panics only when an invariant a user relies on is broken: a panic inside the
//! library, a report whose paths do not point into the document, two ways of doing the same
//! thing that disagree (strict and lenient import, in-memory and streamed files, a bundle
//! written and read back, a case log written and replayed).
//!
//! Inputs made of several files (the importers) are split with [`FILE_SEPARATOR`].

mod bundle;
mod case;
mod files;
mod importers;
mod record;
mod structured;

pub use bundle::bundle_load;
pub use case::case_replay;
pub use files::{split_files, FILE_SEPARATOR};
pub use importers::{
    import_anpal, import_calabria, import_cp2021, import_esco, import_rrfp_toscana,
};
pub use record::validate_record;

/// A target's body: takes any bytes, panics only on a broken invariant.
pub type Target = fn(&[u8]);

/// Every target by name, for the corpus replay test (`corpus/<name>/…`).
pub const TARGETS: [(&str, Target); 8] = [
    ("validate_record", validate_record),
    ("bundle_load", bundle_load),
    ("case_replay", case_replay),
    ("import_esco", import_esco),
    ("import_rrfp_toscana", import_rrfp_toscana),
    ("import_calabria", import_calabria),
    ("import_cp2021", import_cp2021),
    ("import_anpal", import_anpal),
];
