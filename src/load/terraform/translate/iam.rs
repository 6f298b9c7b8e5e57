//! IAM: `aws_iam_role` (with its `aws_iam_role_policy_attachment`s) and the policy resources, read from
//! their own attribute names into the model's typed fields ([`RoleFields`], [`IamPolicyFields`]).

use super::context::Tr;
use super::cursor::Cur;
use super::node::s;
use super::satellites::{use_inline, Folded};
use crate::model::iam::{IamPolicyFields, InlinePolicy, RoleFields};
use crate::model::props::string_of;
use crate::model::DocKind;

pub(super) fn role(t: &mut Tr, i: usize, folded: &Folded) -> RoleFields {
    let (r, c) = t.open(i);
    let trust = t.policy(r, c, "assume_role_policy", DocKind::Trust);
    let mut inline = Vec::new();
    let mut inline_unknown = None;
    if use_inline(r, "inline_policy", folded.role_policies.contains_key(&i)) {
        inline_unknown = t.unknown_written(r, c, "inline_policy");
        for b in c.blocks("inline_policy") {
            let Some(document) = t.policy(r, b, "policy", DocKind::Identity) else {
                continue;
            };
            let name = t.text(r, b, "name").as_ref().and_then(string_of);
            inline.push(InlinePolicy { name, document });
        }
    }
    let mut managed = Vec::new();
    if use_inline(
        r,
        "managed_policy_arns",
        folded.role_attachments.contains_key(&i),
    ) {
        managed = t.strings(r, c, "managed_policy_arns");
    }
    for &a in folded
        .role_attachments
        .get(&i)
        .map_or(&[][..], Vec::as_slice)
    {
        let ar = t.res(a);
        if let Some(n) = t.text(ar, Cur::root(ar), "policy_arn") {
            if !managed.iter().any(|m| m.as_str() == n.as_str()) {
                managed.push(n);
            }
        }
    }
    let text = |k: &str| t.text(r, c, k).as_ref().and_then(string_of);
    RoleFields {
        name: text("name"),
        path: text("path"),
        trust,
        inline,
        inline_unknown,
        managed_policy_arns: managed.iter().filter_map(string_of).collect(),
        boundary: text("permissions_boundary"),
    }
}

/// `aws_iam_role_policy` (→ `AWS::IAM::RolePolicy`), `aws_iam_policy` (→ `ManagedPolicy`),
/// `aws_iam_user_policy`/`aws_iam_group_policy` (→ `AWS::IAM::Policy`).
pub(super) fn iam_policy(t: &mut Tr, i: usize) -> IamPolicyFields {
    let (r, c) = t.open(i);
    let text = |k: &str| t.text(r, c, k).as_ref().and_then(string_of);
    let mut f = IamPolicyFields {
        name: text("name"),
        ..IamPolicyFields::default()
    };
    match r.type_name {
        "aws_iam_policy" => f.path = text("path"),
        "aws_iam_role_policy" => {
            // `role` is the role's name (or id, which is the name).
            let role = match r.str("role") {
                Some(_) => t.text(r, c, "role"),
                None => t
                    .role_of(r)
                    .map(|ri| s(t.identity(ri, "name"), c.get("role").anchor)),
            };
            f.roles = role
                .or_else(|| t.leaf(r, c, "role"))
                .as_ref()
                .and_then(string_of)
                .into_iter()
                .collect();
        }
        "aws_iam_user_policy" => f.users = text("user").into_iter().collect(),
        "aws_iam_group_policy" => f.groups = text("group").into_iter().collect(),
        _ => {}
    }
    f.document = t.policy(r, c, "policy", DocKind::Identity);
    f
}
