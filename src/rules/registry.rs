//! Every rule trustlint knows: id, default severity, title, documentation.

use super::Severity;

#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    pub id: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    /// Markdown from `rules/<ID>.md`.
    pub doc: &'static str,
}

/// Declare a rule's metadata; its documentation is `rules/<ID>.md`, embedded at build time.
#[macro_export]
macro_rules! rule_meta {
    ($id:literal, $sev:ident, $title:literal) => {
        $crate::rules::RuleMeta {
            id: $id,
            severity: $crate::rules::Severity::$sev,
            title: $title,
            doc: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/", $id, ".md")),
        }
    };
}

pub use super::parse::META as PARSE;

/// All rules, sorted by id.
pub fn all_rules() -> &'static [RuleMeta] {
    static RULES: std::sync::OnceLock<Vec<RuleMeta>> = std::sync::OnceLock::new();
    RULES.get_or_init(|| {
        let mut v = vec![PARSE];
        v.extend(super::policy::rules());
        v.extend(super::cfn::rules());
        v.extend(super::replication::rules());
        v.extend(super::network::rules());
        v.push(super::limit::META);
        v.push(super::unproven::META);
        v.sort_by_key(|r| r.id);
        v
    })
}

pub fn find_rule(id: &str) -> Option<&'static RuleMeta> {
    all_rules().iter().find(|r| r.id.eq_ignore_ascii_case(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_documented() {
        let rules = all_rules();
        for w in rules.windows(2) {
            assert_ne!(w[0].id, w[1].id);
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
