//! What the rules of this family share: every replication rule with its source bucket, destination,
//! role, keys, accounts and regions resolved once (in model order, which is file order — the findings
//! are sorted afterwards, so results do not depend on it).

use crate::model::arn::{is_account_id, s3_bucket_of, Arn};
use crate::model::s3::{Bucket, Destination, Replication, ReplicationRule};
use crate::model::symbolic::{display, has_symbol, literal_prefix, possible_values, symbols};
use crate::model::Model;
use crate::rules::{Finding, RuleMeta, Severity};
use crate::source::{FileId, Span};

/// One replication rule, with everything around it resolved.
pub struct Site<'a> {
    pub model: &'a Model,
    /// Index of the source bucket in `model.buckets`.
    pub b: usize,
    pub src: &'a Bucket,
    pub config: &'a Replication,
    pub rule: &'a ReplicationRule,
    pub dest: Option<&'a Destination>,
    /// The destination bucket, when defined in the analysed templates.
    pub dst: Option<&'a Bucket>,
    pub dst_index: Option<usize>,
    /// The role index, when defined.
    pub role: Option<usize>,
}

impl<'a> Site<'a> {
    pub fn file(&self) -> FileId {
        self.src.origin.file
    }

    /// The role S3 assumes, when defined in the analysed templates.
    pub fn role_def(&self) -> Option<&'a crate::model::iam::Role> {
        self.model.roles.get(self.role?)
    }

    /// The source account key (12 digits or a symbol).
    pub fn src_account(&self) -> &str {
        &self.src.origin.account
    }

    /// The destination account: the destination bucket's binding, else `Destination.Account`.
    pub fn dst_account(&self) -> Option<String> {
        if let Some(d) = self.dst {
            return Some(d.origin.account.clone());
        }
        self.dest
            .and_then(|d| d.account.as_ref())
            .map(|a| a.value.clone())
            .filter(|a| is_account_id(a) || has_symbol(a))
    }

    /// Some(true) when source and destination are known to be owned by different accounts.
    pub fn cross_account(&self) -> Option<bool> {
        let d = self.dst_account()?;
        let s = self.src_account();
        if has_symbol(&d) || has_symbol(s) {
            // The same unknown account is the same account; two different unknowns prove nothing.
            return (d == s).then_some(false);
        }
        Some(d != s)
    }

    pub fn src_region(&self) -> Option<&str> {
        self.src.origin.region.as_deref()
    }

    /// The destination region: its bucket's binding, else the replica key ARN's region.
    pub fn dst_region(&self) -> Option<String> {
        if let Some(d) = self.dst {
            return d.origin.region.clone();
        }
        let k = self.dest?.replica_kms_key_id.as_ref()?;
        let a = Arn::parse(&k.value)?;
        (!a.region.is_empty() && !has_symbol(&a.region)).then_some(a.region)
    }

    /// The destination bucket ARN as configured.
    pub fn dst_arn(&self) -> Option<String> {
        if let Some(d) = self.dst {
            return Some(d.arn.clone());
        }
        let b = self.dest?.bucket.as_ref()?;
        if crate::model::symbolic::only_symbol(&b.value).is_some() {
            // A destination trustlint cannot know (a parameter, a choice under a condition): its
            // requirements depend on it.
            return Some(b.value.clone());
        }
        s3_bucket_of(&b.value).map(|n| format!("arn:{}:s3:::{n}", self.src.origin.partition))
    }

    /// The destination bucket name for messages.
    pub fn dst_label(&self) -> String {
        match (self.dst, self.dest.and_then(|d| d.bucket.as_ref())) {
            (Some(d), _) => display(&d.name),
            (None, Some(b)) => display(&b.value),
            _ => "the destination bucket".into(),
        }
    }

    /// The role ARN S3 will assume: the defined role's, else the configured value.
    pub fn role_arn(&self) -> Option<String> {
        if let Some(r) = self.role_def() {
            return Some(r.arn.clone());
        }
        self.config.role.as_ref().map(|r| r.value.clone())
    }

    /// The rule's prefix (filter prefix, `And` prefix, or V1 prefix), `""` for the whole bucket.
    pub fn prefix(&self) -> String {
        if let Some(f) = &self.rule.filter {
            if let Some(p) = &f.prefix {
                return p.value.clone();
            }
            if let Some(p) = f.and.as_ref().and_then(|a| a.prefix.as_ref()) {
                return p.value.clone();
            }
            return String::new();
        }
        self.rule
            .prefix
            .as_ref()
            .map(|p| p.value.clone())
            .unwrap_or_default()
    }

    pub fn has_tag_filter(&self) -> bool {
        self.rule
            .filter
            .as_ref()
            .is_some_and(|f| f.tag.is_some() || f.and.as_ref().is_some_and(|a| !a.tags.is_empty()))
    }

    /// Delete markers are replicated: V1 rule (implicitly) or V2 with `DeleteMarkerReplication: Enabled`.
    pub fn replicates_delete_markers(&self) -> bool {
        if !self.rule.is_v2() {
            return true;
        }
        self.rule
            .delete_marker_replication
            .as_ref()
            .is_some_and(|s| s.value == "Enabled")
    }

    /// The rule is known not to replicate SSE-KMS objects (no opt-in, or a known status other than
    /// Enabled); an opt-in whose status is not known statically is neither in nor out.
    pub fn sse_kms_opt_out(&self) -> bool {
        self.rule
            .sse_kms_encrypted_objects
            .as_ref()
            .is_none_or(|s| !crate::model::symbolic::has_symbol(&s.value) && s.value != "Enabled")
    }

    pub fn sse_kms_opt_in(&self) -> bool {
        self.rule
            .sse_kms_encrypted_objects
            .as_ref()
            .is_some_and(|s| s.value == "Enabled")
    }

    pub fn replica_key(&self) -> Option<&'a crate::source::Spanned<String>> {
        self.dest?.replica_kms_key_id.as_ref()
    }

    /// The destination's Object Ownership is BucketOwnerEnforced, or a value not known statically that
    /// may be: what a finding about replicas' owner must rule out.
    pub fn dst_ownership_may_be_enforced(&self) -> bool {
        self.dst
            .and_then(|d| d.ownership.as_ref())
            .is_some_and(|o| o.value == "BucketOwnerEnforced" || has_symbol(&o.value))
    }

    pub fn dst_ownership_enforced(&self) -> bool {
        self.dst
            .and_then(|d| d.ownership.as_ref())
            .is_some_and(|o| o.value == "BucketOwnerEnforced")
    }

    /// The span of the rule's `Id`, else the rule.
    pub fn rule_span(&self) -> Span {
        self.rule.id.as_ref().map_or(self.rule.span, |i| i.span)
    }

    pub fn role_span(&self) -> Span {
        self.config
            .role
            .as_ref()
            .map_or(self.config.span, |r| r.span)
    }

    pub fn dest_bucket_span(&self) -> Span {
        self.dest
            .and_then(|d| d.bucket.as_ref().map(|b| b.span))
            .or(self.dest.map(|d| d.span))
            .unwrap_or(self.rule.span)
    }

    /// A finding in the source template.
    pub fn finding(&self, meta: &RuleMeta, span: Span, msg: impl Into<String>) -> Finding {
        self.finding_sev(meta, meta.severity, span, msg)
    }

    pub fn finding_sev(
        &self,
        meta: &RuleMeta,
        sev: Severity,
        span: Span,
        msg: impl Into<String>,
    ) -> Finding {
        Finding::new(meta.id, sev, self.file(), span, msg)
            .resource(Some(self.src.origin.logical_id.clone()))
    }
}

/// Every replication rule of every bucket, in model order.
pub fn sites(model: &Model) -> Vec<Site<'_>> {
    let mut out = Vec::new();
    for (b, src) in model.buckets.iter().enumerate() {
        let Some(config) = &src.replication else {
            continue;
        };
        for rule in &config.rules {
            let dest = rule.destination.as_ref();
            let dst_index = dest.and_then(|d| d.bucket_target);
            out.push(Site {
                model,
                b,
                src,
                config,
                rule,
                dest,
                dst: dst_index.and_then(|i| model.buckets.get(i)),
                dst_index,
                role: config.role_target,
            });
        }
    }
    out
}

/// Whether two texts (each possibly holding symbols) may denote the same value: the same text does; two
/// different literals do not; a symbol may be anything its kind allows — a choice only its alternatives,
/// a generated identity (unique to its resource) no literal written elsewhere and no other generated
/// identity, and literal text before a symbol must agree.
pub fn may_be_same(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if !has_symbol(a) && !has_symbol(b) {
        return false;
    }
    if let (Some(x), Some(y)) = (possible_values(a), possible_values(b)) {
        return x.iter().any(|v| v.is_some() && y.contains(v));
    }
    let generated = |t: &str| {
        let ids = symbols(t);
        !ids.is_empty() && ids.iter().all(|id| id.get().is_generated())
    };
    let literals_only = |t: &str| !has_symbol(t) || possible_values(t).is_some();
    match (generated(a), generated(b)) {
        (true, true) => return false,
        (true, false) if literals_only(b) => return false,
        (false, true) if literals_only(a) => return false,
        _ => {}
    }
    let (pa, pb) = (literal_prefix(a), literal_prefix(b));
    pa.starts_with(pb) || pb.starts_with(pa)
}

/// A replication rule is `Enabled`, or its status is not known statically.
pub fn may_be_enabled(r: &ReplicationRule) -> bool {
    r.status
        .as_ref()
        .is_some_and(|s| s.value == "Enabled" || has_symbol(&s.value))
}

/// Where a replication rule of `from` may deliver to the bucket `to` (its ARN `to_arn`): linked to it,
/// or a destination bucket that may be it, or a destination not known statically at all (`Destination`
/// is required, so a rule without one read is one whose destination is a value trustlint cannot know).
pub fn may_replicate_to(r: &ReplicationRule, to: usize, to_arn: &str) -> bool {
    let Some(d) = &r.destination else {
        return true;
    };
    if d.bucket_target == Some(to) {
        return true;
    }
    d.bucket_target.is_none()
        && d.bucket
            .as_ref()
            .is_none_or(|b| may_be_same(&b.value, to_arn))
}

/// Whether a bucket's default encryption has S3 Bucket Keys on.
pub fn bucket_key_on(b: &Bucket) -> bool {
    b.encryption
        .iter()
        .any(|e| e.bucket_key_enabled.as_ref().is_some_and(|v| v.value))
}

/// Whether S3 Bucket Keys are on cannot be known statically (not known on, and the setting or the
/// whole default encryption is a value trustlint cannot know): that value's text.
pub fn bucket_key_unknown(b: &Bucket) -> Option<&str> {
    if bucket_key_on(b) {
        return None;
    }
    b.encryption
        .iter()
        .find_map(|e| e.bucket_key_unknown.as_ref())
        .or(b.encryption_unknown.as_ref())
        .map(|u| u.value.as_str())
}

/// `s3.<region>.amazonaws.com` (`.com.cn` in China).
pub fn s3_service(region: &str, partition: &str) -> String {
    if partition == "aws-cn" {
        format!("s3.{region}.amazonaws.com.cn")
    } else {
        format!("s3.{region}.amazonaws.com")
    }
}

/// Each destination bucket that has a bucket policy, once, with the first enabled site replicating to
/// it (the DSTPOL-* and destination-policy rules read the policy once per bucket, not per rule).
pub fn destination_policies<'s, 'm>(
    sites: &'s [Site<'m>],
    model: &'m Model,
) -> Vec<(
    &'s Site<'m>,
    &'m crate::model::s3::Bucket,
    &'m crate::model::PolicyDoc,
)> {
    let mut seen = std::collections::HashSet::new();
    sites
        .iter()
        .filter(|s| s.rule.enabled())
        .filter_map(|s| {
            let (dst, di) = (s.dst?, s.dst_index?);
            let doc = dst
                .policy
                .and_then(|p| model.bucket_policies.get(p))
                .and_then(|p| p.doc.as_ref())?;
            seen.insert(di).then_some((s, dst, doc))
        })
        .collect()
}
