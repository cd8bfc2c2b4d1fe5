// Starts a Prism mock for every spec before the contract tests and stops each by its pid afterwards (teardown
// runs when tests fail too; startMocks also kills them if the run is interrupted).
import { mkdirSync, rmSync } from 'node:fs'
import type { TestProject } from 'vitest/node'
import { listSpecs } from '../scripts/lib/specs.mjs'
import { startMocks, stopMocks } from '../scripts/lib/prism.mjs'
import { CALLS_DIR } from './support/paths.js'

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrls: Record<string, string>
  }
}

export default async function setup(project: TestProject) {
  rmSync(CALLS_DIR, { recursive: true, force: true })
  mkdirSync(CALLS_DIR, { recursive: true })
  const mocks = await startMocks(listSpecs())
  project.provide('mockUrls', Object.fromEntries(mocks.map((m) => [m.name, m.url])))
  return async () => {
    await stopMocks(mocks)
  }
}
