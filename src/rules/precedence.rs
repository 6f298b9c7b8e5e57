//! One defect, one finding (architecture.md, "Which rule id a finding carries"): when a specific rule
//! and a general one describe the same place, only the specific finding is kept.

use super::{Finding, RuleId};
use crate::source::{FileId, Span};
use std::collections::HashMap;

/// The destination-policy grants folded into a DSTPOL-MISSING of the same rule and policy (one defect:
/// the policy does not admit the role at all; its help adds every action at once).
pub const FOLDED_INTO_DSTPOL_MISSING: &[RuleId] = &[
    RuleId::DstpolReplicatedelete,
    RuleId::DstpolReplicatetags,
    RuleId::DstpolOwnerOverride,
    RuleId::DstpolVersioningActions,
];

/// (specific, general) pairs. The general finding is dropped when one of its locations (primary or
/// related) overlaps a location of a specific finding: e.g. a replication role's object actions granted
/// on the bucket ARN is ROLE-RESOURCE-FORM, not also POL-RESOURCE-MISMATCH on the same statement.
pub const SUPERSEDES: &[(RuleId, RuleId)] = &[
    (
        RuleId::DstpolPrincipalWildcard,
        RuleId::PolPrincipalWildcard,
    ),
    // A wildcard principal meant to admit the role is the defect; the destination-policy grants it fails
    // to give (all of them, or only the ones its statement lists) are its effect.
    (RuleId::DstpolPrincipalWildcard, RuleId::DstpolMissing),
    (
        RuleId::DstpolPrincipalWildcard,
        RuleId::DstpolVersioningActions,
    ),
    (
        RuleId::DstpolPrincipalWildcard,
        RuleId::DstpolReplicatedelete,
    ),
    (RuleId::DstpolPrincipalWildcard, RuleId::DstpolReplicatetags),
    (RuleId::DstpolPrincipalWildcard, RuleId::DstpolOwnerOverride),
    (RuleId::DstpolSize, RuleId::PolSize),
    (RuleId::RoleResourceForm, RuleId::PolResourceMismatch),
    // An AWS managed key (`alias/aws/s3`) named across accounts: that it is an alias is its lesser part.
    (RuleId::KmsAwsManagedXacct, RuleId::KmsReplicaKeyAlias),
    // A key policy whose network condition (aws:SourceVpce, aws:SourceIp, …) shuts out S3's calls: the
    // condition is the defect; the replication finding that points at the same key policy is its effect.
    (RuleId::KmsKeypolicyNetworkCond, RuleId::KmsSrcDecrypt),
    (
        RuleId::KmsKeypolicyNetworkCond,
        RuleId::KmsDstKeypolicyXacct,
    ),
    // Key policies: the KMS-specific findings replace the general policy-grammar ones at the same place.
    (RuleId::KmsKeypolicyResource, RuleId::PolStatementShape),
    (RuleId::KmsKeypolicyFormat, RuleId::PolSize),
    (RuleId::KmsKeypolicyFormat, RuleId::PolChars),
    (RuleId::KmsKeypolicyFormat, RuleId::PolVersion),
    (RuleId::KmsKeypolicyFormat, RuleId::PolStatementShape),
    (RuleId::KmsKeypolicyFormat, RuleId::PolPrincipalPlacement),
    // `ForAllValues:` on kms:EncryptionContext:<key> in an Allow.
    (RuleId::KmsEncctxSetop, RuleId::PolSetopSingle),
    (RuleId::KmsEncctxSetop, RuleId::PolForallvaluesAllow),
];

fn locations(f: &Finding) -> impl Iterator<Item = (FileId, Span)> + '_ {
    std::iter::once((f.file, f.span)).chain(f.related.iter().map(|r| (r.file, r.span)))
}

fn overlap(a: Span, b: Span) -> bool {
    a.start < b.end.max(b.start + 1) && b.start < a.end.max(a.start + 1)
}

/// Drop general findings superseded by a specific one. Linear in findings times the (few) specific
/// findings of each pair.
pub fn apply(findings: &mut Vec<Finding>) {
    let mut specific: HashMap<RuleId, Vec<(FileId, Span)>> = HashMap::new();
    for f in findings.iter() {
        if SUPERSEDES.iter().any(|(s, _)| *s == f.rule) {
            specific.entry(f.rule).or_default().extend(locations(f));
        }
    }
    if specific.is_empty() {
        return;
    }
    let superseded = |f: &Finding| {
        SUPERSEDES
            .iter()
            .filter(|(_, g)| *g == f.rule)
            .filter_map(|(s, _)| specific.get(s))
            .any(|locs| {
                locations(f).any(|(file, span)| {
                    locs.iter()
                        .any(|(sf, ss)| *sf == file && overlap(*ss, span))
                })
            })
    };
    let keep: Vec<bool> = findings.iter().map(|f| !superseded(f)).collect();
    let mut keep = keep.into_iter();
    findings.retain(|_| keep.next().unwrap_or(true));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Severity;

    fn f(rule: &'static str, start: usize, end: usize) -> Finding {
        Finding::new(
            RuleId::parse(rule).expect("a registered rule"),
            Severity::Error,
            FileId(0),
            Span::new(start, end),
            rule,
        )
    }

    #[test]
    fn specific_finding_replaces_general_one_at_the_same_place() {
        let mut v = vec![
            f("POL-PRINCIPAL-WILDCARD", 10, 20),
            f("DSTPOL-PRINCIPAL-WILDCARD", 10, 20),
            f("POL-PRINCIPAL-WILDCARD", 50, 60),
        ];
        apply(&mut v);
        let rules: Vec<_> = v.iter().map(|f| (f.rule.as_str(), f.span.start)).collect();
        assert_eq!(
            rules,
            vec![
                ("DSTPOL-PRINCIPAL-WILDCARD", 10),
                ("POL-PRINCIPAL-WILDCARD", 50)
            ]
        );
    }

    #[test]
    fn related_locations_count() {
        let missing = f("DSTPOL-MISSING", 500, 510).related(FileId(0), Span::new(0, 100), "policy");
        let mut v = vec![missing, f("DSTPOL-PRINCIPAL-WILDCARD", 40, 45)];
        apply(&mut v);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].rule, "DSTPOL-PRINCIPAL-WILDCARD");
    }
}
