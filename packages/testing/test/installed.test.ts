// The guide's contract tests in a fresh project outside the workspace, as a user runs them before the first
// release: the packed tarballs installed with plain npm (Prism and its pinned siblings come with @parley/testing),
// then the code blocks of docs/guide.md's contract-testing chapter (its vitest.config.ts and contract.spec.ts, and
// its node:test file) written there as they stand and run. Afterwards no Prism of that project may be left
// running. Reads the built packages: `pnpm build` first.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../../../test/support/paths.js'

const PACKAGES = ['sdk', 'stackone-messaging', 'brevo-conversations', 'sunshine-conversations', 'mews-message-threads', 'testing']

/** The guide's code block that starts with `// <file>` (or, for `node-test.mjs`, the one that imports node:test). */
function guideFile(file: string): string {
  const guide = readFileSync(join(ROOT, 'docs', 'guide.md'), 'utf8')
  const blocks = [...guide.matchAll(/```[jt]s\n([\s\S]*?)```/g)].map((m) => m[1]!)
  const block = blocks.find((b) => (file === 'node-test.mjs' ? b.includes("from 'node:test'") : b.startsWith(`// ${file}\n`)))
  if (!block) throw new Error(`docs/guide.md has no code block for ${file}`)
  return block
}
const VITEST = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'vitest', 'package.json'), 'utf8')).version as string

const running = new Set<ChildProcess>()
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = 120_000) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    running.add(child)
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      running.delete(child)
      resolve({ code, output })
    })
  })
}

/** npm in the fresh project must not see what a parent pnpm run put in the environment (only network settings pass). */
function npmEnv(): NodeJS.ProcessEnv {
  const keep = /^npm_config_(registry|cache|userconfig|https?_proxy|proxy|noproxy|no_proxy|strict_ssl|cafile)$/i
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_)/i.test(k) || keep.test(k)))
}

/** Processes whose command line names the fresh project: the mocks started there (their spec lives in it). */
function processesOf(dir: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir)
      } catch {
        return false
      }
    })
    .map(Number)
}

let work = ''
let project = ''
const timings: Record<string, number> = {}

beforeAll(async () => {
  for (const p of PACKAGES) {
    if (!existsSync(join(ROOT, 'packages', p, 'dist', 'esm', 'index.js'))) throw new Error(`packages/${p} is not built: run \`pnpm build\` first`)
  }
  work = mkdtempSync(join(tmpdir(), 'parley-testing-'))
  const tarballs = join(work, 'tarballs')
  project = join(work, 'project')
  mkdirSync(tarballs)
  mkdirSync(project)
  let t0 = performance.now()
  const packed = await Promise.all(PACKAGES.map((p) => run('npx', ['-y', 'pnpm@10', 'pack', '--pack-destination', tarballs], join(ROOT, 'packages', p))))
  for (const [i, res] of packed.entries()) if (res.code !== 0) throw new Error(`pnpm pack in packages/${PACKAGES[i]} failed:\n${res.output}`)
  timings.pack = performance.now() - t0

  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'my-app', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`)
  const files = readdirSync(tarballs).map((f) => join(tarballs, f))
  t0 = performance.now()
  const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...files, `vitest@${VITEST}`], project, npmEnv())
  if (installed.code !== 0) throw new Error(`npm install failed:\n${installed.output}`)
  timings.install = performance.now() - t0
  for (const f of ['vitest.config.ts', 'contract.spec.ts', 'node-test.mjs']) writeFileSync(join(project, f), guideFile(f))
}, 240_000)

afterAll(() => {
  for (const child of running) child.kill('SIGKILL')
  if (project) for (const pid of processesOf(project)) process.kill(pid, 'SIGKILL')
  if (work) rmSync(work, { recursive: true, force: true })
  console.log(`@parley/testing fresh project: pack ${Math.round(timings.pack ?? 0)} ms, npm install ${Math.round(timings.install ?? 0)} ms`)
})

describe.sequential('the guide in a fresh project (tarballs installed with npm)', () => {
  it('npm installed the Prism siblings @parley/testing pins, once each', () => {
    const version = (name: string) => JSON.parse(readFileSync(join(project, 'node_modules', name, 'package.json'), 'utf8')).version
    const pins = JSON.parse(readFileSync(join(ROOT, 'packages', 'testing', 'package.json'), 'utf8')).dependencies as Record<string, string>
    for (const name of ['@stoplight/prism-cli', '@stoplight/prism-core', '@stoplight/prism-http', '@stoplight/prism-http-server']) {
      expect(version(name), name).toBe(pins[name])
    }
  })

  it('the vitest file passes: valid call, violation named, a 429 from StackOne and Mews at once, webhook samples; no Prism left', async () => {
    const res = await run(join(project, 'node_modules', '.bin', 'vitest'), ['run', '--reporter=verbose'], project, npmEnv())
    // Every test the guide's file holds ran and passed.
    const tests = guideFile('contract.spec.ts').match(/^\s*it\(/gm)?.length
    expect(tests).toBeGreaterThanOrEqual(4)
    expect(res.output).toMatch(new RegExp(`Tests\\s+.*(?<!\\d)${tests} passed`))
    expect(res.code, res.output).toBe(0)
    expect(processesOf(project)).toEqual([])
  })

  it('the node:test file passes; no Prism left', async () => {
    const res = await run(process.execPath, ['--test', 'node-test.mjs'], project, npmEnv())
    expect(res.output).toContain('# pass 1')
    expect(res.code, res.output).toBe(0)
    expect(processesOf(project)).toEqual([])
  })
})
