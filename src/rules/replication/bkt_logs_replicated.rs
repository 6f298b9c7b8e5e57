//! BKT-LOGS-REPLICATED — logs delivered into a replicated bucket are replicated too.

use crate::model::symbolic::display;
use crate::model::Kind;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use super::Ctx;

pub const META: RuleMeta = rule_meta!(BktLogsReplicated, "BKT-LOGS-REPLICATED", Info, "Logs delivered into a replicated bucket are replicated too");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    logs(cx, out);
}

fn logs(ctx: &Ctx, out: &mut Vec<Finding>) {
    let model = &ctx.graph.model;
    for b in &model.buckets {
        let Some(dest) = &b.logging_destination else {
            continue;
        };
        let Some((t, _)) = model.resolve(Kind::Bucket, &dest.value, &b.origin) else {
            continue;
        };
        let Some(target) = model.buckets.get(t) else {
            continue;
        };
        let Some(rule) = target
            .replication
            .as_ref()
            .and_then(|r| r.rules.iter().find(|r| r.enabled()))
        else {
            continue;
        };
        out.push(
            Finding::new(META.id, META.severity, b.origin.file, dest.span, format!(
                "server access logs of {} go to {}, which replicates (rule {}): the log objects are replicated too",
                display(&b.name), display(&target.name), rule.label()
            ))
            .resource(Some(b.origin.logical_id.clone()))
            .related(target.origin.file, rule.id.as_ref().map_or(rule.span, |i| i.span), "replication rule")
            .help("deliver logs to a bucket (or prefix) that no replication rule covers, unless you want the logs replicated"),
        );
    }
}
