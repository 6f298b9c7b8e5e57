//! A missing grant ([`Missing`]) in words: the one renderer, shared by the replication rules and
//! `trustlint simulate`. The engine itself stays prose-free; each caller names the principal and the
//! policies in its own terms ([`Nouns`]).

use super::reasons::Missing;
use crate::model::symbolic::display;

/// How the caller refers to the parties of the request.
#[derive(Debug, Clone, Copy)]
pub struct Nouns<'a> {
    /// The principal as a noun phrase: "the role", "the principal".
    pub who: &'a str,
    /// Its possessive: "the role's", "the principal's".
    pub whose: &'a str,
    /// The request as an object: "it", "the request".
    pub it: &'a str,
    /// The principal as written (an ARN, a service principal).
    pub principal: &'a str,
    /// The action of the request.
    pub action: &'a str,
    /// The resource-based policy: "key policy of Key", "resource policy".
    pub resource_policy: &'a str,
    /// The resource and the kind of policy it lacks: "the bucket" / "bucket policy".
    pub resource: &'a str,
    pub policy_kind: &'a str,
}

fn account(a: &Option<String>) -> String {
    a.as_deref()
        .map_or_else(|| "(unknown)".to_string(), display)
}

/// The grant `m` that the request lacks, as a sentence fragment.
pub fn missing_text(m: &Missing, n: &Nouns) -> String {
    let Nouns {
        who,
        whose,
        it,
        principal,
        action,
        resource_policy,
        resource,
        policy_kind,
    } = *n;
    match m {
        Missing::NoAllow => {
            format!("neither {whose} identity policies nor the {resource_policy} allow {it}")
        }
        Missing::IdentityAllow { principal_account } => format!(
            "no identity policy of {who} in account {} allows {it}, and cross-account access needs both the identity and the resource policy",
            account(principal_account)
        ),
        Missing::KeyIdentityAllow {
            names_principal: true,
        } => format!(
            "the {resource_policy} names {who}, but no identity policy of {who} allows {it}, and a key in another account needs both"
        ),
        Missing::KeyIdentityAllow {
            names_principal: false,
        } => format!(
            "the {resource_policy} delegates to {whose} account, but no identity policy of {who} allows {it}"
        ),
        Missing::TrustIdentityAllow => format!("no identity policy allows {it}"),
        Missing::BoundaryAllow => format!("{whose} permissions boundary does not allow {it}"),
        Missing::SessionAllow => format!("{whose} session policy does not allow {it}"),
        Missing::ResourceAllow {
            resource_account,
            has_policy: true,
        } => format!(
            "the {resource_policy} (account {}) does not allow {principal}",
            account(resource_account)
        ),
        Missing::ResourceAllow {
            resource_account,
            has_policy: false,
        } => format!(
            "{resource} in account {} has no {policy_kind}, and access from another account needs one",
            account(resource_account)
        ),
        Missing::KeyPolicyGrant { principal_account } => format!(
            "the {resource_policy} neither names {principal} nor delegates to account {}",
            account(principal_account)
        ),
        Missing::KeyPolicyAbsent => "the key has no key policy".into(),
        Missing::TrustPolicyGrant { .. } | Missing::ServiceResourceAllow => {
            format!("the {resource_policy} does not allow {principal} to call {action}")
        }
        Missing::ScpLevel { level } => {
            format!("no SCP at level {level} (scps[{level}]) allows {it}")
        }
        Missing::RcpLevel { level } => {
            format!("no RCP at level {level} (rcps[{level}]) allows {it}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROLE: Nouns = Nouns {
        who: "the role",
        whose: "the role's",
        it: "it",
        principal: "arn:aws:iam::111111111111:role/r",
        action: "s3:ReplicateObject",
        resource_policy: "bucket policy of dst",
        resource: "the bucket",
        policy_kind: "bucket policy",
    };

    #[test]
    fn names_the_parties_in_the_callers_words() {
        assert_eq!(
            missing_text(&Missing::NoAllow, &ROLE),
            "neither the role's identity policies nor the bucket policy of dst allow it"
        );
        assert_eq!(
            missing_text(
                &Missing::ResourceAllow {
                    resource_account: Some("222222222222".into()),
                    has_policy: true
                },
                &ROLE
            ),
            "the bucket policy of dst (account 222222222222) does not allow arn:aws:iam::111111111111:role/r"
        );
        assert_eq!(
            missing_text(
                &Missing::ResourceAllow {
                    resource_account: None,
                    has_policy: false
                },
                &ROLE
            ),
            "the bucket in account (unknown) has no bucket policy, and access from another account needs one"
        );
        assert_eq!(
            missing_text(&Missing::SessionAllow, &ROLE),
            "the role's session policy does not allow it"
        );
    }
}
