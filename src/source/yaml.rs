//! YAML → the same spanned [`Node`] tree as JSON, with byte spans, for CloudFormation templates.
//!
//! Built on `saphyr-parser`'s event stream (not `saphyr`'s `MarkedYaml` tree) so that we control the
//! spans, the limits and the tags:
//! - spans are **bytes** (the parser's markers count characters; [`CharToByte`] converts);
//! - a scalar's span is exactly its text (quotes included, like JSON; a block scalar's content without
//!   its trailing newlines); a flow collection runs from its bracket to its closing bracket; a block
//!   collection from its first entry to the end of its last (no trailing newline);
//! - CloudFormation short-form tags become the long form: `!Ref X` → `{"Ref": "X"}`, `!Sub s` →
//!   `{"Fn::Sub": s}`, `!Condition C` → `{"Condition": "C"}`, `!GetAtt A.B.C` → `{"Fn::GetAtt": ["A",
//!   "B.C"]}`; any other `!Name` → `{"Fn::Name": …}` (so an unknown one is reported by the template
//!   rules). The member's key span is the tag (`!Sub`), the object's span covers tag and value;
//! - plain scalars follow the YAML 1.2 core schema: `null`/`~`/empty → Null, `true`/`false` → Bool,
//!   integers and floats → Number (source text kept); quoted scalars are always strings;
//! - anchors and aliases are expanded (an alias is a copy of the anchored node, spans pointing at the
//!   anchor), within a node budget so alias bombs are an error, not an out-of-memory;
//! - a plain `-` before `,` `]` `}` in a flow collection is the string `-` (PyYAML/SnakeYAML, as
//!   CloudFormation reads it; see [`parse`]). Divergences from the YAML test suite are listed, with
//!   reasons, in `tests/data/yaml-suite/known-divergences.tsv`;
//! - duplicate keys, complex (non-scalar) keys, nesting deeper than [`MAX_DEPTH`] and syntax errors are
//!   [`YamlError`]s with a byte position.

use super::Node;
use builder::parse_once;
use repair::Repairs;

mod builder;
mod repair;
mod scalar;
#[cfg(test)]
mod tests;

/// Nesting deeper than this is an error (same limit as the JSON parser), also after alias expansion:
/// every later pass over the tree may recurse.
pub const MAX_DEPTH: usize = 256;

/// Bytes alias expansion may add beyond the file's own text: `ALIAS_BYTES_PER_BYTE` per byte of the
/// file plus `ALIAS_BYTES_BASE` (a 100 KB scalar aliased 20,000 times asked for 2 GB).
pub const ALIAS_BYTES_PER_BYTE: usize = 4;
pub const ALIAS_BYTES_BASE: usize = 1 << 20;

/// Bytes a node is counted for: its text plus this much per node.
const NODE_BYTES: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// Byte offset of the problem.
    pub offset: usize,
    /// Byte length of the offending text (0 when it is a position).
    pub len: usize,
    pub message: String,
    /// The analysis limit exceeded (a finding of its own, not a syntax error).
    pub limit: Option<&'static str>,
}

/// Character index → byte offset, with a checkpoint every 64 characters (no table at all for ASCII).
pub struct CharToByte<'a> {
    text: &'a str,
    ascii: bool,
    checkpoints: Vec<u32>,
}

const STRIDE: usize = 64;

impl<'a> CharToByte<'a> {
    pub fn new(text: &'a str) -> Self {
        let ascii = text.is_ascii();
        let mut checkpoints = Vec::new();
        if !ascii {
            checkpoints.reserve(text.len() / STRIDE + 1);
            for (i, (b, _)) in text.char_indices().enumerate() {
                if i % STRIDE == 0 {
                    checkpoints.push(b as u32);
                }
            }
        }
        CharToByte {
            text,
            ascii,
            checkpoints,
        }
    }

    /// The byte offset of character `index` (the text length when past the end).
    pub fn byte(&self, index: usize) -> usize {
        if self.ascii {
            return index.min(self.text.len());
        }
        let Some(&cp) = self.checkpoints.get(index / STRIDE) else {
            return self.text.len();
        };
        let rest = index % STRIDE;
        self.text[cp as usize..]
            .char_indices()
            .nth(rest)
            .map_or(self.text.len(), |(b, _)| cp as usize + b)
    }
}

/// At most this many repairs (see [`parse`]) per file: each costs a re-parse.
const MAX_REPAIRS: usize = 64;

/// Parse every document of a YAML stream. An empty stream yields no document.
///
/// CloudFormation reads YAML with SnakeYAML, which (like PyYAML, hence cfn-lint) accepts two things
/// YAML 1.2 and our parser reject; both are repaired here and the text parsed again, with spans mapped
/// back to the original text:
/// - a plain `-` directly followed by `,`, `]` or `}` in a flow collection is the string `-`
///   (`!Join [ -, [a, b] ]`): the `-` is replaced by a placeholder of the same length, and the builder
///   gives that scalar back its `-`;
/// - continuation lines of a quoted scalar, and lines inside a flow collection, indented less than
///   YAML 1.2 requires: spaces are inserted at the start of those lines (the value does not change:
///   leading white space of such lines is not part of it).
pub fn parse(text: &str) -> Result<Vec<Node>, YamlError> {
    let mut fix = Repairs::default();
    let mut owned: Option<String> = None;
    loop {
        let cur = owned.as_deref().unwrap_or(text);
        match parse_once(cur, &fix.dashes) {
            Ok(mut docs) => {
                if !fix.inserts.is_empty() {
                    docs.iter_mut().for_each(|d| d.remap(&|p| fix.original(p)));
                }
                return Ok(docs);
            }
            Err((e, in_flow)) => {
                let repaired = fix.count < MAX_REPAIRS && {
                    let mut t = owned.take().unwrap_or_else(|| text.to_string());
                    let ok = fix.repair(&mut t, &e, in_flow);
                    owned = Some(t);
                    ok
                };
                if !repaired {
                    let offset = fix.original(e.offset as u32) as usize;
                    return Err(YamlError { offset, ..e });
                }
            }
        }
    }
}

#[cfg(test)]
mod flow_dash_tests {
    use super::*;

    #[test]
    fn a_plain_dash_in_a_flow_collection_is_a_string_with_its_span() {
        let t = "Name: !Join [ -, [a, b] ]\nQ: '[ -, x ]'\n";
        let d = parse(t).unwrap();
        let join = d[0].get("Name").unwrap().get("Fn::Join").unwrap();
        let dash = &join.as_array().unwrap()[0];
        assert_eq!(dash.as_str(), Some("-"));
        assert_eq!(&t[dash.span.start as usize..dash.span.end as usize], "-");
        // A quoted string is never touched.
        assert_eq!(d[0].get("Q").unwrap().as_str(), Some("[ -, x ]"));
        // `- ` (a block entry) inside a flow collection stays an error, as in PyYAML.
        assert!(parse("a: [ - , x ]\n").is_err());
    }
}

#[cfg(test)]
mod lenient_indent_tests {
    use super::*;

    #[test]
    fn under_indented_lines_parse_and_spans_stay_on_the_original_text() {
        let t = "A:\n  V: 'one\n  two'\n  W: [\n      x,\n    y\n  ]\n  Z: last\n";
        assert!(parse_once("A:\n  V: 'one\n  two'\n", &[]).is_err());
        // YAML 1.2 (and the parser) reject both under-indented lines; SnakeYAML accepts them.
        let flow = "S:\n  C:\n      'k': [\n          x,\n      y\n      ]\n";
        assert!(parse_once(flow, &[]).is_err());
        let d = parse(flow).unwrap();
        let k = d[0].get("S").unwrap().get("C").unwrap().get("k").unwrap();
        assert_eq!(
            &flow[k.span.start as usize..k.span.end as usize],
            "[\n          x,\n      y\n      ]"
        );
        let d = parse(t).unwrap();
        let a = d[0].get("A").unwrap();
        assert_eq!(a.get("V").unwrap().as_str(), Some("one two"));
        let at = |n: &Node| &t[n.span.start as usize..n.span.end as usize];
        assert_eq!(at(a.get("V").unwrap()), "'one\n  two'");
        assert_eq!(at(&a.get("W").unwrap().as_array().unwrap()[1]), "y");
        assert_eq!(at(a.get("Z").unwrap()), "last");
        let z = a
            .as_object()
            .unwrap()
            .iter()
            .find(|m| m.key == "Z")
            .unwrap();
        assert_eq!(&t[z.key_span.start as usize..z.key_span.end as usize], "Z");
    }
}
