#!/usr/bin/env python3
"""Writes the audit cases of the decision corpus (`cases/audit-*.json`), each written from the AWS
documentation quoted in its `why`. Kept apart from generate.py (which rewrites the whole directory):
run this one after it.  python3 tests/eval_corpus/generate_audit.py
"""
import glob
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cases")

A = "111111111111"
B = "222222222222"
M = "999999999999"
ROLE = f"arn:aws:iam::{A}:role/app"
SESSION = f"arn:aws:sts::{A}:assumed-role/app/worker"
USER = f"arn:aws:iam::{A}:user/alice"
XROLE = f"arn:aws:iam::{B}:role/partner"
XSESSION = f"arn:aws:sts::{B}:assumed-role/partner/job"
BUCKET = "arn:aws:s3:::data-bucket"
OBJ = "arn:aws:s3:::data-bucket/reports/2024/q1.csv"
KEY_A = f"arn:aws:kms:us-east-1:{A}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
KEY_B = f"arn:aws:kms:us-east-1:{B}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
QUEUE_A = f"arn:aws:sqs:us-east-1:{A}:jobs"

OPS = "IAM UG 'IAM JSON policy elements: Condition operators'"
MULTI = "IAM UG 'Single-valued vs. multivalued context keys' / 'Multivalued context key examples'"
VARS = "IAM UG 'IAM policy elements: Variables and tags'"
RESOURCE = "IAM UG 'IAM JSON policy elements: Resource'"
PRINC = "IAM UG 'AWS JSON policy elements: Principal'"
NOTP = "IAM UG 'AWS JSON policy elements: NotPrincipal'"
EVAL = "IAM UG 'Policy evaluation logic'"
XACCT = "IAM UG 'Cross-account policy evaluation logic'"
BOUND = "IAM UG 'Permissions boundaries for IAM entities'"
SESSPOL = "IAM UG 'Session policies'"
SCP = "Organizations UG 'Service control policies (SCPs)'"
RCP = "Organizations UG 'Resource control policies (RCPs)'"
KMS = "KMS DG 'Key policies in AWS KMS'"
KMSCTX = "KMS DG 'Encryption context' / 'kms:EncryptionContext:context-key'"
S3RES = "S3 UG 'Policy resources for Amazon S3'"

cases = []


def st(effect="Allow", action="s3:GetObject", resource="*", **kw):
    s = {"Effect": effect}
    if "principal" in kw:
        s["Principal"] = kw.pop("principal")
    if "not_principal" in kw:
        s["NotPrincipal"] = kw.pop("not_principal")
    if action is not None:
        s["Action"] = action
    if "not_action" in kw:
        s["NotAction"] = kw.pop("not_action")
    if resource is not None:
        s["Resource"] = resource
    if "not_resource" in kw:
        s["NotResource"] = kw.pop("not_resource")
    if "cond" in kw:
        s["Condition"] = kw.pop("cond")
    assert not kw, kw
    return s


def pol(*stmts, version="2012-10-17"):
    p = {"Version": version} if version else {}
    p["Statement"] = list(stmts)
    return p


def allow_id(action="s3:GetObject", resource="*", **kw):
    return [pol(st("Allow", action, resource, **kw))]


def case(name, expected, why, principal=ROLE, action="s3:GetObject", resource=OBJ, context=None,
         identity=None, resource_policy=None, boundary=None, session=None, scps=None, rcps=None,
         resource_account=None, management=None, resource_type=None):
    req = {"principal": principal, "action": action, "resource": resource}
    if resource_account:
        req["resourceAccount"] = resource_account
    if resource_type:
        req["resourceType"] = resource_type
    if context:
        req["context"] = context
    c = {"why": why, "expected": expected, "request": req}
    for k, v in (("identityPolicies", identity), ("resourcePolicy", resource_policy),
                 ("permissionBoundary", boundary), ("sessionPolicy", session), ("scps", scps), ("rcps", rcps)):
        if v is not None:
            c[k] = v
    if management:
        c["organization"] = {"managementAccount": management}
    cases.append((f"audit-{name}", c))


def cond_case(name, expected, why, cond, context=None, effect="Allow", **kw):
    """An identity policy allowing s3:GetObject under `cond` (or, for Deny, s3:* plus a conditional Deny)."""
    if effect == "Allow":
        ident = allow_id(cond=cond)
    else:
        ident = [pol(st("Allow", "s3:*", "*"), st("Deny", "s3:GetObject", "*", cond=cond))]
    case(name, expected, why, context=context, identity=ident, **kw)


# ------------------------------------------------------------------------------------------------
# String operators
T = "cond"
cond_case(f"{T}-stringlike-question-is-one-char", "ImplicitlyDenied",
          f"{OPS}: StringLike `?` is a single-character match wildcard, so `vpce-?` does not match `vpce-12`",
          {"StringLike": {"aws:SourceVpce": "vpce-?"}}, {"aws:SourceVpce": "vpce-12"})
cond_case(f"{T}-stringlike-star-matches-empty", "Allowed",
          f"{OPS}: StringLike `*` is a multi-character match wildcard (zero or more characters)",
          {"StringLike": {"aws:SourceVpce": "vpce-*"}}, {"aws:SourceVpce": "vpce-"})
cond_case(f"{T}-stringequals-star-is-literal", "ImplicitlyDenied",
          f"{OPS}: StringEquals is an exact match; only StringLike/StringNotLike interpret `*`",
          {"StringEquals": {"aws:SourceVpce": "vpce-*"}}, {"aws:SourceVpce": "vpce-1"})
cond_case(f"{T}-stringnotlike-any-value-matches", "ImplicitlyDenied",
          f"IAM UG 'Evaluation logic for negated matching condition operators': with StringNotLike the request value must match none of the values (`b*` matches `bx`)",
          {"StringNotLike": {"aws:SourceVpce": ["a*", "b*"]}}, {"aws:SourceVpce": "bx"})
cond_case(f"{T}-stringnotlike-no-value-matches", "Allowed",
          f"IAM UG 'Evaluation logic for negated matching condition operators': StringNotLike holds when the request value matches none of the values",
          {"StringNotLike": {"aws:SourceVpce": ["a*", "b*"]}}, {"aws:SourceVpce": "cx"})
cond_case(f"{T}-stringnotequalsignorecase-values-anded", "ImplicitlyDenied",
          f"IAM UG 'Evaluation logic for negated matching condition operators': StringNotEqualsIgnoreCase fails when the value equals any listed value, ignoring case",
          {"StringNotEqualsIgnoreCase": {"aws:PrincipalTag/team": ["ops", "DATA"]}}, {"aws:PrincipalTag/team": "data"})
cond_case(f"{T}-stringlike-case-sensitive-value", "ImplicitlyDenied",
          f"{OPS}: StringLike is case-sensitive: `Data*` does not match `data-1`",
          {"StringLike": {"aws:PrincipalTag/team": "Data*"}}, {"aws:PrincipalTag/team": "data-1"})
cond_case(f"{T}-key-name-case-in-context", "Allowed",
          "IAM UG 'IAM JSON policy elements: Condition': condition key names are not case-sensitive (aws:SourceVpce = AWS:SOURCEVPCE)",
          {"StringEquals": {"aws:sourcevpce": "vpce-1"}}, {"AWS:SOURCEVPCE": "vpce-1"})

# Negated operators with a missing key: true (all families)
for op, key, val in (("StringNotLike", "aws:SourceVpce", "vpce-*"), ("NumericNotEquals", "s3:max-keys", "10"),
                     ("DateNotEquals", "aws:CurrentTime", "2024-01-01T00:00:00Z"), ("NotIpAddress", "aws:SourceIp", "203.0.113.0/24"),
                     ("ArnNotEquals", "aws:SourceArn", f"arn:aws:sns:us-east-1:{A}:topic"), ("ArnNotLike", "aws:SourceArn", "arn:aws:sns:*:*:*"),
                     ("StringNotEqualsIgnoreCase", "aws:SourceVpce", "vpce-1")):
    cond_case(f"{T}-{op.lower()}-missing-key-holds", "Allowed",
              f"{OPS}: 'If the key that you specify in a policy condition is not present in the request context, the values do not match and the condition is false. If the policy condition requires that the key is not matched, such as StringNotLike or ArnNotLike, and the right key is not present, the condition is true' ({op})",
              {op: {key: val}})
# Positive operators with a missing key: false
for op, key, val in (("NumericLessThan", "s3:max-keys", "10"), ("DateGreaterThan", "aws:CurrentTime", "2020-01-01T00:00:00Z"),
                     ("ArnLike", "aws:SourceArn", "arn:aws:sns:*:*:*"), ("IpAddress", "aws:SourceIp", "0.0.0.0/0"),
                     ("StringEqualsIgnoreCase", "aws:SourceVpce", "vpce-1")):
    cond_case(f"{T}-{op.lower()}-missing-key-fails", "ImplicitlyDenied",
              f"{OPS}: a key not present in the request context makes a (non-negated) condition false ({op})",
              {op: {key: val}})
# ...IfExists with a missing key: true
for op, key, val in (("NumericLessThanIfExists", "s3:max-keys", "10"), ("DateLessThanIfExists", "aws:CurrentTime", "2020-01-01T00:00:00Z"),
                     ("ArnLikeIfExists", "aws:SourceArn", "arn:aws:sns:*:*:*"), ("StringLikeIfExists", "aws:SourceVpce", "vpce-9*")):
    cond_case(f"{T}-{op.lower()}-missing-key", "Allowed",
              f"{OPS} '...IfExists': 'If the condition key is not present in the context of the request, the condition evaluates to true' ({op})",
              {op: {key: val}})
cond_case(f"{T}-arnlikeifexists-present-mismatch", "ImplicitlyDenied",
          f"{OPS} '...IfExists': if the key is present it is evaluated as the base operator",
          {"ArnLikeIfExists": {"aws:SourceArn": f"arn:aws:sns:*:{A}:*"}}, {"aws:SourceArn": f"arn:aws:sns:us-east-1:{B}:topic"})

# Numeric / date
cond_case(f"{T}-numericequals-decimal-forms", "Allowed", f"{OPS}: numeric operators compare numbers, so 10 equals 10.0",
          {"NumericEquals": {"s3:max-keys": "10.0"}}, {"s3:max-keys": "10"})
cond_case(f"{T}-numericlessthan-negative", "Allowed", f"{OPS}: NumericLessThan compares numerically (-5 < 3)",
          {"NumericLessThan": {"s3:max-keys": "3"}}, {"s3:max-keys": "-5"})
cond_case(f"{T}-date-timezone-offset-equal", "Allowed",
          f"{OPS}: date conditions compare points in time; 12:00+02:00 is 10:00Z (W3C ISO 8601 with offset)",
          {"DateEquals": {"aws:CurrentTime": "2024-06-01T12:00:00+02:00"}}, {"aws:CurrentTime": "2024-06-01T10:00:00Z"})
cond_case(f"{T}-date-epoch-context-iso-policy", "Allowed",
          f"{OPS}: date operators accept ISO 8601 and epoch (UNIX) time; 1717243200 is 2024-06-01T12:00:00Z",
          {"DateGreaterThan": {"aws:EpochTime": "2024-01-01T00:00:00Z"}}, {"aws:EpochTime": "1717243200"})
cond_case(f"{T}-datelessthan-equal-instant", "ImplicitlyDenied", f"{OPS}: DateLessThan is strict: the same instant is not less",
          {"DateLessThan": {"aws:CurrentTime": "2024-06-01T00:00:00Z"}}, {"aws:CurrentTime": "2024-06-01T00:00:00Z"})
cond_case(f"{T}-datelessthanequals-equal-instant", "Allowed", f"{OPS}: DateLessThanEquals includes the same instant",
          {"DateLessThanEquals": {"aws:CurrentTime": "1717200000"}}, {"aws:CurrentTime": "2024-06-01T00:00:00Z"})

# IP
cond_case(f"{T}-ipaddress-v4-request-v6-range", "ImplicitlyDenied", f"{OPS}: an IPv4 address is not in an IPv6 range",
          {"IpAddress": {"aws:SourceIp": "2001:db8::/32"}}, {"aws:SourceIp": "203.0.113.9"})
cond_case(f"{T}-notipaddress-v6-request-v4-ranges", "Allowed", f"{OPS}: NotIpAddress holds for an IPv6 address outside every listed IPv4 range",
          {"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24", "198.51.100.0/24"]}}, {"aws:SourceIp": "2001:db8::1"})
cond_case(f"{T}-ipaddress-bare-v6", "Allowed", f"{OPS}: an IP address without a prefix is a single address (IPv6 too)",
          {"IpAddress": {"aws:SourceIp": "2001:db8::1"}}, {"aws:SourceIp": "2001:db8::1"})
cond_case(f"{T}-ipaddress-list-any", "Allowed", f"{OPS}: values of one key are ORed for IpAddress",
          {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "203.0.113.0/24"]}}, {"aws:SourceIp": "203.0.113.200"})

# ARN operators
cond_case(f"{T}-arnequals-allows-wildcards", "Allowed",
          f"{OPS}: ArnEquals and ArnLike are the same test: 'Each of the six colon-delimited components of the ARN is checked separately and each can include multi-character match wildcards (*) or single-character match wildcards (?)'",
          {"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::*:role/ap?"}})
cond_case(f"{T}-arnlike-component-star-no-colon", "ImplicitlyDenied",
          f"{OPS}: ArnLike checks each colon-delimited component separately, so `*` in the region component cannot absorb the account",
          {"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:topic"}}, {"aws:SourceArn": f"arn:aws:sns:us-east-1:{A}:topic"})
cond_case(f"{T}-arnlike-case-sensitive", "ImplicitlyDenied", f"{OPS}: ARN operators are case-sensitive",
          {"ArnLike": {"aws:PrincipalArn": f"arn:aws:iam::{A}:role/APP"}})
cond_case(f"{T}-arnnotlike-deny-spares-match", "Allowed",
          f"{OPS}/{PRINC}: Deny + ArnNotLike aws:PrincipalArn spares the matching principal",
          {"ArnNotLike": {"aws:PrincipalArn": f"arn:aws:iam::{A}:role/a*"}}, effect="Deny")

# Null
cond_case(f"{T}-null-false-absent", "ImplicitlyDenied", f"{OPS} 'Condition operator to check existence of condition keys': Null false requires the key to exist",
          {"Null": {"aws:SourceVpce": "false"}})
cond_case(f"{T}-null-two-keys-anded", "ImplicitlyDenied", f"{OPS}: all keys under one operator are ANDed (Null true for a present key fails)",
          {"Null": {"aws:SourceVpce": "true", "aws:SourceIp": "true"}}, {"aws:SourceIp": "203.0.113.9"})

# ------------------------------------------------------------------------------------------------
# Multivalued keys
T = "multi"
for name, ctx, exp in (("legal", ["key1:legal"], "Allowed"), ("hr-personnel", ["key1:hr", "key1:personnel"], "Allowed"),
                       ("audit", ["key2:audit"], "ExplicitlyDenied"), ("absent", None, "ExplicitlyDenied")):
    case(f"{T}-forallvalues-stringnotlike-deny-{name}", exp,
         f"{MULTI}: the documented table for Deny + ForAllValues:StringNotLike aws:TagKeys `key1*` — request {ctx or 'without aws:TagKeys'}: {'no match' if exp == 'Allowed' else 'match (ForAllValues also returns true if the key is missing)'}",
         action="iam:TagUser", resource=f"arn:aws:iam::{A}:user/bob", context={"aws:TagKeys": ctx} if ctx else None,
         identity=[pol(st("Allow", "iam:*", "*"), st("Deny", ["iam:Tag*", "iam:UnTag*"], "*", cond={"ForAllValues:StringNotLike": {"aws:TagKeys": "key1*"}}))])
case(f"{T}-forallvalues-stringnotequals-absent-allows", "Allowed",
     f"{MULTI}: ForAllValues returns true when the key is not in the request, whatever the operator (negated too)",
     action="iam:TagUser", resource=f"arn:aws:iam::{A}:user/bob",
     identity=allow_id("iam:TagUser", cond={"ForAllValues:StringNotEquals": {"aws:TagKeys": ["secret"]}}))
case(f"{T}-forallvalues-stringnotequals-hit", "ImplicitlyDenied",
     f"{MULTI}: ForAllValues:StringNotEquals fails when some request value equals a policy value",
     action="iam:TagUser", resource=f"arn:aws:iam::{A}:user/bob", context={"aws:TagKeys": ["team", "secret"]},
     identity=allow_id("iam:TagUser", cond={"ForAllValues:StringNotEquals": {"aws:TagKeys": ["secret"]}}))
case(f"{T}-foranyvalue-stringnotequals-one-differs", "Allowed",
     f"{MULTI}: ForAnyValue:StringNotEquals is true when at least one request value equals none of the policy values",
     action="iam:TagUser", resource=f"arn:aws:iam::{A}:user/bob", context={"aws:TagKeys": ["secret", "team"]},
     identity=allow_id("iam:TagUser", cond={"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["secret"]}}))
case(f"{T}-foranyvalue-stringnotequals-all-equal", "ImplicitlyDenied",
     f"{MULTI}: ForAnyValue:StringNotEquals is false when every request value equals a policy value",
     action="iam:TagUser", resource=f"arn:aws:iam::{A}:user/bob", context={"aws:TagKeys": ["secret"]},
     identity=allow_id("iam:TagUser", cond={"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["secret", "pii"]}}))
case(f"{T}-foranyvalue-stringnotlike-absent", "ImplicitlyDenied",
     f"{MULTI}: ForAnyValue returns false when the key is not in the request (negated operator too)",
     action="iam:TagUser", resource=f"arn:aws:iam::{A}:user/bob",
     identity=allow_id("iam:TagUser", cond={"ForAnyValue:StringNotLike": {"aws:TagKeys": ["sec*"]}}))
case(f"{T}-foranyvalue-stringnotlike-deny", "ExplicitlyDenied",
     f"{MULTI}: Deny + ForAnyValue:StringNotLike: one tag key outside `team*` matches",
     action="iam:TagUser", resource=f"arn:aws:iam::{A}:user/bob", context={"aws:TagKeys": ["team-a", "cost"]},
     identity=[pol(st("Allow", "iam:*", "*"), st("Deny", "iam:TagUser", "*", cond={"ForAnyValue:StringNotLike": {"aws:TagKeys": ["team*"]}}))])
case(f"{T}-forallvalues-empty-string", "Allowed",
     f"{MULTI}: ForAllValues 'also returns true if there is no matching key in the request, or if the key values resolve to an empty data set, such as an empty string'",
     action="iam:TagUser", resource=f"arn:aws:iam::{A}:user/bob", context={"aws:TagKeys": ""},
     identity=allow_id("iam:TagUser", cond={"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}))
case(f"{T}-foranyvalue-empty-string", "ImplicitlyDenied",
     f"{MULTI}: ForAnyValue: 'For no matching key or an empty data set, the condition returns false' (an empty string is an empty data set)",
     action="iam:TagUser", resource=f"arn:aws:iam::{A}:user/bob", context={"aws:TagKeys": ""},
     identity=allow_id("iam:TagUser", cond={"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["team"]}}))
case(f"{T}-forallvalues-ifexists-absent", "Allowed", f"{MULTI}/{OPS} '...IfExists': absent key, ForAllValues:StringEqualsIfExists holds",
     action="iam:TagUser", resource=f"arn:aws:iam::{A}:user/bob",
     identity=allow_id("iam:TagUser", cond={"ForAllValues:StringEqualsIfExists": {"aws:TagKeys": ["team"]}}))
case(f"{T}-foranyvalue-ifexists-absent", "Allowed", f"{MULTI}/{OPS} '...IfExists': absent key, ForAnyValue:StringEqualsIfExists holds",
     action="iam:TagUser", resource=f"arn:aws:iam::{A}:user/bob",
     identity=allow_id("iam:TagUser", cond={"ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": ["team"]}}))
case(f"{T}-forallvalues-superset-fails", "ImplicitlyDenied",
     f"{MULTI}: ForAllValues requires every request value to match a policy value (`cost` matches none)",
     action="iam:TagUser", resource=f"arn:aws:iam::{A}:user/bob", context={"aws:TagKeys": ["team", "cost"]},
     identity=allow_id("iam:TagUser", cond={"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}}))
case(f"{T}-foranyvalue-stringlike", "Allowed", f"{MULTI}: ForAnyValue:StringLike — one request value matching one pattern suffices",
     action="iam:TagUser", resource=f"arn:aws:iam::{A}:user/bob", context={"aws:TagKeys": ["cost", "team-x"]},
     identity=allow_id("iam:TagUser", cond={"ForAnyValue:StringLike": {"aws:TagKeys": ["team-*"]}}))
case(f"{T}-stringequals-single-valued-list-any", "Allowed",
     f"{OPS}: a single-valued key with several policy values matches when it equals any of them (values ORed)",
     context={"aws:PrincipalTag/team": "ops"}, identity=allow_id(cond={"StringEquals": {"aws:PrincipalTag/team": ["data", "ops"]}}))
case(f"{T}-null-true-empty-list", "Allowed",
     f"{MULTI}: a context key with an empty set of values is treated as not present (Null true; 'missing context keys or context keys with empty values')",
     action="iam:TagUser", resource=f"arn:aws:iam::{A}:user/bob", context={"aws:TagKeys": []},
     identity=allow_id("iam:TagUser", cond={"Null": {"aws:TagKeys": "true"}}))
case(f"{T}-stringequals-empty-list", "ImplicitlyDenied",
     f"{OPS}: a key with no values has nothing to match: a positive operator without a set qualifier is false",
     action="iam:TagUser", resource=f"arn:aws:iam::{A}:user/bob", context={"aws:TagKeys": []},
     identity=allow_id("iam:TagUser", cond={"StringEquals": {"aws:TagKeys": "team"}}))

# ------------------------------------------------------------------------------------------------
# Policy variables
T = "var"
case(f"{T}-username-home-prefix", "Allowed", f"{VARS}: ${{aws:username}} in Resource resolves to the IAM user's name",
     principal=USER, resource="arn:aws:s3:::data-bucket/home/alice/notes.txt",
     identity=allow_id(resource="arn:aws:s3:::data-bucket/home/${aws:username}/*"))
case(f"{T}-username-other-home", "ImplicitlyDenied", f"{VARS}: ${{aws:username}} resolves to alice, not bob",
     principal=USER, resource="arn:aws:s3:::data-bucket/home/bob/notes.txt",
     identity=allow_id(resource="arn:aws:s3:::data-bucket/home/${aws:username}/*"))
case(f"{T}-default-in-condition-value", "Allowed",
     f"{VARS} 'Specifying default values': `${{aws:PrincipalTag/team, 'none'}}` becomes `none` when the tag is absent",
     context={"s3:prefix": "none"}, identity=allow_id(cond={"StringEquals": {"s3:prefix": "${aws:PrincipalTag/team, 'none'}"}}))
case(f"{T}-principal-tag-in-resource", "Allowed", f"{VARS} 'Tags as policy variables': ${{aws:PrincipalTag/team}} in Resource",
     resource="arn:aws:s3:::data-bucket/ops/x.csv", context={"aws:PrincipalTag/team": "ops"},
     identity=allow_id(resource="arn:aws:s3:::data-bucket/${aws:PrincipalTag/team}/*"))
case(f"{T}-variable-value-wildcard-literal", "ImplicitlyDenied",
     f"{VARS}: a variable's value is substituted as literal text; a `*` in the tag value is not a wildcard",
     resource="arn:aws:s3:::data-bucket/ops/x.csv", context={"aws:PrincipalTag/team": "*"},
     identity=allow_id(resource="arn:aws:s3:::data-bucket/${aws:PrincipalTag/team}/*"))
case(f"{T}-in-stringlike-condition", "Allowed", f"{VARS}: variables work in StringLike condition values (with wildcards around them)",
     principal=USER, context={"s3:prefix": "home/alice/docs"},
     identity=allow_id(cond={"StringLike": {"s3:prefix": "home/${aws:username}/*"}}))
case(f"{T}-in-arn-condition", "Allowed", f"{VARS}/{OPS}: ARN condition operators support policy variables",
     context={"aws:SourceAccount": A, "aws:SourceArn": f"arn:aws:sns:us-east-1:{A}:topic"},
     identity=allow_id(cond={"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:${aws:SourceAccount}:*"}}))

# ------------------------------------------------------------------------------------------------
# Resource element
T = "resource"
case(f"{T}-trailing-star-of-middle-segment-crosses-colon", "Allowed",
     f"{RESOURCE}: 'If the * wildcard is the last character of a resource ARN segment, it can expand to match beyond the colon boundaries' (region segment `*` absorbs region and account)",
     action="sqs:SendMessage", resource=QUEUE_A, identity=allow_id("sqs:SendMessage", "arn:aws:sqs:*:jobs"))
case(f"{T}-inner-star-stays-in-segment", "ImplicitlyDenied",
     f"{RESOURCE}: wildcards work 'within the individual segments of an ARN (the parts separated by colons)'; only a `*` that ends a segment can expand past a colon",
     action="sqs:SendMessage", resource=QUEUE_A, identity=allow_id("sqs:SendMessage", "arn:aws:sqs:u*1:jobs"))
case(f"{T}-question-in-region", "Allowed", f"{RESOURCE}: `?` is any single character inside a segment",
     action="sqs:SendMessage", resource=QUEUE_A, identity=allow_id("sqs:SendMessage", f"arn:aws:sqs:us-east-?:{A}:jobs"))
case(f"{T}-question-does-not-match-colon", "ImplicitlyDenied", f"{RESOURCE}: `?` matches one character within a segment, not the colon between segments",
     action="sqs:SendMessage", resource=QUEUE_A, identity=allow_id("sqs:SendMessage", f"arn:aws:sqs:us-east-1?{A}:jobs"))
case(f"{T}-s3-doc-example-match", "Allowed",
     f"{RESOURCE}: the documented example `amzn-s3-demo-bucket/*/test/*` matches `amzn-s3-demo-bucket/1///test///object.jpg`",
     resource="arn:aws:s3:::amzn-s3-demo-bucket/1///test///object.jpg", identity=allow_id(resource="arn:aws:s3:::amzn-s3-demo-bucket/*/test/*"))
case(f"{T}-s3-doc-example-empty-run", "Allowed",
     f"{RESOURCE}: the documented example `amzn-s3-demo-bucket/*/test/*` matches `amzn-s3-demo-bucket//test/object.jpg`",
     resource="arn:aws:s3:::amzn-s3-demo-bucket//test/object.jpg", identity=allow_id(resource="arn:aws:s3:::amzn-s3-demo-bucket/*/test/*"))
case(f"{T}-s3-doc-example-no-match", "ImplicitlyDenied",
     f"{RESOURCE}: the documented example `amzn-s3-demo-bucket/*/test/*` does not match `amzn-s3-demo-bucket/1-test/object.jpg`",
     resource="arn:aws:s3:::amzn-s3-demo-bucket/1-test/object.jpg", identity=allow_id(resource="arn:aws:s3:::amzn-s3-demo-bucket/*/test/*"))
case(f"{T}-s3-doc-example-no-test-dir", "ImplicitlyDenied",
     f"{RESOURCE}: the documented example `amzn-s3-demo-bucket/*/test/*` does not match `amzn-s3-demo-bucket/1/2/test.jpg`",
     resource="arn:aws:s3:::amzn-s3-demo-bucket/1/2/test.jpg", identity=allow_id(resource="arn:aws:s3:::amzn-s3-demo-bucket/*/test/*"))
case(f"{T}-bucket-arn-not-objects", "ImplicitlyDenied", f"{S3RES}: the bucket ARN does not cover its objects (`bucket/*` does)",
     identity=allow_id(resource=BUCKET))
case(f"{T}-bucket-star-covers-objects", "Allowed", f"{RESOURCE}: `*` at the end expands over `/`, so `data-bucket*` covers the objects",
     identity=allow_id(resource="arn:aws:s3:::data-bucket*"))
case(f"{T}-iam-user-name-case", "ImplicitlyDenied", f"{RESOURCE}: 'In the Resource element, the IAM user name is case sensitive'",
     action="iam:GetUser", resource=f"arn:aws:iam::{A}:user/Bob", identity=allow_id("iam:GetUser", f"arn:aws:iam::{A}:user/bob"))
case(f"{T}-path-wildcard", "Allowed", f"{RESOURCE}: `user/accounting/*` covers every user under the /accounting/ path",
     action="iam:GetUser", resource=f"arn:aws:iam::{A}:user/accounting/bob", identity=allow_id("iam:GetUser", f"arn:aws:iam::{A}:user/accounting/*"))
case(f"{T}-notresource-allow-list", "ImplicitlyDenied", "IAM UG 'IAM JSON policy elements: NotResource': Allow + NotResource does not cover the listed resources",
     identity=[pol(st("Allow", "s3:*", None, not_resource=["arn:aws:s3:::data-bucket/*"]))])

# ------------------------------------------------------------------------------------------------
# Principal element and same-account resource-policy grants
T = "principal"
BND_SQS = pol(st("Allow", "sqs:*", "*"))
bp = lambda principal, **kw: pol(st("Allow", "s3:GetObject", "arn:aws:s3:::data-bucket/*", principal=principal, **kw))
case(f"{T}-star-same-account-boundary-not-limiting", "Allowed",
     f"{PRINC} 'All principals': with `*` and Allow 'For IAM users and role principals within your account, no other permissions are required'; 'IAM role principals': 'Identity-based policy types, such as permissions boundaries or session policies, do not limit permissions granted using the aws:PrincipalArn condition key with a wildcard(*) in the Principal element'",
     principal=SESSION, resource_account=A, resource_policy=bp("*"), boundary=BND_SQS)
case(f"{T}-aws-star-same-account-boundary-not-limiting", "Allowed",
     f"{PRINC}: `{{\"AWS\": \"*\"}}` is equivalent to `\"*\"`; a wildcard-principal grant is not limited by a permissions boundary",
     principal=SESSION, resource_account=A, resource_policy=bp({"AWS": "*"}), boundary=BND_SQS)
case(f"{T}-star-principalarn-boundary-not-limiting", "Allowed",
     f"{PRINC} 'IAM role principals': 'permissions boundaries or session policies, do not limit permissions granted using the aws:PrincipalArn condition key with a wildcard(*) in the Principal element, unless the identity-based policies contain an explicit deny'",
     principal=SESSION, resource_account=A, context={"aws:PrincipalArn": ROLE},
     resource_policy=bp("*", cond={"ArnEquals": {"aws:PrincipalArn": ROLE}}), boundary=BND_SQS)
case(f"{T}-star-principalarn-session-policy-not-limiting", "Allowed",
     f"{PRINC} 'IAM role principals': session policies do not limit a grant made with `*` + aws:PrincipalArn",
     principal=SESSION, resource_account=A, resource_policy=bp("*", cond={"ArnEquals": {"aws:PrincipalArn": ROLE}}),
     session=pol(st("Allow", "sqs:*", "*")))
case(f"{T}-star-boundary-explicit-deny", "ExplicitlyDenied",
     f"{PRINC}: the `*` grant is not limited by other policy types 'unless the identity-based policies contain an explicit deny'",
     principal=SESSION, resource_account=A, resource_policy=bp("*"), boundary=pol(st("Allow", "*", "*"), st("Deny", "s3:GetObject", "*")))
case(f"{T}-role-arn-session-policy-limits", "ImplicitlyDenied",
     f"{PRINC} 'IAM role principals': 'the effective permissions for the principal are limited by any policy types that limit permissions for the role. This includes session policies and permissions boundaries'",
     principal=SESSION, resource_account=A, resource_policy=bp({"AWS": ROLE}), session=pol(st("Allow", "sqs:*", "*")))
case(f"{T}-session-arn-boundary-not-limiting", "Allowed",
     f"{EVAL}: same-account grants to the role session ARN 'are not limited by an implicit deny in an identity-based policy, a permissions boundary, or session policy'",
     principal=SESSION, resource_account=A, resource_policy=bp({"AWS": SESSION}), boundary=BND_SQS, session=pol(st("Allow", "sqs:*", "*")))
case(f"{T}-user-name-case-sensitive", "ImplicitlyDenied", f"{PRINC}: 'In a Principal element, the user name part of the ARN is case sensitive'",
     principal=USER, resource_account=A, resource_policy=bp({"AWS": f"arn:aws:iam::{A}:user/Alice"}))
case(f"{T}-root-arn-and-id-equivalent", "Allowed",
     f"{PRINC}: 'The account ARN and the shortened account ID behave the same way. Both delegate permissions to the account'",
     principal=XSESSION, resource_account=A, resource_policy=bp({"AWS": f"arn:aws:iam::{B}:root"}), identity=allow_id())
case(f"{T}-root-arn-not-only-root", "Allowed",
     f"{PRINC}: 'Using the account ARN in the Principal element does not limit permissions to only the root user of the account'",
     principal=f"arn:aws:iam::{B}:user/carol", resource_account=A, resource_policy=bp({"AWS": f"arn:aws:iam::{B}:root"}), identity=allow_id())
case(f"{T}-account-delegation-needs-identity", "ImplicitlyDenied",
     f"{PRINC}/{XACCT}: an account principal delegates to the account; its administrator must grant the identity access",
     principal=XSESSION, resource_account=A, resource_policy=bp({"AWS": B}))
case(f"{T}-service-array", "Allowed", f"{PRINC} 'AWS service principals': several services as an array of one Service element",
     principal="elasticloadbalancing.amazonaws.com", action="s3:PutObject", resource_account=A,
     resource_policy=pol(st("Allow", "s3:PutObject", "arn:aws:s3:::data-bucket/*", principal={"Service": ["ecs.amazonaws.com", "elasticloadbalancing.amazonaws.com"]})))
case(f"{T}-service-not-covered-by-aws-account", "ImplicitlyDenied",
     f"{PRINC}: a service principal is not an IAM principal of the account named under AWS",
     principal="logging.s3.amazonaws.com", action="s3:PutObject", resource_account=A,
     resource_policy=pol(st("Allow", "s3:PutObject", "*", principal={"AWS": f"arn:aws:iam::{A}:root"})))
case(f"{T}-session-arn-cross-account-needs-identity", "ImplicitlyDenied",
     f"{XACCT}: a resource policy naming the external session ARN is not enough; the principal's own account must allow too",
     principal=XSESSION, resource_account=A, resource_policy=bp({"AWS": XSESSION}))
case(f"{T}-session-arn-cross-account-with-identity", "Allowed",
     f"{XACCT}: resource policy names the external session and its identity policy allows",
     principal=XSESSION, resource_account=A, resource_policy=bp({"AWS": XSESSION}), identity=allow_id())
case(f"{T}-federated-user-session-direct", "Allowed",
     f"{EVAL}: 'resource-based policies that grant permissions to a federated user ARN grant permissions directly to the session' (same account, no identity policy)",
     principal=f"arn:aws:sts::{A}:federated-user/bob", resource_account=A, resource_policy=bp({"AWS": f"arn:aws:sts::{A}:federated-user/bob"}))
case(f"{T}-role-arn-no-boundary-allows", "Allowed",
     f"{EVAL}: same account, a resource policy naming the role grants its sessions without an identity policy",
     principal=SESSION, resource_account=A, resource_policy=bp({"AWS": ROLE}))

# ------------------------------------------------------------------------------------------------
# NotPrincipal
T = "notprincipal"
np_bucket = lambda listed: pol(st("Allow", "s3:GetObject", "*", principal="*"),
                               st("Deny", "s3:*", ["arn:aws:s3:::data-bucket", "arn:aws:s3:::data-bucket/*"], not_principal={"AWS": listed}))
case(f"{T}-session-without-account-denied", "ExplicitlyDenied",
     f"{NOTP}: 'When you use NotPrincipal, you must also specify the account ARN of the not-denied principal. Otherwise, the policy might deny access to the entire account containing the principal' — AWS 'might validate the account first, then the role, and then the assumed-role user'",
     principal=SESSION, resource_account=A, resource_policy=np_bucket([SESSION, ROLE]))
case(f"{T}-session-without-role-denied", "ExplicitlyDenied",
     f"{NOTP}: 'If the NotPrincipal element was missing the ARN of the role, the effect of the policy might be to explicitly deny access to the role'",
     principal=SESSION, resource_account=A, resource_policy=np_bucket([SESSION, f"arn:aws:iam::{A}:root"]))
case(f"{T}-session-role-account-exempt", "Allowed",
     f"{NOTP}: the documented example lists the assumed-role session, the role and the account: the session is exempt",
     principal=XSESSION, resource_account=A, identity=allow_id(),
     resource_policy=np_bucket([XSESSION, XROLE, f"arn:aws:iam::{B}:root"]))
case(f"{T}-user-without-account-denied", "ExplicitlyDenied",
     f"{NOTP}: 'If the NotPrincipal element contained only Bob's ARN, the effect of the policy might be to explicitly deny access to the AWS account that contains the user Bob'",
     principal=USER, resource_account=A, resource_policy=np_bucket([USER]))
case(f"{T}-user-with-account-id-exempt", "Allowed",
     f"{NOTP}/{PRINC}: user ARN plus the account (12-digit form, equivalent to the root ARN) exempts the user",
     principal=USER, resource_account=A, resource_policy=np_bucket([USER, A]))
case(f"{T}-other-account-denied", "ExplicitlyDenied", f"{NOTP}: a principal of another account, not listed, is denied",
     principal=XSESSION, resource_account=A, identity=allow_id(), resource_policy=np_bucket([USER, f"arn:aws:iam::{A}:root"]))

# ------------------------------------------------------------------------------------------------
# Boundaries and session policies
T = "limits"
case(f"{T}-session-policy-deny", "ExplicitlyDenied", f"{SESSPOL}/{EVAL}: an explicit Deny in a session policy overrides any Allow",
     principal=SESSION, identity=allow_id("s3:*"), session=pol(st("Allow", "*", "*"), st("Deny", "s3:GetObject", "*")))
case(f"{T}-session-policy-intersection-allows", "Allowed", f"{SESSPOL}: the session's permissions are the intersection of identity and session policies",
     principal=SESSION, identity=allow_id("s3:*"), session=pol(st("Allow", "s3:Get*", "*")))
case(f"{T}-boundary-resource-deny-wins", "ExplicitlyDenied", f"{BOUND}: 'An explicit deny in any of these policies overrides the allow' (resource policy Deny)",
     principal=USER, resource_account=A, identity=allow_id("s3:*"), boundary=pol(st("Allow", "s3:*", "*")),
     resource_policy=pol(st("Deny", "s3:GetObject", "*", principal={"AWS": USER})))
case(f"{T}-boundary-allows-identity-not", "ImplicitlyDenied", f"{BOUND}: a boundary 'does not provide permissions on its own'",
     principal=USER, boundary=pol(st("Allow", "s3:*", "*")), identity=allow_id("sqs:*"))
case(f"{T}-cross-account-session-arn-boundary-limits", "ImplicitlyDenied",
     f"{XACCT}/{BOUND}: across accounts the identity side (with its boundary) must allow even when the resource policy names the session",
     principal=XSESSION, resource_account=A, identity=allow_id(), boundary=BND_SQS, resource_policy=bp({"AWS": XSESSION}))

# ------------------------------------------------------------------------------------------------
# SCPs / RCPs
T = "org"
FULL = [pol(st("Allow", "*", "*"))]
RFULL = [pol(st("Allow", "*", "*", principal="*"))]  # RCPFullAWSAccess
case(f"{T}-scp-deny-root-user-of-member", "ExplicitlyDenied", f"{SCP}: SCPs affect all users and roles in member accounts, including the root user",
     principal=f"arn:aws:iam::{A}:root", scps=[FULL, [pol(st("Allow", "*", "*"), st("Deny", "s3:*", "*"))]], management=M)
case(f"{T}-scp-principalarn-exemption", "Allowed", f"{SCP}: a Deny with ArnNotLike aws:PrincipalArn spares the admin role",
     principal=f"arn:aws:sts::{A}:assumed-role/admin/s", context={"aws:PrincipalArn": f"arn:aws:iam::{A}:role/admin"}, identity=allow_id("s3:*"),
     scps=[FULL, [pol(st("Allow", "*", "*"), st("Deny", "s3:*", "*", cond={"ArnNotLike": {"aws:PrincipalArn": f"arn:aws:iam::*:role/admin"}}))]])
case(f"{T}-scp-principalarn-others-denied", "ExplicitlyDenied", f"{SCP}: the same Deny applies to the other roles",
     principal=SESSION, identity=allow_id("s3:*"),
     scps=[FULL, [pol(st("Allow", "*", "*"), st("Deny", "s3:*", "*", cond={"ArnNotLike": {"aws:PrincipalArn": f"arn:aws:iam::*:role/admin"}}))]])
case(f"{T}-scp-does-not-limit-external-principal", "Allowed",
     f"{SCP}: SCPs restrict principals of the member accounts they are attached to; the SCPs given apply to the caller's account and allow",
     principal=XSESSION, resource_account=A, identity=allow_id(), resource_policy=bp({"AWS": XROLE}), scps=[FULL])
case(f"{T}-scp-allow-list-missing-service", "ImplicitlyDenied", f"{SCP}: with an allow list, an action no level allows is denied",
     principal=SESSION, identity=allow_id("s3:*"), scps=[FULL, [pol(st("Allow", ["ec2:*", "sqs:*"], "*"))]])
case(f"{T}-rcp-deny-non-tls", "ExplicitlyDenied", f"{RCP}: an RCP Deny on aws:SecureTransport false applies to the member account's resources",
     principal=SESSION, resource_account=A, identity=allow_id(), context={"aws:SecureTransport": "false"},
     rcps=[RFULL, [RFULL[0], pol(st("Deny", "s3:*", "*", principal="*", cond={"BoolIfExists": {"aws:SecureTransport": "false"}}))]])
case(f"{T}-rcp-deny-spares-tls", "Allowed", f"{RCP}: the same RCP spares TLS requests",
     principal=SESSION, resource_account=A, identity=allow_id(), context={"aws:SecureTransport": "true"},
     rcps=[RFULL, [RFULL[0], pol(st("Deny", "s3:*", "*", principal="*", cond={"BoolIfExists": {"aws:SecureTransport": "false"}}))]])

# ------------------------------------------------------------------------------------------------
# KMS
T = "kms"
kp = lambda *stmts: pol(*stmts)
ROOT_A = st("Allow", "kms:*", "*", principal={"AWS": f"arn:aws:iam::{A}:root"})
case(f"{T}-encryption-context-match", "Allowed", f"{KMSCTX}: a key policy grant conditioned on kms:EncryptionContext:aws:s3:arn",
     action="kms:Decrypt", resource=KEY_A, context={"kms:EncryptionContext:aws:s3:arn": BUCKET},
     resource_policy=kp(st("Allow", "kms:Decrypt", "*", principal={"AWS": ROLE}, cond={"StringEquals": {"kms:EncryptionContext:aws:s3:arn": BUCKET}})))
case(f"{T}-encryption-context-other-bucket", "ImplicitlyDenied", f"{KMSCTX}: another bucket's encryption context does not match",
     action="kms:Decrypt", resource=KEY_A, context={"kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::other"},
     resource_policy=kp(st("Allow", "kms:Decrypt", "*", principal={"AWS": ROLE}, cond={"StringEquals": {"kms:EncryptionContext:aws:s3:arn": BUCKET}})))
case(f"{T}-role-grant-boundary-limits", "ImplicitlyDenied", f"{KMS}/{EVAL}: a key policy grant to the role ARN is limited by the role's permissions boundary",
     action="kms:Decrypt", resource=KEY_A, resource_policy=kp(st("Allow", "kms:Decrypt", "*", principal={"AWS": ROLE})), boundary=BND_SQS)
case(f"{T}-calleraccount-other-account", "ImplicitlyDenied", f"{KMS}: `*` + kms:CallerAccount limits the grant to the named account",
     principal=XSESSION, action="kms:Decrypt", resource=KEY_A, identity=allow_id("kms:Decrypt"), context={"kms:CallerAccount": B},
     resource_policy=kp(st("Allow", "kms:Decrypt", "*", principal={"AWS": "*"}, cond={"StringEquals": {"kms:CallerAccount": A}})))
case(f"{T}-cross-account-star-with-identity", "Allowed",
     "KMS DG 'Allowing users in other accounts to use a KMS key': the key policy allows the external account (here via `*` + kms:CallerAccount) and the external identity policy allows",
     principal=XSESSION, action="kms:Decrypt", resource=KEY_A, identity=allow_id("kms:Decrypt"), context={"kms:CallerAccount": B},
     resource_policy=kp(ROOT_A, st("Allow", "kms:Decrypt", "*", principal={"AWS": "*"}, cond={"StringEquals": {"kms:CallerAccount": B}})))
case(f"{T}-delegation-iam-deny", "ExplicitlyDenied", f"{KMS}: delegation to the account plus an identity Deny",
     action="kms:Decrypt", resource=KEY_A, resource_policy=kp(ROOT_A),
     identity=[pol(st("Allow", "kms:*", "*"), st("Deny", "kms:Decrypt", "*"))])
case(f"{T}-viaservice-other-service", "ImplicitlyDenied", "KMS DG 'kms:ViaService': a grant for requests via S3 does not cover requests via another service",
     action="kms:Decrypt", resource=KEY_A, context={"kms:ViaService": "sqs.us-east-1.amazonaws.com"},
     resource_policy=kp(st("Allow", "kms:Decrypt", "*", principal={"AWS": ROLE}, cond={"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}})))

# ------------------------------------------------------------------------------------------------
# Actions
T = "action"
case(f"{T}-wildcard-case-insensitive", "Allowed", "IAM UG 'IAM JSON policy elements: Action': action names are case-insensitive, wildcards included",
     identity=allow_id("S3:get*OBJECT"))
case(f"{T}-notaction-deny-other-service", "ExplicitlyDenied", "IAM UG 'IAM JSON policy elements: NotAction': Deny + NotAction iam:* denies every non-IAM action",
     identity=[pol(st("Allow", "*", "*"), st("Deny", None, "*", not_action=["iam:*"]))])

# ------------------------------------------------------------------------------------------------
for old in glob.glob(os.path.join(OUT, "audit-*.json")):
    os.remove(old)
seen = set()
for name, c in cases:
    assert name not in seen, name
    seen.add(name)
    with open(os.path.join(OUT, f"{name}.json"), "w") as f:
        json.dump(c, f, indent=2, ensure_ascii=True)
        f.write("\n")
print(f"wrote {len(cases)} audit cases to {OUT}")
