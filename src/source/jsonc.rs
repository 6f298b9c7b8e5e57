//! JSON with comments (tsconfig.json, .vscode/settings.json, devcontainer.json): blank out `//` and
//! `/* */` comments and trailing commas so the strict parser can read the rest.
//!
//! Only used to decide whether a file that failed strict parsing is a JSONC file that is not a policy
//! (skipped with a note) or a policy with a syntax error (a PARSE finding): AWS never accepts comments
//! in a policy, so nothing read from blanked text is ever checked.

/// The text with comments and trailing commas replaced by spaces (byte offsets unchanged), or `None`
/// when the text has neither, or has an unterminated block comment.
pub fn blank(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let mut out = b.to_vec();
    let mut changed = false;
    let mut i = 0;
    // Byte index of the last `,` outside strings and comments, until a non-space byte follows it.
    let mut pending_comma: Option<usize> = None;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => {
                pending_comma = None;
                i += 1;
                while let Some(&c) = b.get(i).filter(|&&c| c != b'"') {
                    i += if c == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                changed = true;
                while let Some(o) = out.get_mut(i).filter(|o| **o != b'\n') {
                    *o = b' ';
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                changed = true;
                let end = text[i + 2..].find("*/").map(|e| i + 2 + e + 2)?;
                for o in out.get_mut(i..end).unwrap_or_default() {
                    if *o != b'\n' {
                        *o = b' ';
                    }
                }
                i = end;
            }
            b',' => {
                pending_comma = Some(i);
                i += 1;
            }
            b'}' | b']' => {
                if let Some(c) = pending_comma.take() {
                    if let Some(o) = out.get_mut(c) {
                        *o = b' ';
                    }
                    changed = true;
                }
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                pending_comma = None;
                i += 1;
            }
        }
    }
    if !changed {
        return None;
    }
    // Only ASCII bytes outside strings were replaced by spaces (a comment's multi-byte characters are
    // replaced byte by byte, each by a space), so the result is UTF-8.
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::blank;

    #[test]
    fn comments_and_trailing_commas_become_spaces() {
        let t = "{\n  // c\n  \"a\": \"x // not a comment\", /* é */\n  \"b\": [1, 2,],\n}";
        let b = blank(t).unwrap();
        assert_eq!(b.len(), t.len());
        assert!(crate::source::json::parse(&b).is_ok(), "{b}");
        assert!(b.contains("\"x // not a comment\""));
        assert!(!b.contains("// c") && !b.contains("é"));
    }

    #[test]
    fn strict_json_and_unterminated_comments_give_none() {
        assert_eq!(blank("{\"a\": \"/* x */\"}"), None);
        assert_eq!(blank("{\"a\": 1 /* open"), None);
    }
}
