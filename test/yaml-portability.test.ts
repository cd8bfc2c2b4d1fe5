// Users feed our specs to tools in other ecosystems (Python validators, oasdiff on go-yaml, openapi-generator on
// SnakeYAML). Those parsers are stricter than ours and read YAML 1.1, where `yes`, `on`, `2020-06-26` or `1e3` mean
// something else than in YAML 1.2. So every spec must parse in PyYAML (`yaml.safe_load`, run by python3 in a child
// process) and give the very document our own parser (`yaml`, which the generator and the mocks' setup use) gives.
// python3-yaml is installed with apt-get when it is missing and the run is root; otherwise the test fails.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { listSpecs } from '../scripts/lib/specs.mjs'

// Values JSON cannot hold (dates, timestamps, sets) come back tagged, so a YAML 1.1 reading shows up in the diff.
const PYTHON = `
import json, sys, yaml
with open(sys.argv[1], encoding="utf-8") as f:
    doc = yaml.safe_load(f)
json.dump(doc, sys.stdout, default=lambda v: {"__yaml11__": type(v).__name__, "value": str(v)})
`

function python(args: string[]) {
  const res = spawnSync('python3', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return { status: res.status, stdout: res.stdout ?? '', stderr: res.error ? res.error.message : (res.stderr ?? '') }
}

function ensurePyYaml(): void {
  if (python(['-c', 'import yaml']).status === 0) return
  const hint = 'python3 with PyYAML is needed (Debian: apt-get install -y python3-yaml)'
  if (process.getuid?.() !== 0) throw new Error(`${hint}; installing it needs root`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'python3-yaml']]) {
    const res = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], { encoding: 'utf8', env })
    if (res.status !== 0) throw new Error(`${hint}; apt-get ${args[0]} exited with ${res.status}:\n${res.stderr}`)
  }
  const check = python(['-c', 'import yaml'])
  if (check.status !== 0) throw new Error(`${hint}; still missing after apt-get:\n${check.stderr}`)
}

describe('specs are portable YAML', () => {
  beforeAll(ensurePyYaml, 600_000)

  for (const spec of listSpecs()) {
    it(`specs/${spec.file} parses in PyYAML (safe_load) to the same document as ours`, () => {
      const res = python(['-c', PYTHON, spec.path])
      expect(res.stderr.trim().split('\n').slice(-6).join('\n'), `PyYAML cannot read specs/${spec.file}`).toBe('')
      expect(res.status).toBe(0)
      const theirs: unknown = JSON.parse(res.stdout)
      const ours: unknown = JSON.parse(JSON.stringify(parse(readFileSync(spec.path, 'utf8'))))
      expect(theirs).toEqual(ours)
    })
  }
})
