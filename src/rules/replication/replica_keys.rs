//! The replica key of each replication rule (rules-spec §7, §9): what ReplicaKmsKeyID names, the key it
//! resolves to, and its Region and account; read by the KMS-REPLICA-KEY-*, KMS-AWS-MANAGED-XACCT and
//! XREG-KEY-REGION rules.

use super::common::Site;
use crate::model::arn::Arn;
use crate::model::kms::Key;
use crate::model::symbolic::has_symbol;
use crate::source::Spanned;

/// The replica key of one site.
pub struct ReplicaKey<'s, 'm> {
    pub site: &'s Site<'m>,
    /// `ReplicaKmsKeyID` as written.
    pub id: &'m Spanned<String>,
    /// The defined key it names.
    pub target: Option<&'m Key>,
    pub arn: Option<Arn>,
    /// Source and destination are in different (known) accounts.
    pub xacct: bool,
    /// The key's Region and account: the defined key's binding, else its ARN.
    pub region: Option<String>,
    pub account: Option<String>,
    /// An AWS managed key (`alias/aws/...`).
    pub aws_managed: bool,
}

impl ReplicaKey<'_, '_> {
    /// The key's Region and the destination's, when both are known and differ.
    pub fn region_mismatch(&self) -> Option<(&str, String)> {
        let (kr, dr) = (self.region.as_deref()?, self.site.dst_region()?);
        (!has_symbol(kr) && kr != dr).then_some((kr, dr))
    }
}

/// The replica key of every site that sets one, in site order.
pub fn replica_keys<'s, 'm>(sites: &'s [Site<'m>]) -> Vec<ReplicaKey<'s, 'm>> {
    let mut out = Vec::new();
    for s in sites {
        let Some(k) = s.replica_key() else { continue };
        let target = s
            .dest
            .and_then(|d| d.replica_key_target)
            .and_then(|i| s.model.keys.get(i));
        let lit = k.value.as_str();
        let arn = Arn::parse(lit);
        let (region, account) = match target {
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
        out.push(ReplicaKey {
            site: s,
            id: k,
            target,
            xacct: s.cross_account() == Some(true),
            aws_managed: lit.contains("alias/aws/"),
            arn,
            region,
            account,
        });
    }
    out
}

/// The replica keys outside the destination bucket's Region, reported under `meta` for the replications
/// that are (`cross_region`) or are not cross-Region: KMS-REPLICA-KEY-REGION and XREG-KEY-REGION are
/// one defect told in the terms of each kind of replication.
pub fn report_region_mismatch(
    sites: &[Site],
    cross_region: bool,
    meta: &crate::rules::RuleMeta,
    out: &mut Vec<crate::rules::Finding>,
) {
    for r in replica_keys(sites) {
        let (s, k) = (r.site, r.id);
        let Some((kr, dr)) = r.region_mismatch() else {
            continue;
        };
        if s.src_region().is_some_and(|sr| sr != dr) != cross_region {
            continue;
        }
        let mut f = s
            .finding(meta, k.span, format!("the replica key is in {kr} but the destination bucket {} is in {dr}: the key must be in the destination bucket's region", s.dst_label()))
            .label("replication fails: KMS keys never leave their region")
            .help(format!("use a key created in {dr}{}", if cross_region { " (cross-region replication needs two keys: the source key in the source region, the replica key in the destination region)" } else { "" }));
        if let Some(t) = r.target {
            f = f.related(
                t.origin.file,
                t.origin.logical_id_span,
                format!("key {} is deployed in {kr}", t.origin.logical_id),
            );
        }
        out.push(f);
    }
}
