#!/usr/bin/env python3
"""Writes the decision corpus: one JSON file per case, in the `trustlint simulate` request format plus
`expected` (Allowed | ImplicitlyDenied | ExplicitlyDenied | Depends) and `why` (the documented rule).

Every case is hand-written below from the AWS documentation cited in its `why`; the script only removes
the boilerplate (account ids, policy wrappers). Re-run after editing: python3 tests/eval_corpus/generate.py
"""
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cases")

A = "111111111111"  # the principal's account
B = "222222222222"  # another account (resource owner in cross-account cases)
M = "999999999999"  # the organization's management account
ROLE = f"arn:aws:iam::{A}:role/app"
SESSION = f"arn:aws:sts::{A}:assumed-role/app/worker"
USER = f"arn:aws:iam::{A}:user/alice"
BUCKET = "arn:aws:s3:::data-bucket"
OBJ = "arn:aws:s3:::data-bucket/reports/2024/q1.csv"
KEY_A = f"arn:aws:kms:us-east-1:{A}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
KEY_B = f"arn:aws:kms:us-east-1:{B}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
QUEUE_A = f"arn:aws:sqs:us-east-1:{A}:jobs"
QUEUE_B = f"arn:aws:sqs:us-east-1:{B}:jobs"

EVAL = "IAM UG 'Policy evaluation logic'"
SINGLE = "IAM UG 'Policy evaluation for requests within a single account'"
XACCT = "IAM UG 'Cross-account policy evaluation logic'"
OPS = "IAM UG 'IAM JSON policy elements: Condition operators'"
COND = "IAM UG 'IAM JSON policy elements: Condition'"
MULTI = "IAM UG 'Set operators for multivalued context keys'"
VARS = "IAM UG 'IAM policy elements: Variables and tags'"
ACTION = "IAM UG 'IAM JSON policy elements: Action'"
NOTACTION = "IAM UG 'IAM JSON policy elements: NotAction'"
RESOURCE = "IAM UG 'IAM JSON policy elements: Resource'"
NOTRESOURCE = "IAM UG 'IAM JSON policy elements: NotResource'"
PRINC = "IAM UG 'AWS JSON policy elements: Principal'"
NOTP = "IAM UG 'AWS JSON policy elements: NotPrincipal'"
BOUND = "IAM UG 'Permissions boundaries for IAM entities'"
SESSPOL = "IAM UG 'Session policies'"
SCP = "Organizations UG 'Service control policies (SCPs)'"
RCP = "Organizations UG 'Resource control policies (RCPs)'"
KMS = "KMS DG 'Default key policy' / 'Key policies in AWS KMS'"
KMSX = "KMS DG 'Allowing users in other accounts to use a KMS key'"
TRUST = "IAM UG 'Roles terms and concepts' (trust policy) and 'Granting a user permissions to switch roles'"

cases = []


def st(effect="Allow", action="s3:GetObject", resource="*", sid=None, **kw):
    s = {}
    if sid:
        s["Sid"] = sid
    s["Effect"] = effect
    for k in ("principal", "not_principal"):
        if k in kw:
            s["Principal" if k == "principal" else "NotPrincipal"] = kw.pop(k)
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
    p = {}
    if version:
        p["Version"] = version
    p["Statement"] = list(stmts)
    return p


def case(name, expected, why, principal=ROLE, action="s3:GetObject", resource=OBJ, context=None,
         identity=None, resource_policy=None, boundary=None, session=None, scps=None, rcps=None,
         resource_account=None, management=None, principal_account=None, resource_type=None):
    req = {"principal": principal, "action": action, "resource": resource}
    if resource_account:
        req["resourceAccount"] = resource_account
    if principal_account:
        req["principalAccount"] = principal_account
    if resource_type:
        req["resourceType"] = resource_type
    if context:
        req["context"] = context
    c = {"why": why, "expected": expected, "request": req}
    if identity is not None:
        c["identityPolicies"] = identity
    if resource_policy is not None:
        c["resourcePolicy"] = resource_policy
    if boundary is not None:
        c["permissionBoundary"] = boundary
    if session is not None:
        c["sessionPolicy"] = session
    if scps is not None:
        c["scps"] = scps
    if rcps is not None:
        c["rcps"] = rcps
    if management:
        c["organization"] = {"managementAccount": management}
    cases.append((name, c))


def allow_id(action="s3:GetObject", resource="*", **kw):
    return [pol(st("Allow", action, resource, **kw))]


# ------------------------------------------------------------------------------------------------
# 1. Action matching
fam = "action"
case(f"{fam}-exact", "Allowed", f"{ACTION}: the request's action is listed", identity=allow_id("s3:GetObject"))
case(f"{fam}-case-insensitive", "Allowed", f"{ACTION}: action names are case-insensitive",
     identity=allow_id("S3:getobject"))
case(f"{fam}-prefix-wildcard", "Allowed", f"{ACTION}: `*` matches any run of characters in the action",
     identity=allow_id("s3:Get*"))
case(f"{fam}-inner-wildcard", "Allowed", f"{ACTION}: wildcards may appear anywhere in the action name",
     identity=allow_id("s3:*Object"))
case(f"{fam}-question-mark", "Allowed", f"{ACTION}: `?` matches exactly one character",
     identity=allow_id("s3:GetObjec?"))
case(f"{fam}-question-mark-one-char-only", "ImplicitlyDenied", f"{ACTION}: `?` matches one character, not two",
     identity=allow_id("s3:GetObje?"))
case(f"{fam}-star-all", "Allowed", f"{ACTION}: `*` alone is every action of every service", identity=allow_id("*"))
case(f"{fam}-service-star", "Allowed", f"{ACTION}: `s3:*` covers every S3 action", identity=allow_id("s3:*"))
case(f"{fam}-other-service", "ImplicitlyDenied", f"{ACTION}: `sqs:*` does not cover an S3 action; {EVAL}: no Allow = implicit deny",
     identity=allow_id("sqs:*"))
case(f"{fam}-list-any", "Allowed", f"{ACTION}: a list of actions matches when any entry matches",
     identity=allow_id(["s3:PutObject", "s3:GetObject"]))
case(f"{fam}-prefix-not-substring", "ImplicitlyDenied", f"{ACTION}: `s3:Get` without wildcard matches only that exact name",
     identity=allow_id("s3:Get"))
case(f"{fam}-notaction-allow-other", "Allowed", f"{NOTACTION}: Allow with NotAction allows every action not listed",
     identity=[pol(st("Allow", None, "*", not_action="iam:*"))])
case(f"{fam}-notaction-allow-listed", "ImplicitlyDenied", f"{NOTACTION}: a listed action is not matched by the statement",
     identity=[pol(st("Allow", None, "*", not_action=["s3:*", "iam:*"]))])
case(f"{fam}-notaction-deny-blocks-others", "ExplicitlyDenied", f"{NOTACTION}: Deny with NotAction denies every action not listed; {EVAL}: explicit deny wins",
     identity=[pol(st("Allow", "*", "*"), st("Deny", None, "*", not_action="iam:*"))])
case(f"{fam}-notaction-deny-spares-listed", "Allowed", f"{NOTACTION}: the listed actions escape the Deny; the Allow applies",
     identity=[pol(st("Allow", "*", "*"), st("Deny", None, "*", not_action=["s3:Get*"]))])
case(f"{fam}-notaction-case-insensitive", "ImplicitlyDenied", f"{NOTACTION}/{ACTION}: NotAction entries also match case-insensitively",
     identity=[pol(st("Allow", None, "*", not_action="S3:GETOBJECT"))])

# ------------------------------------------------------------------------------------------------
# 2. Resource matching
fam = "resource"
case(f"{fam}-exact", "Allowed", f"{RESOURCE}: the ARN is listed", identity=allow_id(resource=OBJ))
case(f"{fam}-case-sensitive", "ImplicitlyDenied", f"{RESOURCE}: resource ARNs are case-sensitive",
     identity=allow_id(resource="arn:aws:s3:::DATA-bucket/reports/2024/q1.csv"))
case(f"{fam}-star-crosses-slash", "Allowed", f"{RESOURCE}: `*` expands over everything in the segment, `/` included",
     identity=allow_id(resource="arn:aws:s3:::data-bucket/*"))
case(f"{fam}-objects-pattern-not-bucket", "ImplicitlyDenied", f"{RESOURCE}: `bucket/*` names objects, not the bucket itself",
     action="s3:ListBucket", resource=BUCKET, identity=allow_id("s3:ListBucket", "arn:aws:s3:::data-bucket/*"))
case(f"{fam}-inner-star", "Allowed", f"{RESOURCE}: wildcards inside the resource segment",
     identity=allow_id(resource="arn:aws:s3:::data-bucket/reports/*/q1.csv"))
case(f"{fam}-question-mark", "Allowed", f"{RESOURCE}: `?` matches one character",
     identity=allow_id(resource="arn:aws:s3:::data-bucket/reports/202?/q1.csv"))
case(f"{fam}-question-mark-too-short", "ImplicitlyDenied", f"{RESOURCE}: `?` matches exactly one character",
     identity=allow_id(resource="arn:aws:s3:::data-bucket/reports/20?/q1.csv"))
case(f"{fam}-region-segment-star", "Allowed", f"{RESOURCE}: a `*` segment matches any region",
     action="sqs:SendMessage", resource=QUEUE_A, identity=allow_id("sqs:SendMessage", f"arn:aws:sqs:*:{A}:jobs"))
case(f"{fam}-segment-star-does-not-cross-colon", "ImplicitlyDenied", f"{RESOURCE}: wildcards are matched within a colon-separated segment: `us-*` is a region pattern",
     action="sqs:SendMessage", resource=f"arn:aws:sqs:eu-west-1:{A}:jobs", identity=allow_id("sqs:SendMessage", f"arn:aws:sqs:us-*:{A}:jobs"))
case(f"{fam}-account-mismatch", "ImplicitlyDenied", f"{RESOURCE}: the account segment must match",
     action="sqs:SendMessage", resource=QUEUE_A, identity=allow_id("sqs:SendMessage", f"arn:aws:sqs:us-east-1:{B}:jobs"))
case(f"{fam}-trailing-star-expands", "Allowed", f"{RESOURCE}: a `*` ending the last segment may expand past colons",
     action="logs:PutLogEvents", resource=f"arn:aws:logs:us-east-1:{A}:log-group:app:log-stream:x",
     identity=allow_id("logs:PutLogEvents", "arn:aws:logs:*"))
case(f"{fam}-star", "Allowed", f"{RESOURCE}: `\"Resource\": \"*\"` is every resource", identity=allow_id(resource="*"))
case(f"{fam}-list", "Allowed", f"{RESOURCE}: a list matches when any entry does",
     identity=allow_id(resource=["arn:aws:s3:::other/*", "arn:aws:s3:::data-bucket/*"]))
case(f"{fam}-notresource-allow-other", "Allowed", f"{NOTRESOURCE}: Allow with NotResource matches every resource not listed",
     identity=[pol(st("Allow", "s3:GetObject", None, not_resource="arn:aws:s3:::secret/*"))])
case(f"{fam}-notresource-listed", "ImplicitlyDenied", f"{NOTRESOURCE}: a listed resource is not matched",
     identity=[pol(st("Allow", "s3:GetObject", None, not_resource="arn:aws:s3:::data-bucket/*"))])
case(f"{fam}-notresource-deny", "ExplicitlyDenied", f"{NOTRESOURCE}: Deny with NotResource denies every resource outside the list",
     identity=[pol(st("Allow", "s3:*", "*"), st("Deny", "s3:*", None, not_resource="arn:aws:s3:::other-bucket/*"))])
case(f"{fam}-notresource-deny-spares", "Allowed", f"{NOTRESOURCE}: resources in the list escape the Deny",
     identity=[pol(st("Allow", "s3:*", "*"), st("Deny", "s3:*", None, not_resource=["arn:aws:s3:::data-bucket", "arn:aws:s3:::data-bucket/*"]))])
case(f"{fam}-missing-element", "ImplicitlyDenied", f"{RESOURCE}: a statement needs Resource or NotResource; without it (outside trust policies) it grants nothing",
     identity=[pol(st("Allow", "s3:GetObject", None))])

# ------------------------------------------------------------------------------------------------
# 3. Condition operators
fam = "cond"


def cond_case(slug, expected, why, cond, context=None, effect="Allow", version="2012-10-17", principal=ROLE, resource="*"):
    if effect == "Allow":
        identity = [pol(st("Allow", "s3:GetObject", resource, cond=cond), version=version)]
    else:
        identity = [pol(st("Allow", "s3:GetObject", "*"), st("Deny", "s3:GetObject", resource, cond=cond), version=version)]
    case(f"{fam}-{slug}", expected, why, principal=principal, context=context, identity=identity)


SV = "aws:SourceVpce"
cond_case("stringequals-match", "Allowed", f"{OPS}: StringEquals, exact match", {"StringEquals": {SV: "vpce-1"}}, {SV: "vpce-1"})
cond_case("stringequals-case", "ImplicitlyDenied", f"{OPS}: StringEquals is case-sensitive", {"StringEquals": {SV: "VPCE-1"}}, {SV: "vpce-1"})
cond_case("stringequals-any-value", "Allowed", f"{COND}: several values for one key are ORed", {"StringEquals": {SV: ["vpce-0", "vpce-1"]}}, {SV: "vpce-1"})
cond_case("stringequals-missing-key", "ImplicitlyDenied", f"{COND}: a key absent from the request context does not match a positive operator", {"StringEquals": {SV: "vpce-1"}})
cond_case("stringequals-no-wildcard", "ImplicitlyDenied", f"{OPS}: StringEquals treats `*` literally", {"StringEquals": {SV: "vpce-*"}}, {SV: "vpce-1"})
cond_case("key-name-case-insensitive", "Allowed", f"{COND}: condition key names are case-insensitive", {"StringEquals": {"AWS:SOURCEVPCE": "vpce-1"}}, {SV: "vpce-1"})
cond_case("stringnotequals-other", "Allowed", f"{OPS}: StringNotEquals holds for a different value", {"StringNotEquals": {SV: "vpce-9"}}, {SV: "vpce-1"})
cond_case("stringnotequals-same", "ImplicitlyDenied", f"{OPS}: StringNotEquals fails for an equal value", {"StringNotEquals": {SV: "vpce-1"}}, {SV: "vpce-1"})
cond_case("stringnotequals-values-anded", "ImplicitlyDenied", f"{COND}: a negated operator with several values must match none of them", {"StringNotEquals": {SV: ["vpce-0", "vpce-1"]}}, {SV: "vpce-1"})
cond_case("stringnotequals-missing-key", "Allowed", f"{COND}: a negated operator is true when the key is absent", {"StringNotEquals": {SV: "vpce-1"}})
cond_case("stringequalsignorecase", "Allowed", f"{OPS}: StringEqualsIgnoreCase ignores case", {"StringEqualsIgnoreCase": {"aws:PrincipalTag/team": "Data"}}, {"aws:PrincipalTag/team": "DATA"})
cond_case("stringequalsignorecase-mismatch", "ImplicitlyDenied", f"{OPS}: StringEqualsIgnoreCase still compares the letters", {"StringEqualsIgnoreCase": {"aws:PrincipalTag/team": "ops"}}, {"aws:PrincipalTag/team": "DATA"})
cond_case("stringnotequalsignorecase", "ImplicitlyDenied", f"{OPS}: StringNotEqualsIgnoreCase fails for a case-variant of the value", {"StringNotEqualsIgnoreCase": {"aws:PrincipalTag/team": "data"}}, {"aws:PrincipalTag/team": "Data"})
cond_case("stringnotequalsignorecase-other", "Allowed", f"{OPS}: StringNotEqualsIgnoreCase holds for another value", {"StringNotEqualsIgnoreCase": {"aws:PrincipalTag/team": "ops"}}, {"aws:PrincipalTag/team": "Data"})
cond_case("stringlike-star", "Allowed", f"{OPS}: StringLike supports `*`", {"StringLike": {"s3:prefix": "home/*"}}, {"s3:prefix": "home/alice/docs"})
cond_case("stringlike-question", "Allowed", f"{OPS}: StringLike supports `?`", {"StringLike": {"s3:prefix": "v?"}}, {"s3:prefix": "v2"})
cond_case("stringlike-case", "ImplicitlyDenied", f"{OPS}: StringLike is case-sensitive", {"StringLike": {"s3:prefix": "Home/*"}}, {"s3:prefix": "home/alice"})
cond_case("stringlike-mismatch", "ImplicitlyDenied", f"{OPS}: StringLike pattern must cover the whole value", {"StringLike": {"s3:prefix": "home/*"}}, {"s3:prefix": "tmp/home/x"})
cond_case("stringnotlike", "Allowed", f"{OPS}: StringNotLike holds when no pattern matches", {"StringNotLike": {"s3:prefix": ["tmp/*", "logs/*"]}}, {"s3:prefix": "home/a"})
cond_case("stringnotlike-matches", "ImplicitlyDenied", f"{OPS}: StringNotLike fails when a pattern matches", {"StringNotLike": {"s3:prefix": ["tmp/*", "home/*"]}}, {"s3:prefix": "home/a"})
N = "s3:max-keys"
cond_case("numericequals", "Allowed", f"{OPS}: NumericEquals", {"NumericEquals": {N: "10"}}, {N: "10"})
cond_case("numericequals-decimal", "Allowed", f"{OPS}: numeric comparison, not text: 10 equals 10.0", {"NumericEquals": {N: "10.0"}}, {N: "10"})
cond_case("numericnotequals", "Allowed", f"{OPS}: NumericNotEquals", {"NumericNotEquals": {N: "10"}}, {N: "11"})
cond_case("numericnotequals-equal", "ImplicitlyDenied", f"{OPS}: NumericNotEquals fails on equality", {"NumericNotEquals": {N: "10"}}, {N: "10"})
cond_case("numericlessthan", "Allowed", f"{OPS}: NumericLessThan: request value < policy value", {"NumericLessThan": {N: "10"}}, {N: "9"})
cond_case("numericlessthan-equal", "ImplicitlyDenied", f"{OPS}: NumericLessThan is strict", {"NumericLessThan": {N: "10"}}, {N: "10"})
cond_case("numericlessthanequals", "Allowed", f"{OPS}: NumericLessThanEquals includes equality", {"NumericLessThanEquals": {N: "10"}}, {N: "10"})
cond_case("numericgreaterthan", "Allowed", f"{OPS}: NumericGreaterThan", {"NumericGreaterThan": {N: "10"}}, {N: "100"})
cond_case("numericgreaterthan-text-order", "ImplicitlyDenied", f"{OPS}: numbers compare numerically (9 < 10 although '9' > '10' as text)", {"NumericGreaterThan": {N: "10"}}, {N: "9"})
cond_case("numericgreaterthanequals", "Allowed", f"{OPS}: NumericGreaterThanEquals", {"NumericGreaterThanEquals": {N: "10"}}, {N: "10"})
cond_case("numeric-bad-policy-value", "ImplicitlyDenied", f"{OPS}: a policy value that is not a number never matches (POL-COND-VALUES)", {"NumericLessThan": {N: "ten"}}, {N: "9"})
cond_case("numeric-bad-request-value", "ImplicitlyDenied", f"{OPS}: a request value that is not a number does not match", {"NumericLessThan": {N: "10"}}, {N: "many"})
cond_case("numeric-json-number", "Allowed", f"{OPS}: numeric values may be written as JSON numbers", {"NumericLessThanEquals": {N: 100}}, {N: "50"})
D = "aws:CurrentTime"
cond_case("datelessthan-iso", "Allowed", f"{OPS}: DateLessThan with ISO 8601 dates", {"DateLessThan": {D: "2030-01-01T00:00:00Z"}}, {D: "2024-06-01T12:00:00Z"})
cond_case("datelessthan-past", "ImplicitlyDenied", f"{OPS}: DateLessThan fails after the date", {"DateLessThan": {D: "2020-01-01T00:00:00Z"}}, {D: "2024-06-01T12:00:00Z"})
cond_case("dategreaterthan-epoch", "Allowed", f"{OPS}: dates may be epoch seconds", {"DateGreaterThan": {D: "1577836800"}}, {D: "2024-06-01T12:00:00Z"})
cond_case("dateequals-offset", "Allowed", f"{OPS}: ISO 8601 with an offset denotes the same instant", {"DateEquals": {D: "2024-06-01T14:00:00+02:00"}}, {D: "2024-06-01T12:00:00Z"})
cond_case("datenotequals", "Allowed", f"{OPS}: DateNotEquals", {"DateNotEquals": {D: "2024-06-02T00:00:00Z"}}, {D: "2024-06-01T12:00:00Z"})
cond_case("datelessthanequals-date-only", "Allowed", f"{OPS}: a date without time is midnight UTC", {"DateLessThanEquals": {D: "2024-06-01"}}, {D: "2024-06-01T00:00:00Z"})
cond_case("dategreaterthanequals", "ImplicitlyDenied", f"{OPS}: DateGreaterThanEquals fails before the date", {"DateGreaterThanEquals": {D: "2025-01-01T00:00:00Z"}}, {D: "2024-06-01T12:00:00Z"})
cond_case("date-bad-value", "ImplicitlyDenied", f"{OPS}: a policy date that is not ISO 8601 or epoch never matches (POL-COND-VALUES)", {"DateLessThan": {D: "next year"}}, {D: "2024-06-01T12:00:00Z"})
cond_case("date-bad-value-in-deny", "Allowed", f"{OPS}: an unparsable value makes the condition not match, so the Deny does not apply", {"DateGreaterThan": {D: "2024-13-45"}}, {D: "2024-06-01T12:00:00Z"}, effect="Deny")
MFA = "aws:MultiFactorAuthPresent"
cond_case("bool-true", "Allowed", f"{OPS}: Bool", {"Bool": {MFA: "true"}}, {MFA: "true"})
cond_case("bool-json-boolean", "Allowed", f"{OPS}: Bool values may be JSON booleans", {"Bool": {MFA: True}}, {MFA: True})
cond_case("bool-false-vs-true", "ImplicitlyDenied", f"{OPS}: Bool must equal", {"Bool": {MFA: "true"}}, {MFA: "false"})
cond_case("bool-missing-key", "ImplicitlyDenied", f"{OPS}/{COND}: MFA key absent (long-term keys) does not satisfy Bool true", {"Bool": {MFA: "true"}})
cond_case("bool-deny-false-missing-key", "Allowed", f"{OPS}: `Bool false` does not match an absent key, so a Deny on it misses requests without the key (use BoolIfExists)", {"Bool": {MFA: "false"}}, effect="Deny")
cond_case("boolifexists-deny-missing-key", "ExplicitlyDenied", f"{OPS}: BoolIfExists is true when the key is absent, so the Deny applies", {"BoolIfExists": {MFA: "false"}}, effect="Deny")
cond_case("securetransport-deny", "ExplicitlyDenied", f"{OPS}: the usual `aws:SecureTransport false` Deny applies to plain HTTP", {"Bool": {"aws:SecureTransport": "false"}}, {"aws:SecureTransport": "false"}, effect="Deny")
cond_case("binaryequals", "Allowed", f"{OPS}: BinaryEquals compares base64 values", {"BinaryEquals": {"app:blob": "QmluYXJ5VmFsdWU="}}, {"app:blob": "QmluYXJ5VmFsdWU="})
cond_case("binaryequals-mismatch", "ImplicitlyDenied", f"{OPS}: BinaryEquals byte-for-byte", {"BinaryEquals": {"app:blob": "QmluYXJ5VmFsdWU="}}, {"app:blob": "T3RoZXI="})
IP = "aws:SourceIp"
cond_case("ipaddress-v4", "Allowed", f"{OPS}: IpAddress with an IPv4 CIDR", {"IpAddress": {IP: "203.0.113.0/24"}}, {IP: "203.0.113.9"})
cond_case("ipaddress-v4-outside", "ImplicitlyDenied", f"{OPS}: IpAddress outside the range", {"IpAddress": {IP: "203.0.113.0/24"}}, {IP: "198.51.100.9"})
cond_case("ipaddress-bare", "Allowed", f"{OPS}: an address without a prefix length is a single host (/32)", {"IpAddress": {IP: "203.0.113.9"}}, {IP: "203.0.113.9"})
cond_case("ipaddress-v6", "Allowed", f"{OPS}: IpAddress with IPv6 CIDRs", {"IpAddress": {IP: "2001:db8::/32"}}, {IP: "2001:db8:1234::1"})
cond_case("ipaddress-v6-list", "Allowed", f"{OPS}: IPv4 and IPv6 ranges in one list are ORed", {"IpAddress": {IP: ["203.0.113.0/24", "2001:db8::/32"]}}, {IP: "2001:db8::5"})
cond_case("notipaddress", "Allowed", f"{OPS}: NotIpAddress holds outside the range", {"NotIpAddress": {IP: "10.0.0.0/8"}}, {IP: "203.0.113.9"})
cond_case("notipaddress-deny-inside", "Allowed", f"{OPS}: the Deny on NotIpAddress does not apply from inside the range", {"NotIpAddress": {IP: ["192.0.2.0/24", "203.0.113.0/24"]}}, {IP: "203.0.113.9"}, effect="Deny")
cond_case("notipaddress-deny-outside", "ExplicitlyDenied", f"{OPS}: NotIpAddress with several ranges: outside all of them the Deny applies", {"NotIpAddress": {IP: ["192.0.2.0/24", "203.0.113.0/24"]}}, {IP: "198.51.100.1"}, effect="Deny")
cond_case("ipaddress-bad-cidr", "ImplicitlyDenied", f"{OPS}: a malformed CIDR never matches (POL-COND-VALUES)", {"IpAddress": {IP: "203.0.113.0/33"}}, {IP: "203.0.113.9"})
PA = "aws:PrincipalArn"
cond_case("arnequals", "Allowed", f"{OPS}: ArnEquals", {"ArnEquals": {"aws:SourceArn": f"arn:aws:s3:::src-bucket"}}, {"aws:SourceArn": "arn:aws:s3:::src-bucket"})
cond_case("arnlike-wildcard", "Allowed", f"{OPS}: ArnLike with wildcards per ARN component", {"ArnLike": {PA: "arn:aws:iam::*:role/app"}}, {PA: ROLE})
cond_case("arnlike-case", "ImplicitlyDenied", f"{OPS}: ARN operators are case-sensitive", {"ArnLike": {PA: "arn:aws:iam::*:role/APP"}}, {PA: ROLE})
cond_case("arnnotequals", "Allowed", f"{OPS}: ArnNotEquals holds for another ARN", {"ArnNotEquals": {PA: f"arn:aws:iam::{A}:role/admin"}}, {PA: ROLE})
cond_case("arnnotlike-deny-exempts", "Allowed", f"{NOTP} (recommended alternative): Deny + ArnNotLike aws:PrincipalArn exempts the matching role", {"ArnNotLike": {PA: f"arn:aws:iam::{A}:role/app*"}}, effect="Deny")
cond_case("arnnotlike-deny-others", "ExplicitlyDenied", f"{OPS}: Deny + ArnNotLike applies to principals not matching", {"ArnNotLike": {PA: f"arn:aws:iam::{A}:role/admin*"}}, effect="Deny")
cond_case("arnlike-not-an-arn", "ImplicitlyDenied", f"{OPS}: an ARN operator does not match a value that is not an ARN", {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::*"}}, {"aws:SourceArn": "src-bucket"})
cond_case("null-true-absent", "Allowed", f"{OPS}: Null true holds when the key is absent", {"Null": {"aws:TokenIssueTime": "true"}})
cond_case("null-true-present", "ImplicitlyDenied", f"{OPS}: Null true fails when the key is present", {"Null": {"aws:TokenIssueTime": "true"}}, {"aws:TokenIssueTime": "2024-06-01T12:00:00Z"})
cond_case("null-false-present", "Allowed", f"{OPS}: Null false holds when the key is present", {"Null": {"aws:TokenIssueTime": "false"}}, {"aws:TokenIssueTime": "2024-06-01T12:00:00Z"})
cond_case("null-deny-untagged", "ExplicitlyDenied", f"{OPS}: Deny with Null true catches requests missing the tag", {"Null": {"aws:RequestTag/cost-center": "true"}}, effect="Deny")
cond_case("stringequalsifexists-absent", "Allowed", f"{OPS}: ...IfExists is true when the key is absent", {"StringEqualsIfExists": {"ec2:InstanceType": "t3.micro"}})
cond_case("stringequalsifexists-present-mismatch", "ImplicitlyDenied", f"{OPS}: ...IfExists still compares a present key", {"StringEqualsIfExists": {"ec2:InstanceType": "t3.micro"}}, {"ec2:InstanceType": "m5.large"})
cond_case("stringnotequalsifexists-deny-absent", "ExplicitlyDenied", f"{OPS}: a Deny with StringNotEqualsIfExists applies when the key is absent (POL-IFEXISTS-NEGATED-DENY)", {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-abc"}}, effect="Deny")
cond_case("numericlessthanifexists-present", "Allowed", f"{OPS}: IfExists on Numeric operators", {"NumericLessThanIfExists": {N: "100"}}, {N: "5"})
cond_case("ipaddressifexists-absent", "Allowed", f"{OPS}: IpAddressIfExists when the key is absent", {"IpAddressIfExists": {IP: "10.0.0.0/8"}})
cond_case("two-keys-anded", "ImplicitlyDenied", f"{COND}: several keys under one operator are ANDed", {"StringEquals": {SV: "vpce-1", "aws:SourceVpc": "vpc-1"}}, {SV: "vpce-1", "aws:SourceVpc": "vpc-2"})
cond_case("two-keys-both", "Allowed", f"{COND}: every key under an operator must hold", {"StringEquals": {SV: "vpce-1", "aws:SourceVpc": "vpc-1"}}, {SV: "vpce-1", "aws:SourceVpc": "vpc-1"})
cond_case("two-operators-anded", "ImplicitlyDenied", f"{COND}: several operators are ANDed", {"StringEquals": {SV: "vpce-1"}, "Bool": {MFA: "true"}}, {SV: "vpce-1", MFA: "false"})
cond_case("two-operators-both", "Allowed", f"{COND}: every operator block must hold", {"StringEquals": {SV: "vpce-1"}, "Bool": {MFA: "true"}}, {SV: "vpce-1", MFA: "true"})
cond_case("unknown-operator", "ImplicitlyDenied", f"{OPS}: an operator IAM does not know never matches (POL-COND-OPERATOR)", {"StringEqual": {SV: "vpce-1"}}, {SV: "vpce-1"})
TK = "aws:TagKeys"
cond_case("foranyvalue-match", "Allowed", f"{MULTI}: ForAnyValue holds if any request value matches", {"ForAnyValue:StringEquals": {TK: ["env", "team"]}}, {TK: ["owner", "team"]})
cond_case("foranyvalue-none", "ImplicitlyDenied", f"{MULTI}: ForAnyValue fails if no request value matches", {"ForAnyValue:StringEquals": {TK: ["env", "team"]}}, {TK: ["owner"]})
cond_case("foranyvalue-empty-set", "ImplicitlyDenied", f"{MULTI}: ForAnyValue is false on an empty set", {"ForAnyValue:StringEquals": {TK: ["env"]}}, {TK: []})
cond_case("foranyvalue-absent", "ImplicitlyDenied", f"{MULTI}: ForAnyValue is false when the key is absent", {"ForAnyValue:StringEquals": {TK: ["env"]}})
cond_case("forallvalues-subset", "Allowed", f"{MULTI}: ForAllValues holds if every request value is in the policy set", {"ForAllValues:StringEquals": {TK: ["env", "team", "owner"]}}, {TK: ["env", "team"]})
cond_case("forallvalues-outsider", "ImplicitlyDenied", f"{MULTI}: ForAllValues fails if one request value is outside the set", {"ForAllValues:StringEquals": {TK: ["env", "team"]}}, {TK: ["env", "secret"]})
cond_case("forallvalues-empty-set", "Allowed", f"{MULTI}: ForAllValues is true on an empty set (POL-FORALLVALUES-ALLOW)", {"ForAllValues:StringEquals": {TK: ["env"]}}, {TK: []})
cond_case("forallvalues-absent", "Allowed", f"{MULTI}: ForAllValues is true when the key is absent (POL-FORALLVALUES-ALLOW)", {"ForAllValues:StringEquals": {TK: ["env"]}})
cond_case("forallvalues-stringlike", "Allowed", f"{MULTI}: ForAllValues with StringLike patterns", {"ForAllValues:StringLike": {TK: ["app-*"]}}, {TK: ["app-a", "app-b"]})
cond_case("forallvalues-notequals", "Allowed", f"{MULTI}: ForAllValues:StringNotEquals: no request value is in the set", {"ForAllValues:StringNotEquals": {TK: ["secret", "admin"]}}, {TK: ["env", "team"]})
cond_case("forallvalues-notequals-hit", "ImplicitlyDenied", f"{MULTI}: ForAllValues:StringNotEquals fails when one request value is in the set", {"ForAllValues:StringNotEquals": {TK: ["secret"]}}, {TK: ["env", "secret"]})
cond_case("foranyvalue-notequals", "Allowed", f"{MULTI}: ForAnyValue:StringNotEquals: some request value is outside the set", {"ForAnyValue:StringNotEquals": {TK: ["env"]}}, {TK: ["env", "team"]})
cond_case("foranyvalue-deny-tag", "ExplicitlyDenied", f"{MULTI}: Deny ForAnyValue on a forbidden tag key", {"ForAnyValue:StringEquals": {TK: ["admin"]}}, {TK: ["env", "admin"]}, effect="Deny")
cond_case("forallvalues-deny-empty", "ExplicitlyDenied", f"{MULTI}: a Deny with ForAllValues applies to a request without the key (true on absent)", {"ForAllValues:StringNotEquals": {TK: ["env"]}}, effect="Deny")
cond_case("foranyvalueifexists-absent", "Allowed", f"{MULTI}/{OPS}: ForAnyValue with IfExists is true when the key is absent", {"ForAnyValue:StringEqualsIfExists": {TK: ["env"]}})
cond_case("multivalued-without-qualifier", "Allowed", f"{MULTI}: without a set qualifier a multivalued key matches when a value matches", {"StringEquals": {TK: "team"}}, {TK: ["env", "team"]})
cond_case("single-value-key-as-list", "Allowed", f"{MULTI}: ForAnyValue on a single-valued key behaves as the plain operator (POL-SETOP-SINGLE)", {"ForAnyValue:StringEquals": {SV: ["vpce-1"]}}, {SV: "vpce-1"})

# Policy variables
fam = "var"
case(f"{fam}-username-resource", "Allowed", f"{VARS}: ${{aws:username}} in Resource is replaced by the user's name",
     principal=USER, resource="arn:aws:s3:::home/alice/notes.txt", identity=allow_id(resource="arn:aws:s3:::home/${aws:username}/*"))
case(f"{fam}-username-other-user", "ImplicitlyDenied", f"{VARS}: the substituted name must match the resource",
     principal=USER, resource="arn:aws:s3:::home/bob/notes.txt", identity=allow_id(resource="arn:aws:s3:::home/${aws:username}/*"))
case(f"{fam}-version-2008-literal", "ImplicitlyDenied", f"{VARS}: variables are only replaced in Version 2012-10-17 policies; in 2008-10-17 `${{aws:username}}` is literal text",
     principal=USER, resource="arn:aws:s3:::home/alice/notes.txt", identity=[pol(st("Allow", "s3:GetObject", "arn:aws:s3:::home/${aws:username}/*"), version="2008-10-17")])
case(f"{fam}-no-version-literal", "ImplicitlyDenied", f"{VARS}: without Version the policy is 2008-10-17 and variables are literal",
     principal=USER, resource="arn:aws:s3:::home/alice/notes.txt", identity=[pol(st("Allow", "s3:GetObject", "arn:aws:s3:::home/${aws:username}/*"), version=None)])
case(f"{fam}-role-has-no-username", "ImplicitlyDenied", f"{VARS}: aws:username exists only for IAM users; an unresolved variable matches nothing",
     resource="arn:aws:s3:::home/app/notes.txt", identity=allow_id(resource="arn:aws:s3:::home/${aws:username}/*"))
case(f"{fam}-default-value", "Allowed", f"{VARS}: 'Specifying default values': `${{key, 'default'}}` is used when the key is absent",
     resource="arn:aws:s3:::home/shared/notes.txt", identity=allow_id(resource="arn:aws:s3:::home/${aws:username, 'shared'}/*"))
case(f"{fam}-principal-tag-condition", "Allowed", f"{VARS}: tags as variables in condition values",
     context={"aws:PrincipalTag/team": "data", "aws:ResourceTag/team": "data"},
     identity=allow_id(cond={"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}))
case(f"{fam}-principal-tag-condition-mismatch", "ImplicitlyDenied", f"{VARS}: tags as variables in condition values",
     context={"aws:PrincipalTag/team": "data", "aws:ResourceTag/team": "ops"},
     identity=allow_id(cond={"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}))
case(f"{fam}-literal-star", "ImplicitlyDenied", f"{VARS}: `${{*}}` is a literal `*`, not a wildcard",
     resource="arn:aws:s3:::data-bucket/reports/x", identity=allow_id(resource="arn:aws:s3:::data-bucket/reports/${*}"))
case(f"{fam}-literal-star-matches-star", "Allowed", f"{VARS}: `${{*}}` matches a `*` character in the value",
     context={"s3:prefix": "a*"}, identity=allow_id(cond={"StringLike": {"s3:prefix": "a${*}"}}))
case(f"{fam}-literal-question", "ImplicitlyDenied", f"{VARS}: `${{?}}` is a literal `?`",
     context={"s3:prefix": "ab"}, identity=allow_id(cond={"StringLike": {"s3:prefix": "a${?}"}}))
case(f"{fam}-literal-dollar", "Allowed", f"{VARS}: `${{$}}` is a literal `$`",
     context={"s3:prefix": "$HOME"}, identity=allow_id(cond={"StringEquals": {"s3:prefix": "${$}HOME"}}))
case(f"{fam}-source-account", "Allowed", f"{VARS}: global keys such as aws:PrincipalAccount can be variables",
     action="sqs:SendMessage", resource=QUEUE_A, identity=allow_id("sqs:SendMessage", "arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:jobs"))

# ------------------------------------------------------------------------------------------------
# 4. Principals (resource-based policies)
fam = "principal"


def bucket_policy(principal=None, effect="Allow", action="s3:GetObject", resource="arn:aws:s3:::data-bucket/*", cond=None, not_principal=None):
    kw = {}
    if principal is not None:
        kw["principal"] = principal
    if not_principal is not None:
        kw["not_principal"] = not_principal
    if cond:
        kw["cond"] = cond
    return pol(st(effect, action, resource, **kw))


case(f"{fam}-role-arn-matches-session", "Allowed", f"{PRINC}: a role ARN as principal covers the role's sessions; {SINGLE}: same account, resource policy alone suffices",
     principal=SESSION, resource_account=A, resource_policy=bucket_policy({"AWS": ROLE}))
case(f"{fam}-role-arn-given-as-role", "Allowed", f"{PRINC}: the role principal (any session of it) is named",
     principal=ROLE, resource_account=A, resource_policy=bucket_policy({"AWS": ROLE}))
case(f"{fam}-role-path-matters", "ImplicitlyDenied", f"{PRINC}: the role ARN includes its path; role/service-role/app is not role/app",
     principal=f"arn:aws:iam::{A}:role/service-role/app", resource_account=A, resource_policy=bucket_policy({"AWS": ROLE}))
case(f"{fam}-role-path-from-principalarn", "Allowed", f"{PRINC}: a session of role/service-role/app is matched by that role's ARN (aws:PrincipalArn carries the path)",
     principal=f"arn:aws:sts::{A}:assumed-role/app/s3-replication", context={"aws:PrincipalArn": f"arn:aws:iam::{A}:role/service-role/app"},
     resource_account=A, resource_policy=bucket_policy({"AWS": f"arn:aws:iam::{A}:role/service-role/app"}))
case(f"{fam}-session-arn-exact", "Allowed", f"{PRINC}: an assumed-role session ARN names that session",
     principal=SESSION, resource_account=A, resource_policy=bucket_policy({"AWS": SESSION}))
case(f"{fam}-session-arn-other-session", "ImplicitlyDenied", f"{PRINC}: a session ARN names only that session",
     principal=f"arn:aws:sts::{A}:assumed-role/app/other", resource_account=A, resource_policy=bucket_policy({"AWS": SESSION}))
case(f"{fam}-user-arn", "Allowed", f"{PRINC}: an IAM user ARN", principal=USER, resource_account=A, resource_policy=bucket_policy({"AWS": USER}))
case(f"{fam}-user-arn-other", "ImplicitlyDenied", f"{PRINC}: another user's ARN does not match",
     principal=f"arn:aws:iam::{A}:user/bob", resource_account=A, resource_policy=bucket_policy({"AWS": USER}))
case(f"{fam}-star", "Allowed", f"{PRINC}: `\"Principal\": \"*\"` is everyone", principal=SESSION, resource_account=A, resource_policy=bucket_policy("*"))
case(f"{fam}-aws-star", "Allowed", f"{PRINC}: `{{\"AWS\": \"*\"}}` is equivalent to `\"*\"`", principal=SESSION, resource_account=A, resource_policy=bucket_policy({"AWS": "*"}))
case(f"{fam}-star-cross-account", "Allowed", f"{PRINC}/{XACCT}: `*` covers an external principal; its identity policy must also allow",
     principal=f"arn:aws:iam::{B}:role/partner", resource_account=A, resource_policy=bucket_policy("*"), identity=allow_id())
case(f"{fam}-account-id-same-account-delegates", "ImplicitlyDenied", f"{PRINC}: an account principal delegates to that account's IAM policies; with none allowing, the request is denied",
     principal=SESSION, resource_account=A, resource_policy=bucket_policy({"AWS": A}))
case(f"{fam}-account-id-with-identity", "Allowed", f"{PRINC}/{SINGLE}: account principal + identity policy allowing",
     principal=SESSION, resource_account=A, resource_policy=bucket_policy({"AWS": A}), identity=allow_id())
case(f"{fam}-root-arn-cross-account", "Allowed", f"{PRINC}/{XACCT}: `arn:aws:iam::ACCOUNT:root` trusts every principal of that account that its IAM policies allow",
     principal=f"arn:aws:iam::{B}:role/partner", resource_account=A, resource_policy=bucket_policy({"AWS": f"arn:aws:iam::{B}:root"}), identity=allow_id())
case(f"{fam}-root-arn-other-account", "ImplicitlyDenied", f"{PRINC}: an account principal covers only that account",
     principal=f"arn:aws:iam::{B}:role/partner", resource_account=A, resource_policy=bucket_policy({"AWS": f"arn:aws:iam::{M}:root"}), identity=allow_id())
case(f"{fam}-service", "Allowed", f"{PRINC}: a service principal is named by its service name; the resource policy alone decides for it",
     principal="cloudtrail.amazonaws.com", action="s3:PutObject", resource_account=A,
     resource_policy=bucket_policy({"Service": "cloudtrail.amazonaws.com"}, action="s3:PutObject"))
case(f"{fam}-service-other", "ImplicitlyDenied", f"{PRINC}: another service's principal does not match",
     principal="config.amazonaws.com", action="s3:PutObject", resource_account=A,
     resource_policy=bucket_policy({"Service": "cloudtrail.amazonaws.com"}, action="s3:PutObject"))
case(f"{fam}-service-not-covered-by-account", "ImplicitlyDenied", f"{PRINC}: an account principal does not cover AWS service principals",
     principal="cloudtrail.amazonaws.com", action="s3:PutObject", resource_account=A,
     resource_policy=bucket_policy({"AWS": A}, action="s3:PutObject"))
case(f"{fam}-service-source-account", "Allowed", f"{PRINC}/IAM UG 'The confused deputy problem': service principal with aws:SourceAccount condition",
     principal="cloudtrail.amazonaws.com", action="s3:PutObject", resource_account=A, context={"aws:SourceAccount": A},
     resource_policy=bucket_policy({"Service": "cloudtrail.amazonaws.com"}, action="s3:PutObject", cond={"StringEquals": {"aws:SourceAccount": A}}))
case(f"{fam}-service-source-account-mismatch", "ImplicitlyDenied", f"IAM UG 'The confused deputy problem': aws:SourceAccount of another account does not match",
     principal="cloudtrail.amazonaws.com", action="s3:PutObject", resource_account=A, context={"aws:SourceAccount": B},
     resource_policy=bucket_policy({"Service": "cloudtrail.amazonaws.com"}, action="s3:PutObject", cond={"StringEquals": {"aws:SourceAccount": A}}))
case(f"{fam}-service-ignores-identity", "ImplicitlyDenied", f"{PRINC}: identity policies do not apply to service principals; without a resource policy grant the service is denied",
     principal="cloudtrail.amazonaws.com", action="s3:PutObject", resource_account=A, identity=allow_id("s3:PutObject"))
case(f"{fam}-canonical-user", "Allowed", f"{PRINC}: canonical user ids (S3 / CloudFront OAI)",
     principal="79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be", resource_account=A,
     resource_policy=bucket_policy({"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}))
case(f"{fam}-no-principal-element", "ImplicitlyDenied", f"{PRINC}: a resource-based statement without Principal applies to no one",
     principal=SESSION, resource_account=A, resource_policy=bucket_policy(None))
case(f"{fam}-list-of-principals", "Allowed", f"{PRINC}: several principals in one element are ORed",
     principal=USER, resource_account=A, resource_policy=bucket_policy({"AWS": [ROLE, USER]}))
case(f"{fam}-identity-policy-principal-ignored", "Allowed", f"{PRINC}: Principal has no meaning in identity policies (the statement applies to the attached identity)",
     identity=[pol(dict(st("Allow", "s3:GetObject", "*"), Principal={"AWS": f"arn:aws:iam::{B}:root"}))])

# NotPrincipal
fam = "notprincipal"
case(f"{fam}-deny-exempts-listed-session", "Allowed", f"{NOTP}: Deny + NotPrincipal spares the principals listed (session ARN listed)",
     principal=SESSION, resource_account=A, identity=allow_id(),
     resource_policy=pol(st("Deny", "s3:*", "arn:aws:s3:::data-bucket/*", not_principal={"AWS": [SESSION, ROLE, f"arn:aws:iam::{A}:root"]})))
case(f"{fam}-role-arn-does-not-exempt-session", "ExplicitlyDenied", f"{NOTP}: an assumed-role session is identified by its session ARN; listing only the role ARN does not exempt it (POL-NOTPRINCIPAL-SESSION)",
     principal=SESSION, resource_account=A, identity=allow_id(),
     resource_policy=pol(st("Deny", "s3:*", "arn:aws:s3:::data-bucket/*", not_principal={"AWS": [ROLE, f"arn:aws:iam::{A}:root"]})))
case(f"{fam}-exempts-listed-user", "Allowed", f"{NOTP}: the listed IAM user is exempt",
     principal=USER, resource_account=A, identity=allow_id(),
     resource_policy=pol(st("Deny", "s3:*", "*", not_principal={"AWS": [USER, f"arn:aws:iam::{A}:root"]})))
case(f"{fam}-account-does-not-exempt-users", "ExplicitlyDenied", f"{NOTP}: listing the account ARN exempts the account, not every user in it (the example lists the user too)",
     principal=f"arn:aws:iam::{A}:user/bob", resource_account=A, identity=allow_id(),
     resource_policy=pol(st("Deny", "s3:*", "*", not_principal={"AWS": [USER, f"arn:aws:iam::{A}:root"]})))
case(f"{fam}-denies-others", "ExplicitlyDenied", f"{NOTP}: every principal not listed is denied",
     principal=f"arn:aws:iam::{B}:role/partner", resource_account=A, identity=allow_id(),
     resource_policy=pol(st("Allow", "s3:GetObject", "*", principal="*"), st("Deny", "s3:*", "*", not_principal={"AWS": [USER, f"arn:aws:iam::{A}:root"]})))
case(f"{fam}-boundary-always-denied", "ExplicitlyDenied", f"{NOTP}: 'NotPrincipal with Deny will always deny any IAM principal that has a permissions boundary policy attached, regardless of the values'",
     principal=USER, resource_account=A, identity=allow_id(), boundary=pol(st("Allow", "s3:*", "*")),
     resource_policy=pol(st("Deny", "s3:*", "*", not_principal={"AWS": [USER, f"arn:aws:iam::{A}:root"]})))
case(f"{fam}-service-listed", "Allowed", f"{NOTP}: a listed service principal is exempt",
     principal="logging.s3.amazonaws.com", action="s3:PutObject", resource_account=A,
     resource_policy=pol(st("Allow", "s3:PutObject", "*", principal={"Service": "logging.s3.amazonaws.com"}),
                         st("Deny", "s3:PutObject", "*", not_principal={"Service": "logging.s3.amazonaws.com"})))

# ------------------------------------------------------------------------------------------------
# 5. Decision logic: explicit deny, same account, cross-account
fam = "decide"
case(f"{fam}-no-policies", "ImplicitlyDenied", f"{EVAL}: by default all requests are implicitly denied")
case(f"{fam}-identity-only", "Allowed", f"{SINGLE}: an identity-policy Allow suffices in one account", identity=allow_id())
case(f"{fam}-resource-policy-only-same-account", "Allowed", f"{SINGLE}: 'If either the identity-based policy or the resource-based policy within the same account allows the request… the request is still allowed'",
     principal=SESSION, resource_account=A, resource_policy=bucket_policy({"AWS": ROLE}))
case(f"{fam}-identity-allow-resource-silent", "Allowed", f"{SINGLE}: same account: identity OR resource policy",
     resource_account=A, identity=allow_id(), resource_policy=bucket_policy({"AWS": f"arn:aws:iam::{A}:user/bob"}))
case(f"{fam}-deny-in-identity", "ExplicitlyDenied", f"{EVAL}: an explicit deny overrides any allow",
     identity=[pol(st("Allow", "s3:*", "*"), st("Deny", "s3:GetObject", "*"))])
case(f"{fam}-deny-in-other-identity-policy", "ExplicitlyDenied", f"{EVAL}: a Deny in any applicable policy wins",
     identity=[pol(st("Allow", "s3:*", "*")), pol(st("Deny", "s3:Get*", "arn:aws:s3:::data-bucket/*"))])
case(f"{fam}-deny-in-resource-beats-identity", "ExplicitlyDenied", f"{EVAL}: a Deny in the resource policy overrides the identity Allow",
     resource_account=A, identity=allow_id(), resource_policy=bucket_policy("*", effect="Deny"))
case(f"{fam}-deny-resource-beats-resource-allow", "ExplicitlyDenied", f"{EVAL}: Deny wins inside one policy too",
     principal=SESSION, resource_account=A,
     resource_policy=pol(st("Allow", "s3:*", "*", principal={"AWS": ROLE}), st("Deny", "s3:GetObject", "*", principal="*")))
case(f"{fam}-deny-other-action", "Allowed", f"{EVAL}: a Deny for another action does not apply",
     identity=[pol(st("Allow", "s3:*", "*"), st("Deny", "s3:DeleteObject", "*"))])
case(f"{fam}-deny-condition-false", "Allowed", f"{EVAL}/{COND}: a Deny whose condition is false does not apply",
     context={"aws:SecureTransport": "true"},
     identity=[pol(st("Allow", "s3:*", "*"), st("Deny", "s3:*", "*", cond={"Bool": {"aws:SecureTransport": "false"}}))])
case(f"{fam}-cross-identity-only", "ImplicitlyDenied", f"{XACCT}: cross-account access needs the resource policy of the trusting account too",
     action="sqs:SendMessage", resource=QUEUE_B, identity=allow_id("sqs:SendMessage", QUEUE_B))
case(f"{fam}-cross-resource-only", "ImplicitlyDenied", f"{XACCT}: the identity policy in the trusted account must also allow",
     action="sqs:SendMessage", resource=QUEUE_B, resource_policy=pol(st("Allow", "sqs:SendMessage", QUEUE_B, principal={"AWS": ROLE})))
case(f"{fam}-cross-both", "Allowed", f"{XACCT}: identity policy AND resource policy allow",
     action="sqs:SendMessage", resource=QUEUE_B, identity=allow_id("sqs:SendMessage", QUEUE_B),
     resource_policy=pol(st("Allow", "sqs:SendMessage", QUEUE_B, principal={"AWS": ROLE})))
case(f"{fam}-cross-resource-trusts-account", "Allowed", f"{XACCT}: the resource policy may trust the whole account; the account's identity policy then decides",
     action="sqs:SendMessage", resource=QUEUE_B, identity=allow_id("sqs:SendMessage", QUEUE_B),
     resource_policy=pol(st("Allow", "sqs:SendMessage", QUEUE_B, principal={"AWS": A})))
case(f"{fam}-cross-s3-resource-account", "Allowed", f"{XACCT}: S3 ARNs carry no account; resourceAccount says the bucket is in another account, both sides allow",
     resource_account=B, identity=allow_id(), resource_policy=bucket_policy({"AWS": f"arn:aws:iam::{A}:root"}))
case(f"{fam}-cross-s3-no-bucket-policy", "ImplicitlyDenied", f"{XACCT}: a bucket in another account without a bucket policy grant",
     resource_account=B, identity=allow_id())
case(f"{fam}-cross-deny-in-resource", "ExplicitlyDenied", f"{XACCT}/{EVAL}: a Deny in the trusting account's resource policy wins",
     resource_account=B, identity=allow_id(),
     resource_policy=pol(st("Allow", "s3:GetObject", "*", principal={"AWS": A}), st("Deny", "s3:*", "*", principal="*", cond={"StringNotEquals": {"aws:PrincipalOrgID": "o-mine"}})))
case(f"{fam}-cross-deny-org-condition-spares", "Allowed", f"{XACCT}: the org-perimeter Deny does not apply to a principal of the org",
     resource_account=B, identity=allow_id(), context={"aws:PrincipalOrgID": "o-mine"},
     resource_policy=pol(st("Allow", "s3:GetObject", "*", principal={"AWS": A}), st("Deny", "s3:*", "*", principal="*", cond={"StringNotEquals": {"aws:PrincipalOrgID": "o-mine"}})))
case(f"{fam}-principalaccount-derived", "Allowed", f"IAM UG 'AWS global condition context keys': aws:PrincipalAccount is always present for IAM principals",
     resource_account=A, resource_policy=bucket_policy("*", cond={"StringEquals": {"aws:PrincipalAccount": A}}))
case(f"{fam}-resourceaccount-derived", "ExplicitlyDenied", f"IAM UG 'AWS global condition context keys': aws:ResourceAccount is the account owning the resource",
     action="sqs:SendMessage", resource=QUEUE_B,
     identity=[pol(st("Allow", "sqs:*", "*"), st("Deny", "sqs:*", "*", cond={"StringNotEquals": {"aws:ResourceAccount": A}}))])
case(f"{fam}-root-user-same-account", "Allowed", f"{EVAL}: 'all requests are implicitly denied with the exception of the AWS account root user, which has full access'",
     principal=f"arn:aws:iam::{A}:root", action="sqs:DeleteQueue", resource=QUEUE_A)
case(f"{fam}-root-user-deny", "ExplicitlyDenied", f"{EVAL}: explicit denies still apply to the root user (here an SCP)",
     principal=f"arn:aws:iam::{A}:root", action="sqs:DeleteQueue", resource=QUEUE_A,
     scps=[[pol(st("Allow", "*", "*"), st("Deny", "sqs:DeleteQueue", "*"))]])

# Permissions boundaries and session policies
fam = "boundary"
case(f"{fam}-intersection-allows", "Allowed", f"{BOUND}: effective permissions are the intersection of identity policy and boundary",
     identity=allow_id("s3:*"), boundary=pol(st("Allow", "s3:GetObject", "*")))
case(f"{fam}-limits-identity", "ImplicitlyDenied", f"{BOUND}: the boundary does not allow the action, so the identity Allow is not effective",
     identity=allow_id("s3:*"), boundary=pol(st("Allow", "sqs:*", "*")))
case(f"{fam}-grants-nothing-alone", "ImplicitlyDenied", f"{BOUND}: a boundary does not grant permissions by itself",
     boundary=pol(st("Allow", "*", "*")))
case(f"{fam}-deny", "ExplicitlyDenied", f"{BOUND}/{EVAL}: an explicit deny in a boundary wins",
     identity=allow_id("s3:*"), boundary=pol(st("Allow", "*", "*"), st("Deny", "s3:GetObject", "*")))
case(f"{fam}-resource-grant-to-role-limited", "ImplicitlyDenied", f"{BOUND}: within an account, a resource policy grant to the role ARN is limited by an implicit deny in the boundary",
     principal=SESSION, resource_account=A, boundary=pol(st("Allow", "sqs:*", "*")), resource_policy=bucket_policy({"AWS": ROLE}))
case(f"{fam}-resource-grant-to-session-not-limited", "Allowed", f"{BOUND}: a resource policy grant naming the session ARN is not limited by the boundary's implicit deny",
     principal=SESSION, resource_account=A, boundary=pol(st("Allow", "sqs:*", "*")), resource_policy=bucket_policy({"AWS": SESSION}))
case(f"{fam}-resource-grant-to-user-not-limited", "Allowed", f"{BOUND}: within an account, an implicit deny in a boundary does not limit a resource policy grant to the IAM user ARN",
     principal=USER, resource_account=A, boundary=pol(st("Allow", "sqs:*", "*")), resource_policy=bucket_policy({"AWS": USER}))
case(f"{fam}-resource-grant-within-boundary", "Allowed", f"{BOUND}: resource policy grant to the role ARN, boundary allows",
     principal=SESSION, resource_account=A, boundary=pol(st("Allow", "s3:*", "*")), resource_policy=bucket_policy({"AWS": ROLE}))
case(f"{fam}-cross-account-limited", "ImplicitlyDenied", f"{BOUND}/{XACCT}: the boundary limits the identity side of a cross-account request",
     action="sqs:SendMessage", resource=QUEUE_B, identity=allow_id("sqs:SendMessage", QUEUE_B), boundary=pol(st("Allow", "s3:*", "*")),
     resource_policy=pol(st("Allow", "sqs:SendMessage", QUEUE_B, principal={"AWS": ROLE})))
case(f"{fam}-explicit-deny-beats-session-grant", "ExplicitlyDenied", f"{BOUND}: the exception covers implicit denies only; an explicit Deny in the boundary still wins",
     principal=SESSION, resource_account=A, boundary=pol(st("Deny", "s3:*", "*")), resource_policy=bucket_policy({"AWS": SESSION}))
fam = "session"
case(f"{fam}-policy-intersection", "ImplicitlyDenied", f"{SESSPOL}: session policies limit the role's identity permissions",
     principal=SESSION, identity=allow_id("s3:*"), session=pol(st("Allow", "sqs:*", "*")))
case(f"{fam}-policy-allows", "Allowed", f"{SESSPOL}: identity policy and session policy both allow",
     principal=SESSION, identity=allow_id("s3:*"), session=pol(st("Allow", "s3:GetObject", "*")))
case(f"{fam}-policy-session-arn-grant", "Allowed", f"{SESSPOL}: a resource policy naming the session ARN is not limited by the session policy",
     principal=SESSION, resource_account=A, session=pol(st("Allow", "sqs:*", "*")), resource_policy=bucket_policy({"AWS": SESSION}))

# ------------------------------------------------------------------------------------------------
# 6. SCPs and RCPs
fam = "scp"
FULL = pol(st("Allow", "*", "*", sid="FullAWSAccess"))
case(f"{fam}-full-access-all-levels", "Allowed", f"{SCP}: with FullAWSAccess at every level the identity policy decides",
     identity=allow_id(), scps=[[FULL], [FULL], [FULL]])
case(f"{fam}-level-without-allow", "ImplicitlyDenied", f"{SCP}: every level from root to account must allow; the OU level allows only EC2",
     identity=allow_id(), scps=[[FULL], [pol(st("Allow", "ec2:*", "*"))], [FULL]])
case(f"{fam}-account-level-without-allow", "ImplicitlyDenied", f"{SCP}: the account level must allow too",
     identity=allow_id(), scps=[[FULL], [FULL], [pol(st("Allow", "sqs:*", "*"))]])
case(f"{fam}-allow-list", "Allowed", f"{SCP}: an allow-list SCP that names the action",
     identity=allow_id(), scps=[[FULL], [pol(st("Allow", ["s3:*", "ec2:*"], "*"))]])
case(f"{fam}-deny", "ExplicitlyDenied", f"{SCP}: a Deny in an SCP overrides any identity Allow",
     identity=allow_id(), scps=[[FULL, pol(st("Deny", "s3:GetObject", "*"))]])
case(f"{fam}-deny-with-condition", "ExplicitlyDenied", f"{SCP}: region-restriction Deny with aws:RequestedRegion",
     action="sqs:SendMessage", resource=QUEUE_A, identity=allow_id("sqs:*"), context={"aws:RequestedRegion": "us-east-1"},
     scps=[[FULL, pol(st("Deny", "*", "*", cond={"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}}))]])
case(f"{fam}-grants-nothing", "ImplicitlyDenied", f"{SCP}: SCPs never grant permissions; an identity Allow is still needed",
     scps=[[FULL]])
case(f"{fam}-management-account-exempt", "Allowed", f"{SCP}: SCPs do not affect users or roles in the management account",
     principal=f"arn:aws:iam::{M}:role/admin", resource=f"arn:aws:sqs:us-east-1:{M}:q", action="sqs:SendMessage",
     identity=allow_id("sqs:*"), scps=[[pol(st("Deny", "*", "*"))]], management=M)
case(f"{fam}-member-account-bound", "ExplicitlyDenied", f"{SCP}: a member account's principals are bound by the SCP",
     action="sqs:SendMessage", resource=QUEUE_A, identity=allow_id("sqs:*"), scps=[[pol(st("Deny", "*", "*"))]], management=M)
case(f"{fam}-service-linked-role-exempt", "Allowed", f"{SCP}: SCPs do not restrict service-linked roles",
     principal=f"arn:aws:iam::{A}:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing",
     action="ec2:DescribeInstances", resource="*", identity=allow_id("ec2:Describe*"), scps=[[pol(st("Deny", "*", "*"))]])
case(f"{fam}-service-principal-exempt", "Allowed", f"{SCP}: SCPs restrict IAM users and roles of member accounts, not AWS service principals",
     principal="cloudtrail.amazonaws.com", action="s3:PutObject", resource_account=A,
     resource_policy=bucket_policy({"Service": "cloudtrail.amazonaws.com"}, action="s3:PutObject"), scps=[[pol(st("Deny", "*", "*"))]])
case(f"{fam}-does-not-grant-cross-account", "ImplicitlyDenied", f"{SCP}/{XACCT}: SCPs allowing everything do not replace the missing resource policy",
     action="sqs:SendMessage", resource=QUEUE_B, identity=allow_id("sqs:*"), scps=[[FULL]])
case(f"{fam}-boundary-and-scp", "ImplicitlyDenied", f"{SCP}/{BOUND}: SCP, boundary and identity must all allow; the boundary does not",
     identity=allow_id(), boundary=pol(st("Allow", "ec2:*", "*")), scps=[[FULL]])
case(f"{fam}-notaction-deny", "Allowed", f"{SCP}: a Deny with NotAction exempts the listed actions",
     identity=allow_id("s3:*"), scps=[[FULL, pol(st("Deny", None, "*", not_action=["s3:*", "iam:*"]))]])

fam = "rcp"
RCPFULL = pol(st("Allow", "*", "*", sid="RCPFullAWSAccess", principal="*"))
PERIM = pol(st("Deny", "s3:*", "*", sid="EnforceOrgIdentities", principal="*",
               cond={"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-mine"}, "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}}))
case(f"{fam}-full-access", "Allowed", f"{RCP}: with RCPFullAWSAccess the other policies decide",
     resource_account=A, identity=allow_id(), rcps=[[RCPFULL]])
case(f"{fam}-perimeter-denies-external", "ExplicitlyDenied", f"{RCP}: the identity-perimeter RCP denies principals outside the organization",
     principal=f"arn:aws:iam::{B}:role/partner", resource_account=A, context={"aws:PrincipalOrgID": "o-other"},
     identity=allow_id(), resource_policy=bucket_policy("*"), rcps=[[RCPFULL, PERIM]])
case(f"{fam}-perimeter-spares-org", "Allowed", f"{RCP}: a principal of the organization passes the perimeter",
     principal=f"arn:aws:iam::{B}:role/partner", resource_account=A, context={"aws:PrincipalOrgID": "o-mine"},
     identity=allow_id(), resource_policy=bucket_policy({"AWS": B}), rcps=[[RCPFULL, PERIM]])
case(f"{fam}-perimeter-spares-service", "Allowed", f"{RCP}: the perimeter example exempts AWS service principals with aws:PrincipalIsAWSService",
     principal="cloudtrail.amazonaws.com", action="s3:PutObject", resource_account=A,
     resource_policy=bucket_policy({"Service": "cloudtrail.amazonaws.com"}, action="s3:PutObject"), rcps=[[RCPFULL, PERIM]])
case(f"{fam}-applies-to-service-principal", "ExplicitlyDenied", f"{RCP}: RCPs apply to requests from service principals too (hence the exemption condition in AWS's examples)",
     principal="cloudtrail.amazonaws.com", action="s3:PutObject", resource_account=A,
     resource_policy=bucket_policy({"Service": "cloudtrail.amazonaws.com"}, action="s3:PutObject"),
     rcps=[[RCPFULL, pol(st("Deny", "s3:PutObject", "*", principal="*"))]])
case(f"{fam}-management-account-exempt", "Allowed", f"{RCP}: 'RCPs don't affect resources in the management account'",
     principal=f"arn:aws:iam::{M}:role/admin", action="sqs:SendMessage", resource=f"arn:aws:sqs:us-east-1:{M}:q",
     identity=allow_id("sqs:*"), rcps=[[RCPFULL, pol(st("Deny", "sqs:*", "*", principal="*"))]], management=M)
case(f"{fam}-level-without-allow", "ImplicitlyDenied", f"{EVAL} (RCP step): if no applicable Allow is found in the RCPs, the decision is Deny",
     resource_account=A, identity=allow_id(), rcps=[[RCPFULL], [pol(st("Deny", "kms:*", "*", principal="*"))]])
case(f"{fam}-does-not-grant", "ImplicitlyDenied", f"{RCP}: an RCP grants no permissions", resource_account=A, rcps=[[RCPFULL]])

# ------------------------------------------------------------------------------------------------
# 7. KMS
fam = "kms"
DELEGATE_A = st("Allow", "kms:*", "*", sid="Enable IAM User Permissions", principal={"AWS": f"arn:aws:iam::{A}:root"})
DELEGATE_B = st("Allow", "kms:*", "*", sid="Enable IAM User Permissions", principal={"AWS": f"arn:aws:iam::{B}:root"})
case(f"{fam}-key-policy-names-role", "Allowed", f"{KMS}: a key policy statement naming the role gives access without any IAM policy",
     action="kms:Decrypt", resource=KEY_A, resource_policy=pol(st("Allow", "kms:Decrypt", "*", principal={"AWS": ROLE})))
case(f"{fam}-delegation-plus-iam", "Allowed", f"{KMS}: the default statement delegates to the account; the IAM policy then grants",
     action="kms:Decrypt", resource=KEY_A, resource_policy=pol(DELEGATE_A), identity=allow_id("kms:Decrypt", KEY_A))
case(f"{fam}-delegation-without-iam", "ImplicitlyDenied", f"{KMS}: the delegation statement does not grant any user or role by itself",
     action="kms:Decrypt", resource=KEY_A, resource_policy=pol(DELEGATE_A))
case(f"{fam}-iam-without-delegation", "ImplicitlyDenied", f"{KMS}: without the delegation statement IAM policies on the key are ineffective (KMS-NO-ROOT-DELEGATION)",
     action="kms:Decrypt", resource=KEY_A, identity=allow_id("kms:Decrypt", KEY_A),
     resource_policy=pol(st("Allow", "kms:*", "*", principal={"AWS": f"arn:aws:iam::{A}:role/key-admin"})))
case(f"{fam}-no-key-policy", "ImplicitlyDenied", f"{KMS}: every KMS key needs a key policy; no key policy, no access",
     action="kms:Decrypt", resource=KEY_A, identity=allow_id("kms:*"))
case(f"{fam}-iam-deny-still-applies", "ExplicitlyDenied", f"{KMS}/{EVAL}: IAM Denies apply even when the key policy grants directly",
     action="kms:Decrypt", resource=KEY_A, resource_policy=pol(st("Allow", "kms:Decrypt", "*", principal={"AWS": ROLE})),
     identity=[pol(st("Deny", "kms:*", "*"))])
case(f"{fam}-key-policy-deny", "ExplicitlyDenied", f"{KMS}/{EVAL}: a Deny in the key policy wins",
     action="kms:Decrypt", resource=KEY_A, identity=allow_id("kms:*"),
     resource_policy=pol(DELEGATE_A, st("Deny", "kms:Decrypt", "*", principal="*")))
case(f"{fam}-wrong-action-in-key-policy", "ImplicitlyDenied", f"{KMS}: the key policy grants Encrypt only",
     action="kms:Decrypt", resource=KEY_A, resource_policy=pol(st("Allow", "kms:Encrypt", "*", principal={"AWS": ROLE})))
case(f"{fam}-viaservice-condition", "Allowed", f"KMS DG 'kms:ViaService': the key policy grant holds for requests through S3",
     action="kms:Decrypt", resource=KEY_A, context={"kms:ViaService": "s3.us-east-1.amazonaws.com"},
     resource_policy=pol(st("Allow", "kms:Decrypt", "*", principal={"AWS": ROLE}, cond={"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}})))
case(f"{fam}-viaservice-condition-direct-call", "ImplicitlyDenied", f"KMS DG 'kms:ViaService': a direct call has no kms:ViaService",
     action="kms:Decrypt", resource=KEY_A,
     resource_policy=pol(st("Allow", "kms:Decrypt", "*", principal={"AWS": ROLE}, cond={"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}})))
case(f"{fam}-cross-key-policy-names-role-plus-iam", "Allowed", f"{KMSX}: key policy allows the external role AND the external account's IAM policy allows",
     action="kms:Encrypt", resource=KEY_B, identity=allow_id("kms:Encrypt", KEY_B),
     resource_policy=pol(DELEGATE_B, st("Allow", ["kms:Encrypt", "kms:GenerateDataKey"], "*", principal={"AWS": ROLE})))
case(f"{fam}-cross-key-policy-names-account-plus-iam", "Allowed", f"{KMSX}: key policy allows the external account; its admins delegate via IAM",
     action="kms:Encrypt", resource=KEY_B, identity=allow_id("kms:Encrypt", KEY_B),
     resource_policy=pol(DELEGATE_B, st("Allow", "kms:Encrypt", "*", principal={"AWS": f"arn:aws:iam::{A}:root"})))
case(f"{fam}-cross-key-policy-only", "ImplicitlyDenied", f"{KMSX}: 'Neither the key policy nor the IAM policy alone is sufficient'",
     action="kms:Encrypt", resource=KEY_B, resource_policy=pol(DELEGATE_B, st("Allow", "kms:Encrypt", "*", principal={"AWS": ROLE})))
case(f"{fam}-cross-iam-only", "ImplicitlyDenied", f"{KMSX}: the IAM policy alone is not sufficient; the key policy must allow the external account or role",
     action="kms:Encrypt", resource=KEY_B, identity=allow_id("kms:Encrypt", KEY_B), resource_policy=pol(DELEGATE_B))
case(f"{fam}-cross-key-policy-other-role", "ImplicitlyDenied", f"{KMSX}: the key policy names another role of the account",
     action="kms:Encrypt", resource=KEY_B, identity=allow_id("kms:Encrypt", KEY_B),
     resource_policy=pol(DELEGATE_B, st("Allow", "kms:Encrypt", "*", principal={"AWS": f"arn:aws:iam::{A}:role/other"})))
case(f"{fam}-cross-boundary-limits", "ImplicitlyDenied", f"{KMSX}/{BOUND}: the external role's boundary must also allow",
     action="kms:Encrypt", resource=KEY_B, identity=allow_id("kms:Encrypt", KEY_B), boundary=pol(st("Allow", "s3:*", "*")),
     resource_policy=pol(st("Allow", "kms:Encrypt", "*", principal={"AWS": ROLE})))
case(f"{fam}-same-account-delegation-boundary", "ImplicitlyDenied", f"{KMS}/{BOUND}: delegation + IAM, but the boundary omits KMS",
     action="kms:Decrypt", resource=KEY_A, resource_policy=pol(DELEGATE_A), identity=allow_id("kms:*"), boundary=pol(st("Allow", "s3:*", "*")))
case(f"{fam}-key-policy-account-id-form", "Allowed", f"{KMS}/{PRINC}: the account may be written as a bare account id",
     action="kms:Decrypt", resource=KEY_A, identity=allow_id("kms:Decrypt", "*"),
     resource_policy=pol(st("Allow", "kms:*", "*", principal={"AWS": A})))
case(f"{fam}-star-principal-with-caller-account", "Allowed", f"KMS DG 'kms:CallerAccount': Principal * limited by kms:CallerAccount grants directly",
     action="kms:Decrypt", resource=KEY_A, context={"kms:CallerAccount": A},
     resource_policy=pol(st("Allow", "kms:Decrypt", "*", principal={"AWS": "*"}, cond={"StringEquals": {"kms:CallerAccount": A}})))
case(f"{fam}-rcp-denies-external", "ExplicitlyDenied", f"KMS DG 'Resource control policies in AWS KMS': the identity-perimeter RCP denies principals outside the org",
     action="kms:Encrypt", resource=KEY_B, identity=allow_id("kms:Encrypt", KEY_B), context={"aws:PrincipalOrgID": "o-other"},
     resource_policy=pol(st("Allow", "kms:Encrypt", "*", principal={"AWS": ROLE})),
     rcps=[[RCPFULL, pol(st("Deny", "kms:*", "*", principal="*", cond={"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-mine"}, "Bool": {"aws:PrincipalIsAWSService": "false"}}))]])
case(f"{fam}-service-principal-key-policy", "Allowed", f"{KMS}/{PRINC}: a service principal named in the key policy",
     principal="cloudtrail.amazonaws.com", action="kms:GenerateDataKey", resource=KEY_A,
     resource_policy=pol(st("Allow", "kms:GenerateDataKey*", "*", principal={"Service": "cloudtrail.amazonaws.com"})))
case(f"{fam}-replication-role-source-key", "Allowed", f"S3 UG 'Replicating encrypted objects': the replication role decrypts with the source key through delegation + IAM",
     principal=f"arn:aws:sts::{A}:assumed-role/replication/s3-replication", context={"aws:PrincipalArn": f"arn:aws:iam::{A}:role/service-role/replication", "kms:ViaService": "s3.us-east-1.amazonaws.com"},
     action="kms:Decrypt", resource=KEY_A, resource_policy=pol(DELEGATE_A),
     identity=allow_id("kms:Decrypt", KEY_A, cond={"StringLike": {"kms:ViaService": "s3.*.amazonaws.com"}}))
case(f"{fam}-replication-role-dest-key-missing-grant", "ImplicitlyDenied", f"S3 UG replication troubleshooting / {KMSX}: the destination key policy must allow the source account's role (KMS-DST-KEYPOLICY-XACCT)",
     principal=f"arn:aws:sts::{A}:assumed-role/replication/s3-replication", context={"aws:PrincipalArn": f"arn:aws:iam::{A}:role/service-role/replication"},
     action="kms:Encrypt", resource=KEY_B, resource_policy=pol(DELEGATE_B), identity=allow_id("kms:Encrypt", KEY_B))
case(f"{fam}-resource-type-explicit", "Allowed", f"{KMS}: resourceType kms-key treats the resource policy as the key policy",
     action="kms:Decrypt", resource=KEY_A, resource_type="kms-key", resource_policy=pol(st("Allow", "kms:Decrypt", "*", principal={"AWS": ROLE})))

# ------------------------------------------------------------------------------------------------
# 8. Role trust policies (sts:AssumeRole)
fam = "trust"
TARGET_A = f"arn:aws:iam::{A}:role/target"
TARGET_B = f"arn:aws:iam::{B}:role/target"


def trust(principal, action="sts:AssumeRole", cond=None, effect="Allow"):
    s = {"Effect": effect, "Principal": principal, "Action": action}
    if cond:
        s["Condition"] = cond
    return pol(s)


case(f"{fam}-same-account-names-role", "Allowed", f"{TRUST}: a trust policy naming the caller's role ARN in the same account suffices",
     action="sts:AssumeRole", resource=TARGET_A, resource_policy=trust({"AWS": ROLE}))
case(f"{fam}-same-account-names-user", "Allowed", f"{TRUST}: a trust policy naming the IAM user in the same account",
     principal=USER, action="sts:AssumeRole", resource=TARGET_A, resource_policy=trust({"AWS": USER}))
case(f"{fam}-same-account-root-plus-iam", "Allowed", f"{TRUST}: the trust policy trusts the account; the caller's identity policy allows sts:AssumeRole",
     action="sts:AssumeRole", resource=TARGET_A, resource_policy=trust({"AWS": f"arn:aws:iam::{A}:root"}), identity=allow_id("sts:AssumeRole", TARGET_A))
case(f"{fam}-same-account-root-without-iam", "ImplicitlyDenied", f"{TRUST}: trusting the account delegates to IAM; without an identity Allow the caller cannot assume",
     action="sts:AssumeRole", resource=TARGET_A, resource_policy=trust({"AWS": f"arn:aws:iam::{A}:root"}))
case(f"{fam}-identity-without-trust", "ImplicitlyDenied", f"{TRUST}: the trust policy must allow the caller; an identity Allow alone does not let anyone assume a role",
     action="sts:AssumeRole", resource=TARGET_A, resource_policy=trust({"AWS": f"arn:aws:iam::{A}:role/other"}), identity=allow_id("sts:AssumeRole", "*"))
case(f"{fam}-no-trust-policy", "ImplicitlyDenied", f"{TRUST}: a role is assumable only through its trust policy",
     action="sts:AssumeRole", resource=TARGET_A, identity=allow_id("sts:AssumeRole", "*"))
case(f"{fam}-cross-account-both", "Allowed", f"{TRUST}/{XACCT}: cross-account: the trust policy trusts the caller and the caller's IAM policy allows sts:AssumeRole",
     action="sts:AssumeRole", resource=TARGET_B, resource_policy=trust({"AWS": f"arn:aws:iam::{A}:root"}), identity=allow_id("sts:AssumeRole", TARGET_B))
case(f"{fam}-cross-account-names-role-no-iam", "ImplicitlyDenied", f"{TRUST}/{XACCT}: cross-account the caller also needs an identity Allow",
     action="sts:AssumeRole", resource=TARGET_B, resource_policy=trust({"AWS": ROLE}))
case(f"{fam}-cross-account-iam-only", "ImplicitlyDenied", f"{TRUST}/{XACCT}: the target account's trust policy must trust the caller",
     action="sts:AssumeRole", resource=TARGET_B, resource_policy=trust({"AWS": f"arn:aws:iam::{M}:root"}), identity=allow_id("sts:AssumeRole", TARGET_B))
case(f"{fam}-external-id", "Allowed", f"IAM UG 'How to use an external ID': sts:ExternalId condition in the trust policy",
     action="sts:AssumeRole", resource=TARGET_B, context={"sts:ExternalId": "secret-42"}, identity=allow_id("sts:AssumeRole", TARGET_B),
     resource_policy=trust({"AWS": f"arn:aws:iam::{A}:root"}, cond={"StringEquals": {"sts:ExternalId": "secret-42"}}))
case(f"{fam}-external-id-missing", "ImplicitlyDenied", f"IAM UG 'How to use an external ID': without the external id the trust condition fails",
     action="sts:AssumeRole", resource=TARGET_B, identity=allow_id("sts:AssumeRole", TARGET_B),
     resource_policy=trust({"AWS": f"arn:aws:iam::{A}:root"}, cond={"StringEquals": {"sts:ExternalId": "secret-42"}}))
case(f"{fam}-service-principal", "Allowed", f"{TRUST}: a service (here S3 for replication) assumes a role its trust policy names",
     principal="s3.amazonaws.com", action="sts:AssumeRole", resource=TARGET_A, resource_policy=trust({"Service": "s3.amazonaws.com"}))
case(f"{fam}-service-principal-not-trusted", "ImplicitlyDenied", f"{TRUST}: a service not named in the trust policy cannot assume the role",
     principal="s3.amazonaws.com", action="sts:AssumeRole", resource=TARGET_A, resource_policy=trust({"Service": "batchoperations.s3.amazonaws.com"}))
case(f"{fam}-service-list", "Allowed", f"{TRUST}/{PRINC}: several services in one Service element",
     principal="s3.amazonaws.com", action="sts:AssumeRole", resource=TARGET_A, resource_policy=trust({"Service": ["batchoperations.s3.amazonaws.com", "s3.amazonaws.com"]}))
case(f"{fam}-web-identity", "Allowed", f"IAM UG 'Create a role for OIDC federation': Federated principal with AssumeRoleWithWebIdentity and an aud condition",
     principal=f"arn:aws:iam::{A}:oidc-provider/token.actions.githubusercontent.com", action="sts:AssumeRoleWithWebIdentity", resource=TARGET_A,
     context={"token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:org/app:ref:refs/heads/main"},
     resource_policy=trust({"Federated": f"arn:aws:iam::{A}:oidc-provider/token.actions.githubusercontent.com"}, action="sts:AssumeRoleWithWebIdentity",
                           cond={"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:org/app:*"}}))
case(f"{fam}-web-identity-other-repo", "ImplicitlyDenied", f"IAM UG OIDC federation: the sub condition restricts which workflows may assume",
     principal=f"arn:aws:iam::{A}:oidc-provider/token.actions.githubusercontent.com", action="sts:AssumeRoleWithWebIdentity", resource=TARGET_A,
     context={"token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:evil/app:ref:refs/heads/main"},
     resource_policy=trust({"Federated": f"arn:aws:iam::{A}:oidc-provider/token.actions.githubusercontent.com"}, action="sts:AssumeRoleWithWebIdentity",
                           cond={"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:org/app:*"}}))
case(f"{fam}-saml", "Allowed", f"IAM UG 'Create a role for SAML 2.0 federation': Federated SAML provider with AssumeRoleWithSAML",
     principal=f"arn:aws:iam::{A}:saml-provider/corp", action="sts:AssumeRoleWithSAML", resource=TARGET_A,
     context={"SAML:aud": "https://signin.aws.amazon.com/saml"},
     resource_policy=trust({"Federated": f"arn:aws:iam::{A}:saml-provider/corp"}, action="sts:AssumeRoleWithSAML", cond={"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}))
case(f"{fam}-wrong-action", "ImplicitlyDenied", f"{TRUST}: the trust statement allows AssumeRoleWithWebIdentity, not AssumeRole",
     action="sts:AssumeRole", resource=TARGET_A, resource_policy=trust({"AWS": ROLE}, action="sts:AssumeRoleWithWebIdentity"))
case(f"{fam}-deny", "ExplicitlyDenied", f"{TRUST}/{EVAL}: a Deny in the trust policy wins",
     action="sts:AssumeRole", resource=TARGET_A,
     resource_policy=pol({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{A}:root"}, "Action": "sts:AssumeRole"},
                         {"Effect": "Deny", "Principal": {"AWS": ROLE}, "Action": "sts:AssumeRole"}), identity=allow_id("sts:AssumeRole", "*"))
case(f"{fam}-tag-session", "Allowed", f"IAM UG 'Passing session tags in AWS STS': sts:TagSession must be allowed by the trust policy",
     action="sts:TagSession", resource=TARGET_A, resource_policy=trust({"AWS": ROLE}, action=["sts:AssumeRole", "sts:TagSession"]))
case(f"{fam}-scp-denies-assume", "ExplicitlyDenied", f"{SCP}/{TRUST}: an SCP Deny binds the caller even when the trust policy allows",
     action="sts:AssumeRole", resource=TARGET_B, resource_policy=trust({"AWS": ROLE}), identity=allow_id("sts:AssumeRole", "*"),
     scps=[[FULL, pol(st("Deny", "sts:AssumeRole", f"arn:aws:iam::{B}:role/*"))]])
case(f"{fam}-principal-org-condition", "Allowed", f"{TRUST}/IAM UG global keys: aws:PrincipalOrgID in a trust policy",
     action="sts:AssumeRole", resource=TARGET_B, context={"aws:PrincipalOrgID": "o-mine"}, identity=allow_id("sts:AssumeRole", "*"),
     resource_policy=trust({"AWS": "*"}, cond={"StringEquals": {"aws:PrincipalOrgID": "o-mine"}}))

# ------------------------------------------------------------------------------------------------
# 9. Unknown (symbolic) values — the library's three-valued answer
fam = "unknown"
U = {"unknown": "ARN of CloudFormation resource DataBucket objects"}
case(f"{fam}-context-value", "Depends", f"{OPS}: the outcome depends on the value of aws:SourceVpce, which is not known",
     context={SV: {"unknown": "VPC endpoint id of stack parameter"}}, identity=allow_id(cond={"StringEquals": {SV: "vpce-1"}}))
case(f"{fam}-context-value-null-known", "Allowed", f"{OPS}: Null only asks whether the key is present, which is known",
     context={SV: {"unknown": "VPC endpoint id of stack parameter"}}, identity=allow_id(cond={"Null": {SV: "false"}}))
case(f"{fam}-context-value-stringlike-star", "Allowed", f"{OPS}: any value matches StringLike `*`, a symbolic one too",
     context={SV: {"unknown": "VPC endpoint id"}}, identity=allow_id(cond={"StringLike": {SV: "*"}}))
case(f"{fam}-resource-star", "Allowed", f"{RESOURCE}: `*` matches every resource, a symbolic one too", resource=U, identity=allow_id(resource="*"))
case(f"{fam}-resource-specific", "Depends", f"{RESOURCE}: whether an unknown ARN matches a specific pattern cannot be proven",
     resource=U, identity=allow_id(resource="arn:aws:s3:::data-bucket/*"))
case(f"{fam}-resource-symbol-equal", "Allowed", f"{RESOURCE}: a symbolic value equals itself",
     resource=U, identity=allow_id(resource="{{unknown:ARN of CloudFormation resource DataBucket objects}}"))
case(f"{fam}-principal-symbol-equal", "Allowed", f"{PRINC}: a symbolic principal named by the same symbol in the policy",
     principal={"unknown": "ARN of role ReplicationRole"}, principal_account=A, resource_account=A,
     resource_policy=bucket_policy({"AWS": "{{unknown:ARN of role ReplicationRole}}"}))
case(f"{fam}-principal-vs-concrete", "Depends", f"{PRINC}: whether an unknown principal is a given role cannot be proven",
     principal={"unknown": "ARN of role ReplicationRole"}, principal_account=A, resource_account=A, resource_policy=bucket_policy({"AWS": ROLE}))
case(f"{fam}-principal-account-known", "Allowed", f"{XACCT}: the account of a symbolic principal is known, so an account grant plus its identity policy decide",
     principal={"unknown": "ARN of role ReplicationRole"}, principal_account=A, resource_account=B,
     resource_policy=bucket_policy({"AWS": A}), identity=allow_id())
case(f"{fam}-deny-depends-no-allow", "ImplicitlyDenied", f"{EVAL}: without any Allow the request is denied whatever the unknown Deny condition says",
     context={SV: {"unknown": "endpoint"}}, identity=[pol(st("Deny", "s3:*", "*", cond={"StringNotEquals": {SV: "vpce-1"}}))])
case(f"{fam}-deny-depends", "Depends", f"{EVAL}: an Allow applies, and a Deny applies only for some values of the unknown key",
     context={SV: {"unknown": "endpoint"}}, identity=[pol(st("Allow", "s3:*", "*"), st("Deny", "s3:*", "*", cond={"StringNotEquals": {SV: "vpce-1"}}))])
case(f"{fam}-resource-account", "Depends", f"{XACCT}: whether the request is cross-account depends on the bucket's unknown account",
     resource_account={"unknown": "account of the destination stack"}, identity=allow_id())
case(f"{fam}-explicit-deny-decides", "ExplicitlyDenied", f"{EVAL}: a certain explicit Deny decides regardless of unknown values elsewhere",
     context={SV: {"unknown": "endpoint"}}, identity=[pol(st("Allow", "s3:*", "*", cond={"StringEquals": {SV: "vpce-1"}}), st("Deny", "s3:GetObject", "*"))])

# ------------------------------------------------------------------------------------------------
# Remove only the cases this script wrote before; `audit-*` cases come from generate_audit.py.
os.makedirs(OUT, exist_ok=True)
for old in os.listdir(OUT):
    if old.endswith(".json") and not old.startswith("audit-"):
        os.remove(os.path.join(OUT, old))
seen = set()
for i, (name, c) in enumerate(cases):
    assert re.fullmatch(r"[a-z0-9-]+", name), name
    assert name not in seen, name
    seen.add(name)
    with open(os.path.join(OUT, f"{name}.json"), "w") as f:
        json.dump(c, f, indent=2, ensure_ascii=True)
        f.write("\n")
print(f"wrote {len(cases)} cases to {OUT}")
