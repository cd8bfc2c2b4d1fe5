#!/usr/bin/env node
// pnpm test: the whole suite, in the order a failure is cheapest to explain:
//   build -> vitest (spec lint, generate --check, typecheck, unit tests, contract tests against Prism)
// It ends with one line "N passed, N failed" taken from vitest's JSON report.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { ROOT } from './lib/specs.mjs'

const bin = (name) => join(ROOT, 'node_modules', '.bin', name)
const started = performance.now()

function step(title, cmd, args) {
  const t0 = performance.now()
  console.log(`\n▶ ${title}`)
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' })
  const secs = ((performance.now() - t0) / 1000).toFixed(1)
  if (res.status !== 0) {
    console.error(`✖ ${title} failed (${secs} s)`)
    return false
  }
  console.log(`✔ ${title} (${secs} s)`)
  return true
}

// Spec lint, the generate check and the typecheck run inside vitest (test/checks.test.ts) so they are counted.
const gates = [['build packages (turbo)', bin('turbo'), ['run', 'build', '--output-logs=errors-only']]]

let gatesFailed = 0
for (const [title, cmd, args] of gates) if (!step(title, cmd, args)) gatesFailed++

const reportDir = join(ROOT, '.tmp')
mkdirSync(reportDir, { recursive: true })
const report = join(reportDir, 'vitest-report.json')
rmSync(report, { force: true })
step('vitest (unit, contract, checks)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`])

let passed = 0
let failed = 0
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'))
  passed = json.numPassedTests
  failed = json.numFailedTests
  // A file that failed to load has no tests, but it is a failure all the same.
  failed += json.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length
} else {
  failed = 1
  console.error('vitest wrote no report')
}
const total = ((performance.now() - started) / 1000).toFixed(1)
console.log(`\nwall time ${total} s${gatesFailed ? `; ${gatesFailed} gate(s) failed before the tests` : ''}`)
console.log(`${passed} passed, ${failed + gatesFailed} failed`)
process.exit(failed + gatesFailed === 0 ? 0 : 1)
