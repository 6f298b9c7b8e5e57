//! KMS-MRK — replication uses a multi-Region KMS key (S3 treats it as a single-Region key).

use super::Ctx;
use crate::model::arn::Arn;
use crate::model::symbolic::display;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(KmsMrk, "KMS-MRK", Info, "Replication uses a multi-Region KMS key (S3 treats it as a single-Region key)");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = &cx.graph.model;
    let mut seen_src = Vec::new();
    for s in cx.sites() {
        // The source bucket's default key.
        if s.sse_kms_opt_in() && !seen_src.contains(&s.b) {
            seen_src.push(s.b);
            for e in &s.src.encryption {
                let Some(kid) = &e.kms_master_key_id else {
                    continue;
                };
                let key = e.kms_key.and_then(|i| m.keys.get(i));
                if key.is_some_and(|k| k.is_multi_region()) || is_mrk_arn(&kid.value) {
                    out.push(
                        s.finding(&META, kid.span, format!("the source bucket's default key `{}` is a multi-Region key: S3 treats it as a single-Region key; the role must be granted on this key's ARN in the source Region", display(&kid.value)))
                            .label("multi-Region key")
                            .help("grant kms:Decrypt on this key's own ARN (its related multi-Region keys have their own ARNs and key policies)"),
                    );
                }
            }
        }
    }
}

fn is_mrk_arn(s: &str) -> bool {
    Arn::parse(s).is_some_and(|a| a.resource.starts_with("key/mrk-"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn mrk_arns() {
        assert!(super::is_mrk_arn(
            "arn:aws:kms:eu-west-1:111111111111:key/mrk-1234abcd"
        ));
    }
}
