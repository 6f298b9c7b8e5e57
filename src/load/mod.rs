//! Frontends: turn a file into policy documents with spans, or into PARSE findings.

pub mod cfn;
pub mod classify;

use crate::config::Config;
use crate::model::PolicyDoc;
use crate::rules::{registry::PARSE, Finding, Severity};
use crate::source::{json, FileId, SourceFile, Span};
use std::path::Path;
use std::sync::Arc;

/// Everything one file yielded.
#[derive(Debug)]
pub struct Loaded {
    pub source: SourceFile,
    pub documents: Vec<PolicyDoc>,
    pub findings: Vec<Finding>,
    /// Why the file was not analysed (not a policy, …), for `--verbose`.
    pub skipped: Option<String>,
}

fn parse_finding(file: FileId, offset: usize, len: usize, message: impl Into<String>) -> Finding {
    Finding::new(PARSE.id, Severity::Error, file, Span::new(offset, offset + len), message)
}

/// Read and load one file. I/O errors become PARSE findings too: the run goes on.
pub fn load_file(id: FileId, path: &Path, display: String, cfg: &Config) -> Loaded {
    let empty = |text: &str| SourceFile::new(id, display.clone(), Arc::from(text));
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > cfg.max_file_size {
        return Loaded {
            source: empty(""),
            documents: Vec::new(),
            findings: vec![parse_finding(
                id,
                0,
                0,
                format!(
                    "file is {size} bytes, over the {} byte limit",
                    cfg.max_file_size
                ),
            )
            .help("raise `max-file-size` in trustlint.toml, or exclude the file")],
            skipped: None,
        };
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return Loaded {
                source: empty(""),
                documents: Vec::new(),
                findings: vec![parse_finding(id, 0, 0, format!("cannot read file: {e}"))],
                skipped: None,
            }
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            // Offsets in the lossy text equal the raw ones up to the first bad byte.
            return Loaded {
                source: empty(&lossy),
                documents: Vec::new(),
                findings: vec![parse_finding(id, at, 1, "file is not valid UTF-8")
                    .label("invalid byte here")
                    .help("save the file as UTF-8")],
                skipped: None,
            };
        }
    };
    let source = SourceFile::new(id, display, Arc::from(text));
    load_text(source, path, cfg)
}

/// Load a file whose text is already in memory.
pub fn load_text(source: SourceFile, path: &Path, cfg: &Config) -> Loaded {
    let mut loaded = Loaded {
        source,
        documents: Vec::new(),
        findings: Vec::new(),
        skipped: None,
    };
    let node = match json::parse(&loaded.source.text) {
        Ok(n) => n,
        Err(e) => {
            let len = loaded.source.text[e.offset.min(loaded.source.text.len())..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
            loaded
                .findings
                .push(parse_finding(loaded.source.id, e.offset, len, format!("invalid JSON: {}", e.message)).label(e.message));
            return loaded;
        }
    };
    match classify::classify(&node, &loaded.source, cfg.document_kind(path)) {
        Ok(classify::Classified::Documents(docs)) => loaded.documents = docs,
        Ok(classify::Classified::Skip(reason)) => loaded.skipped = Some(reason),
        Err(f) => loaded.findings.push(*f),
    }
    loaded
}
