//! What the catalog-backed rules ask about each `Action`/`NotAction` entry, memoized across rules.

use super::word_hash::FastHash;
use crate::model::Policy;
use crate::source::Spanned;

/// What the catalog rules ask about one `Action`/`NotAction` string; see [`action_facts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionFacts {
    /// [`is_well_formed`](super::action_format::is_well_formed).
    pub well_formed: bool,
    /// The text before the first `:` is a known service prefix.
    pub service_known: bool,
    /// [`Catalog::matches_any`](crate::catalog::Catalog::matches_any); false unless the action is
    /// well-formed and its service known.
    pub matches_any: bool,
}

/// The [`ActionFacts`] of `a`, memoized per thread: several rules ask the same questions about every
/// action, and the same few hundred action strings recur across files, while each answer costs
/// format checks and catalog binary searches. Per thread, so no lock is taken; the memo is emptied
/// if it ever gets large (distinct strings in a huge input).
pub fn action_facts(a: &str) -> ActionFacts {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static MEMO: RefCell<HashMap<Box<str>, ActionFacts, FastHash>> = RefCell::default();
    }
    const MAX_ENTRIES: usize = 1 << 16;
    if let Some(f) = MEMO.with_borrow(|m| m.get(a).copied()) {
        return f;
    }
    let cat = crate::catalog::catalog();
    let well_formed = super::action_format::is_well_formed(a);
    let service_known = a.split_once(':').is_some_and(|(p, _)| cat.has_service(p));
    let f = ActionFacts {
        well_formed,
        service_known,
        // Only asked of well-formed actions of known services (a pattern without a prefix would
        // scan, and parse, the whole catalog).
        matches_any: well_formed && service_known && cat.matches_any(a),
    };
    MEMO.with_borrow_mut(|m| {
        if m.len() >= MAX_ENTRIES {
            m.clear();
        }
        m.insert(a.into(), f);
    });
    f
}

/// A `prefix:name` entry of an `Action`/`NotAction` list that is well formed and not `*`, with its
/// [`ActionFacts`]; see [`catalog_actions`].
pub struct CatalogAction<'a> {
    pub item: &'a Spanned<String>,
    pub prefix: &'a str,
    pub name: &'a str,
    pub facts: ActionFacts,
}

/// Every well-formed `prefix:name` entry (not `*`) of the `Action` and `NotAction` lists of the
/// policy's statements, in order. Malformed entries are POL-ACTION-FORMAT's.
pub fn catalog_actions(policy: &Policy) -> impl Iterator<Item = CatalogAction<'_>> {
    policy
        .statements
        .iter()
        .flat_map(|st| st.action.iter().chain(&st.not_action))
        .flat_map(|b| &b.items)
        .filter_map(|item| {
            let a = item.value.as_str();
            let facts = action_facts(a);
            if a == "*" || !facts.well_formed {
                return None;
            }
            let (prefix, name) = a.split_once(':')?;
            Some(CatalogAction {
                item,
                prefix,
                name,
                facts,
            })
        })
}
