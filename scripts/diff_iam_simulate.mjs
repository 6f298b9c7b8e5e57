// Driver for diff_iam_simulate.sh: random requests → trustlint simulate and @cloud-copilot/iam-simulate.
// Usage: node diff_iam_simulate.mjs TRUSTLINT_BIN COUNT SEED OUTDIR   (NODE_PATH must reach the oracle)
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import fs from 'node:fs'
import path from 'node:path'

const require = createRequire(path.join(process.env.NODE_PATH || '.', 'x.js'))
const { runSimulation } = require('@cloud-copilot/iam-simulate')

const [bin, countArg, seedArg, outDir] = process.argv.slice(2)
const COUNT = Number(countArg || 1000)
let seed = Number(seedArg || 1) >>> 0

// mulberry32
function rnd() {
  seed = (seed + 0x6d2b79f5) >>> 0
  let t = seed
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pick = (xs) => xs[Math.floor(rnd() * xs.length)]
const chance = (p) => rnd() < p
const some = (xs, max) => {
  const n = 1 + Math.floor(rnd() * max)
  return Array.from({ length: n }, () => pick(xs))
}

const A = '111111111111'
const B = '222222222222'
const principals = [
  `arn:aws:iam::${A}:role/app`,
  `arn:aws:sts::${A}:assumed-role/app/worker`,
  `arn:aws:iam::${A}:user/alice`,
  `arn:aws:iam::${B}:role/partner`,
]
const targets = [
  { resource: 'arn:aws:s3:::data/reports/q1.csv', account: A, actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'] },
  { resource: 'arn:aws:s3:::data/reports/q1.csv', account: B, actions: ['s3:GetObject', 's3:PutObject'] },
  { resource: `arn:aws:sqs:us-east-1:${A}:jobs`, account: A, actions: ['sqs:SendMessage', 'sqs:ReceiveMessage'] },
  { resource: `arn:aws:sqs:us-east-1:${B}:jobs`, account: B, actions: ['sqs:SendMessage'] },
  { resource: `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, account: A, actions: ['kms:Decrypt', 'kms:Encrypt'] },
  { resource: `arn:aws:kms:us-east-1:${B}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, account: B, actions: ['kms:Decrypt', 'kms:Encrypt'] },
]
const actionPatterns = ['s3:GetObject', 's3:Get*', 's3:*', '*', 'S3:getobject', 's3:*Object', 's3:PutObject', 'sqs:*', 'sqs:SendMessage',
  'kms:Decrypt', 'kms:*', 'kms:Encrypt*', 'kms:?ecrypt', 'iam:*']
const resourcePatterns = ['*', 'arn:aws:s3:::data/*', 'arn:aws:s3:::data/reports/*', 'arn:aws:s3:::data', 'arn:aws:s3:::Data/*',
  'arn:aws:s3:::data/reports/q?.csv', `arn:aws:sqs:*:${A}:jobs`, `arn:aws:sqs:us-east-1:*:jobs`, 'arn:aws:sqs:*', `arn:aws:kms:us-east-1:${A}:key/*`,
  `arn:aws:kms:*:${B}:key/*`, 'arn:aws:kms:us-east-1:*:key/1234abcd-12ab-34cd-56ef-1234567890ab']
const contextPool = {
  'aws:SourceIp': ['203.0.113.9', '198.51.100.7', '2001:db8::1'],
  'aws:SecureTransport': ['true', 'false'],
  'aws:PrincipalTag/team': ['data', 'ops', 'Data'],
  'aws:CurrentTime': ['2024-06-01T12:00:00Z', '2031-01-01T00:00:00Z'],
  'aws:PrincipalOrgID': ['o-mine', 'o-other'],
  'aws:SourceVpce': ['vpce-1', 'vpce-2'],
  'aws:MultiFactorAuthAge': ['100', '5000'],
}
const conditions = [
  () => ({ IpAddress: { 'aws:SourceIp': pick(['203.0.113.0/24', '2001:db8::/32', '10.0.0.0/8']) } }),
  () => ({ NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '192.0.2.0/24'] } }),
  () => ({ Bool: { 'aws:SecureTransport': pick(['true', 'false']) } }),
  () => ({ BoolIfExists: { 'aws:SecureTransport': 'false' } }),
  () => ({ StringEquals: { 'aws:PrincipalTag/team': pick(['data', 'ops']) } }),
  () => ({ StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'DATA' } }),
  () => ({ StringLike: { 'aws:PrincipalTag/team': pick(['d*', '?ps', '*']) } }),
  () => ({ StringNotEquals: { 'aws:PrincipalOrgID': 'o-mine' } }),
  () => ({ StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-mine' } }),
  () => ({ StringEquals: { 'aws:SourceVpce': ['vpce-1', 'vpce-3'] } }),
  () => ({ DateLessThan: { 'aws:CurrentTime': pick(['2030-01-01T00:00:00Z', '2020-01-01']) } }),
  () => ({ NumericLessThan: { 'aws:MultiFactorAuthAge': pick(['3600', '60']) } }),
  () => ({ Null: { 'aws:SourceVpce': pick(['true', 'false']) } }),
  () => ({ ArnLike: { 'aws:PrincipalArn': pick([`arn:aws:iam::${A}:role/*`, `arn:aws:iam::*:user/alice`]) } }),
  () => ({ ArnNotEquals: { 'aws:PrincipalArn': `arn:aws:iam::${A}:role/app` } }),
  () => ({ StringEquals: { 'aws:PrincipalAccount': pick([A, B]) } }),
]
const resPrincipals = ['*', { AWS: '*' }, { AWS: A }, { AWS: `arn:aws:iam::${A}:root` }, { AWS: `arn:aws:iam::${A}:role/app` },
  { AWS: `arn:aws:sts::${A}:assumed-role/app/worker` }, { AWS: `arn:aws:iam::${A}:user/alice` }, { AWS: `arn:aws:iam::${B}:root` },
  { AWS: `arn:aws:iam::${B}:role/partner` }]

function statement(withPrincipal) {
  const s = { Effect: chance(0.8) ? 'Allow' : 'Deny' }
  if (withPrincipal) s.Principal = pick(resPrincipals)
  if (chance(0.1)) s.NotAction = some(actionPatterns, 2)
  else s.Action = some(actionPatterns, 3)
  if (chance(0.1)) s.NotResource = some(resourcePatterns, 2)
  else s.Resource = some(resourcePatterns, 3)
  if (chance(0.35)) {
    s.Condition = {}
    for (const c of some(conditions, 2)) Object.assign(s.Condition, c())
  }
  return s
}
const policy = (withPrincipal, max) => ({
  Version: '2012-10-17',
  Statement: Array.from({ length: 1 + Math.floor(rnd() * max) }, () => statement(withPrincipal)),
})

function randomCase() {
  const t = pick(targets)
  const principal = pick(principals)
  const context = {}
  for (const [k, vs] of Object.entries(contextPool)) if (chance(0.5)) context[k] = pick(vs)
  // trustlint derives these global keys from the principal; the oracle expects them in the context.
  context['aws:PrincipalAccount'] = principal.split(':')[4]
  context['aws:PrincipalArn'] = principal.replace(/^arn:aws:sts::(\d+):assumed-role\/([^/]+)\/.*$/, 'arn:aws:iam::$1:role/$2')
  const c = {
    request: { principal, action: pick(t.actions), resource: t.resource, resourceAccount: t.account, context },
    identityPolicies: Array.from({ length: Math.floor(rnd() * 3) }, () => policy(false, 3)),
  }
  if (chance(0.7)) c.resourcePolicy = policy(true, 3)
  if (chance(0.2)) c.permissionBoundary = policy(false, 2)
  if (chance(0.2)) c.scps = [[{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }], [policy(false, 2)]]
  return c
}

async function oracle(c) {
  const sim = {
    request: {
      principal: c.request.principal,
      action: c.request.action,
      resource: { resource: c.request.resource, accountId: c.request.resourceAccount },
      contextVariables: c.request.context,
    },
    identityPolicies: c.identityPolicies.map((p, i) => ({ name: `identity${i}`, policy: p })),
    serviceControlPolicies: (c.scps || []).map((level, i) => ({
      orgIdentifier: i === 0 ? 'r-root' : `ou-${i}`,
      policies: level.map((p, j) => ({ name: `scp${i}${j}`, policy: p })),
    })),
    resourceControlPolicies: [],
    resourcePolicy: c.resourcePolicy,
    permissionBoundaryPolicies: c.permissionBoundary ? [{ name: 'boundary', policy: c.permissionBoundary }] : undefined,
  }
  const r = await runSimulation(sim, {})
  if (r.resultType === 'error') return { error: JSON.stringify(r.errors).slice(0, 300) }
  return { decision: r.overallResult }
}

function trustlint(file) {
  const r = spawnSync(bin, ['simulate', file], { encoding: 'utf8' })
  if (r.status !== 0) return { error: r.stderr.trim() }
  return { decision: JSON.parse(r.stdout).decision }
}

fs.rmSync(outDir, { recursive: true, force: true })
fs.mkdirSync(path.join(outDir, 'disagree'), { recursive: true })
let agree = 0
let disagree = 0
let oracleErrors = 0
let ourErrors = 0
const byPair = {}
for (let i = 0; i < COUNT; i++) {
  const c = randomCase()
  const file = path.join(outDir, 'case.json')
  fs.writeFileSync(file, JSON.stringify(c, null, 2))
  const theirs = await oracle(c)
  if (theirs.error) {
    oracleErrors++
    continue
  }
  const ours = trustlint(file)
  if (ours.error) {
    ourErrors++
    console.log(`case ${i}: trustlint error: ${ours.error}`)
    continue
  }
  if (ours.decision === theirs.decision) {
    agree++
  } else {
    disagree++
    const key = `trustlint=${ours.decision} oracle=${theirs.decision}`
    byPair[key] = (byPair[key] || 0) + 1
    fs.writeFileSync(path.join(outDir, 'disagree', `case-${i}.json`), JSON.stringify({ trustlint: ours.decision, oracle: theirs.decision, ...c }, null, 2))
  }
}
const compared = agree + disagree
console.log(`requests: ${COUNT}; compared: ${compared}; agree: ${agree} (${((100 * agree) / Math.max(compared, 1)).toFixed(2)}%); disagree: ${disagree}`)
console.log(`oracle rejected (validation): ${oracleErrors}; trustlint errors: ${ourErrors}`)
for (const [k, v] of Object.entries(byPair)) console.log(`  ${v}  ${k}`)
console.log(`disagreements written to ${path.join(outDir, 'disagree')}`)
