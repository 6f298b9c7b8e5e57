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
pub mod replication;
pub mod unproven;

pub use finding::{Finding, Related, Severity};
pub use registry::{all_rules, find_rule, RuleId, RuleMeta};
