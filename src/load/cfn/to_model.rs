//! [`Template`] → the model's input ([`Stack`]): the CloudFormation shapes stay here; the model reads
//! identity, binding, parameters, and per resource its properties, condition, dependencies and the
//! identities pinned in `Metadata.trustlint`.

use super::template::{Resource, Template};
use crate::model::input::{self, Body, Stack};
use crate::source::Node;

impl Template {
    /// The model's view of this template.
    pub fn model_input(&self) -> Stack {
        Stack {
            file: self.file,
            name: self.stack.clone(),
            key: self.stack_key.clone(),
            account: self.binding.account.clone(),
            region: self.binding.region.clone(),
            partition: self.binding.partition.clone(),
            parameters: self.parameters.clone(),
            resources: self.resources.iter().map(resource).collect(),
            output_refs: Some(self.output_refs.clone()),
        }
    }
}

/// The model's input of every template, in order.
pub fn model_inputs(templates: &[Template]) -> Vec<Stack> {
    templates.iter().map(Template::model_input).collect()
}

fn resource(r: &Resource) -> input::Resource {
    let meta = r.metadata.as_ref().and_then(|m| m.get("trustlint"));
    let pin = |k: &str| {
        meta.and_then(|m: &Node| m.get(k))
            .and_then(Node::as_str)
            .map(str::to_string)
    };
    input::Resource {
        logical_id: r.logical_id.clone(),
        logical_id_span: r.logical_id_span,
        type_name: r.type_name.clone(),
        span: r.span,
        condition: r.condition.clone(),
        body: match super::typed::typed(&r.type_name, r.properties.as_ref()) {
            Some(t) => Body::Typed(t),
            None => Body::Properties(r.properties.clone()),
        },
        depends_on: r.depends_on.clone(),
        refers_to: Some(r.refers_to.clone()),
        pinned_arn: pin("arn"),
        pinned_id: pin("id"),
    }
}
