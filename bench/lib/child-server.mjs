// A benchmark's HTTP server in a child process, so its CPU does not share the measuring event loop. The benchmark
// module forks itself with an env flag set; the child sees the flag, builds its server and hands it to
// serveInChild(), which listens on a free loopback port and reports it to the parent over IPC.
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/**
 * Forks the module at `moduleUrl` (pass `import.meta.url`) with `env[flag] = '1'` and waits for the port it reports.
 * `stop()` ends the child with SIGTERM and resolves once it has exited.
 */
export async function startChildServer(moduleUrl, flag) {
  const child = fork(fileURLToPath(moduleUrl), [], {
    env: { ...process.env, [flag]: '1' },
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const port = await new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m.port))
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`bench server exited early (${code})`)))
  })
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  return { origin: `http://127.0.0.1:${port}`, pid: child.pid, stop }
}

/** Child side: listens on 127.0.0.1 (a free port), sends `{ port }` to the parent, and exits when the parent goes. */
export function serveInChild(server) {
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }))
  // Gone parent, gone server: never outlive the benchmark.
  process.on('disconnect', () => process.exit(0))
}
