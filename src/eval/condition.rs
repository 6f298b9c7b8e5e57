//! One `operator → key → values` condition against the request context
//! (IAM User Guide, "Condition operators", "Multivalued context keys").
//!
//! Values of one key are ORed; a negated operator (`StringNotEquals`, `NotIpAddress`, …) is the negation of
//! its positive form, so its values are effectively ANDed. A missing key fails a positive operator and
//! satisfies a negated one; `…IfExists` is satisfied by a missing key; `ForAllValues:` holds on an empty or
//! absent set, `ForAnyValue:` does not. A policy value the operator cannot read fails the condition.

use super::arn;
use super::pattern::{glob, is_star, literal, Tok};
use super::reasons::CondFailure;
use super::request::{Context, CtxValue};
use super::value::{has_symbol, merge, symbol_label, symbol_labels, Subject, Tri, Unknown, Val};
use super::variables::{expand, Expanded};
use crate::model::condition::Family;
use crate::model::{CondOp, Condition, Operator, SetOp};
use ipnet::IpNet;
use std::net::IpAddr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CondOutcome {
    Holds,
    Fails(CondFailure),
    Depends(Vec<Unknown>),
}

enum PVal {
    Str(Vec<Tok>),
    Num(f64),
    Date(i64),
    Bool(bool),
    Bin(String),
    Ip(IpNet),
    /// A variable with an unknown value.
    Unknown(Unknown),
    /// A variable with no value: matches nothing.
    Unresolved,
}

pub fn evaluate(c: &Condition, ctx: &Context, variables: bool) -> CondOutcome {
    let Some(op) = CondOp::parse(&c.operator.value) else {
        return CondOutcome::Fails(CondFailure::UnknownOperator);
    };
    let key = c.key.value.as_str();
    let present = ctx.get(key);
    let family = op.op.family();
    if family == Family::Null {
        let absent = present.is_none_or(|v| v.values().is_empty());
        let mut any = false;
        for v in &c.values {
            match parse_bool(&v.value) {
                Some(b) => any |= b == absent,
                None => {
                    return CondOutcome::Fails(CondFailure::Unparsable {
                        value: v.value.clone(),
                    })
                }
            }
        }
        return if any {
            CondOutcome::Holds
        } else {
            CondOutcome::Fails(CondFailure::NoValueMatched)
        };
    }
    // Prepare the policy values.
    let vars = variables && matches!(family, Family::String | Family::Arn);
    let mut pvals = Vec::with_capacity(c.values.len());
    let mut unresolved = None;
    for v in &c.values {
        let pv = match family {
            Family::String | Family::Arn => match expand(&v.value, ctx, vars) {
                Expanded::Pattern(p) => PVal::Str(p),
                Expanded::Unknown(u) => PVal::Unknown(u),
                Expanded::Unresolved(k) => {
                    unresolved.get_or_insert(k);
                    PVal::Unresolved
                }
            },
            Family::Numeric => parse_num(&v.value)
                .map(PVal::Num)
                .unwrap_or(PVal::Unresolved),
            Family::Date => parse_date(&v.value)
                .map(PVal::Date)
                .unwrap_or(PVal::Unresolved),
            Family::Bool => parse_bool(&v.value)
                .map(PVal::Bool)
                .unwrap_or(PVal::Unresolved),
            Family::Binary => {
                if is_base64(&v.value) {
                    PVal::Bin(v.value.clone())
                } else {
                    PVal::Unresolved
                }
            }
            Family::Ip => parse_net(&v.value)
                .map(PVal::Ip)
                .unwrap_or(PVal::Unresolved),
            Family::Null => PVal::Unresolved,
        };
        if matches!(pv, PVal::Unresolved) && !matches!(family, Family::String | Family::Arn) {
            return CondOutcome::Fails(CondFailure::Unparsable {
                value: v.value.clone(),
            });
        }
        pvals.push(pv);
    }
    let negated = op.op.is_negated();
    let vals: &[Val] = present.map(CtxValue::values).unwrap_or(&[]);
    let key_label = || Subject::ContextKey(ctx.spelling(key).to_string());
    // For the set operators, "key values [that] resolve to an empty data set, such as an empty string"
    // count as no values (IAM UG, multivalued context keys).
    let empty_set = op.set.is_some()
        && vals
            .iter()
            .all(|v| matches!(v, Val::Known(s) if s.is_empty()));
    if vals.is_empty() || empty_set {
        let holds = match op.set {
            Some(SetOp::ForAllValues) => true,
            Some(SetOp::ForAnyValue) => op.if_exists && present.is_none(),
            None => op.if_exists || negated,
        };
        return if holds {
            CondOutcome::Holds
        } else if op.set == Some(SetOp::ForAnyValue) {
            CondOutcome::Fails(CondFailure::EmptySet)
        } else {
            CondOutcome::Fails(CondFailure::KeyMissing)
        };
    }
    let elem = |v: &Val| -> Tri {
        let pos = Tri::any(pvals.iter().map(|p| compare(op.op, p, v, &key_label)));
        if negated {
            pos.not()
        } else {
            pos
        }
    };
    let t = match op.set {
        Some(SetOp::ForAllValues) => Tri::all(vals.iter().map(elem)),
        Some(SetOp::ForAnyValue) => Tri::any(vals.iter().map(elem)),
        None if negated => Tri::all(vals.iter().map(elem)),
        None => Tri::any(vals.iter().map(elem)),
    };
    match t {
        Tri::True => CondOutcome::Holds,
        Tri::Maybe(d) => CondOutcome::Depends(d),
        Tri::False => CondOutcome::Fails(match unresolved {
            Some(key) if !negated => CondFailure::UnresolvedVariable { key },
            _ => CondFailure::NoValueMatched,
        }),
    }
}

/// The positive comparison of one policy value with one request value.
fn compare(op: Operator, p: &PVal, v: &Val, key_label: &dyn Fn() -> Subject) -> Tri {
    let pv = match p {
        PVal::Unresolved => return Tri::False,
        PVal::Unknown(u) => {
            return match v {
                Val::Unknown(l) => Tri::Maybe(merge(
                    vec![u.clone()],
                    vec![Unknown::new(key_label(), l.clone())],
                )),
                Val::Known(_) => Tri::maybe(u.clone()),
            }
        }
        other => other,
    };
    if let (PVal::Str(t), Val::Known(_)) = (pv, v) {
        let lit = literal(t);
        if has_symbol(&lit) {
            return Tri::maybe(Unknown::new(Subject::PolicyValue, symbol_labels(&lit)));
        }
    }
    let s = match v {
        Val::Known(s) => s.as_str(),
        Val::Unknown(l) => {
            if let PVal::Str(t) = pv {
                if symbol_label(&literal(t)).as_deref() == Some(l.as_str()) {
                    return Tri::True;
                }
                let like = matches!(
                    op,
                    Operator::StringLike
                        | Operator::StringNotLike
                        | Operator::ArnLike
                        | Operator::ArnNotLike
                );
                if like && is_star(t) {
                    return Tri::True;
                }
            }
            return Tri::maybe(Unknown::new(key_label(), l.clone()));
        }
    };
    use Operator::*;
    let b = match (op, pv) {
        (StringEquals | StringNotEquals, PVal::Str(t)) => literal(t) == s,
        (StringEqualsIgnoreCase | StringNotEqualsIgnoreCase, PVal::Str(t)) => {
            literal(t).to_lowercase() == s.to_lowercase()
        }
        (StringLike | StringNotLike, PVal::Str(t)) => glob(t, s.as_bytes()),
        (ArnEquals | ArnNotEquals | ArnLike | ArnNotLike, PVal::Str(t)) => arn::arn_like(t, s),
        (_, PVal::Num(n)) => match parse_num(s) {
            Some(x) => ordered(op, x.partial_cmp(n)),
            None => false,
        },
        (_, PVal::Date(d)) => match parse_date(s) {
            Some(x) => ordered(op, Some(x.cmp(d))),
            None => false,
        },
        (Bool, PVal::Bool(b)) => parse_bool(s) == Some(*b),
        (BinaryEquals, PVal::Bin(b)) => s == b,
        (IpAddress | NotIpAddress, PVal::Ip(net)) => match s.parse::<IpAddr>() {
            Ok(ip) => net.contains(&ip),
            Err(_) => parse_net(s).is_some_and(|n| net.contains(&n)),
        },
        _ => false,
    };
    Tri::from_bool(b)
}

/// Numeric/Date operators: `request OP policy`.
fn ordered(op: Operator, ord: Option<std::cmp::Ordering>) -> bool {
    use std::cmp::Ordering::*;
    use Operator::*;
    let Some(o) = ord else { return false };
    match op {
        NumericEquals | NumericNotEquals | DateEquals | DateNotEquals => o == Equal,
        NumericLessThan | DateLessThan => o == Less,
        NumericLessThanEquals | DateLessThanEquals => o != Greater,
        NumericGreaterThan | DateGreaterThan => o == Greater,
        NumericGreaterThanEquals | DateGreaterThanEquals => o != Less,
        _ => false,
    }
}

pub fn parse_bool(s: &str) -> Option<bool> {
    if s.eq_ignore_ascii_case("true") {
        Some(true)
    } else if s.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// A decimal number (optionally signed, fractional, with exponent); no `inf`/`NaN`.
pub fn parse_num(s: &str) -> Option<f64> {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    if body.is_empty() || !body.bytes().next()?.is_ascii_digit() && !body.starts_with('.') {
        return None;
    }
    if !body
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
    {
        return None;
    }
    s.parse::<f64>().ok().filter(|x| x.is_finite())
}

fn is_base64(s: &str) -> bool {
    !s.is_empty()
        && s.len().is_multiple_of(4)
        && s.trim_end_matches('=')
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
        && s.len() - s.trim_end_matches('=').len() <= 2
}

/// A CIDR block; a bare address is a /32 (IPv4) or /128 (IPv6).
pub fn parse_net(s: &str) -> Option<IpNet> {
    if let Ok(n) = s.parse::<IpNet>() {
        return Some(n);
    }
    s.parse::<IpAddr>().ok().map(IpNet::from)
}

/// ISO 8601 (`2020-01-01`, `2020-01-01T12:00:00Z`, with fraction and `±hh:mm` offsets) or epoch
/// seconds, as milliseconds since the epoch.
pub fn parse_date(s: &str) -> Option<i64> {
    let s = s.trim();
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse::<i64>().ok()?.checked_mul(1000);
    }
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) && !part.is_empty() {
            part.parse().ok()
        } else {
            None
        }
    };
    if b.len() < 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&mo) || !(1..=days_in_month(y, mo)).contains(&d) {
        return None;
    }
    let mut ms = days_from_civil(y, mo, d) * 86_400_000;
    if b.len() == 10 {
        return Some(ms);
    }
    if !matches!(b.get(10), Some(b'T' | b't')) {
        return None;
    }
    let (h, mi) = (num(11..13)?, num(14..16)?);
    if b.get(13) != Some(&b':') || h > 23 || mi > 59 {
        return None;
    }
    let mut i = 16;
    let mut sec = 0;
    if b.get(i) == Some(&b':') {
        sec = num(i + 1..i + 3)?;
        if sec > 60 {
            return None;
        }
        i += 3;
        if b.get(i) == Some(&b'.') {
            let start = i + 1;
            let mut end = start;
            while b.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
            if end == start {
                return None;
            }
            let frac = &s[start..end.min(start + 3)];
            let mut f: i64 = frac.parse().ok()?;
            for _ in frac.len()..3 {
                f *= 10;
            }
            ms += f;
            i = end;
        }
    }
    ms += ((h * 60 + mi) * 60 + sec) * 1000;
    let tz = &s[i..];
    let offset_min = match tz {
        "" | "Z" | "z" => 0,
        _ => {
            let sign = match tz.as_bytes().first() {
                Some(b'+') => 1,
                Some(b'-') => -1,
                _ => return None,
            };
            let t = &tz[1..];
            // `get`: the offset is user text, and a multi-byte character may straddle a cut.
            let part = |r: std::ops::Range<usize>| t.get(r).and_then(|p| p.parse::<i64>().ok());
            let (oh, om) = match t.len() {
                5 if t.as_bytes().get(2) == Some(&b':') => (part(0..2)?, part(3..5)?),
                4 => (part(0..2)?, part(2..4)?),
                2 => (t.parse::<i64>().ok()?, 0),
                _ => return None,
            };
            sign * (oh * 60 + om)
        }
    };
    Some(ms - offset_min * 60_000)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_with_a_multibyte_character_is_no_date() {
        // Four bytes, so the cut at 2 falls inside `é`: this panicked before the slices used `get`.
        assert_eq!(parse_date("1970-01-01T00:00:00+1é2"), None);
        assert_eq!(parse_date("1970-01-01T00:00:00+é:00"), None);
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("1970-01-01T00:00:01Z"), Some(1000));
        assert_eq!(parse_date("1970-01-01T01:00:00+01:00"), Some(0));
        assert_eq!(parse_date("1970-01-01T00:00:00.5Z"), Some(500));
        assert_eq!(parse_date("86400"), Some(86_400_000));
        assert_eq!(parse_date("2020-02-30"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(
            parse_date("2020-01-01T10:00"),
            parse_date("2020-01-01T10:00:00Z")
        );
        assert!(parse_date("2024-06-01T00:00:00Z") > parse_date("2024-05-31T23:59:59Z"));
    }

    #[test]
    fn numbers_and_nets() {
        assert_eq!(parse_num("10"), Some(10.0));
        assert_eq!(parse_num("-1.5"), Some(-1.5));
        assert_eq!(parse_num("inf"), None);
        assert_eq!(parse_num("ten"), None);
        assert!(parse_net("10.0.0.0/8").is_some());
        assert!(parse_net("2001:db8::/32").is_some());
        assert!(parse_net("203.0.113.7").is_some());
        assert!(parse_net("10.0.0.0/33").is_none());
        assert!(is_base64("QmluYXJ5"));
        assert!(!is_base64("not base64!"));
    }
}

#[cfg(test)]
mod set_tests {
    use super::*;
    use crate::model::policy::parse_policy;

    fn holds(op: &str, ctx_value: Option<CtxValue>) -> bool {
        let text = format!(
            r#"{{"Version":"2012-10-17","Statement":{{"Effect":"Allow","Action":"*","Resource":"*","Condition":{{"{op}":{{"aws:TagKeys":["team"]}}}}}}}}"#
        );
        let (policy, _) = parse_policy(&crate::source::json::parse(&text).unwrap());
        let mut ctx = Context::new();
        if let Some(v) = ctx_value {
            ctx.insert("aws:TagKeys", v);
        }
        evaluate(&policy.statements[0].conditions[0], &ctx, true) == CondOutcome::Holds
    }

    #[test]
    fn empty_string_is_an_empty_set() {
        let empty = || Some(CtxValue::One(Val::known("")));
        assert!(holds("ForAllValues:StringEquals", empty()));
        assert!(!holds("ForAnyValue:StringNotEquals", empty()));
        assert!(holds(
            "ForAllValues:StringEquals",
            Some(CtxValue::Many(vec![]))
        ));
        assert!(holds("ForAllValues:StringNotEquals", None));
        assert!(!holds("ForAnyValue:StringNotEquals", None));
        // Without a set operator an empty string is an ordinary value.
        assert!(holds("StringNotEquals", empty()));
        assert!(!holds("StringEquals", empty()));
    }
}
