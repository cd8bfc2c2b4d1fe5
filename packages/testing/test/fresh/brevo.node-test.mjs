// The same with node's own test runner: start the mock in `before`, stop it in `after`.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createBrevo } from '@parley/sdk/brevo'
import { startMock } from '@parley/testing'

let mock
before(async () => {
  mock = await startMock('@parley/brevo-conversations')
})
after(() => mock.stop())

test('a send the spec rejects fails with the violation named', async () => {
  const brevo = createBrevo({ apiKey: 'test', baseUrl: mock.url, fetch: mock.fetch })
  const body = { visitorId: 'kZMvWhf8npAu3H6qd57w2Hv6nh6rnxvg', text: 42, agentId: 'd9nKoegKSjmCtyK78' }
  await assert.rejects(brevo.orThrow.POST('/conversations/messages', { body }), /Request body property text must be string/)
})
