//! The typed policy AST, parsed from a spanned [`Node`](crate::source::Node). Parsing never stops at the first problem: every
//! shape error of the document is collected, and whatever is well-formed is still modelled so the other
//! rules (and the engine) can run on it.

use crate::source::{Span, Spanned};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effect {
    Allow,
    Deny,
    /// Not known statically (an undecidable `Fn::If`, a parameter without value): the statement is an
    /// `Allow` or a `Deny` as the flags allow, or (an alternative that is `AWS::NoValue` or not a valid
    /// effect) does not take part. The engine answers "cannot prove" wherever that matters.
    Unknown {
        may_allow: bool,
        may_deny: bool,
    },
}

impl Effect {
    pub fn may_allow(self) -> bool {
        matches!(
            self,
            Effect::Allow
                | Effect::Unknown {
                    may_allow: true,
                    ..
                }
        )
    }
    pub fn may_deny(self) -> bool {
        matches!(self, Effect::Deny | Effect::Unknown { may_deny: true, .. })
    }

    /// The effect of a symbolic `Effect` text: a choice between literal alternatives keeps what they
    /// allow; anything else may be either.
    fn of_symbolic(text: &str) -> Effect {
        match crate::model::symbolic::possible_values(text) {
            Some(values) => Effect::Unknown {
                may_allow: values.iter().any(|v| v.as_deref() == Some("Allow")),
                may_deny: values.iter().any(|v| v.as_deref() == Some("Deny")),
            },
            None => Effect::Unknown {
                may_allow: true,
                may_deny: true,
            },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PrincipalKind {
    Aws,
    Service,
    Federated,
    CanonicalUser,
}

impl PrincipalKind {
    pub fn key(self) -> &'static str {
        match self {
            PrincipalKind::Aws => "AWS",
            PrincipalKind::Service => "Service",
            PrincipalKind::Federated => "Federated",
            PrincipalKind::CanonicalUser => "CanonicalUser",
        }
    }
}

/// `Action`/`NotAction` or `Resource`/`NotResource`: one string or an array of strings.
#[derive(Debug, Clone, PartialEq)]
pub struct ListBlock {
    pub key_span: Span,
    /// Span of the whole value (string or array).
    pub span: Span,
    pub items: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PrincipalEntry {
    pub kind: PrincipalKind,
    pub kind_span: Span,
    pub values: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PrincipalValue {
    /// `"Principal": "*"`.
    Any,
    Map(Vec<PrincipalEntry>),
    /// The whole element is not known statically (a `Ref`, an import, a dynamic reference): the text,
    /// whose symbols name what it depends on. Not a shape error; it may name anyone.
    Unknown(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct PrincipalBlock {
    pub key_span: Span,
    pub span: Span,
    pub value: PrincipalValue,
}

impl PrincipalBlock {
    /// Every principal value with its kind; `"*"` and an unknown element list none.
    pub fn entries(&self) -> Vec<(PrincipalKind, &Spanned<String>)> {
        match &self.value {
            PrincipalValue::Any | PrincipalValue::Unknown(_) => Vec::new(),
            PrincipalValue::Map(es) => es
                .iter()
                .flat_map(|e| e.values.iter().map(move |v| (e.kind, v)))
                .collect(),
        }
    }
}

/// One `operator → key → values` entry of a `Condition` block.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub operator: Spanned<String>,
    pub key: Spanned<String>,
    /// Span of the value (string, scalar or array).
    pub values_span: Span,
    /// Values as text; JSON booleans and numbers keep their source spelling.
    pub values: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// Position in the `Statement` array (0 for a single statement object).
    pub index: usize,
    pub span: Span,
    pub sid: Option<Spanned<String>>,
    pub effect: Option<Spanned<Effect>>,
    /// The text of an [`Effect::Unknown`] (its symbols name what the effect depends on).
    pub effect_text: Option<String>,
    pub principal: Option<PrincipalBlock>,
    pub not_principal: Option<PrincipalBlock>,
    pub action: Option<ListBlock>,
    pub not_action: Option<ListBlock>,
    pub resource: Option<ListBlock>,
    pub not_resource: Option<ListBlock>,
    /// Span of the `Condition` key, when present.
    pub condition_key: Option<Span>,
    pub conditions: Vec<Condition>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub span: Span,
    pub version: Option<Spanned<String>>,
    pub id: Option<Spanned<String>>,
    /// Span of the `Statement` key, when present.
    pub statement_key: Option<Span>,
    pub statements: Vec<Statement>,
    /// Statements whose text is not known statically (a macro's `Fn::Transform`, a `Ref` in place of
    /// a statement or of the whole `Statement`), as written with their spans: each may allow or deny
    /// anything, which the engine honours as a "maybe" naming them.
    pub unknown_statements: Vec<UnknownStatement>,
}

/// A statement (or the whole `Statement`) not known statically.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownStatement {
    /// Position in the `Statement` array (0 when the whole `Statement` is unknown).
    pub index: usize,
    /// The text, with the symbols that name what it depends on.
    pub text: Spanned<String>,
}

impl Policy {
    /// Whether the document uses version `2012-10-17` (policy variables are only substituted then).
    pub fn supports_variables(&self) -> bool {
        self.version
            .as_ref()
            .is_some_and(|v| v.value == "2012-10-17")
    }
}

/// A structural problem found while building the AST; reported under `rule`.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeError {
    pub rule: &'static str,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
}

mod parse;
pub use parse::parse_policy;

#[cfg(test)]
mod tests;
