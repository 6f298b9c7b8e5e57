//! Rules over single policy documents (rules-spec §8.1). One module per rule, and a few named for what
//! several rules share.

use crate::model::PolicyDoc;
use crate::rules::{Finding, RuleMeta, Severity};
use crate::source::{SourceFile, Span};

#[cfg(test)]
pub(crate) mod testing;

// What several rules share, each module named for what it holds.
pub(crate) mod action_facts;
pub(crate) mod arn_shape;
pub(crate) mod notprincipal_statements;
pub(crate) mod raw_text;
pub(crate) mod statement_conditions;
pub(crate) mod word_hash;
pub(crate) mod wording;

// Group A: structure, principals, sizes (one module per rule).
pub(crate) mod statement_shape;
pub(crate) mod version;
// -- group A modules --
pub(crate) mod chars;
pub(crate) mod duplicate_sid;
pub(crate) mod notaction_allow;
pub(crate) mod notprincipal_allow;
pub(crate) mod notprincipal_session;
pub(crate) mod notresource_allow;
pub(crate) mod principal_placement;
pub(crate) mod principal_wildcard;
pub(crate) mod resource_format;
pub(crate) mod sid;
pub(crate) mod size;

// Group B: conditions, actions, catalog-backed checks.
// -- group B modules --
pub(crate) mod action_format;
pub(crate) mod cond_operator;
pub(crate) mod cond_values;
pub(crate) mod forallvalues_allow;
pub(crate) mod ifexists_negated_deny;
// -- KMS key-policy modules --
pub(crate) mod kms_encctx_setop;
pub(crate) mod kms_keypolicy_format;
pub(crate) mod kms_keypolicy_resource;
pub(crate) mod kms_network_cond;
pub(crate) mod kms_star;
pub(crate) mod redundant_action;
pub(crate) mod resource_mismatch;
pub(crate) mod setop_single;
pub(crate) mod unknown_action;
pub(crate) mod unknown_condition_key;
pub(crate) mod unknown_service;

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

/// The first byte of `span` (an anchor for findings about a whole policy or statement).
pub fn head(span: Span) -> Span {
    Span {
        start: span.start,
        end: span.start + 1,
    }
}

type Check = fn(&Ctx, &mut Vec<Finding>);

/// (rule, check) pairs, in registry order.
const CHECKS: &[(RuleMeta, Check)] = &[
    (version::META, version::check),
    (statement_shape::META, statement_shape::check),
    // -- group A checks --
    (principal_placement::META, principal_placement::check),
    (sid::META, sid::check),
    (duplicate_sid::META, duplicate_sid::check),
    (size::META, size::check),
    (chars::META, chars::check),
    (resource_format::META, resource_format::check),
    (principal_wildcard::META, principal_wildcard::check),
    (notaction_allow::META, notaction_allow::check),
    (notresource_allow::META, notresource_allow::check),
    (notprincipal_allow::META, notprincipal_allow::check),
    (notprincipal_session::META, notprincipal_session::check),
    // -- group B checks --
    (action_format::META, action_format::check),
    (unknown_service::META, unknown_service::check),
    (unknown_action::META, unknown_action::check),
    (redundant_action::META, redundant_action::check),
    (unknown_condition_key::META, unknown_condition_key::check),
    (resource_mismatch::META, resource_mismatch::check),
    (cond_operator::META, cond_operator::check),
    (cond_values::META, cond_values::check),
    (setop_single::META, setop_single::check),
    (forallvalues_allow::META, forallvalues_allow::check),
    (ifexists_negated_deny::META, ifexists_negated_deny::check),
    // -- KMS key-policy checks --
    (kms_network_cond::META, kms_network_cond::check),
    (kms_star::META, kms_star::check),
    (kms_keypolicy_resource::META, kms_keypolicy_resource::check),
    (kms_keypolicy_format::META, kms_keypolicy_format::check),
    (kms_encctx_setop::META, kms_encctx_setop::check),
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
