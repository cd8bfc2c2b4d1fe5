// Every runtime and compiler we promise, proven on the packed packages as a user installs them
// (scripts/smoke/project.mjs): the smoke client (scripts/smoke/client.mjs) runs unchanged on Node 20 (the
// `engines` floor), 22 and 24, Bun and Deno against a stand-in for the four vendors (scripts/smoke/server.mjs),
// and a strict consumer (scripts/smoke/consumer.ts) type-checks under TypeScript 5.9, 6 and 7. The runtimes and
// compilers are the exact versions in scripts/smoke/tools.mjs, downloaded from the npm registry on first use into a
// cache outside the workspace (scripts/smoke/install.mjs). A runtime whose package has no binary for this
// platform is reported as skipped with the reason; the others still run.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { killAll, ok, run } from '../scripts/smoke/exec.mjs'
import { ensureTool } from '../scripts/smoke/install.mjs'
import { createConsumerProject } from '../scripts/smoke/project.mjs'
import { CREDENTIALS, startVendorServer } from '../scripts/smoke/server.mjs'
import { COMPILERS, NODE_FLOOR, RUNTIMES, unsupported } from '../scripts/smoke/tools.mjs'
import { ROOT } from './support/paths.js'

const require = createRequire(import.meta.url)

/** What the smoke client must report on every runtime, in this order. */
const CHECKS = [
  'stackone: GET with the API key and account id',
  'brevo: GET with the api-key header',
  'sunshine: GET with an HS256 JWT carrying the key id',
  'mews: a year split into 3-month windows, newest first',
  'stackone: paginate follows next over 3 pages',
  'retry: a 503 then a 200 is one call answered 200',
  'timeout: an answer slower than timeoutMs is a TimeoutError',
  'orThrow: a 404 is an ApiError with status, message and request id',
  'one error model across entry points: a subpath client throws the root ApiError',
  'POST: answered 503, sent exactly once',
  'per-API packages: a plain openapi-fetch call on each',
]

interface Report {
  runtime: { name: string; version: string }
  resolved: Record<string, string>
  checks: { name: string; ok: boolean; detail: string }[]
}

const work = mkdtempSync(join(tmpdir(), 'parley-runtimes-'))
let project = ''
// Started together in beforeAll (downloads overlap with packing); each test awaits its own.
const installs = new Map<string, Promise<string>>()

beforeAll(async () => {
  for (const tool of [...RUNTIMES, ...COMPILERS]) {
    if ('workspace' in tool || ('kind' in tool && unsupported(tool))) continue
    const install = ensureTool(tool)
    install.catch(() => {}) // reported by the test that awaits it
    installs.set(tool.name, install)
  }
  // A no-op when `pnpm test` has just built (turbo's cache); makes this file runnable on its own.
  ok(await run('npx', ['--yes', 'pnpm@10', 'build', '--output-logs=errors-only'], { cwd: ROOT, timeoutMs: 300_000 }), 'pnpm build')
  project = await createConsumerProject(work)
}, 600_000)

afterAll(() => {
  killAll()
  rmSync(work, { recursive: true, force: true })
})

describe('the packed packages on every promised runtime', () => {
  it.for(RUNTIMES)('$name: the smoke client passes every check', { timeout: 420_000 }, async (runtime, ctx) => {
    const reason = unsupported(runtime)
    if (reason) return ctx.skip(`left out: ${reason}`)
    const bin = await installs.get(runtime.name)!
    const server = await startVendorServer()
    try {
      // Deno reads the packages from the project's node_modules, never from the registry.
      const args = runtime.kind === 'deno' ? ['run', '-A', '--node-modules-dir=manual', '--cached-only', 'client.mjs'] : ['client.mjs']
      const env = { ...process.env, PARLEY_SMOKE: JSON.stringify({ url: server.url, credentials: CREDENTIALS }), DENO_DIR: join(work, 'deno') }
      const res = await run(bin, args, { cwd: project, env, timeoutMs: 60_000 })
      const last = res.stdout.trim().split('\n').at(-1) ?? ''
      let report: Report
      try {
        report = JSON.parse(last) as Report
      } catch {
        throw new Error(`${runtime.name} printed no report (exit ${res.code}):\n${res.stdout}\n${res.stderr}`)
      }
      expect(report.runtime).toEqual({ name: runtime.kind, version: runtime.version })
      const dist = pathToFileURL(join(project, 'node_modules')).href
      for (const [name, file] of Object.entries(report.resolved)) expect(file, name).toBe(`${dist}/${name}/dist/esm/index.js`)
      expect(report.checks.map((c) => c.name)).toEqual(CHECKS)
      expect(report.checks.filter((c) => !c.ok)).toEqual([])
      expect(res.code, res.stderr).toBe(0)
    } finally {
      await server.close()
    }
  })
})

describe('the packed declarations under every promised TypeScript', () => {
  it.for(COMPILERS)('$name: a strict consumer of the four clients type-checks with no error', { timeout: 420_000 }, async (compiler, { expect }) => {
    const tsc = 'workspace' in compiler ? require.resolve('typescript/bin/tsc') : await installs.get(compiler.name)!
    const version = ok(await run(process.execPath, [tsc, '--version'], { cwd: project }), `${compiler.name} --version`)
    expect(version.trim()).toMatch(`Version ${compiler.version}`)
    const res = await run(process.execPath, [tsc, '-p', 'tsconfig.json', '--pretty', 'false'], { cwd: project, timeoutMs: 180_000 })
    expect(res.stdout + res.stderr).toBe('')
    expect(res.code).toBe(0)
  })
})

describe('engines', () => {
  const manifests = ['package.json', ...readdirSync(join(ROOT, 'packages')).map((dir) => `packages/${dir}/package.json`)]
  it.for(manifests)('%s asks for Node >= the floor the smoke test runs on', (file, { expect }) => {
    const pkg = JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as { engines?: { node?: string } }
    expect(pkg.engines?.node).toBe(`>=${NODE_FLOOR}`)
  })

  it('the floor is the lowest Node the smoke test runs', ({ expect }) => {
    const nodes = RUNTIMES.filter((r) => r.kind === 'node').map((r) => r.version.split('.').slice(0, 2).join('.'))
    expect(nodes.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))[0]).toBe(NODE_FLOOR)
  })
})
