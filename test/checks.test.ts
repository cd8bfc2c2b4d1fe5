// The repository-wide gates, as tests so that they count: specs lint clean, generated code matches the specs,
// everything hand-written type-checks.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listSpecs } from '../scripts/lib/specs.mjs'
import { ROOT } from './support/paths.js'

function run(cmd: string, args: string[]) {
  const res = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8' })
  return { status: res.status, output: `${res.stdout}\n${res.stderr}` }
}
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name)

describe('repository gates', () => {
  it('redocly lint (recommended ruleset) reports 0 errors for every spec', () => {
    const { status, output } = run(bin('redocly'), ['lint', '--format=stylish', ...listSpecs().map((s) => `specs/${s.file}`)])
    expect(output, output).not.toMatch(/\d+ errors? /)
    expect(status, output).toBe(0)
  }, 120_000)

  it('generated code is what the specs produce now (pnpm generate --check)', () => {
    const { status, output } = run(process.execPath, ['scripts/generate.mjs', '--check'])
    expect(status, output).toBe(0)
  }, 120_000)

  it('everything hand-written type-checks (tsc --noEmit)', () => {
    const { status, output } = run(bin('tsc'), ['-p', 'tsconfig.json'])
    expect(status, output).toBe(0)
  }, 180_000)
})
