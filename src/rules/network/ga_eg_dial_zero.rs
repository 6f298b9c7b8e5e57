//! GA-EG-DIAL-ZERO — a traffic dial of 0 takes the Region out of normal routing (but not out of
//! failover).

use super::{finding, Ctx};
use crate::model::ga::EndpointGroup;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GaEgDialZero, "GA-EG-DIAL-ZERO",
    Info,
    "Traffic dial 0 takes the Region out of normal routing"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for (li, l) in m.ga_listeners.iter().enumerate() {
        let groups = m.endpoint_groups_of_listener(li);
        let zero: Vec<&EndpointGroup> = groups
            .iter()
            .filter_map(|&g| m.endpoint_groups.get(g))
            .filter(|g| g.traffic_dial.as_ref().is_some_and(|d| d.value == 0))
            .collect();
        let all = !groups.is_empty() && zero.len() == groups.len();
        for g in zero {
            let d = g
                .traffic_dial
                .as_ref()
                .map_or(g.origin.logical_id_span, |d| d.span);
            let msg = if all {
                format!("every endpoint group of listener {} has a traffic dial of 0: normal routing sends nowhere, and what happens then is not documented", l.origin.logical_id)
            } else {
                "traffic dial 0 removes this Region from normal routing, but failover ignores dials: it still receives traffic when no other group has a healthy endpoint with weight > 0".to_string()
            };
            out.push(
                finding(&META, META.severity, &g.origin, d, msg)
                    .help("\"TrafficDialPercentage\": 100 when the Region should serve traffic"),
            );
        }
    }
}
