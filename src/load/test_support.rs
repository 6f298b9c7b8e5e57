//! For the loaders' tests: a loaded file with its issues already worded as findings, so tests can assert
//! on the rule ids users see.

use super::Loaded;
use crate::rules::Finding;

pub struct Checked {
    pub loaded: Loaded,
    pub findings: Vec<Finding>,
}

impl Checked {
    pub fn new(mut loaded: Loaded) -> Checked {
        let findings = crate::rules::load_issues::findings(std::mem::take(&mut loaded.issues));
        Checked { loaded, findings }
    }
}

impl std::ops::Deref for Checked {
    type Target = Loaded;
    fn deref(&self) -> &Loaded {
        &self.loaded
    }
}
