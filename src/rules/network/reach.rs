//! Reachability of load balancers fronted by an accelerator (rules-spec §11): for every ALB endpoint,
//! which sources the union of the ALB's security groups admits on each port the accelerator sends to
//! (listener ports, or port-override endpoint ports). One computation, read by:
//! GASG-ADMIT, GASG-BYPASS-OPEN, GASG-CIP-OFF, GASG-WRONG-VPC, GASG-DANGLING, GASG-SELF-MADE, GASG-MODIFY,
//! GASG-INTERNET-FACING, GA-EP-ALB-LISTENER, ALB-SG-EGRESS, and `UNPROVEN` where a source is unknown.

use super::common::{
    fmt_ranges, is_broad, is_private, is_world, lb_vpc, overlaps, rule_file, rule_resource, sg_vpc,
    subtract, tcp_ports, GaHow, Net, Ports, Range, Source,
};
use super::Ctx;
use crate::model::ec2::SgRule;
use crate::model::ga::{EndpointGroup, GaListener};
use crate::model::symbolic::display;
use crate::model::Kind;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta, Severity};
use crate::source::{FileId, Span};
use std::collections::HashSet;

pub const ADMIT: RuleMeta = rule_meta!(
    "GASG-ADMIT",
    Error,
    "The load balancer's security groups do not admit the accelerator"
);
pub const BYPASS_OPEN: RuleMeta = rule_meta!(
    "GASG-BYPASS-OPEN",
    Warning,
    "The load balancer stays reachable besides the accelerator"
);
pub const CIP_OFF: RuleMeta = rule_meta!(
    "GASG-CIP-OFF",
    Warning,
    "Only the accelerator group is admitted, but client IP preservation is off"
);
pub const WRONG_VPC: RuleMeta = rule_meta!(
    "GASG-WRONG-VPC",
    Error,
    "The GlobalAccelerator security group of another VPC is referenced"
);
pub const DANGLING: RuleMeta = rule_meta!(
    "GASG-DANGLING",
    Error,
    "The referenced GlobalAccelerator security group cannot exist yet"
);
pub const SELF_MADE: RuleMeta = rule_meta!(
    "GASG-SELF-MADE",
    Warning,
    "A security group of the template stands in for the accelerator's"
);
pub const MODIFY: RuleMeta = rule_meta!(
    "GASG-MODIFY",
    Warning,
    "Rules are added to the GlobalAccelerator security group"
);
pub const INTERNET_FACING: RuleMeta = rule_meta!(
    "GASG-INTERNET-FACING",
    Info,
    "An accelerator-only load balancer is internet-facing"
);
pub const ALB_LISTENER: RuleMeta = rule_meta!(
    "GA-EP-ALB-LISTENER",
    Warning,
    "The load balancer has no listener on a port the accelerator sends to"
);
pub const SG_EGRESS: RuleMeta = rule_meta!(
    "ALB-SG-EGRESS",
    Error,
    "The load balancer's security groups block traffic to its targets"
);

/// The outcome, computed once per run.
#[derive(Debug, Default)]
pub struct Reach {
    pub findings: Vec<Finding>,
    /// Rules already reported by GASG-BYPASS-OPEN (the SG-* rules skip them: one defect, one finding).
    pub claimed: HashSet<(FileId, Span)>,
}

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    out.extend(ctx.reach().findings.iter().cloned());
}

/// The ports an endpoint of group `g` receives on: the listener's ranges with port overrides applied.
pub fn endpoint_ports(l: &GaListener, g: &EndpointGroup) -> Vec<Range> {
    let mut out = Vec::new();
    for r in &l.port_ranges {
        let (Some(f), Some(t)) = (r.from, r.to.or(r.from)) else {
            continue;
        };
        if f > t || f < 0 {
            continue;
        }
        let ovs: Vec<(i64, Option<i64>)> = g
            .port_overrides
            .iter()
            .filter_map(|o| o.listener_port.map(|lp| (lp, o.endpoint_port)))
            .filter(|(lp, _)| f <= *lp && *lp <= t)
            .collect();
        let holes: Vec<Range> = ovs.iter().map(|(lp, _)| (*lp, *lp)).collect();
        out.extend(subtract((f, t), &holes));
        out.extend(ovs.iter().filter_map(|(_, ep)| ep.map(|p| (p, p))));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether the groups say the load balancer is meant to be reachable only through the accelerator.
fn accelerator_only(net: &Net, sgs: &[usize]) -> bool {
    let says = |s: &str| {
        let s = s.to_ascii_lowercase();
        s.contains("accelerator") && s.contains("only")
    };
    sgs.iter().any(|&i| {
        let g = &net.m.security_groups[i];
        g.description.as_ref().is_some_and(|d| says(&d.value))
            || net
                .m
                .ingress(i)
                .iter()
                .any(|r| r.description.as_ref().is_some_and(|d| says(&d.value)))
    })
}

/// The JSON of an ingress rule admitting `source_json` on `ports`.
fn rule_json(ports: Range, source_json: &str) -> String {
    format!(
        "{{ \"IpProtocol\": \"tcp\", \"FromPort\": {}, \"ToPort\": {}, \"SourceSecurityGroupId\": {source_json} }}",
        ports.0, ports.1
    )
}

struct Builder<'c, 'a> {
    ctx: &'c Ctx<'a>,
    out: Reach,
}

impl Builder<'_, '_> {
    fn push(&mut self, f: Finding) {
        self.out.findings.push(f);
    }
    fn text(&self, file: FileId, span: Span) -> String {
        if (file.0 as usize) < self.ctx.sources.len() {
            self.ctx.sources.get(file).slice(span).to_string()
        } else {
            String::new()
        }
    }
}

pub fn compute(ctx: &Ctx) -> Reach {
    let mut b = Builder {
        ctx,
        out: Reach::default(),
    };
    endpoints(&mut b);
    modify_and_dangling(&mut b);
    egress(&mut b);
    b.out
}

/// One accelerator → ALB endpoint, everything the checks need.
fn endpoints(b: &mut Builder) {
    let ctx = b.ctx;
    let net = &ctx.net;
    let m = net.m;
    for (gi, g) in m.endpoint_groups.iter().enumerate() {
        let Some(li) = g.listener else { continue };
        let l = &m.ga_listeners[li];
        if l.protocol
            .as_ref()
            .is_some_and(|p| p.value.eq_ignore_ascii_case("UDP"))
        {
            continue;
        }
        let ports = endpoint_ports(l, g);
        if ports.is_empty() {
            continue;
        }
        for ep in &g.endpoints {
            let Some(lbi) = ep.load_balancer else {
                continue;
            };
            let lb = &m.load_balancers[lbi];
            if lb.type_str() != "application" {
                continue;
            }
            let internal = lb.scheme_str() == "internal";
            let cip = ep.client_ip_preservation.as_ref().is_none_or(|c| c.value);
            let ep_span = ep.id.as_ref().map_or(ep.span, |i| i.span);
            let listener_label = |f: Finding| {
                let f = f.related(
                    g.origin.file,
                    ep.span,
                    format!(
                        "endpoint of {} in endpoint group {} ({})",
                        lb.origin.logical_id,
                        g.origin.logical_id,
                        g.region
                            .as_ref()
                            .map_or("?".to_string(), |r| display(&r.value)),
                    ),
                );
                match l.port_ranges.first() {
                    Some(r) => f.related(
                        l.origin.file,
                        r.span,
                        "the accelerator listener's port range",
                    ),
                    None => f,
                }
            };
            // GA-EP-ALB-LISTENER.
            let lb_ports: Vec<Range> = m
                .listeners_of_load_balancer(lbi)
                .iter()
                .filter_map(|&x| m.elb_listeners[x].port.as_ref().map(|p| (p.value, p.value)))
                .collect();
            if m.listeners_of_load_balancer(lbi).is_empty() {
                b.push(listener_label(
                    Finding::new(
                        crate::rules::unproven::META.id,
                        Severity::Info,
                        g.origin.file,
                        ep_span,
                        format!(
                            "cannot prove that load balancer {} has a listener on tcp {}: none of its listeners is in the analysed templates",
                            lb.origin.logical_id,
                            fmt_ranges(&ports)
                        ),
                    )
                    .resource(Some(g.origin.logical_id.clone())),
                ));
            } else {
                let missing: Vec<Range> =
                    ports.iter().flat_map(|p| subtract(*p, &lb_ports)).collect();
                // A listener whose port is not known statically may be the missing one.
                let unknown_port = m
                    .listeners_of_load_balancer(lbi)
                    .iter()
                    .any(|&x| m.elb_listeners[x].port.is_none());
                if !missing.is_empty() && !unknown_port {
                    let have = fmt_ranges(&lb_ports);
                    b.push(listener_label(
                        Finding::new(
                            ALB_LISTENER.id,
                            ALB_LISTENER.severity,
                            g.origin.file,
                            ep_span,
                            format!(
                                "load balancer {} has no listener on tcp {} where the accelerator sends traffic (its listeners: {have})",
                                lb.origin.logical_id,
                                fmt_ranges(&missing)
                            ),
                        )
                        .label("the accelerator forwards to this load balancer")
                        .resource(Some(g.origin.logical_id.clone()))
                        .related(lb.origin.file, lb.origin.logical_id_span, "the load balancer")
                        .help(format!(
                            "add a listener on port {} to {} (`{{ \"Type\": \"AWS::ElasticLoadBalancingV2::Listener\", \"Properties\": {{ \"LoadBalancerArn\": {{ \"Ref\": \"{}\" }}, \"Port\": {}, \"Protocol\": \"HTTP\", … }} }}`), or a port override in the endpoint group mapping the listener port to a port the load balancer listens on",
                            missing[0].0, lb.origin.logical_id, lb.origin.logical_id, missing[0].0
                        )),
                    ));
                }
            }
            if internal && !cip {
                continue; // GA-EP-CIP-INTERNAL
            }
            one_endpoint(b, g, gi, ep_span, lbi, cip, &ports, &listener_label);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn one_endpoint(
    b: &mut Builder,
    g: &EndpointGroup,
    _gi: usize,
    ep_span: Span,
    lbi: usize,
    cip: bool,
    ports: &[Range],
    label: &dyn Fn(Finding) -> Finding,
) {
    let ctx = b.ctx;
    let net = &ctx.net;
    let m = net.m;
    let lb = &m.load_balancers[lbi];
    let internal = lb.scheme_str() == "internal";
    let sgs: Vec<usize> = lb.sg_links.iter().flatten().copied().collect();
    let intent = accelerator_only(net, &sgs);
    let mut ga_cover: Vec<Range> = Vec::new();
    let mut client_cover: Vec<Range> = Vec::new();
    let mut unknown_cover: Vec<Range> = Vec::new();
    // Ports admitted from the accelerator group of another VPC (GASG-WRONG-VPC says it).
    let mut wrong_cover: Vec<Range> = Vec::new();
    let mut unknowns: Vec<String> = Vec::new();
    let mut self_made = false;
    let mut ga_example: Option<String> = None;
    let mut first_rule: Option<(FileId, Span, String)> = None;
    let full = (0, 65535);
    let mut bypassed = false;
    for (j, link) in lb.sg_links.iter().enumerate() {
        if link.is_none() {
            unknowns.push(format!(
                "security group {}",
                display(&lb.security_groups[j].value)
            ));
            unknown_cover.push(full);
        }
    }
    if lb.security_groups.is_empty() {
        unknowns.push("the VPC's default security group (no SecurityGroups set)".to_string());
        unknown_cover.push(full);
    }
    for &si in &sgs {
        let sg = &m.security_groups[si];
        for r in m.ingress(si) {
            let pr = tcp_ports(r);
            if pr == Ports::NotTcp {
                continue;
            }
            let src = net.source(r);
            let file = rule_file(r, sg);
            if first_rule.is_none() {
                first_rule = Some((file, Net::peer_span(r), rule_resource(r, sg)));
            }
            if let Source::Ga(_) = &src {
                if let Some(p) = &r.peer_group_id {
                    let t = b.text(file, p.span);
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
            match &src {
                Source::Ga(ga) => {
                    let own = sg_vpc(m, sg);
                    if let (Some(a), Some(o)) = (&ga.vpc, &own) {
                        if a.differs(o) {
                            wrong_vpc(b, r, sg, ga, file, label);
                            wrong_cover.push(range);
                            continue;
                        }
                    }
                    ga_cover.push(range);
                }
                Source::SelfMade(i) => {
                    self_made = true;
                    let fake = &m.security_groups[*i];
                    b.push(label(
                        Finding::new(
                            SELF_MADE.id,
                            SELF_MADE.severity,
                            file,
                            Net::peer_span(r),
                            format!(
                                "{} admits security group {}, defined in the template, as if it were the accelerator's: Global Accelerator only uses the `GlobalAccelerator` group it creates itself, so this rule admits no accelerator traffic",
                                sg.origin.logical_id, fake.origin.logical_id
                            ),
                        )
                        .label("not the group Global Accelerator attaches to its network interfaces")
                        .resource(Some(rule_resource(r, sg)))
                        .related(fake.origin.file, fake.origin.logical_id_span, "a security group created by the template")
                        .help(format!(
                            "reference the group Global Accelerator creates in this VPC instead: {} — pass its id as a parameter of type AWS::EC2::SecurityGroup::Id, look it up (CDK `AcceleratorSecurityGroupPeer.fromVpc`), or name it in trustlint.toml `[global_accelerator] security_groups`",
                            rule_json(range, "{ \"Ref\": \"GlobalAcceleratorSecurityGroupId\" }")
                        )),
                    ));
                }
                Source::Cidr(n) => {
                    if !is_private(n) {
                        client_cover.push(range);
                    }
                    if !internal && (is_world(n) || (is_broad(n) && !is_private(n))) {
                        bypassed = true;
                        bypass(b, r, sg, &src, range, intent, &ga_example, file, label);
                    }
                }
                Source::Group(_) => {
                    if !internal {
                        bypassed = true;
                        bypass(b, r, sg, &src, range, intent, &ga_example, file, label);
                    }
                }
                Source::PrefixList(_) => {
                    unknown_cover.push(range);
                    unknowns.push(src.describe(m));
                    if !internal {
                        bypassed = true;
                        bypass(b, r, sg, &src, range, intent, &ga_example, file, label);
                    }
                }
                Source::Unknown(s) => {
                    unknowns.push(s.clone());
                    unknown_cover.push(range);
                }
                Source::None => {}
            }
        }
    }
    let covering: Vec<Range> = if cip {
        ga_cover.iter().chain(&client_cover).copied().collect()
    } else {
        client_cover.clone()
    };
    let missing: Vec<Range> = ports.iter().flat_map(|p| subtract(*p, &covering)).collect();
    let ga_json = ga_example
        .clone()
        .unwrap_or_else(|| "{ \"Ref\": \"GlobalAcceleratorSecurityGroupId\" }".to_string());
    let (at_file, at_span, at_res) = first_rule.clone().unwrap_or((
        lb.origin.file,
        lb.security_groups_span.unwrap_or(lb.origin.logical_id_span),
        lb.origin.logical_id.clone(),
    ));
    if missing.is_empty() {
        if cip && !internal && !bypassed && ports.iter().all(|p| subtract(*p, &ga_cover).is_empty())
        {
            let span = lb
                .scheme
                .as_ref()
                .map_or(lb.origin.logical_id_span, |s| s.span);
            b.push(
                Finding::new(
                    INTERNET_FACING.id,
                    INTERNET_FACING.severity,
                    lb.origin.file,
                    span,
                    format!(
                        "{} admits only the accelerator, but it is internet-facing: its DNS name stays public; an internal load balancer in private subnets is not reachable from the internet at all",
                        lb.origin.logical_id
                    ),
                )
                .resource(Some(lb.origin.logical_id.clone()))
                .help("\"Scheme\": \"internal\" with \"Subnets\" in private subnets (Global Accelerator still reaches it with client IP preservation; the VPC needs an internet gateway attached)"),
            );
        }
        return;
    }
    if !cip {
        let all_ga = missing.iter().all(|p| subtract(*p, &ga_cover).is_empty());
        if all_ga {
            let span = g.endpoints.iter().find_map(|e| {
                (e.id.as_ref().map(|i| i.span) == Some(ep_span))
                    .then(|| e.client_ip_preservation.as_ref().map(|c| c.span))
                    .flatten()
            });
            b.push(
                Finding::new(
                    CIP_OFF.id,
                    CIP_OFF.severity,
                    g.origin.file,
                    span.unwrap_or(ep_span),
                    format!(
                        "client IP preservation is off for {}, whose security groups admit tcp {} only from the GlobalAccelerator group: without client IP preservation traffic comes from Global Accelerator edge addresses, not from that group, and is dropped",
                        lb.origin.logical_id,
                        fmt_ranges(&missing)
                    ),
                )
                .resource(Some(g.origin.logical_id.clone()))
                .related(at_file, at_span, "admits only the GlobalAccelerator security group")
                .help("\"ClientIPPreservationEnabled\": true on the endpoint configuration (or admit the GLOBALACCELERATOR ranges of ip-ranges.json instead of the group)"),
            );
            return;
        }
        // Otherwise the only thing that could admit edge traffic is a CIDR (decided below).
    } else if self_made || subtract_all(&missing, &wrong_cover).is_empty() {
        return; // GASG-SELF-MADE / GASG-WRONG-VPC say it
    }
    if subtract_all(&missing, &unknown_cover).is_empty() {
        unproven(
            b,
            g,
            ep_span,
            lb.origin.logical_id.as_str(),
            &missing,
            &unknowns,
        );
    } else {
        admit(
            b,
            lbi,
            &missing,
            cip,
            &ga_json,
            (at_file, at_span, at_res),
            label,
        );
    }
}

fn subtract_all(ranges: &[Range], covered: &[Range]) -> Vec<Range> {
    ranges.iter().flat_map(|r| subtract(*r, covered)).collect()
}

fn unproven(
    b: &mut Builder,
    g: &EndpointGroup,
    span: Span,
    lb: &str,
    missing: &[Range],
    unknowns: &[String],
) {
    let mut u = unknowns.to_vec();
    u.sort();
    u.dedup();
    b.push(
        Finding::new(
            crate::rules::unproven::META.id,
            Severity::Info,
            g.origin.file,
            span,
            format!(
                "cannot prove that the accelerator can reach {lb} on tcp {}: it depends on {}",
                fmt_ranges(missing),
                u.join(", ")
            ),
        )
        .resource(Some(g.origin.logical_id.clone()))
        .help("if that source is the accelerator's `GlobalAccelerator` group, name it in trustlint.toml: `[global_accelerator] security_groups = { \"vpc-…\" = \"sg-…\" }`, or pass it as a parameter of type AWS::EC2::SecurityGroup::Id whose name or description says GlobalAccelerator"),
    );
}

#[allow(clippy::too_many_arguments)]
fn admit(
    b: &mut Builder,
    lbi: usize,
    missing: &[Range],
    cip: bool,
    ga_json: &str,
    at: (FileId, Span, String),
    label: &dyn Fn(Finding) -> Finding,
) {
    let ctx = b.ctx;
    let m = ctx.net.m;
    let lb = &m.load_balancers[lbi];
    let sg_name = lb
        .sg_links
        .iter()
        .flatten()
        .next()
        .map_or("the load balancer's security group".to_string(), |s| {
            m.security_groups[*s].origin.logical_id.clone()
        });
    let from = if cip {
        "the GlobalAccelerator security group of its VPC or the clients' addresses"
    } else {
        "the Global Accelerator edge addresses (client IP preservation is off)"
    };
    let fixes: Vec<String> = missing.iter().map(|r| rule_json(*r, ga_json)).collect();
    let f = Finding::new(
        ADMIT.id,
        ADMIT.severity,
        at.0,
        at.1,
        format!(
            "the security groups of {} do not admit tcp {} from {from}: connections through the accelerator time out, and since the endpoint's health comes from its target groups, Global Accelerator keeps sending traffic there",
            lb.origin.logical_id,
            fmt_ranges(missing)
        ),
    )
    .label("no rule here admits the accelerator on that port")
    .resource(Some(at.2));
    let f = if cip {
        f.help(format!(
            "add to the SecurityGroupIngress of {sg_name}: {}",
            fixes.join(", ")
        ))
    } else {
        f.help("enable client IP preservation on the endpoint (\"ClientIPPreservationEnabled\": true) and admit the GlobalAccelerator group, or admit the GLOBALACCELERATOR ranges of ip-ranges.json")
    };
    b.push(label(f));
}

#[allow(clippy::too_many_arguments)]
fn bypass(
    b: &mut Builder,
    r: &SgRule,
    sg: &crate::model::ec2::SecurityGroup,
    src: &Source,
    range: Range,
    intent: bool,
    ga_example: &Option<String>,
    file: FileId,
    label: &dyn Fn(Finding) -> Finding,
) {
    let ctx = b.ctx;
    let m = ctx.net.m;
    let span = Net::peer_span(r);
    if !b.out.claimed.insert((file, span)) {
        return;
    }
    let sev = if intent {
        Severity::Error
    } else {
        Severity::Warning
    };
    let ga = ga_example
        .clone()
        .unwrap_or_else(|| "{ \"Ref\": \"GlobalAcceleratorSecurityGroupId\" }".to_string());
    let what = match src {
        Source::Cidr(n) if is_world(n) => format!("the whole internet ({n})"),
        _ => src.describe(m),
    };
    let intent_note = if intent {
        " although the group is described as accelerator-only"
    } else {
        ""
    };
    b.push(label(
        Finding::new(
            BYPASS_OPEN.id,
            sev,
            file,
            span,
            format!(
                "{} admits {what} on tcp {} besides the accelerator{intent_note}: the internet-facing load balancer stays directly reachable, bypassing Global Accelerator",
                sg.origin.logical_id,
                super::common::fmt_range(range)
            ),
        )
        .label("direct access, not through the accelerator")
        .resource(Some(rule_resource(r, sg)))
        .help(format!(
            "remove this rule; the load balancer's security groups should admit the listener port only from the GlobalAccelerator security group: {}",
            rule_json(range, &ga)
        )),
    ));
}

fn wrong_vpc(
    b: &mut Builder,
    r: &SgRule,
    sg: &crate::model::ec2::SecurityGroup,
    ga: &super::common::GaSg,
    file: FileId,
    label: &dyn Fn(Finding) -> Finding,
) {
    let ctx = b.ctx;
    let m = ctx.net.m;
    let own = sg
        .vpc_id
        .as_ref()
        .map_or("?".to_string(), |v| display(&v.value));
    let span = Net::peer_span(r);
    let mut f = Finding::new(
        WRONG_VPC.id,
        WRONG_VPC.severity,
        file,
        span,
        format!(
            "{} (in VPC {own}) admits {}, which belongs to another VPC: Global Accelerator creates one GlobalAccelerator group per VPC, and a group can only be referenced from its own (or a peered) VPC",
            sg.origin.logical_id,
            ga.describe(m)
        ),
    )
    .label("the accelerator group of another VPC")
    .resource(Some(rule_resource(r, sg)))
    .help("reference the GlobalAccelerator security group of this load balancer's own VPC (each Regional VPC has its own)");
    if let GaHow::Lookup(i) = &ga.how {
        let l = &m.sg_lookups[*i];
        f = f.related(l.origin.file, l.span, "this lookup filters on another VPC");
    }
    b.push(label(f));
}

/// GASG-MODIFY (rules added to the accelerator's group) and GASG-DANGLING (a group that cannot exist).
fn modify_and_dangling(b: &mut Builder) {
    let ctx = b.ctx;
    let net = &ctx.net;
    let m = net.m;
    for sr in &m.sg_rules {
        let (Some(gid), Some(o)) = (&sr.group, &sr.rule.standalone) else {
            continue;
        };
        if let Some(ga) = net.ga_sg(&gid.value) {
            b.push(
                Finding::new(
                    MODIFY.id,
                    MODIFY.severity,
                    o.file,
                    gid.span,
                    format!(
                        "{} adds a rule to {}: Global Accelerator manages that group, and editing it can make endpoints unhealthy",
                        o.logical_id,
                        ga.describe(m)
                    ),
                )
                .resource(Some(o.logical_id.clone()))
                .help("add the rule to your own security group instead (e.g. the load balancer's, with the GlobalAccelerator group as its SourceSecurityGroupId)"),
            );
        }
    }
    // Lookups that can run before the endpoint group exists.
    for (i, l) in m.sg_lookups.iter().enumerate() {
        if !net.lookups.values().any(|&x| x == i) {
            continue;
        }
        let deps = net
            .raw
            .get(net.sources, l.origin.file)
            .map(|raw| super::common::depends_on(&raw, &l.origin.logical_id))
            .unwrap_or_default();
        let own: Vec<_> = m
            .endpoint_groups
            .iter()
            .filter(|g| g.origin.stack_key == l.origin.stack_key)
            .collect();
        if own.is_empty() {
            // The endpoint groups live in other stacks (or are not analysed): no `DependsOn` can cross
            // stacks, so the order is the deployment's, not a defect of this template.
            let mut others: Vec<&str> = m
                .endpoint_groups
                .iter()
                .map(|g| g.origin.stack.as_str())
                .collect();
            others.sort_unstable();
            others.dedup();
            let order = if others.is_empty() {
                "the stack that adds this VPC's load balancer to an accelerator endpoint group"
                    .to_string()
            } else {
                format!("stack {}", others.join(", "))
            };
            b.push(
                Finding::new(
                    DANGLING.id,
                    Severity::Info,
                    l.origin.file,
                    l.origin.logical_id_span,
                    format!(
                        "{} looks up the GlobalAccelerator security group, which exists only once an endpoint group adds a load balancer of this VPC: deploy {order} before stack {}",
                        l.origin.logical_id, l.origin.stack
                    ),
                )
                .resource(Some(l.origin.logical_id.clone())),
            );
            continue;
        }
        let ok = own.iter().any(|g| deps.contains(&g.origin.logical_id));
        if !ok {
            let mut f = Finding::new(
                DANGLING.id,
                DANGLING.severity,
                l.origin.file,
                l.origin.logical_id_span,
                format!(
                    "{} looks up the GlobalAccelerator security group without depending on an endpoint group of this stack: Global Accelerator creates that group only once an endpoint with client IP preservation exists in the VPC, so the lookup can run first, find nothing and fail the deployment",
                    l.origin.logical_id
                ),
            )
            .resource(Some(l.origin.logical_id.clone()))
            .help("\"DependsOn\": [\"<the AWS::GlobalAccelerator::EndpointGroup that adds this VPC's load balancer>\"] on the lookup (CDK: `AcceleratorSecurityGroupPeer.fromVpc(scope, id, vpc, endpointGroup)` adds it)");
            if let Some(g) = own.first() {
                f = f.related(
                    g.origin.file,
                    g.origin.logical_id_span,
                    "endpoint group of this stack",
                );
            }
            b.push(f);
        }
    }
    // References to the accelerator group in a VPC where no accelerator endpoint exists.
    if m.accelerators.is_empty() {
        return;
    }
    let mut ep_vpcs = Vec::new();
    for g in &m.endpoint_groups {
        for ep in &g.endpoints {
            match ep.load_balancer.map(|lb| lb_vpc(m, lb)) {
                Some(Some(k)) => ep_vpcs.push(k),
                _ => return, // an endpoint whose VPC is unknown: cannot tell
            }
        }
    }
    for (si, sg) in m.security_groups.iter().enumerate() {
        let Some(own) = sg_vpc(m, sg) else { continue };
        if ep_vpcs.iter().any(|k| !k.differs(&own)) {
            continue;
        }
        for r in m.ingress(si) {
            let Some(p) = &r.peer_group_id else { continue };
            if net.ga_sg(&p.value).is_none() {
                continue;
            }
            let file = rule_file(r, sg);
            b.push(
                Finding::new(
                    DANGLING.id,
                    DANGLING.severity,
                    file,
                    p.span,
                    format!(
                        "{} admits the GlobalAccelerator security group, but no accelerator endpoint is in its VPC ({}): Global Accelerator creates that group only for VPCs with endpoints that preserve client IPs",
                        sg.origin.logical_id,
                        sg.vpc_id.as_ref().map_or("?".to_string(), |v| display(&v.value))
                    ),
                )
                .label("this group does not exist in this VPC")
                .resource(Some(rule_resource(r, sg)))
                .help("add this VPC's load balancer as an endpoint (with \"ClientIPPreservationEnabled\": true) before referencing the group, or remove the rule"),
            );
        }
    }
}

/// ALB-SG-EGRESS: when egress is restricted, the load balancer must still reach its targets on the
/// traffic port and the health-check port.
fn egress(b: &mut Builder) {
    let ctx = b.ctx;
    let m = ctx.net.m;
    for (lbi, lb) in m.load_balancers.iter().enumerate() {
        if lb.type_str() != "application" || lb.security_groups.is_empty() {
            continue;
        }
        if lb.sg_links.iter().any(Option::is_none) {
            continue;
        }
        let sgs: Vec<usize> = lb.sg_links.iter().flatten().copied().collect();
        let mut cover: Vec<Range> = Vec::new();
        let mut first: Option<(FileId, Span, String)> = None;
        let mut open = false;
        for &si in &sgs {
            let sg = &m.security_groups[si];
            let rules = m.egress(si);
            if !sg.egress_written || rules.is_empty() {
                open = true; // CloudFormation's default allow-all egress
                break;
            }
            for r in rules {
                if first.is_none() {
                    first = Some((rule_file(r, sg), r.span, rule_resource(r, sg)));
                }
                match tcp_ports(r) {
                    Ports::Unknown => open = true,
                    p => cover.extend(p.range()),
                }
            }
        }
        if open {
            continue;
        }
        let Some((file, span, res)) = first else {
            continue;
        };
        for &li in m.listeners_of_load_balancer(lbi) {
            for tga in &m.elb_listeners[li].target_groups {
                let Some((ti, _)) =
                    m.resolve(Kind::TargetGroup, &tga.value, &m.elb_listeners[li].origin)
                else {
                    continue;
                };
                let tg = &m.target_groups[ti];
                let ty = tg
                    .target_type
                    .as_ref()
                    .map_or("instance", |t| t.value.as_str());
                if ty.eq_ignore_ascii_case("lambda") {
                    continue;
                }
                let Some(port) = tg.port.as_ref().map(|p| p.value) else {
                    continue;
                };
                let mut need = vec![(port, "traffic port".to_string())];
                for t in &tg.targets {
                    if let Some(p) = &t.port {
                        need.push((p.value, "target port".to_string()));
                    }
                }
                if let Some(hc) = &tg.health_check_port {
                    if let Ok(p) = hc.value.parse::<i64>() {
                        need.push((p, "health-check port".to_string()));
                    }
                }
                for (p, what) in need {
                    if subtract((p, p), &cover).is_empty() {
                        continue;
                    }
                    b.push(
                        Finding::new(
                            SG_EGRESS.id,
                            SG_EGRESS.severity,
                            file,
                            span,
                            format!(
                                "the security groups of {} allow no outbound tcp {p} ({what} of target group {}): the load balancer cannot reach its targets",
                                lb.origin.logical_id, tg.origin.logical_id
                            ),
                        )
                        .label("egress is restricted here")
                        .resource(Some(res.clone()))
                        .related(tg.origin.file, tg.port.as_ref().map_or(tg.origin.logical_id_span, |x| x.span), "target group port")
                        .help(format!(
                            "add to SecurityGroupEgress: {{ \"IpProtocol\": \"tcp\", \"FromPort\": {p}, \"ToPort\": {p}, \"DestinationSecurityGroupId\": <the targets' security group> }}"
                        )),
                    );
                }
            }
        }
    }
}
