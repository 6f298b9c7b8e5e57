//! ARNs as written in templates: `arn:partition:service:region:account:resource`, where any part may
//! hold a symbol (an unknown value) — `arn:aws:iam::‹AWS::AccountId of stack a›:role/x` still splits.
//! A symbol is a reference (its label lives in the symbol table), so its label's colons never split.

use super::symbolic::has_symbol;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Arn {
    pub partition: String,
    pub service: String,
    pub region: String,
    pub account: String,
    /// Everything after the fifth colon (`role/service-role/x`, `key/1234…`, `bucket/prefix/*`).
    pub resource: String,
}

impl Arn {
    /// Split an ARN; `None` when the text does not start with `arn:` or has fewer than six parts.
    pub fn parse(s: &str) -> Option<Arn> {
        if !s.starts_with("arn:") {
            return None;
        }
        let mut parts = split_outside_symbols(s, ':', 6).into_iter();
        let _arn = parts.next()?;
        let partition = parts.next()?.to_string();
        let service = parts.next()?.to_string();
        let region = parts.next()?.to_string();
        let account = parts.next()?.to_string();
        let resource = parts.next()?.to_string();
        Some(Arn {
            partition,
            service,
            region,
            account,
            resource,
        })
    }

    /// `role/service-role/x` → (`role`, `service-role/x`); `key/abc` → (`key`, `abc`); S3's
    /// `bucket/obj` has no type: (``, `bucket/obj`) for service `s3`.
    pub fn type_and_id(&self) -> (&str, &str) {
        if self.service == "s3" && self.account.is_empty() {
            return ("", &self.resource);
        }
        match self.resource.find(['/', ':']) {
            Some(i) => (&self.resource[..i], &self.resource[i + 1..]),
            None => ("", &self.resource),
        }
    }

    pub fn is_symbolic(&self) -> bool {
        has_symbol(&self.partition)
            || has_symbol(&self.region)
            || has_symbol(&self.account)
            || has_symbol(&self.resource)
    }
}

/// Split on `sep` into at most `max` parts (the last keeps the rest). Symbol references hold no
/// separator, so splitting never cuts one.
pub fn split_outside_symbols(s: &str, sep: char, max: usize) -> Vec<&str> {
    s.splitn(max.max(1), sep).collect()
}

/// An S3 bucket name from a bucket or object ARN (`arn:aws:s3:::b/k` → `b`); `None` for other ARNs.
pub fn s3_bucket_of(s: &str) -> Option<&str> {
    let rest = s.strip_prefix("arn:")?;
    let parts = split_outside_symbols(rest, ':', 5);
    let [_, "s3", "", "", res] = parts.as_slice() else {
        return None;
    };
    let name = split_outside_symbols(res, '/', 2)
        .into_iter()
        .next()
        .unwrap_or_default();
    (!name.is_empty()).then_some(name)
}

/// `aws`, `aws-cn` or `aws-us-gov` for a region (`aws` when it is unknown). Shared by every frontend's
/// account binding, so it lives with the ARNs it names.
pub fn partition_of(region: Option<&str>) -> &'static str {
    match region {
        Some(r) if r.starts_with("cn-") => "aws-cn",
        Some(r) if r.starts_with("us-gov-") => "aws-us-gov",
        _ => "aws",
    }
}

/// Whether `s` is a 12-digit account id.
pub fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::symbolic::opaque;

    #[test]
    fn splits_literal_and_symbolic() {
        let a = Arn::parse("arn:aws:iam::111111111111:role/service-role/s3crr").unwrap();
        assert_eq!(a.account, "111111111111");
        assert_eq!(a.type_and_id(), ("role", "service-role/s3crr"));
        let acct = opaque("AWS::AccountId of stack a: x", "t");
        let s = format!("arn:aws:kms:eu-west-1:{acct}:key/abc");
        let a = Arn::parse(&s).unwrap();
        assert_eq!(a.account, acct);
        assert_eq!(a.region, "eu-west-1");
        assert_eq!(a.type_and_id(), ("key", "abc"));
        assert!(a.is_symbolic());
        assert!(Arn::parse("not-an-arn").is_none());
        assert!(Arn::parse("arn:aws:s3").is_none());
    }

    #[test]
    fn s3_bucket_names() {
        assert_eq!(
            s3_bucket_of("arn:aws:s3:::dst-bucket/*"),
            Some("dst-bucket")
        );
        assert_eq!(s3_bucket_of("arn:aws:s3:::dst-bucket"), Some("dst-bucket"));
        let sym = opaque("name of B / x", "t");
        assert_eq!(
            s3_bucket_of(&format!("arn:aws:s3:::{sym}/*")),
            Some(sym.as_str())
        );
        assert_eq!(s3_bucket_of("arn:aws:iam::1:role/x"), None);
    }
}
