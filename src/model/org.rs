//! `AWS::Organizations::Policy`, typed: service and resource control policies with their targets.

use super::document::{DocKind, PolicyDoc};
use super::origin::Origin;
use super::props::{string, strings};
use crate::source::{Node, Span, Spanned};

#[derive(Debug, Clone)]
pub struct OrgPolicy {
    pub origin: Origin,
    /// `Type` (`SERVICE_CONTROL_POLICY`, `RESOURCE_CONTROL_POLICY`, …).
    pub policy_type: Option<Spanned<String>>,
    /// `TargetIds`: account ids, OU ids (`ou-…`), or the root (`r-…`).
    pub targets: Vec<Spanned<String>>,
    /// `Content`, parsed as an SCP or RCP (absent for other policy types or a non-JSON string).
    pub doc: Option<PolicyDoc>,
    /// Span of `Content` (statement spans of a JSON-string `Content` are relative to the string).
    pub content_span: Option<Span>,
    pub content_is_string: bool,
}

impl OrgPolicy {
    pub fn is_scp(&self) -> bool {
        self.policy_type
            .as_ref()
            .is_some_and(|t| t.value == "SERVICE_CONTROL_POLICY")
    }
    pub fn is_rcp(&self) -> bool {
        self.policy_type
            .as_ref()
            .is_some_and(|t| t.value == "RESOURCE_CONTROL_POLICY")
    }
}

pub(crate) fn org_policy(origin: Origin, p: Option<&Node>) -> OrgPolicy {
    let policy_type = string(p, "Type");
    let kind = match policy_type.as_ref().map(|t| t.value.as_str()) {
        Some("SERVICE_CONTROL_POLICY") => Some(DocKind::Scp),
        Some("RESOURCE_CONTROL_POLICY") => Some(DocKind::Rcp),
        _ => None,
    };
    let doc = kind.and_then(|kind| {
        let n = p?.get("Content")?;
        // `Content` is a JSON object, or the policy as a JSON string.
        let node = match n.as_str() {
            Some(text) => crate::source::json::parse(text).ok()?,
            None => n.clone(),
        };
        let mut d = PolicyDoc::new(
            origin.file,
            kind,
            node,
            format!(
                "Content of AWS::Organizations::Policy {}",
                origin.logical_id
            ),
        );
        d.name = string(p, "Name").map(|n| super::symbolic::display(&n.value));
        Some(d)
    });
    let content = p.and_then(|p| p.get("Content"));
    OrgPolicy {
        content_span: content.map(|c| c.span),
        content_is_string: content.is_some_and(|c| c.as_str().is_some()),
        targets: strings(p, "TargetIds"),
        policy_type,
        doc,
        origin,
    }
}
