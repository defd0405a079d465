//! libFuzzer entry point of the `import_rrfp_toscana` target; the body is [`attesta_fuzz::import_rrfp_toscana`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| attesta_fuzz::import_rrfp_toscana(data));
