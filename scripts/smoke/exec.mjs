// Child processes for the smoke test: run without a shell, output collected, killed by their own handle when
// they outlive their time or when the caller stops them all.
import { spawn } from 'node:child_process'

const running = new Set()

/**
 * Runs `cmd args`; resolves with its exit code and output (never rejects on a non-zero exit).
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number }} [options]
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
export function run(cmd, args, { cwd, env = process.env, timeoutMs = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    running.add(child)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      stderr += `\n[killed after ${timeoutMs} ms]`
    }, timeoutMs)
    child.on('error', (err) => {
      clearTimeout(timer)
      running.delete(child)
      reject(new Error(`${cmd} could not start: ${err.message}`))
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      running.delete(child)
      resolve({ code, stdout, stderr })
    })
  })
}

/** The output of a run that must succeed; otherwise an error with what it printed. */
export function ok(res, what) {
  if (res.code !== 0) throw new Error(`${what} exited with ${res.code}\n${res.stdout}\n${res.stderr}`)
  return res.stdout
}

/** Kills every child still running (a test that failed half-way). */
export function killAll() {
  for (const child of running) child.kill('SIGKILL')
}

/**
 * The environment for npm outside the workspace: without the npm_config_* that a parent pnpm run exports (they
 * would change what npm installs), keeping only the settings that say how to reach the registry.
 */
export function npmEnv() {
  const keep = /^npm_config_(registry|cache|userconfig|https?_proxy|proxy|noproxy|no_proxy|strict_ssl|cafile)$/i
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_)/i.test(k) || keep.test(k)))
}
