//! IAM: `aws_iam_role` (with its `aws_iam_role_policy_attachment`s) → `AWS::IAM::Role`, and the
//! policy resources → `AWS::IAM::RolePolicy` / `ManagedPolicy` / `Policy`.

use super::context::Tr;
use super::cursor::Cur;
use super::node::{s, Obj};
use super::satellites::{use_inline, Folded};
use crate::model::DocKind;
use crate::source::Node;

pub(super) fn role(t: &mut Tr, i: usize, folded: &Folded) -> Node {
    let (r, c, mut p) = t.open(i);
    p.put("RoleName", t.text(r, c, "name"));
    p.put("Path", t.text(r, c, "path"));
    let trust = t.policy(r, c, "assume_role_policy", DocKind::Trust);
    p.put("AssumeRolePolicyDocument", trust);
    if use_inline(r, "inline_policy", folded.role_policies.contains_key(&i)) {
        let mut inline = Vec::new();
        for b in c.blocks("inline_policy") {
            let Some(doc) = t.policy(r, b, "policy", DocKind::Identity) else {
                continue;
            };
            let mut o = Obj::new(b.anchor);
            o.put("PolicyName", t.text(r, b, "name"));
            o.put("PolicyDocument", Some(doc));
            inline.push(o.node());
        }
        p.list("Policies", inline, c.get("inline_policy").anchor);
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
    p.list(
        "ManagedPolicyArns",
        managed,
        c.get("managed_policy_arns").anchor,
    );
    p.put("PermissionsBoundary", t.text(r, c, "permissions_boundary"));
    p.node()
}

/// `aws_iam_role_policy` → `AWS::IAM::RolePolicy`, `aws_iam_policy` → `ManagedPolicy`,
/// `aws_iam_user_policy`/`aws_iam_group_policy` → `AWS::IAM::Policy`.
pub(super) fn iam_policy(t: &mut Tr, i: usize) -> Node {
    let (r, c, mut p) = t.open(i);
    let name_key = if r.type_name == "aws_iam_policy" {
        "ManagedPolicyName"
    } else {
        "PolicyName"
    };
    p.put(name_key, t.text(r, c, "name"));
    match r.type_name {
        "aws_iam_policy" => {
            p.put("Path", t.text(r, c, "path"));
        }
        "aws_iam_role_policy" => {
            // `role` is the role's name (or id, which is the name).
            let role = match r.str("role") {
                Some(_) => t.text(r, c, "role"),
                None => t
                    .role_of(r)
                    .map(|ri| s(t.identity(ri, "name"), c.get("role").anchor)),
            };
            p.put("RoleName", role.or_else(|| t.leaf(r, c, "role")));
        }
        "aws_iam_user_policy" | "aws_iam_group_policy" => {
            let (key, cfn) = if r.type_name == "aws_iam_user_policy" {
                ("user", "Users")
            } else {
                ("group", "Groups")
            };
            let principal: Vec<Node> = t.text(r, c, key).into_iter().collect();
            p.list(cfn, principal, c.get(key).anchor);
        }
        _ => {}
    }
    let doc = t.policy(r, c, "policy", DocKind::Identity);
    p.put("PolicyDocument", doc);
    p.node()
}
