//! REPL-DEST-ARN — Destination.Bucket is not a bucket ARN.
//! From each site's rule and destination ([`super::Ctx::sites`]).

use super::Ctx;
use crate::model::arn::Arn;
use crate::model::symbolic::{display, literal_prefix, symbols};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplDestArn, "REPL-DEST-ARN", Error, "Destination.Bucket is not a bucket ARN");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites() {
        let Some(b) = s.dest.and_then(|d| d.bucket.as_ref()) else {
            continue;
        };
        if !bucket_arn_ok(&b.value) {
            out.push(
                s.finding(&META, b.span, format!("Destination.Bucket `{}` is not a bucket ARN", display(&b.value)))
                    .help(format!("use arn:{}:s3:::<bucket-name> (not a bare name, object ARN or access point ARN)", s.src.origin.partition)),
            );
        }
    }
}

/// `arn:<partition>:s3:::<name>`, or one symbol alone (a reference to a bucket's ARN).
fn bucket_arn_ok(v: &str) -> bool {
    match Arn::parse(v) {
        Some(a) => {
            a.service == "s3"
                && a.region.is_empty()
                && a.account.is_empty()
                && !a.resource.is_empty()
                && !a.resource.contains('/')
        }
        None => symbols(v).len() == 1 && literal_prefix(v).is_empty(),
    }
}
