use super::parse::SHAPE;
use super::*;
use crate::source::{json, Value};

#[test]
fn parses_a_full_statement() {
    let text = r#"{"Version":"2012-10-17","Statement":{"Sid":"A","Effect":"Allow",
        "Principal":{"AWS":["111111111111","arn:aws:iam::222222222222:role/r"],"Service":"s3.amazonaws.com"},
        "Action":"s3:GetObject","Resource":["arn:aws:s3:::b/*"],
        "Condition":{"StringEquals":{"aws:SourceAccount":"111111111111"},"Bool":{"aws:SecureTransport":false}}}}"#;
    let (p, errs) = parse_policy(&json::parse(text).unwrap());
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(p.statements.len(), 1);
    let s = &p.statements[0];
    assert_eq!(s.effect.as_ref().unwrap().value, Effect::Allow);
    assert_eq!(s.principal.as_ref().unwrap().entries().len(), 3);
    assert_eq!(s.conditions.len(), 2);
    assert_eq!(s.conditions[1].values[0].value, "false");
    assert_eq!(s.action.as_ref().unwrap().items[0].value, "s3:GetObject");
}

#[test]
fn collects_all_shape_errors() {
    let text = r#"{"Version":"2012-10-17","Statement":[
        {"Effect":"allow","Action":5,"Resource":"*"},
        {"Action":"s3:GetObject","Resource":"*","effect":"Allow"},
        "oops"]}"#;
    let (p, errs) = parse_policy(&json::parse(text).unwrap());
    assert_eq!(p.statements.len(), 2);
    let msgs: Vec<_> = errs.iter().map(|e| e.message.as_str()).collect();
    assert!(msgs
        .iter()
        .any(|m| m.contains("`Effect` must be `Allow` or `Deny`")));
    assert!(msgs.iter().any(|m| m.contains("`Action` must be a string")));
    assert!(msgs.iter().any(|m| m.contains("unknown element `effect`")));
    assert!(msgs
        .iter()
        .any(|m| m.contains("statement 1 has no `Effect`")));
    assert!(msgs
        .iter()
        .any(|m| m.contains("a statement must be an object")));
}

/// A `Statement` (or one item of it) built by a macro or a `Ref` is unknown, not malformed.
#[test]
fn unknown_statements_are_unproven_not_shape_errors() {
    let sym = crate::model::symbolic::opaque("Fn::Transform", "test");
    let whole = crate::source::Node {
        span: Span::new(0, 1),
        value: Value::Object(vec![crate::source::Member {
            key: "Statement".into(),
            key_span: Span::new(0, 1),
            value: crate::source::Node {
                span: Span::new(0, 1),
                value: Value::String(sym.clone()),
            },
        }]),
    };
    let (p, errs) = parse_policy(&whole);
    assert!(p.statements.is_empty());
    let rules: Vec<_> = errs.iter().map(|e| e.rule).collect();
    assert_eq!(rules, ["UNPROVEN"], "{errs:?}");
    // An item: only the unknown one is unproven; a literal string is still malformed.
    let item = |v: &str| crate::source::Node {
        span: Span::new(0, 1),
        value: Value::String(v.to_string()),
    };
    let mut list = whole.clone();
    if let Value::Object(members) = &mut list.value {
        members[0].value.value = Value::Array(vec![item(&sym), item("oops")]);
    }
    let (_, errs) = parse_policy(&list);
    let rules: Vec<_> = errs.iter().map(|e| e.rule).collect();
    assert_eq!(rules, ["UNPROVEN", SHAPE], "{errs:?}");
}

#[test]
fn duplicate_keys_are_shape_errors() {
    let text = r#"{"Statement":{"Effect":"Allow","Effect":"Deny","Action":"*","Resource":"*"}}"#;
    let (_, errs) = parse_policy(&json::parse(text).unwrap());
    assert!(errs
        .iter()
        .any(|e| e.message.contains("duplicate key `Effect`")));
}

/// The policy of `text` with every string `"SYM"` replaced by `sym` (a symbol cannot come through the
/// JSON reader: user text never holds one).
fn with_symbol(text: &str, sym: &str) -> crate::source::Node {
    fn walk(n: &mut crate::source::Node, sym: &str) {
        match &mut n.value {
            Value::String(s) if s == "SYM" => *s = sym.to_string(),
            Value::Object(ms) => ms.iter_mut().for_each(|m| walk(&mut m.value, sym)),
            Value::Array(items) => items.iter_mut().for_each(|i| walk(i, sym)),
            _ => {}
        }
    }
    let mut node = json::parse(text).unwrap();
    walk(&mut node, sym);
    node
}

/// A whole `Principal`/`NotPrincipal` given by a `Ref` (a symbol string) is unknown, not malformed;
/// a literal string other than `*` still is.
#[test]
fn unknown_principal_element_is_not_a_shape_error() {
    let sym = crate::model::symbolic::opaque("Ref", "P");
    for key in ["Principal", "NotPrincipal"] {
        let text = |v: &str| {
            format!(
                r#"{{"Statement":{{"Effect":"Deny","{key}":"{v}","Action":"s3:*","Resource":"*"}}}}"#
            )
        };
        let (p, errs) = parse_policy(&with_symbol(&text("SYM"), &sym));
        assert!(errs.is_empty(), "{key}: {errs:?}");
        let st = &p.statements[0];
        let block = if key == "Principal" {
            st.principal.as_ref()
        } else {
            st.not_principal.as_ref()
        };
        let block = block.unwrap_or_else(|| panic!("{key} kept"));
        assert_eq!(block.value, PrincipalValue::Unknown(sym.clone()));
        assert!(block.entries().is_empty());
        let literal = text("arn:aws:iam::111111111111:root");
        let (p, errs) = parse_policy(&json::parse(&literal).unwrap());
        assert_eq!(errs.iter().map(|e| e.rule).collect::<Vec<_>>(), [SHAPE]);
        assert!(p.statements[0].principal.is_none() && p.statements[0].not_principal.is_none());
    }
}

/// A whole `Action`/`Resource` (or `Not…`) element from a `Ref` is one unknown item, not a shape error.
#[test]
fn unknown_list_elements_are_one_unknown_item() {
    let sym = crate::model::symbolic::opaque("Ref", "L");
    let text = r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"SYM","Resource":"SYM"},
        {"Effect":"Deny","Principal":"*","NotAction":"SYM","NotResource":"SYM"}]}"#;
    let (p, errs) = parse_policy(&with_symbol(text, &sym));
    assert!(errs.is_empty(), "{errs:?}");
    let items = |b: &Option<ListBlock>| -> Vec<String> {
        b.as_ref()
            .unwrap()
            .items
            .iter()
            .map(|i| i.value.clone())
            .collect()
    };
    let (a, b) = (&p.statements[0], &p.statements[1]);
    for list in [&a.action, &a.resource, &b.not_action, &b.not_resource] {
        assert_eq!(items(list), std::slice::from_ref(&sym));
    }
}
