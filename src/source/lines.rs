//! Byte offset → line and column in O(log n) for any line length.
//!
//! Line breaks are `\n`, `\r\n` and a lone `\r` (classic Mac files and some generators): YAML and
//! editors break lines there, so every output format does too. Columns count characters (or UTF-16
//! units) from a per-`STRIDE`-bytes prefix count, so a column on a 1 MB line costs at most `STRIDE`
//! byte reads instead of a scan from the line start.

/// Prefix counts are kept every this many bytes (non-ASCII texts only).
const STRIDE: usize = 64;

#[derive(Debug, Clone)]
pub struct LineMap {
    /// Byte offset where each line starts; `starts[0] == 0`.
    starts: Vec<u32>,
    /// Byte offset where each line's text ends (its line break excluded).
    ends: Vec<u32>,
    /// Characters / UTF-16 units that start before byte `k * STRIDE`; empty for ASCII texts.
    chars: Vec<u32>,
    utf16: Vec<u32>,
    len: u32,
}

fn is_char_start(b: u8) -> bool {
    (b as i8) >= -0x40
}

impl LineMap {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0u32];
        let mut ends = Vec::new();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'\n' => {
                    ends.push(i as u32);
                    starts.push(i as u32 + 1);
                }
                b'\r' => {
                    ends.push(i as u32);
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i as u32 + 1);
                }
                _ => {}
            }
            i += 1;
        }
        ends.push(bytes.len() as u32);
        let (mut chars, mut utf16) = (Vec::new(), Vec::new());
        if !text.is_ascii() {
            let (mut c, mut u) = (0u32, 0u32);
            for (k, &b) in bytes.iter().enumerate() {
                if k % STRIDE == 0 {
                    chars.push(c);
                    utf16.push(u);
                }
                if is_char_start(b) {
                    c += 1;
                    u += if b >= 0xf0 { 2 } else { 1 };
                }
            }
            // The end offset of a text whose length is a multiple of STRIDE starts a block of its own.
            if bytes.len().is_multiple_of(STRIDE) {
                chars.push(c);
                utf16.push(u);
            }
        }
        LineMap {
            starts,
            ends,
            chars,
            utf16,
            len: bytes.len() as u32,
        }
    }

    /// 0-based line of a byte offset (offsets past the end are on the last line).
    pub fn line(&self, offset: u32) -> usize {
        self.starts.partition_point(|&s| s <= offset.min(self.len)) - 1
    }

    /// Byte range of a 0-based line's text, without its line break.
    #[expect(
        clippy::indexing_slicing,
        reason = "`starts` and `ends` are never empty and have one entry per line (`new`)"
    )]
    pub fn line_range(&self, line: usize) -> (u32, u32) {
        let line = line.min(self.starts.len() - 1);
        (self.starts[line], self.ends[line])
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Characters (or UTF-16 units) that start before byte `offset`.
    #[expect(
        clippy::indexing_slicing,
        reason = "`offset` is clamped to the text's length, and `chars`/`utf16` hold one entry per \
                  STRIDE bytes of that text (`new`)"
    )]
    fn units_before(&self, text: &str, offset: u32, wide: bool) -> usize {
        let offset = offset.min(self.len) as usize;
        if self.chars.is_empty() {
            return offset;
        }
        let k = offset / STRIDE;
        let base = if wide { self.utf16[k] } else { self.chars[k] } as usize;
        base + text.as_bytes()[k * STRIDE..offset]
            .iter()
            .filter(|&&b| is_char_start(b))
            .map(|&b| if wide && b >= 0xf0 { 2 } else { 1 })
            .sum::<usize>()
    }

    /// 0-based line and 0-based column in characters (`wide`: UTF-16 units) of a byte offset.
    pub fn line_col(&self, text: &str, offset: u32, wide: bool) -> (usize, usize) {
        let offset = offset.min(self.len);
        let line = self.line(offset);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let col = self.units_before(text, offset, wide) - self.units_before(text, start, wide);
        (line, col)
    }
}

/// Length of the UTF-8 sequence that starts with lead byte `b` (1 for ASCII and stray bytes).
pub fn char_len(b: u8) -> usize {
    match b {
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xff => 4,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The end of a non-ASCII text whose length is a multiple of the block size (found by
    /// robustness::lint_mutated_fixtures: it indexed past the block table).
    #[test]
    fn end_of_a_text_of_whole_blocks() {
        for blocks in 1..3 {
            let t = format!("é{}", "a".repeat(STRIDE * blocks - 2));
            assert_eq!(t.len() % STRIDE, 0);
            let m = LineMap::new(&t);
            let end = t.len() as u32;
            assert_eq!(m.line_col(&t, end, false), (0, t.chars().count()));
            assert_eq!(m.line_col(&t, end, true), (0, t.encode_utf16().count()));
        }
    }

    #[test]
    fn every_line_break_style() {
        let t = "a\nb\r\nc\rd";
        let m = LineMap::new(t);
        assert_eq!(m.line_count(), 4);
        assert_eq!(m.line_col(t, 0, false), (0, 0));
        assert_eq!(m.line_col(t, 2, false), (1, 0));
        assert_eq!(m.line_col(t, 5, false), (2, 0));
        assert_eq!(m.line_col(t, 7, false), (3, 0));
        assert_eq!(m.line_range(1), (2, 3));
        assert_eq!(m.line_range(3), (7, 8));
    }

    #[test]
    fn columns_on_a_long_non_ascii_line_match_a_scan() {
        let t: String = "é😀a\t".repeat(500);
        let m = LineMap::new(&t);
        for (b, _) in t.char_indices().step_by(37) {
            let chars = t[..b].chars().count();
            let wide = t[..b].encode_utf16().count();
            assert_eq!(m.line_col(&t, b as u32, false), (0, chars));
            assert_eq!(m.line_col(&t, b as u32, true), (0, wide));
        }
    }
}
