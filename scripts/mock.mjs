#!/usr/bin/env node
// pnpm mock [api...]: serves Prism mocks of the specs (all, or the ones named) until Ctrl-C.
import { listSpecs } from './lib/specs.mjs'
// Prism is started and stopped (by its own pid) by @parley/testing, built before this script runs.
import { startMocks } from '../packages/testing/dist/esm/index.js'

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'))
const all = listSpecs()
const unknown = wanted.filter((w) => !all.some((s) => s.name === w))
if (unknown.length) {
  console.error(`Unknown API: ${unknown.join(', ')}. Known: ${all.map((s) => s.name).join(', ')}`)
  process.exit(2)
}
const specs = wanted.length ? all.filter((s) => wanted.includes(s.name)) : all
const mocks = await startMocks(specs.map((s) => s.path))
for (const m of mocks) console.log(`${m.name.padEnd(24)} ${m.url}   (prism pid ${m.pid})`)
console.log('\nPrism validates every request against the spec; press Ctrl-C to stop.')
const shutdown = async () => {
  await Promise.all(mocks.map((m) => m.stop()))
  process.exit(0)
}
process.removeAllListeners('SIGINT')
process.removeAllListeners('SIGTERM')
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
