//! What an `AWS` principal value of a key policy says about accounts, and the key policies' Allow
//! statements with such principals; shared by KMS-XACCT-ROOT-ONLY-IAM, KMS-XACCT-NONCRYPTO and
//! KMS-OPTIN-REGION.

use crate::model::arn::is_account_id;
use crate::model::kms::Key;
use crate::model::{Effect, Model, PolicyDoc, PrincipalKind, PrincipalValue, Statement};
use crate::source::Spanned;

/// The account an `AWS` principal value stands for when it names a whole account (`111111111111` or
/// `arn:aws:iam::111111111111:root`).
pub fn account_root(v: &str) -> Option<&str> {
    if is_account_id(v) {
        return Some(v);
    }
    let rest = v.strip_prefix("arn:")?;
    let mut it = rest.splitn(5, ':');
    let (_part, svc, _region, acct, res) =
        (it.next()?, it.next()?, it.next()?, it.next()?, it.next()?);
    (svc == "iam" && res == "root" && is_account_id(acct)).then_some(acct)
}

/// The account of an `AWS` principal value (account id, or the account of an IAM/STS ARN).
pub fn principal_account(v: &str) -> Option<&str> {
    if is_account_id(v) {
        return Some(v);
    }
    let rest = v.strip_prefix("arn:")?;
    let mut it = rest.splitn(5, ':');
    let (_part, svc, _region, acct) = (it.next()?, it.next()?, it.next()?, it.next()?);
    (matches!(svc, "iam" | "sts") && is_account_id(acct)).then_some(acct)
}

/// An Allow statement with `AWS` principals in the policy of a key whose account is known.
pub struct KeyGrant<'m> {
    pub key: &'m Key,
    pub doc: &'m PolicyDoc,
    pub st: &'m Statement,
    /// The key's account.
    pub own: &'m str,
    /// Every `AWS` principal value of the statement, in order.
    pub principals: Vec<&'m Spanned<String>>,
}

impl KeyGrant<'_> {
    /// A principal of the statement is in another account than the key.
    pub fn external(&self) -> bool {
        self.principals
            .iter()
            .any(|v| principal_account(&v.value).is_some_and(|a| a != self.own))
    }
}

/// The Allow statements with a principal map of every key policy, in model order.
pub fn key_grants(m: &Model) -> Vec<KeyGrant<'_>> {
    let mut out = Vec::new();
    for key in &m.keys {
        let Some(doc) = &key.policy else { continue };
        let own = key.origin.account.as_str();
        if !is_account_id(own) {
            continue;
        }
        for st in &doc.policy.statements {
            if st.effect.as_ref().map(|e| e.value) != Some(Effect::Allow) {
                continue;
            }
            let Some(p) = &st.principal else { continue };
            let PrincipalValue::Map(entries) = &p.value else {
                continue;
            };
            let principals = entries
                .iter()
                .filter(|e| e.kind == PrincipalKind::Aws)
                .flat_map(|e| e.values.iter())
                .collect();
            out.push(KeyGrant {
                key,
                doc,
                st,
                own,
                principals,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principal_forms() {
        assert_eq!(account_root("222222222222"), Some("222222222222"));
        assert_eq!(
            account_root("arn:aws:iam::222222222222:root"),
            Some("222222222222")
        );
        assert_eq!(account_root("arn:aws:iam::222222222222:role/r"), None);
        assert_eq!(
            principal_account("arn:aws:iam::222222222222:role/r"),
            Some("222222222222")
        );
    }
}
