#!/usr/bin/env python3
"""Generate a deterministic corpus of realistic IAM policy documents for benchmarking.

    python3 benches/gen_corpus.py OUT_DIR [-n 5000] [--seed 42]
    python3 benches/gen_corpus.py OUT_DIR --statements 2000   # one huge policy (scaling check)

Standard library only. The same seed and arguments always produce byte-identical files.

The mix: identity policies (S3 replication role, KMS usage with kms:ViaService,
EC2/IAM admin-ish, NotAction deny guards), bucket policies (cross-account
replication destination, SecureTransport deny), KMS key policies (root
delegation + cross-account), role trust policies (s3.amazonaws.com,
cross-account with sts:ExternalId), and AWS CLI output shapes
(`get-bucket-policy` `{"Policy": "<escaped>"}`, `get-role`).
About 5% of files carry a mistake (unknown action, bad Version, trailing
comma, wildcard principal, NotPrincipal).
"""

import argparse
import json
import os
import random
import sys

REGIONS = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"]
WORDS = [
    "data", "logs", "backup", "archive", "media", "reports", "billing", "ml", "etl", "web",
    "assets", "audit", "events", "exports", "raw", "curated", "landing", "staging", "prod", "dev",
]

S3_READ = ["s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTagging", "s3:GetObjectAcl", "s3:ListBucket",
           "s3:GetBucketLocation", "s3:ListBucketVersions", "s3:GetObjectVersionTagging"]
S3_WRITE = ["s3:PutObject", "s3:DeleteObject", "s3:PutObjectTagging", "s3:PutObjectAcl", "s3:AbortMultipartUpload"]
S3_REPL_SRC = ["s3:GetReplicationConfiguration", "s3:ListBucket"]
S3_REPL_OBJ = ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"]
S3_REPL_DST = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"]
KMS_USE = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncrypt*", "kms:DescribeKey",
           "kms:GenerateDataKeyWithoutPlaintext"]
KMS_ADMIN = ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
             "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
             "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"]
EC2 = ["ec2:DescribeInstances", "ec2:StartInstances", "ec2:StopInstances", "ec2:RunInstances", "ec2:Describe*",
       "ec2:CreateTags", "ec2:TerminateInstances", "ec2:AttachVolume", "ec2:DetachVolume", "ec2:CreateSnapshot"]
IAM = ["iam:PassRole", "iam:GetRole", "iam:ListRoles", "iam:CreateRole", "iam:AttachRolePolicy",
       "iam:PutRolePolicy", "iam:Get*", "iam:List*", "iam:CreateServiceLinkedRole", "iam:TagRole"]
MISC = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "cloudwatch:PutMetricData",
        "sqs:SendMessage", "sqs:ReceiveMessage", "sns:Publish", "dynamodb:GetItem", "dynamodb:PutItem",
        "dynamodb:Query", "lambda:InvokeFunction", "secretsmanager:GetSecretValue", "ssm:GetParameter",
        "ssm:GetParametersByPath", "sts:AssumeRole", "cloudtrail:LookupEvents"]
GUARD_NOTACTION = ["iam:*", "sts:*", "organizations:*", "support:*", "account:*", "aws-portal:*"]

# Mistakes (each ~1% of files, ~5% in total).
TYPO_ACTIONS = ["s3:ReplicateObjects", "s3:GetObjects", "kms:Decrypts", "ec2:DescribeInstance", "iam:PassRoles",
                "s3:PutObjectACL2", "kms:GenerateDatakeys"]
TRUST_TYPOS = ["sts:AssumeRoles", "sts:AssumeRoleWithSAMl", "sts:TagSessions"]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    # ---------- small helpers ----------
    def acct(self):
        return "%012d" % self.r.randrange(10 ** 11, 10 ** 12)

    def region(self):
        return self.r.choice(REGIONS)

    def bucket(self):
        return "%s-%s-%s-%d" % (self.r.choice(WORDS), self.r.choice(WORDS), self.region(), self.r.randrange(1000))

    def key_id(self):
        h = "%032x" % self.r.getrandbits(128)
        return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])

    def key_arn(self, acct=None):
        return "arn:aws:kms:%s:%s:key/%s" % (self.region(), acct or self.acct(), self.key_id())

    def role_arn(self, acct=None):
        return "arn:aws:iam::%s:role/%s-%s" % (acct or self.acct(), self.r.choice(WORDS), self.r.choice(WORDS))

    def sample(self, pool, lo=1, hi=4):
        return self.r.sample(pool, min(len(pool), self.r.randint(lo, hi)))

    def one_or_list(self, xs):
        return xs[0] if len(xs) == 1 and self.r.random() < 0.5 else xs

    def sid(self, base, i):
        return "%s%d" % (base, i)

    # ---------- statement builders ----------
    def st_s3_rw(self, i):
        b = self.bucket()
        acts = self.sample(S3_READ + S3_WRITE, 1, 5)
        res = ["arn:aws:s3:::%s" % b, "arn:aws:s3:::%s/*" % b]
        return {"Sid": self.sid("S3Access", i), "Effect": "Allow", "Action": self.one_or_list(acts), "Resource": res}

    def st_s3_repl(self, i):
        b = self.bucket()
        k = i % 3
        if k == 0:
            return {"Sid": self.sid("SourceBucket", i), "Effect": "Allow", "Action": S3_REPL_SRC,
                    "Resource": "arn:aws:s3:::%s" % b}
        if k == 1:
            return {"Sid": self.sid("SourceObjects", i), "Effect": "Allow", "Action": S3_REPL_OBJ,
                    "Resource": "arn:aws:s3:::%s/*" % b}
        return {"Sid": self.sid("Destination", i), "Effect": "Allow", "Action": self.sample(S3_REPL_DST, 2, 4),
                "Resource": "arn:aws:s3:::%s/*" % b}

    def st_kms_use(self, i):
        region = self.region()
        svc = self.r.choice(["s3", "dynamodb", "sqs", "secretsmanager", "ebs"])
        if svc == "ebs":
            svc = "ec2"
        st = {"Sid": self.sid("KmsUse", i), "Effect": "Allow", "Action": self.sample(KMS_USE, 1, 4),
              "Resource": self.key_arn()}
        st["Condition"] = {"StringEquals": {"kms:ViaService": "%s.%s.amazonaws.com" % (svc, region)}}
        if self.r.random() < 0.3:
            st["Condition"]["StringLike"] = {"kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::%s/*" % self.bucket()}
        return st

    def st_ec2_iam(self, i):
        acts = self.sample(EC2 + IAM + MISC, 1, 6)
        st = {"Sid": self.sid("Ops", i), "Effect": "Allow", "Action": self.one_or_list(acts), "Resource": "*"}
        if any(a.startswith("iam:PassRole") for a in acts) and self.r.random() < 0.7:
            st["Condition"] = {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}
        elif self.r.random() < 0.3:
            st["Condition"] = {"StringEquals": {"aws:RequestedRegion": self.sample(REGIONS, 1, 3)}}
        return st

    def st_notaction_guard(self, i):
        return {"Sid": self.sid("DenyOutsideRegions", i), "Effect": "Deny",
                "NotAction": self.sample(GUARD_NOTACTION, 2, 5), "Resource": "*",
                "Condition": {"StringNotEquals": {"aws:RequestedRegion": self.sample(REGIONS, 1, 3)}}}

    def st_misc(self, i):
        acts = self.sample(MISC, 1, 4)
        return {"Sid": self.sid("Misc", i), "Effect": "Allow", "Action": self.one_or_list(acts), "Resource": "*"}

    # ---------- documents ----------
    def identity(self, n):
        builders = [self.st_s3_rw, self.st_s3_repl, self.st_kms_use, self.st_ec2_iam, self.st_notaction_guard,
                    self.st_misc]
        flavour = self.r.randrange(4)
        if flavour == 0:  # S3 replication role policy
            weights = [1, 6, 2, 0, 0, 1]
        elif flavour == 1:  # KMS usage
            weights = [2, 0, 6, 0, 0, 1]
        elif flavour == 2:  # EC2/IAM admin-ish
            weights = [1, 0, 1, 6, 1, 2]
        else:  # guarded
            weights = [2, 1, 1, 2, 3, 2]
        sts = [self.r.choices(builders, weights)[0](i) for i in range(n)]
        return {"Version": "2012-10-17", "Statement": sts}

    def bucket_policy(self, n):
        b = self.bucket()
        src = self.acct()
        sts = []
        for i in range(n):
            k = self.r.randrange(3)
            if k == 0:  # cross-account replication destination
                sts.append({"Sid": self.sid("ReplicationDest", i), "Effect": "Allow",
                            "Principal": {"AWS": self.role_arn(src)},
                            "Action": self.sample(S3_REPL_DST, 2, 4), "Resource": "arn:aws:s3:::%s/*" % b})
            elif k == 1:
                sts.append({"Sid": self.sid("ReplicationBucket", i), "Effect": "Allow",
                            "Principal": {"AWS": "arn:aws:iam::%s:root" % src},
                            "Action": ["s3:List*", "s3:GetBucketVersioning", "s3:PutBucketVersioning"],
                            "Resource": "arn:aws:s3:::%s" % b})
            else:
                sts.append({"Sid": self.sid("DenyInsecureTransport", i), "Effect": "Deny", "Principal": "*",
                            "Action": "s3:*", "Resource": ["arn:aws:s3:::%s" % b, "arn:aws:s3:::%s/*" % b],
                            "Condition": {"Bool": {"aws:SecureTransport": "false"}}})
        return {"Version": "2012-10-17", "Id": "BucketPolicy-%s" % b, "Statement": sts}

    def key_policy(self, n):
        owner = self.acct()
        sts = [{"Sid": "EnableRootPermissions", "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::%s:root" % owner}, "Action": "kms:*", "Resource": "*"}]
        for i in range(1, n):
            k = self.r.randrange(3)
            if k == 0:
                sts.append({"Sid": self.sid("KeyAdmins", i), "Effect": "Allow",
                            "Principal": {"AWS": self.role_arn(owner)}, "Action": self.sample(KMS_ADMIN, 3, 10),
                            "Resource": "*"})
            elif k == 1:
                other = self.acct()
                sts.append({"Sid": self.sid("CrossAccountUse", i), "Effect": "Allow",
                            "Principal": {"AWS": ["arn:aws:iam::%s:root" % other, self.role_arn(other)]},
                            "Action": self.sample(KMS_USE, 2, 5), "Resource": "*",
                            "Condition": {"StringEquals": {"kms:ViaService": "s3.%s.amazonaws.com" % self.region()}}})
            else:
                sts.append({"Sid": self.sid("AllowGrants", i), "Effect": "Allow",
                            "Principal": {"AWS": self.role_arn(owner)},
                            "Action": ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], "Resource": "*",
                            "Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"}}})
        return {"Version": "2012-10-17", "Id": "key-policy-%d" % self.r.randrange(10 ** 6), "Statement": sts}

    def trust_policy(self, n):
        sts = []
        for i in range(n):
            k = self.r.randrange(3)
            if k == 0:
                sts.append({"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"},
                            "Action": "sts:AssumeRole"})
            elif k == 1:
                sts.append({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root" % self.acct()},
                            "Action": "sts:AssumeRole",
                            "Condition": {"StringEquals": {"sts:ExternalId": "ext-%08x" % self.r.getrandbits(32)}}})
            else:
                sts.append({"Effect": "Allow",
                            "Principal": {"Service": self.sample(["ec2.amazonaws.com", "lambda.amazonaws.com",
                                                                  "batchoperations.s3.amazonaws.com"], 1, 2)},
                            "Action": ["sts:AssumeRole", "sts:TagSession"]})
        return {"Version": "2012-10-17", "Statement": sts}

    # ---------- mistakes ----------
    def inject_mistake(self, doc, kind):
        """Mutate a policy dict in place; returns 'trailing-comma' when the text must be broken instead."""
        k = self.r.randrange(5)
        sts = doc["Statement"]
        st = sts[self.r.randrange(len(sts))]
        if k == 0:
            key = "NotAction" if "NotAction" in st else "Action"
            acts = st[key] if isinstance(st[key], list) else [st[key]]
            typo = self.r.choice(TRUST_TYPOS if kind == "trust" else TYPO_ACTIONS)
            st[key] = acts + [typo]
        elif k == 1:
            doc["Version"] = self.r.choice(["2012-10-18", "2008-10-17 ", "2012-10-17T00:00:00Z", "latest"])
        elif k == 2:
            return "trailing-comma"
        elif k == 3:
            st["Effect"] = "Allow"
            st["Principal"] = self.r.choice(["*", {"AWS": "*"}])
            if "NotAction" not in st:
                st.setdefault("Action", "s3:GetObject")
            if kind != "trust":
                st.setdefault("Resource", "*")
        else:
            st["Effect"] = "Allow"
            st.pop("Principal", None)
            st["NotPrincipal"] = {"AWS": "arn:aws:iam::%s:root" % self.acct()}
            if kind != "trust":
                st.setdefault("Resource", "*")
        return None

    # ---------- files ----------
    def document(self, idx, statements=None):
        n = statements or self.r.choices([1, 2, 3, 4, 6, 8, 12, 20, 30], [14, 18, 16, 14, 12, 10, 8, 5, 3])[0]
        kind = self.r.choices(["identity", "bucket", "key", "trust"], [45, 20, 15, 20])[0]
        doc = {"identity": self.identity, "bucket": self.bucket_policy, "key": self.key_policy,
               "trust": self.trust_policy}[kind](n)
        broken = None
        if statements is None and self.r.random() < 0.05:
            broken = self.inject_mistake(doc, kind)
        indent = self.r.choice([2, 4, None]) if statements is None else 2
        shape = self.r.random() if statements is None else 1.0
        if shape < 0.07 and kind == "bucket":
            # aws s3api get-bucket-policy
            text = json.dumps({"Policy": json.dumps(doc, separators=(",", ":"))}, indent=4)
        elif shape < 0.12 and kind == "trust":
            # aws iam get-role
            name = "%s-%s-%d" % (self.r.choice(WORDS), self.r.choice(WORDS), idx)
            acct = self.acct()
            text = json.dumps({"Role": {
                "Path": "/", "RoleName": name, "RoleId": "AROA%016X" % self.r.getrandbits(64),
                "Arn": "arn:aws:iam::%s:role/%s" % (acct, name), "CreateDate": "2024-03-01T12:00:00+00:00",
                "AssumeRolePolicyDocument": doc, "MaxSessionDuration": 3600,
                "RoleLastUsed": {}}}, indent=4)
        else:
            text = json.dumps(doc, indent=indent)
        if broken == "trailing-comma":
            # A trailing comma after the last statement: strict JSON rejects it.
            cut = text.rfind("}")
            cut = text.rfind("}", 0, cut)
            text = text[:cut + 1] + "," + text[cut + 1:]
        return kind, text + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="output directory (created; existing *.json files in it are removed)")
    ap.add_argument("-n", "--count", type=int, default=5000, help="number of files (default 5000)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--statements", type=int, metavar="K",
                    help="write one identity policy with K statements (huge.json) instead of a corpus")
    args = ap.parse_args(argv)

    os.makedirs(args.out, exist_ok=True)
    for f in os.listdir(args.out):
        if f.endswith(".json"):
            os.remove(os.path.join(args.out, f))
    g = Gen(args.seed)
    if args.statements:
        doc = g.identity(args.statements)
        # Sids must stay unique for a single identity policy; the builders number them by index.
        path = os.path.join(args.out, "huge.json")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(doc, indent=2) + "\n")
        print("wrote %s (%d statements, %d bytes)" % (path, args.statements, os.path.getsize(path)),
              file=sys.stderr)
        return 0
    total = 0
    width = len(str(args.count))
    for i in range(args.count):
        kind, text = g.document(i)
        path = os.path.join(args.out, "%s-%0*d.json" % (kind, width, i))
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        total += len(text.encode("utf-8"))
    print("wrote %d files, %d bytes, to %s" % (args.count, total, args.out), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
