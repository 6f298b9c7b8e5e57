//! Where a typed resource was defined: file, stack, logical id, spans, and the account/region binding.

use super::input::{Resource, Stack};
use crate::source::{FileId, Span};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: FileId,
    /// The stack name shown to people.
    pub stack: String,
    /// The stack's identity (unique per template; see [`super::input::Stack::key`]).
    pub stack_key: String,
    pub logical_id: String,
    pub logical_id_span: Span,
    pub type_name: String,
    /// The whole resource object.
    pub span: Span,
    /// Account key: the 12-digit id, or a symbol for a template bound to no account
    /// (see [`super::account::account_key`]).
    pub account: String,
    pub region: Option<String>,
    pub partition: String,
    /// `Metadata.trustlint.arn`: the physical ARN the user pinned (architecture.md, "Linking literal
    /// identifiers").
    pub pinned_arn: Option<String>,
    /// `Metadata.trustlint.id` (`sg-…`, a key id, …).
    pub pinned_id: Option<String>,
}

impl Origin {
    pub fn new(s: &Stack, r: &Resource) -> Origin {
        Origin {
            file: s.file,
            stack: s.name.clone(),
            stack_key: s.key.clone(),
            logical_id: r.logical_id.clone(),
            logical_id_span: r.logical_id_span,
            type_name: r.type_name.clone(),
            span: r.span,
            account: super::account::account_key(s),
            region: s.region.clone(),
            partition: s.partition.clone(),
            pinned_arn: r.pinned_arn.clone(),
            pinned_id: r.pinned_id.clone(),
        }
    }

    /// The region for ARNs: the binding's, or a symbol when unbound.
    pub fn region_key(&self) -> String {
        self.region.clone().unwrap_or_else(|| {
            super::symbolic::Sym::Pseudo {
                key: self.stack_key.clone(),
                stack: self.stack.clone(),
                name: "AWS::Region".into(),
            }
            .text()
        })
    }

    /// A value CloudFormation generates at deploy time for this resource (see [`super::ident`]).
    pub fn generated(&self, attr: &str) -> String {
        super::ident::generated(&self.stack_key, &self.stack, &self.logical_id, attr)
    }
}
