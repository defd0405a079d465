//! libFuzzer entry point of the `validate_record` target; the body is [`attesta_fuzz::validate_record`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| attesta_fuzz::validate_record(data));
