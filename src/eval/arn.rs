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
    segments_match(&pattern_segments(p), text.as_bytes(), true)
}

/// `ArnLike` / `ArnEquals`: the value must be an ARN; components are compared separately.
pub fn arn_like(p: &[Tok], text: &str) -> bool {
    if parse(text).is_none() {
        return false;
    }
    if is_star(p) {
        return true;
    }
    segments_match(&pattern_segments(p), text.as_bytes(), false)
}

/// The pattern split at its first five literal colons; the last part is the rest of the pattern.
#[expect(
    clippy::indexing_slicing,
    reason = "`start` is at most one past an index of `p`, and `i` an index of `p`"
)]
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

/// Whether the pattern segments match the text. Segment `i` (not the last) matches the text up to the
/// next colon; with `cross`, a segment ending in `*` may also run on past further colons. The last
/// segment covers the rest of the text, colons included.
///
/// Computed forwards as the set of offsets where each segment may start (sorted, deduplicated): the
/// ranges a segment is matched against are disjoint (each runs from a start to the next colon), and a
/// crossing `*` adds "every later colon" once, from the smallest start — so each segment costs one pass
/// over the text, never a pass per colon per colon.
#[expect(
    clippy::indexing_slicing,
    reason = "`segs` is never empty (`pattern_segments` always pushes the rest); every start is 0 or \
              one past a colon of `text`, so within it"
)]
fn segments_match(segs: &[&[Tok]], text: &[u8], cross: bool) -> bool {
    let colons: Vec<usize> = (0..text.len()).filter(|&i| text[i] == b':').collect();
    let mut starts = vec![0usize];
    for seg in &segs[..segs.len() - 1] {
        let crosses = cross && seg.last() == Some(&Tok::Star);
        let mut next = Vec::new();
        let mut from: Option<usize> = None;
        for &o in &starts {
            let k = colons.partition_point(|&c| c < o);
            let Some(&colon) = colons.get(k) else {
                continue;
            };
            if glob(seg, &text[o..colon]) {
                next.push(colon + 1);
                if crosses {
                    from = Some(from.map_or(k + 1, |f: usize| f.min(k + 1)));
                }
            }
        }
        if let Some(f) = from {
            next.extend(colons[f.min(colons.len())..].iter().map(|c| c + 1));
        }
        next.sort_unstable();
        next.dedup();
        if next.is_empty() {
            return false;
        }
        starts = next;
    }
    last_segment_matches(segs[segs.len() - 1], text, &starts)
}

/// Whether `seg` matches `text[o..]` for some start `o`. Split at its first `*` into a star-free head
/// and a tail starting with `*`: the head matches at each start in `O(head)`, and since a tail starting
/// with `*` that matches from an offset also matches from any earlier one, it is tried once, from the
/// earliest end of a head match.
#[expect(
    clippy::indexing_slicing,
    reason = "every start is 0 or one past a colon of `text`, and a head match ends within the text"
)]
fn last_segment_matches(seg: &[Tok], text: &[u8], starts: &[usize]) -> bool {
    let Some(star) = seg.iter().position(|t| *t == Tok::Star) else {
        return starts.iter().any(|&o| glob(seg, &text[o..]));
    };
    let (head, tail) = seg.split_at(star);
    let earliest = starts
        .iter()
        .filter_map(|&o| head_match(head, &text[o..]).map(|n| o + n))
        .min();
    earliest.is_some_and(|e| glob(tail, &text[e..]))
}

/// Bytes of `text` a star-free pattern matches as a prefix (`?` is one UTF-8 character).
fn head_match(head: &[Tok], text: &[u8]) -> Option<usize> {
    let mut at = 0;
    for t in head {
        let &b = text.get(at)?;
        match t {
            Tok::Lit(l) if *l == b => at += 1,
            Tok::One => at += super::pattern::char_len(b),
            _ => return None,
        }
    }
    (at <= text.len()).then_some(at)
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

    /// `*` ending every segment against a name with 20,000 colons: a search per colon per colon (the
    /// old memoized recursion, ~10^9 steps here) did not finish; one pass per segment is immediate.
    #[test]
    fn crossing_stars_against_many_colons_stay_linear() {
        let name = format!("arn:aws:s3:::{}", vec!["q"; 20_000].join(":"));
        assert!(!resource_matches(&toks("*:*:*:*:*:zzz"), &name));
        assert!(!resource_matches(&toks("*:*:*:*:*:*zzz"), &name));
        assert!(!resource_matches(&toks("*:*:*:*:*:q*zzz"), &name));
        assert!(resource_matches(&toks("*:*:*:*:*:q"), &name));
        assert!(resource_matches(&toks("*:*:*:*:*:q*q"), &name));
        assert!(!arn_like(&toks("*:*:*:*:*:zzz"), &name));
    }
}
