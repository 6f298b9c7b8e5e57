//! Symbolic values: parts of a text that cannot be known statically (a CloudFormation `GetAtt` of a role
//! without `RoleName`, a parameter without default, a dynamic reference, a Terraform value known after
//! apply, the account of an unbound template).
//!
//! Each unknown is a typed [`Sym`] whose variant says where it comes from. A text that is partly unknown
//! (`arn:aws:s3:::‹BucketName of Src in stack s›/*`) keeps its literal parts and refers to its symbols by
//! [`SymId`]; the id is a content hash of the symbol, so equal symbols have equal ids in every run and
//! on every thread, and output is deterministic. The reference is carried inside the text between two
//! code points that the source layer reserves ([`crate::source::reserved`]): user input that contains
//! them is decoded to U+FFFD, so no user string is ever read as a symbol.
//!
//! Semantics: a symbol equals itself; two different symbols are neither equal nor different; a literal
//! and a symbol are neither. Every consumer that compares text asks [`has_symbol`] first and answers
//! "cannot prove" — never guesses. Messages show symbols as `‹label›` via [`display`]; labels are for
//! people only and are never parsed.

use crate::source::reserved::{SYM_CLOSE, SYM_OPEN};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, RwLock};

/// Where an unknown value comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Sym {
    /// A value generated at deploy time for a resource (CloudFormation logical id or Terraform address):
    /// unique to it, so equal only to itself.
    Generated {
        /// The unique key of the stack (template path, Terraform target).
        key: String,
        /// The stack name shown to people.
        stack: String,
        logical_id: String,
        attr: String,
    },
    /// A value a resource's provider chooses (a custom resource's `Ref` or attribute, a nested stack's
    /// output, an SSM parameter's stored value): the same wherever it is used, but unlike a generated
    /// identity it may equal any other value.
    Provided {
        key: String,
        stack: String,
        logical_id: String,
        /// The resource type (`Custom::…`, `AWS::CloudFormation::Stack`, …).
        ty: String,
        attr: String,
    },
    /// A template parameter without a value (no default, no configured value, or SSM-typed).
    Parameter {
        key: String,
        stack: String,
        name: String,
    },
    /// A pseudo parameter of an unbound stack (`AWS::AccountId`, `AWS::Region`, `AWS::StackName`, …).
    Pseudo {
        key: String,
        stack: String,
        name: String,
    },
    /// A choice between alternatives under a condition that cannot be decided (`Fn::If`). `None` is
    /// `AWS::NoValue`; alternatives are texts that may hold symbols themselves.
    Choice {
        condition: String,
        alternatives: Vec<Option<String>>,
    },
    /// A CloudFormation dynamic reference (`{{resolve:ssm:…}}`, `ssm-secure`, `secretsmanager`).
    DynamicRef { reference: String },
    /// A Terraform value known only after apply, when the configuration does not say where it comes from.
    /// `key` is the stack (plan and provider configuration).
    AfterApply {
        key: String,
        address: String,
        attribute: String,
        /// Where in the plan (byte offset): two unknowns of one attribute (list items) differ.
        site: u32,
    },
    /// `Fn::ImportValue` of an export no analysed template defines.
    Import { name: String },
    /// Anything else that cannot be known: the result of a function trustlint does not evaluate, a
    /// malformed or unresolved reference (reported separately), a non-scalar in a text position.
    Opaque {
        what: String,
        /// Where it occurs (file and offset), so two such unknowns are different values.
        site: String,
    },
}

impl Sym {
    /// The text of this symbol alone (interned).
    pub fn text(self) -> String {
        let id = intern(self);
        let mut s = String::with_capacity(20);
        push_id(&mut s, id);
        s
    }

    /// A human label (shown between `‹…›`).
    pub fn label(&self) -> String {
        match self {
            Sym::Generated {
                stack,
                logical_id,
                attr,
                ..
            } => format!("{attr} of {logical_id} in stack {stack}"),
            Sym::Provided {
                stack,
                logical_id,
                ty,
                attr,
                ..
            } => format!("{attr} returned by {logical_id} ({ty}) in stack {stack}"),
            Sym::Parameter { stack, name, .. } => format!("parameter {name} of stack {stack}"),
            Sym::Pseudo { stack, name, .. } if name == "AWS::StackId" => {
                format!("stack id of stack {stack}")
            }
            Sym::Pseudo { stack, name, .. } => format!("{name} of stack {stack}"),
            Sym::Choice {
                condition,
                alternatives,
            } => {
                let alts: Vec<String> = alternatives
                    .iter()
                    .map(|a| match a {
                        None => "no value".to_string(),
                        Some(v) => format!("`{}`", display(v)),
                    })
                    .collect();
                format!("one of {} (condition {condition})", alts.join(" | "))
            }
            Sym::DynamicRef { reference } => format!("dynamic reference {reference}"),
            Sym::AfterApply {
                key,
                address,
                attribute,
                ..
            } => format!("{attribute} of {address}, known after apply (stack {key})"),
            Sym::Import { name } => {
                format!("export {name} (not defined in the analysed templates)")
            }
            Sym::Opaque { what, .. } => what.clone(),
        }
    }

    /// Whether this is a deploy-time identity of one resource (equal only to itself, and every occurrence
    /// of it is the same value).
    pub fn is_generated(&self) -> bool {
        matches!(self, Sym::Generated { .. })
    }

    /// Whether this stands for an account id or region of an unbound template.
    pub fn is_pseudo(&self, name: &str) -> bool {
        matches!(self, Sym::Pseudo { name: n, .. } if n == name)
    }
}

/// An opaque symbol (see [`Sym::Opaque`]), as text.
pub fn opaque(what: impl Into<String>, site: impl Into<String>) -> String {
    Sym::Opaque {
        what: what.into(),
        site: site.into(),
    }
    .text()
}

/// The identity of a symbol: a 64-bit content hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SymId(u64);

impl SymId {
    /// The symbol this id stands for. Ids come only from [`intern`], so the table always holds it; a
    /// stray id (impossible by construction) reads as an opaque unknown rather than panicking.
    pub fn get(self) -> Arc<Sym> {
        table().get(&self.0).cloned().unwrap_or_else(|| {
            Arc::new(Sym::Opaque {
                what: "?".into(),
                site: String::new(),
            })
        })
    }
    pub fn label(self) -> String {
        self.get().label()
    }
    /// A token made of `[a-z0-9-]` that stands for this symbol where a concrete value is needed (the
    /// requirements checker's stand-ins for generated identities).
    pub fn stand_in(self) -> String {
        format!("tl-{:016x}", self.0)
    }
}

type Table = HashMap<u64, Arc<Sym>>;

static TABLE: LazyLock<RwLock<Table>> = LazyLock::new(|| RwLock::new(HashMap::new()));

fn table() -> std::sync::RwLockReadGuard<'static, Table> {
    TABLE.read().unwrap_or_else(|e| e.into_inner())
}

/// FNV-1a over a canonical encoding: stable across runs, platforms and threads.
fn hash(sym: &Sym) -> u64 {
    struct Fnv(u64);
    impl Fnv {
        fn eat(&mut self, s: &str) {
            for b in s.bytes().chain([0xff]) {
                self.0 ^= u64::from(b);
                self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
    }
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    match sym {
        Sym::Generated {
            key,
            stack,
            logical_id,
            attr,
        } => {
            h.eat("G");
            h.eat(key);
            h.eat(stack);
            h.eat(logical_id);
            h.eat(attr);
        }
        Sym::Provided {
            key,
            stack,
            logical_id,
            ty,
            attr,
        } => {
            h.eat("V");
            h.eat(key);
            h.eat(stack);
            h.eat(logical_id);
            h.eat(ty);
            h.eat(attr);
        }
        Sym::Parameter { key, stack, name } => {
            h.eat("P");
            h.eat(key);
            h.eat(stack);
            h.eat(name);
        }
        Sym::Pseudo { key, stack, name } => {
            h.eat("S");
            h.eat(key);
            h.eat(stack);
            h.eat(name);
        }
        Sym::Choice {
            condition,
            alternatives,
        } => {
            h.eat("C");
            h.eat(condition);
            for a in alternatives {
                match a {
                    None => h.eat("-"),
                    Some(v) => {
                        h.eat("+");
                        h.eat(v);
                    }
                }
            }
        }
        Sym::DynamicRef { reference } => {
            h.eat("D");
            h.eat(reference);
        }
        Sym::AfterApply {
            key,
            address,
            attribute,
            site,
        } => {
            h.eat("A");
            h.eat(key);
            h.eat(address);
            h.eat(attribute);
            h.eat(&site.to_string());
        }
        Sym::Import { name } => {
            h.eat("I");
            h.eat(name);
        }
        Sym::Opaque { what, site } => {
            h.eat("O");
            h.eat(what);
            h.eat(site);
        }
    }
    h.0
}

/// Register a symbol and return its id.
pub fn intern(sym: Sym) -> SymId {
    let h = hash(&sym);
    if table().contains_key(&h) {
        return SymId(h);
    }
    let mut t = TABLE.write().unwrap_or_else(|e| e.into_inner());
    t.entry(h).or_insert_with(|| Arc::new(sym));
    SymId(h)
}

fn push_id(out: &mut String, id: SymId) {
    use std::fmt::Write;
    out.push(SYM_OPEN);
    let _ = write!(out, "{:016x}", id.0);
    out.push(SYM_CLOSE);
}

/// Append a symbol reference to a text under construction.
pub fn push(out: &mut String, id: SymId) {
    push_id(out, id);
}

pub fn has_symbol(s: &str) -> bool {
    s.contains(SYM_OPEN)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part<'a> {
    Lit(&'a str),
    Sym(SymId),
}

/// Split a text into literal and symbolic parts, in order.
pub fn parts(s: &str) -> Vec<Part<'_>> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(SYM_OPEN) {
        if let Some(lit) = rest.get(..i).filter(|l| !l.is_empty()) {
            out.push(Part::Lit(lit));
        }
        let after = rest.get(i + SYM_OPEN.len_utf8()..).unwrap_or("");
        let Some(j) = after.find(SYM_CLOSE) else {
            rest = "";
            break;
        };
        if let Ok(h) = u64::from_str_radix(after.get(..j).unwrap_or(""), 16) {
            out.push(Part::Sym(SymId(h)));
        }
        rest = after.get(j + SYM_CLOSE.len_utf8()..).unwrap_or("");
    }
    if !rest.is_empty() {
        out.push(Part::Lit(rest));
    }
    out
}

/// The symbols in `s`, in order.
pub fn symbols(s: &str) -> Vec<SymId> {
    parts(s)
        .into_iter()
        .filter_map(|p| match p {
            Part::Sym(id) => Some(id),
            Part::Lit(_) => None,
        })
        .collect()
}

/// The symbol a text consists of, when it is exactly one.
pub fn only_symbol(s: &str) -> Option<SymId> {
    match parts(s).as_slice() {
        [Part::Sym(id)] => Some(*id),
        _ => None,
    }
}

/// The literal characters of a text (symbols skipped).
pub fn literal_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    parts(s)
        .into_iter()
        .filter_map(|p| match p {
            Part::Lit(l) => Some(l),
            Part::Sym(_) => None,
        })
        .flat_map(str::chars)
}

/// The literal text before the first symbol.
pub fn literal_prefix(s: &str) -> &str {
    match s.find(SYM_OPEN) {
        Some(i) => s.get(..i).unwrap_or(""),
        None => s,
    }
}

/// Every value a text may take when it is a choice (nested choices included) between literal
/// alternatives; `None` in the list is `AWS::NoValue`. `None` overall when the text may be anything
/// (another kind of unknown, or literal parts around a symbol).
pub fn possible_values(s: &str) -> Option<Vec<Option<String>>> {
    // Choices nest only as deep as the template's `Fn::If`s; the bounds keep a hostile template cheap.
    fn walk(s: &str, depth: usize, out: &mut Vec<Option<String>>) -> bool {
        if !has_symbol(s) {
            out.push(Some(s.to_string()));
            return true;
        }
        let Some(id) = only_symbol(s) else {
            return false;
        };
        let Sym::Choice { alternatives, .. } = &*id.get() else {
            return false;
        };
        if depth >= 16 || out.len() + alternatives.len() > 256 {
            return false;
        }
        alternatives.iter().all(|a| match a {
            None => {
                out.push(None);
                true
            }
            Some(t) => walk(t, depth + 1, out),
        })
    }
    let mut out = Vec::new();
    walk(s, 0, &mut out).then_some(out)
}

/// Rebuild a text, mapping each symbol to a replacement text (which may itself hold symbols).
pub fn map_symbols(s: &str, mut f: impl FnMut(SymId) -> String) -> String {
    if !has_symbol(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for p in parts(s) {
        match p {
            Part::Lit(l) => out.push_str(l),
            Part::Sym(id) => out.push_str(&f(id)),
        }
    }
    out
}

/// Human form: symbols as `‹label›`, and the requirements checker's stand-ins ([`SymId::stand_in`])
/// shown as the symbol they stand for.
pub fn display(s: &str) -> String {
    if !has_symbol(s) {
        return stand_ins_shown(s);
    }
    let mut out = String::with_capacity(s.len());
    for p in parts(s) {
        match p {
            Part::Lit(l) => out.push_str(l),
            Part::Sym(id) => {
                out.push('‹');
                out.push_str(&id.label());
                out.push('›');
            }
        }
    }
    stand_ins_shown(&out)
}

/// Replace each `tl-<16 hex>` stand-in of a known symbol by `‹label›`.
fn stand_ins_shown(s: &str) -> String {
    if !s.contains("tl-") {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("tl-") {
        let (head, tail) = rest.split_at(i);
        out.push_str(head);
        let hex = tail
            .get(3..19)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        let sym = hex
            .and_then(|h| u64::from_str_radix(h, 16).ok())
            .filter(|h| table().contains_key(h));
        match sym {
            Some(h) => {
                out.push('‹');
                out.push_str(&SymId(h).label());
                out.push('›');
                rest = tail.get(19..).unwrap_or("");
            }
            None => {
                out.push_str("tl-");
                rest = tail.get(3..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// Replace every dynamic reference (`{{resolve:service:…}}`) in a literal text by a symbol.
/// CloudFormation resolves them at deploy time anywhere inside a string value.
pub fn dynamic_refs(s: &str) -> String {
    replace_braced(s, "{{resolve:", |whole, _| {
        let mut out = String::new();
        push(
            &mut out,
            intern(Sym::DynamicRef {
                reference: whole.to_string(),
            }),
        );
        out
    })
}

/// Replace each `{{<open>…}}` in `s` by `f(whole, body)` (an unterminated one stays as written).
pub fn replace_braced(s: &str, open: &str, mut f: impl FnMut(&str, &str) -> String) -> String {
    if !s.contains(open) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(open) {
        let (head, tail) = rest.split_at(i);
        out.push_str(head);
        match tail.find("}}") {
            Some(j) => {
                let (whole, after) = tail.split_at(j + 2);
                let body = whole.get(open.len()..j).unwrap_or("");
                out.push_str(&f(whole, body));
                rest = after;
            }
            None => {
                out.push_str(tail);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
