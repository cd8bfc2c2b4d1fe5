#!/usr/bin/env node
// pnpm release [--dry-run]: build every package, publish each one whose version is not on the registry yet
// (pnpm publish -r skips the rest), then tag the released versions. With --dry-run nothing is uploaded or tagged:
// pnpm packs and checks each package and prints what it would publish.
// Versions and CHANGELOGs come first, from `pnpm version-packages` (changesets).
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { ROOT } from './lib/specs.mjs'

const dryRun = process.argv.includes('--dry-run')
const skipBuild = process.argv.includes('--skip-build')
// Inside `pnpm run`, npm_execpath is pnpm itself; otherwise fall back to the one npx provides.
const pnpm = process.env.npm_execpath?.includes('pnpm')
  ? [process.execPath, process.env.npm_execpath]
  : ['npx', '-y', 'pnpm@10']

function run(cmd, args) {
  console.log(`$ ${[cmd, ...args].join(' ')}`)
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' })
  if (res.status !== 0) process.exit(res.status ?? 1)
}

if (!skipBuild) run(join(ROOT, 'node_modules', '.bin', 'turbo'), ['run', 'build', '--output-logs=errors-only'])
run(pnpm[0], [...pnpm.slice(1), 'publish', '-r', '--access', 'public', '--no-git-checks', ...(dryRun ? ['--dry-run'] : [])])
if (!dryRun) run(join(ROOT, 'node_modules', '.bin', 'changeset'), ['tag'])
