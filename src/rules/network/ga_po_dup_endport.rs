//! GA-PO-DUP-ENDPORT — two listener ports of one accelerator overridden to the same endpoint port.

use super::port_overrides::accelerator_groups;
use super::{finding, Ctx};
use crate::model::ga::EndpointGroup;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use crate::source::Span;
use std::collections::HashMap;

pub const META: RuleMeta = rule_meta!(
    GaPoDupEndport, "GA-PO-DUP-ENDPORT",
    Error,
    "Two listener ports overridden to the same endpoint port"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for g in &m.endpoint_groups {
        let Some(li) = g.listener.filter(|_| !g.port_overrides.is_empty()) else {
            continue;
        };
        // Different listener ports mapped to one endpoint port, anywhere in the accelerator; reported
        // at the group being checked.
        let mut first: HashMap<i64, (i64, &EndpointGroup, Span)> = HashMap::new();
        for og in accelerator_groups(m, li, g) {
            for o in &og.port_overrides {
                let (Some(lp), Some(ep)) = (o.listener_port, o.endpoint_port) else {
                    continue;
                };
                match first.get(&ep) {
                    Some((flp, fg, fspan)) if *flp != lp => {
                        if std::ptr::eq(og, g) {
                            out.push(finding(&META, META.severity, &g.origin, o.span, format!("EndpointPort {ep} is already the target of listener port {flp}: two listener ports of one accelerator cannot be overridden to the same endpoint port")).related(fg.origin.file, *fspan, "the other override").help("give each overridden listener port its own endpoint port"));
                        }
                    }
                    Some(_) => {}
                    None => {
                        first.insert(ep, (lp, og, o.span));
                    }
                }
            }
        }
    }
}
