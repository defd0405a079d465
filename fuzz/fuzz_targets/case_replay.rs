//! libFuzzer entry point of the `case_replay` target; the body is [`attesta_fuzz::case_replay`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| attesta_fuzz::case_replay(data));
