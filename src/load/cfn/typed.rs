//! The CloudFormation properties of the resource families the model takes as typed fields
//! ([`crate::model::input::Typed`]): CloudFormation's names are read here, not in the model.

use crate::model::input::Typed;
use crate::model::kms::{AliasFields, KeyFields};
use crate::model::props::{boolean, integer, string};
use crate::source::Node;

mod s3;

/// The typed fields of a resource of a typed family, from its resolved `Properties`.
pub fn typed(type_name: &str, p: Option<&Node>) -> Option<Typed> {
    match type_name {
        "AWS::KMS::Key" => Some(Typed::Key(KeyFields {
            spec: string(p, "KeySpec"),
            usage: string(p, "KeyUsage"),
            multi_region: boolean(p, "MultiRegion"),
            enabled: boolean(p, "Enabled"),
            rotation: boolean(p, "EnableKeyRotation"),
            pending_window_days: integer(p, "PendingWindowInDays"),
            policy: p.and_then(|p| p.get("KeyPolicy")).cloned(),
        })),
        "AWS::KMS::Alias" => Some(Typed::Alias(AliasFields {
            name: string(p, "AliasName"),
            target_key_id: string(p, "TargetKeyId"),
        })),
        "AWS::S3::Bucket" => Some(Typed::Bucket(Box::new(s3::bucket(p)))),
        "AWS::S3::BucketPolicy" => Some(Typed::BucketPolicy(s3::bucket_policy(p))),
        _ => None,
    }
}
