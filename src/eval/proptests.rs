//! Property tests: the wildcard matchers against a naive recursive reference.

use super::pattern::{glob, toks};
use super::wildcard::{matches, matches_ci};
use proptest::prelude::*;

/// The definition, written the obvious (exponential) way: `*` = any run, `?` = one character.
fn reference(p: &[char], t: &[char], ci: bool) -> bool {
    match p.first() {
        None => t.is_empty(),
        Some('*') => reference(&p[1..], t, ci) || (!t.is_empty() && reference(p, &t[1..], ci)),
        Some('?') => !t.is_empty() && reference(&p[1..], &t[1..], ci),
        Some(c) => {
            !t.is_empty()
                && (if ci {
                    c.eq_ignore_ascii_case(&t[0])
                } else {
                    *c == t[0]
                })
                && reference(&p[1..], &t[1..], ci)
        }
    }
}

fn pattern() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        proptest::sample::select(vec!["a", "b", "A", "*", "?", "/", ":", "é"]),
        0..10,
    )
    .prop_map(|v| v.concat())
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        proptest::sample::select(vec!["a", "b", "A", "B", "/", ":", "é", "*"]),
        0..12,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn case_sensitive_matches_reference(p in pattern(), t in text()) {
        let (pc, tc): (Vec<char>, Vec<char>) = (p.chars().collect(), t.chars().collect());
        prop_assert_eq!(matches(&p, &t), reference(&pc, &tc, false), "pattern {:?} text {:?}", p, t);
    }

    #[test]
    fn case_insensitive_matches_reference(p in pattern(), t in text()) {
        let (pc, tc): (Vec<char>, Vec<char>) = (p.chars().collect(), t.chars().collect());
        prop_assert_eq!(matches_ci(&p, &t), reference(&pc, &tc, true), "pattern {:?} text {:?}", p, t);
    }

    #[test]
    fn token_glob_agrees(p in pattern(), t in text()) {
        prop_assert_eq!(glob(&toks(&p), t.as_bytes()), matches(&p, &t));
    }

    #[test]
    fn star_matches_everything(t in text()) {
        prop_assert!(matches("*", &t));
        prop_assert!(matches_ci("*", &t));
    }

    #[test]
    fn literal_text_matches_itself(t in "[a-zA-Z0-9/:._-]{0,20}") {
        prop_assert!(matches(&t, &t));
        prop_assert!(matches_ci(&t.to_ascii_uppercase(), &t));
    }
}
