//! Which statements the `NotPrincipal` rules look at: those with a `NotPrincipal` block in the documents
//! that may hold one.

use super::Ctx;
use crate::model::{DocKind, Effect, PrincipalBlock, Statement};

/// The statements with `effect` and a `NotPrincipal`, with that block, in the documents that may hold
/// `NotPrincipal` (resource and key policies; elsewhere POL-PRINCIPAL-PLACEMENT reports it).
pub fn not_principal_statements<'a>(
    ctx: &Ctx<'a>,
    effect: Effect,
) -> impl Iterator<Item = (&'a Statement, &'a PrincipalBlock)> {
    let allowed = matches!(ctx.doc.kind, DocKind::Resource | DocKind::KeyPolicy);
    let statements = if allowed {
        &ctx.doc.policy.statements[..]
    } else {
        &[]
    };
    statements
        .iter()
        .filter_map(move |st| match (&st.effect, &st.not_principal) {
            (Some(e), Some(np)) if e.value == effect => Some((st, np)),
            _ => None,
        })
}
