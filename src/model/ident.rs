//! Identities of deploy-time values and how references to them are linked back to their resource.
//!
//! A value CloudFormation generates (a role's ARN when `RoleName` is absent, a bucket's generated name,
//! a key id) is a [`Sym::Generated`] naming the stack and logical id. References that the frontend
//! resolved to a symbol are linked by (1) exact equality with the identities the model registered, then
//! (2) a generated symbol's (stack, logical id) naming a resource of the right type. Anything else — a
//! parameter, a choice between alternatives, a dynamic reference — stays unlinked: "cannot prove".

use super::symbolic::{parts, Part, Sym};

/// The generated value `attr` of resource `logical_id` in the stack `key` (shown as `stack`).
pub fn generated(key: &str, stack: &str, logical_id: &str, attr: &str) -> String {
    Sym::Generated {
        key: key.to_string(),
        stack: stack.to_string(),
        logical_id: logical_id.to_string(),
        attr: attr.to_string(),
    }
    .text()
}

/// The (stack key, logical id) of every generated symbol in `s`.
pub fn generated_refs(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for p in parts(s) {
        if let Part::Sym(id) = p {
            if let Sym::Generated {
                key, logical_id, ..
            } = &*id.get()
            {
                out.push((key.clone(), logical_id.clone()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_symbols_name_their_resource() {
        let s = format!(
            "arn:aws:s3:::{}/*",
            generated("a/src", "src", "SourceBucket", "Name")
        );
        assert_eq!(
            generated_refs(&s),
            vec![("a/src".to_string(), "SourceBucket".to_string())]
        );
        let p = super::super::symbolic::Sym::Parameter {
            key: "a/src".into(),
            stack: "src".into(),
            name: "SourceBucket".into(),
        }
        .text();
        assert!(generated_refs(&p).is_empty());
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
