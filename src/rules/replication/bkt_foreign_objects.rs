//! BKT-FOREIGN-OBJECTS — objects written by other accounts may not be replicated.

use crate::model::arn::is_account_id;
use crate::model::symbolic::display;
use crate::model::{PrincipalKind, PrincipalValue, Statement};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use std::collections::HashSet;
use super::Ctx;
use super::common::Site;
use super::statements::{allows, has_action};

pub const META: RuleMeta = rule_meta!(BktForeignObjects, "BKT-FOREIGN-OBJECTS", Warning, "Objects written by other accounts may not be replicated");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let mut src_seen = HashSet::new();
    for s in cx.sites() {
        if src_seen.insert(s.b) {
            foreign_objects(s, out);
        }
    }
}

/// The account of a principal value (`111111111111`, `arn:aws:iam::111111111111:…`).
fn principal_account(v: &str) -> Option<&str> {
    if is_account_id(v) {
        return Some(v);
    }
    let rest = v.strip_prefix("arn:")?;
    let mut it = rest.splitn(5, ':');
    let (_p, svc, _r, acct) = (it.next()?, it.next()?, it.next()?, it.next()?);
    (matches!(svc, "iam" | "sts") && is_account_id(acct)).then_some(acct)
}

/// The statement lets a principal of another account (or anyone) write objects.
fn foreign_writer(st: &Statement, owner: &str) -> Option<String> {
    let p = st.principal.as_ref()?;
    match &p.value {
        PrincipalValue::Any => Some("any principal (\"*\")".into()),
        // Not known to be foreign: never reported from a guess.
        PrincipalValue::Unknown(_) => None,
        PrincipalValue::Map(_) => p.entries().into_iter().find_map(|(k, v)| {
            if k != PrincipalKind::Aws {
                return None;
            }
            if v.value == "*" {
                return Some("any principal (\"*\")".into());
            }
            let a = principal_account(&v.value)?;
            (a != owner).then(|| format!("account {a}"))
        }),
    }
}

/// The policy makes writers hand ownership to the bucket owner (`s3:x-amz-acl` = `bucket-owner-full-control`).
fn requires_owner_acl(st: &Statement) -> bool {
    st.conditions.iter().any(|c| {
        c.key.value.eq_ignore_ascii_case("s3:x-amz-acl")
            && c.values
                .iter()
                .any(|v| v.value == "bucket-owner-full-control")
    })
}

fn foreign_objects(s: &Site, out: &mut Vec<Finding>) {
    let Some(own) = s
        .src
        .ownership
        .as_ref()
        .filter(|o| o.value == "ObjectWriter")
    else {
        return;
    };
    let Some(doc) = s
        .src
        .policy
        .and_then(|p| s.model.bucket_policies.get(p)?.doc.as_ref())
    else {
        return;
    };
    let owner = s.src_account();
    if !is_account_id(owner) {
        return;
    }
    let sts = &doc.policy.statements;
    if sts.iter().any(requires_owner_acl) {
        return;
    }
    let Some((st, who)) = sts
        .iter()
        .filter(|st| allows(st) && has_action(st, "s3:PutObject"))
        .find_map(|st| foreign_writer(st, owner).map(|w| (st, w)))
    else {
        return;
    };
    out.push(
        s.finding(&META, own.span, format!(
            "{} lets {who} write objects and its Object Ownership is ObjectWriter: objects the bucket owner cannot read (no READ/READ_ACP grant) are not replicated",
            display(&s.src.name)
        ))
        .related(doc.file, st.span, "cross-account s3:PutObject")
        .help("set OwnershipControls ObjectOwnership: BucketOwnerEnforced (ACLs off, the bucket owner owns every object), or require \"s3:x-amz-acl\": \"bucket-owner-full-control\" on uploads"),
    );
}
