//! ARN helpers: splitting, the owning account, and segment-wise wildcard matching.
//!
//! IAM matches a `Resource` ARN segment by segment (the parts between the first five colons); `*` and `?`
//! work inside a segment, and a `*` that ends the pattern's last segment may run past colons
//! (IAM User Guide, "IAM JSON policy elements: Resource", "Using wildcards in resource ARNs"). `ArnLike` /
//! `ArnEquals` check "each of the six colon-delimited components separately" (condition operators page).

use super::pattern::{glob, is_star, Tok};

/// `arn:partition:service:region:account:resource`, the resource part keeping its colons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arn<'a> {
    pub partition: &'a str,
    pub service: &'a str,
    pub region: &'a str,
    pub account: &'a str,
    pub resource: &'a str,
}

pub fn parse(s: &str) -> Option<Arn<'_>> {
    let mut it = s.splitn(6, ':');
    if it.next()? != "arn" {
        return None;
    }
    let arn = Arn {
        partition: it.next()?,
        service: it.next()?,
        region: it.next()?,
        account: it.next()?,
        resource: it.next()?,
    };
    if arn.partition.is_empty() || arn.service.is_empty() {
        return None;
    }
    Some(arn)
}

pub fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// The account that owns an ARN, when the ARN names one.
pub fn account(s: &str) -> Option<&str> {
    parse(s).map(|a| a.account).filter(|a| !a.is_empty())
}

/// Match a `Resource`/`NotResource` pattern against a concrete ARN.
pub fn resource_matches(p: &[Tok], text: &str) -> bool {
    segment_match(p, text, true)
}

/// `ArnLike` / `ArnEquals`: the value must be an ARN; components are compared separately.
pub fn arn_like(p: &[Tok], text: &str) -> bool {
    if is_star(p) {
        return parse(text).is_some();
    }
    parse(text).is_some() && segment_match(p, text, false)
}

fn segment_match(p: &[Tok], text: &str, fallback_whole: bool) -> bool {
    if is_star(p) {
        return true;
    }
    let t: Vec<&str> = text.splitn(6, ':').collect();
    if t.len() < 6 {
        // Not an ARN (an S3 bucket name, "*"): plain wildcard match.
        return fallback_whole && glob(p, text.as_bytes());
    }
    // Split the pattern at its first five literal colons.
    let mut segs: Vec<&[Tok]> = Vec::with_capacity(6);
    let mut start = 0;
    for (i, tok) in p.iter().enumerate() {
        if segs.len() == 5 {
            break;
        }
        if *tok == Tok::Lit(b':') {
            segs.push(&p[start..i]);
            start = i + 1;
        }
    }
    segs.push(&p[start..]);
    let last = segs.len() - 1;
    let mut offset = 0usize;
    for (i, seg) in segs.iter().enumerate() {
        if i == last {
            // The last pattern segment covers the rest of the ARN (colons included).
            return glob(seg, &text.as_bytes()[offset..]);
        }
        if !glob(seg, t[i].as_bytes()) {
            return false;
        }
        offset += t[i].len() + 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::super::pattern::toks;
    use super::*;

    #[test]
    fn segments() {
        let m = |p: &str, t: &str| resource_matches(&toks(p), t);
        assert!(m("arn:aws:s3:::b/*", "arn:aws:s3:::b/a/b:c"));
        assert!(m(
            "arn:aws:logs:*",
            "arn:aws:logs:us-east-1:111111111111:log-group:x"
        ));
        assert!(m(
            "arn:aws:iam::*:role/x",
            "arn:aws:iam::111111111111:role/x"
        ));
        assert!(!m(
            "arn:aws:iam::*:role/x",
            "arn:aws:iam::111111111111:role/y"
        ));
        assert!(m("arn:aws:*:*:*:*", "arn:aws:sqs:us-east-1:111111111111:q"));
        assert!(!m("arn:aws:s3:::B/*", "arn:aws:s3:::b/x"));
        assert!(!m("arn:aws:sqs:us-*:1:q", "arn:aws:sqs:eu-west-1:1:q"));
        assert!(arn_like(
            &toks("arn:aws:iam::*:role/*"),
            "arn:aws:iam::1:role/a"
        ));
        assert!(!arn_like(&toks("*"), "not-an-arn"));
        assert_eq!(
            account("arn:aws:iam::111111111111:root"),
            Some("111111111111")
        );
        assert_eq!(account("arn:aws:s3:::b"), None);
    }
}
