//! One service of the catalog: its actions (with access level, resource types and condition keys),
//! parsed from the service's JSON the first time it is asked for.

use super::keys::{template_glob, ConditionKey, KeyIndex};
use super::{arn, cmp_ci};
use crate::eval::wildcard::matches_ci;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

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
            .and_then(|i| self.actions.get(i))
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
        self.keys.find(key).and_then(|i| self.condition_keys.get(i))
    }

    pub fn has_condition_key(&self, key: &str) -> bool {
        self.keys.find(key).is_some()
    }

    pub(super) fn parse(prefix: &str, json: &str) -> Result<Service, String> {
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
            .any(|w| matches!(w, [a, b] if cmp_ci(&a.name, &b.name).is_eq()))
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
            // `Service::parse` checked every index.
            .filter_map(move |&(i, req)| Some((svc.resource_types.get(i)?, req)))
    }

    /// Every condition key that applies to the action (see [`Action::condition_keys`]).
    pub fn condition_keys(&self) -> impl Iterator<Item = &'a ConditionKey> + 'a {
        let svc = self.service;
        self.action
            .condition_keys
            .iter()
            .filter_map(move |&i| svc.condition_keys.get(i))
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
