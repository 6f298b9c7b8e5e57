//! Invariants: see `trustlint::fuzzing::check_simulate`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    trustlint::fuzzing::check_simulate(data);
});
