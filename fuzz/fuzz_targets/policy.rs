//! Invariants: see `trustlint::fuzzing::check_policy`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    trustlint::fuzzing::check_policy(data);
});
