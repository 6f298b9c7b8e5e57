//! IAM policy evaluation: pure functions, no I/O, no formatting.

pub mod wildcard;
