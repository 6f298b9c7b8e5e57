//! A check that keeps each file's result between runs, for the editor, which re-checks the workspace
//! on every change: a file whose text is unchanged, and whose inputs from other files (the exports
//! `Fn::ImportValue` reads) are unchanged, is not parsed, resolved or checked again. The cross-file
//! stage (model, trust graph, graph rules) runs every time: it is what a change in one file changes
//! in the others.
//!
//! The result is the one [`crate::lint_inputs`] gives for the same inputs (same stages, same order,
//! same file ids); a test compares them.

use crate::config::Config;
use crate::load::{self, cfn::Exports};
use crate::{assemble, finish_stage, stage, Checked, Input, Report, Stage};
use rayon::prelude::*;
use std::path::PathBuf;

/// What a file yielded in the last run, and what it was computed from.
struct Entry {
    path: PathBuf,
    /// The text the result was computed from (the buffer's, or the file's bytes).
    key: Vec<u8>,
    /// Its template's exports (empty when it is no template).
    exports: Vec<(String, String)>,
    /// A template's result depends on every template's exports.
    template: bool,
    result: (load::Loaded, Checked),
}

/// The per-file results of the last run (index: file id). Valid for one configuration: drop it when
/// the configuration changes.
#[derive(Default)]
pub struct CheckCache {
    entries: Vec<Option<Entry>>,
    exports: Option<Exports>,
    /// Files of the last run whose result was reused.
    pub reused: usize,
}

/// The text an input will be checked with, when it can be compared: an open buffer's, or a readable
/// file's bytes within the size limit (anything else is checked again every time).
fn key(input: &Input, cfg: &Config) -> Option<Vec<u8>> {
    if input.unreadable.is_some() {
        return None;
    }
    match &input.text {
        Some(t) => Some(t.as_bytes().to_vec()),
        None => {
            let size = std::fs::metadata(&input.path).ok()?.len();
            (size <= cfg.max_file_size)
                .then(|| std::fs::read(&input.path).ok())
                .flatten()
        }
    }
}

impl CheckCache {
    /// Check `inputs` as one set, as [`crate::lint_inputs`] does, reusing unchanged files' results.
    #[expect(
        clippy::indexing_slicing,
        reason = "every per-input vector here (keys, hit, staged, entries after resize) has one entry per input, and indices range over the inputs"
    )]
    pub fn check(&mut self, inputs: &[Input], cfg: &Config) -> Report {
        let files: Vec<PathBuf> = inputs.iter().map(|i| i.path.clone()).collect();
        let keys: Vec<Option<Vec<u8>>> = inputs.par_iter().map(|i| key(i, cfg)).collect();
        let mut hit: Vec<bool> = (0..inputs.len())
            .map(
                |i| match (&keys[i], self.entries.get(i).and_then(Option::as_ref)) {
                    (Some(k), Some(e)) => e.path == files[i] && e.key == *k,
                    _ => false,
                },
            )
            .collect();
        let mut staged: Vec<Option<Stage>> = inputs
            .par_iter()
            .enumerate()
            .map(|(i, input)| (!hit[i]).then(|| stage(i, input, cfg)))
            .collect();
        let file_exports: Vec<Vec<(String, String)>> = (0..inputs.len())
            .map(
                |i| match (&staged[i], self.entries.get(i).and_then(Option::as_ref)) {
                    (Some(Stage::Template(p)), _) => p.exports(),
                    (Some(Stage::Checked(..)), _) => Vec::new(),
                    (None, Some(e)) => e.exports.clone(),
                    (None, None) => Vec::new(),
                },
            )
            .collect();
        // First export of a name wins, in file order (as `load::collect_exports`).
        let mut exports = Exports::new();
        for (k, v) in file_exports.iter().flatten() {
            exports.entry(k.clone()).or_insert_with(|| v.clone());
        }
        if self.exports.as_ref() != Some(&exports) {
            // An export changed: every template may resolve differently; stage the reused ones again.
            let again: Vec<usize> = (0..inputs.len())
                .filter(|&i| hit[i] && self.entries[i].as_ref().is_some_and(|e| e.template))
                .collect();
            let restaged: Vec<(usize, Stage)> = again
                .par_iter()
                .map(|&i| (i, stage(i, &inputs[i], cfg)))
                .collect();
            for (i, s) in restaged {
                hit[i] = false;
                staged[i] = Some(s);
            }
        }
        let mut old = std::mem::take(&mut self.entries);
        old.resize_with(inputs.len(), || None);
        let jobs: Vec<Job> = staged
            .into_iter()
            .zip(old)
            .zip(keys.into_iter().zip(file_exports))
            .enumerate()
            .map(|(i, ((s, old), (key, exports)))| match (s, old) {
                (None, Some(e)) => Job::Reuse(Box::new(e)),
                (s, _) => Job::Run {
                    stage: s.unwrap_or_else(|| stage(i, &inputs[i], cfg)),
                    key,
                    exports,
                },
            })
            .collect();
        let done: Vec<((load::Loaded, Checked), Option<Entry>)> = jobs
            .into_par_iter()
            .enumerate()
            .map(|(i, job)| match job {
                Job::Reuse(e) => (e.result.clone(), Some(*e)),
                Job::Run {
                    stage,
                    key,
                    exports: file_exports,
                } => {
                    let template = matches!(stage, Stage::Template(_));
                    let result = finish_stage(stage, &files[i], &exports, cfg);
                    let entry = key.map(|key| Entry {
                        path: files[i].clone(),
                        key,
                        exports: file_exports,
                        template,
                        result: result.clone(),
                    });
                    (result, entry)
                }
            })
            .collect();
        self.reused = hit.iter().filter(|h| **h).count();
        self.exports = Some(exports);
        let (results, entries): (Vec<_>, Vec<_>) = done.into_iter().unzip();
        self.entries = entries;
        assemble(results, &files, cfg)
    }
}

enum Job {
    Reuse(Box<Entry>),
    Run {
        stage: Stage,
        key: Option<Vec<u8>>,
        exports: Vec<(String, String)>,
    },
}
