//! The policy text as AWS receives it, and the exact file bytes behind each character of a (possibly
//! doubly escaped) JSON string literal, for rules about length and characters.

use super::Ctx;
use crate::source::{Node, Span, Value};
use std::borrow::Cow;

/// Whether the document was embedded in a JSON string (`{"Policy": "{\"Version\": …}"}`): its keys
/// then start with `\"` in the file instead of `"`.
pub fn is_embedded(ctx: &Ctx) -> bool {
    let bytes = ctx.src.text.as_bytes();
    first_string_span(&ctx.doc.node)
        .and_then(|s| bytes.get(s.start as usize))
        .is_some_and(|&b| b == b'\\')
}

fn first_string_span(node: &Node) -> Option<Span> {
    match &node.value {
        Value::String(_) => Some(node.span),
        Value::Object(members) => members.first().map(|m| m.key_span),
        Value::Array(items) => items.iter().find_map(first_string_span),
        _ => None,
    }
}

/// The policy text as AWS receives it: the raw file slice, or for an embedded policy the slice with the
/// outer string's escapes decoded.
pub fn policy_text<'a>(ctx: &'a Ctx) -> Cow<'a, str> {
    let raw = ctx.src.slice(ctx.doc.span());
    if is_embedded(ctx) {
        let seq = spanned_chars(raw, ctx.doc.span().start);
        Cow::Owned(unescape(&seq).into_iter().map(|(c, _)| c).collect())
    } else {
        Cow::Borrowed(raw)
    }
}

/// Every decoded character of the JSON string literal at `span` (a key or a string value) with the exact
/// file bytes it was written as, for plain and embedded (`\"…\"`) literals; the quotes are not included.
/// `None` when the span does not hold a JSON literal (a YAML scalar, a value computed from a template).
pub fn string_chars(text: &str, span: Span) -> Option<Vec<(char, Span)>> {
    let raw = text.get(span.start as usize..span.end as usize)?;
    let seq = spanned_chars(raw, span.start);
    let literal = if raw.starts_with('"') {
        seq
    } else if raw.starts_with("\\\"") {
        // Embedded: `\"caf\u00e9\"` — decode the outer string's escapes first.
        unescape(&seq)
    } else {
        return None;
    };
    let [('"', _), inner @ .., ('"', _)] = literal.as_slice() else {
        return None;
    };
    Some(unescape(inner))
}

fn spanned_chars(raw: &str, base: u32) -> Vec<(char, Span)> {
    raw.char_indices()
        .map(|(i, c)| {
            let start = base + i as u32;
            (
                c,
                Span {
                    start,
                    end: start + c.len_utf8() as u32,
                },
            )
        })
        .collect()
}

/// Decode JSON string escapes over a sequence of spanned characters; each output character covers the
/// spans of everything it was decoded from. Malformed escapes are kept as written (input was validated).
fn unescape(seq: &[(char, Span)]) -> Vec<(char, Span)> {
    let mut out = Vec::with_capacity(seq.len());
    let mut i = 0;
    while let Some(&(c, s)) = seq.get(i) {
        let Some(&(e, es)) = seq.get(i + 1).filter(|_| c == '\\') else {
            out.push((c, s));
            i += 1;
            continue;
        };
        let simple = match e {
            '"' => Some('"'),
            '\\' => Some('\\'),
            '/' => Some('/'),
            'b' => Some('\u{8}'),
            'f' => Some('\u{c}'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            _ => None,
        };
        if let Some(d) = simple {
            out.push((d, s.cover(es)));
            i += 2;
            continue;
        }
        if e == 'u' {
            if let Some(hi) = hex4(seq, i + 2) {
                // `hex4` found the four digits, so `i + 5` is in the sequence.
                let mut end = seq.get(i + 5).map_or(es, |x| x.1);
                let mut code = hi;
                let mut used = 6;
                if (0xd800..0xdc00).contains(&hi)
                    && seq.get(i + 6).is_some_and(|x| x.0 == '\\')
                    && seq.get(i + 7).is_some_and(|x| x.0 == 'u')
                {
                    if let Some(lo) = hex4(seq, i + 8).filter(|lo| (0xdc00..0xe000).contains(lo)) {
                        code = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
                        end = seq.get(i + 11).map_or(end, |x| x.1);
                        used = 12;
                    }
                }
                out.push((char::from_u32(code).unwrap_or('\u{fffd}'), s.cover(end)));
                i += used;
                continue;
            }
        }
        out.push((c, s));
        i += 1;
    }
    out
}

fn hex4(seq: &[(char, Span)], at: usize) -> Option<u32> {
    let digits = seq.get(at..at + 4)?;
    digits
        .iter()
        .try_fold(0u32, |acc, (c, _)| Some(acc * 16 + c.to_digit(16)?))
}

/// Visit every string in the tree, keys included, with the span it came from, in source order
/// (a visitor rather than a collected `Vec`: it runs on every document).
pub fn strings<'a>(node: &'a Node, f: &mut impl FnMut(&'a str, Span)) {
    match &node.value {
        Value::String(s) => f(s, node.span),
        Value::Array(items) => items.iter().for_each(|n| strings(n, f)),
        Value::Object(members) => {
            for m in members {
                f(&m.key, m.key_span);
                strings(&m.value, f);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn chars_of_plain_and_escaped_literals() {
        let text = r#"{"Sid": "caf\u00e9’"}"#;
        let start = text.find("\"caf").unwrap();
        let end = text.rfind('"').unwrap() + 1;
        let cs = string_chars(text, Span::new(start, end)).unwrap();
        let s: String = cs.iter().map(|c| c.0).collect();
        assert_eq!(s, "café’");
        assert_eq!(
            &text[cs[3].1.start as usize..cs[3].1.end as usize],
            "\\u00e9"
        );
        assert_eq!(&text[cs[4].1.start as usize..cs[4].1.end as usize], "’");
    }

    #[test]
    fn chars_of_doubly_escaped_literals() {
        // The inner literal `\"a\\u2019b\"`: the outer decode gives `"a\u2019b"`, the inner one `a’b`.
        let text = r#"{"Policy": "{\"Sid\":\"a\\u2019b\"}"}"#;
        let start = text.find(r#"\"a"#).unwrap();
        let end = text.find(r#"b\""#).unwrap() + 3;
        let cs = string_chars(text, Span::new(start, end)).unwrap();
        let s: String = cs.iter().map(|c| c.0).collect();
        assert_eq!(s, "a’b");
        assert_eq!(
            &text[cs[1].1.start as usize..cs[1].1.end as usize],
            r"\\u2019"
        );
    }

    #[test]
    fn yaml_scalars_are_not_json_literals() {
        let text = "Resource: arn:aws:s3:::b";
        assert!(string_chars(text, Span::new(10, text.len())).is_none());
    }

    #[test]
    fn surrogate_pairs_decode_to_one_char() {
        let text = r#""x\ud83d\ude00""#;
        let cs = string_chars(text, Span::new(0, text.len())).unwrap();
        assert_eq!(cs.len(), 2);
        assert_eq!(cs[1].0, '😀');
        assert_eq!(cs[1].1, Span::new(2, text.len() - 1));
    }
}
