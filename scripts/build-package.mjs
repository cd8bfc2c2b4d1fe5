#!/usr/bin/env node
// Builds the package in the current directory: ESM and CommonJS, each with its own declarations (so both
// `import` and `require` get types of the right module kind), plus the package's spec as openapi.yaml.
import { spawnSync } from 'node:child_process'
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { ROOT } from './lib/specs.mjs'

const require = createRequire(import.meta.url)
const tsc = require.resolve('typescript/bin/tsc')
const pkg = JSON.parse(readFileSync('package.json', 'utf8'))

function run(args) {
  const res = spawnSync(process.execPath, [tsc, ...args], { stdio: 'inherit' })
  if (res.status !== 0) process.exit(res.status ?? 1)
}

rmSync('dist', { recursive: true, force: true })
run(['-p', 'tsconfig.json', '--outDir', 'dist/esm'])
run(['-p', 'tsconfig.json', '--outDir', 'dist/cjs', '--module', 'commonjs', '--moduleResolution', 'node10',
  '--verbatimModuleSyntax', 'false'])
writeFileSync('dist/cjs/package.json', '{ "type": "commonjs" }\n')
if (pkg.parley?.spec) copyFileSync(join(ROOT, 'specs', pkg.parley.spec), 'openapi.yaml')
