//! Condition keys and their case-insensitive index (templates such as `aws:RequestTag/${TagKey}`
//! match their instances).

use crate::eval::wildcard::matches_ci;
use std::collections::HashMap;

/// A condition key as the data spells it; templates use `${Name}` (or `<key>` for a few S3
/// keys) for the variable part.
#[derive(Debug, Clone)]
pub struct ConditionKey {
    /// e.g. "s3:ExistingObjectTag/<key>", "kms:EncryptionContext:${EncryptionContextKey}"
    pub name: String,
    /// String, ArrayOfString, ARN, ArrayOfARN, Bool, ArrayOfBool, Numeric, Date, IPAddress.
    pub value_type: String,
}

impl ConditionKey {
    /// `ArrayOf*` keys carry several values per request (use `ForAnyValue`/`ForAllValues`).
    pub fn is_multi_valued(&self) -> bool {
        self.value_type.starts_with("ArrayOf")
    }

    /// Whether the name contains a `${...}`/`<...>` variable part.
    pub fn is_template(&self) -> bool {
        template_glob(&self.name).is_some()
    }
}

/// `${X}` / `<x>` → `?*` (one or more characters); `None` for a plain key.
pub(super) fn template_glob(key: &str) -> Option<String> {
    let mut out = String::with_capacity(key.len());
    let mut rest = key;
    let mut any = false;
    while let Some(pos) = rest.find(['$', '<']) {
        let (open, close) = if rest[pos..].starts_with("${") {
            ("${", '}')
        } else if rest[pos..].starts_with('<') {
            ("<", '>')
        } else {
            out.push_str(&rest[..=pos]);
            rest = &rest[pos + 1..];
            continue;
        };
        match rest[pos + open.len()..].find(close) {
            Some(end) if end > 0 => {
                out.push_str(&rest[..pos]);
                out.push_str("?*");
                rest = &rest[pos + open.len() + end + 1..];
                any = true;
            }
            _ => {
                out.push_str(&rest[..=pos]);
                rest = &rest[pos + 1..];
            }
        }
    }
    out.push_str(rest);
    any.then_some(out)
}

/// Case-insensitive lookup of condition keys, templates included.
#[derive(Debug, Clone, Default)]
pub(super) struct KeyIndex {
    exact: HashMap<String, usize>,
    /// (glob with `?*` for each variable part, index)
    templates: Vec<(String, usize)>,
}

impl KeyIndex {
    pub(super) fn new(keys: &[ConditionKey]) -> KeyIndex {
        let mut idx = KeyIndex::default();
        for (i, k) in keys.iter().enumerate() {
            idx.exact.entry(k.name.to_ascii_lowercase()).or_insert(i);
            if let Some(g) = template_glob(&k.name) {
                idx.templates.push((g, i));
            }
        }
        idx
    }

    pub(super) fn find(&self, key: &str) -> Option<usize> {
        if let Some(&i) = self.exact.get(&key.to_ascii_lowercase()) {
            return Some(i);
        }
        self.templates
            .iter()
            .find(|(g, _)| matches_ci(g, key))
            .map(|&(_, i)| i)
    }
}
