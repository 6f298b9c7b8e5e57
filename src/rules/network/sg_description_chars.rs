//! SG-DESCRIPTION-CHARS — a security group's descriptions use only the characters EC2 accepts, and its
//! name does not start with `sg-`.

use super::Ctx;
use crate::model::ec2::SecurityGroup;
use crate::model::symbolic::has_symbol;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    SgDescriptionChars, "SG-DESCRIPTION-CHARS",
    Error,
    "Invalid security group description or name"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for sg in &cx.net.m.security_groups {
        descriptions(sg, out);
    }
}

fn descriptions(sg: &SecurityGroup, out: &mut Vec<Finding>) {
    let valid = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_alphanumeric() || " ._-:/()#,@[]+=&;{}!$*".contains(c))
    };
    let mut texts: Vec<(&crate::source::Spanned<String>, &str)> = Vec::new();
    if let Some(d) = &sg.description {
        texts.push((d, "GroupDescription"));
    }
    for r in sg.ingress.iter().chain(&sg.egress) {
        if let Some(d) = &r.description {
            texts.push((d, "rule Description"));
        }
    }
    for (d, what) in texts {
        if has_symbol(&d.value) {
            continue;
        }
        let bad: Vec<char> = d.value.chars().filter(|c| !valid(&c.to_string())).collect();
        if d.value.len() > 255 || !bad.is_empty() {
            let why = if d.value.len() > 255 {
                format!("is {} characters long (at most 255)", d.value.len())
            } else {
                format!(
                    "contains {:?}, which EC2 rejects",
                    bad.iter().take(3).collect::<String>()
                )
            };
            out.push(
                Finding::new(
                    META.id,
                    META.severity,
                    sg.origin.file,
                    d.span,
                    format!("{what} of {} {why}", sg.origin.logical_id),
                )
                .resource(Some(sg.origin.logical_id.clone()))
                .help(
                    "use at most 255 characters among a-z A-Z 0-9 space and ._-:/()#,@[]+=&;{}!$*",
                ),
            );
        }
    }
    if let Some(n) = &sg.group_name {
        if !has_symbol(&n.value) && n.value.to_ascii_lowercase().starts_with("sg-") {
            out.push(
                Finding::new(
                    META.id,
                    META.severity,
                    sg.origin.file,
                    n.span,
                    format!(
                        "GroupName `{}` starts with `sg-`, which EC2 reserves for group ids",
                        n.value
                    ),
                )
                .resource(Some(sg.origin.logical_id.clone()))
                .help("choose a GroupName that does not start with sg-"),
            );
        }
    }
}

