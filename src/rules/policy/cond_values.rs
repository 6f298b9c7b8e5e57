//! POL-COND-VALUES: condition values must have the type their operator compares: `true`/`false`
//! for `Bool` and `Null`, CIDR blocks for `IpAddress`, ISO 8601 dates or epoch seconds for `Date*`,
//! numbers for `Numeric*`, base64 for `BinaryEquals`; no policy variables where the operator does
//! not support them (Numeric, Date, Binary, IP address, Null).

use super::statement_conditions::parsed_conditions;
use super::Ctx;
use crate::model::condition::Family;
use crate::rule_meta;
use crate::rules::{Finding, RuleMeta};
use std::net::IpAddr;

pub const META: RuleMeta = rule_meta!(
    PolCondValues,
    "POL-COND-VALUES",
    Error,
    "Condition value does not fit its operator"
);

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for st in &ctx.doc.policy.statements {
        for (op, c) in parsed_conditions(st) {
            let family = op.op.family();
            for v in &c.values {
                // A value trustlint cannot know (CloudFormation parameter, GetAtt): cannot prove.
                if crate::model::symbolic::has_symbol(&v.value) {
                    continue;
                }
                if let Some((msg, help)) = problem(family, &c.operator.value, &v.value) {
                    out.push(
                        ctx.finding(
                            &META,
                            v.span,
                            format!(
                                "`{}` under `{}` ({}): {msg}",
                                v.value, c.operator.value, c.key.value
                            ),
                        )
                        .label(msg)
                        .help(help),
                    );
                }
            }
        }
    }
}

fn family_name(f: Family) -> &'static str {
    match f {
        Family::String => "string",
        Family::Numeric => "numeric",
        Family::Date => "date",
        Family::Bool => "Boolean",
        Family::Binary => "binary",
        Family::Ip => "IP address",
        Family::Arn => "ARN",
        Family::Null => "Null",
    }
}

/// (short message, help) when `v` is not a valid value for an operator of `family`.
fn problem(family: Family, op: &str, v: &str) -> Option<(String, String)> {
    let no_vars = matches!(
        family,
        Family::Numeric | Family::Date | Family::Binary | Family::Ip | Family::Null
    );
    if no_vars && has_policy_variable(v) {
        return Some((
            format!(
                "policy variables are not supported with {} operators",
                family_name(family)
            ),
            format!(
                "IAM substitutes policy variables only with string, ARN and Bool operators; \
                 with `{op}` the text `{v}` is compared literally and never matches. Use a \
                 fixed value, or compare with a string operator"
            ),
        ));
    }
    match family {
        Family::Bool | Family::Null => {
            if family == Family::Bool && has_policy_variable(v) {
                return None;
            }
            if v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false") {
                return None;
            }
            let help = if family == Family::Null {
                format!("`{op}` takes `true` (the key is absent) or `false` (the key is present)")
            } else {
                format!("`{op}` takes `true` or `false`")
            };
            Some(("not `true` or `false`".into(), help))
        }
        Family::Numeric => {
            if is_number(v) {
                return None;
            }
            let why = if v.contains(['*', '?']) {
                "numeric operators do not support wildcards"
            } else {
                "not a number"
            };
            Some((
                why.into(),
                format!("`{op}` compares numbers: write a plain integer or decimal such as `3600`"),
            ))
        }
        Family::Date => {
            if is_date(v) {
                return None;
            }
            let why = if v.contains(['*', '?']) {
                "date operators do not support wildcards"
            } else {
                "not an ISO 8601 date or epoch time"
            };
            Some((
                why.into(),
                format!(
                    "`{op}` takes a W3C/ISO 8601 date such as `2026-01-31T23:59:59Z` or \
                     `2026-01-31`, or epoch seconds such as `1769903999`"
                ),
            ))
        }
        Family::Binary => {
            if is_base64(v) {
                return None;
            }
            Some((
                "not base64".into(),
                "`BinaryEquals` compares base64-encoded bytes, e.g. `QmluYXJ5VmFsdWVJbkJhc2U2NA==`"
                    .into(),
            ))
        }
        Family::Ip => {
            if is_cidr(v) {
                return None;
            }
            let why = if v.contains(['*', '?']) {
                "IP address operators do not support wildcards"
            } else {
                "not an IP address or CIDR block"
            };
            let example = wildcard_to_cidr(v).unwrap_or_else(|| "203.0.113.0/24".into());
            Some((
                why.into(),
                format!(
                    "`{op}` takes an IPv4/IPv6 address or CIDR block (RFC 4632), e.g. `{example}`; \
                     a bare address means /32"
                ),
            ))
        }
        Family::String | Family::Arn => None,
    }
}

fn is_number(v: &str) -> bool {
    let body = v.strip_prefix(['-', '+']).unwrap_or(v);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match frac {
        None => digits(int),
        Some(f) => (digits(int) || int.is_empty()) && digits(f),
    }
}

/// W3C profile of ISO 8601 (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-MM-DDThh:mm[:ss[.s+]]TZD`,
/// TZD optional) or epoch seconds.
fn is_date(v: &str) -> bool {
    let b = v.as_bytes();
    if !b.is_empty() && b.iter().all(u8::is_ascii_digit) && b.len() != 4 {
        return true; // epoch seconds (a bare 4-digit number is read as a year below)
    }
    let num = |s: &[u8], lo: u32, hi: u32| -> bool {
        !s.is_empty()
            && s.iter().all(u8::is_ascii_digit)
            && std::str::from_utf8(s)
                .ok()
                .and_then(|t| t.parse::<u32>().ok())
                .is_some_and(|n| (lo..=hi).contains(&n))
    };
    let (date, time) = match v.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (v, None),
    };
    let parts: Vec<&str> = date.split('-').collect();
    let date_ok = match parts.as_slice() {
        [y] => y.len() == 4 && num(y.as_bytes(), 0, 9999),
        [y, m] => {
            y.len() == 4 && num(y.as_bytes(), 0, 9999) && m.len() == 2 && num(m.as_bytes(), 1, 12)
        }
        [y, m, d] => {
            y.len() == 4
                && num(y.as_bytes(), 0, 9999)
                && m.len() == 2
                && num(m.as_bytes(), 1, 12)
                && d.len() == 2
                && num(d.as_bytes(), 1, days_in_month(y, m))
        }
        _ => false,
    };
    if !date_ok {
        return false;
    }
    let Some(t) = time else { return true };
    if parts.len() != 3 {
        return false;
    }
    // Time zone designator.
    let (clock, tz) = if let Some(c) = t.strip_suffix('Z') {
        (c, None)
    } else if let Some(i) = t.rfind(['+', '-']) {
        (&t[..i], Some(&t[i + 1..]))
    } else {
        (t, None)
    };
    if let Some(tz) = tz {
        let tz = tz.replace(':', "");
        let tz = tz.as_bytes();
        let in_range = |r: std::ops::Range<usize>, max| tz.get(r).is_some_and(|d| num(d, 0, max));
        if !(tz.len() == 4 && in_range(0..2, 23) && in_range(2..4, 59)) {
            return false;
        }
    }
    let (hms, frac) = match clock.split_once('.') {
        Some((h, f)) => (h, Some(f)),
        None => (clock, None),
    };
    if frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let fields: Vec<&str> = hms.split(':').collect();
    match fields.as_slice() {
        [h, m] => {
            frac.is_none()
                && h.len() == 2
                && num(h.as_bytes(), 0, 23)
                && m.len() == 2
                && num(m.as_bytes(), 0, 59)
        }
        [h, m, s] => {
            h.len() == 2
                && num(h.as_bytes(), 0, 23)
                && m.len() == 2
                && num(m.as_bytes(), 0, 59)
                && s.len() == 2
                && num(s.as_bytes(), 0, 60)
        }
        _ => false,
    }
}

/// Days in month `m` of year `y` (both already checked to be digits); 31 when unparsable.
fn days_in_month(y: &str, m: &str) -> u32 {
    let y: u32 = y.parse().unwrap_or(0);
    match m.parse::<u32>().unwrap_or(1) {
        2 if y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn is_base64(v: &str) -> bool {
    let b = v.as_bytes();
    if b.is_empty() || !b.len().is_multiple_of(4) {
        return false;
    }
    let pad = b.iter().rev().take_while(|&&c| c == b'=').count();
    pad <= 2
        && b.get(..b.len() - pad)
            .unwrap_or_default()
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'+' || *c == b'/')
}

/// A bare IPv4/IPv6 address or a CIDR block, strictly: `std::net` parsing (no leading zeros,
/// no shorthand such as `10.1`), a decimal prefix length within the family's width, then `ipnet`.
fn is_cidr(v: &str) -> bool {
    match v.split_once('/') {
        None => v.parse::<IpAddr>().is_ok(),
        Some((addr, len)) => {
            let Ok(ip) = addr.parse::<IpAddr>() else {
                return false;
            };
            let max = if ip.is_ipv4() { 32 } else { 128 };
            let len_ok = !len.is_empty()
                && len.len() <= 3
                && len.bytes().all(|b| b.is_ascii_digit())
                && !(len.len() > 1 && len.starts_with('0'))
                && len.parse::<u8>().is_ok_and(|n| n <= max);
            len_ok && v.parse::<ipnet::IpNet>().is_ok()
        }
    }
}

/// `10.0.*` / `10.0.*.*` → `10.0.0.0/16`.
fn wildcard_to_cidr(v: &str) -> Option<String> {
    let octets: Vec<&str> = v.split('.').collect();
    let fixed: Vec<&str> = octets.iter().copied().take_while(|o| *o != "*").collect();
    if fixed.is_empty()
        || fixed.len() >= 4
        || octets
            .get(fixed.len()..)
            .unwrap_or_default()
            .iter()
            .any(|o| *o != "*")
        || octets.len() > 4
        || fixed.iter().any(|o| o.parse::<u8>().is_err())
    {
        return None;
    }
    let mut full: Vec<&str> = fixed.clone();
    full.resize(4, "0");
    Some(format!("{}/{}", full.join("."), fixed.len() * 8))
}

/// Does `s` contain a policy variable (`${aws:username}`, `${aws:PrincipalTag/team}`)?
/// The escapes `${*}`, `${?}` and `${$}` are literal characters, not variables.
pub fn has_policy_variable(s: &str) -> bool {
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        let after = &rest[i + 2..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                if !matches!(name, "*" | "?" | "$") && !name.is_empty() {
                    return true;
                }
                rest = &after[end + 1..];
            }
            None => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, spans};
    use super::*;

    #[test]
    fn dates() {
        for ok in [
            "2026-01-31T23:59:59Z",
            "2026-01-31T23:59:59.123Z",
            "2026-01-31T23:59:59+02:00",
            "2026-01-31T23:59Z",
            "2026-01-31",
            "2026-01",
            "2026",
            "1769903999",
            "2026-01-31T23:59:59",
            "2024-02-29",
        ] {
            assert!(is_date(ok), "{ok} is a date");
        }
        for bad in [
            "2026-13-01",
            "2026-01-32",
            "2026-01-31T24:00:00Z",
            "31/01/2026",
            "2026-01-*",
            "yesterday",
            "",
            "2026-01-31T23:59:59.Z",
            "2026-1-31",
            "2026-02-30",
            "2025-02-29",
        ] {
            assert!(!is_date(bad), "{bad} is not a date");
        }
    }

    #[test]
    fn numbers_ips_base64() {
        assert!(is_number("3600") && is_number("-1") && is_number("0.5") && is_number(".5"));
        assert!(!is_number("1h") && !is_number("") && !is_number("1e3") && !is_number("12*"));
        assert!(is_cidr("203.0.113.0/24") && is_cidr("203.0.113.7") && is_cidr("2001:db8::/32"));
        assert!(is_cidr("0.0.0.0/0") && is_cidr("203.0.113.7/32"));
        assert!(!is_cidr("203.0.113.0/33") && !is_cidr("10.0.*") && !is_cidr("010.0.0.1"));
        assert!(!is_cidr("203.0.113.0/") && !is_cidr("203.0.113.0/024") && !is_cidr("10.1"));
        assert!(!is_cidr("203.0.113.0/+8") && !is_cidr("2001:db8::/129"));
        assert!(is_base64("QmluYXJ5VmFsdWVJbkJhc2U2NA==") && !is_base64("not base64!"));
        assert!(!is_base64("abc") && !is_base64("a===") && !is_base64(""));
        assert_eq!(wildcard_to_cidr("10.0.*").as_deref(), Some("10.0.0.0/16"));
        assert_eq!(wildcard_to_cidr("10.0.*.*").as_deref(), Some("10.0.0.0/16"));
        assert_eq!(wildcard_to_cidr("10.*.0.*"), None);
    }

    #[test]
    fn variables_only_where_supported() {
        assert!(problem(
            Family::Numeric,
            "NumericLessThan",
            "${aws:MultiFactorAuthAge}"
        )
        .is_some());
        assert!(problem(Family::Ip, "IpAddress", "${aws:SourceIp}").is_some());
        assert!(problem(Family::Null, "Null", "${aws:username}").is_some());
        assert!(problem(Family::Bool, "Bool", "${aws:PrincipalTag/mfa}").is_none());
        assert!(problem(Family::String, "StringEquals", "${aws:username}").is_none());
        assert!(problem(Family::Bool, "Bool", "True").is_none());
        assert!(problem(Family::Bool, "Bool", "yes").is_some());
        assert!(problem(Family::Null, "Null", "false").is_none());
    }

    #[test]
    fn points_at_each_bad_value() {
        let text = r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:*",
            "Resource":"*","Condition":{
              "Bool":{"aws:SecureTransport":"no"},
              "NotIpAddress":{"aws:SourceIp":["203.0.113.0/24","10.0.*"]},
              "NumericGreaterThan":{"s3:max-keys":100},
              "DateGreaterThan":{"aws:CurrentTime":"2026-02-30"},
              "NotAnOperator":{"aws:SourceIp":"x"}}}}"#;
        let fs = run(check, text);
        assert_eq!(spans(text, &fs), ["\"no\"", "\"10.0.*\"", "\"2026-02-30\""]);
        assert!(fs[1].help.as_deref().unwrap().contains("`10.0.0.0/16`"));
    }

    #[test]
    fn variables() {
        assert!(has_policy_variable("${aws:username}"));
        assert!(has_policy_variable("home/${aws:PrincipalTag/team}/*"));
        assert!(!has_policy_variable("a${*}b"));
        assert!(!has_policy_variable("${"));
        assert!(!has_policy_variable("plain"));
    }
}
