//! The shapes of ARNs as policies write them: colon-separated segments (policy variables kept whole),
//! the known partitions, a role's name.

/// Split an ARN on `:` without splitting inside policy variables such as `${aws:username}`.
pub fn arn_segments(s: &str) -> Vec<&str> {
    let b = s.as_bytes();
    let mut parts = Vec::new();
    let mut start = 0;
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'$' if b.get(i + 1) == Some(&b'{') => {
                depth += 1;
                i += 2;
                continue;
            }
            b'}' if depth > 0 => depth -= 1,
            b':' if depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    parts.push(&s[start..]);
    parts
}

/// Partitions AWS documents for ARNs.
pub const PARTITIONS: &[&str] = &[
    "aws",
    "aws-cn",
    "aws-us-gov",
    "aws-iso",
    "aws-iso-b",
    "aws-iso-e",
    "aws-iso-f",
    "aws-eusc",
];

/// The role name of `role/[path/]name`.
pub fn role_name(resource: &str) -> Option<&str> {
    let rest = resource.strip_prefix("role/")?;
    rest.rsplit('/').next().filter(|n| !n.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arn_segments_keep_policy_variables_whole() {
        assert_eq!(
            arn_segments("arn:aws:s3:::b/${aws:username}/*"),
            vec!["arn", "aws", "s3", "", "", "b/${aws:username}/*"]
        );
        assert_eq!(
            arn_segments("arn:aws:logs:*"),
            vec!["arn", "aws", "logs", "*"]
        );
    }

    #[test]
    fn role_names() {
        assert_eq!(role_name("role/service-role/s3-repl"), Some("s3-repl"));
        assert_eq!(role_name("role/r"), Some("r"));
        assert_eq!(role_name("role/"), None);
        assert_eq!(role_name("user/u"), None);
    }
}
