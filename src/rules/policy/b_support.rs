//! Helpers shared by the group B rules (conditions, actions, catalog-backed checks).

use crate::model::{CondOp, Condition, Policy, Statement};
use crate::source::Spanned;

/// Does `s` contain a policy variable (`${aws:username}`, `${aws:PrincipalTag/team}`)?
/// The escapes `${*}`, `${?}` and `${$}` are literal characters, not variables.
pub fn has_policy_variable(s: &str) -> bool {
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        let after = &rest[i + 2..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                if !matches!(name, "*" | "?" | "$") && !name.is_empty() {
                    return true;
                }
                rest = &after[end + 1..];
            }
            None => return false,
        }
    }
    false
}

/// "Did you mean": the catalog's case-insensitive closest-candidate picker.
pub(crate) use crate::catalog::suggest::closest;

/// The statement's conditions whose operator parses, with the parsed operator.
pub fn parsed_conditions(st: &Statement) -> impl Iterator<Item = (CondOp, &Condition)> {
    st.conditions
        .iter()
        .filter_map(|c| CondOp::parse(&c.operator.value).map(|op| (op, c)))
}

/// Does the statement carry `"Null": {"<key>": "false"}` (key case-insensitive)?
pub fn has_null_false(st: &Statement, key: &str) -> bool {
    st.conditions.iter().any(|c| {
        c.operator.value == "Null"
            && c.key.value.eq_ignore_ascii_case(key)
            && c.values
                .iter()
                .any(|v| v.value.eq_ignore_ascii_case("false"))
    })
}

/// A fast non-cryptographic hasher (FNV-1a over 8-byte words) for the memos below: their keys
/// are short action strings from the input, looked up several times per action, where SipHash
/// cost more than the lookup it saved. No DoS concern: a memo only speeds up a single run.
#[derive(Default)]
pub struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const PRIME: u64 = 0x0000_0100_0000_01b3;
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            #[expect(clippy::expect_used, reason = "chunks_exact(8) yields 8-byte chunks")]
            let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
            h = (h ^ w).wrapping_mul(PRIME).rotate_left(23);
        }
        for &b in chunks.remainder() {
            h = (h ^ u64::from(b)).wrapping_mul(PRIME);
        }
        self.0 = h;
    }
    fn finish(&self) -> u64 {
        // Mix the high bits down: hashbrown takes its bucket index from the low bits.
        self.0 ^ (self.0 >> 29)
    }
}

pub type FastHash = std::hash::BuildHasherDefault<WordHasher>;

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

/// JSON string literal for `s` (for help texts that show JSON).
pub fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

/// The shared test runner, also reachable here for the modules that used it first.
#[cfg(test)]
pub(crate) use super::testing;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables() {
        assert!(has_policy_variable("${aws:username}"));
        assert!(has_policy_variable("home/${aws:PrincipalTag/team}/*"));
        assert!(!has_policy_variable("a${*}b"));
        assert!(!has_policy_variable("${"));
        assert!(!has_policy_variable("plain"));
    }

    #[test]
    fn closest_is_case_insensitive() {
        let c = ["StringEquals", "StringLike", "Null"];
        assert_eq!(closest("StringEqual", c, 3), Some("StringEquals"));
        assert_eq!(closest("stringequals", c, 3), Some("StringEquals"));
        assert_eq!(closest("Xyzzy", c, 2), None);
    }
}
