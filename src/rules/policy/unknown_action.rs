//! POL-UNKNOWN-ACTION: an action, or an action wildcard, of a known service matches no action of
//! the embedded catalog (`s3:ReplicateObjects`).

use super::action_facts::{catalog_actions, CatalogAction};
use super::Ctx;
use crate::catalog::catalog;
use crate::eval::wildcard::has_wildcard;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    PolUnknownAction,
    "POL-UNKNOWN-ACTION",
    Error,
    "Action matches nothing in the action catalog"
);

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let cat = catalog();
    for CatalogAction {
        item,
        prefix,
        facts,
        ..
    } in catalog_actions(&ctx.doc.policy)
    {
        let a = item.value.as_str();
        if !facts.service_known {
            continue; // POL-UNKNOWN-SERVICE
        }
        if facts.matches_any {
            continue;
        }
        let Some(svc) = cat.service(prefix) else {
            continue;
        };
        let date = cat.data_date();
        let what = if has_wildcard(a) {
            format!("`{a}` matches no action of {} (`{}`)", svc.name, svc.prefix)
        } else {
            format!("`{a}` is not an action of {} (`{}`)", svc.name, svc.prefix)
        };
        let late = format!(
            "The catalog's data is from {date}; AWS sometimes documents new actions late, so if \
                 the action is newer, update trustlint or ignore this finding for the file"
        );
        let help = match cat.suggest_action(a) {
            Some(s) => format!("did you mean `{s}`? {late}"),
            None => format!(
                "check the action list of `{}` in the Service Authorization Reference. {late}",
                svc.prefix
            ),
        };
        out.push(
            ctx.finding(
                &META,
                item.span,
                format!("{what} in the action catalog (data of {date})"),
            )
            .label("unknown action")
            .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, spans};
    use super::*;

    #[test]
    fn flags_unknown_actions_and_dead_wildcards() {
        let text = r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Action":["s3:ReplicateObjects","s3:replicateobject","s3:Get*",
              "s3:Frobnicate*","kms:Re*","sss:GetObject","s3 :x"],"Resource":"*"},
            {"Effect":"Deny","NotAction":"iam:GetUsr","Resource":"*"}]}"#;
        let fs = run(check, text);
        assert_eq!(
            spans(text, &fs),
            [
                "\"s3:ReplicateObjects\"",
                "\"s3:Frobnicate*\"",
                "\"iam:GetUsr\""
            ]
        );
        assert!(fs[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("did you mean `s3:ReplicateObject`?"));
        assert!(fs[0].message.contains(catalog().data_date()));
        assert!(fs[1].message.contains("matches no action"));
        assert!(fs[2].help.as_deref().unwrap().contains("`iam:GetUser`"));
    }
}
