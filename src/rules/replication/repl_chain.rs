//! REPL-CHAIN — chained replication: replicas are not replicated again.

use super::common::{may_replicate_to, Site};
use super::Ctx;
use crate::model::symbolic::display;
use std::collections::HashSet;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplChain, "REPL-CHAIN", Warning, "Chained replication: replicas are not replicated again");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let mut chain_seen = HashSet::new();
    for s in cx.sites().iter().filter(|s| s.rule.enabled()) {
        if s.dst_index.is_some_and(|di| chain_seen.insert((s.b, di))) {
            chain(s, out);
        }
    }
}

fn prefixes_overlap(a: &str, b: &str) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

/// The rule of `B`'s configuration that replicates on what `s` delivered into `B`.
fn chain(s: &Site, out: &mut Vec<Finding>) {
    let (Some(dst), Some(di)) = (s.dst, s.dst_index) else {
        return;
    };
    if di == s.b {
        return;
    }
    let Some(next) = dst.replication.as_ref() else {
        return;
    };
    let prefix = s.prefix();
    for r in &next.rules {
        if !r.enabled() {
            continue;
        }
        // A next hop that may lead back to the source (a destination not known statically may) is not
        // known to be a chain.
        if may_replicate_to(r, s.b, &s.src.arn) {
            continue;
        }
        let Some(d) = &r.destination else { continue };
        let next_prefix = match &r.filter {
            Some(f) => f
                .prefix
                .as_ref()
                .or(f.and.as_ref().and_then(|a| a.prefix.as_ref()))
                .map(|p| p.value.clone())
                .unwrap_or_default(),
            None => r
                .prefix
                .as_ref()
                .map(|p| p.value.clone())
                .unwrap_or_default(),
        };
        if !prefixes_overlap(&prefix, &next_prefix) {
            continue;
        }
        let next_dest = d
            .bucket
            .as_ref()
            .map_or("its destination".to_string(), |b| display(&b.value));
        out.push(
            s.finding(&META, s.dest_bucket_span(), format!(
                "{} replicates into {}, which replicates on to {} (rule {}): replicas are not replicated again, so objects of {} never reach {}",
                display(&s.src.name), display(&dst.name), next_dest, r.label(), display(&s.src.name), next_dest
            ))
            .related(dst.origin.file, r.id.as_ref().map_or(r.span, |i| i.span), "the next hop's rule")
            .help(format!("add a rule that replicates {} to {next_dest} directly (a configuration may have several destinations), or copy replicas with S3 Batch Replication", display(&s.src.name))),
        );
        return;
    }
}
