//! Metadata of every rule of this family (id, default severity, title; docs in `rules/<ID>.md`).
//! Severities follow rules-spec tags: `[V]` as stated, `[I]` warning at most, `[U]` info at most.

use crate::rule_meta;
use crate::rules::RuleMeta;

// Emitted by the generic requirements checker (`requirements.rs`), by the policy that lacks the grant.
pub const ROLE_TRUST_S3: RuleMeta = rule_meta!(
    RoleTrustS3,
    "ROLE-TRUST-S3",
    Error,
    "The replication role does not trust s3.amazonaws.com"
);
pub const ROLE_TRUST_CONDITIONS: RuleMeta = rule_meta!(
    RoleTrustConditions,
    "ROLE-TRUST-CONDITIONS",
    Warning,
    "Trust policy conditions do not match the replication source"
);
pub const ROLE_MISSING_ACTION: RuleMeta = rule_meta!(
    RoleMissingAction,
    "ROLE-MISSING-ACTION",
    Error,
    "The replication role lacks a required permission"
);
pub const ROLE_EXPLICIT_DENY: RuleMeta = rule_meta!(
    RoleExplicitDeny,
    "ROLE-EXPLICIT-DENY",
    Error,
    "A Deny in the role's policies blocks replication"
);
pub const ROLE_BOUNDARY: RuleMeta = rule_meta!(
    RoleBoundary,
    "ROLE-BOUNDARY",
    Error,
    "The role's permissions boundary does not allow a required action"
);
pub const ROLE_GETOBJECTVERSION: RuleMeta = rule_meta!(
    RoleGetobjectversion,
    "ROLE-GETOBJECTVERSION",
    Error,
    "The role grants s3:GetObjectVersion instead of s3:GetObjectVersionForReplication"
);
pub const ROLE_KMS_VIASERVICE: RuleMeta = rule_meta!(
    RoleKmsViaservice,
    "ROLE-KMS-VIASERVICE",
    Error,
    "A kms:ViaService condition does not match the region S3 calls KMS from"
);
pub const ROLE_KMS_ENCCTX: RuleMeta = rule_meta!(
    RoleKmsEncctx,
    "ROLE-KMS-ENCCTX",
    Error,
    "An encryption-context condition does not match what S3 sends"
);
pub const ROLE_RESOURCE_FORM: RuleMeta = rule_meta!(
    RoleResourceForm,
    "ROLE-RESOURCE-FORM",
    Error,
    "A replication action is granted on the wrong resource form (bucket vs objects)"
);
pub const ROLE_PREFIX_SCOPE: RuleMeta = rule_meta!(
    RolePrefixScope,
    "ROLE-PREFIX-SCOPE",
    Warning,
    "The role's object permissions do not cover the rule's prefix"
);
pub const DSTPOL_MISSING: RuleMeta = rule_meta!(
    DstpolMissing,
    "DSTPOL-MISSING",
    Error,
    "The destination bucket policy does not let the replication role write replicas"
);
pub const DSTPOL_REPLICATEDELETE: RuleMeta = rule_meta!(
    DstpolReplicatedelete,
    "DSTPOL-REPLICATEDELETE",
    Error,
    "The destination bucket policy does not allow s3:ReplicateDelete"
);
pub const DSTPOL_REPLICATETAGS: RuleMeta = rule_meta!(
    DstpolReplicatetags,
    "DSTPOL-REPLICATETAGS",
    Warning,
    "The destination bucket policy does not allow s3:ReplicateTags"
);
pub const DSTPOL_OWNER_OVERRIDE: RuleMeta = rule_meta!(
    DstpolOwnerOverride,
    "DSTPOL-OWNER-OVERRIDE",
    Error,
    "The destination bucket policy does not allow the owner override"
);
pub const DSTPOL_VERSIONING_ACTIONS: RuleMeta = rule_meta!(
    DstpolVersioningActions,
    "DSTPOL-VERSIONING-ACTIONS",
    Warning,
    "The destination bucket policy lacks the bucket-level replication actions"
);
pub const DSTPOL_DENY: RuleMeta = rule_meta!(
    DstpolDeny,
    "DSTPOL-DENY",
    Error,
    "A Deny in the destination bucket policy blocks replication"
);
pub const DSTPOL_PRINCIPAL_PATH: RuleMeta = rule_meta!(
    DstpolPrincipalPath,
    "DSTPOL-PRINCIPAL-PATH",
    Error,
    "The bucket policy names the replication role with the wrong path"
);
pub const SRCPOL_DENY: RuleMeta = rule_meta!(
    SrcpolDeny,
    "SRCPOL-DENY",
    Error,
    "A Deny in the source bucket policy blocks replication"
);
pub const KMS_SRC_DECRYPT: RuleMeta = rule_meta!(
    KmsSrcDecrypt,
    "KMS-SRC-DECRYPT",
    Error,
    "The replication role cannot decrypt source objects"
);
pub const KMS_DST_KEYPOLICY_XACCT: RuleMeta = rule_meta!(
    KmsDstKeypolicyXacct,
    "KMS-DST-KEYPOLICY-XACCT",
    Error,
    "The replica key policy does not grant the source account's replication role"
);
pub const KMS_DST_IAM_XACCT: RuleMeta = rule_meta!(
    KmsDstIamXacct,
    "KMS-DST-IAM-XACCT",
    Error,
    "The role's IAM policy does not allow the destination account's replica key"
);
pub const KMS_NO_ROOT_DELEGATION: RuleMeta = rule_meta!(
    KmsNoRootDelegation,
    "KMS-NO-ROOT-DELEGATION",
    Error,
    "The key policy neither delegates to the account nor names the role"
);
pub const XREG_VIASERVICE: RuleMeta = rule_meta!(
    XregViaservice,
    "XREG-VIASERVICE",
    Error,
    "Cross-region replication: kms:ViaService names the wrong region"
);

// Configuration rules.
pub const REPL_ROLE_MISSING: RuleMeta = rule_meta!(
    ReplRoleMissing,
    "REPL-ROLE-MISSING",
    Error,
    "Replication configuration without a valid IAM role ARN"
);
pub const REPL_ROLE_ACCOUNT: RuleMeta = rule_meta!(
    ReplRoleAccount,
    "REPL-ROLE-ACCOUNT",
    Warning,
    "The replication role is not in the source bucket's account"
);
pub const REPL_ROLE_PATH: RuleMeta = rule_meta!(
    ReplRolePath,
    "REPL-ROLE-PATH",
    Error,
    "The replication role ARN has the wrong path"
);
pub const REPL_RULE_STATUS: RuleMeta = rule_meta!(
    ReplRuleStatus,
    "REPL-RULE-STATUS",
    Error,
    "Replication rule Status missing or not Enabled/Disabled"
);
pub const REPL_RULE_DISABLED: RuleMeta = rule_meta!(
    ReplRuleDisabled,
    "REPL-RULE-DISABLED",
    Info,
    "Replication rule is disabled"
);
pub const REPL_V2_REQUIRED_FIELDS: RuleMeta = rule_meta!(
    ReplV2RequiredFields,
    "REPL-V2-REQUIRED-FIELDS",
    Error,
    "A rule with Filter lacks Priority or DeleteMarkerReplication"
);
pub const REPL_PRIORITY_DUP: RuleMeta = rule_meta!(
    ReplPriorityDup,
    "REPL-PRIORITY-DUP",
    Error,
    "Two replication rules share a Priority"
);
pub const REPL_FILTER_ONE_OF: RuleMeta = rule_meta!(
    ReplFilterOneOf,
    "REPL-FILTER-ONE-OF",
    Error,
    "Filter must have exactly one of Prefix, TagFilter, And"
);
pub const REPL_DMR_TAG: RuleMeta = rule_meta!(
    ReplDmrTag,
    "REPL-DMR-TAG",
    Error,
    "Delete marker replication on a tag-filtered rule"
);
pub const REPL_DEST_ARN: RuleMeta = rule_meta!(
    ReplDestArn,
    "REPL-DEST-ARN",
    Error,
    "Destination.Bucket is not a bucket ARN"
);
pub const REPL_DEST_SELF: RuleMeta = rule_meta!(
    ReplDestSelf,
    "REPL-DEST-SELF",
    Warning,
    "A bucket replicates to itself"
);
pub const REPL_ACT_NEEDS_ACCOUNT: RuleMeta = rule_meta!(
    ReplActNeedsAccount,
    "REPL-ACT-NEEDS-ACCOUNT",
    Error,
    "AccessControlTranslation without Destination.Account"
);
pub const REPL_ACT_OWNER: RuleMeta = rule_meta!(
    ReplActOwner,
    "REPL-ACT-OWNER",
    Error,
    "AccessControlTranslation.Owner must be Destination"
);
pub const REPL_ACT_ACCOUNT_MISMATCH: RuleMeta = rule_meta!(
    ReplActAccountMismatch,
    "REPL-ACT-ACCOUNT-MISMATCH",
    Warning,
    "Destination.Account is not the destination bucket's account"
);
pub const REPL_ACT_SAME_ACCOUNT: RuleMeta = rule_meta!(
    ReplActSameAccount,
    "REPL-ACT-SAME-ACCOUNT",
    Warning,
    "Owner override configured for a same-account destination"
);
pub const REPL_XACCT_NO_OWNERSHIP: RuleMeta = rule_meta!(
    ReplXacctNoOwnership,
    "REPL-XACCT-NO-OWNERSHIP",
    Warning,
    "Cross-account replicas stay owned by the source account"
);
pub const REPL_SSEKMS_NEEDS_KEY: RuleMeta = rule_meta!(
    ReplSsekmsNeedsKey,
    "REPL-SSEKMS-NEEDS-KEY",
    Error,
    "SSE-KMS objects opted in without a ReplicaKmsKeyID"
);
pub const REPL_KEY_NEEDS_SSEKMS: RuleMeta = rule_meta!(
    ReplKeyNeedsSsekms,
    "REPL-KEY-NEEDS-SSEKMS",
    Warning,
    "ReplicaKmsKeyID without opting in to SSE-KMS objects"
);
pub const REPL_SSEKMS_SOURCE_NO_OPTIN: RuleMeta = rule_meta!(
    ReplSsekmsSourceNoOptin,
    "REPL-SSEKMS-SOURCE-NO-OPTIN",
    Error,
    "SSE-KMS source bucket, but the rule does not replicate SSE-KMS objects"
);
pub const REPL_RTC_NEEDS_METRICS: RuleMeta = rule_meta!(
    ReplRtcNeedsMetrics,
    "REPL-RTC-NEEDS-METRICS",
    Error,
    "Replication Time Control without enabled Metrics"
);
pub const REPL_RTC_MINUTES: RuleMeta = rule_meta!(
    ReplRtcMinutes,
    "REPL-RTC-MINUTES",
    Error,
    "RTC and metrics thresholds must be 15 minutes"
);
pub const REPL_METRICS_THRESHOLD_NO_RTC: RuleMeta = rule_meta!(
    ReplMetricsThresholdNoRtc,
    "REPL-METRICS-THRESHOLD-NO-RTC",
    Error,
    "Metrics EventThreshold without Replication Time Control"
);
pub const REPL_EXISTING_OBJECTS: RuleMeta = rule_meta!(
    ReplExistingObjects,
    "REPL-EXISTING-OBJECTS",
    Warning,
    "ExistingObjectReplication is no longer supported"
);
pub const BKT_VERSIONING_SRC: RuleMeta = rule_meta!(
    BktVersioningSrc,
    "BKT-VERSIONING-SRC",
    Error,
    "Replication source bucket is not versioned"
);
pub const BKT_VERSIONING_DEST: RuleMeta = rule_meta!(
    BktVersioningDest,
    "BKT-VERSIONING-DEST",
    Error,
    "Replication destination bucket is not versioned"
);
pub const BKT_OBJLOCK: RuleMeta = rule_meta!(
    BktObjlock,
    "BKT-OBJLOCK",
    Error,
    "Object Lock source replicating to a bucket without Object Lock"
);
pub const KMS_REPLICA_KEY_REGION: RuleMeta = rule_meta!(
    KmsReplicaKeyRegion,
    "KMS-REPLICA-KEY-REGION",
    Error,
    "The replica key is not in the destination bucket's region"
);
pub const XREG_KEY_REGION: RuleMeta = rule_meta!(
    XregKeyRegion,
    "XREG-KEY-REGION",
    Error,
    "Cross-region replication: the replica key is not in the destination region"
);
pub const KMS_AWS_MANAGED_XACCT: RuleMeta = rule_meta!(
    KmsAwsManagedXacct,
    "KMS-AWS-MANAGED-XACCT",
    Error,
    "An AWS managed key cannot encrypt cross-account replicas"
);
pub const KMS_REPLICA_KEY_ALIAS: RuleMeta = rule_meta!(
    KmsReplicaKeyAlias,
    "KMS-REPLICA-KEY-ALIAS",
    Warning,
    "ReplicaKmsKeyID is not a full key ARN"
);
pub const KMS_REPLICA_KEY_OWNER: RuleMeta = rule_meta!(
    KmsReplicaKeyOwner,
    "KMS-REPLICA-KEY-OWNER",
    Warning,
    "Cross-account replicas encrypted with a source-account key"
);
pub const KMS_REPLICA_KEY_SYMMETRIC: RuleMeta = rule_meta!(
    KmsReplicaKeySymmetric,
    "KMS-REPLICA-KEY-SYMMETRIC",
    Error,
    "The replica key is not a symmetric encryption key"
);
pub const KMS_REPLICA_KEY_VALID: RuleMeta = rule_meta!(
    KmsReplicaKeyValid,
    "KMS-REPLICA-KEY-VALID",
    Error,
    "The replica key is disabled"
);

// Rules of the second batch (config_more, buckets_more, role_more, topology).
pub const REPL_ID_DUP: RuleMeta = rule_meta!(
    ReplIdDup,
    "REPL-ID-DUP",
    Info,
    "Two replication rules share an ID"
);
pub const REPL_ID_LEN: RuleMeta = rule_meta!(
    ReplIdLen,
    "REPL-ID-LEN",
    Error,
    "Replication rule ID longer than 255 characters"
);
pub const REPL_MIXED_SCHEMA: RuleMeta = rule_meta!(
    ReplMixedSchema,
    "REPL-MIXED-SCHEMA",
    Info,
    "Replication configuration mixes V1 (Prefix) and V2 (Filter) rules"
);
pub const REPL_FILTER_EMPTY: RuleMeta = rule_meta!(
    ReplFilterEmpty,
    "REPL-FILTER-EMPTY",
    Info,
    "Replication rule with an empty filter applies to every object"
);
pub const REPL_PREFIX_LEN: RuleMeta = rule_meta!(
    ReplPrefixLen,
    "REPL-PREFIX-LEN",
    Error,
    "Replication rule prefix longer than 1024 characters"
);
pub const REPL_PREFIX_NO_SLASH: RuleMeta = rule_meta!(
    ReplPrefixNoSlash,
    "REPL-PREFIX-NO-SLASH",
    Info,
    "Replication prefix without a trailing slash matches more than one folder"
);
pub const REPL_PRIORITY_OVERLAP: RuleMeta = rule_meta!(
    ReplPriorityOverlap,
    "REPL-PRIORITY-OVERLAP",
    Info,
    "Overlapping replication rules: only the higher priority applies"
);
pub const REPL_RULES_COUNT: RuleMeta = rule_meta!(
    ReplRulesCount,
    "REPL-RULES-COUNT",
    Error,
    "Replication configuration with no rules or more than 1000"
);
pub const REPL_V1_MULTI_DEST: RuleMeta = rule_meta!(
    ReplV1MultiDest,
    "REPL-V1-MULTI-DEST",
    Error,
    "V1 replication configuration with more than one destination bucket"
);
pub const REPL_V1_REPLICA_MODS: RuleMeta = rule_meta!(
    ReplV1ReplicaMods,
    "REPL-V1-REPLICA-MODS",
    Error,
    "ReplicaModifications on a V1 replication rule"
);
pub const REPL_DMR_V1_IMPLICIT: RuleMeta = rule_meta!(
    ReplDmrV1Implicit,
    "REPL-DMR-V1-IMPLICIT",
    Info,
    "V1 replication rules always replicate delete markers"
);
pub const REPL_DMR_DEFAULT_OFF: RuleMeta = rule_meta!(
    ReplDmrDefaultOff,
    "REPL-DMR-DEFAULT-OFF",
    Warning,
    "A rule meant for delete markers does not replicate them"
);
pub const REPL_DMR_RTC: RuleMeta = rule_meta!(
    ReplDmrRtc,
    "REPL-DMR-RTC",
    Info,
    "Delete marker replication is not covered by the RTC SLA"
);
pub const REPL_DMR_LIFECYCLE: RuleMeta = rule_meta!(
    ReplDmrLifecycle,
    "REPL-DMR-LIFECYCLE",
    Warning,
    "Lifecycle expiration on the source is not replicated"
);
pub const REPL_DEL_VERSION: RuleMeta = rule_meta!(
    ReplDelVersion,
    "REPL-DEL-VERSION",
    Info,
    "Version-specific deletes are never replicated"
);
pub const REPL_TAG_LIMITS: RuleMeta = rule_meta!(
    ReplTagLimits,
    "REPL-TAG-LIMITS",
    Error,
    "Replication tag filter breaks S3 tag limits"
);
pub const REPL_TAG_AFTER_CREATE: RuleMeta = rule_meta!(
    ReplTagAfterCreate,
    "REPL-TAG-AFTER-CREATE",
    Info,
    "Tag-filtered replication only sees tags present at creation"
);
pub const REPL_STORAGE_CLASS: RuleMeta = rule_meta!(
    ReplStorageClass,
    "REPL-STORAGE-CLASS",
    Error,
    "Replication StorageClass not accepted for replication"
);
pub const REPL_SRC_GLACIER: RuleMeta = rule_meta!(
    ReplSrcGlacier,
    "REPL-SRC-GLACIER",
    Info,
    "Source objects in GLACIER or DEEP_ARCHIVE are not replicated"
);
pub const REPL_REPLICA_MODS_ONE_WAY: RuleMeta = rule_meta!(
    ReplReplicaModsOneWay,
    "REPL-REPLICA-MODS-ONE-WAY",
    Warning,
    "Replica modification sync enabled in one direction only"
);
pub const REPL_CHAIN: RuleMeta = rule_meta!(
    ReplChain,
    "REPL-CHAIN",
    Warning,
    "Chained replication: replicas are not replicated again"
);
pub const REPL_DEST_DIRECTORY: RuleMeta = rule_meta!(
    ReplDestDirectory,
    "REPL-DEST-DIRECTORY",
    Error,
    "Replication to or from a directory bucket"
);
pub const BKT_DEST_DEFAULT_ENC: RuleMeta = rule_meta!(
    BktDestDefaultEnc,
    "BKT-DEST-DEFAULT-ENC",
    Info,
    "Destination default encryption does not apply to encrypted replicas"
);
pub const BKT_FOREIGN_OBJECTS: RuleMeta = rule_meta!(
    BktForeignObjects,
    "BKT-FOREIGN-OBJECTS",
    Warning,
    "Objects written by other accounts may not be replicated"
);
pub const BKT_LOGS_REPLICATED: RuleMeta = rule_meta!(
    BktLogsReplicated,
    "BKT-LOGS-REPLICATED",
    Info,
    "Logs delivered into a replicated bucket are replicated too"
);
pub const BKT_OBJLOCK_DEST_RETENTION_POLICY: RuleMeta = rule_meta!(
    BktObjlockDestRetentionPolicy,
    "BKT-OBJLOCK-DEST-RETENTION-POLICY",
    Warning,
    "A retention-restricting destination bucket policy omits s3:ReplicateObject"
);
pub const BKT_OPTIN_REGION: RuleMeta = rule_meta!(
    BktOptinRegion,
    "BKT-OPTIN-REGION",
    Error,
    "An account has not enabled an opt-in Region replication needs"
);
pub const BKT_REQUESTER_PAYS: RuleMeta = rule_meta!(
    BktRequesterPays,
    "BKT-REQUESTER-PAYS",
    Error,
    "Cross-account replication to a Requester Pays bucket"
);
pub const DSTPOL_PRINCIPAL_WILDCARD: RuleMeta = rule_meta!(
    DstpolPrincipalWildcard,
    "DSTPOL-PRINCIPAL-WILDCARD",
    Error,
    "Destination bucket policy names the replication role with a partial wildcard"
);
pub const DSTPOL_SIZE: RuleMeta = rule_meta!(
    DstpolSize,
    "DSTPOL-SIZE",
    Error,
    "Replication bucket policy larger than 20 KB"
);
pub const ROLE_DELETED_RECREATED: RuleMeta = rule_meta!(
    RoleDeletedRecreated,
    "ROLE-DELETED-RECREATED",
    Info,
    "Policies in other stacks name the replication role by ARN"
);
pub const ROLE_KMS_ENCCTX_TYPO: RuleMeta = rule_meta!(
    RoleKmsEncctxTypo,
    "ROLE-KMS-ENCCTX-TYPO",
    Warning,
    "Encryption-context condition key S3 never sends"
);
pub const ROLE_KMS_RESOURCE_ALIAS: RuleMeta = rule_meta!(
    RoleKmsResourceAlias,
    "ROLE-KMS-RESOURCE-ALIAS",
    Error,
    "KMS permissions granted on an alias or key id instead of the key ARN"
);
pub const ROLE_PASSROLE: RuleMeta = rule_meta!(
    RolePassrole,
    "ROLE-PASSROLE",
    Info,
    "Who applies the replication configuration cannot pass the role"
);
pub const ROLE_SCP: RuleMeta = rule_meta!(
    RoleScp,
    "ROLE-SCP",
    Error,
    "A service control policy blocks the replication role"
);
pub const ROLE_TRUST_BATCH: RuleMeta = rule_meta!(
    RoleTrustBatch,
    "ROLE-TRUST-BATCH",
    Warning,
    "Batch Replication role does not trust batchoperations.s3.amazonaws.com"
);
pub const XREG_COST: RuleMeta = rule_meta!(
    XregCost,
    "XREG-COST",
    Info,
    "Cross-Region replication incurs inter-Region transfer charges"
);
pub const XREG_MRK: RuleMeta = rule_meta!(
    XregMrk,
    "XREG-MRK",
    Info,
    "Multi-Region key in replication gives no cross-account shortcut"
);
pub const XREG_OPTIN: RuleMeta = rule_meta!(
    XregOptin,
    "XREG-OPTIN",
    Error,
    "Cross-Region replication to an opt-in Region the source account has not enabled"
);
pub const XREG_RTC: RuleMeta = rule_meta!(
    XregRtc,
    "XREG-RTC",
    Info,
    "Replication Time Control on a cross-Region rule is billed per rule"
);
pub const XREG_SAME_REGION: RuleMeta = rule_meta!(
    XregSameRegion,
    "XREG-SAME-REGION",
    Info,
    "Same-Region cross-account replication (SRR)"
);
