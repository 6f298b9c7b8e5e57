//! `AWS::S3::Bucket` and `AWS::S3::BucketPolicy`, typed.

use super::document::{DocKind, PolicyDoc};
use super::origin::Origin;
use crate::source::{Node, Span, Spanned};

/// What a frontend knows of an S3 bucket, by meaning (each frontend reads its own names: `load::cfn`
/// CloudFormation properties, the Terraform translation `aws_s3_bucket` and its satellites). The
/// link indices inside (`EncryptionRule::kms_key`, `Replication::role_target`, …) are left `None`: the
/// model sets them when linking.
#[derive(Debug, Clone, Default)]
pub struct BucketFields {
    /// The bucket name as written; `None` when the deployment generates it.
    pub name: Option<Spanned<String>>,
    /// The versioning status (`Enabled`/`Suspended`, or a symbol).
    pub versioning: Option<Spanned<String>>,
    pub object_lock: Option<Spanned<bool>>,
    /// Object lock is written as a value trustlint cannot know: its text (`object_lock` is then `None`).
    pub object_lock_unknown: Option<Spanned<String>>,
    /// The object ownership setting of the ownership controls' first rule.
    pub ownership: Option<Spanned<String>>,
    /// The default encryption rules.
    pub encryption: Vec<EncryptionRule>,
    /// The default encryption (or its rule list) is a value trustlint cannot know: its text, and
    /// `encryption` holds no rule.
    pub encryption_unknown: Option<Spanned<String>>,
    pub replication: Option<Replication>,
    pub lifecycle_rules: Vec<LifecycleRule>,
    /// Where the bucket's server access logs go.
    pub logging_destination: Option<Spanned<String>>,
    /// Who pays for requests (`BucketOwner` | `Requester`).
    pub request_payer: Option<Spanned<String>>,
}

/// What a frontend knows of a bucket policy.
#[derive(Debug, Clone, Default)]
pub struct BucketPolicyFields {
    /// The bucket's name (resolved; possibly a symbol).
    pub bucket: Option<Spanned<String>>,
    /// The policy document as written.
    pub policy: Option<Node>,
}

#[derive(Debug, Clone)]
pub struct Bucket {
    pub origin: Origin,
    /// The bucket name as written (resolved); `None` when the deployment generates it.
    pub name_prop: Option<Spanned<String>>,
    /// The bucket's name identity: `name_prop`, else a generated symbol.
    pub name: String,
    /// `arn:<partition>:s3:::<name>`.
    pub arn: String,
    /// The versioning status (CloudFormation `VersioningConfiguration.Status`).
    pub versioning: Option<Spanned<String>>,
    /// Object lock enabled (CloudFormation `ObjectLockEnabled`).
    pub object_lock: Option<Spanned<bool>>,
    /// Object lock is a value trustlint cannot know: its text.
    pub object_lock_unknown: Option<Spanned<String>>,
    /// Object ownership (CloudFormation `OwnershipControls.Rules[0].ObjectOwnership`).
    pub ownership: Option<Spanned<String>>,
    /// Default encryption rules (CloudFormation `BucketEncryption.ServerSideEncryptionConfiguration[]`).
    pub encryption: Vec<EncryptionRule>,
    /// The default encryption is a value trustlint cannot know: its text.
    pub encryption_unknown: Option<Spanned<String>>,
    pub replication: Option<Replication>,
    /// Index into `Model::bucket_policies` (set when linking).
    pub policy: Option<usize>,
    /// The lifecycle rules (CloudFormation `LifecycleConfiguration.Rules[]`).
    pub lifecycle_rules: Vec<LifecycleRule>,
    /// Where this bucket's server access logs go (CloudFormation
    /// `LoggingConfiguration.DestinationBucketName`).
    pub logging_destination: Option<Spanned<String>>,
    /// Who pays for requests (`BucketOwner` | `Requester`). Not a CloudFormation property: `load::cfn`
    /// reads a `RequestPaymentConfiguration.Payer` if written; the Terraform frontend does not read
    /// `aws_s3_bucket_request_payment_configuration` yet.
    pub request_payer: Option<Spanned<String>>,
}

/// One rule of `LifecycleConfiguration.Rules`.
#[derive(Debug, Clone)]
pub struct LifecycleRule {
    pub span: Span,
    pub id: Option<Spanned<String>>,
    pub status: Option<Spanned<String>>,
    /// `Prefix`, else `Filter.Prefix` / `Filter.And.Prefix` (`""` = whole bucket).
    pub prefix: Option<Spanned<String>>,
    /// `ExpirationInDays` / `ExpirationDate` (current versions expire: S3 adds delete markers).
    pub expiration: Option<Span>,
    /// `Transitions[].StorageClass` and `Transition.StorageClass`.
    pub transitions: Vec<Spanned<String>>,
}

impl LifecycleRule {
    pub fn enabled(&self) -> bool {
        self.status.as_ref().is_some_and(|s| s.value == "Enabled")
    }
    pub fn prefix_str(&self) -> &str {
        self.prefix.as_ref().map_or("", |p| p.value.as_str())
    }
}

impl Bucket {
    /// Directory buckets end in `--x-s3`.
    pub fn is_directory(&self) -> bool {
        self.name.ends_with("--x-s3")
    }
    /// Object lock: `Some(true|false)` when known (absent = off), `None` when not known statically.
    pub fn object_lock_known(&self) -> Option<bool> {
        if self.object_lock_unknown.is_some() {
            return None;
        }
        Some(self.object_lock.as_ref().is_some_and(|o| o.value))
    }
    /// What makes the default encryption not known statically: the whole configuration, or an
    /// algorithm written as a symbol.
    pub fn encryption_unknown_text(&self) -> Option<&Spanned<String>> {
        self.encryption_unknown.as_ref().or_else(|| {
            self.encryption
                .iter()
                .filter_map(|e| e.sse_algorithm.as_ref())
                .find(|a| super::symbolic::has_symbol(&a.value))
        })
    }
    /// The default KMS key id/ARN/alias, when the default encryption is SSE-KMS.
    pub fn default_kms_key(&self) -> Option<&Spanned<String>> {
        self.encryption
            .iter()
            .find_map(|e| e.kms_master_key_id.as_ref())
    }
}

#[derive(Debug, Clone)]
pub struct EncryptionRule {
    pub span: Span,
    /// `ServerSideEncryptionByDefault.SSEAlgorithm` (`AES256`, `aws:kms`, `aws:kms:dsse`).
    pub sse_algorithm: Option<Spanned<String>>,
    pub kms_master_key_id: Option<Spanned<String>>,
    pub bucket_key_enabled: Option<Spanned<bool>>,
    /// `BucketKeyEnabled` is a value trustlint cannot know: its text (`bucket_key_enabled` is `None`).
    pub bucket_key_unknown: Option<Spanned<String>>,
    /// Index into `Model::keys` of `kms_master_key_id` (set when linking; `None` = external/none).
    pub kms_key: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Replication {
    pub span: Span,
    /// `Role`: the replication role ARN.
    pub role: Option<Spanned<String>>,
    pub rules: Vec<ReplicationRule>,
    /// Span of the `Rules` value.
    pub rules_span: Option<Span>,
    /// `Rules` is a value trustlint cannot know (a parameter, a Terraform `dynamic` block known after
    /// apply): its text, and no rule is analysed.
    pub rules_unknown: Option<Spanned<String>>,
    /// Index into `Model::roles` of `role` (set when linking; `None` = external).
    pub role_target: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct ReplicationRule {
    pub index: usize,
    pub span: Span,
    pub id: Option<Spanned<String>>,
    pub priority: Option<Spanned<i64>>,
    /// `Priority` is written, whatever its value (it may be unknown statically).
    pub priority_written: bool,
    pub status: Option<Spanned<String>>,
    /// Rule-level `Prefix` (V1 schema).
    pub prefix: Option<Spanned<String>>,
    pub filter: Option<Filter>,
    pub destination: Option<Destination>,
    pub delete_marker_replication: Option<Spanned<String>>,
    pub sse_kms_encrypted_objects: Option<Spanned<String>>,
    pub replica_modifications: Option<Spanned<String>>,
    pub source_selection_span: Option<Span>,
    /// `ExistingObjectReplication` present (no longer supported).
    pub existing_object_replication: Option<Span>,
}

impl ReplicationRule {
    /// `ID` or `#<index>` for messages and labels.
    pub fn label(&self) -> String {
        self.id
            .as_ref()
            .map(|i| i.value.clone())
            .unwrap_or_else(|| format!("#{}", self.index))
    }
    pub fn enabled(&self) -> bool {
        self.status.as_ref().is_some_and(|s| s.value == "Enabled")
    }
    /// V2 when a `Filter` is present.
    pub fn is_v2(&self) -> bool {
        self.filter.is_some()
    }
}

#[derive(Debug, Clone)]
pub struct Filter {
    pub span: Span,
    pub prefix: Option<Spanned<String>>,
    pub tag: Option<Tag>,
    /// `And` block: prefix and tags.
    pub and: Option<FilterAnd>,
}

#[derive(Debug, Clone)]
pub struct FilterAnd {
    pub span: Span,
    pub prefix: Option<Spanned<String>>,
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone)]
pub struct Tag {
    pub span: Span,
    pub key: Option<Spanned<String>>,
    pub value: Option<Spanned<String>>,
}

#[derive(Debug, Clone)]
pub struct Destination {
    pub span: Span,
    /// `Bucket`: the destination bucket ARN.
    pub bucket: Option<Spanned<String>>,
    pub account: Option<Spanned<String>>,
    pub storage_class: Option<Spanned<String>>,
    /// `AccessControlTranslation.Owner`.
    pub access_control_owner: Option<Spanned<String>>,
    pub access_control_span: Option<Span>,
    /// `EncryptionConfiguration.ReplicaKmsKeyID`.
    pub replica_kms_key_id: Option<Spanned<String>>,
    pub metrics_status: Option<Spanned<String>>,
    pub metrics_event_threshold_minutes: Option<Spanned<i64>>,
    /// `Metrics.EventThreshold` as written (its `Minutes` may not be known statically).
    pub metrics_event_threshold_span: Option<Span>,
    /// `Metrics` as written (an object, or a value not known statically).
    pub metrics_span: Option<Span>,
    pub replication_time_status: Option<Spanned<String>>,
    pub replication_time_minutes: Option<Spanned<i64>>,
    pub replication_time_span: Option<Span>,
    /// Index into `Model::buckets` of `bucket` (set when linking; `None` = external).
    pub bucket_target: Option<usize>,
    /// Index into `Model::keys` of `replica_kms_key_id` (set when linking; `None` = external).
    pub replica_key_target: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct BucketPolicy {
    pub origin: Origin,
    /// `Bucket`: the bucket's name (resolved `Ref`).
    pub bucket: Option<Spanned<String>>,
    pub doc: Option<PolicyDoc>,
    /// Index into `Model::buckets` (set when linking; `None` = external bucket).
    pub target: Option<usize>,
}

pub(crate) fn bucket(origin: Origin, f: BucketFields) -> Bucket {
    let name = f
        .name
        .as_ref()
        .map(|n| n.value.clone())
        .unwrap_or_else(|| origin.generated("BucketName"));
    let arn = format!("arn:{}:s3:::{name}", origin.partition);
    Bucket {
        origin,
        name_prop: f.name,
        name,
        arn,
        versioning: f.versioning,
        object_lock: f.object_lock,
        object_lock_unknown: f.object_lock_unknown,
        ownership: f.ownership,
        encryption: f.encryption,
        encryption_unknown: f.encryption_unknown,
        replication: f.replication,
        policy: None,
        lifecycle_rules: f.lifecycle_rules,
        logging_destination: f.logging_destination,
        request_payer: f.request_payer,
    }
}

pub(crate) fn bucket_policy(origin: Origin, f: BucketPolicyFields) -> BucketPolicy {
    let bucket = f.bucket;
    let doc = f.policy.map(|d| {
        let mut doc = PolicyDoc::new(
            origin.file,
            DocKind::Resource,
            d,
            format!(
                "PolicyDocument of AWS::S3::BucketPolicy {}",
                origin.logical_id
            ),
        );
        doc.name = bucket.as_ref().map(|b| super::symbolic::display(&b.value));
        doc
    });
    BucketPolicy {
        origin,
        bucket,
        doc,
        target: None,
    }
}
