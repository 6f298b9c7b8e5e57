//! POL-ACTION-FORMAT: every `Action`/`NotAction` entry is `*` or `service:ActionName`, with no
//! wildcard in the service prefix, no empty part and no whitespace.

use super::action_facts::action_facts;
use super::Ctx;
use crate::model::{ListBlock, Statement};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    PolActionFormat,
    "POL-ACTION-FORMAT",
    Error,
    "Action is not `service:ActionName` or `*`"
);

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for st in &ctx.doc.policy.statements {
        for (block, element) in blocks(st) {
            for item in &block.items {
                // A value trustlint cannot know (CloudFormation parameter, undecided Fn::If): cannot
                // prove. Well-formed (the usual case, memoized): nothing to report.
                if crate::model::symbolic::has_symbol(&item.value)
                    || action_facts(&item.value).well_formed
                {
                    continue;
                }
                if let Some((msg, label, help)) = problem(&item.value) {
                    out.push(
                        ctx.finding(&META, item.span, format!("`{element}` entry {msg}"))
                            .label(label)
                            .help(help),
                    );
                }
            }
        }
    }
}

fn blocks(st: &Statement) -> impl Iterator<Item = (&ListBlock, &'static str)> {
    st.action
        .iter()
        .map(|b| (b, "Action"))
        .chain(st.not_action.iter().map(|b| (b, "NotAction")))
}

/// Whether `a` is `*` or a well-formed `service:Pattern` (what the catalog rules may look up).
pub(super) fn is_well_formed(a: &str) -> bool {
    // Symbolic (unknown) actions are never looked up in the catalog.
    !crate::model::symbolic::has_symbol(a) && problem(a).is_none()
}

/// `` `a` `` when displayed.
struct Backticked<'a>(&'a str);

impl std::fmt::Display for Backticked<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}`", self.0)
    }
}

/// (message, label, help) for a malformed action string.
fn problem(a: &str) -> Option<(String, String, String)> {
    if a == "*" {
        return None;
    }
    // Displayed lazily: formatting a `String` up front cost an allocation for every well-formed action.
    let shown = Backticked(a);
    if a.is_empty() {
        return Some((
            "is an empty string".into(),
            "empty action".into(),
            "write `service:ActionName` (e.g. `s3:GetObject`) or remove the entry".into(),
        ));
    }
    if a.chars().any(char::is_whitespace) {
        let fixed: String = a.split_whitespace().collect();
        let help = if problem(&fixed).is_none() {
            format!("actions contain no whitespace: write `{fixed}`")
        } else {
            "actions contain no whitespace: write `service:ActionName`, e.g. `iam:GetUser`".into()
        };
        return Some((
            format!("{shown} contains whitespace"),
            "whitespace in action".into(),
            help,
        ));
    }
    let colons = a.matches(':').count();
    if colons == 0 {
        let help = if a.contains(['*', '?']) {
            "use `*` alone for every action, or `service:Pattern` such as `s3:Get*`".to_string()
        } else {
            "prefix the action with its service namespace, e.g. `s3:GetObject`, `kms:Decrypt`"
                .to_string()
        };
        return Some((
            format!("{shown} has no service prefix"),
            "expected `service:ActionName`".into(),
            help,
        ));
    }
    if colons > 1 {
        let help = if a.starts_with("arn:") {
            "this is an ARN: it belongs in `Resource`; `Action` takes `service:ActionName`"
        } else {
            "an action has exactly one `:` between the service prefix and the action name"
        };
        return Some((
            format!("{shown} has {colons} `:` separators"),
            "expected `service:ActionName`".into(),
            help.into(),
        ));
    }
    let (prefix, name) = a.split_once(':')?;
    if prefix.is_empty() {
        return Some((
            format!("{shown} has an empty service prefix"),
            "missing service prefix".into(),
            "write the service namespace before the `:`, e.g. `s3:GetObject`".into(),
        ));
    }
    if prefix.contains(['*', '?']) {
        let help = if name == "*" {
            "use \"*\" alone for every action of every service".to_string()
        } else {
            format!(
                "AWS rejects wildcards in the service prefix (\"Action vendors must not contain \
                 wildcards\"): list each service, e.g. `s3:{name}`, `ec2:{name}`"
            )
        };
        return Some((
            format!("{shown} has a wildcard in the service prefix `{prefix}`"),
            "wildcard in service prefix".into(),
            help,
        ));
    }
    if let Some(c) = prefix
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
    {
        return Some((
            format!("{shown} has the character `{c}` in its service prefix `{prefix}`"),
            "invalid service prefix".into(),
            "service prefixes contain only letters, digits and `-` (e.g. `s3`, `cognito-idp`)"
                .into(),
        ));
    }
    if name.is_empty() {
        return Some((
            format!("{shown} has an empty action name"),
            "missing action name".into(),
            format!("name the action after the `:`, e.g. `{prefix}:Get*`, or `{prefix}:*` for all"),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, spans};
    use super::*;

    fn bad(a: &str) -> bool {
        problem(a).is_some()
    }

    #[test]
    fn accepts_valid_actions() {
        for a in [
            "*",
            "s3:GetObject",
            "s3:Get*",
            "S3:getobject",
            "iam:*AccessKey*",
            "cognito-idp:List*",
            "s3:*",
            "s3:Get?bject",
            "vpc-lattice:AssociateViaAWSService-EventsAndStates",
        ] {
            assert!(!bad(a), "{a} should be accepted");
        }
    }

    #[test]
    fn rejects_malformed_actions() {
        for a in [
            "",
            "GetObject",
            "s3GetObject",
            "s*:GetObject",
            "*:GetObject",
            "*:*",
            "?3:GetObject",
            "s3:",
            ":GetObject",
            "s3: GetObject",
            "s3:Get Object",
            " s3:GetObject",
            "s3::GetObject",
            "arn:aws:s3:::bucket",
            "s3/GetObject",
            "s3.GetObject",
            "s_3:GetObject",
            "Get*",
        ] {
            assert!(bad(a), "{a:?} should be rejected");
        }
    }

    #[test]
    fn points_at_the_offending_entry_in_action_and_notaction() {
        let text = r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Action":["s3:GetObject","s*:GetObject"],"Resource":"*"},
            {"Effect":"Deny","NotAction":"iam GetUser","Resource":"*"}]}"#;
        let fs = run(check, text);
        assert_eq!(spans(text, &fs), ["\"s*:GetObject\"", "\"iam GetUser\""]);
        assert!(fs[0]
            .message
            .contains("wildcard in the service prefix `s*`"));
        assert!(fs[1].message.starts_with("`NotAction` entry"));
        assert!(!fs[1].help.as_deref().unwrap().contains("iamGetUser"));
        assert_eq!(
            problem("s3: GetObject").unwrap().2,
            "actions contain no whitespace: write `s3:GetObject`"
        );
    }
}
