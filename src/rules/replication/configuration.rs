//! Replication configuration checks (rules-spec §3), one pass for several ids (grouped by id in
//! `Ctx::configuration`, each rule file emits its own); each finding points at the offending property.

use super::common::{sites, Site};
use super::Ctx;
use crate::model::arn::{is_account_id, Arn};
use crate::model::iam::Role;
use crate::model::symbolic::{display, has_symbol};
use crate::rules::{Finding, Severity};
use std::collections::HashMap;

/// `arn:(aws|aws-cn|aws-us-gov):iam::<12 digits>:role/(path/)?name` (symbols allowed in any part).
fn role_arn_ok(s: &str) -> bool {
    let Some(a) = Arn::parse(s) else {
        return has_symbol(s) && !s.contains(':');
    };
    let partition_ok =
        has_symbol(&a.partition) || ["aws", "aws-cn", "aws-us-gov"].contains(&a.partition.as_str());
    let account_ok = has_symbol(&a.account) || is_account_id(&a.account);
    let name = a.resource.rsplit('/').next().unwrap_or("");
    let name_ok = has_symbol(name)
        || (!name.is_empty()
            && name.len() <= 64
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c)));
    // A `Path` not known statically stands between `role` and the name.
    let path_ok = a.resource.strip_prefix("role").is_some_and(|rest| {
        rest.starts_with('/')
            || (has_symbol(rest) && crate::model::symbolic::literal_prefix(rest).is_empty())
    });
    a.service == "iam" && a.region.is_empty() && path_ok && partition_ok && account_ok && name_ok
}

/// The configured role cannot be the one S3 uses: it is in another account than the source bucket, or it
/// names a defined role with the wrong path (REPL-ROLE-ACCOUNT / REPL-ROLE-PATH report it; the permission
/// checks are skipped rather than repeating the fact under other ids).
pub fn role_unusable(s: &Site, roles: &std::collections::HashSet<(&str, &str)>) -> bool {
    let Some(a) = s.config.role.as_ref().and_then(|r| Arn::parse(&r.value)) else {
        return false;
    };
    if is_account_id(&a.account) && is_account_id(s.src_account()) && a.account != s.src_account() {
        return true;
    }
    if s.role.is_some() {
        return false;
    }
    let name = a.resource.rsplit('/').next().unwrap_or("");
    roles.contains(&(a.account.as_str(), name))
}

/// (account, name) of every defined role, for [`role_unusable`].
pub fn role_names(model: &crate::model::Model) -> std::collections::HashSet<(&str, &str)> {
    model
        .roles
        .iter()
        .map(|r| (r.origin.account.as_str(), r.name.as_str()))
        .collect()
}

pub fn compute(ctx: &Ctx, out: &mut Vec<Finding>) {
    let model = &ctx.graph.model;
    // Roles by (account, name), for REPL-ROLE-PATH.
    let mut by_name: HashMap<(&str, &str), &Role> = HashMap::new();
    for r in &model.roles {
        by_name
            .entry((r.origin.account.as_str(), r.name.as_str()))
            .or_insert(r);
    }
    let all = sites(model);
    // Per configuration (the first site of each bucket).
    let mut seen = std::collections::HashSet::new();
    for s in &all {
        if !seen.insert(s.b) {
            continue;
        }
        config_level(s, &by_name, out);
        // Priority duplicates among V2 rules.
        let mut prio: HashMap<i64, &crate::model::s3::ReplicationRule> = HashMap::new();
        for r in &s.config.rules {
            let (true, Some(p)) = (r.is_v2(), r.priority.as_ref()) else {
                continue;
            };
            match prio.get(&p.value) {
                Some(first) => out.push(
                    s.finding(&super::repl_priority_dup::META, p.span, format!(
                        "rules {} and {} both have Priority {}: S3 rejects the configuration",
                        first.label(), r.label(), p.value
                    ))
                    .related(s.file(), first.priority.as_ref().map_or(first.span, |x| x.span), "the same Priority here")
                    .help("give every rule a unique Priority (a higher number wins where filters overlap)"),
                ),
                None => {
                    prio.insert(p.value, r);
                }
            }
        }
    }
    for s in &all {
        rule_level(s, out);
    }
}

fn config_level(s: &Site, by_name: &HashMap<(&str, &str), &Role>, out: &mut Vec<Finding>) {
    let Some(role) = s
        .config
        .role
        .as_ref()
        .filter(|r| !r.value.trim().is_empty())
    else {
        out.push(
            s.finding(
                &super::repl_role_missing::META,
                s.config.span,
                "the replication configuration has no Role",
            )
            .help(
                "set Role to the ARN of the IAM role S3 assumes, e.g. !GetAtt ReplicationRole.Arn",
            ),
        );
        return;
    };
    if !role_arn_ok(&role.value) {
        out.push(
            s.finding(
                &super::repl_role_missing::META,
                role.span,
                format!(
                    "Role `{}` is not an IAM role ARN (arn:aws:iam::<account>:role/<path><name>)",
                    display(&role.value)
                ),
            )
            .help("use the role's full ARN, e.g. !GetAtt ReplicationRole.Arn"),
        );
        return;
    }
    let Some(a) = Arn::parse(&role.value) else {
        return;
    };
    if is_account_id(&a.account) && is_account_id(s.src_account()) && a.account != s.src_account() {
        out.push(
            s.finding(&super::repl_role_account::META, role.span, format!(
                "the replication role is in account {} but the source bucket is owned by account {}: S3 cannot be passed another account's role",
                a.account, s.src_account()
            ))
            .help("create the replication role in the source bucket's account"),
        );
    }
    if s.role.is_none() {
        let name = a.resource.rsplit('/').next().unwrap_or("");
        if let Some(&real) = by_name.get(&(a.account.as_str(), name)) {
            if real.arn != role.value {
                let mut f = s
                    .finding(
                        &super::repl_role_path::META,
                        role.span,
                        format!(
                            "Role `{}` names no role: the role {} is `{}` (path {})",
                            display(&role.value),
                            real.origin.logical_id,
                            display(&real.arn),
                            real.path_str()
                        ),
                    )
                    .label("S3 fails with AssumeRoleNotPermitted")
                    .help(format!(
                        "use the full ARN with its path: \"{}\" (or !GetAtt {}.Arn)",
                        display(&real.arn),
                        real.origin.logical_id
                    ));
                f = f.related(
                    real.origin.file,
                    real.path
                        .as_ref()
                        .map_or(real.origin.logical_id_span, |p| p.span),
                    "the role's path",
                );
                out.push(f);
            }
        }
    }
}

fn rule_level(s: &Site, out: &mut Vec<Finding>) {
    let r = s.rule;
    let rule = r.label();
    match &r.status {
        None => out.push(
            s.finding(
                &super::repl_rule_status::META,
                s.rule_span(),
                format!("rule {rule} has no Status"),
            )
            .help("add \"Status\": \"Enabled\""),
        ),
        Some(st) if st.value != "Enabled" && st.value != "Disabled" && !has_symbol(&st.value) => {
            out.push(
                s.finding(
                    &super::repl_rule_status::META,
                    st.span,
                    format!(
                        "rule {rule}: Status `{}` is not Enabled or Disabled (case-sensitive)",
                        st.value
                    ),
                )
                .help("use \"Enabled\" or \"Disabled\""),
            )
        }
        Some(st) if st.value == "Disabled" => out.push(s.finding(
            &super::repl_rule_disabled::META,
            st.span,
            format!("rule {rule} is disabled: nothing is replicated for it"),
        )),
        _ => {}
    }
    if let Some(f) = &r.filter {
        let mut missing = Vec::new();
        if r.priority.is_none() && !r.priority_written {
            missing.push("Priority");
        }
        if r.delete_marker_replication.is_none() {
            missing.push("DeleteMarkerReplication");
        }
        if !missing.is_empty() {
            out.push(
                s.finding(&super::repl_v2_required_fields::META, f.span, format!("rule {rule} has a Filter (V2 schema) but no {}", missing.join(" and ")))
                    .help("with Filter, also set \"Priority\" (unique integer) and \"DeleteMarkerReplication\": {\"Status\": \"Enabled\" | \"Disabled\"}"),
            );
        }
        let n = [f.prefix.is_some(), f.tag.is_some(), f.and.is_some()]
            .iter()
            .filter(|x| **x)
            .count();
        if n > 1 {
            out.push(
                s.finding(
                    &super::repl_filter_one_of::META,
                    f.span,
                    format!("rule {rule}: Filter has more than one of Prefix, TagFilter, And"),
                )
                .help(
                    "combine a prefix and tags under \"And\": {\"Prefix\": …, \"TagFilters\": […]}",
                ),
            );
        }
        if let (Some(d), true) = (&r.delete_marker_replication, s.has_tag_filter()) {
            if d.value == "Enabled" {
                out.push(
                    s.finding(&super::repl_dmr_tag::META, d.span, format!("rule {rule} filters by tag and enables delete marker replication: S3 rejects this"))
                        .related(s.file(), f.span, "tag-based filter")
                        .help("delete markers have no tags: replicate them with a separate prefix-only rule, or set DeleteMarkerReplication to Disabled"),
                );
            }
        }
    }
    if let Some(e) = r.existing_object_replication {
        out.push(
            s.finding(
                &super::repl_existing_objects::META,
                e,
                format!("rule {rule}: ExistingObjectReplication is no longer supported by the API"),
            )
            .help("remove it; replicate existing objects with S3 Batch Replication"),
        );
    }
    let Some(d) = s.dest else { return };
    if let Some(b) = &d.bucket {
        let ok = match Arn::parse(&b.value) {
            Some(a) => {
                a.service == "s3"
                    && a.region.is_empty()
                    && a.account.is_empty()
                    && !a.resource.is_empty()
                    && !a.resource.contains('/')
            }
            None => {
                has_symbol(&b.value)
                    && crate::model::symbolic::symbols(&b.value).len() == 1
                    && b.value.starts_with('\u{E000}')
            }
        };
        if !ok {
            out.push(
                s.finding(&super::repl_dest_arn::META, b.span, format!("Destination.Bucket `{}` is not a bucket ARN", display(&b.value)))
                    .help(format!("use arn:{}:s3:::<bucket-name> (not a bare name, object ARN or access point ARN)", s.src.origin.partition)),
            );
        }
        if s.dst_index == Some(s.b) {
            out.push(s.finding(
                &super::repl_dest_self::META,
                b.span,
                format!("rule {rule} replicates the bucket to itself"),
            ));
        }
    }
    if let Some(act) = d.access_control_span {
        if d.account.is_none() {
            out.push(
                s.finding(
                    &super::repl_act_needs_account::META,
                    act,
                    format!("rule {rule}: AccessControlTranslation requires Destination.Account"),
                )
                .help(format!(
                    "add \"Account\": \"{}\" (the destination bucket owner)",
                    s.dst_account()
                        .map(|a| display(&a))
                        .unwrap_or_else(|| "<destination account id>".into())
                )),
            );
        }
        if let Some(o) = d
            .access_control_owner
            .as_ref()
            .filter(|o| o.value != "Destination" && !has_symbol(&o.value))
        {
            out.push(s.finding(&super::repl_act_owner::META, o.span, format!("AccessControlTranslation.Owner is `{}`; the only valid value is Destination", o.value)).help("\"Owner\": \"Destination\""));
        }
        if s.cross_account() == Some(false) {
            out.push(
                s.finding(&super::repl_act_same_account::META, act, format!("rule {rule}: owner override to a bucket of the same account: S3 applies it anyway and stops replicating ACL changes"))
                    .help("remove AccessControlTranslation for same-account replication"),
            );
        }
    }
    if let (Some(acct), Some(dst)) = (&d.account, s.dst) {
        if is_account_id(&acct.value)
            && is_account_id(&dst.origin.account)
            && acct.value != dst.origin.account
        {
            out.push(
                s.finding(
                    &super::repl_act_account_mismatch::META,
                    acct.span,
                    format!(
                        "Destination.Account {} is not the owner of {} (account {})",
                        acct.value,
                        display(&dst.name),
                        dst.origin.account
                    ),
                )
                .related(
                    dst.origin.file,
                    dst.origin.logical_id_span,
                    "the destination bucket",
                )
                .help(format!("\"Account\": \"{}\"", dst.origin.account)),
            );
        }
    }
    if s.cross_account() == Some(true) && d.access_control_span.is_none() {
        if let Some(dst) = s.dst {
            if !s.dst_ownership_enforced() {
                out.push(
                    s.finding(&super::repl_xacct_no_ownership::META, s.dest_bucket_span(), format!(
                        "replicas in {} stay owned by account {}: the destination account cannot read them unless ACLs grant it",
                        display(&dst.name), display(s.src_account())
                    ))
                    .related(dst.origin.file, dst.ownership.as_ref().map_or(dst.origin.logical_id_span, |o| o.span), "Object Ownership is not BucketOwnerEnforced")
                    .help("set OwnershipControls ObjectOwnership: BucketOwnerEnforced on the destination, or add AccessControlTranslation {Owner: Destination} + Account (and s3:ObjectOwnerOverrideToBucketOwner)"),
                );
            }
        }
    }
    // SSE-KMS.
    let opt = r.sse_kms_encrypted_objects.as_ref();
    if s.sse_kms_opt_in() && d.replica_kms_key_id.is_none() {
        out.push(
            s.finding(&super::repl_ssekms_needs_key::META, opt.map_or(s.rule_span(), |o| o.span), format!("rule {rule} replicates SSE-KMS objects but Destination has no EncryptionConfiguration.ReplicaKmsKeyID"))
                .help("add \"EncryptionConfiguration\": {\"ReplicaKmsKeyID\": \"arn:aws:kms:<dest-region>:<dest-account>:key/<id>\"} to the Destination"),
        );
    }
    if let Some(k) = &d.replica_kms_key_id {
        if s.sse_kms_opt_out() {
            out.push(
                s.finding(&super::repl_key_needs_ssekms::META, k.span, format!("rule {rule} sets ReplicaKmsKeyID but does not opt in to SSE-KMS objects: they are still skipped"))
                    .help("add \"SourceSelectionCriteria\": {\"SseKmsEncryptedObjects\": {\"Status\": \"Enabled\"}}"),
            );
        }
    }
    if r.enabled() && s.sse_kms_opt_out() {
        if let Some(alg) = s
            .src
            .encryption
            .iter()
            .find_map(|e| e.sse_algorithm.as_ref())
            .filter(|a| a.value.starts_with("aws:kms"))
        {
            out.push(
                s.finding(&super::repl_ssekms_source_no_optin::META, s.rule_span(), format!("the source bucket encrypts with {} by default, but rule {rule} does not replicate SSE-KMS objects: they are silently skipped", alg.value))
                    .related(s.file(), alg.span, "default encryption of the source bucket")
                    .help("add \"SourceSelectionCriteria\": {\"SseKmsEncryptedObjects\": {\"Status\": \"Enabled\"}} and a Destination.EncryptionConfiguration.ReplicaKmsKeyID"),
            );
        }
    }
    // RTC and metrics.
    let rtc_on = d
        .replication_time_status
        .as_ref()
        .is_some_and(|x| x.value == "Enabled");
    if let Some(rt) = d.replication_time_span {
        // Metrics (or its Status) not known statically may be enabled with a threshold: no finding.
        let metrics_unknown = d
            .metrics_status
            .as_ref()
            .is_some_and(|m| has_symbol(&m.value));
        let metrics_ok = metrics_unknown
            || d.metrics_status
                .as_ref()
                .is_some_and(|m| m.value == "Enabled")
                && d.metrics_event_threshold_span.is_some();
        if d.metrics_span.is_none() || (rtc_on && !metrics_ok) {
            out.push(
                s.finding(&super::repl_rtc_needs_metrics::META, rt, format!("rule {rule}: ReplicationTime needs a Metrics block with Status Enabled and EventThreshold"))
                    .help("add \"Metrics\": {\"Status\": \"Enabled\", \"EventThreshold\": {\"Minutes\": 15}}"),
            );
        }
    }
    for m in [
        d.replication_time_minutes.as_ref(),
        d.metrics_event_threshold_minutes.as_ref(),
    ]
    .into_iter()
    .flatten()
    {
        if m.value != 15 {
            out.push(
                s.finding(
                    &super::repl_rtc_minutes::META,
                    m.span,
                    format!("Minutes is {}; S3 only accepts 15", m.value),
                )
                .help("\"Minutes\": 15"),
            );
        }
    }
    if let Some(t) = &d.metrics_event_threshold_minutes {
        if !rtc_on {
            out.push(
                s.finding_sev(&super::repl_metrics_threshold_no_rtc::META, Severity::Error, t.span, "Metrics has an EventThreshold but ReplicationTime is absent or disabled: S3 answers InvalidArgument")
                    .help("remove EventThreshold, or enable ReplicationTime (15 minutes)"),
            );
        }
    }
}
