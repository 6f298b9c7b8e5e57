//! "Did you mean": ASCII-case-insensitive optimal-string-alignment distance
//! (Levenshtein plus adjacent transpositions) and a closest-candidate picker.

/// Edit distance between `a` and `b`, ignoring ASCII case; adjacent transpositions cost 1.
/// Returns `None` as soon as the distance is known to exceed `limit`.
#[expect(
    clippy::indexing_slicing,
    reason = "the rows have m+1 cells; i runs over 1..=a.len() and j over 1..=m, and i-2, j-2 are read only when i, j > 1"
)]
pub(crate) fn distance_ci(a: &str, b: &str, limit: usize) -> Option<usize> {
    let a: Vec<u8> = a.bytes().map(|c| c.to_ascii_lowercase()).collect();
    let b: Vec<u8> = b.bytes().map(|c| c.to_ascii_lowercase()).collect();
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let m = b.len();
    // Three rows: i-2, i-1, i.
    let mut prev2 = vec![0usize; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0usize; m + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[m];
    (d <= limit).then_some(d)
}

/// The candidate closest to `query` within `limit` edits (case-insensitive). Ties go to
/// the candidate sharing the longest common prefix with the query, then the
/// alphabetically first (case-insensitively).
pub(crate) fn closest<'a>(
    query: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Option<&'a str> {
    let mut best: Option<(usize, usize, &'a str)> = None;
    for c in candidates {
        let Some(d) = distance_ci(query, c, limit) else {
            continue;
        };
        let common = query
            .bytes()
            .zip(c.bytes())
            .take_while(|(x, y)| x.eq_ignore_ascii_case(y))
            .count();
        let better = match best {
            None => true,
            Some((bd, bc, bs)) => {
                (d, std::cmp::Reverse(common)) < (bd, std::cmp::Reverse(bc))
                    || ((d, common) == (bd, bc) && c.to_ascii_lowercase() < bs.to_ascii_lowercase())
            }
        };
        if better {
            best = Some((d, common, c));
        }
    }
    best.map(|(_, _, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance_ci("kitten", "sitting", 5), Some(3));
        assert_eq!(distance_ci("GetObject", "getobject", 0), Some(0));
        assert_eq!(distance_ci("GetObjcet", "GetObject", 2), Some(1));
        assert_eq!(
            distance_ci("ReplicateObjects", "ReplicateObject", 2),
            Some(1)
        );
        assert_eq!(distance_ci("abc", "xyz", 2), None);
        assert_eq!(distance_ci("", "ab", 2), Some(2));
        assert_eq!(distance_ci("a", "abcd", 2), None);
    }

    #[test]
    fn picks_closest() {
        let c = ["GetObject", "PutObject", "GetObjectAcl"];
        assert_eq!(closest("GetObjct", c, 2), Some("GetObject"));
        assert_eq!(closest("Zzzzzzz", c, 2), None);
    }

    #[test]
    fn closest_is_case_insensitive() {
        let c = ["StringEquals", "StringLike", "Null"];
        assert_eq!(closest("StringEqual", c, 3), Some("StringEquals"));
        assert_eq!(closest("stringequals", c, 3), Some("StringEquals"));
        assert_eq!(closest("Xyzzy", c, 2), None);
    }
}
