//! Format-independent model: the policy AST, condition operators, ARNs, documents.

pub mod account;
pub mod arn;
pub mod build;
pub mod condition;
pub mod document;
pub mod ec2;
pub mod elb;
pub mod ga;
pub mod iam;
pub mod ident;
pub mod input;
pub mod kms;
pub mod org;
pub mod origin;
pub mod policy;
pub mod props;
pub mod s3;
pub mod stacks;
pub mod symbolic;

pub use build::{Kind, Model};
pub use condition::{CondOp, Operator, SetOp};
pub use document::{DocKind, PolicyDoc};
pub use policy::{
    Condition, Effect, ListBlock, Policy, PrincipalBlock, PrincipalEntry, PrincipalKind,
    PrincipalValue, ShapeError, Statement,
};
