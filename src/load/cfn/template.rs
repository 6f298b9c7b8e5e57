//! A CloudFormation template after loading: bound to an account/region, intrinsics resolved.
//!
//! The CloudFormation frontend's own shape: it is converted to the model's input (`to_model.rs`), and
//! kept for what only CloudFormation has (suppressions, CDK construct paths, exports). Property values
//! are ordinary spanned [`Node`]s in which every intrinsic function has been replaced by its value: a
//! `Value::String` when known, a string containing symbols ([`crate::model::symbolic`]) when not, and
//! members set to `AWS::NoValue` are removed. Spans still point at the intrinsic in the file, so
//! findings land on the `!Sub`/`Fn::GetAtt` the user wrote.

use crate::model::input::Parameter;
use crate::source::{FileId, Node, Span, Spanned};

/// Where the account/region binding came from (architecture.md, "Binding a template").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BindingSource {
    /// `Metadata.trustlint` in the template.
    Metadata,
    /// A `[[stack]]` entry of `trustlint.toml`.
    Config,
    /// The stack's environment in the CDK cloud assembly manifest (`cdk.out/manifest.json`).
    Cdk,
    /// Neither: the template gets an unknown account of its own.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// 12-digit account id; `None` = an unknown account of this template's own.
    pub account: Option<String>,
    pub region: Option<String>,
    /// `aws` unless the region says otherwise (`cn-*` → `aws-cn`, `us-gov-*` → `aws-us-gov`).
    pub partition: String,
    pub source: BindingSource,
}

#[derive(Debug, Clone)]
pub struct Resource {
    pub logical_id: String,
    pub logical_id_span: Span,
    /// `AWS::S3::Bucket`, `Custom::Thing`, …
    pub type_name: String,
    pub type_span: Span,
    /// The whole resource object.
    pub span: Span,
    /// Resolved `Properties` (see the module doc).
    pub properties: Option<Node>,
    /// Raw `Metadata` (holds `trustlint: {ignore, arn, id}`).
    pub metadata: Option<Node>,
    /// The resource's `Condition`, if any, and whether it is known to hold.
    pub condition: Option<(String, Option<bool>)>,
    /// `DependsOn`, with spans.
    pub depends_on: Vec<Spanned<String>>,
    /// Logical ids the written `Properties` refer to (`Ref`, `Fn::GetAtt`, `${…}`).
    pub refers_to: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Output {
    pub name: String,
    /// The output's key (where an editor's "go to definition" of an import lands).
    pub name_span: Span,
    pub value: Node,
    pub export_name: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Template {
    pub file: FileId,
    /// The stack name: `AWS::StackName` from config, else the path without extension.
    pub stack: String,
    /// The stack's identity, unique per template (see `binding::Bound::key`).
    pub stack_key: String,
    pub binding: Binding,
    pub resources: Vec<Resource>,
    pub outputs: Vec<Output>,
    /// Declared `Parameters`.
    pub parameters: Vec<Parameter>,
    /// Logical ids the written `Outputs` refer to.
    pub output_refs: Vec<String>,
    /// `Metadata.trustlint.ignore` of each resource (findings inside the resource are dropped).
    pub suppressions: Vec<Suppression>,
}

/// A resource's `Metadata: {trustlint: {ignore: [RULE-ID, …], reason: …}}`.
#[derive(Debug, Clone)]
pub struct Suppression {
    pub logical_id: String,
    /// The resource's span: findings of these rules whose span lies inside it are suppressed.
    pub span: Span,
    /// The rule ids as written, with their spans (checked against the registry by the rules).
    pub rules: Vec<(String, Span)>,
    pub reason: Option<String>,
}

impl Template {
    pub fn resource(&self, logical_id: &str) -> Option<&Resource> {
        self.resources.iter().find(|r| r.logical_id == logical_id)
    }

    /// Whether a resource's `Metadata.trustlint.ignore` suppresses a finding of `rule` at `span` in
    /// `file` (same file, rule listed, span inside the resource).
    pub fn suppresses(&self, rule: &str, file: FileId, span: Span) -> bool {
        file == self.file
            && self.suppressions.iter().any(|s| {
                s.rules.iter().any(|(r, _)| r.eq_ignore_ascii_case(rule))
                    && span.start >= s.span.start
                    && span.end <= s.span.end
            })
    }
}
