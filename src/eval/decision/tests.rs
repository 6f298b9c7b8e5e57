use super::*;
use crate::eval::{Applies, Miss, Request};
use crate::model::symbolic::Sym;

/// An identity policy whose statements are `(effect, action)`; an effect of `None` is
/// `AWS::NoValue` inside a choice.
fn policy(statements: &[(String, &str)]) -> Policy {
    use crate::source::Value;
    // Symbols never come from user text (the parser decodes them away): put them in the tree.
    fn put(n: &mut crate::source::Node, effects: &[&str]) {
        match &mut n.value {
            Value::String(s) => {
                if let Some(i) = s
                    .strip_prefix("effect#")
                    .and_then(|i| i.parse::<usize>().ok())
                {
                    *s = effects[i].to_string();
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|i| put(i, effects)),
            Value::Object(members) => members.iter_mut().for_each(|m| put(&mut m.value, effects)),
            _ => {}
        }
    }
    let sts: Vec<serde_json::Value> = statements
        .iter()
        .enumerate()
        .map(|(i, (_, a))| serde_json::json!({"Effect": format!("effect#{i}"), "Action": a, "Resource": "*"}))
        .collect();
    let text = serde_json::json!({"Version": "2012-10-17", "Statement": sts}).to_string();
    let mut node = crate::source::json::parse(&text).unwrap();
    let effects: Vec<&str> = statements.iter().map(|(e, _)| e.as_str()).collect();
    put(&mut node, &effects);
    let (p, errors) = crate::model::policy::parse_policy(&node);
    assert!(errors.is_empty(), "{errors:?}");
    p
}

fn choice(alternatives: &[Option<&str>]) -> String {
    Sym::Choice {
        condition: "IsProd".into(),
        alternatives: alternatives.iter().map(|a| a.map(str::to_string)).collect(),
    }
    .text()
}

fn decide(p: &Policy, action: &str) -> Decision {
    let req = Request::new(
        Val::known("arn:aws:iam::111111111111:role/r"),
        action,
        Val::known("arn:aws:s3:::b/k"),
    );
    let set = PolicySet {
        identity: vec![NamedPolicy {
            name: "p",
            policy: p,
        }],
        ..Default::default()
    };
    evaluate(&req, &set).unwrap()
}

fn depends_on(d: &Decision, label: &str) -> bool {
    matches!(&d.verdict, Verdict::Depends(u) if u.iter().any(|u| u.label == label))
}

#[test]
fn an_unknown_effect_that_may_deny_makes_an_allow_unproven() {
    let effect = choice(&[Some("Deny"), Some("Allow")]);
    let p = policy(&[("Allow".into(), "s3:GetObject"), (effect.clone(), "s3:*")]);
    let d = decide(&p, "s3:GetObject");
    assert!(depends_on(&d, &effect), "{d:?}");
    // The reasons keep the statement, with its unknown effect and what its match depends on.
    let st = &d.statements[1];
    assert_eq!(
        st.effect,
        Some(Effect::Unknown {
            may_allow: true,
            may_deny: true
        })
    );
    assert!(matches!(&st.applies, Applies::Depends(u) if u.iter().any(|u| u.label == effect)));
    // A request it does not match is decided without it.
    assert_eq!(
        decide(&p, "ec2:RunInstances").verdict,
        Verdict::ImplicitlyDenied
    );
}

#[test]
fn an_unknown_effect_that_may_allow_is_not_a_missing_grant() {
    let effect = choice(&[Some("Allow"), None]);
    let p = policy(&[(effect.clone(), "s3:GetObject")]);
    let d = decide(&p, "s3:GetObject");
    assert!(depends_on(&d, &effect), "{d:?}");
    assert!(d.deciding.is_empty());
}

#[test]
fn what_a_choice_of_effects_cannot_be_does_not_count() {
    // Deny or nothing: never an allow, so nothing else allowing means implicitly denied.
    let p = policy(&[(choice(&[Some("Deny"), None]), "s3:*")]);
    assert_eq!(
        decide(&p, "s3:GetObject").verdict,
        Verdict::ImplicitlyDenied
    );
    // Allow or nothing: never a deny, so an allow elsewhere decides.
    let p = policy(&[
        ("Allow".into(), "s3:GetObject"),
        (choice(&[Some("Allow"), None]), "s3:*"),
    ]);
    assert_eq!(decide(&p, "s3:GetObject").verdict, Verdict::Allowed);
    // Neither alternative is an effect: the statement never takes part.
    let p = policy(&[(choice(&[Some("Alow"), None]), "s3:*")]);
    let d = decide(&p, "s3:GetObject");
    assert_eq!(d.statements[0].applies, Applies::No(Miss::NoEffect));
}

#[test]
fn any_other_unknown_effect_may_be_either() {
    let effect = Sym::Parameter {
        key: "t.json".into(),
        stack: "t".into(),
        name: "Effect".into(),
    }
    .text();
    let p = policy(&[(effect.clone(), "s3:GetObject")]);
    assert!(depends_on(&decide(&p, "s3:GetObject"), &effect));
    let p = policy(&[("Allow".into(), "s3:*"), (effect.clone(), "s3:GetObject")]);
    assert!(depends_on(&decide(&p, "s3:GetObject"), &effect));
}

/// A statement not known statically may allow or deny anything: an allow is unproven, a missing
/// grant is unproven, and both name the unknown.
#[test]
fn an_unknown_statement_may_allow_or_deny() {
    let unknown = Sym::Parameter {
        key: "s".into(),
        stack: "s".into(),
        name: "Extra".into(),
    }
    .text();
    let label = symbol_labels(&unknown);
    let mut allowed = policy(&[("Allow".into(), "s3:GetObject")]);
    let mut none = policy(&[("Allow".into(), "s3:ListBucket")]);
    for p in [&mut allowed, &mut none] {
        p.unknown_statements
            .push(crate::model::policy::UnknownStatement {
                index: 1,
                text: crate::source::Spanned::new(unknown.clone(), crate::source::Span::default()),
            });
    }
    for p in [&allowed, &none] {
        let d = decide(p, "s3:GetObject");
        assert!(depends_on(&d, &label), "{d:?}");
        assert!(d.statements.iter().any(|s| s.index == 1
            && matches!(&s.applies, Applies::Depends(u) if u.iter().any(|u| u.label == label))));
    }
}

/// A bucket policy statement whose whole `Principal` (or `NotPrincipal`) is not known statically may
/// name the caller: an allow through it and a deny through it are both unproven, naming the unknown.
#[test]
fn an_unknown_principal_element_may_match() {
    let unknown = Sym::Parameter {
        key: "s".into(),
        stack: "s".into(),
        name: "P".into(),
    }
    .text();
    let label = symbol_labels(&unknown);
    let resource = |effect: &str, key: &str| {
        let text = format!(
            r#"{{"Version":"2012-10-17","Statement":{{"Effect":"{effect}","{key}":"SYM","Action":"s3:GetObject","Resource":"*"}}}}"#
        );
        let mut node = crate::source::json::parse(&text).unwrap();
        let crate::source::Value::Object(ms) = &mut node.value else {
            unreachable!()
        };
        let crate::source::Value::Object(st) = &mut ms[1].value.value else {
            unreachable!()
        };
        st[1].value.value = crate::source::Value::String(unknown.clone());
        let (p, errors) = crate::model::policy::parse_policy(&node);
        assert!(errors.is_empty(), "{errors:?}");
        p
    };
    let identity = policy(&[("Allow".into(), "s3:GetObject")]);
    let none = policy(&[("Allow".into(), "s3:ListBucket")]);
    let decide_with = |identity: &Policy, bucket: &Policy| {
        let req = Request::new(
            Val::known("arn:aws:iam::111111111111:role/r"),
            "s3:GetObject",
            Val::known("arn:aws:s3:::b/k"),
        );
        let set = PolicySet {
            identity: vec![NamedPolicy {
                name: "p",
                policy: identity,
            }],
            resource: Some(NamedPolicy {
                name: "b",
                policy: bucket,
            }),
            ..Default::default()
        };
        evaluate(&req, &set).unwrap()
    };
    // A deny that may name the caller, a `NotPrincipal` deny that may spare it, an allow that may grant.
    for (identity, bucket) in [
        (&identity, resource("Deny", "Principal")),
        (&identity, resource("Deny", "NotPrincipal")),
        (&none, resource("Allow", "Principal")),
    ] {
        let d = decide_with(identity, &bucket);
        assert!(depends_on(&d, &label), "{d:?}");
    }
}
