//! libFuzzer entry point of the `bundle_load` target; the body is [`attesta_fuzz::bundle_load`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| attesta_fuzz::bundle_load(data));
