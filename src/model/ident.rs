//! Identities of deploy-time values and how references to them are linked back to their resource.
//!
//! A value CloudFormation generates (a role's ARN when `RoleName` is absent, a bucket's generated name,
//! a key id) is a symbol. trustlint names it `‹<Attr> of <LogicalId> in stack <stack>›`. References that
//! the frontend resolved to a symbol are linked by (1) exact equality with the identities the model
//! registered, then (2) the symbol's label naming a logical id of the right resource type in the
//! referring stack (or in a stack the label names). Anything else stays unlinked — "cannot prove".

use super::symbolic::{parts, symbol, Part};

/// `‹Attr of LogicalId in stack stack›`.
pub fn generated(stack: &str, logical_id: &str, attr: &str) -> String {
    symbol(&format!("{attr} of {logical_id} in stack {stack}"))
}

/// The identifier-like words of every symbol label in `s` (logical ids are alphanumeric).
pub fn label_words(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for p in parts(s) {
        if let Part::Sym(label) = p {
            out.extend(label_words_of(label));
        }
    }
    out
}

/// The identifier-like words of one symbol label.
pub fn label_words_of(label: &str) -> Vec<&str> {
    label
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '_')
        .filter(|w| !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_labels() {
        let s = format!(
            "arn:aws:s3:::{}/*",
            generated("src", "SourceBucket", "Name")
        );
        let w = label_words(&s);
        assert!(w.contains(&"SourceBucket"));
        assert!(w.contains(&"src"));
        assert!(!w.contains(&"arn"));
    }
}

/// How a reference was linked to a resource defined in the analysed templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum How {
    /// The reference equals the resource's identity (name, ARN, id) as written or generated.
    Exact,
    /// A symbolic value whose label names the resource (a `GetAtt`/`Ref` the frontend could not know).
    Symbolic,
    /// The resource pins this literal in `Metadata.trustlint.arn` / `.id`.
    Pinned,
    /// A literal whose name part equals the resource's name property (load balancer ARNs).
    Named,
    /// The only resource of its type in that account and region (reported by `--verbose`).
    Assumed,
}
