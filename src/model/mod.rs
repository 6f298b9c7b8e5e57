//! Format-independent model: the policy AST, condition operators, ARNs, documents.

pub mod condition;
pub mod document;
pub mod policy;
pub mod symbolic;

pub use condition::{CondOp, Operator, SetOp};
pub use document::{DocKind, PolicyDoc};
pub use policy::{
    Condition, Effect, ListBlock, Policy, PrincipalBlock, PrincipalEntry, PrincipalKind,
    PrincipalValue, ShapeError, Statement,
};
