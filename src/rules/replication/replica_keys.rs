//! Replica key configuration (rules-spec §7, §9): region, ownership, AWS managed keys, aliases, key spec.

use super::common::sites;
use super::Ctx;
use crate::model::arn::Arn;
use crate::model::symbolic::{display, has_symbol};
use crate::rules::{Finding, Severity};

pub fn compute(ctx: &Ctx, out: &mut Vec<Finding>) {
    let model = &ctx.graph.model;
    for s in sites(model) {
        let Some(k) = s.replica_key() else { continue };
        let target = s
            .dest
            .and_then(|d| d.replica_key_target)
            .map(|i| &model.keys[i]);
        let lit = k.value.as_str();
        let arn = Arn::parse(lit);
        let xacct = s.cross_account() == Some(true);
        // The key's region and account: the defined key's binding, else its ARN.
        let (k_region, k_account) = match target {
            Some(t) => (t.origin.region.clone(), Some(t.origin.account.clone())),
            None => (
                arn.as_ref()
                    .map(|a| a.region.clone())
                    .filter(|r| !r.is_empty() && !has_symbol(r)),
                arn.as_ref()
                    .map(|a| a.account.clone())
                    .filter(|a| !a.is_empty()),
            ),
        };
        let aws_managed = lit.contains("alias/aws/");
        if aws_managed && xacct {
            out.push(
                s.finding(&super::kms_aws_managed_xacct::META, k.span, format!("ReplicaKmsKeyID `{}` is an AWS managed key: its key policy cannot grant another account, so cross-account replicas fail", display(lit)))
                    .help("create a customer managed symmetric key in the destination account and region, grant the replication role in its key policy, and use its key ARN"),
            );
        } else if !arn.as_ref().is_some_and(|a| a.resource.starts_with("key/")) && !has_symbol(lit)
        {
            let alias_arn_of_dest = arn.as_ref().is_some_and(|a| {
                a.resource.starts_with("alias/") && Some(a.account.clone()) == s.dst_account()
            });
            let sev = if xacct && !alias_arn_of_dest {
                Severity::Error
            } else {
                Severity::Warning
            };
            out.push(
                s.finding_sev(&super::kms_replica_key_alias::META, sev, k.span, format!("ReplicaKmsKeyID `{}` is not a key ARN: KMS resolves aliases and key ids within the requester's account", display(lit)))
                    .help("use the full key ARN: arn:aws:kms:<dest-region>:<dest-account>:key/<key-id>"),
            );
        }
        // Region.
        if let (Some(kr), Some(dr)) = (&k_region, s.dst_region()) {
            if !has_symbol(kr) && kr != &dr {
                let cross_region = s.src_region().is_some_and(|sr| sr != dr);
                let meta = if cross_region {
                    &super::xreg_key_region::META
                } else {
                    &super::kms_replica_key_region::META
                };
                let mut f = s
                    .finding(meta, k.span, format!("the replica key is in {kr} but the destination bucket {} is in {dr}: the key must be in the destination bucket's region", s.dst_label()))
                    .label("replication fails: KMS keys never leave their region")
                    .help(format!("use a key created in {dr}{}", if cross_region { " (cross-region replication needs two keys: the source key in the source region, the replica key in the destination region)" } else { "" }));
                if let Some(t) = target {
                    f = f.related(
                        t.origin.file,
                        t.origin.logical_id_span,
                        format!("key {} is deployed in {kr}", t.origin.logical_id),
                    );
                }
                out.push(f);
            }
        }
        // Owner.
        if xacct && !aws_managed {
            if let Some(ka) = &k_account {
                if ka == s.src_account() {
                    out.push(
                        s.finding(&super::kms_replica_key_owner::META, k.span, format!("replicas in account {} would be encrypted with a key of the source account {}: the destination does not control it", s.dst_account().map(|a| display(&a)).unwrap_or_default(), display(ka)))
                            .help("use a customer managed key owned by the destination account"),
                    );
                }
            }
        }
        if let Some(t) = target {
            let spec = t.spec_str();
            let usage = t
                .usage
                .as_ref()
                .map_or("ENCRYPT_DECRYPT", |u| u.value.as_str());
            if spec != "SYMMETRIC_DEFAULT" || usage != "ENCRYPT_DECRYPT" {
                let span = t
                    .spec
                    .as_ref()
                    .map(|x| x.span)
                    .or(t.usage.as_ref().map(|x| x.span))
                    .unwrap_or(t.origin.logical_id_span);
                out.push(
                    s.finding(&super::kms_replica_key_symmetric::META, k.span, format!("the replica key {} is {spec}/{usage}; S3 only supports symmetric encryption keys", t.origin.logical_id))
                        .related(t.origin.file, span, "key spec")
                        .help("use a SYMMETRIC_DEFAULT key with KeyUsage ENCRYPT_DECRYPT"),
                );
            }
            if !t.is_enabled() {
                let span = t
                    .enabled
                    .as_ref()
                    .map_or(t.origin.logical_id_span, |e| e.span);
                out.push(
                    s.finding(&super::kms_replica_key_valid::META, k.span, format!("the replica key {} is disabled: replication fails with DstKmsKeyInvalidState (PutBucketReplication does not check the key)", t.origin.logical_id))
                        .related(t.origin.file, span, "Enabled: false")
                        .help("enable the key"),
                );
            }
        }
    }
}
