//! Findings of what the loaders met (`load::issue`): each kind of issue belongs to exactly one rule, which
//! words it.

use crate::load::issue::{IssueKind, LoadIssue};
use crate::rules::cfn::{intrinsic_unknown, metadata, ref_unknown, transform_unexpanded};
use crate::rules::{limit, parse, unproven, Finding};

pub fn finding(issue: LoadIssue) -> Finding {
    let LoadIssue {
        file,
        span,
        kind,
        resource,
    } = issue;
    let f = match kind {
        IssueKind::Parse {
            message,
            label,
            help,
        } => parse::finding(file, span, message, label, help),
        IssueKind::UnknownReference {
            what,
            name,
            suggestion,
        } => ref_unknown::finding(file, span, &what, &name, suggestion.as_deref()),
        IssueKind::UnknownIntrinsic { name, suggestion } => {
            intrinsic_unknown::unknown(file, span, &name, suggestion.as_deref())
        }
        IssueKind::MalformedIntrinsic { name, expected } => {
            intrinsic_unknown::malformed(file, span, &name, &expected)
        }
        IssueKind::Metadata { message, help } => metadata::finding(file, span, message, help),
        IssueKind::LoopNotExpanded { what, why } => {
            transform_unexpanded::finding(file, span, &what, why)
        }
        IssueKind::Limit { limit, message } => limit::finding(file, span, &limit, message),
        IssueKind::Cycle { message } => limit::cycle(file, span, message),
        IssueKind::PolicyNotKnown { what } => unproven::policy_not_known(file, span, &what),
    };
    f.resource(resource)
}

/// Every issue of a file, as findings, in the loader's order.
pub fn findings(issues: Vec<LoadIssue>) -> Vec<Finding> {
    issues.into_iter().map(finding).collect()
}
