//! Helpers shared by the group B rules (conditions, actions, catalog-backed checks).

use crate::model::{CondOp, Condition, Statement};

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

/// JSON string literal for `s` (for help texts that show JSON).
pub fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

#[cfg(test)]
pub mod testing {
    //! Run one rule over a policy text, as the binary would.

    use super::super::Ctx;
    use crate::model::{DocKind, PolicyDoc};
    use crate::rules::Finding;
    use crate::source::{json, FileId, SourceFile};
    use std::sync::Arc;

    pub fn run_kind(check: fn(&Ctx, &mut Vec<Finding>), kind: DocKind, text: &str) -> Vec<Finding> {
        let src = SourceFile::new(FileId(0), "test.json".into(), Arc::from(text));
        let node = json::parse(text).expect("test policy is valid JSON");
        let doc = PolicyDoc::new(FileId(0), kind, node, "test");
        let mut out = Vec::new();
        check(
            &Ctx {
                doc: &doc,
                src: &src,
            },
            &mut out,
        );
        out
    }

    pub fn run(check: fn(&Ctx, &mut Vec<Finding>), text: &str) -> Vec<Finding> {
        run_kind(check, DocKind::Identity, text)
    }

    /// The source text each finding points at.
    pub fn spans<'a>(text: &'a str, fs: &[Finding]) -> Vec<&'a str> {
        fs.iter()
            .map(|f| &text[f.span.start as usize..f.span.end as usize])
            .collect()
    }
}

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
