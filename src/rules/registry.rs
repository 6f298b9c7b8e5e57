//! Every rule trustlint knows: id, default severity, title, documentation.

use super::Severity;

#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    pub id: RuleId,
    pub severity: Severity,
    pub title: &'static str,
    /// Markdown from `rules/<ID>.md`.
    pub doc: &'static str,
}

/// Declare a rule's metadata: its `RuleId` variant, id, default severity and title; its documentation is
/// `rules/<ID>.md`, embedded at build time. The variant must be listed in `registry_list.rs`, which
/// `scripts/gen_rule_registry.py` writes.
#[macro_export]
macro_rules! rule_meta {
    ($variant:ident, $id:literal, $sev:ident, $title:literal) => {
        $crate::rules::RuleMeta {
            id: $crate::rules::RuleId::$variant,
            severity: $crate::rules::Severity::$sev,
            title: $title,
            doc: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/", $id, ".md")),
        }
    };
}

/// The registry: one line per rule (`Variant = "ID" => path::to::META`) yields the [`RuleId`] enum, its
/// text form and the metadata table. A finding takes a `RuleId`, so an id missing here does not compile.
#[macro_export]
macro_rules! rule_registry {
    ($($variant:ident = $id:literal => $meta:path,)*) => {
        /// Every rule trustlint knows, by id.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum RuleId {
            $($variant,)*
        }

        impl RuleId {
            /// Every rule, sorted by id.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant,)*];

            /// The id as users write it (`DSTPOL-MISSING`).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $id,)*
                }
            }

            pub fn meta(self) -> &'static RuleMeta {
                match self {
                    $(RuleId::$variant => &$meta,)*
                }
            }
        }
    };
}

include!("registry_list.rs");

impl RuleId {
    /// The rule an id names, ignoring ASCII case.
    pub fn parse(id: &str) -> Option<RuleId> {
        RuleId::ALL
            .iter()
            .copied()
            .find(|r| r.as_str().eq_ignore_ascii_case(id))
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A rule id in a data file (the requirements table): an id the registry does not know is an error.
impl<'de> serde::Deserialize<'de> for RuleId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        RuleId::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown rule id `{s}`")))
    }
}

impl PartialEq<str> for RuleId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<RuleId> for &str {
    fn eq(&self, other: &RuleId) -> bool {
        *self == other.as_str()
    }
}

pub use super::parse::META as PARSE;

/// All rules, sorted by id.
pub fn all_rules() -> &'static [RuleMeta] {
    static RULES: std::sync::OnceLock<Vec<RuleMeta>> = std::sync::OnceLock::new();
    RULES.get_or_init(|| RuleId::ALL.iter().map(|r| *r.meta()).collect())
}

pub fn find_rule(id: &str) -> Option<&'static RuleMeta> {
    RuleId::parse(id).map(RuleId::meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_entry_points_at_its_own_metadata() {
        for r in RuleId::ALL {
            assert_eq!(
                r.meta().id,
                *r,
                "registry_list.rs: {r} points at another rule's META"
            );
        }
    }

    /// Every registered rule is run by exactly one family (a rule listed here but checked nowhere would
    /// be a rule users can select that never reports); the families' lists hold nothing unregistered.
    #[test]
    fn each_rule_belongs_to_one_family() {
        use std::collections::BTreeMap;
        let mut owner: BTreeMap<RuleId, Vec<&str>> = BTreeMap::new();
        let families: [(&str, Vec<RuleMeta>); 4] = [
            ("policy", super::super::policy::rules().collect()),
            ("cfn", super::super::cfn::rules().collect()),
            ("replication", super::super::replication::rules().collect()),
            ("network", super::super::network::rules().collect()),
        ];
        for (family, metas) in &families {
            for m in metas {
                owner.entry(m.id).or_default().push(family);
            }
        }
        // Raised by the loaders' issues and by every family's unknowns, not by one family's checks.
        let shared = [RuleId::Parse, RuleId::Limit, RuleId::Unproven];
        for r in RuleId::ALL {
            let n = owner.get(r).map_or(0, Vec::len);
            if shared.contains(r) {
                continue;
            }
            assert_eq!(n, 1, "{r} is run by {:?}", owner.get(r));
        }
    }

    #[test]
    fn ids_are_unique_sorted_and_documented() {
        let rules = all_rules();
        for w in rules.windows(2) {
            assert!(
                w[0].id.as_str() < w[1].id.as_str(),
                "{} {}",
                w[0].id,
                w[1].id
            );
        }
        for r in rules {
            assert!(
                r.doc.starts_with(&format!("# {}", r.id)),
                "rules/{}.md must start with `# {}`",
                r.id,
                r.id
            );
            for section in ["## What it checks", "## Why", "## Example", "## Fix"] {
                assert!(
                    r.doc.contains(section),
                    "rules/{}.md lacks `{section}`",
                    r.id
                );
            }
        }
    }

    #[test]
    fn lookup_is_case_insensitive() {
        assert_eq!(find_rule("parse").unwrap().id, "PARSE");
        assert!(find_rule("NOPE").is_none());
        let _ = Severity::Error;
    }
}
