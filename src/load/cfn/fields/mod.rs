//! CloudFormation properties → the model's typed fields, one module per resource family (dispatched by
//! resource type in [`super::typed`]): the CloudFormation property names of these families are read
//! here and nowhere else.

pub(super) mod ec2;
pub(super) mod elb;
pub(super) mod ga;
pub(super) mod iam;
pub(super) mod s3;
