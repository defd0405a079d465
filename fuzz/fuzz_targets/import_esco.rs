//! libFuzzer entry point of the `import_esco` target; the body is [`attesta_fuzz::import_esco`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| attesta_fuzz::import_esco(data));
