//! REPL-ACT-OWNER — AccessControlTranslation.Owner must be Destination.
//! From each site's rule and destination ([`super::Ctx::sites`]).

use super::Ctx;
use crate::model::symbolic::has_symbol;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(ReplActOwner, "REPL-ACT-OWNER", Error, "AccessControlTranslation.Owner must be Destination");

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for s in cx.sites() {
        let Some(d) = s.dest.filter(|d| d.access_control_span.is_some()) else {
            continue;
        };
        if let Some(o) = d
            .access_control_owner
            .as_ref()
            .filter(|o| o.value != "Destination" && !has_symbol(&o.value))
        {
            out.push(s.finding(&META, o.span, format!("AccessControlTranslation.Owner is `{}`; the only valid value is Destination", o.value)).help("\"Owner\": \"Destination\""));
        }
    }
}
