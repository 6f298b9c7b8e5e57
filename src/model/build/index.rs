//! The model's hash indices: identities, logical ids, places, and reverse links (so linking and
//! queries never search pairwise).

use super::Kind;
use crate::model::origin::Origin;
use std::collections::HashMap;

#[derive(Debug, Default)]
pub(super) struct Index {
    /// (kind, identity) → index.
    pub(super) ids: HashMap<(Kind, String), usize>,
    /// (kind, stack key, logical id) → index.
    pub(super) logical: HashMap<(Kind, String, String), usize>,
    /// (kind, account, region) → indices (for the "only one of its type" rule).
    pub(super) place: HashMap<(Kind, String, String), Vec<usize>>,
    /// Account key → index into `accounts`.
    pub(super) accounts: HashMap<String, usize>,
    /// Stack key → index into `stacks`.
    pub(super) stacks: HashMap<String, usize>,
    /// Reverse links: accelerator → GA listeners, GA listener → endpoint groups, LB → ELB listeners.
    pub(super) acc_listeners: HashMap<usize, Vec<usize>>,
    pub(super) listener_groups: HashMap<usize, Vec<usize>>,
    pub(super) lb_listeners: HashMap<usize, Vec<usize>>,
}

impl Index {
    pub(super) fn add_id(&mut self, kind: Kind, id: impl Into<String>, i: usize) {
        self.ids.entry((kind, id.into())).or_insert(i);
    }
    pub(super) fn add(&mut self, kind: Kind, o: &Origin, i: usize) {
        self.logical
            .entry((kind, o.stack_key.clone(), o.logical_id.clone()))
            .or_insert(i);
        self.place
            .entry((kind, o.account.clone(), o.region_key()))
            .or_default()
            .push(i);
    }
}
