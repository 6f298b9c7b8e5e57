//! Symbolic values: parts of a string that cannot be known statically (a CloudFormation `GetAtt` of a role
//! without `RoleName`, a parameter without default, a Terraform computed value).
//!
//! They travel inside ordinary `String`s, wrapped in two private-use characters that never occur in real
//! AWS identifiers, so the policy AST and every rule keep one text type. A symbol equals only itself; every
//! consumer that compares text must ask [`has_symbol`] first and answer "cannot prove" — never guess.
//! Messages show symbols as `‹label›` via [`display`].

/// Opens a symbol: U+E000 (private use).
pub const OPEN: char = '\u{E000}';
/// Closes a symbol: U+E001 (private use).
pub const CLOSE: char = '\u{E001}';

/// Wrap a label (e.g. `Arn of ReplicationRole in stack source (account 111111111111)`) as a symbol.
pub fn symbol(label: &str) -> String {
    let clean: String = label
        .chars()
        .filter(|c| *c != OPEN && *c != CLOSE)
        .collect();
    format!("{OPEN}{clean}{CLOSE}")
}

pub fn has_symbol(s: &str) -> bool {
    s.contains(OPEN)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part<'a> {
    Lit(&'a str),
    Sym(&'a str),
}

/// Split a string into literal and symbolic parts, in order.
pub fn parts(s: &str) -> Vec<Part<'_>> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(OPEN) {
        if i > 0 {
            out.push(Part::Lit(&rest[..i]));
        }
        let after = &rest[i + OPEN.len_utf8()..];
        match after.find(CLOSE) {
            Some(j) => {
                out.push(Part::Sym(&after[..j]));
                rest = &after[j + CLOSE.len_utf8()..];
            }
            None => {
                out.push(Part::Sym(after));
                rest = "";
            }
        }
    }
    if !rest.is_empty() {
        out.push(Part::Lit(rest));
    }
    out
}

/// The labels of every symbol in `s`.
pub fn symbols(s: &str) -> Vec<&str> {
    parts(s)
        .into_iter()
        .filter_map(|p| match p {
            Part::Sym(l) => Some(l),
            Part::Lit(_) => None,
        })
        .collect()
}

/// Human form: symbols as `‹label›`.
pub fn display(s: &str) -> String {
    if !has_symbol(s) {
        return s.to_string();
    }
    s.replace(OPEN, "‹").replace(CLOSE, "›")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let s = format!("arn:aws:s3:::{}/*", symbol("name of SourceBucket"));
        assert!(has_symbol(&s));
        assert_eq!(
            parts(&s),
            vec![
                Part::Lit("arn:aws:s3:::"),
                Part::Sym("name of SourceBucket"),
                Part::Lit("/*")
            ]
        );
        assert_eq!(display(&s), "arn:aws:s3:::‹name of SourceBucket›/*");
        assert_eq!(symbols(&s), vec!["name of SourceBucket"]);
        assert!(!has_symbol("arn:aws:s3:::b"));
    }
}
