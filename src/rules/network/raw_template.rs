//! The raw template text the typed model does not keep (`Parameters`, `DependsOn`, `Outputs`), parsed
//! lazily once per file.

use crate::source::{FileId, Node, SourceMap};
use std::cell::RefCell;
use std::collections::HashMap;

/// Parsed source of templates, for what the typed model does not keep (`Parameters`, `DependsOn`).
/// Parsed lazily, once per file.
#[derive(Default)]
pub struct RawTemplates {
    cache: RefCell<HashMap<FileId, Option<std::rc::Rc<Node>>>>,
}

impl RawTemplates {
    pub fn get(&self, sources: &SourceMap, file: FileId) -> Option<std::rc::Rc<Node>> {
        if let Some(n) = self.cache.borrow().get(&file) {
            return n.clone();
        }
        let parsed = if (file.0 as usize) < sources.len() {
            let f = sources.get(file);
            let text: &str = &f.text;
            let lower = f.path.to_ascii_lowercase();
            let node = if lower.ends_with(".yaml") || lower.ends_with(".yml") {
                crate::source::yaml::parse(text)
                    .ok()
                    .and_then(|v| v.into_iter().next())
            } else {
                crate::source::json::parse(text).ok().or_else(|| {
                    crate::source::yaml::parse(text)
                        .ok()
                        .and_then(|v| v.into_iter().next())
                })
            };
            node.map(std::rc::Rc::new)
        } else {
            None
        };
        self.cache.borrow_mut().insert(file, parsed.clone());
        parsed
    }
}

/// `DependsOn` of a resource (string or list), from the raw template.
pub fn depends_on(raw: &Node, logical_id: &str) -> Vec<String> {
    let Some(r) = raw.get("Resources").and_then(|r| r.get(logical_id)) else {
        return Vec::new();
    };
    match r.get("DependsOn") {
        Some(d) => match d.as_array() {
            Some(items) => items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect(),
            None => d.as_str().map(str::to_string).into_iter().collect(),
        },
        None => Vec::new(),
    }
}
