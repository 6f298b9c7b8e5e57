//! Is this parsed file a CloudFormation template?

use crate::source::Node;

/// A template has a `Resources` object with at least one resource whose `Type` is `AWS::…` or
/// `Custom::…`, or a `Fn::ForEach` loop. Returns why not, for `--verbose`.
pub fn is_template(root: &Node) -> Result<(), String> {
    let Some(resources) = root.get("Resources") else {
        return Err("no `Resources` section: not a CloudFormation template".into());
    };
    let Some(members) = resources.as_object() else {
        return Err("`Resources` is not a mapping: not a CloudFormation template".into());
    };
    // `Fn::ForEach::<Loop>` (AWS::LanguageExtensions) generates resources.
    let typed = members.iter().any(|m| {
        m.key.starts_with("Fn::ForEach::")
            || m.value
                .get("Type")
                .and_then(Node::as_str)
                .is_some_and(|t| t.starts_with("AWS::") || t.starts_with("Custom::"))
    });
    if typed {
        Ok(())
    } else {
        Err("no resource in `Resources` has a `Type` of `AWS::…` or `Custom::…`".into())
    }
}

/// A cheap textual test, for files that failed to parse: does the text look like a template, so that
/// its syntax error is worth a PARSE finding (rather than skipping, say, a Helm chart)?
pub fn looks_like_template(text: &str) -> bool {
    text.contains("AWSTemplateFormatVersion")
        || (text.contains("Resources")
            && ["AWS::", "Custom::"].iter().any(|p| {
                text.match_indices(p).any(|(i, _)| {
                    let before = text[..i].trim_end_matches(['"', '\'', ' ']);
                    before.ends_with(':')
                        && before[..before.len() - 1]
                            .trim_end_matches(['"', '\''])
                            .ends_with("Type")
                })
            }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::json;

    #[test]
    fn detection() {
        let t = json::parse(r#"{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}"#).unwrap();
        assert!(is_template(&t).is_ok());
        let c = json::parse(r#"{"Resources": {"B": {"Type": "Custom::Thing"}}}"#).unwrap();
        assert!(is_template(&c).is_ok());
        let n = json::parse(r#"{"Resources": {"B": {"Type": "Other::X"}}}"#).unwrap();
        assert!(is_template(&n).is_err());
        assert!(is_template(&json::parse(r#"{"name": "pkg"}"#).unwrap()).is_err());
        assert!(looks_like_template(
            "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"
        ));
        assert!(looks_like_template(
            "{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\"}}}"
        ));
        assert!(!looks_like_template("apiVersion: v1\nkind: Pod\n"));
    }
}
