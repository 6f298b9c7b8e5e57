//! `AWS::IAM::Role`, and the policies attached to roles (`AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy`,
//! `AWS::IAM::RolePolicy`), typed.

use super::document::{Attachment, DocKind, PolicyDoc};
use super::origin::Origin;
use crate::source::{Member, Node, Span, Spanned, Value};

/// What a frontend knows of an IAM role, by meaning (`load::cfn` reads CloudFormation properties,
/// the Terraform translation `aws_iam_role` and its attachments).
#[derive(Debug, Clone, Default)]
pub struct RoleFields {
    /// The role name as written (`None`: generated).
    pub name: Option<Spanned<String>>,
    pub path: Option<Spanned<String>>,
    /// The trust policy document as written.
    pub trust: Option<Node>,
    /// Inline policies that have a document.
    pub inline: Vec<InlinePolicy>,
    /// The inline policies are not known as a whole (`Policies: !Ref P`, a Terraform `inline_policy`
    /// known after apply): the symbol naming them.
    pub inline_unknown: Option<Spanned<String>>,
    /// Managed policy ARNs attached.
    pub managed_policy_arns: Vec<Spanned<String>>,
    /// The permissions boundary: a managed policy ARN.
    pub boundary: Option<Spanned<String>>,
}

/// An inline policy of a role: its name and document as written.
#[derive(Debug, Clone)]
pub struct InlinePolicy {
    pub name: Option<Spanned<String>>,
    pub document: Node,
}

/// What a frontend knows of an IAM policy resource (its kind comes from the resource type).
#[derive(Debug, Clone, Default)]
pub struct IamPolicyFields {
    /// The policy name (a managed policy's name).
    pub name: Option<Spanned<String>>,
    /// A managed policy's path (default `/`).
    pub path: Option<Spanned<String>>,
    pub document: Option<Node>,
    /// Role names it is attached to.
    pub roles: Vec<Spanned<String>>,
    pub users: Vec<Spanned<String>>,
    pub groups: Vec<Spanned<String>>,
}

#[derive(Debug, Clone)]
pub struct Role {
    pub origin: Origin,
    /// `RoleName` as written; `None` when generated.
    pub name_prop: Option<Spanned<String>>,
    /// The role name identity: `RoleName`, else a generated symbol.
    pub name: String,
    /// `Path` (default `/`).
    pub path: Option<Spanned<String>>,
    /// `arn:<partition>:iam::<account>:role<path><name>`, or the pinned ARN.
    pub arn: String,
    pub trust: Option<PolicyDoc>,
    /// `Policies[]`: inline policies, with their `PolicyName`.
    pub inline: Vec<(Option<Spanned<String>>, PolicyDoc)>,
    /// `ManagedPolicyArns[]` as written.
    pub managed_policy_arns: Vec<Spanned<String>>,
    /// `PermissionsBoundary`: a managed policy ARN.
    pub boundary: Option<Spanned<String>>,
    /// Indices into `Model::iam_policies` attached to this role (set when linking).
    pub attached: Vec<usize>,
}

impl Role {
    /// The path with its slashes (`/` when absent).
    pub fn path_str(&self) -> &str {
        self.path.as_ref().map_or("/", |p| p.value.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IamPolicyKind {
    /// `AWS::IAM::Policy` (inline, attached by name to roles/users/groups).
    Policy,
    /// `AWS::IAM::ManagedPolicy`.
    Managed,
    /// `AWS::IAM::RolePolicy` (inline, one role).
    RolePolicy,
}

#[derive(Debug, Clone)]
pub struct IamPolicy {
    pub origin: Origin,
    pub kind: IamPolicyKind,
    /// `PolicyName` / `ManagedPolicyName`.
    pub name: Option<Spanned<String>>,
    /// For managed policies: `arn:<partition>:iam::<account>:policy<path><name>` (or a symbol).
    pub arn: Option<String>,
    pub doc: Option<PolicyDoc>,
    /// `Roles[]` (names; `RoleName` for `AWS::IAM::RolePolicy`).
    pub roles: Vec<Spanned<String>>,
    pub users: Vec<Spanned<String>>,
    pub groups: Vec<Spanned<String>>,
}

fn doc(origin: &Origin, node: &Node, kind: DocKind, what: &str, att: Attachment) -> PolicyDoc {
    let mut d = PolicyDoc::new(
        origin.file,
        kind,
        node.clone(),
        format!("{what} of {} {}", origin.type_name, origin.logical_id),
    );
    d.attachment = att;
    d
}

/// A policy document not known statically (a Terraform policy known after apply, inline policies
/// unknown as a whole): one statement whose principal, action and resource are the unknown itself, so
/// the engine answers "depends on" (→ UNPROVEN), never "allowed" or "missing" (an `Action: "*"` would
/// read as granting everything).
pub fn unknown_document(label: &str, kind: DocKind, span: Span) -> Node {
    let text = |t: &str| Node {
        span,
        value: Value::String(t.to_string()),
    };
    let member = |key: &str, value: Node| Member {
        key: key.to_string(),
        key_span: span,
        value,
    };
    let mut st = vec![
        member("Sid", text("UnknownUntilApply")),
        member("Effect", text("Allow")),
    ];
    if kind.needs_principal() {
        let aws = Node {
            span,
            value: Value::Object(vec![member("AWS", text(label))]),
        };
        st.push(member("Principal", aws));
    }
    st.push(member("Action", text(label)));
    st.push(member("Resource", text(label)));
    let statements = Node {
        span,
        value: Value::Array(vec![Node {
            span,
            value: Value::Object(st),
        }]),
    };
    Node {
        span,
        value: Value::Object(vec![
            member("Version", text("2012-10-17")),
            member("Statement", statements),
        ]),
    }
}

pub(crate) fn role(origin: Origin, f: RoleFields) -> Role {
    let name_prop = f.name;
    let name = name_prop
        .as_ref()
        .map(|n| n.value.clone())
        .unwrap_or_else(|| origin.generated("RoleName"));
    let path = f.path;
    let path_s = path.as_ref().map_or("/", |p| p.value.as_str());
    let arn = origin.pinned_arn.clone().unwrap_or_else(|| {
        format!(
            "arn:{}:iam::{}:role{}{}",
            origin.partition,
            origin.account,
            if path_s.ends_with('/') {
                path_s.to_string()
            } else {
                format!("{path_s}/")
            },
            name
        )
    });
    let mut trust = f.trust.as_ref().map(|n| {
        doc(
            &origin,
            n,
            DocKind::Trust,
            "AssumeRolePolicyDocument",
            Attachment::Unknown,
        )
    });
    if let Some(t) = &mut trust {
        t.name = Some(super::symbolic::display(&name));
    }
    // Unknown inline policies: one stand-in document that may grant anything.
    let unknown = f.inline_unknown.map(|u| InlinePolicy {
        name: None,
        document: unknown_document(&u.value, DocKind::Identity, u.span),
    });
    let inline = f
        .inline
        .into_iter()
        .chain(unknown)
        .map(|pol| {
            let mut d = doc(
                &origin,
                &pol.document,
                DocKind::Identity,
                "Policies[].PolicyDocument",
                Attachment::InlineRole,
            );
            d.name = pol
                .name
                .as_ref()
                .map(|n| super::symbolic::display(&n.value));
            (pol.name, d)
        })
        .collect();
    Role {
        name_prop,
        name,
        path,
        arn,
        trust,
        inline,
        managed_policy_arns: f.managed_policy_arns,
        boundary: f.boundary,
        attached: Vec::new(),
        origin,
    }
}

pub(crate) fn iam_policy(origin: Origin, kind: IamPolicyKind, f: IamPolicyFields) -> IamPolicy {
    let name = f.name;
    let path = f.path;
    let arn = (kind == IamPolicyKind::Managed).then(|| {
        origin.pinned_arn.clone().unwrap_or_else(|| {
            let path = path.map_or("/".to_string(), |p| p.value);
            let n = name.as_ref().map_or_else(
                || origin.generated("ManagedPolicyName"),
                |n| n.value.clone(),
            );
            format!(
                "arn:{}:iam::{}:policy{path}{n}",
                origin.partition, origin.account
            )
        })
    });
    let att = if kind == IamPolicyKind::Managed {
        Attachment::Managed
    } else {
        Attachment::InlineRole
    };
    let mut d = f
        .document
        .as_ref()
        .map(|n| doc(&origin, n, DocKind::Identity, "PolicyDocument", att));
    if let Some(d) = &mut d {
        d.name = name.as_ref().map(|n| super::symbolic::display(&n.value));
    }
    IamPolicy {
        kind,
        name,
        arn,
        doc: d,
        roles: f.roles,
        users: f.users,
        groups: f.groups,
        origin,
    }
}
