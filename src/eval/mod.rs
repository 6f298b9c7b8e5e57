//! IAM policy evaluation: pure functions, no I/O; no formatting except [`missing_text`], the one
//! wording of a missing grant that the rules and `simulate` share.
//!
//! Request in, [`Decision`] (verdict + structured reasons) out:
//! ```
//! use trustlint::eval::{evaluate, NamedPolicy, PolicySet, Request, Val, Verdict};
//! let node = trustlint::source::json::parse(
//!     r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}"#,
//! ).unwrap();
//! let (policy, _) = trustlint::model::policy::parse_policy(&node);
//! let req = Request::new(
//!     Val::known("arn:aws:iam::111111111111:role/r"),
//!     "s3:GetObject",
//!     Val::unknown("the ARN of bucket B objects"),
//! );
//! let set = PolicySet { identity: vec![NamedPolicy { name: "inline", policy: &policy }], ..Default::default() };
//! assert_eq!(evaluate(&req, &set).unwrap().verdict, Verdict::Allowed);
//! ```

pub mod arn;
pub mod condition;
pub mod decision;
pub mod missing_text;
pub mod pattern;
pub mod principal;
#[cfg(test)]
mod proptests;
pub mod reasons;
pub mod request;
pub mod statement;
pub mod value;
pub mod variables;
pub mod wildcard;

pub use decision::{evaluate, Decision, EvalError, NamedPolicy, PolicySet, Verdict};
pub use reasons::{
    Applies, CondFailure, Miss, Missing, PolicyReason, PolicyRole, PrincipalVia, Skip,
    StatementReason, StatementRef,
};
pub use request::{Context, CtxValue, PrincipalForm, PrincipalInfo, Request, ResourceKind};
pub use value::{Subject, Tri, Unknown, Val};
