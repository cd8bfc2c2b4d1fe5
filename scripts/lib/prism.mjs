// Starts and stops Prism mocks of our specs. Used by the test run (vitest global setup), `pnpm mock` and
// `pnpm demo`. Each mock is one Prism process on its own free loopback port, started with --errors so that a
// spec example that breaks its own schema fails loudly; it is stopped by its process id, never by name.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const PRISM_BIN = (() => {
  const pkgPath = require.resolve('@stoplight/prism-cli/package.json')
  const { bin } = JSON.parse(readFileSync(pkgPath, 'utf8'))
  return join(dirname(pkgPath), typeof bin === 'string' ? bin : bin.prism)
})()

const READY_TIMEOUT_MS = 60_000

/** A port the OS says is free right now on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

/**
 * Starts one Prism mock and resolves once it answers HTTP.
 * @param {{name: string, path: string}} spec
 * @returns {Promise<{name: string, url: string, pid: number, stop: () => Promise<void>}>}
 */
export async function startMock(spec) {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = spawn(
    process.execPath,
    [PRISM_BIN, 'mock', '--errors', '--host', '127.0.0.1', '--port', String(port), spec.path],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  const collect = (chunk) => {
    output = (output + chunk.toString()).slice(-8_000)
  }
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000)
    await exited
    clearTimeout(timer)
  }

  const deadline = Date.now() + READY_TIMEOUT_MS
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`Prism for ${spec.name} exited with code ${child.exitCode} before it was ready:\n${output}`)
    }
    // Any HTTP answer (even Prism's 404 for "/") means the server is up and the spec is loaded.
    const up = await fetch(`${url}/`, { signal: AbortSignal.timeout(1_000) }).then(
      () => true,
      () => false,
    )
    if (up) break
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`Prism for ${spec.name} did not answer on ${url} within ${READY_TIMEOUT_MS} ms:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 150))
  }
  return { name: spec.name, url, pid: child.pid, stop, output: () => output }
}

/**
 * Starts a mock per spec, in parallel. If one fails, the ones already up are stopped before the error is thrown.
 * Also makes sure the processes die with this one (exit, Ctrl-C, SIGTERM).
 */
export async function startMocks(specs) {
  const results = await Promise.allSettled(specs.map((s) => startMock(s)))
  const mocks = results.filter((r) => r.status === 'fulfilled').map((r) => r.value)
  const failed = results.find((r) => r.status === 'rejected')
  if (failed) {
    await stopMocks(mocks)
    throw failed.reason
  }
  const killNow = () => {
    for (const m of mocks) {
      try {
        process.kill(m.pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
  }
  const onSignal = (signal) => {
    killNow()
    process.off('exit', killNow)
    process.kill(process.pid, signal)
  }
  process.once('exit', killNow)
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  mocks.release = () => {
    process.off('exit', killNow)
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
  return mocks
}

export async function stopMocks(mocks) {
  await Promise.all(mocks.map((m) => m.stop()))
  mocks.release?.()
}
