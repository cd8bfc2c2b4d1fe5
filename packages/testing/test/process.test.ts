// Prism's own process is the one started and stopped: stop() ends that pid, and a test process that dies (an
// uncaught error, Ctrl-C) takes its mocks with it. The dying processes load the built package, as users do.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startMock } from '../src/index.js'
import { ROOT } from '../../../test/support/paths.js'

const SPEC = join(ROOT, 'specs', 'brevo-conversations.yaml')
const DIST = join(ROOT, 'packages', 'testing', 'dist', 'esm', 'index.js')

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
async function gone(pid: number, withinMs = 3_000) {
  const deadline = Date.now() + withinMs
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
  return !alive(pid)
}

describe.concurrent('mock processes', () => {
  it('stop() ends Prism itself and resolves once it has exited', async () => {
    const mock = await startMock(SPEC)
    expect(alive(mock.pid)).toBe(true)
    expect((await fetch(`${mock.url}/conversations/messages/m1`, { headers: { 'api-key': 'k' } })).status).toBe(200)
    await mock.stop()
    expect(alive(mock.pid)).toBe(false)
    await mock.stop() // a second stop is a no-op
  })

  it.for(['an uncaught error', 'SIGINT'])('a test process ended by %s leaves no Prism behind', async (how) => {
    if (!existsSync(DIST)) throw new Error('packages/testing is not built: run `pnpm build` first (scripts/test.mjs does)')
    const script = `
      import { startMock } from ${JSON.stringify(DIST)}
      const mock = await startMock(${JSON.stringify(SPEC)})
      console.log(mock.pid)
      ${how === 'SIGINT' ? 'setInterval(() => {}, 1000)' : 'setTimeout(() => { throw new Error("test blew up") }, 10)'}`
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      const pid = await new Promise<number>((resolve, reject) => {
        child.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim())))
        child.once('exit', (code) => reject(new Error(`child exited (${code}) before starting a mock`)))
      })
      expect(alive(pid)).toBe(true)
      const exited = new Promise((r) => child.once('exit', (code, signal) => r(signal ?? code)))
      if (how === 'SIGINT') child.kill('SIGINT')
      expect(await exited).toBe(how === 'SIGINT' ? 'SIGINT' : 1)
      expect(await gone(pid)).toBe(true)
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    }
  })
})
