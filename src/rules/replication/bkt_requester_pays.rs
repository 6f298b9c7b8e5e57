//! BKT-REQUESTER-PAYS — cross-account replication to a Requester Pays bucket.

use crate::model::arn::s3_bucket_of;
use crate::model::symbolic::display;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use super::Ctx;
use super::common::Site;

pub const META: RuleMeta = rule_meta!(BktRequesterPays, "BKT-REQUESTER-PAYS", Error, "Cross-account replication to a Requester Pays bucket");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites().iter().filter(|s| s.rule.enabled()) {
        requester_pays(cx, s, out);
    }
}

fn requester_pays(ctx: &Ctx, s: &Site, out: &mut Vec<Finding>) {
    if s.cross_account() != Some(true) {
        return;
    }
    let name = match s.dst {
        Some(d) => d.name.clone(),
        None => match s
            .dest
            .and_then(|d| d.bucket.as_ref())
            .and_then(|b| s3_bucket_of(&b.value))
        {
            Some(n) => n.to_string(),
            None => return,
        },
    };
    let from_template = s
        .dst
        .and_then(|d| d.request_payer.as_ref())
        .filter(|p| p.value == "Requester");
    let from_config = ctx.cfg.requester_pays.contains(&name);
    if from_template.is_none() && !from_config {
        return;
    }
    let mut f = s
        .finding(&META, s.dest_bucket_span(), format!(
            "rule {}: destination {} is a Requester Pays bucket in another account: S3 does not replicate to it",
            s.rule.label(), display(&name)
        ))
        .help("turn Requester Pays off on the destination bucket (Payer: BucketOwner), or replicate within one account");
    match (from_template, s.dst) {
        (Some(p), Some(d)) => f = f.related(d.origin.file, p.span, "Payer: Requester"),
        _ => f = f.label("listed under [s3] requester-pays in trustlint.toml"),
    }
    out.push(f);
}
