//! The typed policy AST, parsed from a spanned [`Node`]. Parsing never stops at the first problem: every
//! shape error of the document is collected, and whatever is well-formed is still modelled so the other
//! rules (and the engine) can run on it.

use crate::model::symbolic::has_symbol;
use crate::source::{Node, Span, Spanned, Value};

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
}

#[derive(Debug, Clone, PartialEq)]
pub struct PrincipalBlock {
    pub key_span: Span,
    pub span: Span,
    pub value: PrincipalValue,
}

impl PrincipalBlock {
    /// Every principal value with its kind; `"*"` comes out as `(Aws, "*")`.
    pub fn entries(&self) -> Vec<(PrincipalKind, &Spanned<String>)> {
        match &self.value {
            PrincipalValue::Any => Vec::new(),
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

const SHAPE: &str = "POL-STATEMENT-SHAPE";

const POLICY_KEYS: &[&str] = &["Version", "Id", "Statement"];
const STATEMENT_KEYS: &[&str] = &[
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];

/// Build the AST from a node, collecting every shape error.
pub fn parse_policy(node: &Node) -> (Policy, Vec<ShapeError>) {
    let mut p = Builder { errors: Vec::new() };
    let policy = p.policy(node);
    (policy, p.errors)
}

struct Builder {
    errors: Vec<ShapeError>,
}

impl Builder {
    fn error(&mut self, span: Span, message: impl Into<String>, help: Option<String>) {
        self.errors.push(ShapeError {
            rule: SHAPE,
            span,
            message: message.into(),
            help,
        });
    }

    /// Statements whose text is not known statically (a macro's `Fn::Transform`, a `Ref`): not a shape
    /// error; said under UNPROVEN so they are never silently dropped.
    fn unknown_statements(&mut self, span: Span, text: &str) {
        self.errors.push(ShapeError {
            rule: "UNPROVEN",
            span,
            message: format!(
                "statements not known statically ({}): they are not checked",
                crate::model::symbolic::display(text)
            ),
            help: None,
        });
    }

    /// Report keys that occur more than once in one object: AWS rejects such documents.
    fn duplicates(&mut self, node: &Node, what: &str) {
        let Some(members) = node.as_object() else {
            return;
        };
        // Policy objects have a handful of keys: a scan of the earlier ones beats hashing; big objects
        // (never seen in real policies) fall back to a set.
        let mut seen = std::collections::HashSet::new();
        for (i, m) in members.iter().enumerate() {
            let repeated = if members.len() <= 16 {
                members.iter().take(i).any(|p| p.key == m.key)
            } else {
                !seen.insert(m.key.as_str())
            };
            if repeated {
                self.error(
                    m.key_span,
                    format!("duplicate key `{}` in {what}", m.key),
                    Some("keep one occurrence; JSON parsers disagree on which one wins".into()),
                );
            }
        }
    }

    fn unknown_keys(&mut self, node: &Node, allowed: &[&str], what: &str) {
        for m in node.as_object().unwrap_or(&[]) {
            if allowed.contains(&m.key.as_str()) {
                continue;
            }
            let help = allowed
                .iter()
                .find(|k| k.eq_ignore_ascii_case(&m.key))
                .map(|k| format!("element names are case-sensitive: did you mean `{k}`?"))
                .or_else(|| Some(format!("valid elements are {}", allowed.join(", "))));
            self.error(
                m.key_span,
                format!("unknown element `{}` in {what}", m.key),
                help,
            );
        }
    }

    fn policy(&mut self, node: &Node) -> Policy {
        let mut policy = Policy {
            span: node.span,
            version: None,
            id: None,
            statement_key: None,
            statements: Vec::new(),
        };
        if node.as_object().is_none() {
            self.error(
                node.span,
                format!("a policy must be a JSON object, found {}", node.type_name()),
                None,
            );
            return policy;
        }
        self.duplicates(node, "the policy");
        self.unknown_keys(node, POLICY_KEYS, "the policy");
        policy.version = self.string_field(node, "Version");
        policy.id = self.string_field(node, "Id");
        match node.get_ci("Statement").filter(|m| m.key == "Statement") {
            None => self.error(
                node.span,
                "the policy has no `Statement`",
                Some(
                    "add \"Statement\": [ { \"Effect\": …, \"Action\": …, \"Resource\": … } ]"
                        .into(),
                ),
            ),
            Some(m) => {
                policy.statement_key = Some(m.key_span);
                match &m.value.value {
                    Value::Object(_) => policy.statements.push(self.statement(&m.value, 0)),
                    Value::Array(items) => {
                        if items.is_empty() {
                            self.error(m.value.span, "`Statement` is an empty array", None);
                        }
                        for (i, s) in items.iter().enumerate() {
                            if s.as_object().is_some() {
                                policy.statements.push(self.statement(s, i));
                            } else if let Some(t) = s.as_str().filter(|t| has_symbol(t)) {
                                self.unknown_statements(s.span, t);
                            } else {
                                self.error(
                                    s.span,
                                    format!(
                                        "a statement must be an object, found {}",
                                        s.type_name()
                                    ),
                                    None,
                                );
                            }
                        }
                    }
                    Value::String(t) if has_symbol(t) => self.unknown_statements(m.value.span, t),
                    _ => self.error(
                        m.value.span,
                        format!(
                            "`Statement` must be an object or an array of objects, found {}",
                            m.value.type_name()
                        ),
                        None,
                    ),
                }
            }
        }
        policy
    }

    fn string_field(&mut self, node: &Node, key: &str) -> Option<Spanned<String>> {
        let v = node.get(key)?;
        match v.as_str() {
            Some(s) => Some(Spanned::new(s.to_string(), v.span)),
            None => {
                self.error(
                    v.span,
                    format!("`{key}` must be a string, found {}", v.type_name()),
                    None,
                );
                None
            }
        }
    }

    fn statement(&mut self, node: &Node, index: usize) -> Statement {
        self.duplicates(node, "the statement");
        self.unknown_keys(node, STATEMENT_KEYS, "the statement");
        let sid = self.string_field(node, "Sid");
        let mut effect_text = None;
        let effect = match self.string_field(node, "Effect") {
            Some(e) => match e.value.as_str() {
                "Allow" => Some(Spanned::new(Effect::Allow, e.span)),
                "Deny" => Some(Spanned::new(Effect::Deny, e.span)),
                // Unknown statically (an undecidable `Fn::If`, a parameter): not a shape error; the
                // statement may be an allow or a deny.
                s if has_symbol(s) => {
                    let effect = Effect::of_symbolic(s);
                    effect_text = Some(e.value.clone());
                    Some(Spanned::new(effect, e.span))
                }
                other => {
                    self.error(
                        e.span,
                        format!("`Effect` must be `Allow` or `Deny`, found `{other}`"),
                        Some("Effect values are case-sensitive".into()),
                    );
                    None
                }
            },
            None => None,
        };
        let mut st = Statement {
            index,
            span: node.span,
            sid,
            effect,
            effect_text,
            principal: None,
            not_principal: None,
            action: None,
            not_action: None,
            resource: None,
            not_resource: None,
            condition_key: None,
            conditions: Vec::new(),
        };
        for m in node.as_object().unwrap_or(&[]) {
            match m.key.as_str() {
                "Principal" => st.principal = self.principal(m.key_span, &m.value),
                "NotPrincipal" => st.not_principal = self.principal(m.key_span, &m.value),
                "Action" | "NotAction" | "Resource" | "NotResource" => {
                    let b = self.list(m.key_span, &m.key, &m.value);
                    match m.key.as_str() {
                        "Action" => st.action = b,
                        "NotAction" => st.not_action = b,
                        "Resource" => st.resource = b,
                        _ => st.not_resource = b,
                    }
                }
                "Condition" => {
                    st.condition_key = Some(m.key_span);
                    st.conditions = self.conditions(&m.value);
                }
                _ => {}
            }
        }
        if st.effect.is_none() && node.get("Effect").is_none() {
            self.error(
                node.span,
                format!("statement {index} has no `Effect`"),
                Some("add \"Effect\": \"Allow\" or \"Effect\": \"Deny\"".into()),
            );
        }
        st
    }

    fn list(&mut self, key_span: Span, key: &str, node: &Node) -> Option<ListBlock> {
        let mut items = Vec::new();
        match &node.value {
            Value::String(s) => items.push(Spanned::new(s.clone(), node.span)),
            Value::Array(arr) => {
                if arr.is_empty() {
                    self.error(node.span, format!("`{key}` is an empty array"), None);
                }
                for v in arr {
                    match v.as_str() {
                        Some(s) => items.push(Spanned::new(s.to_string(), v.span)),
                        None => self.error(
                            v.span,
                            format!("`{key}` entries must be strings, found {}", v.type_name()),
                            None,
                        ),
                    }
                }
            }
            _ => {
                self.error(
                    node.span,
                    format!(
                        "`{key}` must be a string or an array of strings, found {}",
                        node.type_name()
                    ),
                    None,
                );
                return None;
            }
        }
        Some(ListBlock {
            key_span,
            span: node.span,
            items,
        })
    }

    fn principal(&mut self, key_span: Span, node: &Node) -> Option<PrincipalBlock> {
        let value = match &node.value {
            Value::String(s) if s == "*" => PrincipalValue::Any,
            Value::Object(members) => {
                self.duplicates(node, "the principal");
                let mut entries = Vec::new();
                for m in members {
                    let kind = match m.key.as_str() {
                        "AWS" => PrincipalKind::Aws,
                        "Service" => PrincipalKind::Service,
                        "Federated" => PrincipalKind::Federated,
                        "CanonicalUser" => PrincipalKind::CanonicalUser,
                        other => {
                            self.error(
                                m.key_span,
                                format!("unknown principal type `{other}`"),
                                Some(
                                    "use AWS, Service, Federated or CanonicalUser (case-sensitive)"
                                        .into(),
                                ),
                            );
                            continue;
                        }
                    };
                    let list = self.list(m.key_span, &m.key, &m.value);
                    entries.push(PrincipalEntry {
                        kind,
                        kind_span: m.key_span,
                        values: list.map(|l| l.items).unwrap_or_default(),
                    });
                }
                PrincipalValue::Map(entries)
            }
            _ => {
                self.error(
                    node.span,
                    format!(
                        "a principal must be \"*\" or an object such as {{\"AWS\": \"arn:…\"}}, found {}",
                        match &node.value {
                            Value::String(s) => format!("the string `{s}`"),
                            _ => node.type_name().to_string(),
                        }
                    ),
                    Some("write {\"AWS\": \"<arn or account id>\"} or {\"Service\": \"<service>.amazonaws.com\"}".into()),
                );
                return None;
            }
        };
        Some(PrincipalBlock {
            key_span,
            span: node.span,
            value,
        })
    }

    fn conditions(&mut self, node: &Node) -> Vec<Condition> {
        let mut out = Vec::new();
        let Some(ops) = node.as_object() else {
            self.error(
                node.span,
                format!("`Condition` must be an object, found {}", node.type_name()),
                None,
            );
            return out;
        };
        self.duplicates(node, "the condition block");
        for op in ops {
            let Some(keys) = op.value.as_object() else {
                self.error(
                    op.value.span,
                    format!(
                        "condition operator `{}` must map to an object of keys, found {}",
                        op.key,
                        op.value.type_name()
                    ),
                    None,
                );
                continue;
            };
            // Keys are case-insensitive in IAM, so `aws:SourceArn` twice in any case is a duplicate.
            let mut seen = std::collections::HashSet::new();
            for k in keys {
                if !seen.insert(k.key.to_ascii_lowercase()) {
                    self.error(
                        k.key_span,
                        format!("duplicate condition key `{}` under `{}`", k.key, op.key),
                        Some(
                            "condition keys are case-insensitive; merge the values into one array"
                                .into(),
                        ),
                    );
                }
                let mut values = Vec::new();
                let scalar = |n: &Node| -> Option<String> {
                    match &n.value {
                        Value::String(s) => Some(s.clone()),
                        Value::Bool(b) => Some(b.to_string()),
                        Value::Number(x) => Some(x.clone()),
                        _ => None,
                    }
                };
                let bad = |b: &mut Builder, n: &Node| {
                    b.error(
                        n.span,
                        format!(
                            "condition values must be strings, numbers or booleans, found {}",
                            n.type_name()
                        ),
                        None,
                    )
                };
                match &k.value.value {
                    Value::Array(arr) => {
                        for v in arr {
                            match scalar(v) {
                                Some(s) => values.push(Spanned::new(s, v.span)),
                                None => bad(self, v),
                            }
                        }
                    }
                    _ => match scalar(&k.value) {
                        Some(s) => values.push(Spanned::new(s, k.value.span)),
                        None => bad(self, &k.value),
                    },
                }
                out.push(Condition {
                    operator: Spanned::new(op.key.clone(), op.key_span),
                    key: Spanned::new(k.key.clone(), k.key_span),
                    values_span: k.value.span,
                    values,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::json;

    #[test]
    fn parses_a_full_statement() {
        let text = r#"{"Version":"2012-10-17","Statement":{"Sid":"A","Effect":"Allow",
            "Principal":{"AWS":["111111111111","arn:aws:iam::222222222222:role/r"],"Service":"s3.amazonaws.com"},
            "Action":"s3:GetObject","Resource":["arn:aws:s3:::b/*"],
            "Condition":{"StringEquals":{"aws:SourceAccount":"111111111111"},"Bool":{"aws:SecureTransport":false}}}}"#;
        let (p, errs) = parse_policy(&json::parse(text).unwrap());
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(p.statements.len(), 1);
        let s = &p.statements[0];
        assert_eq!(s.effect.as_ref().unwrap().value, Effect::Allow);
        assert_eq!(s.principal.as_ref().unwrap().entries().len(), 3);
        assert_eq!(s.conditions.len(), 2);
        assert_eq!(s.conditions[1].values[0].value, "false");
        assert_eq!(s.action.as_ref().unwrap().items[0].value, "s3:GetObject");
    }

    #[test]
    fn collects_all_shape_errors() {
        let text = r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"allow","Action":5,"Resource":"*"},
            {"Action":"s3:GetObject","Resource":"*","effect":"Allow"},
            "oops"]}"#;
        let (p, errs) = parse_policy(&json::parse(text).unwrap());
        assert_eq!(p.statements.len(), 2);
        let msgs: Vec<_> = errs.iter().map(|e| e.message.as_str()).collect();
        assert!(msgs
            .iter()
            .any(|m| m.contains("`Effect` must be `Allow` or `Deny`")));
        assert!(msgs.iter().any(|m| m.contains("`Action` must be a string")));
        assert!(msgs.iter().any(|m| m.contains("unknown element `effect`")));
        assert!(msgs
            .iter()
            .any(|m| m.contains("statement 1 has no `Effect`")));
        assert!(msgs
            .iter()
            .any(|m| m.contains("a statement must be an object")));
    }

    /// A `Statement` (or one item of it) built by a macro or a `Ref` is unknown, not malformed.
    #[test]
    fn unknown_statements_are_unproven_not_shape_errors() {
        let sym = crate::model::symbolic::opaque("Fn::Transform", "test");
        let whole = crate::source::Node {
            span: Span::new(0, 1),
            value: Value::Object(vec![crate::source::Member {
                key: "Statement".into(),
                key_span: Span::new(0, 1),
                value: crate::source::Node {
                    span: Span::new(0, 1),
                    value: Value::String(sym.clone()),
                },
            }]),
        };
        let (p, errs) = parse_policy(&whole);
        assert!(p.statements.is_empty());
        let rules: Vec<_> = errs.iter().map(|e| e.rule).collect();
        assert_eq!(rules, ["UNPROVEN"], "{errs:?}");
        // An item: only the unknown one is unproven; a literal string is still malformed.
        let item = |v: &str| crate::source::Node {
            span: Span::new(0, 1),
            value: Value::String(v.to_string()),
        };
        let mut list = whole.clone();
        if let Value::Object(members) = &mut list.value {
            members[0].value.value = Value::Array(vec![item(&sym), item("oops")]);
        }
        let (_, errs) = parse_policy(&list);
        let rules: Vec<_> = errs.iter().map(|e| e.rule).collect();
        assert_eq!(rules, ["UNPROVEN", SHAPE], "{errs:?}");
    }

    #[test]
    fn duplicate_keys_are_shape_errors() {
        let text =
            r#"{"Statement":{"Effect":"Allow","Effect":"Deny","Action":"*","Resource":"*"}}"#;
        let (_, errs) = parse_policy(&json::parse(text).unwrap());
        assert!(errs
            .iter()
            .any(|e| e.message.contains("duplicate key `Effect`")));
    }
}
