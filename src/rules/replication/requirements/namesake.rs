//! A configured role ARN that may name a role of the templates whose account or name is not known.
//!
//! When a role of the same account and name is defined but the configured ARN does not link to it (another
//! path), the site is a configuration finding (REPL-ROLE-PATH) and no requirement is checked. When that
//! role's account or name is a symbol, the configured ARN may or may not be that role: which defect the
//! site has — the role's path, or what the policies say of the literal ARN — cannot be decided, so a
//! failed requirement there is `UNPROVEN`, never an error (see [`super::outcomes::Acc::unproven`]).

use crate::model::arn::Arn;
use crate::model::symbolic::{display, has_symbol, literal_prefix, possible_values, symbols};
use crate::model::Model;
use crate::rules::replication::common::Site;

/// Whether a text may be equal to a literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Eq3 {
    Yes,
    Maybe,
    No,
}

/// Whether `text` (which may hold symbols) may equal the literal `lit`.
pub(super) fn may_equal(text: &str, lit: &str) -> Eq3 {
    if !has_symbol(text) {
        return if text == lit { Eq3::Yes } else { Eq3::No };
    }
    // A choice between literals: compare each alternative.
    if let Some(vs) = possible_values(text) {
        let hits = vs.iter().filter(|v| v.as_deref() == Some(lit)).count();
        return match hits {
            0 => Eq3::No,
            n if n == vs.len() => Eq3::Yes,
            _ => Eq3::Maybe,
        };
    }
    // A generated identity is unique to its resource: never equal to a literal written elsewhere.
    if symbols(text).iter().all(|id| id.get().is_generated()) {
        return Eq3::No;
    }
    if lit.starts_with(literal_prefix(text)) {
        Eq3::Maybe
    } else {
        Eq3::No
    }
}

/// Whether a role name written as `text` may be `name` (a role's name, itself possibly a generated
/// identity): only a value not known statically may, unless it surely differs.
pub(super) fn may_name(text: &str, name: &str) -> bool {
    if !has_symbol(text) || symbols(text).iter().all(|id| id.get().is_generated()) {
        return false;
    }
    has_symbol(name) || may_equal(text, name) != Eq3::No
}

/// The role of the templates the configured role ARN may name without being linked to it (account and
/// name each possibly equal, not both surely), as a label for people; `None` when there is none.
pub(super) fn unlinked_namesake(site: &Site, model: &Model) -> Option<String> {
    if site.role.is_some() {
        return None;
    }
    let a = Arn::parse(&site.config.role.as_ref()?.value)?;
    let name = a.resource.rsplit('/').next().unwrap_or_default();
    if has_symbol(&a.account) || has_symbol(name) {
        return None;
    }
    model.roles.iter().find_map(|r| {
        let account = may_equal(&r.origin.account, &a.account);
        let same_name = may_equal(&r.name, name);
        let maybe = account != Eq3::No
            && same_name != Eq3::No
            && !(account == Eq3::Yes && same_name == Eq3::Yes);
        maybe.then(|| {
            format!(
                "whether the configured role {} is role {} of stack {} ({}), whose account or name is not known",
                display(&site.config.role.as_ref().map(|r| r.value.clone()).unwrap_or_default()),
                r.origin.logical_id,
                r.origin.stack,
                display(&r.arn)
            )
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::symbolic::Sym;

    #[test]
    fn literal_and_symbol_may_be_equal() {
        let param = Sym::Parameter {
            key: "k".into(),
            stack: "s".into(),
            name: "P".into(),
        }
        .text();
        assert_eq!(may_equal("a", "a"), Eq3::Yes);
        assert_eq!(may_equal("a", "b"), Eq3::No);
        assert_eq!(may_equal(&param, "b"), Eq3::Maybe);
        assert_eq!(may_equal(&format!("x-{param}"), "y-1"), Eq3::No);
        let generated = Sym::Generated {
            key: "k".into(),
            stack: "s".into(),
            logical_id: "Role".into(),
            attr: "RoleName".into(),
        }
        .text();
        assert_eq!(may_equal(&generated, "b"), Eq3::No);
    }
}
