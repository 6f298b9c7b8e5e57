//! How policy findings name things: a statement, a document kind with its article, a value or list
//! written as the JSON a user would type.

use crate::model::{DocKind, Statement};

/// `statement 2` or `statement 2 ("AllowReplication")` for messages.
pub fn statement_name(st: &Statement) -> String {
    match &st.sid {
        Some(sid) if !sid.value.is_empty() => {
            format!("statement {} ({})", st.index, json_str(&sid.value))
        }
        _ => format!("statement {}", st.index),
    }
}

/// `an identity policy`, `a key policy`: the kind's name with its article.
pub fn kind_with_article(kind: DocKind) -> String {
    let name = kind.name();
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}

/// A JSON string literal for `s` (for the exact JSON shown in `help`).
/// Symbols are shown as `‹label›`.
pub fn json_str(s: &str) -> String {
    let s = crate::model::symbolic::display(s);
    serde_json::to_string(&s).unwrap_or_else(|_| format!("\"{s}\""))
}

/// `["a", "b"]` or `"a"` for one item, as policies usually write them.
pub fn json_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let v: Vec<String> = items.into_iter().map(json_str).collect();
    match v.as_slice() {
        [one] => one.clone(),
        _ => format!("[{}]", v.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lists() {
        assert_eq!(json_list(["a"]), "\"a\"");
        assert_eq!(json_list(["a", "b\""]), r#"["a", "b\""]"#);
    }
}
