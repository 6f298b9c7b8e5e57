//! The layering of docs/architecture.md ("Data flow"), checked on the source text: a module may import
//! the layers below it, never one above. In import terms the stack is
//!
//! `source` < `model` < `load` < `eval` < `graph` < `rules` < `report` < `lsp`
//!
//! (loaders build model resources directly, so `load` imports `model`, not the reverse; `eval` reads
//! the model's policies; the graph and the rules ask the engine). `catalog`, `config`, `discover`,
//! `project`, `simulate` and `fuzzing` are outside the stack and unconstrained here.
//!
//! Every `crate::…` path (including `use crate::{a, b::{…}}` groups) and every `super::` chain that
//! climbs to the crate root is resolved to the top-level module it names.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Top-level modules of the layered stack, lowest first.
const STACK: &[&str] = &[
    "source", "model", "load", "eval", "graph", "rules", "report", "lsp",
];

/// Known upward imports, to be removed by issue 10's restructuring; each is `(file, imported module)`.
/// The test also fails when an entry no longer occurs, so this list only shrinks.
const ALLOWED: &[(&str, &str)] = &[
    // Test code only: the loaders' tests assert on the rule ids users see, so they word the loaders'
    // typed issues (`load::issue`) through `rules::load_issues` (`load/test_support.rs`) or run the
    // policy rules on what was loaded (`policies.rs`' `ecr_tests` module). The loaders themselves
    // import nothing from `rules`.
    ("src/load/cfn/foreach/tests.rs", "rules"),
    ("src/load/cfn/policies.rs", "rules"),
    ("src/load/cfn/tests.rs", "rules"),
    ("src/load/test_support.rs", "rules"),
];

#[test]
fn no_module_imports_a_layer_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let tops = top_modules(&src);
    let mut found = BTreeSet::new();
    for file in rust_files(&src) {
        let rel = file.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap();
        let rel = rel.to_string_lossy().replace('\\', "/");
        let module = module_path(&src, &file);
        let Some(own) = module.first().cloned() else {
            continue; // lib.rs, main.rs: the crate roots
        };
        let Some(own_rank) = STACK.iter().position(|m| *m == own) else {
            continue;
        };
        let text = strip_comments(&std::fs::read_to_string(&file).unwrap());
        for imported in imported_top_modules(&text, &module, &tops) {
            let Some(rank) = STACK.iter().position(|m| *m == imported) else {
                continue;
            };
            if rank > own_rank {
                found.insert((rel.clone(), imported));
            }
        }
    }
    let allowed: BTreeSet<(String, String)> = ALLOWED
        .iter()
        .map(|(f, m)| (f.to_string(), m.to_string()))
        .collect();
    let new: Vec<_> = found.difference(&allowed).collect();
    let stale: Vec<_> = allowed.difference(&found).collect();
    assert!(
        new.is_empty() && stale.is_empty(),
        "upward imports (file, imported layer): {new:?}\n\
         ALLOWED entries that no longer occur (delete them): {stale:?}"
    );
}

/// The resolver itself, on the shapes the source uses.
#[test]
fn resolves_crate_paths_groups_and_super_chains() {
    let tops: BTreeSet<String> = ["source", "model", "load", "rules", "eval"]
        .map(String::from)
        .into();
    let module = ["model".to_string(), "build".to_string()];
    let text = strip_comments(
        "use crate::{source::Span, load::{cfn::Template, self}};\n\
         // use crate::rules::Finding;\n\
         /// see [`crate::eval::x`]\n\
         fn f() { crate::rule_meta!(); super::super::rules::x(); super::policy::y(); }\n",
    );
    let got = imported_top_modules(&text, &module, &tops);
    assert_eq!(got, ["load", "rules", "source"].map(String::from).into());
}

fn top_modules(src: &Path) -> BTreeSet<String> {
    std::fs::read_dir(src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_string();
            if p.is_dir() {
                Some(name)
            } else {
                name.strip_suffix(".rs").map(str::to_string)
            }
        })
        .filter(|n| n != "lib" && n != "main")
        .collect()
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// `src/rules/policy/mod.rs` → `[rules, policy]`; `src/lib.rs` → `[]`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = rel
        .iter()
        .map(|c| c.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.strip_suffix(".rs").unwrap();
    if !matches!(stem, "mod" | "lib" | "main") {
        parts.push(stem.to_string());
    }
    parts
}

/// Drops `//` comments (doc comments included), keeping string literals intact.
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut in_str = false;
        let mut prev = ' ';
        let mut cut = line.len();
        for (i, c) in line.char_indices() {
            if c == '"' && prev != '\\' {
                in_str = !in_str;
            }
            if !in_str && c == '/' && prev == '/' {
                cut = i - 1;
                break;
            }
            prev = c;
        }
        out.push_str(&line[..cut]);
        out.push('\n');
    }
    out
}

/// Top-level modules named by `crate::` paths and root-reaching `super::` chains in `text`, a file
/// of module `module`.
fn imported_top_modules(
    text: &str,
    module: &[String],
    tops: &BTreeSet<String>,
) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let bytes = text.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        if !text.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let word_start = i == 0 || !is_ident(bytes[i - 1]);
        let rest = &text[i..];
        let after_root = if word_start && rest.starts_with("crate::") {
            Some(i + "crate::".len())
        } else if word_start && rest.starts_with("super::") {
            // Count the chain; it reaches the crate root when it climbs out of every module.
            let mut j = i;
            let mut depth = 0;
            while text[j..].starts_with("super::") {
                j += "super::".len();
                depth += 1;
            }
            // A file's own module is `module`; `super` from a mod.rs/foo.rs climbs one level each.
            if depth == module.len() {
                Some(j)
            } else {
                i = j;
                continue;
            }
        } else {
            None
        };
        let Some(start) = after_root else {
            i += 1;
            continue;
        };
        for name in first_segments(&text[start..]) {
            if tops.contains(&name) {
                out.insert(name);
            }
        }
        i = start;
    }
    out
}

/// After `crate::`: the first path segment, or the first segment of every element of a `{…}` group.
/// Macros (`crate::name!`) name no module.
fn first_segments(rest: &str) -> Vec<String> {
    let ident: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if !ident.is_empty() {
        return if rest[ident.len()..].starts_with('!') {
            Vec::new()
        } else {
            vec![ident]
        };
    }
    let Some(group) = rest.strip_prefix('{') else {
        return Vec::new();
    };
    // Split the group at top-level commas; each element is itself a path.
    let mut out = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for c in group.chars() {
        match c {
            '{' => {
                depth += 1;
                current.push(c);
            }
            '}' if depth == 0 => break,
            '}' => {
                depth -= 1;
                current.push(c);
            }
            ',' if depth == 0 => {
                out.extend(first_segments(current.trim()));
                current.clear();
            }
            _ => current.push(c),
        }
    }
    out.extend(first_segments(current.trim()));
    out
}
