// In a vitest test file: the mocks the global setup (`@parley/testing/vitest-setup`) started.
import { inject } from 'vitest'
import { connectMock, type ConnectOptions, type MockConnection } from './connection.js'
import type {} from './vitest-setup.js'

/** A connection to the mock of `api` (the name given to the setup, e.g. `@parley/stackone-messaging`). */
export function useMock(api: string, options?: Omit<ConnectOptions, 'cwd'>): MockConnection {
  const mocks = inject('parleyMocks')
  const mock = mocks?.[api]
  if (!mock) {
    throw new Error(`no mock of "${api}": the global setup started ${Object.keys(mocks ?? {}).join(', ') || 'none'} (is '@parley/testing/vitest-setup' in globalSetup?)`)
  }
  return connectMock(mock.spec, mock.url, options)
}
