//! GA-EP-DUP — the same endpoint twice for one listener (in one group, or in two groups of the
//! listener).

use super::{finding, Ctx};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use crate::source::{FileId, Span};
use std::collections::HashMap;

pub const META: RuleMeta = rule_meta!(
    GaEpDup, "GA-EP-DUP",
    Error,
    "The same endpoint twice for one listener"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    // Endpoint identity per listener: (listener, key) → (group, span).
    let mut seen: HashMap<(usize, String), (usize, FileId, Span)> = HashMap::new();
    for (gi, g) in m.endpoint_groups.iter().enumerate() {
        for ep in &g.endpoints {
            let key = match (ep.load_balancer, &ep.id) {
                (Some(lb), _) => format!("lb#{lb}"),
                (None, Some(id)) => id.value.clone(),
                _ => continue,
            };
            let span = ep.id.as_ref().map_or(ep.span, |i| i.span);
            // A group without a known listener is its own scope.
            let scope = g.listener.unwrap_or(usize::MAX - gi);
            if let Some((fg, ffile, fspan)) = seen.get(&(scope, key.clone())) {
                let where_ = if *fg == gi {
                    "this endpoint group"
                } else {
                    "another endpoint group of the same listener"
                };
                out.push(finding(&META, META.severity, &g.origin, span, format!("this endpoint is already in {where_}: an endpoint can be in several listeners, but only once per listener")).related(*ffile, *fspan, "first occurrence").help("remove the duplicate endpoint configuration"));
            } else {
                seen.insert((scope, key), (gi, g.origin.file, span));
            }
        }
    }
}
