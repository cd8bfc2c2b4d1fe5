// A throwaway redis-server for tests and benchmarks: installed from Debian if missing, started on a free loopback
// port with no persistence in a temp dir, ready once it answers PING, stopped by its own pid (also when this process
// exits). Never touches a Redis it did not start.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Makes sure `redis-server` runs here, installing the Debian package `redis-server` if it is missing. */
export function ensureRedisServer() {
  if (spawnSync('redis-server', ['--version']).status === 0) return
  // Test files start in parallel: the lock timeout makes a second apt-get wait for the first instead of failing.
  const apt = (...args) =>
    spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  let res = apt('install', '-y', '--no-install-recommends', 'redis-server')
  // A fresh machine may have no package lists yet.
  if (res.status !== 0) {
    apt('update')
    res = apt('install', '-y', '--no-install-recommends', 'redis-server')
  }
  if (res.status !== 0 || spawnSync('redis-server', ['--version']).status !== 0) {
    const why = res.error ? res.error.message : `exit ${res.status}: ${(res.stderr ?? '').trim().split('\n').slice(-3).join(' / ')}`
    throw new Error(`redis-server is not installed and \`apt-get install -y redis-server\` failed (${why}). Install it (Debian/Ubuntu: apt-get install redis-server) and run again.`)
  }
}

/** A port nobody listens on right now (the OS picks it). */
export async function freePort() {
  const server = createServer()
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Whether something on `port` answers a Redis PING with PONG (a NOAUTH error is an answer too). */
function answersPing(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let reply = ''
    const end = (ok) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(500, () => end(false))
    socket.once('error', () => end(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.on('data', (d) => {
      reply += d.toString()
      if (reply.includes('\r\n')) end(/^(\+PONG|-NOAUTH)/.test(reply))
    })
  })
}

const running = new Set()
const killAll = () => {
  for (const child of running) child.kill('SIGKILL')
}

/**
 * Starts redis-server on `port` (default: a free one). `password` sets requirepass.
 * @param {{ port?: number, password?: string, readyTimeoutMs?: number }} [options]
 * @returns {Promise<{ port: number, url: string, pid: number, stop(): Promise<void> }>}
 */
export async function startRedis({ port, password, readyTimeoutMs = 10_000 } = {}) {
  ensureRedisServer()
  port ??= await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'parley-redis-'))
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--logfile', '']
  if (password) args.push('--requirepass', password)
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  if (running.size === 0) process.on('exit', killAll)
  running.add(child)
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      await exited
    }
    running.delete(child)
    if (running.size === 0) process.off('exit', killAll)
    rmSync(dir, { recursive: true, force: true })
  }
  const deadline = Date.now() + readyTimeoutMs
  while (!(await answersPing(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop()
      throw new Error(`redis-server did not answer PING on 127.0.0.1:${port} within ${readyTimeoutMs} ms:\n${output.slice(-2000)}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  return { port, url: `redis://127.0.0.1:${port}`, pid: child.pid, stop }
}
