//! Which project a list of named files belongs to, so that checking a few files (pre-commit, an editor,
//! `git diff --name-only | xargs trustlint check`) still sees every file they relate to.
//!
//! The project root is the nearest directory, from the files' common directory upwards, holding
//! `trustlint.toml`; else the nearest holding `.git` (the repository); else the common directory itself.

use crate::config::CONFIG_FILE;
use std::path::{Component, Path, PathBuf};

/// How the project root was found (for `--verbose`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RootKind {
    Config,
    Repository,
    CommonDirectory,
}

/// An absolute, canonical form of `p` (its parent's when `p` itself does not exist, so
/// `--stdin-filename new.json` works before the file is saved).
pub fn absolute(p: &Path, cwd: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        cwd.join(p)
    };
    if let Ok(c) = joined.canonicalize() {
        return c;
    }
    match (joined.parent(), joined.file_name()) {
        (Some(parent), Some(name)) => parent
            .canonicalize()
            .unwrap_or_else(|_| normalize(parent))
            .join(name),
        _ => normalize(&joined),
    }
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The deepest directory holding every one of `dirs` (absolute paths).
pub fn common_dir(dirs: &[PathBuf]) -> Option<PathBuf> {
    let mut dirs = dirs.iter().cloned();
    let mut common = dirs.next()?;
    for d in dirs {
        while !d.starts_with(&common) {
            if !common.pop() {
                return None;
            }
        }
    }
    Some(common)
}

/// The project root of files whose common directory is `start` (absolute).
pub fn find_root(start: &Path) -> (PathBuf, RootKind) {
    if let Some(d) = start.ancestors().find(|d| d.join(CONFIG_FILE).is_file()) {
        return (d.to_path_buf(), RootKind::Config);
    }
    // `.git` is a directory in a clone and a file in a worktree or submodule.
    if let Some(d) = start.ancestors().find(|d| d.join(".git").exists()) {
        return (d.to_path_buf(), RootKind::Repository);
    }
    (start.to_path_buf(), RootKind::CommonDirectory)
}

/// The repository root of `start` (the nearest directory holding `.git`), if any.
pub fn repository_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// `target` relative to `base` (both absolute), with `..` where needed: `.` when equal.
pub fn relative(target: &Path, base: &Path) -> PathBuf {
    let t: Vec<Component> = target.components().collect();
    let b: Vec<Component> = base.components().collect();
    let same = t.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if same == 0 {
        return target.to_path_buf(); // different roots (Windows drives): stay absolute
    }
    let mut out = PathBuf::new();
    for _ in same..b.len() {
        out.push("..");
    }
    for c in t.iter().skip(same) {
        out.push(c);
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(relative(&p("/r"), &p("/r")), p("."));
        assert_eq!(relative(&p("/r"), &p("/r/a/b")), p("../.."));
        assert_eq!(relative(&p("/r/a/x.json"), &p("/r/b")), p("../a/x.json"));
        assert_eq!(relative(&p("/r/a"), &p("/r")), p("a"));
    }

    #[test]
    fn common_directory_of_files() {
        let files = [
            PathBuf::from("/r/a/b"),
            PathBuf::from("/r/a/c"),
            PathBuf::from("/r/a"),
        ];
        assert_eq!(common_dir(&files), Some(PathBuf::from("/r/a")));
        assert_eq!(common_dir(&[]), None);
    }

    #[test]
    fn root_prefers_config_then_repository() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("repo/.git")).unwrap();
        std::fs::create_dir_all(root.join("repo/infra/sub")).unwrap();
        let sub = root.join("repo/infra/sub");
        assert_eq!(find_root(&sub), (root.join("repo"), RootKind::Repository));
        std::fs::write(root.join("repo/infra/trustlint.toml"), "").unwrap();
        assert_eq!(find_root(&sub), (root.join("repo/infra"), RootKind::Config));
        assert_eq!(repository_root(&sub), Some(root.join("repo")));
    }
}
