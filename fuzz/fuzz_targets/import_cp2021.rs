//! libFuzzer entry point of the `import_cp2021` target; the body is [`attesta_fuzz::import_cp2021`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| attesta_fuzz::import_cp2021(data));
