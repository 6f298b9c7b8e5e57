//! Symbols → stand-ins (see the parent module's docs), and the model's policies with their symbols
//! replaced, ready for the engine.

use crate::eval::Val;
use crate::model::arn::Arn;
use crate::model::policy::parse_policy;
use crate::model::symbolic::{map_symbols, push};
use crate::model::{Model, Policy, PolicyDoc, PrincipalValue};
use crate::source::{FileId, Span};
use std::collections::HashMap;

/// Replaces generated-identity symbols by stand-ins (see the module docs); shared with the other
/// engine-backed checks of the family.
pub(crate) struct Conc {
    pinned: HashMap<String, String>,
}

impl Conc {
    pub(crate) fn new(model: &Model) -> Conc {
        let mut pinned = HashMap::new();
        for k in &model.keys {
            if k.origin.pinned_arn.is_some() || k.origin.pinned_id.is_some() {
                pinned.insert(k.origin.generated("KeyId"), k.key_id.clone());
            }
        }
        // A key linked from a literal key ARN elsewhere (an assumed link): the literal is its id.
        let literal_links = model
            .buckets
            .iter()
            .filter_map(|b| b.replication.as_ref())
            .flat_map(|r| r.rules.iter())
            .filter_map(|r| r.destination.as_ref())
            .filter_map(|d| Some((d.replica_key_target?, d.replica_kms_key_id.as_ref()?)));
        for (k, lit) in literal_links {
            let (Some(key), Some(a)) = (model.keys.get(k), Arn::parse(&lit.value)) else {
                continue;
            };
            let (t, id) = a.type_and_id();
            if t == "key" && !crate::model::symbolic::has_symbol(id) {
                pinned
                    .entry(key.origin.generated("KeyId"))
                    .or_insert_with(|| id.to_string());
            }
        }
        // A replica key written as an unknown value, not linked: it may name an unpinned key that lives
        // with the destination bucket (the link a literal would make, see `literal_links`). That key's
        // id is then unknown, not a stand-in that surely differs from every literal id.
        for b in &model.buckets {
            for d in b
                .replication
                .iter()
                .flat_map(|r| r.rules.iter())
                .filter_map(|r| r.destination.as_ref())
                .filter(|d| d.replica_key_target.is_none())
            {
                let (Some(lit), Some(dst)) = (
                    d.replica_kms_key_id.as_ref(),
                    d.bucket_target.and_then(|i| model.buckets.get(i)),
                ) else {
                    continue;
                };
                for key in model.keys.iter().filter(|k| {
                    k.origin.account == dst.origin.account && k.origin.region == dst.origin.region
                }) {
                    let own = key.origin.generated("KeyId");
                    if pinned.contains_key(&own) {
                        continue;
                    }
                    if let Some(id) = unknown_id_of(&lit.value, key, &own) {
                        pinned.insert(own, id);
                    }
                }
            }
        }
        Conc { pinned }
    }

    /// Stand-ins only, no pinned key ids: for comparing written resources with a site's ARNs.
    pub(crate) fn empty() -> Conc {
        Conc {
            pinned: HashMap::new(),
        }
    }

    pub(crate) fn text(&self, s: &str) -> String {
        map_symbols(s, |id| {
            if !id.get().is_generated() {
                let mut t = String::new();
                push(&mut t, id);
                return t;
            }
            let mut own = String::new();
            push(&mut own, id);
            match self.pinned.get(&own) {
                Some(v) => v.clone(),
                None => id.stand_in(),
            }
        })
    }

    pub(crate) fn val(&self, s: &str) -> Val {
        Val::from_text(&self.text(s))
    }

    pub(crate) fn policy(&self, p: &Policy) -> Policy {
        let mut p = p.clone();
        for st in &mut p.statements {
            for b in [&mut st.resource, &mut st.not_resource]
                .into_iter()
                .flatten()
            {
                for i in &mut b.items {
                    i.value = self.text(&i.value);
                }
            }
            for b in [&mut st.principal, &mut st.not_principal]
                .into_iter()
                .flatten()
            {
                if let PrincipalValue::Map(es) = &mut b.value {
                    for e in es {
                        for v in &mut e.values {
                            v.value = self.text(&v.value);
                        }
                    }
                }
            }
            for c in &mut st.conditions {
                for v in &mut c.values {
                    v.value = self.text(&v.value);
                }
            }
        }
        p
    }
}

/// The id of `key` (generated id `own`) when the unknown key reference `text` may name it: a choice
/// between literal key ARNs gives the same choice between the ids of those in the key's account and
/// region and `own` for the others; any other unknown text gives itself (the id is whatever it names).
/// `None` when `text` is known, holds a generated identity (which names its own resource), or surely
/// names another key.
fn unknown_id_of(text: &str, key: &crate::model::kms::Key, own: &str) -> Option<String> {
    use crate::model::symbolic::{has_symbol, only_symbol, symbols, Sym};
    if !has_symbol(text) || symbols(text).iter().any(|id| id.get().is_generated()) {
        return None;
    }
    let sym = only_symbol(text).map(|id| id.get());
    let Some(Sym::Choice {
        condition,
        alternatives,
    }) = sym.as_deref()
    else {
        return Some(text.to_string());
    };
    let ids: Vec<Option<String>> = alternatives
        .iter()
        .map(|a| {
            let Some(a) = a.as_deref() else {
                return Some(own.to_string());
            };
            if has_symbol(a) {
                return Some(a.to_string());
            }
            let here = Arn::parse(a).and_then(|arn| {
                let (t, id) = arn.type_and_id();
                (t == "key"
                    && arn.account == key.origin.account
                    && Some(arn.region.as_str()) == key.origin.region.as_deref())
                .then(|| id.to_string())
            });
            Some(here.unwrap_or_else(|| own.to_string()))
        })
        .collect();
    if ids.iter().all(|i| i.as_deref() == Some(own)) {
        return None;
    }
    Some(
        Sym::Choice {
            condition: condition.clone(),
            alternatives: ids,
        }
        .text(),
    )
}

/// Concretized policies of the model, keyed by (file, document start), computed once.
pub(super) struct Policies {
    docs: HashMap<(FileId, u32), Policy>,
    pub(super) allow_all: Policy,
    pub(super) allow_all_resource: Policy,
}

pub(super) fn parse_text(s: &str) -> Policy {
    match crate::source::json::parse(s) {
        Ok(n) => parse_policy(&n).0,
        Err(_) => Policy {
            span: Span::default(),
            version: None,
            id: None,
            statement_key: None,
            statements: Vec::new(),
            unknown_statements: Vec::new(),
        },
    }
}

impl Policies {
    pub(super) fn new(model: &Model, c: &Conc) -> Policies {
        let mut docs = HashMap::new();
        let mut add = |d: &PolicyDoc| {
            docs.entry((d.file, d.span().start))
                .or_insert_with(|| c.policy(&d.policy));
        };
        for r in &model.roles {
            r.trust.iter().for_each(&mut add);
            r.inline.iter().for_each(|(_, d)| add(d));
        }
        model
            .iam_policies
            .iter()
            .filter_map(|p| p.doc.as_ref())
            .for_each(&mut add);
        model
            .bucket_policies
            .iter()
            .filter_map(|p| p.doc.as_ref())
            .for_each(&mut add);
        model
            .keys
            .iter()
            .filter_map(|k| k.policy.as_ref())
            .for_each(&mut add);
        Policies {
            docs,
            allow_all: parse_text(
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
            ),
            allow_all_resource: parse_text(
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#,
            ),
        }
    }
    pub(super) fn get(&self, d: &PolicyDoc) -> Option<&Policy> {
        self.docs.get(&(d.file, d.span().start))
    }
}
