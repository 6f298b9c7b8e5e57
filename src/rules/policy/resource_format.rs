//! POL-RESOURCE-FORMAT: every `Resource` / `NotResource` entry is `"*"` or an ARN
//! `arn:partition:service:region:account:resource` (6 colon-separated segments, fewer only when the last
//! one ends in `*`, which may match across colons), with a known partition and a literal, lower-case
//! service. Key policies should say `"Resource": "*"` (this key).

use super::arn_shape::{arn_segments, PARTITIONS};
use super::wording::json_str;
use super::Ctx;
use crate::model::DocKind;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta, Severity};

pub const META: RuleMeta = rule_meta!(
    PolResourceFormat,
    "POL-RESOURCE-FORMAT",
    Error,
    "Resource is not an ARN or \"*\", or has a wildcard in the service segment"
);

const ARN_FORM: &str = "arn:partition:service:region:account:resource";

/// What is wrong with one resource string: message, label, help.
struct Problem {
    message: String,
    label: &'static str,
    help: String,
}

fn has_wildcard(s: &str) -> bool {
    s.contains('*') || s.contains('?')
}

fn problem(v: &str) -> Option<Problem> {
    if v == "*" {
        return None;
    }
    if v.is_empty() {
        return Some(Problem {
            message: "an empty resource matches nothing".into(),
            label: "empty resource",
            help: format!("write an ARN ({ARN_FORM}) or \"*\""),
        });
    }
    let segs = arn_segments(v);
    let first = segs.first().copied().unwrap_or_default();
    if first != "arn" {
        if first.eq_ignore_ascii_case("arn") && segs.len() > 1 {
            return Some(Problem {
                message: format!(
                    "{} starts with `{}`; ARNs start with lower-case `arn:`",
                    json_str(v),
                    first
                ),
                label: "ARN prefix is case-sensitive",
                help: format!("write {}", json_str(&format!("arn{}", &v[first.len()..]))),
            });
        }
        if v.starts_with("${") {
            // A policy variable standing for a whole ARN: nothing to check offline.
            return None;
        }
        let bucket_like = !v.contains(':')
            && v.split('/').next().is_some_and(|b| {
                b.len() >= 3
                    && b.bytes().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || c == b'.'
                    })
            });
        let help = if bucket_like {
            format!(
                "if this is an S3 bucket or object path, write {}",
                json_str(&format!("arn:aws:s3:::{v}"))
            )
        } else {
            format!("write the resource's full ARN ({ARN_FORM}) or \"*\"")
        };
        return Some(Problem {
            message: format!(
                "{} is not an ARN; `Resource` takes ARNs ({ARN_FORM}) or \"*\"",
                json_str(v)
            ),
            label: "not an ARN",
            help,
        });
    }
    let trailing_star = segs.last().is_some_and(|s| s.ends_with('*'));
    if segs.len() < 6 && !trailing_star {
        let help = if let [_, partition, "s3", _, resource] = segs.as_slice() {
            format!(
                "S3 ARNs have an empty region and account: {}",
                json_str(&format!("arn:{partition}:s3:::{resource}"))
            )
        } else {
            format!("an ARN has 6 segments, {ARN_FORM}; keep empty segments (`::`) where the service has no region or account")
        };
        return Some(Problem {
            message: format!(
                "{} has {} colon-separated segments; an ARN has at least 6 ({ARN_FORM})",
                json_str(v),
                segs.len()
            ),
            label: "too few ARN segments",
            help,
        });
    }
    let partition = segs.get(1).copied().unwrap_or_default();
    if partition.is_empty()
        || (!has_wildcard(partition)
            && !partition.contains("${")
            && !PARTITIONS.contains(&partition))
    {
        return Some(Problem {
            message: format!(
                "{} has the partition `{partition}`, which is not an AWS partition",
                json_str(v)
            ),
            label: "unknown partition",
            help: format!("use one of {} (usually `aws`)", PARTITIONS.join(", ")),
        });
    }
    let Some(&service) = segs.get(2) else {
        // `arn:aws*`: the trailing wildcard spans the service segment.
        return Some(Problem {
            message: format!(
                "{} has a wildcard where the service must be named",
                json_str(v)
            ),
            label: "wildcard in the service segment",
            help: "name the service, e.g. \"arn:aws:s3:::*\", or use \"*\" for all resources"
                .into(),
        });
    };
    if has_wildcard(service) {
        return Some(Problem {
            message: format!(
                "{} has a wildcard in the service segment (`{service}`); IAM does not allow wildcards that identify the AWS service",
                json_str(v)
            ),
            label: "wildcard in the service segment",
            help: "list one ARN per service (e.g. \"arn:aws:s3:::acme-logs/*\", \"arn:aws:sqs:*:111111111111:*\"), or use \"*\" if the statement is meant for all resources".into(),
        });
    }
    if service.is_empty() {
        return Some(Problem {
            message: format!("{} has an empty service segment", json_str(v)),
            label: "no service",
            help: format!("name the service: {ARN_FORM}"),
        });
    }
    if service.bytes().any(|b| b.is_ascii_uppercase()) {
        let mut fixed: Vec<String> = segs.iter().map(|s| s.to_string()).collect();
        if let Some(s) = fixed.get_mut(2) {
            *s = service.to_ascii_lowercase();
        }
        return Some(Problem {
            message: format!(
                "{} spells the service `{service}` with capitals; ARN service names are lower-case",
                json_str(v)
            ),
            label: "service is case-sensitive",
            help: format!("write {}", json_str(&fixed.join(":"))),
        });
    }
    None
}

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if ctx.doc.kind == DocKind::Trust {
        return;
    }
    for st in &ctx.doc.policy.statements {
        for (name, block) in [
            ("Resource", &st.resource),
            ("NotResource", &st.not_resource),
        ] {
            let Some(block) = block else { continue };
            for item in &block.items {
                // A value trustlint cannot know (CloudFormation parameter, GetAtt): cannot prove.
                if crate::model::symbolic::has_symbol(&item.value) {
                    continue;
                }
                if let Some(p) = problem(&item.value) {
                    out.push(
                        ctx.finding(&META, item.span, format!("`{name}` {}", p.message))
                            .label(p.label)
                            .help(p.help),
                    );
                } else if ctx.doc.kind == DocKind::KeyPolicy
                    && name == "Resource"
                    && item.value != "*"
                {
                    out.push(
                        ctx.finding_with(
                            &META,
                            Severity::Warning,
                            item.span,
                            format!(
                                "a key policy names the resource {}; in a key policy \"Resource\": \"*\" means the key the policy is attached to",
                                json_str(&item.value)
                            ),
                        )
                        .label("key policy Resource other than \"*\"")
                        .help("write \"Resource\": \"*\"; a key policy cannot grant access to other keys"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(v: &str) -> Option<String> {
        problem(v).map(|p| p.message)
    }

    #[test]
    fn valid_forms() {
        for ok in [
            "*",
            "arn:aws:s3:::acme-logs/*",
            "arn:aws:logs:*",
            "arn:aws:s3:::acme-${aws:username}/*",
            "arn:aws:iam::111111111111:role/${aws:PrincipalTag/team}-*",
            "arn:*:s3:::acme",
            "arn:aws-us-gov:kms:us-gov-west-1:111111111111:key/*",
            "arn:aws:dynamodb:eu-west-1:111111111111:table/orders/index/*",
        ] {
            assert_eq!(msg(ok), None, "{ok}");
        }
    }

    #[test]
    fn invalid_forms() {
        assert!(msg("acme-logs/*").unwrap().contains("not an ARN"));
        assert!(problem("acme-logs/*")
            .unwrap()
            .help
            .contains("arn:aws:s3:::acme-logs/*"));
        assert!(msg("arn:aws:s3::acme-logs")
            .unwrap()
            .contains("5 colon-separated segments"));
        assert!(problem("arn:aws:s3::acme-logs")
            .unwrap()
            .help
            .contains("\"arn:aws:s3:::acme-logs\""));
        assert!(msg("arn:aws:s*:::acme")
            .unwrap()
            .contains("service segment"));
        assert!(msg("arn:aws:*:*:111111111111:*")
            .unwrap()
            .contains("service segment"));
        assert!(msg("arn:amazon:s3:::acme").unwrap().contains("partition"));
        assert!(msg("ARN:aws:s3:::acme").unwrap().contains("lower-case"));
        assert!(msg("arn:aws:S3:::acme").unwrap().contains("capitals"));
        assert!(msg("").is_some());
    }
}
