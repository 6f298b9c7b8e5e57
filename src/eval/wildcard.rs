//! IAM wildcard matching: `*` is any run of characters (crossing `/` and `:`), `?` exactly one character.

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

/// Iterative glob with single backtrack point: linear in practice, never exponential.
/// `?` matches one byte of ASCII text; for non-ASCII text it matches one UTF-8 sequence.
fn glob(p: &[u8], t: &[u8], ci: bool) -> bool {
    let eq = |a: u8, b: u8| {
        if ci {
            a.eq_ignore_ascii_case(&b)
        } else {
            a == b
        }
    };
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == b'*' {
            star = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && p[pi] == b'?' {
            pi += 1;
            ti += char_len(t[ti]);
        } else if pi < p.len() && eq(p[pi], t[ti]) {
            pi += 1;
            ti += 1;
        } else if let Some((sp, st)) = star {
            let next = st + char_len(t[st]);
            star = Some((sp, next));
            pi = sp + 1;
            ti = next;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == b'*' {
        pi += 1;
    }
    pi == p.len() && ti == t.len()
}

fn char_len(b: u8) -> usize {
    match b {
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xff => 4,
        _ => 1,
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
