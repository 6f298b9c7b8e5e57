//! What the model keeps of each stack besides its typed resources: parameters, and every declared
//! resource's type and dependencies (resources whose condition does not hold included: they are still
//! written in the template), so no rule re-reads a source file.

use super::input::{Parameter, Stack};
use crate::source::{FileId, Spanned};
use std::collections::HashMap;

/// A declared resource of a stack: what other resources may depend on.
#[derive(Debug, Clone)]
pub struct Declared {
    pub logical_id: String,
    pub type_name: String,
    /// Explicit dependencies (`DependsOn`, Terraform `depends_on`).
    pub depends_on: Vec<Spanned<String>>,
    /// Logical ids its properties refer to as written; `None` when the frontend cannot tell.
    pub refers_to: Option<Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct StackInfo {
    pub key: String,
    pub name: String,
    pub file: FileId,
    pub parameters: Vec<Parameter>,
    /// Logical ids the outputs refer to; `None` when the frontend cannot tell.
    pub output_refs: Option<Vec<String>>,
    /// Every declared resource, in source order.
    pub resources: Vec<Declared>,
    by_id: HashMap<String, usize>,
}

impl StackInfo {
    pub fn new(s: &Stack) -> StackInfo {
        let resources: Vec<Declared> = s
            .resources
            .iter()
            .map(|r| Declared {
                logical_id: r.logical_id.clone(),
                type_name: r.type_name.clone(),
                depends_on: r.depends_on.clone(),
                refers_to: r.refers_to.clone(),
            })
            .collect();
        let mut by_id = HashMap::new();
        for (i, r) in resources.iter().enumerate() {
            by_id.entry(r.logical_id.clone()).or_insert(i);
        }
        StackInfo {
            key: s.key.clone(),
            name: s.name.clone(),
            file: s.file,
            parameters: s.parameters.clone(),
            output_refs: s.output_refs.clone(),
            resources,
            by_id,
        }
    }

    pub fn resource(&self, logical_id: &str) -> Option<&Declared> {
        self.by_id
            .get(logical_id)
            .and_then(|i| self.resources.get(*i))
    }

    pub fn parameter(&self, name: &str) -> Option<&Parameter> {
        self.parameters.iter().find(|p| p.name == name)
    }

    /// Whether something in the stack besides `logical_id` itself and resources `except` selects
    /// refers to `logical_id` (an output, or another resource's properties). Unknown references count
    /// as "may refer": the answer is `false` only when the frontend says nothing does.
    pub fn referenced_elsewhere(
        &self,
        logical_id: &str,
        except: impl Fn(&Declared) -> bool,
    ) -> bool {
        let refers = |v: &Option<Vec<String>>| {
            v.as_ref()
                .is_none_or(|ids| ids.iter().any(|i| i == logical_id))
        };
        refers(&self.output_refs)
            || self
                .resources
                .iter()
                .filter(|r| r.logical_id != logical_id && !except(r))
                .any(|r| refers(&r.refers_to))
    }
}
