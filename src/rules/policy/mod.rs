//! Rules over single policy documents (rules-spec §8.1). One module per rule.

use crate::model::PolicyDoc;
use crate::rules::{Finding, RuleMeta, Severity};
use crate::source::{SourceFile, Span};

// Group A: structure, principals, sizes (one module per rule).
mod statement_shape;
mod version;
// -- group A modules --

// Group B: conditions, actions, catalog-backed checks.
// -- group B modules --

/// What every policy rule sees.
pub struct Ctx<'a> {
    pub doc: &'a PolicyDoc,
    pub src: &'a SourceFile,
}

impl Ctx<'_> {
    /// A finding of `meta` at `span`, with the rule's default severity and the document as resource.
    pub fn finding(&self, meta: &RuleMeta, span: Span, message: impl Into<String>) -> Finding {
        self.finding_with(meta, meta.severity, span, message)
    }
    pub fn finding_with(
        &self,
        meta: &RuleMeta,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> Finding {
        Finding::new(meta.id, severity, self.src.id, span, message).resource(self.doc.name.clone())
    }
}

type Check = fn(&Ctx, &mut Vec<Finding>);

/// (rule, check) pairs, in registry order.
const CHECKS: &[(RuleMeta, Check)] = &[
    (version::META, version::check),
    (statement_shape::META, statement_shape::check),
    // -- group A checks --
    // -- group B checks --
];

/// Metadata of every policy rule, for the registry.
pub fn rules() -> impl Iterator<Item = RuleMeta> {
    CHECKS.iter().map(|(m, _)| *m)
}

/// Run every policy rule on one document.
pub fn check(doc: &PolicyDoc, src: &SourceFile, out: &mut Vec<Finding>) {
    let ctx = Ctx { doc, src };
    for (_, check) in CHECKS {
        check(&ctx, out);
    }
}
