// Contract-testing your own code: start Prism on the spec that ships inside the installed package
// (node_modules/@parley/stackone-messaging/openapi.yaml), point your code at it, and let Prism reject any request
// that does not match the spec. Prism is started here and stopped by its pid, whatever happens.
import { type ChildProcess, spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createInbox } from './inbox.js'

const require = createRequire(import.meta.url)
const spec = require.resolve('@parley/stackone-messaging/openapi.yaml')
const prismCli = require.resolve('@stoplight/prism-cli/dist/index.js')

let prism: ChildProcess
let baseUrl: string

beforeAll(async () => {
  const port = await new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })
  baseUrl = `http://127.0.0.1:${port}`
  prism = spawn(process.execPath, [prismCli, 'mock', '--errors', '--port', String(port), spec], { stdio: 'ignore' })
  for (let i = 0; i < 200; i++) {
    if (await fetch(baseUrl).then(() => true, () => false)) return
    await new Promise((r) => setTimeout(r, 150))
  }
  throw new Error('Prism did not start')
}, 60_000)

afterAll(() => {
  if (prism?.pid && prism.exitCode === null) process.kill(prism.pid)
})

describe('my inbox, against the installed StackOne spec', () => {
  it('lists conversation names', async () => {
    const inbox = createInbox({ apiKey: 'test-key', accountId: 'test-account', baseUrl })
    expect(await inbox.conversationNames(3)).toEqual(['Project Discussion', 'general', 'Project Discussion'])
  })

  it('sends a reply that the spec accepts', async () => {
    const inbox = createInbox({ apiKey: 'test-key', accountId: 'test-account', baseUrl })
    expect(await inbox.reply('c28xIQaWQ6MzM5MzczMDA2NzMzMzkwNzIwNA', 'On my way!')).toMatch(/\w+/)
  })

  it('a request the spec forbids fails loudly (here: a date that is not an ISO date-time)', async () => {
    const inbox = createInbox({ apiKey: 'test-key', accountId: 'test-account', baseUrl })
    expect(await inbox.updatedSince('2024-01-01T00:00:00Z')).toBe(2)
    await expect(inbox.updatedSince('yesterday')).rejects.toMatchObject({ name: 'ApiError', status: 422 })
  })
})
