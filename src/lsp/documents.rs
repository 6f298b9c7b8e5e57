//! The open buffers: the editor's text replaces the file's text on disk while a document is open.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, Default)]
pub struct Documents {
    open: HashMap<PathBuf, Arc<str>>,
}

impl Documents {
    /// `didOpen`, and `didChange` with full-text sync (the server asks for full sync: a policy file
    /// is small, and a full text cannot drift from the editor's).
    pub fn set(&mut self, path: PathBuf, text: String) {
        self.open.insert(path, text.into());
    }
    pub fn close(&mut self, path: &Path) {
        self.open.remove(path);
    }
    pub fn get(&self, path: &Path) -> Option<&Arc<str>> {
        self.open.get(path)
    }
    /// Open buffers in path order (deterministic input order for the check).
    pub fn sorted(&self) -> Vec<(&PathBuf, &Arc<str>)> {
        let mut v: Vec<_> = self.open.iter().collect();
        v.sort_by(|a, b| a.0.cmp(b.0));
        v
    }
}
