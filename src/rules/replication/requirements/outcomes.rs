//! Outcome groups: every failed request becomes a group keyed by (bucket, rule id, defect); requests
//! failing for the same defect merge into one group (one finding listing every action), and each rule
//! file renders its own groups with [`Outcomes::emit`].

use super::help::render_help;
use crate::rules::{Finding, RuleId, RuleMeta, Severity};
use crate::source::{FileId, Span};
use std::collections::BTreeMap;

/// What the help should render.
#[derive(Debug, Clone)]
pub(super) enum Help {
    /// A statement to add to the role's identity policy (or its boundary).
    Identity {
        boundary: bool,
    },
    /// A statement to add to a bucket policy or key policy.
    ResourcePolicy {
        key: bool,
    },
    Trust,
    /// Remove or narrow a Deny.
    Deny,
    /// A condition value to fix.
    Condition(String),
    Text(String),
}

/// How a group's message reads.
#[derive(Debug, Clone)]
pub(super) enum Wording {
    /// "‹principal› cannot ‹actions› on ‹resources›: ‹reason›" (UNPROVEN: "cannot prove that …").
    Requirement,
    /// `before` + the merged actions + `after`, with an optional label: an organization policy's answer
    /// names the policy, not the requirement.
    Around {
        before: String,
        after: String,
        label: Option<String>,
    },
}

pub(super) struct Group {
    pub(super) meta: &'static RuleMeta,
    pub(super) severity: Severity,
    pub(super) file: FileId,
    pub(super) span: Span,
    pub(super) resource_name: String,
    pub(super) actions: Vec<String>,
    pub(super) requirement: String,
    pub(super) failure: String,
    pub(super) reason: String,
    pub(super) related: Vec<(FileId, Span, String)>,
    pub(super) help: Help,
    pub(super) wording: Wording,
    /// For help rendering.
    pub(super) principal: String,
    pub(super) res: String,
    /// Every resource of the merged requests.
    pub(super) resources: Vec<String>,
    pub(super) key: bool,
    pub(super) region: Option<String>,
    pub(super) partition: String,
}

#[derive(Default)]
pub(super) struct Acc {
    groups: BTreeMap<(usize, RuleId, String), Group>,
}

impl Acc {
    /// Merge into the finding of the same (bucket, rule id, key): one defect, one finding.
    pub(super) fn add(&mut self, b: usize, key2: String, g: Group) {
        let k = (b, g.meta.id, key2);
        match self.groups.get_mut(&k) {
            Some(e) => {
                for a in g.actions {
                    if !e.actions.contains(&a) {
                        e.actions.push(a);
                    }
                }
                for r in g.resources {
                    if !e.resources.contains(&r) {
                        e.resources.push(r);
                    }
                }
                if !e.requirement.contains(&g.requirement) {
                    e.requirement = format!("{}, and that {}", e.requirement, g.requirement);
                }
                if g.severity > e.severity {
                    e.severity = g.severity;
                    e.span = g.span;
                    e.file = g.file;
                }
            }
            None => {
                self.groups.insert(k, g);
            }
        }
    }

    /// A destination bucket policy that does not admit the role at all (DSTPOL-MISSING) is one defect:
    /// the missing delete, tag, owner-override and versioning grants of the same rule and policy are
    /// folded into it, so the user gets one finding whose help adds every action at once.
    fn fold_into_missing(&mut self) {
        const FOLDED: &[RuleId] = crate::rules::precedence::FOLDED_INTO_DSTPOL_MISSING;
        // (bucket, group key, the policy to change, principal) of each DSTPOL-MISSING group.
        type Missing = (usize, String, Option<(FileId, Span)>, String);
        let missing: Vec<Missing> = self
            .groups
            .iter()
            .filter(|((_, id, _), _)| *id == RuleId::DstpolMissing)
            .map(|((b, _, k), g)| {
                (
                    *b,
                    k.clone(),
                    g.related.first().map(|r| (r.0, r.1)),
                    g.principal.clone(),
                )
            })
            .collect();
        for (b, key, policy, principal) in missing {
            let folded: Vec<_> = self
                .groups
                .keys()
                .filter(|(gb, id, _)| *gb == b && FOLDED.contains(id))
                .filter(|k| {
                    self.groups.get(*k).is_some_and(|g| {
                        matches!(g.help, Help::ResourcePolicy { key: false })
                            && g.principal == principal
                            && g.related.first().map(|r| (r.0, r.1)) == policy
                    })
                })
                .cloned()
                .collect();
            for k in folded {
                if let Some(mut g) = self.groups.remove(&k) {
                    // Keep the primary finding's anchor and severity: the role is not admitted at all.
                    if let Some(m) = self.groups.get(&(b, RuleId::DstpolMissing, key.clone())) {
                        g.severity = m.severity;
                        g.span = m.span;
                        g.file = m.file;
                        g.meta = m.meta;
                    }
                    self.add(b, key.clone(), g);
                }
            }
        }
    }

    /// Every error and warning of `self` as one `UNPROVEN` group per bucket (infos kept as they are):
    /// the failures hold only in some of the worlds `why` names.
    pub(super) fn unproven(self, why: &str, into: &mut Acc) {
        for ((b, _, key), mut g) in self.groups {
            if g.severity <= Severity::Info || g.meta.id == RuleId::Unproven {
                into.add(b, key, g);
                continue;
            }
            g.meta = &crate::rules::unproven::META;
            g.severity = g.severity.min(Severity::Warning);
            g.wording = Wording::Requirement;
            g.reason = format!("it depends on {why}");
            g.help = Help::Text("pin the role's account and name (Metadata.trustlint, trustlint.toml [[stack]], a parameter value), or reference the role with Fn::GetAtt".into());
            g.related.clear();
            into.add(b, format!("namesake:{why}"), g);
        }
    }

    /// The merged groups, ready to render; each rule emits its own with [`Outcomes::emit`].
    pub(super) fn finish(mut self) -> Outcomes {
        self.fold_into_missing();
        Outcomes(self.groups.into_values().collect())
    }
}

/// The outcome groups of the whole run (one per defect), computed once and cached in the family `Ctx`.
pub struct Outcomes(pub(super) Vec<Group>);

impl Outcomes {
    /// Render the groups of rule `id` (in group order), the one place findings of the table are made.
    pub fn emit(&self, id: RuleId, out: &mut Vec<Finding>) {
        for g in self.0.iter().filter(|g| g.meta.id == id) {
            let actions = g.actions.join(", ");
            let on = g.resources.join(" and ");
            let (message, label) = match &g.wording {
                Wording::Around {
                    before,
                    after,
                    label,
                } => (format!("{before}{actions}{after}"), label.clone()),
                Wording::Requirement if g.meta.id == RuleId::Unproven => (
                    format!(
                        "cannot prove that {} ({actions} on {on}): {}",
                        g.requirement, g.reason
                    ),
                    Some("cannot prove this works".to_string()),
                ),
                Wording::Requirement => (
                    format!("{} cannot {actions} on {on}: {}", g.principal, g.reason),
                    Some(format!("replication fails: {}", g.failure)),
                ),
            };
            let mut f = Finding::new(g.meta.id, g.severity, g.file, g.span, message)
                .resource(Some(g.resource_name.clone()));
            if let Some(l) = label {
                f = f.label(l);
            }
            if let Some(h) = render_help(g) {
                f = f.help(h);
            }
            for (file, span, msg) in &g.related {
                f = f.related(*file, *span, msg.clone());
            }
            out.push(f);
        }
    }
}
