//! REPL-STORAGE-CLASS — replication StorageClass not accepted for replication.
//! From each site's rule and destination ([`super::Ctx::sites`]).

use super::Ctx;
use super::rule_facts::symbol_free;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta, Severity};

pub const META: RuleMeta = rule_meta!(ReplStorageClass, "REPL-STORAGE-CLASS", Error, "Replication StorageClass not accepted for replication");

/// The S3 API `StorageClass` enum.
const STORAGE_CLASSES: &[&str] = &[
    "STANDARD",
    "REDUCED_REDUNDANCY",
    "STANDARD_IA",
    "ONEZONE_IA",
    "INTELLIGENT_TIERING",
    "GLACIER",
    "DEEP_ARCHIVE",
    "OUTPOSTS",
    "GLACIER_IR",
    "SNOW",
    "EXPRESS_ONEZONE",
    "FSX_OPENZFS",
    "FSX_ONTAP",
    "AWS_BACKUP_WARM",
    "AWS_BACKUP_LOW_COST_WARM",
];

const HELP: &str = "use STANDARD, STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER_IR, GLACIER or DEEP_ARCHIVE (or omit StorageClass to keep the source object's class)";

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites() {
        let Some(sc) = s.dest.and_then(|d| d.storage_class.as_ref()) else {
            continue;
        };
        let v = sc.value.as_str();
        if !symbol_free(v) {
            continue;
        }
        let rule = s.rule.label();
        let (sev, msg) = if !STORAGE_CLASSES.contains(&v) {
            (
                META.severity,
                format!("rule {rule}: StorageClass `{v}` is not an S3 storage class (the values are upper case)"),
            )
        } else if v == "FSX_OPENZFS" {
            (
                META.severity,
                format!("rule {rule}: FSX_OPENZFS is not an accepted value when replicating"),
            )
        } else if matches!(v, "OUTPOSTS" | "SNOW" | "EXPRESS_ONEZONE" | "FSX_ONTAP")
            || v.starts_with("AWS_BACKUP_")
        {
            (
                Severity::Info,
                format!("rule {rule}: StorageClass {v} is not a storage class of a general purpose bucket; whether S3 accepts it for replication is not documented"),
            )
        } else if v == "REDUCED_REDUNDANCY" {
            (
                Severity::Info,
                format!("rule {rule}: REDUCED_REDUNDANCY is a legacy storage class; AWS recommends STANDARD, which is cheaper and more durable"),
            )
        } else {
            continue;
        };
        out.push(s.finding_sev(&META, sev, sc.span, msg).help(HELP));
    }
}
