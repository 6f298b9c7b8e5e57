use super::*;

fn gen(stack: &str, id: &str) -> Sym {
    Sym::Generated {
        key: format!("{stack}.json"),
        stack: stack.into(),
        logical_id: id.into(),
        attr: "BucketName".into(),
    }
}

#[test]
fn round_trip() {
    let sym = gen("s", "SourceBucket").text();
    let s = format!("arn:aws:s3:::{sym}/*");
    assert!(has_symbol(&s));
    let p = parts(&s);
    assert_eq!(p.len(), 3);
    assert_eq!(p[0], Part::Lit("arn:aws:s3:::"));
    assert_eq!(p[2], Part::Lit("/*"));
    assert_eq!(
        display(&s),
        "arn:aws:s3:::‹BucketName of SourceBucket in stack s›/*"
    );
    assert!(!has_symbol("arn:aws:s3:::b"));
    assert_eq!(literal_chars(&s).collect::<String>(), "arn:aws:s3:::/*");
}

#[test]
fn a_symbol_equals_itself_and_differs_from_others() {
    assert_eq!(gen("s", "A").text(), gen("s", "A").text());
    assert_ne!(gen("s", "A").text(), gen("s", "B").text());
    // Same stack name, different stacks (two accounts): different symbols with the same label.
    let other = Sym::Generated {
        key: "other/s.json".into(),
        stack: "s".into(),
        logical_id: "A".into(),
        attr: "BucketName".into(),
    };
    assert_ne!(other.clone().text(), gen("s", "A").text());
    assert_eq!(display(&other.text()), display(&gen("s", "A").text()));
}

#[test]
fn ids_are_stable_content_hashes() {
    let a = intern(gen("s", "A"));
    assert_eq!(*a.get(), gen("s", "A"));
    assert_eq!(a, intern(gen("s", "A")));
    assert!(a
        .stand_in()
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-'));
}

#[test]
fn dynamic_references_anywhere_in_a_string() {
    let s = dynamic_refs("arn:aws:iam::{{resolve:ssm:/acct}}:role/{{resolve:ssm:/r:2}}");
    assert_eq!(symbols(&s).len(), 2);
    assert_eq!(
        display(&s),
        "arn:aws:iam::‹dynamic reference {{resolve:ssm:/acct}}›:role/‹dynamic reference {{resolve:ssm:/r:2}}›"
    );
    assert_eq!(dynamic_refs("plain {{x}}"), "plain {{x}}");
    assert_eq!(
        symbols(&dynamic_refs("{{resolve:ssm:unterminated")).len(),
        0
    );
}

#[test]
fn choice_labels_show_both_alternatives() {
    let c = Sym::Choice {
        condition: "IsProd".into(),
        alternatives: vec![Some("a".into()), None],
    };
    assert_eq!(
        display(&c.text()),
        "‹one of `a` | no value (condition IsProd)›"
    );
}

#[test]
fn possible_values_of_choices() {
    let choice = |alts: Vec<Option<String>>| {
        Sym::Choice {
            condition: "C".into(),
            alternatives: alts,
        }
        .text()
    };
    let inner = choice(vec![Some("Deny".into()), None]);
    let outer = choice(vec![Some("Allow".into()), Some(inner)]);
    assert_eq!(
        possible_values(&outer),
        Some(vec![Some("Allow".into()), Some("Deny".into()), None])
    );
    assert_eq!(possible_values("Allow"), Some(vec![Some("Allow".into())]));
    // Another kind of unknown, or a choice inside literal text, may be anything.
    assert_eq!(possible_values(&gen("s", "B").text()), None);
    let partial = format!("x{}", choice(vec![Some("a".into()), Some("b".into())]));
    assert_eq!(possible_values(&partial), None);
    let opaque = choice(vec![Some("Allow".into()), Some(gen("s", "B").text())]);
    assert_eq!(possible_values(&opaque), None);
}
