// Starts a Prism mock for every spec with @parley/testing before the contract tests and stops each by its pid
// afterwards (teardown runs when tests fail too; the package also kills them if the run is interrupted).
import { mkdirSync, rmSync } from 'node:fs'
import type { TestProject } from 'vitest/node'
import { listSpecs } from '../scripts/lib/specs.mjs'
import { startMocks } from '../packages/testing/src/index.js'
import { CALLS_DIR } from './support/paths.js'

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrls: Record<string, string>
  }
}

export default async function setup(project: TestProject) {
  rmSync(CALLS_DIR, { recursive: true, force: true })
  mkdirSync(CALLS_DIR, { recursive: true })
  const mocks = await startMocks(listSpecs().map((s) => s.path))
  project.provide('mockUrls', Object.fromEntries(mocks.map((m) => [m.name, m.url])))
  return async () => {
    await Promise.all(mocks.map((m) => m.stop()))
  }
}
