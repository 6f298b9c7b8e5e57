//! REPL-ROLE-MISSING — replication configuration without a valid IAM role ARN.
//! From what each configuration's Role names ([`super::configurations`]).

use super::Ctx;
use super::configurations::ConfiguredRole;
use crate::model::symbolic::display;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplRoleMissing, "REPL-ROLE-MISSING", Error, "Replication configuration without a valid IAM role ARN");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for c in cx.configurations() {
        match &c.role {
            Some(ConfiguredRole::Missing) => out.push(
                c.finding(&META, c.config.span, "the replication configuration has no Role")
                    .help("set Role to the ARN of the IAM role S3 assumes, e.g. !GetAtt ReplicationRole.Arn"),
            ),
            Some(ConfiguredRole::NotRoleArn(role)) => out.push(
                c.finding(
                    &META,
                    role.span,
                    format!(
                        "Role `{}` is not an IAM role ARN (arn:aws:iam::<account>:role/<path><name>)",
                        display(&role.value)
                    ),
                )
                .help("use the role's full ARN, e.g. !GetAtt ReplicationRole.Arn"),
            ),
            _ => {}
        }
    }
}
