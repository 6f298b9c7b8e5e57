//! REPL-DEST-DIRECTORY — replication to or from a directory bucket.
//! From each site's rule and destination ([`super::Ctx::sites`]).

use super::Ctx;
use super::common::Site;
use crate::model::arn::s3_bucket_of;
use crate::model::symbolic::display;
use crate::model::Model;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplDestDirectory, "REPL-DEST-DIRECTORY", Error, "Replication to or from a directory bucket");

const HELP: &str = "replicate between general purpose buckets (AWS::S3::Bucket); directory buckets (S3 Express One Zone) do not support replication";

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites() {
        directory(s, out);
    }
}

fn directory(s: &Site, out: &mut Vec<Finding>) {
    if s.src.is_directory() {
        out.push(
            s.finding(
                &META,
                s.config.span,
                format!("{} is a directory bucket: S3 replication supports only general purpose buckets", display(&s.src.name)),
            )
            .help(HELP),
        );
        return;
    }
    let Some(b) = s.dest.and_then(|d| d.bucket.as_ref()) else {
        return;
    };
    let by_name = s
        .dst
        .map(|d| d.name.clone())
        .or_else(|| s3_bucket_of(&b.value).map(str::to_string))
        .or_else(|| {
            // `arn:aws:s3express:<region>:<account>:bucket/<name>`
            b.value.split_once(":bucket/").map(|(_, n)| n.to_string())
        })
        .filter(|n| directory_name(n));
    let what = match (by_name, directory_resource(s.model, &b.value)) {
        (Some(n), _) => format!("`{}`", display(&n)),
        (None, Some(lid)) => format!("the directory bucket {lid}"),
        (None, None) => return,
    };
    out.push(
        s.finding(
            &META,
            b.span,
            format!(
                "rule {}: the destination {what} is a directory bucket: S3 replication supports only general purpose buckets",
                s.rule.label()
            ),
        )
        .help(HELP),
    );
}

/// A directory bucket name (`name--azid--x-s3`).
fn directory_name(name: &str) -> bool {
    name.ends_with("--x-s3")
}

/// The `AWS::S3Express::DirectoryBucket` a symbolic destination names (`‹Arn of X in stack s›`).
fn directory_resource<'m>(model: &'m Model, value: &str) -> Option<&'m str> {
    crate::model::ident::generated_refs(value)
        .into_iter()
        .find_map(|(key, lid)| {
            model.opaque.iter().find(|o| {
                o.origin.type_name == "AWS::S3Express::DirectoryBucket"
                    && o.origin.logical_id == lid
                    && o.origin.stack_key == key
            })
        })
        .map(|o| o.origin.logical_id.as_str())
}
