//! Policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'default'}`, `${*}`, `${?}`, `${$}`),
//! substituted in `Resource` and in string/ARN condition values of `Version: 2012-10-17` policies only
//! (IAM User Guide, "IAM policy elements: Variables and tags").

use super::pattern::{push_lit, toks, Tok};
use super::request::{Context, CtxValue};
use super::value::{Subject, Unknown, Val};

/// A policy string after substitution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expanded {
    Pattern(Vec<Tok>),
    /// A variable whose key is absent (or multi-valued) and has no default: the value matches nothing.
    Unresolved(String),
    /// A variable whose value is unknown.
    Unknown(Unknown),
}

/// Substitute variables in `s` when `enabled` (the policy's version supports them).
pub fn expand(s: &str, ctx: &Context, enabled: bool) -> Expanded {
    if !enabled || !s.contains("${") {
        return Expanded::Pattern(toks(s));
    }
    let mut out = Vec::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        out.extend(toks(&rest[..i]));
        let after = &rest[i + 2..];
        let Some(close) = closing(after) else {
            // Not a variable: keep the text as written.
            out.extend(toks(&rest[i..]));
            return Expanded::Pattern(out);
        };
        let inner = &after[..close];
        match inner.trim() {
            "*" => out.push(Tok::Lit(b'*')),
            "?" => out.push(Tok::Lit(b'?')),
            "$" => out.push(Tok::Lit(b'$')),
            body => {
                let (key, default) = match body.split_once(',') {
                    Some((k, d)) => (k.trim(), parse_default(d.trim())),
                    None => (body, None),
                };
                match ctx.get(key) {
                    Some(CtxValue::One(Val::Known(v))) => push_lit(&mut out, v),
                    Some(CtxValue::One(Val::Unknown(label))) => {
                        return Expanded::Unknown(Unknown::new(
                            Subject::ContextKey(ctx.spelling(key).to_string()),
                            label.clone(),
                        ))
                    }
                    _ => match default {
                        Some(d) => push_lit(&mut out, &d),
                        None => return Expanded::Unresolved(key.to_string()),
                    },
                }
            }
        }
        rest = &after[close + 1..];
    }
    out.extend(toks(rest));
    Expanded::Pattern(out)
}

/// Index of the `}` closing a variable, honouring quotes in a default value.
fn closing(s: &str) -> Option<usize> {
    let mut in_quote = false;
    for (i, c) in s.char_indices() {
        match c {
            '\'' => in_quote = !in_quote,
            '}' if !in_quote => return Some(i),
            _ => {}
        }
    }
    None
}

/// `'text'` with `''` for a quote.
fn parse_default(d: &str) -> Option<String> {
    let inner = d.strip_prefix('\'')?.strip_suffix('\'')?;
    Some(inner.replace("''", "'"))
}

#[cfg(test)]
mod tests {
    use super::super::pattern::literal;
    use super::*;

    fn ctx() -> Context {
        let mut c = Context::new();
        c.set("aws:username", Val::known("bob"));
        c.set("aws:PrincipalTag/team", Val::unknown("team tag"));
        c
    }

    fn lit(e: Expanded) -> String {
        match e {
            Expanded::Pattern(p) => literal(&p),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn substitutes() {
        let c = ctx();
        assert_eq!(
            lit(expand("home/${aws:username}/*", &c, true)),
            "home/bob/*"
        );
        assert_eq!(lit(expand("home/${AWS:UserName}", &c, true)), "home/bob");
        assert_eq!(
            lit(expand("home/${aws:username}", &c, false)),
            "home/${aws:username}"
        );
        assert_eq!(lit(expand("a${*}b${?}${$}", &c, true)), "a*b?$");
        assert_eq!(lit(expand("${aws:userid, 'x''y'}", &c, true)), "x'y");
        assert_eq!(
            expand("${aws:userid}", &c, true),
            Expanded::Unresolved("aws:userid".into())
        );
        assert!(matches!(
            expand("${aws:PrincipalTag/team}", &c, true),
            Expanded::Unknown(_)
        ));
        match expand("${*}", &c, true) {
            Expanded::Pattern(p) => assert_eq!(p, vec![Tok::Lit(b'*')]),
            _ => panic!(),
        }
    }
}
