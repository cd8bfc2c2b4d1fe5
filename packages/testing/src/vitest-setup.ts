// A vitest global setup: `globalSetup: ['@parley/testing/vitest-setup']` starts a mock of every installed API
// before the tests and stops them after (also when tests fail). Tests get a connection with `useMock` from
// `@parley/testing/vitest`. To mock only some APIs, make your own setup file: `export default mockSetup([...])`.
import type { TestProject } from 'vitest/node'
import { installedApis } from './installed.js'
import { startMock, type Mock } from './start.js'

export interface ProvidedMock {
  url: string
  spec: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    parleyMocks: Record<string, ProvidedMock>
  }
}

/** A global setup that mocks `apis` (package names or spec paths; default: every installed API package). */
export function mockSetup(apis?: readonly string[]) {
  return async function setup(project: TestProject) {
    const root = project.config.root
    const specs = apis ? Object.fromEntries(apis.map((a) => [a, a])) : installedApis(root)
    const names = Object.keys(specs)
    if (names.length === 0) throw new Error(`@parley/testing: no installed package in ${root} ships an openapi.yaml to mock`)
    const settled = await Promise.allSettled(names.map((name) => startMock(specs[name]!, { cwd: root })))
    const mocks = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
    const stop = () => Promise.all(mocks.map((m: Mock) => m.stop())).then(() => undefined)
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected')
    if (failed) {
      await stop()
      throw failed.reason
    }
    project.provide('parleyMocks', Object.fromEntries(names.map((name, i) => [name, { url: mocks[i]!.url, spec: mocks[i]!.spec }])))
    return stop
  }
}

export default mockSetup()
