//! GA-EG-REGION-DUP — a listener takes one endpoint group per Region.

use super::{finding, Ctx};
use crate::model::symbolic::has_symbol;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use std::collections::HashMap;

pub const META: RuleMeta = rule_meta!(
    GaEgRegionDup, "GA-EG-REGION-DUP",
    Error,
    "Two endpoint groups of one listener in the same Region"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    let mut by_region: HashMap<(usize, String), usize> = HashMap::new();
    for (gi, g) in m.endpoint_groups.iter().enumerate() {
        let region = g.region.as_ref().filter(|r| !has_symbol(&r.value));
        let (Some(l), Some(r)) = (g.listener, region) else {
            continue;
        };
        let first = by_region
            .get(&(l, r.value.clone()))
            .and_then(|&first| Some((m.endpoint_groups.get(first)?, m.ga_listeners.get(l)?)));
        if let Some((f, listener)) = first {
            out.push(
                finding(&META, META.severity, &g.origin, r.span, format!("listener {} already has endpoint group {} in {}: a listener takes one endpoint group per Region", listener.origin.logical_id, f.origin.logical_id, r.value))
                    .related(f.origin.file, f.region.as_ref().map_or(f.origin.logical_id_span, |x| x.span), "the first endpoint group in this Region")
                    .help("put all endpoints of a Region into one endpoint group"),
            );
        } else {
            by_region.insert((l, r.value.clone()), gi);
        }
    }
}
