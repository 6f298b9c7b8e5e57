//! `AWS::S3::Bucket` and `AWS::S3::BucketPolicy`: CloudFormation's property names → the model's typed
//! S3 fields ([`BucketFields`], [`BucketPolicyFields`]).

use crate::model::props::{
    array, boolean, integer, object, span_of, status, string, unknown, unknown_of,
};
use crate::model::s3::{
    BucketFields, BucketPolicyFields, Destination, EncryptionRule, Filter, FilterAnd,
    LifecycleRule, Replication, ReplicationRule, Tag,
};
use crate::model::symbolic::has_symbol;
use crate::source::{Node, Spanned};

/// `AWS::S3::Bucket`.
pub(in crate::load::cfn) fn bucket(p: Option<&Node>) -> BucketFields {
    let ownership = array(object(p, "OwnershipControls"), "Rules")
        .first()
        .and_then(|r| string(Some(r), "ObjectOwnership"));
    let encryption = array(
        object(p, "BucketEncryption"),
        "ServerSideEncryptionConfiguration",
    )
    .iter()
    .map(|r| {
        let by_default = object(Some(r), "ServerSideEncryptionByDefault");
        EncryptionRule {
            span: r.span,
            sse_algorithm: string(by_default, "SSEAlgorithm"),
            kms_master_key_id: string(by_default, "KMSMasterKeyID"),
            bucket_key_enabled: boolean(Some(r), "BucketKeyEnabled"),
            bucket_key_unknown: unknown(Some(r), "BucketKeyEnabled"),
            kms_key: None,
        }
    })
    .collect();
    // The configuration, its rule list or one rule's default may be a value not known statically.
    let sse = p.and_then(|p| p.get("BucketEncryption"));
    let encryption_unknown = sse.and_then(unknown_of).or_else(|| {
        let list = sse.and_then(|e| e.get("ServerSideEncryptionConfiguration"))?;
        unknown_of(list).or_else(|| {
            list.as_array()?.iter().find_map(|r| {
                unknown_of(r).or_else(|| unknown(Some(r), "ServerSideEncryptionByDefault"))
            })
        })
    });
    let replication = object(p, "ReplicationConfiguration").map(replication);
    BucketFields {
        name: string(p, "BucketName"),
        versioning: status(p, "VersioningConfiguration"),
        object_lock: boolean(p, "ObjectLockEnabled"),
        object_lock_unknown: unknown(p, "ObjectLockEnabled"),
        ownership,
        encryption,
        encryption_unknown,
        replication,
        lifecycle_rules: array(object(p, "LifecycleConfiguration"), "Rules")
            .iter()
            .map(lifecycle_rule)
            .collect(),
        logging_destination: string(object(p, "LoggingConfiguration"), "DestinationBucketName"),
        request_payer: string(object(p, "RequestPaymentConfiguration"), "Payer"),
    }
}

fn lifecycle_rule(n: &Node) -> LifecycleRule {
    let p = Some(n);
    let filter = object(p, "Filter");
    let prefix = string(p, "Prefix")
        .or_else(|| string(filter, "Prefix"))
        .or_else(|| string(object(filter, "And"), "Prefix"));
    let expiration = span_of(p, "ExpirationInDays").or_else(|| span_of(p, "ExpirationDate"));
    let mut transitions: Vec<Spanned<String>> = array(p, "Transitions")
        .iter()
        .filter_map(|t| string(Some(t), "StorageClass"))
        .collect();
    transitions.extend(string(object(p, "Transition"), "StorageClass"));
    LifecycleRule {
        span: n.span,
        id: string(p, "Id"),
        status: string(p, "Status"),
        prefix,
        expiration,
        transitions,
    }
}

fn replication(n: &Node) -> Replication {
    let p = Some(n);
    Replication {
        span: n.span,
        role: string(p, "Role"),
        rules_span: n.get("Rules").map(|r| r.span),
        rules_unknown: string(p, "Rules").filter(|r| has_symbol(&r.value)),
        role_target: None,
        rules: array(p, "Rules")
            .iter()
            .enumerate()
            .map(|(i, r)| rule(i, r))
            .collect(),
    }
}

fn tag(n: &Node) -> Tag {
    Tag {
        span: n.span,
        key: string(Some(n), "Key"),
        value: string(Some(n), "Value"),
    }
}

fn rule(index: usize, n: &Node) -> ReplicationRule {
    let p = Some(n);
    let filter = object(p, "Filter").map(|f| {
        let fp = Some(f);
        Filter {
            span: f.span,
            prefix: string(fp, "Prefix"),
            tag: object(fp, "TagFilter").map(tag),
            and: object(fp, "And").map(|a| FilterAnd {
                span: a.span,
                prefix: string(Some(a), "Prefix"),
                tags: array(Some(a), "TagFilters").iter().map(tag).collect(),
            }),
        }
    });
    // Kept when it is an unknown value, so the statuses under it are unknown rather than absent.
    let ssc = p.and_then(|p| p.get("SourceSelectionCriteria"));
    let destination = object(p, "Destination").map(|d| {
        let dp = Some(d);
        let act = object(dp, "AccessControlTranslation");
        let metrics = object(dp, "Metrics");
        let rtc = object(dp, "ReplicationTime");
        Destination {
            span: d.span,
            bucket: string(dp, "Bucket"),
            account: string(dp, "Account"),
            storage_class: string(dp, "StorageClass"),
            access_control_owner: string(act, "Owner"),
            access_control_span: act.map(|a| a.span),
            // A configuration not known statically holds a replica key not known either.
            replica_kms_key_id: string(object(dp, "EncryptionConfiguration"), "ReplicaKmsKeyID")
                .or_else(|| unknown(dp, "EncryptionConfiguration")),
            metrics_status: status(dp, "Metrics"),
            metrics_event_threshold_minutes: integer(object(metrics, "EventThreshold"), "Minutes"),
            metrics_event_threshold_span: span_of(metrics, "EventThreshold"),
            metrics_span: span_of(dp, "Metrics"),
            replication_time_status: string(rtc, "Status"),
            replication_time_minutes: integer(object(rtc, "Time"), "Minutes"),
            replication_time_span: rtc.map(|r| r.span),
            bucket_target: None,
            replica_key_target: None,
        }
    });
    ReplicationRule {
        index,
        span: n.span,
        id: string(p, "Id"),
        priority: integer(p, "Priority"),
        priority_written: p.and_then(|n| n.get("Priority")).is_some(),
        status: string(p, "Status"),
        prefix: string(p, "Prefix"),
        filter,
        destination,
        delete_marker_replication: status(p, "DeleteMarkerReplication"),
        sse_kms_encrypted_objects: status(ssc, "SseKmsEncryptedObjects"),
        replica_modifications: status(ssc, "ReplicaModifications"),
        source_selection_span: ssc.map(|s| s.span),
        existing_object_replication: p
            .and_then(|p| p.get("ExistingObjectReplication"))
            .map(|e| e.span),
    }
}

/// `AWS::S3::BucketPolicy`.
pub(in crate::load::cfn) fn bucket_policy(p: Option<&Node>) -> BucketPolicyFields {
    BucketPolicyFields {
        bucket: string(p, "Bucket"),
        policy: p.and_then(|p| p.get("PolicyDocument")).cloned(),
    }
}
