//! The spanned value tree shared by the JSON (and later YAML) frontends.

use super::Span;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// The number's source text: IAM never needs arithmetic on policy numbers, and big ones must survive.
    Number(String),
    String(String),
    Array(Vec<Node>),
    /// Members in source order; duplicate keys are kept so rules can report them.
    Object(Vec<Member>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

impl Node {
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.value {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }
    /// The last member with this exact key (JSON's usual "last one wins").
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_object()?
            .iter()
            .rev()
            .find(|m| m.key == key)
            .map(|m| &m.value)
    }
    /// The last member whose key equals `key` ignoring ASCII case.
    pub fn get_ci(&self, key: &str) -> Option<&Member> {
        self.as_object()?
            .iter()
            .rev()
            .find(|m| m.key.eq_ignore_ascii_case(key))
    }
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
    /// Shift every span through `map` (used for JSON embedded in a JSON string).
    pub fn remap(&mut self, map: &dyn Fn(u32) -> u32) {
        self.span = Span {
            start: map(self.span.start),
            end: map(self.span.end),
        };
        match &mut self.value {
            Value::Array(items) => items.iter_mut().for_each(|n| n.remap(map)),
            Value::Object(members) => {
                for m in members {
                    m.key_span = Span {
                        start: map(m.key_span.start),
                        end: map(m.key_span.end),
                    };
                    m.value.remap(map);
                }
            }
            _ => {}
        }
    }
}
