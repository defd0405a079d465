//! libFuzzer entry point of the `import_anpal` target; the body is [`attesta_fuzz::import_anpal`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| attesta_fuzz::import_anpal(data));
