//! What a requirement's resource, features and finding anchor are for one replication site.

use super::help::help_resource;
use super::table::{Anchor, Feature, ResForm};
use crate::model::arn::Arn;
use crate::model::symbolic::display;
use crate::model::Model;
use crate::rules::replication::common::{bucket_key_on, Site};
use crate::source::Span;

/// The object key that stands for "any object under the rule's prefix".
pub(super) const SAMPLE_KEY: &str = "trustlint-sample/object";

/// The resolved resource of a requirement for one site.
pub(super) struct Res {
    pub(super) value: String,
    pub(super) account: Option<String>,
    /// The key or bucket (model kind index) whose resource policy applies.
    pub(super) policy: ResPolicy,
    pub(super) label: String,
}

pub(super) enum ResPolicy {
    Trust(usize),
    Bucket(usize),
    Key(usize),
    /// Defined nowhere: a permissive stand-in, plus an UNPROVEN naming `String`.
    External(String),
}

/// `(ARN, key index, account)` of the modelled key `key`; of a key the model does not hold, the
/// literal `lit` (ARN, alias or id) and `account(lit)`.
fn key_or_literal(
    m: &Model,
    key: Option<usize>,
    lit: String,
    account: impl FnOnce(&str) -> String,
) -> (String, Option<usize>, String) {
    match key.and_then(|k| Some((k, m.keys.get(k)?))) {
        Some((k, key)) => (key.arn.clone(), Some(k), key.origin.account.clone()),
        None => {
            let account = account(&lit);
            (lit, None, account)
        }
    }
}

/// The account of an ARN; empty when `s` is not one.
fn account_of_arn(s: &str) -> String {
    Arn::parse(s).map(|a| a.account).unwrap_or_default()
}

pub(super) fn key_of(site: &Site, form: ResForm) -> Option<(String, Option<usize>, String)> {
    let m = site.model;
    match form {
        ResForm::SourceKey => {
            let e = site
                .src
                .encryption
                .iter()
                .find(|e| e.kms_master_key_id.is_some())?;
            let lit = e.kms_master_key_id.as_ref()?.value.clone();
            Some(key_or_literal(m, e.kms_key, lit, account_of_arn))
        }
        ResForm::ReplicaKey => {
            let lit = site.replica_key()?.value.clone();
            let is_key_arn = Arn::parse(&lit).is_some_and(|a| a.resource.starts_with("key/"));
            if site.dest.and_then(|d| d.replica_key_target).is_none() && !is_key_arn {
                // An alias or bare id: which key S3 uses is KMS-REPLICA-KEY-ALIAS's question.
                return None;
            }
            Some(key_or_literal(
                m,
                site.dest.and_then(|d| d.replica_key_target),
                lit,
                account_of_arn,
            ))
        }
        ResForm::DestDefaultKey => {
            let d = site.dst?;
            let e = d.encryption.iter().find(|e| {
                e.sse_algorithm
                    .as_ref()
                    .is_some_and(|a| a.value.starts_with("aws:kms"))
                    && e.kms_master_key_id.is_some()
            })?;
            let lit = e.kms_master_key_id.as_ref()?.value.clone();
            Some(key_or_literal(m, e.kms_key, lit, |_| {
                d.origin.account.clone()
            }))
        }
        _ => None,
    }
}

pub(super) fn resource(site: &Site, form: ResForm) -> Option<Res> {
    let prefix = site.prefix();
    Some(match form {
        ResForm::Role => {
            let arn = site.role_arn()?;
            Res {
                label: display(&arn),
                value: arn,
                account: None,
                policy: match site.role {
                    Some(r) => ResPolicy::Trust(r),
                    None => ResPolicy::External(format!(
                        "the trust policy of role {} (not defined in the analysed templates)",
                        display(&site.role_arn().unwrap_or_default())
                    )),
                },
            }
        }
        ResForm::SourceBucket | ResForm::SourceObjects => {
            let value = if form == ResForm::SourceBucket {
                site.src.arn.clone()
            } else {
                format!("{}/{prefix}{SAMPLE_KEY}", site.src.arn)
            };
            Res {
                label: help_resource(&display(&value)),
                value,
                account: Some(site.src_account().to_string()),
                policy: ResPolicy::Bucket(site.b),
            }
        }
        ResForm::DestBucket | ResForm::DestObjects => {
            let arn = site.dst_arn()?;
            let value = if form == ResForm::DestBucket {
                arn
            } else {
                format!("{arn}/{prefix}{SAMPLE_KEY}")
            };
            Res {
                label: help_resource(&display(&value)),
                value,
                account: site.dst_account(),
                policy: match site.dst_index {
                    Some(d) => ResPolicy::Bucket(d),
                    None => ResPolicy::External(format!(
                        "the bucket policy of {} (not defined in the analysed templates)",
                        site.dst_label()
                    )),
                },
            }
        }
        _ => {
            let (value, k, account) = key_of(site, form)?;
            Res {
                label: help_resource(&display(&value)),
                policy: match k {
                    Some(k) => ResPolicy::Key(k),
                    None => ResPolicy::External(format!(
                        "the key policy of {} (not defined in the analysed templates)",
                        display(&value)
                    )),
                },
                value,
                account: (!account.is_empty()).then_some(account),
            }
        }
    })
}

impl Res {
    /// Whether a resource policy is needed to allow (keys always; others only across accounts).
    pub(super) fn policy_needed(&self, site: &Site, form: ResForm) -> bool {
        if form.is_key() || form == ResForm::Role {
            return true;
        }
        match (
            &self.account,
            Arn::parse(&site.role_arn().unwrap_or_default()),
        ) {
            (Some(a), Some(r)) => a != &r.account,
            _ => true,
        }
    }
}
pub(super) fn feature(site: &Site, f: Feature) -> bool {
    match f {
        Feature::Always => true,
        Feature::DeleteMarkers => site.replicates_delete_markers(),
        Feature::OwnerOverride => {
            site.dest.is_some_and(|d| d.access_control_span.is_some())
                && !site.dst_ownership_enforced()
        }
        Feature::ObjectLock => site.src.object_lock.as_ref().is_some_and(|o| o.value),
        Feature::SseKmsSource => site.sse_kms_opt_in() && site.src.default_kms_key().is_some(),
        Feature::SseKmsReplica => site.sse_kms_opt_in() && site.replica_key().is_some(),
        Feature::DestBucketKey => {
            feature(site, Feature::SseKmsReplica) && site.dst.is_some_and(bucket_key_on)
        }
        Feature::SourceBucketKeyOnly => {
            feature(site, Feature::SseKmsReplica)
                && bucket_key_on(site.src)
                && !site.dst.is_some_and(bucket_key_on)
        }
        Feature::DestDefaultKms => match key_of(site, ResForm::DestDefaultKey) {
            Some((arn, _, _)) => {
                let replica = key_of(site, ResForm::ReplicaKey).map(|k| k.0);
                // A key written as a value not known statically may be the replica key: its
                // requirement would then repeat the replica key's (and fail or hold with it).
                let unknown = |s: &str| {
                    crate::model::symbolic::symbols(s)
                        .iter()
                        .any(|id| !id.get().is_generated())
                };
                let may_be_replica = replica
                    .as_deref()
                    .is_some_and(|r| r == arn || unknown(r) || unknown(&arn));
                !(site.sse_kms_opt_in() && may_be_replica)
            }
            None => false,
        },
        Feature::CrossAccount => site.cross_account() == Some(true),
    }
}

pub(super) fn anchor(site: &Site, a: Anchor) -> Span {
    let dest = site.dest;
    match a {
        Anchor::Role => site.role_span(),
        Anchor::Rule => site.rule_span(),
        Anchor::DestinationBucket => site.dest_bucket_span(),
        Anchor::ReplicaKey => site
            .replica_key()
            .map_or_else(|| site.dest_bucket_span(), |k| k.span),
        Anchor::SseKms => site
            .rule
            .sse_kms_encrypted_objects
            .as_ref()
            .map_or(site.rule_span(), |s| s.span),
        Anchor::DeleteMarkers => site
            .rule
            .delete_marker_replication
            .as_ref()
            .map_or_else(|| site.dest_bucket_span(), |s| s.span),
        Anchor::AccessControl => dest
            .and_then(|d| d.access_control_span)
            .unwrap_or_else(|| site.dest_bucket_span()),
    }
}

pub(super) fn region_for(site: &Site, form: ResForm) -> Option<String> {
    if form.is_dest() {
        site.dst_region()
    } else {
        site.src_region().map(str::to_string)
    }
}
