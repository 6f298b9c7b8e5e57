#!/usr/bin/env python3
"""Generate src/load/cfn/policy_slots.rs: every CloudFormation resource property that holds an IAM
policy document, with the document kind trustlint lints it as.

Source: the CloudFormation resource provider schemas that the `cfn-lint` PyPI package ships
(cfnlint/data/schemas/providers/us_east_1.py maps each type to cfnlint/data/schemas/resources/<hash>.json).
cfn-lint is MIT-0 licensed; the schemas are AWS's published resource provider schemas. Only type names
and property paths are taken.

Usage:  pip install cfn-lint==<version> && python3 scripts/gen_cfn_policy_slots.py > src/load/cfn/policy_slots.rs

How a property is found: its schema is free-form JSON (`format: json`, or `type` object/[object,string]
without `properties`), reached through `properties`, `items` and `$ref`s; and its name says it is a
policy (`...Polic(y|ies)...`), or it is the `Content` of an Organizations policy. Each candidate is then
classified below; properties that hold JSON documents of another grammar are listed in EXCLUDED with the
reason, and written to the generated file as comments so the audit stays visible.
"""
import json
import os
import re
import sys

import cfnlint

ROOT = os.path.join(os.path.dirname(cfnlint.__file__), "data", "schemas")

# (type, path) → why it is not an IAM policy document.
EXCLUDED = {
    ("AWS::SNS::Subscription", "DeliveryPolicy"): "SNS delivery retry policy",
    ("AWS::SNS::Subscription", "FilterPolicy"): "SNS message filter policy",
    ("AWS::SNS::Subscription", "RedrivePolicy"): "SNS dead-letter settings",
    ("AWS::SNS::Subscription", "ReplayPolicy"): "SNS replay settings",
    ("AWS::SNS::Topic", "ArchivePolicy"): "SNS FIFO archive settings",
    ("AWS::SNS::Topic", "DataProtectionPolicy"): "data protection policy grammar",
    ("AWS::Logs::LogGroup", "DataProtectionPolicy"): "data protection policy grammar",
    ("AWS::SQS::Queue", "RedriveAllowPolicy"): "SQS redrive-allow settings",
    ("AWS::NetworkManager::CoreNetwork", "PolicyDocument"): "Cloud WAN core network policy grammar",
    ("AWS::RAM::Permission", "PolicyTemplate"): "RAM permission template (Effect/Action/Condition only)",
    ("AWS::IoT::Policy", "PolicyDocument"): "AWS IoT Core policy (IoT policy variables, attached to certificates)",
}

IDENTITY = {
    ("AWS::IAM::Policy", "PolicyDocument"),
    ("AWS::IAM::ManagedPolicy", "PolicyDocument"),
    ("AWS::IAM::RolePolicy", "PolicyDocument"),
    ("AWS::IAM::UserPolicy", "PolicyDocument"),
    ("AWS::IAM::GroupPolicy", "PolicyDocument"),
    ("AWS::IAM::Role", "Policies/*/PolicyDocument"),
    ("AWS::IAM::User", "Policies/*/PolicyDocument"),
    ("AWS::IAM::Group", "Policies/*/PolicyDocument"),
    ("AWS::SSO::PermissionSet", "InlinePolicy"),
}


def kind(type_name, path):
    if (type_name, path) in IDENTITY:
        return "Identity"
    if path.endswith("AssumeRolePolicyDocument"):
        return "Trust"
    if type_name in ("AWS::KMS::Key", "AWS::KMS::ReplicaKey") and path == "KeyPolicy":
        return "Key"
    if type_name == "AWS::Organizations::Policy" and path == "Content":
        return "Organization"
    if type_name.startswith("AWS::IAM::"):
        sys.exit(f"unclassified IAM property {type_name} {path}: add it to IDENTITY")
    return "Resource"


def free_json(node):
    t = node.get("type")
    ts = t if isinstance(t, list) else [t]
    if "properties" in node or "patternProperties" in node:
        return False
    return node.get("format") == "json" or "object" in ts


def walk(schema, node, path, out, seen):
    if not isinstance(node, dict):
        return
    ref = node.get("$ref")
    if ref:
        if ref in seen:
            return
        target = schema.get("definitions", {}).get(ref.split("/")[-1], {})
        walk(schema, target, path, out, seen | {ref})
        return
    if path and free_json(node):
        out.append("/".join(path))
    for k, v in node.get("properties", {}).items():
        walk(schema, v, path + [k], out, seen)
    if isinstance(node.get("items"), dict):
        walk(schema, node["items"], path + ["*"], out, seen)


def main():
    with open(os.path.join(ROOT, "providers", "us_east_1.py")) as f:
        types = dict(re.findall(r'"([A-Za-z0-9:]+)": "([0-9a-f]{16})"', f.read()))
    slots, excluded = [], []
    for type_name in sorted(types):
        with open(os.path.join(ROOT, "resources", types[type_name] + ".json")) as f:
            schema = json.load(f)
        paths = []
        walk(schema, {"properties": schema.get("properties", {})}, [], paths, frozenset())
        for p in paths:
            leaf = p.split("/")[-1]
            org = type_name.startswith("AWS::Organizations::") and leaf == "Content"
            if not (re.search(r"Polic(y|ies)", leaf) or org):
                continue
            if (type_name, p) in EXCLUDED:
                excluded.append((type_name, p, EXCLUDED[(type_name, p)]))
            else:
                slots.append((type_name, p, kind(type_name, p)))
    for key in EXCLUDED:
        if not any((t, p) == key for t, p, _ in excluded):
            sys.exit(f"EXCLUDED entry {key} no longer in the schemas")
    w = sys.stdout.write
    w("// @generated by scripts/gen_cfn_policy_slots.py from the CloudFormation resource provider schemas\n")
    w(f"// shipped in cfn-lint {cfnlint.version.__version__} (MIT-0), region us-east-1. Do not edit by hand.\n")
    w("//! Every CloudFormation resource property that holds an IAM policy document.\n\n")
    w("/// How a property's document is linted.\n")
    w("#[derive(Debug, Clone, Copy, PartialEq, Eq)]\n")
    w("pub enum SlotKind {\n    Identity,\n    Resource,\n    Trust,\n    Key,\n")
    w("    /// `AWS::Organizations::Policy` `Content`: an SCP or RCP by the policy's `Type`, else not IAM.\n")
    w("    Organization,\n}\n\n")
    w("/// (resource type, property path (`*` = each list element), kind), sorted by type.\n")
    w("#[rustfmt::skip]\n")
    w("pub const SLOTS: &[(&str, &[&str], SlotKind)] = &[\n")
    for t, p, k in slots:
        segs = ", ".join(f'"{s}"' for s in p.split("/"))
        w(f'    ("{t}", &[{segs}], SlotKind::{k}),\n')
    w("];\n\n")
    w("// Free-form JSON properties named like policies that are not IAM policy documents:\n")
    for t, p, why in excluded:
        w(f"// - {t} {p}: {why}\n")


if __name__ == "__main__":
    main()
