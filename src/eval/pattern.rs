//! Patterns as token lists, so that characters produced by policy variables (`${*}`, a user name that
//! contains `*`) stay literal while the policy's own `*` and `?` are wildcards.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    Lit(u8),
    /// `*`: any run of characters.
    Star,
    /// `?`: exactly one character.
    One,
}

/// Tokens of a policy string without variables: `*` and `?` are wildcards.
pub fn toks(s: &str) -> Vec<Tok> {
    s.bytes()
        .map(|b| match b {
            b'*' => Tok::Star,
            b'?' => Tok::One,
            _ => Tok::Lit(b),
        })
        .collect()
}

/// Append `s` as literal characters.
pub fn push_lit(out: &mut Vec<Tok>, s: &str) {
    out.extend(s.bytes().map(Tok::Lit));
}

/// The text a pattern stands for when compared for equality (wildcards as their characters).
pub fn literal(p: &[Tok]) -> String {
    let bytes: Vec<u8> = p
        .iter()
        .map(|t| match t {
            Tok::Lit(b) => *b,
            Tok::Star => b'*',
            Tok::One => b'?',
        })
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

pub fn is_star(p: &[Tok]) -> bool {
    p == [Tok::Star]
}

/// Glob match over tokens, case-sensitive. Same single-backtrack algorithm as
/// [`super::wildcard::matches`] (both are [`glob_by`]): linear in practice, never exponential.
pub fn glob(p: &[Tok], t: &[u8]) -> bool {
    // `glob_by` asks only for tokens below `p.len()`; `Star` past the end is never read.
    glob_by(
        p.len(),
        |i| p.get(i).copied().unwrap_or(Tok::Star),
        t,
        |a, b| a == b,
    )
}

/// Iterative glob with a single backtrack point over a pattern of `plen` tokens (`tok(i)` is the
/// i-th), literal bytes compared with `eq`. `?` matches one byte of ASCII text; for non-ASCII text it
/// matches one UTF-8 sequence. Linear in practice, never exponential.
#[expect(
    clippy::indexing_slicing,
    reason = "`ti` is below `t.len()` inside the loop, and `st` is an earlier `ti`"
)]
pub(crate) fn glob_by(
    plen: usize,
    tok: impl Fn(usize) -> Tok,
    t: &[u8],
    eq: impl Fn(u8, u8) -> bool,
) -> bool {
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match (pi < plen).then(|| tok(pi)) {
            Some(Tok::Star) => {
                star = Some((pi, ti));
                pi += 1;
                continue;
            }
            Some(Tok::One) => {
                pi += 1;
                ti += char_len(t[ti]);
                continue;
            }
            Some(Tok::Lit(b)) if eq(b, t[ti]) => {
                pi += 1;
                ti += 1;
                continue;
            }
            _ => {}
        }
        match star {
            Some((sp, st)) => {
                let next = st + char_len(t[st]);
                star = Some((sp, next));
                pi = sp + 1;
                ti = next;
            }
            None => return false,
        }
    }
    while pi < plen && tok(pi) == Tok::Star {
        pi += 1;
    }
    pi == plen && ti == t.len()
}

// Lives in `source` (the JSON decoder needs it too, and `source` imports nothing above it).
pub(crate) use crate::source::lines::char_len;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_stars_stay_literal() {
        let mut p = toks("a/");
        push_lit(&mut p, "*");
        assert!(glob(&p, b"a/*"));
        assert!(!glob(&p, b"a/x"));
        assert!(glob(&toks("a/*"), b"a/x/y"));
        assert!(glob(&toks("?"), "é".as_bytes()));
        assert_eq!(literal(&toks("a*?")), "a*?");
    }
}
