//! `AWS::IAM::Role` and the IAM policy resources.

use crate::model::iam::{IamPolicyFields, InlinePolicy, RoleFields};
use crate::model::props::{array, string, strings};
use crate::source::Node;

pub(in crate::load::cfn) fn role(p: Option<&Node>) -> RoleFields {
    RoleFields {
        name: string(p, "RoleName"),
        path: string(p, "Path"),
        trust: p.and_then(|p| p.get("AssumeRolePolicyDocument")).cloned(),
        inline: array(p, "Policies")
            .iter()
            .filter_map(|pol| {
                Some(InlinePolicy {
                    document: pol.get("PolicyDocument")?.clone(),
                    name: string(Some(pol), "PolicyName"),
                })
            })
            .collect(),
        inline_unknown: super::unknown_list(p, "Policies"),
        managed_policy_arns: strings(p, "ManagedPolicyArns"),
        boundary: string(p, "PermissionsBoundary"),
    }
}

/// `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy`, `AWS::IAM::RolePolicy` (named by `type_name`).
pub(in crate::load::cfn) fn iam_policy(type_name: &str, p: Option<&Node>) -> IamPolicyFields {
    let managed = type_name == "AWS::IAM::ManagedPolicy";
    IamPolicyFields {
        name: string(
            p,
            if managed {
                "ManagedPolicyName"
            } else {
                "PolicyName"
            },
        ),
        path: if managed { string(p, "Path") } else { None },
        document: p.and_then(|p| p.get("PolicyDocument")).cloned(),
        roles: if type_name == "AWS::IAM::RolePolicy" {
            string(p, "RoleName").into_iter().collect()
        } else {
            strings(p, "Roles")
        },
        users: strings(p, "Users"),
        groups: strings(p, "Groups"),
    }
}
