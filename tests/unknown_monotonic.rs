//! Issue 9, item 5 — "unknown stays unknown" as a property: making one literal value of a correct or
//! one-defect fixture unknown may turn a finding into `UNPROVEN`, it must never create an error or a
//! warning.
//!
//! Every fixture folder under `fixtures/` (except `fixtures/unknowns/`, whose cases already hold
//! unknowns) is read into memory; YAML templates are read with trustlint's own YAML loader (short-form
//! tags become long-form intrinsics) and written back as JSON with the same file stem, so stack names,
//! which come from file stems, do not change. The baseline is the check of that unmutated copy, so any
//! difference between a variant and its baseline comes from the mutation alone.
//!
//! Mutations (one per variant):
//! - CloudFormation, any value below `Resources.*.Properties` or `Outputs.*.Value` (scalars, lists,
//!   whole policy documents and rule lists; an intrinsic function is replaced as a whole, never entered):
//!   `{"Ref": <new parameter without Default>}` (`String`, or `CommaDelimitedList` for a list), a dynamic
//!   reference `{{resolve:ssm:/trustlint/x}}` (scalars only: it is a string), `{"Fn::ImportValue":
//!   "not-exported-anywhere"}`, `{"Fn::GetAtt": [<new custom resource>, "Value"]}` (a
//!   value its provider returns: a generated identity of a new resource would be a *different* known
//!   value, not a less known one), and an undecidable
//!   `Fn::If` on a new parameter between the value and another literal of the same shape, in both orders;
//! - Terraform plan JSON: any value of a planned resource moved from `after` (and `planned_values`) into
//!   `after_unknown`, at any depth, whole lists and blocks included;
//! - an unbound account: `Metadata.trustlint.account` of a template, or one `account =` line of
//!   `trustlint.toml`, removed (every one of these is always tried).
//!
//! Findings are compared as multisets of (rule, severity, file, resource): positions move when the text
//! length changes and messages may name the unknown, but a finding that keeps its rule, severity, file
//! and resource is the same finding. A count that grows is a new finding. Only errors and warnings other
//! than `UNPROVEN` are violations (the contract: an info such as "deploy these stacks in order"
//! may appear); new infos are listed with the violations for the record.
//!
//! `TRUSTLINT_UNKNOWN_CAP` (default 15, what every `cargo test` runs: about 7,000 variants) is the
//! number of sampled value mutations per fixture;
//! `TRUSTLINT_UNKNOWN_SEED` (default 9) seeds the sample. `TRUSTLINT_UNKNOWN_CAP=1000` runs every
//! mutation of every fixture (long, for local runs); `TRUSTLINT_UNKNOWN_ONLY=terraform/` keeps the
//! fixtures whose folder name contains that text; `TRUSTLINT_UNKNOWN_KINDS=IfOriginalFirst,Ref` keeps
//! those kinds of mutation; `TRUSTLINT_UNKNOWN_REPORT=1` prints the grouped report even when the test
//! passes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

use rayon::prelude::*;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use trustlint::config::Config;
use trustlint::rules::precedence::{FOLDED_INTO_DSTPOL_MISSING, SUPERSEDES};

mod common;

const DEFAULT_CAP: usize = 15;
const DEFAULT_SEED: u64 = 9;
const PARAM: &str = "TrustlintUnknownValue";
const CHOICE: &str = "TrustlintUnknownChoice";
const CHOICE_COND: &str = "TrustlintUnknownChoiceIsA";
const HANDLE: &str = "TrustlintUnknownHandle";
const DYNAMIC: &str = "{{resolve:ssm:/trustlint/x}}";
const IMPORT: &str = "not-exported-anywhere";

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// splitmix64: a tiny deterministic generator (no dependency for a shuffle).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// FNV-1a, so each fixture gets its own stable sample.
fn hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Key(String),
    Index(usize),
}

fn pointer(path: &[Step]) -> String {
    path.iter()
        .map(|s| match s {
            Step::Key(k) => format!("/{k}"),
            Step::Index(i) => format!("/{i}"),
        })
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Ref,
    Dynamic,
    Import,
    GetAtt,
    /// `Fn::If [cond, original, alternative]`.
    IfOriginalFirst,
    /// `Fn::If [cond, alternative, original]`.
    IfOriginalSecond,
    AfterUnknown,
    UnbindMetadata,
    UnbindConfig,
}

const ALL_KINDS: [Kind; 9] = [
    Kind::Ref,
    Kind::Dynamic,
    Kind::Import,
    Kind::GetAtt,
    Kind::IfOriginalFirst,
    Kind::IfOriginalSecond,
    Kind::AfterUnknown,
    Kind::UnbindMetadata,
    Kind::UnbindConfig,
];

#[derive(Clone, Debug)]
struct Mutation {
    file: PathBuf,
    /// JSON path in the file; for a Terraform plan, inside the resource's `values`; for
    /// `UnbindConfig`, `[Index(line)]`.
    path: Vec<Step>,
    /// Terraform resource address.
    address: Option<String>,
    kind: Kind,
}

impl fmt::Display for Mutation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} at {}", self.kind, self.file.display())?;
        if let Some(a) = &self.address {
            write!(f, " {a}")?;
        }
        match (self.kind, self.path.first()) {
            (Kind::UnbindConfig, Some(Step::Index(line))) => write!(f, " line {}", line + 1),
            _ => write!(f, " {}", pointer(&self.path)),
        }
    }
}

#[derive(Clone)]
enum Content {
    Template(Value),
    Plan(Value),
    Text(String),
}

#[derive(Clone)]
struct Fixture {
    name: String,
    /// Relative path → content (YAML templates already renamed to `.json`).
    files: BTreeMap<PathBuf, Content>,
}

fn is_template(v: &Value) -> bool {
    v.get("Resources").is_some_and(Value::is_object)
}

fn is_plan(v: &Value) -> bool {
    v.get("format_version").is_some()
        && (v.get("planned_values").is_some() || v.get("resource_changes").is_some())
}

/// trustlint's spanned tree as plain JSON.
fn to_json(n: &trustlint::source::Node) -> Value {
    use trustlint::source::Value as V;
    match &n.value {
        V::Null => Value::Null,
        V::Bool(b) => Value::Bool(*b),
        V::Number(s) => serde_json::from_str::<serde_json::Number>(s)
            .map(Value::Number)
            .unwrap_or_else(|_| Value::String(s.clone())),
        V::String(s) => Value::String(s.clone()),
        V::Array(a) => Value::Array(a.iter().map(to_json).collect()),
        V::Object(m) => Value::Object(
            m.iter()
                .map(|m| (m.key.clone(), to_json(&m.value)))
                .collect(),
        ),
    }
}

fn read_fixture(root: &Path, dir: &Path) -> Fixture {
    let mut files = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if !e.file_type().is_file() {
            continue;
        }
        let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
        let bytes = std::fs::read(e.path()).unwrap();
        let Ok(text) = String::from_utf8(bytes.clone()) else {
            // Not text: kept as is would need bytes; no fixture of interest is binary.
            continue;
        };
        let ext = rel
            .extension()
            .and_then(|x| x.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let content = match ext.as_str() {
            "json" | "template" => match serde_json::from_str::<Value>(&text) {
                Ok(v) if is_template(&v) => Content::Template(v),
                Ok(v) if is_plan(&v) => Content::Plan(v),
                _ => Content::Text(text),
            },
            "yaml" | "yml" => match trustlint::source::yaml::parse(&text) {
                Ok(docs) if docs.len() == 1 && is_template(&to_json(&docs[0])) => {
                    let json_rel = rel.with_extension("json");
                    if dir.join(&json_rel).exists() {
                        Content::Text(text)
                    } else {
                        files.insert(json_rel, Content::Template(to_json(&docs[0])));
                        continue;
                    }
                }
                _ => Content::Text(text),
            },
            _ => Content::Text(text),
        };
        files.insert(rel, content);
    }
    Fixture {
        name: dir.strip_prefix(root).unwrap().display().to_string(),
        files,
    }
}

/// Fixture folders: a folder with a `trustlint.toml` or with input files directly in it, not below
/// another fixture folder.
fn fixture_dirs(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    let inputs = entries.iter().any(|p| {
        p.is_file()
            && p.file_name().is_some_and(|n| n != "expected.json")
            && p.extension().and_then(|x| x.to_str()).is_some_and(|x| {
                matches!(
                    x.to_ascii_lowercase().as_str(),
                    "json" | "yaml" | "yml" | "template" | "toml"
                )
            })
    });
    if inputs {
        out.push(dir.to_path_buf());
        return;
    }
    for p in entries {
        if p.is_dir()
            && p.file_name()
                .is_some_and(|n| n != "unknowns" && n != "tools")
        {
            fixture_dirs(&p, out);
        }
    }
}

fn fixtures() -> Vec<Fixture> {
    let root = common::root().join("fixtures");
    let mut dirs = Vec::new();
    fixture_dirs(&root, &mut dirs);
    dirs.iter().map(|d| read_fixture(&root, d)).collect()
}

fn is_intrinsic(v: &Value) -> bool {
    v.as_object().is_some_and(|m| {
        m.len() == 1
            && m.keys()
                .all(|k| k == "Ref" || k == "Condition" || k.starts_with("Fn::"))
    })
}

/// Every value below `v` (not `v` itself), intrinsic functions as wholes.
fn walk(v: &Value, path: &mut Vec<Step>, out: &mut Vec<(Vec<Step>, Value)>, enter_intrinsic: bool) {
    let children: Vec<(Step, &Value)> = match v {
        Value::Object(m) => m.iter().map(|(k, c)| (Step::Key(k.clone()), c)).collect(),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .map(|(i, c)| (Step::Index(i), c))
            .collect(),
        _ => return,
    };
    for (s, c) in children {
        path.push(s);
        out.push((path.clone(), c.clone()));
        if enter_intrinsic || !is_intrinsic(c) {
            walk(c, path, out, enter_intrinsic);
        }
        path.pop();
    }
}

/// Properties that hold a whole policy document: CloudFormation also takes them as a JSON string, so
/// a string-valued unknown is a valid whole document.
const POLICY_KEYS: [&str; 5] = [
    "PolicyDocument",
    "AssumeRolePolicyDocument",
    "KeyPolicy",
    "PolicyText",
    "ResourcePolicy",
];

/// The kinds of unknown that can stand at `path`. A `Ref`, import, attribute or dynamic reference is a
/// string (a `CommaDelimitedList` parameter a list of strings), so it replaces scalars, lists and whole
/// policy documents, never an object that must be one (a statement, a principal map, a rule): that
/// would be a type error CloudFormation itself rejects, not an unknown value. A choice between two
/// values of the same shape fits everywhere.
fn cfn_kinds(path: &[Step], v: &Value) -> Vec<Kind> {
    let whole_policy =
        matches!(path.last(), Some(Step::Key(k)) if POLICY_KEYS.contains(&k.as_str()));
    let scalar = !v.is_object() && !v.is_array() && !v.is_null();
    let mut k = Vec::new();
    if scalar || whole_policy || is_intrinsic(v) {
        k.extend([Kind::Ref, Kind::Import, Kind::GetAtt, Kind::Dynamic]);
    } else if v
        .as_array()
        .is_some_and(|a| a.iter().all(|x| !x.is_object() && !x.is_array()))
    {
        // A `CommaDelimitedList` is a list of strings: it can stand for a list of scalars, never for
        // a list of statements or policies (a type error CloudFormation and IAM reject).
        k.push(Kind::Ref);
    }
    if alternative(v).is_some() {
        k.extend([Kind::IfOriginalFirst, Kind::IfOriginalSecond]);
    }
    k
}

/// Resources of `planned_values` (root and child modules) with their address and `values`.
fn planned(plan: &Value) -> Vec<(String, Value)> {
    fn module(m: &Value, out: &mut Vec<(String, Value)>) {
        for r in m["resources"].as_array().into_iter().flatten() {
            if let (Some(a), Some(v)) = (r["address"].as_str(), r.get("values")) {
                out.push((a.to_string(), v.clone()));
            }
        }
        for c in m["child_modules"].as_array().into_iter().flatten() {
            module(c, out);
        }
    }
    let mut out = Vec::new();
    module(&plan["planned_values"]["root_module"], &mut out);
    out
}

fn has_change(plan: &Value, address: &str) -> bool {
    plan["resource_changes"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|c| c["address"] == address && c["change"]["after"].is_object())
}

fn toml_account_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("account") && l.contains('='))
        .map(|(i, _)| i)
        .collect()
}

/// (always-tried unbinding mutations, value mutations to sample from).
fn mutations(fx: &Fixture) -> (Vec<Mutation>, Vec<Mutation>) {
    let mut unbind = Vec::new();
    let mut values = Vec::new();
    for (file, content) in &fx.files {
        match content {
            Content::Template(t) => {
                if t["Metadata"]["trustlint"].get("account").is_some() {
                    unbind.push(Mutation {
                        file: file.clone(),
                        path: ["Metadata", "trustlint", "account"]
                            .map(|s| Step::Key(s.into()))
                            .to_vec(),
                        address: None,
                        kind: Kind::UnbindMetadata,
                    });
                }
                let mut found = Vec::new();
                for (id, r) in t["Resources"].as_object().into_iter().flatten() {
                    if let Some(p) = r.get("Properties") {
                        let mut path = ["Resources", id, "Properties"]
                            .map(|s| Step::Key(s.into()))
                            .to_vec();
                        walk(p, &mut path, &mut found, false);
                    }
                }
                for (id, o) in t["Outputs"].as_object().into_iter().flatten() {
                    if let Some(v) = o.get("Value") {
                        found.push((
                            ["Outputs", id, "Value"]
                                .map(|s| Step::Key(s.into()))
                                .to_vec(),
                            v.clone(),
                        ));
                    }
                }
                for (path, v) in found {
                    for kind in cfn_kinds(&path, &v) {
                        values.push(Mutation {
                            file: file.clone(),
                            path: path.clone(),
                            address: None,
                            kind,
                        });
                    }
                }
            }
            Content::Plan(p) => {
                for (address, v) in planned(p) {
                    if !has_change(p, &address) {
                        continue;
                    }
                    let mut found = Vec::new();
                    walk(&v, &mut Vec::new(), &mut found, true);
                    for (path, _) in found {
                        values.push(Mutation {
                            file: file.clone(),
                            path,
                            address: Some(address.clone()),
                            kind: Kind::AfterUnknown,
                        });
                    }
                }
            }
            Content::Text(text) if file.as_os_str() == "trustlint.toml" => {
                for line in toml_account_lines(text) {
                    unbind.push(Mutation {
                        file: file.clone(),
                        path: vec![Step::Index(line)],
                        address: None,
                        kind: Kind::UnbindConfig,
                    });
                }
            }
            Content::Text(_) => {}
        }
    }
    (unbind, values)
}

/// Another literal of the same shape, for the other branch of an undecidable `Fn::If`.
fn contains_intrinsic(v: &Value) -> bool {
    is_intrinsic(v)
        || match v {
            Value::Array(a) => a.iter().any(contains_intrinsic),
            Value::Object(m) => m.values().any(contains_intrinsic),
            _ => false,
        }
}

/// Another literal of the same shape. A value holding an intrinsic function has none: its copy would
/// repeat the function (and any defect in it) in the other alternative, a change that is not "less known".
fn alternative(v: &Value) -> Option<Value> {
    if contains_intrinsic(v) {
        return None;
    }
    match v {
        Value::String(s) => Some(Value::String(alt_string(s))),
        Value::Number(n) => Some(match n.as_i64() {
            Some(i) => json!(i + 1),
            None => json!(n.as_f64().unwrap_or(0.0) + 1.0),
        }),
        Value::Bool(b) => Some(Value::Bool(!b)),
        Value::Array(a) if !a.is_empty() => {
            let mut a = a.clone();
            a[0] = alternative(&a[0])?;
            Some(Value::Array(a))
        }
        Value::Object(m) if !m.is_empty() && !is_intrinsic(v) => {
            let mut m = m.clone();
            let (k, first) = m.iter().next().map(|(k, v)| (k.clone(), v.clone()))?;
            m.insert(k, alternative(&first)?);
            Some(Value::Object(m))
        }
        _ => None,
    }
}

fn alt_string(s: &str) -> String {
    // An account id (alone or inside an ARN): another account id.
    let bytes = s.as_bytes();
    for i in 0..bytes.len() {
        let run = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        let starts = i == 0 || !bytes[i - 1].is_ascii_digit();
        if starts && run == 12 {
            let other = if &s[i..i + 12] == "999999999999" {
                "888888888888"
            } else {
                "999999999999"
            };
            return format!("{}{other}{}", &s[..i], &s[i + 12..]);
        }
    }
    // A CIDR: another CIDR of the same family.
    if let Some((ip, len)) = s.split_once('/') {
        if len.parse::<u8>().is_ok() {
            if let Ok(ip) = ip.parse::<std::net::IpAddr>() {
                return match ip {
                    std::net::IpAddr::V4(_) if s != "192.0.2.0/24" => "192.0.2.0/24".into(),
                    std::net::IpAddr::V4(_) => "198.51.100.0/24".into(),
                    std::net::IpAddr::V6(_) if s != "2001:db8::/32" => "2001:db8::/32".into(),
                    std::net::IpAddr::V6(_) => "2001:db8:1::/48".into(),
                };
            }
        }
    }
    // Otherwise the last word gets a suffix: another bucket, key, action or name.
    match s
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_ascii_alphanumeric())
    {
        Some((i, c)) => format!("{}{c}alt{}", &s[..i], &s[i + c.len_utf8()..]),
        None => format!("{s}alt"),
    }
}

fn get_mut<'a>(mut v: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    for s in path {
        v = match s {
            Step::Key(k) => v.get_mut(k.as_str())?,
            Step::Index(i) => v.get_mut(*i)?,
        };
    }
    Some(v)
}

fn section<'a>(t: &'a mut Value, name: &str) -> &'a mut Map<String, Value> {
    let m = t.as_object_mut().unwrap();
    if !m.get(name).is_some_and(Value::is_object) {
        m.insert(name.to_string(), json!({}));
    }
    m.get_mut(name).unwrap().as_object_mut().unwrap()
}

fn mutate_template(t: &mut Value, m: &Mutation) {
    if m.kind == Kind::UnbindMetadata {
        t["Metadata"]["trustlint"]
            .as_object_mut()
            .unwrap()
            .remove("account");
        return;
    }
    let original = get_mut(t, &m.path).unwrap().clone();
    let replacement = match m.kind {
        Kind::Ref => {
            let ty = if original.is_array() {
                "CommaDelimitedList"
            } else {
                "String"
            };
            section(t, "Parameters").insert(PARAM.into(), json!({ "Type": ty }));
            json!({ "Ref": PARAM })
        }
        Kind::Dynamic => json!(DYNAMIC),
        Kind::Import => json!({ "Fn::ImportValue": IMPORT }),
        Kind::GetAtt => {
            section(t, "Resources").insert(
                HANDLE.into(),
                json!({
                    "Type": "Custom::TrustlintUnknown",
                    "Properties": {
                        "ServiceToken": "arn:aws:lambda:us-east-1:111111111111:function:provider"
                    }
                }),
            );
            json!({ "Fn::GetAtt": [HANDLE, "Value"] })
        }
        Kind::IfOriginalFirst | Kind::IfOriginalSecond => {
            section(t, "Parameters").insert(CHOICE.into(), json!({ "Type": "String" }));
            section(t, "Conditions").insert(
                CHOICE_COND.into(),
                json!({ "Fn::Equals": [{ "Ref": CHOICE }, "a"] }),
            );
            let alt = alternative(&original).unwrap();
            if m.kind == Kind::IfOriginalFirst {
                json!({ "Fn::If": [CHOICE_COND, original, alt] })
            } else {
                json!({ "Fn::If": [CHOICE_COND, alt, original] })
            }
        }
        _ => unreachable!("not a template mutation: {m}"),
    };
    *get_mut(t, &m.path).unwrap() = replacement;
}

/// Remove the value at `path` (an element of a list becomes `null`, as Terraform writes an unknown
/// element); `true` if something was there.
fn remove_at(v: &mut Value, path: &[Step]) -> bool {
    let (last, parent) = path.split_last().unwrap();
    let Some(p) = get_mut(v, parent) else {
        return false;
    };
    match last {
        Step::Key(k) => p.as_object_mut().and_then(|o| o.remove(k)).is_some(),
        Step::Index(i) => match p.get_mut(*i) {
            Some(x) => {
                *x = Value::Null;
                true
            }
            None => false,
        },
    }
}

/// Set `true` at `path` of an `after_unknown` tree, shaped like `after` (lists padded with `false`).
fn mark_unknown(u: &mut Value, after: &Value, path: &[Step]) {
    let Some((first, rest)) = path.split_first() else {
        *u = Value::Bool(true);
        return;
    };
    match first {
        Step::Key(k) => {
            if !u.is_object() {
                *u = json!({});
            }
            let child_after = after.get(k.as_str()).cloned().unwrap_or(Value::Null);
            let slot = u
                .as_object_mut()
                .unwrap()
                .entry(k.clone())
                .or_insert(Value::Bool(false));
            mark_unknown(slot, &child_after, rest);
        }
        Step::Index(i) => {
            let len = after.as_array().map_or(0, Vec::len).max(i + 1);
            if !u.is_array() {
                *u = json!([]);
            }
            let a = u.as_array_mut().unwrap();
            while a.len() < len {
                a.push(Value::Bool(false));
            }
            let child_after = after.get(*i).cloned().unwrap_or(Value::Null);
            mark_unknown(&mut a[*i], &child_after, rest);
        }
    }
}

fn mutate_plan(p: &mut Value, m: &Mutation) {
    let address = m.address.as_deref().unwrap();
    fn module(node: &mut Value, address: &str, path: &[Step]) {
        for r in node["resources"].as_array_mut().into_iter().flatten() {
            if r["address"] == address {
                if let Some(v) = r.get_mut("values") {
                    remove_at(v, path);
                }
            }
        }
        for c in node["child_modules"].as_array_mut().into_iter().flatten() {
            module(c, address, path);
        }
    }
    module(&mut p["planned_values"]["root_module"], address, &m.path);
    for c in p["resource_changes"].as_array_mut().unwrap() {
        if c["address"] != address {
            continue;
        }
        let change = &mut c["change"];
        let after = change["after"].clone();
        remove_at(&mut change["after"], &m.path);
        let mut unknown = change
            .get("after_unknown")
            .cloned()
            .unwrap_or_else(|| json!({}));
        mark_unknown(&mut unknown, &after, &m.path);
        change["after_unknown"] = unknown;
    }
}

fn apply(fx: &Fixture, m: &Mutation) -> Fixture {
    let mut out = fx.clone();
    match out.files.get_mut(&m.file).unwrap() {
        Content::Template(t) => mutate_template(t, m),
        Content::Plan(p) => mutate_plan(p, m),
        Content::Text(text) => {
            let Some(Step::Index(line)) = m.path.first() else {
                unreachable!()
            };
            *text = text
                .lines()
                .enumerate()
                .filter(|(i, _)| i != line)
                .map(|(_, l)| format!("{l}\n"))
                .collect();
        }
    }
    out
}

/// (rule, file, resource): what survives span shifts and reworded messages.
type Key = (String, String, String);

/// Severity rank: info 0, warning 1, error 2.
fn rank(severity: &str) -> u8 {
    match severity {
        "error" => 2,
        "warning" => 1,
        _ => 0,
    }
}

/// Per key, the (severity rank, message) of each finding.
type Found = BTreeMap<Key, Vec<(u8, String)>>;

fn check(fx: &Fixture) -> Found {
    let dir = tempfile::Builder::new()
        .prefix("trustlint-unknown-")
        .tempdir()
        .unwrap();
    for (rel, c) in &fx.files {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        let text = match c {
            Content::Template(v) | Content::Plan(v) => serde_json::to_string_pretty(v).unwrap(),
            Content::Text(t) => t.clone(),
        };
        std::fs::write(&p, text).unwrap();
    }
    let config = dir.path().join("trustlint.toml");
    let cfg = if config.is_file() {
        Config::load(&config).unwrap_or_else(|e| panic!("{}: {}", fx.name, e.0))
    } else {
        Config::default()
    };
    let report = trustlint::lint(&[dir.path().to_path_buf()], &cfg)
        .unwrap_or_else(|e| panic!("{}: {e:?}", fx.name));
    let mut found = Found::new();
    for f in &report.findings {
        let path = Path::new(&report.sources.get(f.file).path);
        let file = path
            .strip_prefix(dir.path())
            .unwrap_or(path)
            .display()
            .to_string();
        let key = (
            f.rule.to_string(),
            file,
            f.resource.clone().unwrap_or_default(),
        );
        found
            .entry(key)
            .or_default()
            .push((rank(f.severity.as_str()), f.message.clone()));
    }
    found
}

struct Violation {
    fixture: String,
    mutation: Mutation,
    key: Key,
    severity: &'static str,
    messages: Vec<String>,
    /// Rules of the baseline on the same file and resource that the variant lost: a hint that the new
    /// finding is a general one that a specific (now unprovable) finding used to supersede.
    lost: Vec<String>,
}

/// Findings of `variant` that `baseline` does not have: for a key, more findings at or above some
/// severity than the baseline has (so an error that becomes a warning is not new, a warning that
/// becomes an error is).
fn new_findings(fx: &str, m: &Mutation, baseline: &Found, variant: &Found) -> Vec<Violation> {
    let count = |found: &Found, rule: &str| -> usize {
        found
            .iter()
            .filter(|(k, _)| k.0 == rule)
            .map(|(_, l)| l.len())
            .sum()
    };
    // A general finding that a specific one superseded in the baseline (precedence: one defect, one
    // finding) and that surfaces because the unknown made the specific one unprovable is the same
    // defect under its general id, not a new one.
    // Likewise a grant folded into a DSTPOL-MISSING that became unprovable.
    let resurfaced = |rule: &str| {
        SUPERSEDES.iter().any(|(specific, general)| {
            general.as_str() == rule
                && count(variant, specific.as_str()) < count(baseline, specific.as_str())
        }) || FOLDED_INTO_DSTPOL_MISSING.iter().any(|folded| {
            folded.as_str() == rule
                && count(variant, "DSTPOL-MISSING") < count(baseline, "DSTPOL-MISSING")
        })
    };
    let mut out = Vec::new();
    for (k, fs) in variant {
        if k.0 == "UNPROVEN" || resurfaced(&k.0) {
            continue;
        }
        let at_least = |list: Option<&Vec<(u8, String)>>, level: u8| {
            list.map_or(0, |l| l.iter().filter(|(r, _)| *r >= level).count())
        };
        for (level, name) in [(2, "error"), (1, "warning"), (0, "info")] {
            if at_least(Some(fs), level) > at_least(baseline.get(k), level) {
                out.push(Violation {
                    fixture: fx.to_string(),
                    mutation: m.clone(),
                    key: k.clone(),
                    severity: name,
                    messages: fs
                        .iter()
                        .filter(|(r, _)| *r >= level)
                        .map(|(_, msg)| msg.clone())
                        .collect(),
                    lost: baseline
                        .iter()
                        .filter(|(b, l)| {
                            b.1 == k.1
                                && b.2 == k.2
                                && b.0 != "UNPROVEN"
                                && variant.get(*b).map_or(0, Vec::len) < l.len()
                        })
                        .map(|(b, _)| b.0.clone())
                        .collect(),
                });
                break;
            }
        }
    }
    out
}

/// The mutations of one fixture that `keep` accepts: every unbinding and `cap` sampled value mutations.
fn sample(fx: &Fixture, cap: usize, seed: u64, keep: &Keep<'_>) -> Vec<Mutation> {
    let (mut all, mut values) = mutations(fx);
    all.retain(|m| keep(m));
    values.retain(|m| keep(m));
    let mut rng = Rng(hash(&fx.name) ^ seed);
    rng.shuffle(&mut values);
    values.truncate(cap);
    all.extend(values);
    all
}

/// `TRUSTLINT_UNKNOWN_KINDS=IfOriginalFirst,IfOriginalSecond` keeps those kinds (names as in [`Kind`]).
fn kinds_from_env() -> Vec<Kind> {
    match std::env::var("TRUSTLINT_UNKNOWN_KINDS") {
        Ok(v) if !v.trim().is_empty() => ALL_KINDS
            .into_iter()
            .filter(|k| v.split(',').any(|n| n.trim() == format!("{k:?}")))
            .collect(),
        _ => ALL_KINDS.to_vec(),
    }
}

/// Run the property over the fixtures whose name contains `only`: the report, and the number of new
/// errors and warnings.
/// Which mutations a run tries.
type Keep<'a> = dyn Fn(&Mutation) -> bool + Sync + 'a;

fn run(cap: usize, seed: u64, only: &dyn Fn(&str) -> bool, keep: &Keep<'_>) -> (String, usize) {
    let fxs: Vec<Fixture> = fixtures().into_iter().filter(|f| only(&f.name)).collect();
    let results: Vec<(usize, Vec<Violation>)> = fxs
        .par_iter()
        .map(|fx| {
            let ms = sample(fx, cap, seed, keep);
            if ms.is_empty() {
                return (0, Vec::new());
            }
            let baseline = check(fx);
            let mut v = Vec::new();
            for m in &ms {
                v.extend(new_findings(&fx.name, m, &baseline, &check(&apply(fx, m))));
            }
            (ms.len(), v)
        })
        .collect();
    let variants: usize = results.iter().map(|r| r.0).sum();
    let all: Vec<Violation> = results.into_iter().flat_map(|r| r.1).collect();
    let (loud, infos): (Vec<_>, Vec<_>) = all.into_iter().partition(|v| v.severity != "info");
    let mut text = format!(
        "{variants} variants of {} fixtures (cap {cap}, seed {seed}): {} new errors/warnings, {} new infos\n",
        fxs.len(),
        loud.len(),
        infos.len()
    );
    // Grouped by (kind of unknown, new rule) so causes stand out.
    let mut groups: BTreeMap<(Kind, String), Vec<&Violation>> = BTreeMap::new();
    for v in loud.iter().chain(&infos) {
        groups
            .entry((v.mutation.kind, v.key.0.clone()))
            .or_default()
            .push(v);
    }
    for ((kind, rule), vs) in &groups {
        text.push_str(&format!(
            "\n== {rule} after {kind:?} ({} times)\n",
            vs.len()
        ));
        for v in vs {
            text.push_str(&format!(
                "  {}: {}\n    new {} {} in {} {}: {}\n",
                v.fixture,
                v.mutation,
                v.severity,
                v.key.0,
                v.key.1,
                v.key.2,
                v.messages.join(" | ")
            ));
            if !v.lost.is_empty() {
                text.push_str(&format!(
                    "    (the variant lost {} on the same resource)\n",
                    v.lost.join(", ")
                ));
            }
        }
    }
    let n = loud.len();
    (text, n)
}

#[test]
fn making_a_value_unknown_never_creates_an_error_or_warning() {
    let cap = env_number("TRUSTLINT_UNKNOWN_CAP", DEFAULT_CAP as u64) as usize;
    let seed = env_number("TRUSTLINT_UNKNOWN_SEED", DEFAULT_SEED);
    let only = std::env::var("TRUSTLINT_UNKNOWN_ONLY").unwrap_or_default();
    if only.is_empty() {
        assert!(fixtures().len() > 300, "too few fixture folders");
    }
    let kinds = kinds_from_env();
    let (text, loud) = run(cap, seed, &|name| name.contains(&only), &|m| {
        kinds.contains(&m.kind)
    });
    if std::env::var_os("TRUSTLINT_UNKNOWN_REPORT").is_some() {
        eprintln!("{text}");
    }
    assert_eq!(loud, 0, "{text}");
}

/// The property on policies, every fixture: an undecidable `Fn::If` (both orders) on a whole policy
/// document, a whole statement or a statement's `Effect`, two sampled values each. Swapping the
/// alternatives or making a policy value a choice must never add an error or a warning. (The test
/// above samples every kind of unknown everywhere.)
#[test]
fn an_undecidable_choice_in_a_policy_never_creates_an_error_or_warning() {
    let in_policy = |m: &Mutation| {
        let n = m.path.len();
        let at = |i: usize| {
            m.path.get(i).and_then(|s| match s {
                Step::Key(k) => Some(k.as_str()),
                Step::Index(_) => None,
            })
        };
        // The whole document, one whole statement, or a statement's `Effect`.
        let whole = at(n.wrapping_sub(1)).is_some_and(|k| POLICY_KEYS.contains(&k));
        let statement = at(n.wrapping_sub(2)) == Some("Statement");
        let effect = at(n.wrapping_sub(1)) == Some("Effect");
        matches!(m.kind, Kind::IfOriginalFirst | Kind::IfOriginalSecond)
            && (whole || statement || effect)
            && m.path
                .iter()
                .any(|s| matches!(s, Step::Key(k) if POLICY_KEYS.contains(&k.as_str())))
    };
    // A fixture about a malformed intrinsic inside a policy: a choice that copies the value copies the
    // defect, and a second real finding is not a new one made up from an unknown.
    let (text, loud) = run(
        2,
        DEFAULT_SEED,
        &|name| !name.starts_with("rules/CFN-"),
        &in_policy,
    );
    let variants: usize = text
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(variants > 200, "{text}");
    assert_eq!(loud, 0, "{text}");
}

/// The generator itself: every kind of unknown is produced somewhere, each mutation changes its file,
/// and a value mutation puts the unknown where it says.
#[test]
fn mutations_cover_every_kind_and_change_the_input() {
    let fxs = fixtures();
    let mut kinds = BTreeSet::new();
    let mut checked = 0;
    for fx in &fxs {
        let (unbind, values) = mutations(fx);
        for m in unbind.iter().chain(values.iter().step_by(17)) {
            kinds.insert(m.kind);
            let after = apply(fx, m);
            let (a, b) = (&fx.files[&m.file], &after.files[&m.file]);
            let changed = match (a, b) {
                (Content::Template(x), Content::Template(y))
                | (Content::Plan(x), Content::Plan(y)) => x != y,
                (Content::Text(x), Content::Text(y)) => x != y,
                _ => false,
            };
            assert!(changed, "{}: {m} changed nothing", fx.name);
            match (b, m.kind) {
                (Content::Template(t), Kind::Dynamic) => {
                    assert_eq!(t.pointer(&pointer(&m.path)), Some(&json!(DYNAMIC)))
                }
                (Content::Template(t), Kind::Import) => assert_eq!(
                    t.pointer(&pointer(&m.path)),
                    Some(&json!({ "Fn::ImportValue": IMPORT }))
                ),
                (Content::Plan(p), Kind::AfterUnknown) => {
                    let c = p["resource_changes"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .find(|c| c["address"].as_str() == m.address.as_deref())
                        .unwrap();
                    let u = c["change"]["after_unknown"].pointer(&pointer(&m.path));
                    assert_eq!(u, Some(&json!(true)), "{}: {m}", fx.name);
                }
                _ => {}
            }
            checked += 1;
        }
    }
    assert!(checked > 500, "{checked}");
    assert_eq!(kinds, ALL_KINDS.into_iter().collect(), "kinds produced");
}

/// Both orders of an undecidable choice keep the original value as one alternative.
#[test]
fn alternatives_have_the_same_shape() {
    assert_eq!(
        alt_string("arn:aws:iam::111111111111:root"),
        "arn:aws:iam::999999999999:root"
    );
    assert_eq!(alt_string("10.0.0.0/16"), "192.0.2.0/24");
    assert_eq!(
        alt_string("arn:aws:s3:::bucket/*"),
        "arn:aws:s3:::bucketalt/*"
    );
    assert_eq!(alt_string("s3:GetObject"), "s3:GetObjectalt");
    assert_eq!(alternative(&json!(["a", "b"])), Some(json!(["aalt", "b"])));
    assert_eq!(alternative(&json!({ "Ref": "X" })), None);
}
