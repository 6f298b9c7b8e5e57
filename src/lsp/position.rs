//! Byte offsets ↔ LSP positions. LSP counts columns in UTF-16 code units unless the client negotiates
//! otherwise; trustlint spans are byte offsets.

use crate::source::{SourceFile, Span};
use lsp_types::{Position, Range};

/// The position of a byte offset (0-based line, UTF-16 column).
pub fn position(file: &SourceFile, offset: u32) -> Position {
    let (line, col) = file.line_col_utf16(offset);
    Position::new(line.saturating_sub(1) as u32, col.saturating_sub(1) as u32)
}

pub fn range(file: &SourceFile, span: Span) -> Range {
    Range::new(position(file, span.start), position(file, span.end))
}

/// The byte offset of a position in `text` (clamped to its line and to the text).
pub fn offset(text: &str, pos: Position) -> usize {
    let mut line_start = 0;
    for _ in 0..pos.line {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let mut units = 0u32;
    for (i, c) in text[line_start..].char_indices() {
        if units >= pos.character || c == '\n' || c == '\r' {
            return line_start + i;
        }
        units += c.len_utf16() as u32;
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    #[test]
    fn utf16_columns_both_ways() {
        // "é" is one UTF-16 unit and two bytes, "😀" two units and four bytes.
        let text = "{\n  \"é😀\": \"s3:GetObject\"\n}";
        let f = SourceFile::new(FileId(0), "t.json".into(), text.into());
        let at = text.find("s3:").unwrap() as u32;
        let p = position(&f, at);
        assert_eq!(p, Position::new(1, 10));
        assert_eq!(offset(text, p), at as usize);
        assert_eq!(
            offset(text, Position::new(1, 99)),
            text.find("\n}").unwrap()
        );
        assert_eq!(offset(text, Position::new(9, 0)), text.len());
    }
}
