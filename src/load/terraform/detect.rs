//! Is this parsed JSON file a Terraform plan (`terraform show -json plan.out`)?

use crate::source::Node;

/// A plan has a top-level `format_version` and `terraform_version` and `planned_values` and/or
/// `resource_changes` (a state file, `terraform show -json` without a plan, has `values` instead).
/// Returns why not, for `--verbose`.
pub fn is_plan(root: &Node) -> Result<(), String> {
    if root.as_object().is_none() {
        return Err("not an object: not a Terraform plan".into());
    }
    let has_str = |k: &str| root.get(k).and_then(Node::as_str).is_some();
    if !has_str("format_version") || !has_str("terraform_version") {
        return Err("no `format_version`/`terraform_version`: not a Terraform plan".into());
    }
    let object = |k: &str| root.get(k).and_then(Node::as_object).is_some();
    let array = |k: &str| root.get(k).and_then(Node::as_array).is_some();
    if object("planned_values") || array("resource_changes") {
        Ok(())
    } else {
        Err("no `planned_values` or `resource_changes`: a Terraform state, not a plan".into())
    }
}

/// The plan format's major version is one trustlint reads (`1.x`; `0.x` was Terraform 0.12–1.0).
pub fn supported_version(root: &Node) -> Option<&str> {
    let v = root.get("format_version").and_then(Node::as_str)?;
    match v.split('.').next() {
        Some("0" | "1") => None,
        _ => Some(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::json;

    #[test]
    fn detection() {
        let p = json::parse(
            r#"{"format_version":"1.2","terraform_version":"1.9.5","planned_values":{"root_module":{}}}"#,
        )
        .unwrap();
        assert!(is_plan(&p).is_ok());
        assert_eq!(supported_version(&p), None);
        let rc = json::parse(
            r#"{"format_version":"1.0","terraform_version":"1.0.0","resource_changes":[]}"#,
        )
        .unwrap();
        assert!(is_plan(&rc).is_ok());
        let state = json::parse(
            r#"{"format_version":"1.0","terraform_version":"1.5.0","values":{"root_module":{}}}"#,
        )
        .unwrap();
        assert!(is_plan(&state).is_err());
        assert!(is_plan(&json::parse(r#"{"Resources":{}}"#).unwrap()).is_err());
        assert!(is_plan(&json::parse(r#"[1]"#).unwrap()).is_err());
        let future = json::parse(
            r#"{"format_version":"2.0","terraform_version":"2.0.0","planned_values":{}}"#,
        )
        .unwrap();
        assert_eq!(supported_version(&future), Some("2.0"));
    }
}
