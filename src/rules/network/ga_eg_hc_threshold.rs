//! GA-EG-HC-THRESHOLD — health-check threshold 1–10, protocol TCP/HTTP/HTTPS, port 1–65535, and a
//! valid path.

use super::{finding, Ctx};
use crate::model::symbolic::has_symbol;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};

pub const META: RuleMeta = rule_meta!(
    GaEgHcThreshold, "GA-EG-HC-THRESHOLD",
    Error,
    "Invalid health-check threshold, protocol, port or path"
);

pub fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    for g in &cx.net.m.endpoint_groups {
        let mut push = |span, msg: String, help: &str| {
            out.push(finding(&META, META.severity, &g.origin, span, msg).help(help));
        };
        if let Some(t) = g.threshold_count.as_ref().filter(|t| !(1..=10).contains(&t.value)) {
            push(
                t.span,
                format!("ThresholdCount {} is outside 1–10", t.value),
                "\"ThresholdCount\": 3",
            );
        }
        if let Some(p) = g
            .health_check_protocol
            .as_ref()
            .filter(|p| !has_symbol(&p.value))
            .filter(|p| !["TCP", "HTTP", "HTTPS"].contains(&p.value.as_str()))
        {
            push(
                p.span,
                format!(
                    "HealthCheckProtocol `{}` is not TCP, HTTP or HTTPS",
                    p.value
                ),
                "\"HealthCheckProtocol\": \"TCP\"",
            );
        }
        if let Some(p) = g
            .health_check_port
            .as_ref()
            .filter(|p| !(1..=65535).contains(&p.value))
        {
            push(
                p.span,
                format!("HealthCheckPort {} is outside 1–65535", p.value),
                "use a port between 1 and 65535",
            );
        }
        if let Some(path) = g
            .health_check_path
            .as_ref()
            .filter(|p| !has_symbol(&p.value))
        {
            let ok_chars = path
                .value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-@:%_+.~#?&/=".contains(c));
            if !path.value.starts_with('/') || !ok_chars || path.value.len() > 255 {
                push(path.span, format!("HealthCheckPath `{}` must start with `/`, use only letters, digits and -@:%_+.~#?&/=, and be at most 255 characters", path.value), "\"HealthCheckPath\": \"/health\"");
            }
        }
    }
}
