//! Find the files to check: walk the given paths, apply include/exclude globs, sorted for determinism.

use crate::config::Config;
use std::path::{Path, PathBuf};

const SKIP_DIRS: &[&str] = &[
    ".git",
    "node_modules",
    ".terraform",
    "target",
    ".venv",
    "cdk.out.tmp",
];
const EXTENSIONS: &[&str] = &["json", "yaml", "yml", "template"];

#[derive(Debug)]
pub struct DiscoverError {
    pub path: PathBuf,
    pub message: String,
}

/// Every candidate file under `paths`. A file named explicitly is always a candidate; files found by
/// walking must have a known extension and pass the include/exclude globs.
pub fn discover(paths: &[PathBuf], cfg: &Config) -> Result<Vec<PathBuf>, DiscoverError> {
    let mut out = Vec::new();
    for root in paths {
        let meta = std::fs::metadata(root).map_err(|e| DiscoverError {
            path: root.clone(),
            message: e.to_string(),
        })?;
        // Anything but a directory is read as a file: a FIFO from `<(…)` or `/dev/stdin` too.
        if !meta.is_dir() {
            out.push(root.clone());
            continue;
        }
        let walker = walkdir::WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                !(e.file_type().is_dir()
                    && e.depth() > 0
                    && e.file_name()
                        .to_str()
                        .is_some_and(|n| SKIP_DIRS.contains(&n)))
            });
        for entry in walker {
            let entry = entry.map_err(|e| DiscoverError {
                path: e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| root.clone()),
                message: e.to_string(),
            })?;
            if !entry.file_type().is_file() {
                continue;
            }
            let p = entry.path();
            let ext_ok = p
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)));
            if !ext_ok {
                continue;
            }
            // Only computed when a glob needs it: it canonicalizes the path (syscalls per file).
            if cfg.include.is_some() || cfg.exclude.is_some() {
                let gp = cfg.glob_path(p);
                if cfg.include.as_ref().is_some_and(|g| !g.is_match(&gp)) {
                    continue;
                }
                if cfg.exclude.as_ref().is_some_and(|g| g.is_match(&gp)) {
                    continue;
                }
            }
            out.push(clean(p));
        }
    }
    // One walk with `sort_by_file_name` already yields paths in component order; only several roots
    // (which may overlap) need merging.
    if paths.len() > 1 {
        out.sort();
        out.dedup();
    }
    Ok(out)
}

/// `./a/b.json` → `a/b.json`, so reported paths look like the user typed them.
pub fn clean(p: &Path) -> PathBuf {
    p.strip_prefix("./")
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| p.to_path_buf())
}
