//! Values that may be unknown at analysis time, and the three-valued logic over them.

/// A request field: a concrete string, or a symbolic value known by its name: the text of a loader's
/// symbol reference (see [`crate::model::symbolic`]; equal names are the same value) — render it with
/// [`crate::model::symbolic::display`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Val {
    Known(String),
    Unknown(String),
}

impl Val {
    pub fn known(s: impl Into<String>) -> Val {
        Val::Known(s.into())
    }
    pub fn unknown(label: impl Into<String>) -> Val {
        Val::Unknown(label.into())
    }
    /// A loader's string: wholly or partly symbolic text becomes `Unknown`, named by the text itself
    /// (a symbol is equal only to itself).
    pub fn from_text(s: &str) -> Val {
        if !has_symbol(s) {
            return Val::Known(s.to_string());
        }
        Val::Unknown(s.to_string())
    }
    pub fn as_known(&self) -> Option<&str> {
        match self {
            Val::Known(s) => Some(s),
            Val::Unknown(_) => None,
        }
    }
}

/// Symbolic values inside policy strings follow [`crate::model::symbolic`]: a symbol equals only the
/// request's `Val::Unknown` with the same label, and is "cannot prove" against anything else.
pub use crate::model::symbolic::has_symbol;
use crate::model::symbolic::{only_symbol, push, symbols};

/// The symbols in `s`, joined (for reasons; render with `display`).
pub fn symbol_labels(s: &str) -> String {
    symbols(s)
        .into_iter()
        .map(|id| {
            let mut t = String::new();
            push(&mut t, id);
            t
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The name of a string that is exactly one symbolic value (compared with `Val::Unknown` names).
pub fn symbol_label(s: &str) -> Option<String> {
    only_symbol(s).map(|_| s.to_string())
}

/// What an unknown value stands for in the request.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    Principal,
    PrincipalAccount,
    Resource,
    ResourceAccount,
    /// A context key, as spelled in the request.
    ContextKey(String),
    /// A symbolic value inside a policy (see [`symbol`]).
    PolicyValue,
}

/// One thing a `Depends` answer depends on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Unknown {
    pub subject: Subject,
    pub label: String,
}

impl Unknown {
    pub fn new(subject: Subject, label: impl Into<String>) -> Unknown {
        Unknown {
            subject,
            label: label.into(),
        }
    }
}

/// Kleene three-valued truth: `Maybe` carries what it depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tri {
    True,
    False,
    Maybe(Vec<Unknown>),
}

impl Tri {
    pub fn from_bool(b: bool) -> Tri {
        if b {
            Tri::True
        } else {
            Tri::False
        }
    }
    pub fn maybe(u: Unknown) -> Tri {
        Tri::Maybe(vec![u])
    }
    pub fn is_true(&self) -> bool {
        matches!(self, Tri::True)
    }
    pub fn is_false(&self) -> bool {
        matches!(self, Tri::False)
    }
    pub fn and(self, other: Tri) -> Tri {
        match (self, other) {
            (Tri::False, _) | (_, Tri::False) => Tri::False,
            (Tri::True, x) | (x, Tri::True) => x,
            (Tri::Maybe(a), Tri::Maybe(b)) => Tri::Maybe(merge(a, b)),
        }
    }
    pub fn or(self, other: Tri) -> Tri {
        match (self, other) {
            (Tri::True, _) | (_, Tri::True) => Tri::True,
            (Tri::False, x) | (x, Tri::False) => x,
            (Tri::Maybe(a), Tri::Maybe(b)) => Tri::Maybe(merge(a, b)),
        }
    }
    #[allow(clippy::should_implement_trait)]
    pub fn not(self) -> Tri {
        match self {
            Tri::True => Tri::False,
            Tri::False => Tri::True,
            m => m,
        }
    }
    /// Lazy AND over an iterator (stops at the first `False`).
    pub fn all(it: impl IntoIterator<Item = Tri>) -> Tri {
        let mut acc = Tri::True;
        for t in it {
            acc = acc.and(t);
            if acc.is_false() {
                break;
            }
        }
        acc
    }
    /// Lazy OR over an iterator (stops at the first `True`).
    pub fn any(it: impl IntoIterator<Item = Tri>) -> Tri {
        let mut acc = Tri::False;
        for t in it {
            acc = acc.or(t);
            if acc.is_true() {
                break;
            }
        }
        acc
    }
    pub fn deps(&self) -> &[Unknown] {
        match self {
            Tri::Maybe(d) => d,
            _ => &[],
        }
    }
}

pub(crate) fn merge(mut a: Vec<Unknown>, b: Vec<Unknown>) -> Vec<Unknown> {
    for u in b {
        if !a.contains(&u) {
            a.push(u);
        }
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kleene() {
        let m = || Tri::maybe(Unknown::new(Subject::Resource, "x"));
        assert_eq!(Tri::False.and(m()), Tri::False);
        assert_eq!(Tri::True.or(m()), Tri::True);
        assert_eq!(Tri::True.and(m()), m());
        assert_eq!(m().not(), m());
        let sym = crate::model::symbolic::opaque("a b", "t");
        assert_eq!(symbol_label(&sym).as_deref(), Some(sym.as_str()));
        assert_eq!(Val::from_text(&sym), Val::Unknown(sym.clone()));
        assert_eq!(
            crate::model::symbolic::display(&symbol_labels(&sym)),
            "‹a b›"
        );
    }
}
