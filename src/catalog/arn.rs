//! Two-sided glob intersection for resource ARNs: can some concrete ARN match both a
//! resource-type template (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`) and a
//! policy `Resource` (`arn:aws:s3:::bucket/*`, `arn:aws:s3:::${aws:username}-*`)?
//!
//! Both sides become token lists; a product-automaton reachability over `(i, j)` token
//! positions answers in O(n·m) time, without backtracking.

/// What a `*`-like token may consume.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Any run of characters, `/` and `:` included.
    Any,
    /// A single ARN field or name: any run without `:` or `/`.
    Field,
}

impl Class {
    fn allows(self, b: u8) -> bool {
        match self {
            Class::Any => true,
            Class::Field => b != b':' && b != b'/',
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok {
    Lit(u8),
    /// Exactly one character (`?`).
    One,
    /// Any run (possibly empty) of characters of the class.
    Star(Class),
}

/// Template placeholders known never to contain `/` or `:`. Every other placeholder
/// matches any run (some, like `${LogGroupName}`, legitimately contain `/`), which keeps
/// the answer generous: only these names can make a template reject a policy ARN.
const FIELD_PLACEHOLDERS: &[&str] = &[
    "Partition",
    "Region",
    "Account",
    "AccountId",
    "BucketName",
    "TableName",
];

/// Tokens of a resource-type ARN template: `${Name}` placeholders and literal `*` are
/// stars, `?` is one character.
pub(crate) fn template_tokens(t: &str) -> Vec<Tok> {
    tokens(t, |name, out| {
        let class = if FIELD_PLACEHOLDERS.contains(&name) {
            Class::Field
        } else {
            Class::Any
        };
        push_star(out, class);
    })
}

/// Tokens of a policy `Resource`: `*` and `?` wildcards; policy variables `${...}` may
/// expand to anything, except the escapes `${*}`, `${?}`, `${$}` (literal characters).
pub(crate) fn policy_tokens(p: &str) -> Vec<Tok> {
    tokens(p, |inner, out| match inner.trim() {
        inner @ ("*" | "?" | "$") => out.extend(inner.bytes().map(Tok::Lit)),
        _ => push_star(out, Class::Any),
    })
}

/// `*` is a star, `?` one character, any other byte itself; a closed `${...}` is handed (its inside
/// only) to `var`, which pushes what it stands for.
fn tokens(s: &str, var: impl Fn(&str, &mut Vec<Tok>)) -> Vec<Tok> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'$' && b.get(i + 1) == Some(&b'{') {
            // `${` is ASCII: `i + 2` is a character boundary.
            if let Some((inner, _)) = s.get(i + 2..).and_then(|rest| rest.split_once('}')) {
                var(inner, &mut out);
                i += inner.len() + 3;
                continue;
            }
        }
        match c {
            b'*' => push_star(&mut out, Class::Any),
            b'?' => out.push(Tok::One),
            c => out.push(Tok::Lit(c)),
        }
        i += 1;
    }
    out
}

/// Adjacent stars collapse (an `Any` star absorbs a `Field` one).
fn push_star(out: &mut Vec<Tok>, class: Class) {
    if let Some(Tok::Star(prev)) = out.last_mut() {
        if class == Class::Any {
            *prev = Class::Any;
        }
        return;
    }
    out.push(Tok::Star(class));
}

/// Is there a string matched by both token lists? Case-sensitive (ARNs are).
#[expect(
    clippy::indexing_slicing,
    reason = "reach has (n+1)·(m+1) cells: i ≤ n and j ≤ m, and a step to row i+1 (column j+1) is taken only when a has a token at i < n (b one at j < m)"
)]
pub(crate) fn intersects(a: &[Tok], b: &[Tok]) -> bool {
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    let mut reach = vec![false; (n + 1) * w];
    reach[0] = true;
    // Every transition goes to (i, j+1), (i+1, j) or (i+1, j+1): row-major order is a
    // topological order of the product automaton.
    // Row i is entered only from row i-1: once a row has no reachable state, no later row
    // has one, and the answer is no (the usual case for a non-matching type, decided in a
    // few rows instead of all n·m states).
    let mut row_live = true;
    for i in 0..=n {
        if !row_live {
            return false;
        }
        row_live = false;
        for j in 0..=m {
            if !reach[i * w + j] {
                continue;
            }
            if i == n && j == m {
                return true;
            }
            let ta = a.get(i).copied();
            let tb = b.get(j).copied();
            // A star may match the empty string.
            if let Some(Tok::Star(_)) = ta {
                reach[(i + 1) * w + j] = true;
                row_live = true;
            }
            if let Some(Tok::Star(_)) = tb {
                reach[i * w + j + 1] = true;
            }
            let (Some(ta), Some(tb)) = (ta, tb) else {
                continue;
            };
            match (ta, tb) {
                // Both stars consuming the same character is a self-loop: never needed.
                (Tok::Star(_), Tok::Star(_)) => {}
                (Tok::Star(c), Tok::Lit(x)) => {
                    if c.allows(x) {
                        reach[i * w + j + 1] = true;
                    }
                }
                (Tok::Star(_), Tok::One) => reach[i * w + j + 1] = true,
                (Tok::Lit(x), Tok::Star(c)) => {
                    if c.allows(x) {
                        reach[(i + 1) * w + j] = true;
                        row_live = true;
                    }
                }
                (Tok::One, Tok::Star(_)) => {
                    reach[(i + 1) * w + j] = true;
                    row_live = true;
                }
                (Tok::Lit(x), Tok::Lit(y)) => {
                    if x == y {
                        reach[(i + 1) * w + j + 1] = true;
                        row_live = true;
                    }
                }
                (Tok::Lit(_), Tok::One) | (Tok::One, Tok::Lit(_)) | (Tok::One, Tok::One) => {
                    reach[(i + 1) * w + j + 1] = true;
                    row_live = true;
                }
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn x(t: &str, p: &str) -> bool {
        intersects(&template_tokens(t), &policy_tokens(p))
    }

    const OBJECT: &str = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
    const BUCKET: &str = "arn:${Partition}:s3:::${BucketName}";

    #[test]
    fn s3_bucket_vs_object() {
        assert!(x(OBJECT, "arn:aws:s3:::bucket/*"));
        assert!(x(OBJECT, "arn:aws:s3:::bucket/a/b.txt"));
        assert!(!x(OBJECT, "arn:aws:s3:::bucket"));
        assert!(x(BUCKET, "arn:aws:s3:::bucket"));
        assert!(!x(BUCKET, "arn:aws:s3:::bucket/*"));
        assert!(x(OBJECT, "arn:aws:s3:::*"));
        assert!(x(BUCKET, "arn:aws:s3:::*"));
        assert!(x(BUCKET, "arn:aws:s3:::buck?t"));
        assert!(x(OBJECT, "*"));
        assert!(x(OBJECT, "arn:*:s3:::b/*"));
        assert!(x(OBJECT, "arn:aws-us-gov:s3:::b/k"));
        assert!(!x(OBJECT, "arn:aws:s4:::b/k"));
        assert!(x(OBJECT, "arn:aws:s3:::b/${aws:username}/*"));
        assert!(x(OBJECT, "arn:aws:s3:::b/${aws:username}"));
        assert!(x(BUCKET, "arn:aws:s3:::${aws:PrincipalTag/bucket}"));
        // `${*}` is a literal star; bucket names cannot hold `/`, objects can hold `*`.
        assert!(x(OBJECT, "arn:aws:s3:::b/${*}"));
        assert!(!x(BUCKET, "arn:aws:s3:::b/${*}"));
        assert!(x(BUCKET, "arn:aws:s3:::b${*}"));
        // Case-sensitive.
        assert!(!x(OBJECT, "ARN:aws:s3:::b/k"));
    }

    #[test]
    fn other_templates() {
        let role = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}";
        assert!(x(role, "arn:aws:iam::123456789012:role/path/to/r"));
        assert!(x(role, "arn:aws:iam::*:role/*"));
        assert!(!x(role, "arn:aws:iam::123456789012:user/u"));
        assert!(!x(role, "arn:aws:iam::1:2:role/x"));
        let stream = "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}";
        assert!(x(
            stream,
            "arn:aws:logs:us-east-1:1:log-group:/aws/lambda/f:log-stream:*"
        ));
        assert!(x(stream, "arn:aws:logs:*:*:*"));
        assert!(!x(
            stream,
            "arn:aws:logs:us-east-1:1:log-group:/aws/lambda/f"
        ));
        let table = "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}";
        assert!(!x(table, "arn:aws:dynamodb:*:*:table/t/index/*"));
        assert!(x(table, "arn:aws:dynamodb:*:*:table/*"));
        let literal_star = "arn:${Partition}:artifact:::agreement/*";
        assert!(x(literal_star, "arn:aws:artifact:::agreement/a1"));
        assert!(!x(literal_star, "arn:aws:artifact:::report/a1"));
    }

    #[test]
    fn no_exponential_blowup() {
        let t = format!("{}b", "${X}a".repeat(200));
        let p = format!("{}c", "*a".repeat(200));
        assert!(!x(&t, &p));
        let p = format!("{}b", "*a?".repeat(300));
        assert!(x(&t, &p));
    }
}
