//! PARSE: a file trustlint cannot read as what it claims to be (invalid JSON/YAML, not UTF-8, too large,
//! unreadable). Raised from the loaders' issues; the run goes on with the other files.

use crate::rules::{Finding, RuleMeta};
use crate::source::{FileId, Span};

pub const META: RuleMeta = crate::rule_meta!(Parse, "PARSE", Error, "Malformed input file");

pub fn finding(
    file: FileId,
    span: Span,
    message: String,
    label: Option<String>,
    help: Option<String>,
) -> Finding {
    let mut f = Finding::new(META.id, META.severity, file, span, message);
    f.label = label;
    f.help = help;
    f
}
