//! ARN helpers: splitting, the owning account, and segment-wise wildcard matching.
//!
//! IAM matches a `Resource` ARN segment by segment (the parts between the first five colons); `*` and `?`
//! work inside a segment, and "if the `*` wildcard is the last character of a resource ARN segment, it can
//! expand to match beyond the colon boundaries" — any segment's, not only the last one's (IAM User Guide,
//! "IAM JSON policy elements: Resource", "Using wildcards in resource ARNs"). `ArnLike` / `ArnEquals`
//! check "each of the six colon-delimited components of the ARN separately" (condition operators page):
//! there no `*` crosses a colon except one ending the pattern.

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

/// An ARN with a non-empty partition and service.
pub fn parse(s: &str) -> Option<Arn<'_>> {
    split(s).filter(|arn| !arn.partition.is_empty() && !arn.service.is_empty())
}

/// Split `arn:` + five colon-separated parts (the resource keeps its colons); any part may be empty.
pub fn split(s: &str) -> Option<Arn<'_>> {
    let mut it = s.splitn(6, ':');
    if it.next()? != "arn" {
        return None;
    }
    Some(Arn {
        partition: it.next()?,
        service: it.next()?,
        region: it.next()?,
        account: it.next()?,
        resource: it.next()?,
    })
}

pub use crate::model::arn::is_account_id;

/// The account that owns an ARN, when the ARN names one.
pub fn account(s: &str) -> Option<&str> {
    parse(s).map(|a| a.account).filter(|a| !a.is_empty())
}

/// Match a `Resource`/`NotResource` pattern against a concrete ARN.
pub fn resource_matches(p: &[Tok], text: &str) -> bool {
    if is_star(p) {
        return true;
    }
    if text.splitn(6, ':').count() < 6 {
        // Not an ARN (an S3 bucket name, "*"): plain wildcard match.
        return glob(p, text.as_bytes());
    }
    let segs = pattern_segments(p);
    let mut failed = std::collections::HashSet::new();
    segments_from(&segs, 0, text.as_bytes(), 0, true, &mut failed)
}

/// `ArnLike` / `ArnEquals`: the value must be an ARN; components are compared separately.
pub fn arn_like(p: &[Tok], text: &str) -> bool {
    if parse(text).is_none() {
        return false;
    }
    if is_star(p) {
        return true;
    }
    let segs = pattern_segments(p);
    let mut failed = std::collections::HashSet::new();
    segments_from(&segs, 0, text.as_bytes(), 0, false, &mut failed)
}

/// The pattern split at its first five literal colons; the last part is the rest of the pattern.
fn pattern_segments(p: &[Tok]) -> Vec<&[Tok]> {
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
    segs
}

/// Whether pattern segments `segs[i..]` match `text[offset..]`. Segment `i` (not the last) matches the
/// text up to the next colon; with `cross`, a segment ending in `*` may also run on past further colons.
/// The last pattern segment covers the rest of the text, colons included. `failed` memoizes dead
/// `(segment, offset)` states so that the search stays polynomial.
fn segments_from(
    segs: &[&[Tok]],
    i: usize,
    text: &[u8],
    offset: usize,
    cross: bool,
    failed: &mut std::collections::HashSet<(usize, usize)>,
) -> bool {
    if i == segs.len() - 1 {
        return glob(segs[i], &text[offset..]);
    }
    if failed.contains(&(i, offset)) {
        return false;
    }
    let Some(next) = text[offset..].iter().position(|&b| b == b':') else {
        return false;
    };
    let colon = offset + next;
    let seg = segs[i];
    let mut ok = glob(seg, &text[offset..colon]);
    if ok {
        ok = segments_from(segs, i + 1, text, colon + 1, cross, failed);
        if !ok && cross && seg.last() == Some(&Tok::Star) {
            ok = (colon + 1..text.len())
                .filter(|&c| text[c] == b':')
                .any(|c| segments_from(segs, i + 1, text, c + 1, cross, failed));
        }
    }
    if !ok {
        failed.insert((i, offset));
    }
    ok
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
        // A `*` ending any segment may run past colons; one inside a segment may not.
        assert!(m("arn:aws:sqs:*:q", "arn:aws:sqs:us-east-1:111111111111:q"));
        assert!(m(
            "arn:aws:sqs:us-*:q",
            "arn:aws:sqs:us-east-1:111111111111:q"
        ));
        assert!(!m(
            "arn:aws:sqs:eu-*:q",
            "arn:aws:sqs:us-east-1:111111111111:q"
        ));
        assert!(!m(
            "arn:aws:sqs:u*1:q",
            "arn:aws:sqs:us-east-1:111111111111:q"
        ));
        assert!(!m("arn:aws:sqs:us-east-1?1:q", "arn:aws:sqs:us-east-1:1:q"));
        assert!(m("arn:*:*:*:*:*", "arn:aws:logs:us-east-1:1:log-group:a:b"));
        assert!(!arn_like(
            &toks("arn:aws:sqs:*:q"),
            "arn:aws:sqs:us-east-1:111111111111:q"
        ));
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
