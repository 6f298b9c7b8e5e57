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

/// Case-insensitive edit distance (Levenshtein with adjacent transpositions).
pub fn distance_ci(a: &str, b: &str) -> usize {
    let a: Vec<u8> = a.bytes().map(|c| c.to_ascii_lowercase()).collect();
    let b: Vec<u8> = b.bytes().map(|c| c.to_ascii_lowercase()).collect();
    let m = b.len();
    let mut prev2 = vec![0usize; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0usize; m + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m]
}

/// The candidate closest to `query` within `limit` case-insensitive edits (first wins ties).
pub fn closest<'a>(
    query: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Option<&'a str> {
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        if c.len().abs_diff(query.len()) > limit {
            continue;
        }
        let d = distance_ci(query, c);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

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
        assert_eq!(distance_ci("ab", "ba"), 1);
    }
}
