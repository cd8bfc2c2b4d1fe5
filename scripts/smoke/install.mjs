// Installs a pinned runtime or compiler (tools.mjs) from the npm registry on first use, into
// ${XDG_CACHE_HOME:-~/.cache}/parley/runtimes/<package>@<version>, outside the workspace, and reuses it after.
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { npmEnv, ok, run } from './exec.mjs'

export const CACHE = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'parley', 'runtimes')

/** The path of the tool's binary, installing the package first if the cache does not hold it. */
export async function ensureTool(tool) {
  const dir = join(CACHE, `${tool.package.replace('/', '+')}@${tool.version}`)
  const bin = join(dir, 'node_modules', tool.package, tool.bin)
  if (existsSync(bin)) return bin

  // Installed beside the final place and renamed into it, so an install cut short never looks complete.
  mkdirSync(CACHE, { recursive: true })
  const staging = mkdtempSync(`${dir}.partial-`)
  try {
    const args = ['install', '--prefix', staging, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', `${tool.package}@${tool.version}`]
    ok(await run('npm', args, { cwd: staging, env: npmEnv(), timeoutMs: 300_000 }), `npm install ${tool.package}@${tool.version}`)
    if (!existsSync(join(staging, 'node_modules', tool.package, tool.bin))) throw new Error(`${tool.package}@${tool.version} installed without ${tool.bin}`)
    try {
      renameSync(staging, dir)
    } catch (err) {
      // Another run finished the same install meanwhile: its copy is kept.
      if (!existsSync(bin)) throw err
    }
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
  return bin
}
