//! Rules over single policy documents (rules-spec §8.1). One module per rule.

use crate::model::PolicyDoc;
use crate::rules::{Finding, RuleMeta, Severity};
use crate::source::{SourceFile, Span};

#[cfg(test)]
pub(crate) mod testing;

// Group A: structure, principals, sizes (one module per rule).
mod statement_shape;
mod version;
// -- group A modules --
mod chars;
mod duplicate_sid;
mod notaction_allow;
mod notprincipal_allow;
mod notprincipal_session;
mod notresource_allow;
mod principal_placement;
mod principal_wildcard;
mod resource_format;
mod sid;
mod size;
mod util;

// Group B: conditions, actions, catalog-backed checks.
// -- group B modules --
mod action_format;
mod b_support;
mod cond_operator;
mod cond_values;
mod forallvalues_allow;
mod ifexists_negated_deny;
// -- KMS key-policy modules --
mod kms_encctx_setop;
mod kms_keypolicy_format;
mod kms_keypolicy_resource;
mod kms_network_cond;
mod kms_star;
mod redundant_action;
mod resource_mismatch;
mod setop_single;
mod unknown_action;
mod unknown_condition_key;
mod unknown_service;

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
