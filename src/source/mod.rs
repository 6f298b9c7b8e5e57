//! Source files, byte spans and the spanned value tree every frontend produces.

pub mod json;
pub mod jsonc;
pub mod lines;
pub mod node;
pub mod reserved;
pub mod yaml;

pub use lines::LineMap;
pub use node::{Member, Node, Value};

use std::sync::{Arc, OnceLock};

/// Index of a file in the [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A half-open byte range `[start, end)` in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// The smallest span that covers both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// A value together with the span it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// One loaded file: its display path and full text (BOM included, so spans are file offsets).
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub id: FileId,
    pub path: String,
    pub text: Arc<str>,
    /// Built on first use: most files of a run have no finding and never need a position.
    lines: Arc<OnceLock<LineMap>>,
}

impl SourceFile {
    pub fn new(id: FileId, path: String, text: Arc<str>) -> Self {
        SourceFile {
            id,
            path,
            text,
            lines: Arc::default(),
        }
    }

    pub fn lines(&self) -> &LineMap {
        self.lines.get_or_init(|| LineMap::new(&self.text))
    }

    /// 1-based line and column; the column counts Unicode scalar values, as editors do.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        self.position(offset, false)
    }

    /// 1-based line and UTF-16 column (SARIF, LSP).
    pub fn line_col_utf16(&self, offset: u32) -> (usize, usize) {
        self.position(offset, true)
    }

    fn position(&self, offset: u32, wide: bool) -> (usize, usize) {
        let offset = self.clamp(offset);
        let (line, col) = self.lines().line_col(&self.text, offset, wide);
        (line + 1, col + 1 - self.bom_columns(line, offset))
    }

    /// Clamp to the text and back to a character boundary.
    fn clamp(&self, offset: u32) -> u32 {
        let mut at = (offset as usize).min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        at as u32
    }

    /// A UTF-8 BOM is not a column an editor shows: discount it on the first line.
    fn bom_columns(&self, line: usize, offset: u32) -> usize {
        usize::from(line == 0 && offset >= 3 && self.text.starts_with('\u{feff}'))
    }

    pub fn slice(&self, span: Span) -> &str {
        self.text
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    }
}

/// All files of one run, addressed by [`FileId`].
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn add(&mut self, path: String, text: Arc<str>) -> FileId {
        let id = FileId(self.files.len() as u32);
        self.files.push(SourceFile::new(id, path, text));
        id
    }
    /// Add a file loaded elsewhere; its id must be the next one.
    pub fn push(&mut self, file: SourceFile) -> FileId {
        let id = FileId(self.files.len() as u32);
        debug_assert_eq!(file.id, id, "files must be pushed in id order");
        self.files.push(SourceFile { id, ..file });
        id
    }
    #[expect(
        clippy::indexing_slicing,
        reason = "a FileId is only made by `push`, as the index of the file it pushes"
    )]
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }
    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }
    pub fn len(&self) -> usize {
        self.files.len()
    }
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}
