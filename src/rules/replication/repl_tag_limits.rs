//! REPL-TAG-LIMITS — replication tag filter breaks S3 tag limits.
//! From each rule's tag filters ([`super::rule_facts`]).

use super::Ctx;
use crate::model::s3::Tag;
use std::collections::HashMap;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplTagLimits, "REPL-TAG-LIMITS", Error, "Replication tag filter breaks S3 tag limits");

/// S3 tag limits (S3 API `Tag`; S3 User Guide `object-tagging.md`).
const MAX_TAG_KEY: usize = 128;
const MAX_TAG_VALUE: usize = 256;
const HELP: &str = "tag keys have 1 to 128 characters, values up to 256";

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for (s, facts) in cx.sites_with_facts() {
        let rule = s.rule.label();
        let mut keys: HashMap<&str, &Tag> = HashMap::new();
        for t in &facts.tags {
            let key = t.key.as_ref().map(|k| k.value.as_str()).unwrap_or("");
            let span = t.key.as_ref().map_or(t.span, |k| k.span);
            let key_len = key.chars().count();
            let problem = if key.is_empty() {
                Some("the tag key is empty".to_string())
            } else if key_len > MAX_TAG_KEY {
                Some(format!(
                    "the tag key has {key_len} characters; S3 tag keys have at most {MAX_TAG_KEY}"
                ))
            } else {
                None
            };
            if let Some(p) = problem {
                out.push(s.finding(&META, span, format!("rule {rule}: {p}")).help(HELP));
            }
            if let Some(v) = &t.value {
                let n = v.value.chars().count();
                if n > MAX_TAG_VALUE {
                    out.push(
                        s.finding(&META, v.span, format!(
                            "rule {rule}: the tag value has {n} characters; S3 tag values have at most {MAX_TAG_VALUE}"
                        ))
                        .help(HELP),
                    );
                }
            }
            if key.is_empty() {
                continue;
            }
            match keys.get(key) {
                Some(first) => out.push(
                    s.finding(
                        &META,
                        span,
                        format!("rule {rule}: the filter names tag key `{key}` twice; an object has at most one value per key"),
                    )
                    .related(s.file(), first.span, "the same key here")
                    .help("keep one TagFilter per key"),
                ),
                None => {
                    keys.insert(key, t);
                }
            }
        }
    }
}
