//! KMS-REPLICA-KEY-SYMMETRIC — the replica key is not a symmetric encryption key.

use super::replica_keys::replica_keys;
use super::Ctx;
use crate::model::symbolic::has_symbol;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(KmsReplicaKeySymmetric, "KMS-REPLICA-KEY-SYMMETRIC", Error, "The replica key is not a symmetric encryption key");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for r in replica_keys(cx.sites()) {
        let (s, k) = (r.site, r.id);
        let Some(t) = r.target else { continue };
        let spec = t.spec_str();
        let usage = t
            .usage
            .as_ref()
            .map_or("ENCRYPT_DECRYPT", |u| u.value.as_str());
        // A spec or usage not known statically (a parameter) is no defect: only a known other value.
        let known = !has_symbol(spec) && !has_symbol(usage);
        if known && (spec != "SYMMETRIC_DEFAULT" || usage != "ENCRYPT_DECRYPT") {
            let span = t
                .spec
                .as_ref()
                .map(|x| x.span)
                .or(t.usage.as_ref().map(|x| x.span))
                .unwrap_or(t.origin.logical_id_span);
            out.push(
                s.finding(&META, k.span, format!("the replica key {} is {spec}/{usage}; S3 only supports symmetric encryption keys", t.origin.logical_id))
                    .related(t.origin.file, span, "key spec")
                    .help("use a SYMMETRIC_DEFAULT key with KeyUsage ENCRYPT_DECRYPT"),
            );
        }
    }
}
