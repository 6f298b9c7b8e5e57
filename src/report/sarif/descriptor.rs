//! `tool.driver.rules[]`: a SARIF reporting descriptor for every registered rule.

use super::{
    level, Configuration, Help, MultiformatText, ReportingDescriptor, RuleProperties, Text,
    MAX_DESCRIPTION, RULE_DOC_BASE,
};
use crate::rules::{RuleMeta, Severity};

/// Tags of a rule's family (its id prefix), so code scanning can filter by area.
fn family_tags(id: &str) -> &'static [&'static str] {
    match id.split('-').next().unwrap_or(id) {
        "POL" => &["iam", "policy"],
        "ROLE" => &["iam", "trust-policy"],
        "KMS" => &["kms", "encryption"],
        "BKT" | "DSTPOL" | "SRCPOL" => &["s3", "bucket-policy"],
        "REPL" | "XREG" => &["s3", "replication"],
        "GA" => &["network", "global-accelerator"],
        "GASG" | "SG" => &["network", "security-group"],
        "ALB" => &["network", "load-balancer"],
        "CFN" => &["correctness", "cloudformation"],
        "UNPROVEN" => &["unproven"],
        _ => &["correctness"],
    }
}

/// `POL-VERSION` → `PolVersion` (SARIF's `name` is an identifier-like friendly name).
pub(super) fn rule_name(id: &str) -> String {
    id.split(['-', '_'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let lower = p.to_ascii_lowercase();
            let mut c = lower.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// The first paragraph under `## What it checks` (else the title), at most 1024 characters.
fn full_description(rule: &RuleMeta) -> String {
    let mut para = String::new();
    if let Some(at) = rule.doc.find("## What it checks") {
        let body = &rule.doc[at + "## What it checks".len()..];
        for line in body.lines().skip_while(|l| l.trim().is_empty()) {
            if line.trim().is_empty() || line.starts_with('#') {
                break;
            }
            if !para.is_empty() {
                para.push('\n');
            }
            para.push_str(line.trim_end());
        }
    }
    if para.is_empty() {
        para = rule.title.to_string();
    }
    truncate(&para, MAX_DESCRIPTION)
}

fn truncate(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max_chars - 1).collect();
    out.push('…');
    out
}

pub(super) fn descriptor(rule: &'static RuleMeta) -> ReportingDescriptor {
    // Every rule is a security tool's rule ("security" lets code scanning list it); correctness-only
    // families (syntax, templates) get no security-severity.
    let family = family_tags(rule.id.as_str());
    let security = !family.contains(&"correctness");
    let mut tags = vec!["security"];
    tags.extend_from_slice(family);
    ReportingDescriptor {
        id: rule.id.as_str(),
        name: rule_name(rule.id.as_str()),
        short_description: Text {
            text: truncate(rule.title, MAX_DESCRIPTION),
        },
        full_description: {
            let markdown = full_description(rule);
            MultiformatText {
                text: markdown.replace("**", ""),
                markdown,
            }
        },
        help_uri: format!("{RULE_DOC_BASE}{}.md", rule.id),
        help: Help {
            text: rule.doc,
            markdown: rule.doc,
        },
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: RuleProperties {
            tags,
            // A syntax error is certain; UNPROVEN and advisories say what could not be shown.
            precision: match (rule.id.as_str(), rule.severity) {
                ("PARSE", _) => "very-high",
                ("UNPROVEN", _) | (_, Severity::Info) => "medium",
                _ => "high",
            },
            problem_severity: match rule.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "recommendation",
            },
            security_severity: security.then_some(match rule.severity {
                Severity::Error => "8.0",
                Severity::Warning => "5.0",
                Severity::Info => "2.0",
            }),
        },
    }
}
