//! libFuzzer entry point of the `import_calabria` target; the body is [`attesta_fuzz::import_calabria`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| attesta_fuzz::import_calabria(data));
