//! Rules: findings, the registry, and one module per rule family.

pub mod cfn;
pub mod finding;
pub mod limit;
pub mod load_issues;
pub mod network;
pub mod parse;
pub mod policy;
pub mod precedence;
pub mod registry;
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "not yet converted to the no-panic lints (issue 10, item 7); the replication family is being split per rule id"
)]
pub mod replication;
pub mod unproven;

pub use finding::{Finding, Related, Severity};
pub use registry::{all_rules, find_rule, RuleId, RuleMeta};
