//! REPL-ROLE-PATH — the replication role ARN has the wrong path.
//! From what each configuration's Role names ([`super::configurations`]).

use super::Ctx;
use super::configurations::ConfiguredRole;
use crate::model::symbolic::display;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplRolePath, "REPL-ROLE-PATH", Error, "The replication role ARN has the wrong path");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for c in cx.configurations() {
        let Some(ConfiguredRole::Arn {
            written,
            path_differs: Some(real),
            ..
        }) = &c.role
        else {
            continue;
        };
        out.push(
            c.finding(
                &META,
                written.span,
                format!(
                    "Role `{}` names no role: the role {} is `{}` (path {})",
                    display(&written.value),
                    real.origin.logical_id,
                    display(&real.arn),
                    real.path_str()
                ),
            )
            .label("S3 fails with AssumeRoleNotPermitted")
            .help(format!(
                "use the full ARN with its path: \"{}\" (or !GetAtt {}.Arn)",
                display(&real.arn),
                real.origin.logical_id
            ))
            .related(
                real.origin.file,
                real.path.as_ref().map_or(real.origin.logical_id_span, |p| p.span),
                "the role's path",
            ),
        );
    }
}
