//! DSTPOL-SIZE — replication bucket policy larger than 20 KB.

use crate::model::s3::Bucket;
use crate::model::symbolic::{display, has_symbol};
use crate::model::PolicyDoc;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use crate::source::{Node, Value};
use super::Ctx;
use super::common::{destination_policies, Site};

pub const META: RuleMeta = rule_meta!(DstpolSize, "DSTPOL-SIZE", Error, "Replication bucket policy larger than 20 KB");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for (s, dst, doc) in destination_policies(cx.sites(), &cx.graph.model) {
        policy_size(s, dst, doc, out);
    }
}

/// S3 bucket policies are limited to 20 KB.
const BUCKET_POLICY_MAX: usize = 20 * 1024;

/// Bytes of the minified JSON of `n` (what CloudFormation sends); unknown values count as empty.
fn minified_len(n: &Node) -> usize {
    fn string_len(s: &str) -> usize {
        let lit: usize = if has_symbol(s) {
            crate::model::symbolic::parts(s)
                .iter()
                .map(|p| match p {
                    crate::model::symbolic::Part::Lit(l) => {
                        serde_json::to_string(l).map_or(l.len(), |x| x.len() - 2)
                    }
                    crate::model::symbolic::Part::Sym(_) => 0,
                })
                .sum()
        } else {
            serde_json::to_string(s).map_or(s.len(), |x| x.len() - 2)
        };
        lit + 2
    }
    match &n.value {
        Value::Null => 4,
        Value::Bool(b) => {
            if *b {
                4
            } else {
                5
            }
        }
        Value::Number(x) => x.len(),
        Value::String(s) => string_len(s),
        Value::Array(items) => {
            2 + items.iter().map(minified_len).sum::<usize>() + items.len().saturating_sub(1)
        }
        Value::Object(ms) => {
            2 + ms
                .iter()
                .map(|m| string_len(&m.key) + 1 + minified_len(&m.value))
                .sum::<usize>()
                + ms.len().saturating_sub(1)
        }
    }
}

fn policy_size(s: &Site, dst: &Bucket, doc: &PolicyDoc, out: &mut Vec<Finding>) {
    if s.cross_account() != Some(true) {
        return;
    }
    let n = minified_len(&doc.node);
    if n <= BUCKET_POLICY_MAX {
        return;
    }
    out.push(
        Finding::new(META.id, META.severity, doc.file, doc.span(), format!(
            "the bucket policy of replication destination {} has {n} bytes minified; S3 accepts at most 20 KB ({BUCKET_POLICY_MAX} bytes), so the grant replication needs cannot be deployed",
            display(&dst.name)
        ))
        .resource(Some(dst.origin.logical_id.clone()))
        .related(s.file(), s.dest_bucket_span(), "replication into this bucket")
        .help("merge statements that share Principal/Action/Condition, list principals by account instead of by role, or move grants to an access point policy"),
    );
}
