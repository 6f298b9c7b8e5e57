//! GA-LSN-PORT-OVERLAP — a port is in more than one listener range of the same accelerator.

use super::ports::{fmt_range, Range};
use super::{finding, Ctx};
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use crate::source::Span;

pub const META: RuleMeta = rule_meta!(
    GaLsnPortOverlap, "GA-LSN-PORT-OVERLAP",
    Error,
    "A port is in more than one listener range of the accelerator"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let m = cx.net.m;
    for (ai, a) in m.accelerators.iter().enumerate() {
        // Port overlap across all ranges of the accelerator (sorted sweep).
        let mut ranges: Vec<(Range, usize, Span)> = Vec::new();
        for &li in m.listeners_of_accelerator(ai) {
            for r in m.ga_listeners.get(li).map_or(&[][..], |l| &l.port_ranges) {
                if let (Some(f), Some(t)) = (r.from, r.to) {
                    if f <= t {
                        ranges.push(((f, t), li, r.span));
                    }
                }
            }
        }
        ranges.sort_by_key(|(r, li, s)| (r.0, r.1, *li, s.start));
        let mut reach: Option<(Range, usize, Span)> = None;
        for cur in ranges {
            if let Some(prev) = reach {
                let overlaps = cur.0 .0 <= prev.0 .1;
                let listeners = (m.ga_listeners.get(cur.1), m.ga_listeners.get(prev.1));
                if let (true, Some(l), Some(pl)) = (overlaps, listeners.0, listeners.1) {
                    let shared = (cur.0 .0, cur.0 .1.min(prev.0 .1));
                    out.push(
                        finding(&META, META.severity, &l.origin, cur.2, format!("port {} of this range is already in another listener range of accelerator {} (InvalidPortRangeException: not unique for this accelerator)", fmt_range(shared), a.origin.logical_id))
                            .related(pl.origin.file, prev.2, "the other range")
                            .help("make the port ranges of an accelerator's listeners disjoint"),
                    );
                }
                if cur.0 .1 > prev.0 .1 {
                    reach = Some(cur);
                }
            } else {
                reach = Some(cur);
            }
        }
    }
}
