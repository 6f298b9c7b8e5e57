//! Resources whose `Ref` or `Fn::GetAtt` returns a value chosen by someone else — a custom resource's
//! provider, a nested stack's outputs, a wait condition's data, a parameter's stored value — instead of
//! an identity CloudFormation generates for the resource. Such a value may be anything (even the ARN of
//! another resource in the configuration), so it is an unknown that is not known to differ from any
//! other value; a generated identity is known to be unique to its resource.

/// Whether `Ref` (`attr` is `None`) or `Fn::GetAtt` of `attr` on a resource of type `ty` returns a
/// provider-chosen value.
pub fn provider_value(ty: &str, attr: Option<&str>) -> bool {
    if ty.starts_with("Custom::") || ty == "AWS::CloudFormation::CustomResource" {
        // The provider returns both the physical id (`Ref`) and every attribute (`Data`).
        return true;
    }
    let Some(attr) = attr else {
        return false;
    };
    match ty {
        "AWS::CloudFormation::Stack" | "AWS::ServiceCatalog::CloudFormationProvisionedProduct" => {
            attr == "Outputs" || attr.starts_with("Outputs.")
        }
        "AWS::CloudFormation::WaitCondition" => attr == "Data",
        "AWS::SSM::Parameter" => attr == "Value",
        // Third-party registry types: their attributes mean whatever the publisher says.
        _ => !(ty.starts_with("AWS::") || ty.starts_with("Alexa::")),
    }
}

#[cfg(test)]
mod tests {
    use super::provider_value;

    #[test]
    fn custom_resources_and_outputs_carry_values_but_identities_do_not() {
        assert!(provider_value("Custom::Lookup", None));
        assert!(provider_value("Custom::Lookup", Some("Arn")));
        assert!(provider_value(
            "AWS::CloudFormation::CustomResource",
            Some("Value")
        ));
        assert!(provider_value(
            "AWS::CloudFormation::Stack",
            Some("Outputs.RoleArn")
        ));
        assert!(provider_value("AWS::SSM::Parameter", Some("Value")));
        assert!(provider_value(
            "AWS::CloudFormation::WaitCondition",
            Some("Data")
        ));
        assert!(provider_value("MongoDB::Atlas::Cluster", Some("Id")));
        assert!(!provider_value("AWS::CloudFormation::Stack", None));
        assert!(!provider_value("AWS::SSM::Parameter", None));
        assert!(!provider_value("AWS::S3::Bucket", Some("Arn")));
        assert!(!provider_value("AWS::Lambda::Function", Some("Arn")));
        assert!(!provider_value(
            "AWS::CloudFormation::WaitConditionHandle",
            None
        ));
    }
}
