//! KMS: `aws_kms_key` and `aws_kms_alias`, read from their own attribute names into the model's typed
//! fields ([`KeyFields`], [`AliasFields`]) — no CloudFormation-shaped properties in between.

use super::context::Tr;
use crate::model::kms::{AliasFields, KeyFields};
use crate::model::props::{boolean_of, integer_of, string_of};
use crate::model::DocKind;
use crate::source::Node;

pub(super) fn kms_key(t: &mut Tr, i: usize) -> KeyFields {
    let (r, c) = t.open(i);
    // Optional + computed: when the configuration sets no policy, AWS applies its default key policy
    // (what the model assumes for a key without a policy).
    let policy = if r.config.is_none() || r.expression("policy").is_some() {
        t.policy(r, c, "policy", DocKind::KeyPolicy)
    } else {
        None
    };
    let text = |k: &str| t.text(r, c, k).as_ref().and_then(string_of);
    let leaf = |k: &str| t.leaf(r, c, k);
    KeyFields {
        spec: text("customer_master_key_spec").or_else(|| text("key_spec")),
        usage: text("key_usage"),
        multi_region: leaf("multi_region").as_ref().and_then(boolean_of),
        enabled: leaf("is_enabled").as_ref().and_then(boolean_of),
        rotation: leaf("enable_key_rotation").as_ref().and_then(boolean_of),
        pending_window_days: leaf("deletion_window_in_days")
            .as_ref()
            .and_then(integer_of),
        policy,
    }
}

pub(super) fn alias(t: &Tr, i: usize) -> AliasFields {
    let (r, c) = t.open(i);
    let text = |k: &str| -> Option<Node> { t.text(r, c, k).or_else(|| t.leaf(r, c, k)) };
    AliasFields {
        name: text("name").as_ref().and_then(string_of),
        target_key_id: text("target_key_id").as_ref().and_then(string_of),
    }
}
