//! `trustlint simulate`: read a request in the "Simulate request" format, evaluate it with the engine
//! ([`crate::eval`]), and render the decision as JSON or text. Parsing errors name the bad field.
//!
//! Extensions to the contract (all optional): `request.resourceAccount`, `request.principalAccount`,
//! `request.resourceType` (`"kms-key"`, `"role"`, `"other"`), `sessionPolicy`,
//! `organization.managementAccount`, and `{"unknown": "label"}` in place of the principal, the resource or
//! a context value (the decision may then be `Depends`); inside policies, `{{unknown:label}}` anywhere in a
//! string stands for the unknown of that label (a symbol equals the request's unknown of the same label,
//! and nothing else). `why`, `expected`, `description` and `comment`
//! are accepted and ignored by the evaluation (the decision corpus uses them).

mod render;
mod request;

pub use render::{miss_text, missing_text, render_human, render_json};
pub use request::parse_request;

use crate::eval::{self, Decision, NamedPolicy, PolicyRole, PolicySet};
use crate::model::Policy;

/// A malformed request: `field` is the JSON path of the culprit (`request.principal`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestError {
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for RequestError {}

fn err(field: impl Into<String>, message: impl Into<String>) -> RequestError {
    RequestError {
        field: field.into(),
        message: message.into(),
    }
}

/// A parsed simulate request: the engine request and the policies, which own their ASTs.
#[derive(Debug, Clone)]
pub struct SimRequest {
    pub request: eval::Request,
    pub identity: Vec<(String, Policy)>,
    pub resource: Option<(String, Policy)>,
    pub boundary: Option<(String, Policy)>,
    pub session: Option<(String, Policy)>,
    pub scps: Vec<Vec<(String, Policy)>>,
    pub rcps: Vec<Vec<(String, Policy)>>,
    /// Shape problems found in the policies (evaluation goes on with what is well-formed).
    pub warnings: Vec<String>,
    /// Corpus annotations.
    pub expected: Option<String>,
    pub why: Option<String>,
}

impl SimRequest {
    pub fn policy_set(&self) -> PolicySet<'_> {
        fn named(np: &(String, Policy)) -> NamedPolicy<'_> {
            NamedPolicy {
                name: np.0.as_str(),
                policy: &np.1,
            }
        }
        PolicySet {
            identity: self.identity.iter().map(named).collect(),
            resource: self.resource.as_ref().map(named),
            boundary: self.boundary.as_ref().map(named),
            session: self.session.as_ref().map(named),
            scps: self
                .scps
                .iter()
                .map(|l| l.iter().map(named).collect())
                .collect(),
            rcps: self
                .rcps
                .iter()
                .map(|l| l.iter().map(named).collect())
                .collect(),
        }
    }
}

fn floor_char(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Evaluate a parsed request. An unclassifiable principal is a request error.
pub fn simulate(sim: &SimRequest) -> Result<Decision, RequestError> {
    eval::evaluate(&sim.request, &sim.policy_set())
        .map_err(|e| err("request.principal", e.to_string()))
}

#[allow(unused)]
fn _role_is_used(r: PolicyRole) -> PolicyRole {
    r
}
