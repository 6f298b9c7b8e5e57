//! Find the files to check: walk the given paths, apply include/exclude globs, sorted for determinism.

use crate::config::Config;
use std::collections::HashMap;
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

/// The files to check, and the paths met while walking that cannot be read.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Candidates in order, the unreadable paths included (each becomes a finding on its path).
    pub files: Vec<PathBuf>,
    /// Why each unreadable path could not be read (a directory without permission, a broken symlink,
    /// a symlink loop).
    pub unreadable: HashMap<PathBuf, String>,
}

/// Every candidate file under `paths`. A file named explicitly is always a candidate; files found by
/// walking must have a known extension and pass the include/exclude globs. Symlinks are followed. Only a
/// path named on the command line that cannot be read at all is an error: a problem met while walking
/// is recorded in [`Discovered::unreadable`] and the walk goes on.
pub fn discover(paths: &[PathBuf], cfg: &Config) -> Result<Discovered, DiscoverError> {
    let mut out = Vec::new();
    let mut unreadable = HashMap::new();
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
            .follow_links(true)
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
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e.path().map_or_else(|| root.clone(), clean);
                    let why = match (e.loop_ancestor(), e.io_error()) {
                        (Some(a), _) => format!("symlink loop back to {}", a.display()),
                        (None, Some(io)) if broken_link(&path) => {
                            format!("broken symlink ({io})")
                        }
                        (None, Some(io)) => io.to_string(),
                        (None, None) => e.to_string(),
                    };
                    out.push(path.clone());
                    unreadable.insert(path, why);
                    continue;
                }
            };
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
    Ok(Discovered {
        files: out,
        unreadable,
    })
}

fn broken_link(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink()) && p.metadata().is_err()
}

/// `./a/b.json` → `a/b.json`, so reported paths look like the user typed them.
pub fn clean(p: &Path) -> PathBuf {
    p.strip_prefix("./")
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| p.to_path_buf())
}
