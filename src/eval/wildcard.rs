//! IAM wildcard matching: `*` is any run of characters (crossing `/` and `:`), `?` exactly one character.

use super::pattern::{glob_by, Tok};

/// Case-sensitive match (resources, ARNs, `StringLike`).
pub fn matches(pattern: &str, text: &str) -> bool {
    glob(pattern.as_bytes(), text.as_bytes(), false)
}

/// ASCII-case-insensitive match (actions).
pub fn matches_ci(pattern: &str, text: &str) -> bool {
    glob(pattern.as_bytes(), text.as_bytes(), true)
}

pub fn has_wildcard(s: &str) -> bool {
    s.contains(['*', '?'])
}

/// `*` and `?` of a plain pattern string are wildcards; see [`glob_by`] for the algorithm.
fn glob(p: &[u8], t: &[u8], ci: bool) -> bool {
    // `glob_by` asks only for tokens below `p.len()`.
    let tok = |i: usize| match p.get(i).copied() {
        Some(b'*') | None => Tok::Star,
        Some(b'?') => Tok::One,
        Some(b) => Tok::Lit(b),
    };
    if ci {
        glob_by(p.len(), tok, t, |a, b| a.eq_ignore_ascii_case(&b))
    } else {
        glob_by(p.len(), tok, t, |a, b| a == b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iam_semantics() {
        assert!(matches_ci("s3:Get*", "S3:getobject"));
        assert!(!matches("s3:Get*", "S3:getobject"));
        assert!(matches(
            "arn:aws:s3:::bucket/*",
            "arn:aws:s3:::bucket/a/b:c"
        ));
        assert!(matches(
            "arn:aws:logs:*",
            "arn:aws:logs:us-east-1:1:log-group:x"
        ));
        assert!(matches("a?c", "abc"));
        assert!(matches("a?c", "aéc"));
        assert!(!matches("a?c", "ac"));
        assert!(matches("*", ""));
        assert!(matches("s3:*Object*", "s3:GetObjectAcl"));
        assert!(matches(
            "arn:aws:s3:::b/${aws:username}/*",
            "arn:aws:s3:::b/${aws:username}/x"
        ));
        let many_a = "a".repeat(45);
        assert!(!matches("a*a*a*a*a*a*a*b", &many_a));
    }
}
