//! POL-UNKNOWN-SERVICE: the service prefix of an action names no service of the embedded catalog.

use super::action_facts::{catalog_actions, CatalogAction};
use super::Ctx;
use crate::catalog::catalog;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    PolUnknownService,
    "POL-UNKNOWN-SERVICE",
    Error,
    "Action names an unknown service prefix"
);

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let cat = catalog();
    for CatalogAction {
        item,
        prefix,
        name,
        facts,
    } in catalog_actions(&ctx.doc.policy)
    {
        let a = item.value.as_str();
        if facts.service_known {
            continue;
        }
        let mut f = ctx
            .finding(
                &META,
                item.span,
                format!(
                    "`{prefix}` in `{a}` is not a known service prefix (action catalog data of {})",
                    cat.data_date()
                ),
            )
            .label("unknown service prefix");
        let late = format!(
            "If `{prefix}` is a service launched after {}, update trustlint or ignore this \
                 finding for the file",
            cat.data_date()
        );
        f = match cat.suggest_service(prefix) {
            Some(s) => f.help(format!("did you mean `{s}:{name}`? {late}")),
            None => f.help(format!(
                "service prefixes are namespaces such as `s3`, `kms`, `iam`, `sts` (see the \
                     Service Authorization Reference). {late}"
            )),
        };
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, spans};
    use super::*;

    #[test]
    fn flags_unknown_prefixes_with_suggestion() {
        let text = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow",
            "Action":["s3:GetObject","S3:PutObject","sss:GetObject","kms:Decrypt","totallyunknownsvc:Get*","s*:Get*"],
            "Resource":"*"}}"#;
        let fs = run(check, text);
        assert_eq!(
            spans(text, &fs),
            ["\"sss:GetObject\"", "\"totallyunknownsvc:Get*\""]
        );
        assert!(fs[0].message.contains(catalog().data_date()));
        assert!(fs[0].help.as_deref().unwrap().starts_with("did you mean `"));
    }
}
