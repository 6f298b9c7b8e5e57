//! What the security groups of a load balancer fronted by an accelerator admit on the ports the
//! accelerator sends to (rules-spec §11): the ingress rules that bear on it, classified by source
//! ([`RuleFact`]), and the verdict for the endpoint ([`Verdict`]). Part of [`super::Reachability`].

use super::EndpointPath;
use crate::graph::relations::{self, GroupRef};
use crate::model::ec2::{Direction, SecurityGroup, SgRule};
use crate::model::elb::LoadBalancer;
use crate::model::symbolic::{display, has_symbol};
use crate::model::Model;
use crate::rules::network::cidr::{is_broad, is_private, is_world};
use crate::rules::network::ports::{overlaps, subtract, tcp_ports, Ports, Range};
use crate::rules::network::rule_source::{rule_file, rule_resource, GaSg, Net, Source};
use crate::rules::network::vpc::sg_vpc;
use crate::source::{FileId, Span};
use std::collections::HashSet;

/// Where a finding about a security-group rule (or its stand-in) points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub file: FileId,
    pub span: Span,
    /// The logical id the finding is about (for suppression and `resource`).
    pub resource: String,
}

/// An ingress rule of one of the load balancer's security groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleAt {
    /// Index into `Model::security_groups` of the group the rule admits into.
    pub sg: usize,
    /// The rule's peer (`CidrIp`, `SourceSecurityGroupId`, …), else the rule.
    pub at: Place,
    /// The whole rule: the span of its `admits` edge in the trust graph.
    pub rule_span: Span,
}

/// What the security groups admit on the endpoint's ports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Admission {
    /// Rules that bear on the verdict, in the order met.
    pub rules: Vec<RuleFact>,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RuleFact {
    /// A rule admitting a source on some of the endpoint's ports (the path of the verdict).
    Admits { rule: RuleAt, source: Source },
    /// A group of the template presented as the accelerator's (GASG-SELF-MADE).
    SelfMade {
        rule: RuleAt,
        fake: usize,
        range: Range,
    },
    /// The load balancer stays reachable besides the accelerator (GASG-BYPASS-OPEN); only the first
    /// endpoint to meet a rule records it.
    Bypass {
        rule: RuleAt,
        source: Source,
        range: Range,
        /// The groups are described as accelerator-only.
        intent: bool,
        /// The accelerator group as written in an earlier rule, for the fix.
        ga_example: Option<String>,
    },
    /// The accelerator group of another VPC (GASG-WRONG-VPC).
    WrongVpc { rule: RuleAt, ga: GaSg },
}

impl Eq for RuleFact {}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every port is admitted. `only_accelerator`: admitted only from the accelerator group, by an
    /// internet-facing load balancer with no bypass (GASG-INTERNET-FACING).
    Admitted { only_accelerator: bool },
    /// Client IP preservation is off and only the accelerator group is admitted (GASG-CIP-OFF); `span`
    /// is the endpoint's setting, `admitted_at` the rule.
    CipOff {
        missing: Vec<Range>,
        span: Span,
        admitted_at: Place,
    },
    /// Missing ports that GASG-SELF-MADE or GASG-WRONG-VPC already explain.
    ExplainedByRule,
    /// Missing ports that only unknown sources could admit (UNPROVEN).
    Unknown {
        missing: Vec<Range>,
        /// What it depends on, sorted.
        unknowns: Vec<String>,
    },
    /// Ports nothing admits (GASG-ADMIT). `ga_json`: the accelerator group as to write it in the fix.
    Blocked {
        missing: Vec<Range>,
        at: Place,
        ga_json: String,
    },
}

/// The default way to name the accelerator group in a suggested rule.
pub const GA_PARAM_JSON: &str = "{ \"Ref\": \"GlobalAcceleratorSecurityGroupId\" }";

impl Verdict {
    /// What kind of verdict, with the one flag that changes findings (GASG-INTERNET-FACING).
    pub(super) fn kind(&self) -> (u8, bool) {
        match self {
            Verdict::Admitted { only_accelerator } => (0, *only_accelerator),
            Verdict::CipOff { .. } => (1, false),
            Verdict::ExplainedByRule => (2, false),
            Verdict::Unknown { .. } => (3, false),
            Verdict::Blocked { .. } => (4, false),
        }
    }

    /// The ports not admitted, for the verdicts that have some.
    pub(super) fn missing(&self) -> Option<&[Range]> {
        match self {
            Verdict::CipOff { missing, .. }
            | Verdict::Unknown { missing, .. }
            | Verdict::Blocked { missing, .. } => Some(missing),
            Verdict::Admitted { .. } | Verdict::ExplainedByRule => None,
        }
    }
}

/// Whether the groups say the load balancer is meant to be reachable only through the accelerator.
fn accelerator_only(net: &Net, sgs: &[usize]) -> bool {
    let says = |s: &str| {
        let s = s.to_ascii_lowercase();
        s.contains("accelerator") && s.contains("only")
    };
    sgs.iter().any(|&i| {
        let Some(g) = net.m.security_groups.get(i) else {
            return false;
        };
        g.description.as_ref().is_some_and(|d| says(&d.value))
            || relations::admitting_rules(net.m, i)
                .iter()
                .any(|r| r.description.as_ref().is_some_and(|d| says(&d.value)))
    })
}

fn text(net: &Net, file: FileId, span: Span) -> String {
    if (file.0 as usize) < net.sources.len() {
        net.sources.get(file).slice(span).to_string()
    } else {
        String::new()
    }
}

fn rule_at(sg: usize, g: &SecurityGroup, r: &SgRule) -> RuleAt {
    RuleAt {
        sg,
        at: Place {
            file: rule_file(r, g),
            span: Net::peer_span(r),
            resource: rule_resource(r, g),
        },
        rule_span: r.span,
    }
}

fn subtract_all(ranges: &[Range], covered: &[Range]) -> Vec<Range> {
    ranges.iter().flat_map(|r| subtract(*r, covered)).collect()
}

/// What the load balancer's groups admit on `ports`, and the verdict.
pub(super) fn compute(
    net: &Net,
    path: &EndpointPath,
    lb: &LoadBalancer,
    cip: bool,
    ports: &[Range],
    claimed: &mut HashSet<(FileId, Span)>,
) -> Admission {
    let m = net.m;
    let internal = lb.scheme_str() == "internal";
    let sgs = &path.security_groups;
    let intent = accelerator_only(net, sgs);
    let full = (0, 65535);
    let mut ga_cover: Vec<Range> = Vec::new();
    let mut client_cover: Vec<Range> = Vec::new();
    let mut unknown_cover: Vec<Range> = Vec::new();
    // Ports admitted from the accelerator group of another VPC (GASG-WRONG-VPC says it).
    let mut wrong_cover: Vec<Range> = Vec::new();
    let mut unknowns: Vec<String> = Vec::new();
    // Some ingress of these groups is not known: inline rules unknown as a whole, a standalone rule
    // whose group is unknown.
    let mut list_unknown = false;
    let mut self_made = false;
    let mut ga_example: Option<String> = None;
    let mut first_rule: Option<Place> = None;
    let mut bypassed = false;
    let mut rules: Vec<RuleFact> = Vec::new();
    for (value, link) in relations::protected_by(m, path.lb) {
        if let GroupRef::Unresolved(_) = link {
            unknowns.push(format!("security group {}", display(&value.value)));
            unknown_cover.push(full);
        }
    }
    if lb.security_groups.is_empty() {
        unknowns.push("the VPC's default security group (no SecurityGroups set)".to_string());
        unknown_cover.push(full);
    }
    // A standalone ingress rule whose group is not known may add to these groups.
    for sr in &m.sg_rules {
        let Some(g) = sr.group.as_ref().filter(|_| sr.target.is_none()) else {
            continue;
        };
        if sr.rule.direction != Direction::Ingress || !has_symbol(&g.value) {
            continue;
        }
        let pr = tcp_ports(&sr.rule);
        if pr == Ports::NotTcp
            || pr
                .range()
                .is_some_and(|r| !ports.iter().any(|p| overlaps(*p, r)))
        {
            continue;
        }
        unknowns.push(format!(
            "the group of {} ({})",
            sr.rule
                .standalone
                .as_ref()
                .map_or("a standalone rule", |o| o.logical_id.as_str()),
            display(&g.value)
        ));
        unknown_cover.push(full);
        list_unknown = true;
    }
    for &si in sgs {
        let Some(sg) = m.security_groups.get(si) else {
            continue;
        };
        // Inline rules not known as a whole may admit anything: never "blocked".
        if let Some(u) = &sg.ingress_unknown {
            unknowns.push(format!(
                "the ingress rules of {} ({})",
                sg.origin.logical_id,
                display(&u.value)
            ));
            unknown_cover.push(full);
            list_unknown = true;
        }
        for r in relations::admitting_rules(m, si) {
            let pr = tcp_ports(r);
            if pr == Ports::NotTcp {
                continue;
            }
            let src = net.source(r);
            let here = rule_at(si, sg, r);
            if first_rule.is_none() {
                first_rule = Some(here.at.clone());
            }
            if let Source::Ga(_) = &src {
                if let Some(p) = &r.peer_group_id {
                    let t = text(net, here.at.file, p.span);
                    ga_example = Some(t.split_whitespace().collect::<Vec<_>>().join(" "));
                }
            }
            let Some(range) = pr.range() else {
                unknowns.push(format!("the ports of a rule of {}", sg.origin.logical_id));
                unknown_cover.push(full);
                continue;
            };
            if !ports.iter().any(|p| overlaps(*p, range)) {
                continue;
            }
            // Whether the rule admits clients besides the accelerator (a bypass when internet-facing).
            let admits_clients = match &src {
                Source::Ga(ga) => {
                    let own = sg_vpc(m, sg);
                    if let (Some(a), Some(o)) = (&ga.vpc, &own) {
                        if a.differs(o) {
                            rules.push(RuleFact::WrongVpc {
                                rule: here,
                                ga: ga.clone(),
                            });
                            wrong_cover.push(range);
                            continue;
                        }
                    }
                    ga_cover.push(range);
                    false
                }
                Source::SelfMade(i) => {
                    self_made = true;
                    rules.push(RuleFact::SelfMade {
                        rule: here,
                        fake: *i,
                        range,
                    });
                    continue;
                }
                Source::Cidr(n) => {
                    if !is_private(n) {
                        client_cover.push(range);
                    }
                    is_world(n) || (is_broad(n) && !is_private(n))
                }
                Source::Group(_) => true,
                Source::PrefixList(_) => {
                    unknown_cover.push(range);
                    unknowns.push(src.describe(m));
                    true
                }
                Source::Unknown(s) => {
                    unknowns.push(s.clone());
                    unknown_cover.push(range);
                    false
                }
                Source::None => false,
            };
            if admits_clients && !internal {
                bypassed = true;
                if claimed.insert((here.at.file, here.at.span)) {
                    rules.push(RuleFact::Bypass {
                        rule: here,
                        source: src.clone(),
                        range,
                        intent,
                        ga_example: ga_example.clone(),
                    });
                    continue;
                }
            }
            rules.push(RuleFact::Admits {
                rule: here,
                source: src,
            });
        }
    }
    let covering: Vec<Range> = if cip {
        ga_cover.iter().chain(&client_cover).copied().collect()
    } else {
        client_cover.clone()
    };
    let missing: Vec<Range> = subtract_all(ports, &covering);
    let at = first_rule.unwrap_or_else(|| Place {
        file: lb.origin.file,
        span: lb.security_groups_span.unwrap_or(lb.origin.logical_id_span),
        resource: lb.origin.logical_id.clone(),
    });
    let verdict = if missing.is_empty() {
        Verdict::Admitted {
            only_accelerator: cip
                && !internal
                && !bypassed
                && !list_unknown
                && ports.iter().all(|p| subtract(*p, &ga_cover).is_empty()),
        }
    } else if list_unknown {
        // Unknown rules may admit any missing port, from anyone.
        unknowns.sort();
        unknowns.dedup();
        Verdict::Unknown { missing, unknowns }
    } else if !cip && missing.iter().all(|p| subtract(*p, &ga_cover).is_empty()) {
        Verdict::CipOff {
            missing,
            span: cip_setting_span(m, path).unwrap_or(at.span),
            admitted_at: at,
        }
    } else if cip && (self_made || subtract_all(&missing, &wrong_cover).is_empty()) {
        Verdict::ExplainedByRule
    } else if subtract_all(&missing, &unknown_cover).is_empty() {
        unknowns.sort();
        unknowns.dedup();
        Verdict::Unknown { missing, unknowns }
    } else {
        Verdict::Blocked {
            missing,
            at,
            ga_json: ga_example.unwrap_or_else(|| GA_PARAM_JSON.to_string()),
        }
    };
    Admission { rules, verdict }
}

/// Where the endpoint's client IP preservation is (or would be) set: the setting on the first endpoint of
/// the group with this id, else the endpoint's id.
fn cip_setting_span(m: &Model, path: &EndpointPath) -> Option<Span> {
    let g = m.endpoint_groups.get(path.group)?;
    let ep = g.endpoints.get(path.endpoint)?;
    let ep_span = ep.id.as_ref().map_or(ep.span, |i| i.span);
    let span = g.endpoints.iter().find_map(|e| {
        (e.id.as_ref().map(|i| i.span) == Some(ep_span))
            .then(|| e.client_ip_preservation.as_ref().map(|c| c.span))
            .flatten()
    });
    Some(span.unwrap_or(ep_span))
}

/// The JSON of an ingress rule admitting `source_json` on `ports` (for fixes).
pub fn rule_json(ports: Range, source_json: &str) -> String {
    format!(
        "{{ \"IpProtocol\": \"tcp\", \"FromPort\": {}, \"ToPort\": {}, \"SourceSecurityGroupId\": {source_json} }}",
        ports.0, ports.1
    )
}
