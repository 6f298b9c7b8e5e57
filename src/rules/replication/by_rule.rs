//! The findings of an analysis that checks several ids in one pass over the model (a configuration's
//! rules, a destination bucket's settings), grouped by rule id so each rule file emits its own group.

use crate::rules::{Finding, RuleId};
use std::collections::BTreeMap;

/// Findings by rule id, each group in the order the analysis found them.
pub struct ByRule(BTreeMap<RuleId, Vec<Finding>>);

impl ByRule {
    /// Run `analysis` once and group what it found.
    pub fn collect(analysis: impl FnOnce(&mut Vec<Finding>)) -> ByRule {
        let mut all = Vec::new();
        analysis(&mut all);
        let mut map: BTreeMap<RuleId, Vec<Finding>> = BTreeMap::new();
        for f in all {
            map.entry(f.rule).or_default().push(f);
        }
        ByRule(map)
    }

    /// The findings of rule `id`.
    pub fn emit(&self, id: RuleId, out: &mut Vec<Finding>) {
        if let Some(v) = self.0.get(&id) {
            out.extend(v.iter().cloned());
        }
    }
}
