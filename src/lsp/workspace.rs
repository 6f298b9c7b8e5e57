//! The workspace as one project: the files `trustlint check` would read under the root, with the open
//! buffers in place of their files, checked together so cross-file findings are seen.

use super::documents::Documents;
use crate::check_cache::CheckCache;
use crate::config::{self, Config};
use crate::{discover, Input, Report};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub struct Workspace {
    pub root: PathBuf,
    pub cfg: Config,
    /// The files of the last walk; walked again when a file is opened, saved or closed (files come
    /// and go), not on every keystroke.
    files: Vec<Input>,
    /// Why the configuration could not be loaded (reported to the user once per load).
    pub config_error: Option<String>,
    /// Each file's result of the last check: a keystroke re-checks one file, not the workspace.
    cache: CheckCache,
}

impl Workspace {
    pub fn new(root: PathBuf) -> Workspace {
        let mut w = Workspace {
            root,
            cfg: Config::default(),
            files: Vec::new(),
            config_error: None,
            cache: CheckCache::default(),
        };
        w.reload();
        w
    }

    /// Load `trustlint.toml` (the root's or a parent's) and walk the root again.
    pub fn reload(&mut self) {
        self.config_error = None;
        self.cfg = match config::find_config(&self.root) {
            Some(p) => Config::load(&p).unwrap_or_else(|e| {
                self.config_error = Some(format!("{}: {e}", p.display()));
                Config::default()
            }),
            None => Config::default(),
        };
        // Results computed under the old configuration are not results under the new one.
        self.cache = CheckCache::default();
        self.rediscover();
    }

    pub fn rediscover(&mut self) {
        self.files = match discover::discover(std::slice::from_ref(&self.root), &self.cfg) {
            Ok(found) => Input::discovered(found),
            Err(e) => {
                self.config_error =
                    Some(format!("cannot read {}: {}", e.path.display(), e.message));
                Vec::new()
            }
        };
    }

    /// Is a file excluded by the configuration (an open buffer the walk would not check)?
    fn excluded(&self, path: &Path) -> bool {
        self.cfg
            .exclude
            .as_ref()
            .is_some_and(|g| g.is_match(self.cfg.glob_path(path)))
    }

    /// The inputs of a check: the walked files, open buffers replacing their text; an open buffer the
    /// walk did not find (outside the root, or an extension the walk skips) is checked too, with the
    /// project, unless `exclude` names it.
    pub fn inputs(&self, docs: &Documents) -> Vec<Input> {
        let mut inputs = self.files.clone();
        let mut seen: HashSet<PathBuf> = HashSet::new();
        for i in &mut inputs {
            if let Some(t) = docs.get(&i.path) {
                i.text = Some(t.clone());
                i.unreadable = None;
            }
            seen.insert(i.path.clone());
        }
        for (p, t) in docs.sorted() {
            if !seen.contains(p) && !self.excluded(p) {
                inputs.push(Input {
                    path: p.clone(),
                    text: Some(t.clone()),
                    unreadable: None,
                });
            }
        }
        inputs
    }

    pub fn check(&mut self, docs: &Documents) -> (Vec<Input>, Report) {
        let inputs = self.inputs(docs);
        let report = self.cache.check(&inputs, &self.cfg);
        (inputs, report)
    }
}
