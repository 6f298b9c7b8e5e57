//! REPL-PRIORITY-OVERLAP — overlapping replication rules: only the higher priority applies.
//! Among the enabled V2 rules of each configuration ([`super::configurations`]).

use super::Ctx;
use super::configurations::Configuration;
use super::rule_facts::tags;
use crate::model::s3::ReplicationRule;
use std::collections::HashMap;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplPriorityOverlap, "REPL-PRIORITY-OVERLAP", Info, "Overlapping replication rules: only the higher priority applies");

/// How many shorter overlapping prefixes a rule is compared with (keeps the check linear).
const OVERLAP_WINDOW: usize = 8;

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for c in cx.configurations() {
        overlaps(c, out);
    }
}

/// The tags of a rule as (key, value) pairs.
fn tag_pairs(r: &ReplicationRule) -> Vec<(&str, &str)> {
    tags(r)
        .into_iter()
        .filter_map(|t| {
            Some((
                t.key.as_ref()?.value.as_str(),
                t.value.as_ref().map_or("", |v| v.value.as_str()),
            ))
        })
        .collect()
}

/// An object can carry both tag sets: no key with two different values.
fn tags_compatible(a: &[(&str, &str)], b: &[(&str, &str)]) -> bool {
    let m: HashMap<&str, &str> = a.iter().copied().collect();
    b.iter().all(|(k, v)| m.get(k).is_none_or(|x| x == v))
}

/// Enabled V2 rules with the same destination whose filters can select the same key (one prefix starts
/// with the other, and the tag filters do not contradict each other). Rules are sorted by prefix; a
/// stack holds the chain of shorter prefixes of the current one, so each rule is compared with a
/// bounded number of candidates.
fn overlaps(c: &Configuration, out: &mut Vec<Finding>) {
    let mut by_dest: HashMap<&str, Vec<(String, &ReplicationRule)>> = HashMap::new();
    for r in &c.config.rules {
        if !r.enabled() || !r.is_v2() {
            continue;
        }
        let Some(d) = r.destination.as_ref().and_then(|d| d.bucket.as_ref()) else {
            continue;
        };
        let p = r
            .filter
            .as_ref()
            .and_then(|f| {
                f.prefix
                    .as_ref()
                    .or(f.and.as_ref().and_then(|a| a.prefix.as_ref()))
            })
            .map(|p| p.value.clone())
            .unwrap_or_default();
        by_dest.entry(d.value.as_str()).or_default().push((p, r));
    }
    let mut dests: Vec<_> = by_dest.into_iter().collect();
    dests.sort_by(|a, b| a.0.cmp(b.0));
    for (_, mut rules) in dests {
        rules.sort_by(|a, b| (&a.0, a.1.index).cmp(&(&b.0, b.1.index)));
        let mut stack: Vec<(String, &ReplicationRule)> = Vec::new();
        for (p, r) in rules {
            while stack
                .last()
                .is_some_and(|(q, _)| !p.starts_with(q.as_str()))
            {
                stack.pop();
            }
            let mine = tag_pairs(r);
            let other = stack
                .iter()
                .rev()
                .take(OVERLAP_WINDOW)
                .find(|(_, o)| tags_compatible(&tag_pairs(o), &mine))
                .map(|(_, o)| *o);
            if let Some(o) = other {
                let prio = |x: &ReplicationRule| x.priority.as_ref().map_or(0, |p| p.value);
                let (winner, loser) = if prio(o) >= prio(r) { (o, r) } else { (r, o) };
                out.push(
                    c.finding(&META, loser.priority.as_ref().map_or(loser.span, |p| p.span), format!(
                        "rules {} and {} can select the same objects for the same destination: only rule {} (higher Priority) applies to them, with its delete marker, RTC and encryption settings",
                        loser.label(), winner.label(), winner.label()
                    ))
                    .related(c.bucket.origin.file, winner.priority.as_ref().map_or(winner.span, |p| p.span), "the rule that wins")
                    .help("make the filters disjoint, or give the rule whose settings should win the higher Priority"),
                );
            }
            stack.push((p, r));
        }
    }
}
