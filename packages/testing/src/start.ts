// Starts Prism on a spec: its own node process (not an npx wrapper, so the pid is Prism's), on a free loopback
// port, with --errors so that an example that breaks its own schema fails loudly. Every mock still running when
// this process ends (normally, on an uncaught error, on SIGINT or SIGTERM) is killed with it.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { connectMock, type ConnectOptions, type MockConnection } from './connection.js'
import { resolveSpec } from './spec.js'

export interface StartOptions extends ConnectOptions {
  /** How long Prism may take to answer its first request (default 60 000 ms). */
  readyTimeoutMs?: number
}

export interface Mock extends MockConnection {
  /** Prism's own process id. */
  readonly pid: number
  /** Ends Prism (SIGTERM, SIGKILL after 3 s) and resolves once its process has exited. */
  stop(): Promise<void>
}

const require = createRequire(import.meta.url)
const running = new Set<ChildProcess>()

function prismEntry(): string {
  const pkgPath = require.resolve('@stoplight/prism-cli/package.json')
  const { bin } = JSON.parse(readFileSync(pkgPath, 'utf8')) as { bin: string | Record<string, string> }
  return join(dirname(pkgPath), typeof bin === 'string' ? bin : bin.prism!)
}

/** A port the OS says is free right now on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/**
 * Starts a Prism mock of `api` (an installed package such as `@parley/stackone-messaging`, or a spec path) and
 * resolves once it answers HTTP.
 */
export async function startMock(api: string, options: StartOptions = {}): Promise<Mock> {
  const spec = resolveSpec(api, options.cwd)
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, [prismEntry(), 'mock', '--errors', '--host', '127.0.0.1', '--port', String(port), spec], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  track(child)
  let output = ''
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000)
  }
  child.stdout!.on('data', collect)
  child.stderr!.on('data', collect)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000)
      await exited
      clearTimeout(timer)
    }
    untrack(child)
  }

  const deadline = Date.now() + readyTimeoutMs
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      untrack(child)
      throw new Error(`Prism exited (${child.exitCode ?? child.signalCode}) before it served ${spec}:\n${output}`)
    }
    // Any HTTP answer (even Prism's 404 for "/") means the server is up and the spec is loaded.
    const up = await fetch(`${url}/`, { signal: AbortSignal.timeout(1_000) }).then(
      (r) => r.body?.cancel().then(() => true) ?? true,
      () => false,
    )
    if (up) break
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`Prism did not answer on ${url} within ${readyTimeoutMs} ms for ${spec}:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return Object.assign(connectMock(spec, url, options), { pid: child.pid!, stop })
}

/** Starts several mocks in parallel; if one fails, the others are stopped before the error is thrown. */
export async function startMocks(apis: readonly string[], options: StartOptions = {}): Promise<Mock[]> {
  const results = await Promise.allSettled(apis.map((api) => startMock(api, options)))
  const mocks = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (failed) {
    await Promise.all(mocks.map((m) => m.stop()))
    throw failed.reason
  }
  return mocks
}

// Cleanup when this process ends. 'exit' runs synchronously, so there only SIGKILL is possible. The signal
// handlers exist only while a mock runs; after killing the mocks they re-raise the signal if nobody else listens,
// so Ctrl-C still ends the process.
function killAll() {
  for (const child of running) child.kill('SIGKILL')
}
function onSignal(signal: NodeJS.Signals) {
  killAll()
  running.clear()
  release()
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
}
function track(child: ChildProcess) {
  if (running.size === 0) {
    process.on('exit', killAll)
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
  }
  running.add(child)
}
function untrack(child: ChildProcess) {
  if (running.delete(child) && running.size === 0) release()
}
function release() {
  process.off('exit', killAll)
  process.off('SIGINT', onSignal)
  process.off('SIGTERM', onSignal)
}
