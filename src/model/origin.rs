//! Where a typed resource was defined: file, stack, logical id, spans, and the account/region binding.

use crate::load::cfn::{Resource, Template};
use crate::source::{FileId, Node, Span};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: FileId,
    pub stack: String,
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
    pub fn new(t: &Template, r: &Resource) -> Origin {
        let meta = r.metadata.as_ref().and_then(|m| m.get("trustlint"));
        let pin = |k: &str| {
            meta.and_then(|m: &Node| m.get(k))
                .and_then(Node::as_str)
                .map(str::to_string)
        };
        Origin {
            file: t.file,
            stack: t.stack.clone(),
            logical_id: r.logical_id.clone(),
            logical_id_span: r.logical_id_span,
            type_name: r.type_name.clone(),
            span: r.span,
            account: super::account::account_key(t),
            region: t.binding.region.clone(),
            partition: t.binding.partition.clone(),
            pinned_arn: pin("arn"),
            pinned_id: pin("id"),
        }
    }

    /// The region for ARNs: the binding's, or a symbol when unbound.
    pub fn region_key(&self) -> String {
        self.region.clone().unwrap_or_else(|| {
            super::symbolic::symbol(&format!("AWS::Region of stack {}", self.stack))
        })
    }

    /// A value CloudFormation generates at deploy time for this resource (see [`super::ident`]).
    pub fn generated(&self, attr: &str) -> String {
        super::ident::generated(&self.stack, &self.logical_id, attr)
    }
}
