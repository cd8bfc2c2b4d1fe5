#!/usr/bin/env node
// pnpm demo: starts a Prism mock per spec, runs the tour in examples/ against them, stops the mocks (by pid),
// whatever the tour does.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { listSpecs, ROOT } from './lib/specs.mjs'
// Prism is started and stopped (by its own pid) by @parley/testing, built before this script runs.
import { startMocks } from '../packages/testing/dist/esm/index.js'

const tsxCli = createRequire(join(ROOT, 'examples', 'package.json')).resolve('tsx/cli')
const mocks = await startMocks(listSpecs().map((s) => s.path))
const env = { ...process.env }
for (const m of mocks) env[`PARLEY_MOCK_${m.name.toUpperCase().replaceAll('-', '_')}`] = m.url
console.log(`Prism mocks up: ${mocks.map((m) => `${m.name} ${m.url}`).join(', ')}\n`)

let code = 1
try {
  code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [tsxCli, 'tour.ts'], {
      cwd: join(ROOT, 'examples'),
      env,
      stdio: 'inherit',
    })
    child.on('exit', (c) => resolve(c ?? 1))
  })
} finally {
  await Promise.all(mocks.map((m) => m.stop()))
}
process.exit(code)
