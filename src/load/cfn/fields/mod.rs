//! CloudFormation properties → the model's typed fields, one module per resource family (dispatched by
//! resource type in [`super::typed`]): the CloudFormation property names of these families are read
//! here and nowhere else.

pub(super) mod ec2;
pub(super) mod elb;
pub(super) mod ga;
pub(super) mod iam;
pub(super) mod s3;

use crate::model::props::string;
use crate::model::symbolic::has_symbol;
use crate::source::{Node, Spanned};

/// A list property whose value is a symbol (a parameter, an import, an undecidable `Fn::If`): the list
/// is unknown as a whole, never empty.
fn unknown_list(p: Option<&Node>, key: &str) -> Option<Spanned<String>> {
    string(p, key).filter(|v| has_symbol(&v.value))
}
