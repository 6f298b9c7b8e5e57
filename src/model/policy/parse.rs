//! Parsing a policy node into the AST: every shape error of the document is collected, and whatever is
//! well-formed is still modelled.

use super::{
    Condition, Effect, ListBlock, Policy, PrincipalBlock, PrincipalEntry, PrincipalKind,
    PrincipalValue, ShapeError, Statement, UnknownStatement,
};
use crate::model::symbolic::has_symbol;
use crate::source::{Node, Span, Spanned, Value};

pub(super) const SHAPE: &str = "POL-STATEMENT-SHAPE";

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
    /// error; kept in the policy (the engine takes them as possibly allowing or denying anything) and
    /// said under UNPROVEN so they are never silently dropped.
    fn unknown_statements(&mut self, policy: &mut Policy, index: usize, span: Span, text: &str) {
        self.errors.push(ShapeError {
            rule: "UNPROVEN",
            span,
            message: format!(
                "statements not known statically ({}): their own shape is not checked, and what \
                 they may allow or deny makes the decisions that depend on them unproven",
                crate::model::symbolic::display(text)
            ),
            help: None,
        });
        policy.unknown_statements.push(UnknownStatement {
            index,
            text: Spanned::new(text.to_string(), span),
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
            unknown_statements: Vec::new(),
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
                                self.unknown_statements(&mut policy, i, s.span, t);
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
                    Value::String(t) if has_symbol(t) => {
                        self.unknown_statements(&mut policy, 0, m.value.span, t)
                    }
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
            // A `Ref`, an import or a dynamic reference in place of the whole element: unknown, not
            // malformed (the engine takes it as "may name anyone").
            Value::String(s) if has_symbol(s) => PrincipalValue::Unknown(s.clone()),
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
