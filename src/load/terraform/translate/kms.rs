//! KMS: `aws_kms_key` → `AWS::KMS::Key`, `aws_kms_alias` → `AWS::KMS::Alias`.

use super::context::Tr;
use super::props;
use crate::model::DocKind;
use crate::source::Node;

pub(super) fn kms_key(t: &mut Tr, i: usize) -> Node {
    let (r, c, mut p) = t.open(i);
    // Optional + computed: when the configuration sets no policy, AWS applies its default key policy
    // (what the model assumes for a key without `KeyPolicy`).
    if r.config.is_none() || r.expression("policy").is_some() {
        let doc = t.policy(r, c, "policy", DocKind::KeyPolicy);
        p.put("KeyPolicy", doc);
    }
    let spec = t
        .text(r, c, "customer_master_key_spec")
        .or_else(|| t.text(r, c, "key_spec"));
    p.put("KeySpec", spec);
    p.put("KeyUsage", t.text(r, c, "key_usage"));
    p.put("MultiRegion", t.leaf(r, c, "multi_region"));
    p.put("Enabled", t.leaf(r, c, "is_enabled"));
    p.put("EnableKeyRotation", t.leaf(r, c, "enable_key_rotation"));
    p.put(
        "PendingWindowInDays",
        t.leaf(r, c, "deletion_window_in_days"),
    );
    p.node()
}

pub(super) fn alias(t: &Tr, i: usize) -> Node {
    props(
        t,
        i,
        &[("AliasName", "name"), ("TargetKeyId", "target_key_id")],
    )
}
