//! CloudFormation templates (JSON, YAML, CDK output): detection, binding, intrinsics, policies.

pub mod template;

pub use template::{Binding, BindingSource, Output, Resource, Template};
