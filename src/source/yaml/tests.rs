use super::scalar::is_plain_number;
use super::*;
use crate::source::Value;

fn one(text: &str) -> Node {
    let mut d = parse(text).unwrap();
    assert_eq!(d.len(), 1);
    d.remove(0)
}

fn at<'a>(text: &'a str, n: &Node) -> &'a str {
    &text[n.span.start as usize..n.span.end as usize]
}

#[test]
fn scalars_and_spans() {
    let t = "# café ☕ comment\na: hello\nb: 'q'\nc: 12\nd: true\ne:\nf: \"x\"\ng: 2012-10-17\n";
    let n = one(t);
    assert_eq!(at(t, n.get("a").unwrap()), "hello");
    assert_eq!(n.get("a").unwrap().as_str(), Some("hello"));
    assert_eq!(at(t, n.get("b").unwrap()), "'q'");
    assert_eq!(n.get("c").unwrap().value, Value::Number("12".into()));
    assert_eq!(n.get("d").unwrap().value, Value::Bool(true));
    assert_eq!(n.get("e").unwrap().value, Value::Null);
    assert_eq!(at(t, n.get("f").unwrap()), "\"x\"");
    assert_eq!(n.get("g").unwrap().as_str(), Some("2012-10-17"));
    let m = &n.as_object().unwrap()[0];
    assert_eq!(&t[m.key_span.start as usize..m.key_span.end as usize], "a");
}

#[test]
fn collections_spans() {
    let t = "a: [1, [2, 3]]\nb: {x: y}\nc:\n  - one\n  - two\n\nd: |\n  text\n  more\n\ne: end\n";
    let n = one(t);
    assert_eq!(at(t, n.get("a").unwrap()), "[1, [2, 3]]");
    assert_eq!(at(t, n.get("b").unwrap()), "{x: y}");
    assert_eq!(at(t, n.get("c").unwrap()), "- one\n  - two");
    assert_eq!(at(t, n.get("d").unwrap()), "text\n  more");
    assert_eq!(n.get("d").unwrap().as_str(), Some("text\nmore\n"));
    assert!(at(t, &n).starts_with("a: [1") && at(t, &n).ends_with("e: end"));
}

#[test]
fn short_tags_become_long_form() {
    let t = "a: !Ref Bucket\nb: !GetAtt Role.Arn\nc: !GetAtt [Db, Endpoint.Address]\nd: !Sub \"arn:${AWS::Partition}:s3:::${B}/*\"\ne: !If\n  - IsProd\n  - x\n  - !Ref AWS::NoValue\nf: !Condition C\ng: !Frob x\n";
    let n = one(t);
    let a = n.get("a").unwrap();
    assert_eq!(a.get("Ref").unwrap().as_str(), Some("Bucket"));
    assert_eq!(at(t, a), "!Ref Bucket");
    assert_eq!(at(t, a.get("Ref").unwrap()), "Bucket");
    let m = &a.as_object().unwrap()[0];
    assert_eq!(
        &t[m.key_span.start as usize..m.key_span.end as usize],
        "!Ref"
    );
    let b = n
        .get("b")
        .unwrap()
        .get("Fn::GetAtt")
        .unwrap()
        .as_array()
        .unwrap();
    assert_eq!(b[0].as_str(), Some("Role"));
    assert_eq!(at(t, &b[0]), "Role");
    assert_eq!(at(t, &b[1]), "Arn");
    let c = n
        .get("c")
        .unwrap()
        .get("Fn::GetAtt")
        .unwrap()
        .as_array()
        .unwrap();
    assert_eq!(c[1].as_str(), Some("Endpoint.Address"));
    assert_eq!(at(t, n.get("c").unwrap()), "!GetAtt [Db, Endpoint.Address]");
    let d = n.get("d").unwrap().get("Fn::Sub").unwrap();
    assert_eq!(at(t, d), "\"arn:${AWS::Partition}:s3:::${B}/*\"");
    let e = n.get("e").unwrap();
    let items = e.get("Fn::If").unwrap().as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[2].get("Ref").unwrap().as_str(), Some("AWS::NoValue"));
    assert!(at(t, e).starts_with("!If") && at(t, e).ends_with("!Ref AWS::NoValue"));
    assert_eq!(
        n.get("f").unwrap().get("Condition").unwrap().as_str(),
        Some("C")
    );
    assert!(n.get("g").unwrap().get("Fn::Frob").is_some());
}

#[test]
fn non_ascii_before_gives_byte_spans() {
    let t = "# ünïcödé 😀\nk: !Sub 'v'\n";
    let n = one(t);
    let k = n.get("k").unwrap();
    assert_eq!(at(t, k), "!Sub 'v'");
    let bom = "\u{feff}a: b\n";
    assert_eq!(at(bom, one(bom).get("a").unwrap()), "b");
}

#[test]
fn errors_have_positions() {
    let e = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
    assert_eq!(e.offset, 10);
    assert!(e.message.contains("duplicate key `a`"), "{}", e.message);
    let e = parse("a: [1, 2\nb: c\n").unwrap_err();
    assert!(e.offset > 0);
    let deep = format!("a: {}{}", "[".repeat(5000), "]".repeat(5000));
    assert!(parse(&deep).is_err());
    let deep_block: String = (0..400).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
    assert!(parse(&deep_block).is_err());
}

#[test]
fn aliases_expand_within_budget() {
    let n = one("a: &x {k: v}\nb: *x\n");
    assert_eq!(n.get("b").unwrap().get("k").unwrap().as_str(), Some("v"));
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    assert!(parse(&bomb).is_err());
}

#[test]
fn alias_expansion_is_limited_in_depth_and_bytes() {
    // Each anchor nests 100 levels around the previous one: the file is shallow, the expansion
    // thousands of levels deep.
    let mut deep = String::from("a0: &a0 x\n");
    for i in 1..40 {
        let p = i - 1;
        deep.push_str(&format!(
            "a{i}: &a{i} {}*a{p}{}\n",
            "[".repeat(100),
            "]".repeat(100)
        ));
    }
    let e = parse(&deep).unwrap_err();
    assert_eq!(e.limit, Some("YAML nesting depth"), "{}", e.message);
    assert_eq!(&deep[e.offset..e.offset + e.len], "*a2");
    // One big scalar aliased many times: few nodes, many bytes.
    let big = format!(
        "a: &a {}\nl: [{}]\n",
        "b".repeat(100_000),
        vec!["*a"; 2_000].join(", ")
    );
    let e = parse(&big).unwrap_err();
    assert_eq!(e.limit, Some("YAML alias expansion"), "{}", e.message);
    let ok = format!(
        "a: &a {}\nl: [{}]\n",
        "b".repeat(1_000),
        vec!["*a"; 100].join(", ")
    );
    assert!(parse(&ok).is_ok());
}

#[test]
fn numbers() {
    for s in [
        "1", "-2", "0x1F", "0o17", "1.5", ".5", "1e3", "-.inf", ".nan", "012",
    ] {
        assert!(is_plain_number(s), "{s}");
    }
    for s in ["1.2.3", "e3", "0x", "abc", "2012-10-17", "1_000", "."] {
        assert!(!is_plain_number(s), "{s}");
    }
}
