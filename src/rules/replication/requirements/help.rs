//! The help of a requirement finding: the statement to add (identity, bucket, key or trust policy), the
//! Deny to narrow, or a condition value to fix.

use super::outcomes::{Group, Help};
use super::resources::SAMPLE_KEY;
use crate::rules::replication::common::s3_service;

fn json_list(v: &[String]) -> serde_json::Value {
    match v {
        [one] => serde_json::Value::String(one.clone()),
        _ => serde_json::Value::Array(v.iter().cloned().map(serde_json::Value::String).collect()),
    }
}

/// The statement resource for help: objects become `bucket/prefix*`.
pub(super) fn help_resource(res: &str) -> String {
    match res.strip_suffix(SAMPLE_KEY) {
        Some(p) => format!("{p}*"),
        None => res.to_string(),
    }
}

pub(super) fn render_help(g: &Group) -> Option<String> {
    let mut st = serde_json::Map::new();
    st.insert("Effect".into(), "Allow".into());
    let via = |st: &mut serde_json::Map<String, serde_json::Value>| {
        if let Some(r) = &g.region {
            st.insert(
                "Condition".into(),
                serde_json::json!({ "StringEquals": { "kms:ViaService": s3_service(r, &g.partition) } }),
            );
        }
    };
    let (what, st) = match &g.help {
        Help::Identity { boundary } => {
            st.insert("Action".into(), json_list(&g.actions));
            let all: Vec<String> = g.resources.iter().map(|r| help_resource(r)).collect();
            st.insert("Resource".into(), json_list(&all));
            if g.key {
                via(&mut st);
            }
            (
                if *boundary {
                    "allow it in the permissions boundary"
                } else {
                    "add to the role's identity policy"
                },
                st,
            )
        }
        Help::ResourcePolicy { key } => {
            st.insert(
                "Principal".into(),
                serde_json::json!({ "AWS": g.principal.clone() }),
            );
            st.insert("Action".into(), json_list(&g.actions));
            let all: Vec<String> = g.resources.iter().map(|r| help_resource(r)).collect();
            st.insert(
                "Resource".into(),
                if *key { "*".into() } else { json_list(&all) },
            );
            (
                if *key {
                    "add to the key policy"
                } else {
                    "add to the bucket policy"
                },
                st,
            )
        }
        Help::Trust => {
            st.insert(
                "Principal".into(),
                serde_json::json!({ "Service": "s3.amazonaws.com" }),
            );
            st.insert("Action".into(), "sts:AssumeRole".into());
            ("add to the role's trust policy (AssumeRolePolicyDocument)", st)
        }
        Help::Deny => {
            return Some(format!(
                "remove the Deny, or exempt the replication role from it, e.g. add to the Deny statement: \
                 \"Condition\": {{\"ArnNotEquals\": {{\"aws:PrincipalArn\": \"{}\"}}}} — S3's replication \
                 requests carry no aws:SourceVpce, aws:SourceVpc or aws:SourceIp of yours",
                g.principal
            ))
        }
        Help::Condition(s) | Help::Text(s) => return Some(s.clone()),
    };
    let body = serde_json::to_string_pretty(&serde_json::Value::Object(st)).ok()?;
    Some(format!("{what}:\n{body}"))
}
