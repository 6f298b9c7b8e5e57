//! REPL-DMR-LIFECYCLE — lifecycle expiration on the source is not replicated.

use super::lifecycle::{covering, dest_may_expire};
use super::Ctx;
use crate::model::symbolic::display;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplDmrLifecycle, "REPL-DMR-LIFECYCLE", Warning, "Lifecycle expiration on the source is not replicated");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites().iter().filter(|s| s.rule.enabled()) {
        let prefix = s.prefix();
        let covering = covering(s);
        let rule = s.rule.label();
        if let Some(l) = covering.iter().find(|l| l.expiration.is_some()) {
            // The destination expires the same keys: the lifecycle prefix, within the replicated prefix.
            let keys = if l.prefix_str().len() >= prefix.len() {
                l.prefix_str()
            } else {
                prefix.as_str()
            };
            if let Some(dst) = s.dst.filter(|d| !dest_may_expire(d, keys)) {
                out.push(
                    s.finding(&META, l.expiration.unwrap_or(l.span), format!(
                        "lifecycle rule {} expires objects that rule {rule} replicates, but lifecycle actions and the delete markers they create are not replicated: the objects stay current in {}",
                        l.id.as_ref().map_or("(no Id)".to_string(), |i| i.value.clone()), display(&dst.name)
                    ))
                    .related(dst.origin.file, dst.origin.logical_id_span, "destination bucket without a matching expiration")
                    .help("add the same lifecycle expiration rule to the destination bucket"),
                );
            }
        }
    }
}
