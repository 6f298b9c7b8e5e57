//! Linking: every reference written in a resource is resolved once, after all resources are added, and
//! recorded on the resource (with the reverse links in the index).

use super::AssumedLink;
use super::{Kind, Model};
use crate::model::ec2::{Direction, SgRule};
use crate::model::ident::How;
use crate::model::origin::Origin;
use crate::source::Span;

#[expect(
    clippy::indexing_slicing,
    reason = "arena indices: every usize indexing a vector here was handed out by this model (a \
              position in its own vectors, recorded when the resource was added), never read from input"
)]
impl Model {
    fn note(
        &mut self,
        kind: Kind,
        r: Option<(usize, How)>,
        from: &Origin,
        span: Span,
        literal: &str,
    ) -> Option<usize> {
        let (i, how) = r?;
        if how == How::Assumed {
            let target = self
                .origin_of(kind, i)
                .map(|o| format!("{}/{}", o.stack, o.logical_id));
            self.assumed_links.push(AssumedLink {
                file: from.file,
                span,
                literal: literal.to_string(),
                kind,
                target: target.unwrap_or_default(),
            });
        }
        Some(i)
    }

    pub(super) fn link(&mut self) {
        // Bucket policies → buckets.
        for i in 0..self.bucket_policies.len() {
            let bp = &self.bucket_policies[i];
            let t = bp
                .bucket
                .as_ref()
                .and_then(|b| self.resolve_bucket(&b.value, &bp.origin));
            self.bucket_policies[i].target = t.map(|t| t.0);
            if let Some((b, _)) = t {
                self.buckets[b].policy.get_or_insert(i);
            }
        }
        // IAM policies → roles (by name), managed policy ARNs and boundaries stay queries.
        for i in 0..self.iam_policies.len() {
            let p = &self.iam_policies[i];
            let targets: Vec<usize> = p
                .roles
                .iter()
                .filter_map(|r| self.resolve_role_name(&r.value, &p.origin).map(|x| x.0))
                .collect();
            for r in targets {
                if !self.roles[r].attached.contains(&i) {
                    self.roles[r].attached.push(i);
                }
            }
        }
        // Aliases → keys.
        for i in 0..self.aliases.len() {
            let a = &self.aliases[i];
            let Some(t) = a.target_key_id.clone() else {
                continue;
            };
            let o = a.origin.clone();
            let r = self.resolve_key(&t.value, &o);
            if let Some(k) = self.note(Kind::Key, r, &o, t.span, &t.value) {
                self.aliases[i].target = Some(k);
                self.keys[k].aliases.push(i);
            }
        }
        // Buckets: default keys, replication role, destinations, replica keys.
        for b in 0..self.buckets.len() {
            let o = self.buckets[b].origin.clone();
            for e in 0..self.buckets[b].encryption.len() {
                if let Some(k) = self.buckets[b].encryption[e].kms_master_key_id.clone() {
                    let r = self.resolve_key(&k.value, &o);
                    self.buckets[b].encryption[e].kms_key =
                        self.note(Kind::Key, r, &o, k.span, &k.value);
                }
            }
            let Some(rep) = self.buckets[b].replication.clone() else {
                continue;
            };
            let role = rep
                .role
                .as_ref()
                .and_then(|r| self.resolve_role(&r.value, &o))
                .map(|x| x.0);
            for (ri, rule) in rep.rules.iter().enumerate() {
                let Some(d) = &rule.destination else { continue };
                let bt = d
                    .bucket
                    .as_ref()
                    .and_then(|x| self.resolve_bucket(&x.value, &o))
                    .map(|x| x.0);
                let kt = match &d.replica_kms_key_id {
                    Some(k) => {
                        // The replica key lives with the destination bucket.
                        let ko = bt.map_or(o.clone(), |x| self.buckets[x].origin.clone());
                        let r = self
                            .resolve_key(&k.value, &ko)
                            .or_else(|| self.resolve_key(&k.value, &o));
                        self.note(Kind::Key, r, &o, k.span, &k.value)
                    }
                    None => None,
                };
                if let Some(rr) = &mut self.buckets[b].replication {
                    if let Some(dd) = &mut rr.rules[ri].destination {
                        dd.bucket_target = bt;
                        dd.replica_key_target = kt;
                    }
                }
            }
            if let Some(rr) = &mut self.buckets[b].replication {
                rr.role_target = role;
            }
        }
        // Global Accelerator chain.
        for i in 0..self.ga_listeners.len() {
            let l = &self.ga_listeners[i];
            let t = l
                .accelerator_arn
                .as_ref()
                .and_then(|a| self.resolve(Kind::Accelerator, &a.value, &l.origin));
            self.ga_listeners[i].accelerator = t.map(|x| x.0);
            if let Some((a, _)) = t {
                self.index.acc_listeners.entry(a).or_default().push(i);
            }
        }
        for i in 0..self.endpoint_groups.len() {
            let g = self.endpoint_groups[i].clone();
            self.endpoint_groups[i].listener = g
                .listener_arn
                .as_ref()
                .and_then(|a| self.resolve(Kind::GaListener, &a.value, &g.origin))
                .map(|x| x.0);
            if let Some(l) = self.endpoint_groups[i].listener {
                self.index.listener_groups.entry(l).or_default().push(i);
            }
            for (e, ep) in g.endpoints.iter().enumerate() {
                let Some(id) = &ep.id else { continue };
                let r = self.resolve_load_balancer(&id.value, &g.origin);
                self.endpoint_groups[i].endpoints[e].load_balancer =
                    self.note(Kind::LoadBalancer, r, &g.origin, id.span, &id.value);
            }
        }
        // Load balancers.
        for i in 0..self.elb_listeners.len() {
            let l = &self.elb_listeners[i];
            let t = l
                .load_balancer_arn
                .as_ref()
                .and_then(|a| self.resolve(Kind::LoadBalancer, &a.value, &l.origin));
            self.elb_listeners[i].load_balancer = t.map(|x| x.0);
            if let Some((lb, _)) = t {
                self.index.lb_listeners.entry(lb).or_default().push(i);
            }
        }
        for i in 0..self.load_balancers.len() {
            let lb = self.load_balancers[i].clone();
            for (j, sg) in lb.security_groups.iter().enumerate() {
                let r = self.resolve_sg(&sg.value, &lb.origin, None);
                self.load_balancers[i].sg_links[j] =
                    self.note(Kind::SecurityGroup, r, &lb.origin, sg.span, &sg.value);
            }
        }
        // Security groups: peers, VPCs, standalone rules.
        for i in 0..self.security_groups.len() {
            let sg = self.security_groups[i].clone();
            self.security_groups[i].vpc = sg
                .vpc_id
                .as_ref()
                .and_then(|v| self.resolve_vpc(&v.value, &sg.origin))
                .map(|x| x.0);
            for (dir, rules) in [
                (Direction::Ingress, &sg.ingress),
                (Direction::Egress, &sg.egress),
            ] {
                for (j, rule) in rules.iter().enumerate() {
                    let peer = self.link_peer(rule, &sg.origin, Some(i));
                    let list = match dir {
                        Direction::Ingress => &mut self.security_groups[i].ingress,
                        Direction::Egress => &mut self.security_groups[i].egress,
                    };
                    list[j].peer_group = peer;
                }
            }
        }
        for i in 0..self.sg_rules.len() {
            let r = self.sg_rules[i].clone();
            let Some(o) = r.rule.standalone.clone() else {
                continue;
            };
            let target = r.group.as_ref().and_then(|g| {
                self.resolve_sg(&g.value, &o, None)
                    .filter(|x| x.1 != How::Assumed || g.value.starts_with("sg-"))
            });
            let target = self.note(
                Kind::SecurityGroup,
                target,
                &o,
                r.group.as_ref().map_or(o.span, |g| g.span),
                r.group.as_ref().map_or("", |g| g.value.as_str()),
            );
            self.sg_rules[i].target = target;
            self.sg_rules[i].rule.peer_group = self.link_peer(&r.rule, &o, target);
            if let Some(t) = target {
                self.security_groups[t].standalone.push(i);
            }
        }
        // Subnets and gateways → VPCs.
        for i in 0..self.subnets.len() {
            let s = &self.subnets[i];
            self.subnets[i].vpc = s
                .vpc_id
                .as_ref()
                .and_then(|v| self.resolve_vpc(&v.value, &s.origin))
                .map(|x| x.0);
        }
        for i in 0..self.gateway_attachments.len() {
            let g = &self.gateway_attachments[i];
            let v = g
                .vpc_id
                .as_ref()
                .and_then(|v| self.resolve_vpc(&v.value, &g.origin))
                .map(|x| x.0);
            let w = g
                .internet_gateway_id
                .as_ref()
                .and_then(|w| self.resolve(Kind::InternetGateway, &w.value, &g.origin))
                .map(|x| x.0);
            if let (Some(v), Some(w)) = (v, w) {
                if !self.vpcs[v].internet_gateways.contains(&w) {
                    self.vpcs[v].internet_gateways.push(w);
                }
            }
        }
    }

    fn link_peer(&mut self, rule: &SgRule, from: &Origin, own: Option<usize>) -> Option<usize> {
        let p = rule.peer_group_id.as_ref()?;
        let r = self.resolve_sg(&p.value, from, own);
        // A group admitting itself is linked exactly (a `Ref` to itself), never by assumption.
        let r = r.filter(|(i, how)| *how != How::Assumed || Some(*i) != own);
        self.note(Kind::SecurityGroup, r, from, p.span, &p.value)
    }
}
