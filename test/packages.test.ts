// Package correctness as a user sees it: every package is packed with pnpm (workspace:/catalog: ranges rewritten),
// the tarballs are installed with plain npm into a fresh project outside the workspace, and then
//   - each tarball holds what the exports map and the docs promise (dist/esm, dist/cjs, types, README, openapi.yaml),
//   - ESM `import` and real CJS `require` (require(esm) switched off) load every entry point on this Node,
//   - a consumer file type-checks under node16 (CJS and ESM) and bundler resolution, and a broken one fails,
//   - publint (strict, on the tarball) and @arethetypeswrong/cli report no problems.
// Reads the built packages: `pnpm build` (scripts/test.mjs does it) must have run.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { ROOT } from './support/paths.js'

const require = createRequire(import.meta.url)
const TSC = require.resolve('typescript/bin/tsc')
const ATTW = join(dirname(require.resolve('@arethetypeswrong/cli/package.json')), 'dist', 'index.js')

interface Pkg {
  dir: string
  name: string
  /** Entry points (package name or name/subpath) and what each must export (factories; `webhookExamples`, an object). */
  entries: Record<string, string[]>
  spec: boolean
}

const SDK_FACTORIES = ['createStackOne', 'createBrevo', 'createSunshine', 'createMews']
/** A per-API package: its client factory at the root, its spec's webhook examples (an object) on `/webhooks`. */
const api = (dir: string, factory: string): Pkg => ({
  dir,
  name: `@parley/${dir}`,
  entries: { [`@parley/${dir}`]: [factory], [`@parley/${dir}/webhooks`]: ['webhookExamples'] },
  spec: true,
})
const PACKAGES: Pkg[] = [
  api('stackone-messaging', 'createStackOneMessagingClient'),
  api('brevo-conversations', 'createBrevoConversationsClient'),
  api('sunshine-conversations', 'createSunshineConversationsClient'),
  api('mews-message-threads', 'createMewsMessageThreadsClient'),
  {
    dir: 'sdk',
    name: '@parley/sdk',
    entries: {
      '@parley/sdk': [...SDK_FACTORIES, 'createStackOneWebhooks', 'createBrevoWebhooks', 'createSunshineWebhooks', 'createMewsWebhooks', 'createMemoryRateLimitStore'],
      '@parley/sdk/stackone': ['createStackOne', 'createStackOneWebhooks'],
      '@parley/sdk/brevo': ['createBrevo', 'createBrevoWebhooks'],
      '@parley/sdk/sunshine': ['createSunshine', 'createSunshineWebhooks'],
      '@parley/sdk/mews': ['createMews', 'createMewsWebhooks', 'findAddedMessage'],
      '@parley/sdk/node': ['toNodeHandler'],
    },
    spec: false,
  },
  {
    dir: 'rate-limit-redis',
    name: '@parley/rate-limit-redis',
    entries: { '@parley/rate-limit-redis': ['createRedisRateLimitStore', 'createRedisWebhookStore'] },
    spec: false,
  },
]
/**
 * Dev tools: ESM only, Node only, with Prism among their dependencies. Their tarballs are checked here (contents,
 * publint, attw); installing and running them in a fresh project is packages/testing/test/installed.test.ts's job.
 */
const TOOLS: Pkg[] = [
  {
    dir: 'testing',
    name: '@parley/testing',
    entries: { '@parley/testing': ['startMock', 'webhookDeliveries'], '@parley/testing/vitest': ['useMock'], '@parley/testing/vitest-setup': [] },
    spec: false,
  },
]
const ENTRIES: Record<string, string[]> = Object.assign({}, ...PACKAGES.map((p) => p.entries))
/** What `typeof` an entry's export must be: a factory is a function, the webhook examples an object. */
const kindOf = (name: string) => (name === 'webhookExamples' ? 'object' : 'function')

// ---------------------------------------------------------------------------------------------------------------
// Child processes: each is tracked by its handle and killed in afterAll if a failed test left it running.

interface RunResult {
  code: number | null
  stdout: string
  stderr: string
}
const running = new Set<ReturnType<typeof spawn>>()

/** Runs a command without a shell. `stdoutFile` sends stdout to a file (for tools that exit before a pipe drains). */
function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; stdoutFile?: string }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const out = opts.stdoutFile ? openSync(opts.stdoutFile, 'w') : 'pipe'
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', out, 'pipe'] })
    if (typeof out === 'number') closeSync(out)
    running.add(child)
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      stderr += `\n[killed after ${opts.timeoutMs ?? 60_000} ms]`
    }, opts.timeoutMs ?? 60_000)
    child.on('error', (err) => {
      clearTimeout(timer)
      running.delete(child)
      reject(err)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      running.delete(child)
      if (opts.stdoutFile) stdout = readFileSync(opts.stdoutFile, 'utf8')
      resolve({ code, stdout, stderr })
    })
  })
}

function ok(res: RunResult, what: string): string {
  if (res.code !== 0) throw new Error(`${what} exited with ${res.code}\n${res.stdout}\n${res.stderr}`)
  return res.stdout
}

/** npm in the consumer project must not see what a parent pnpm run put in the environment (only network settings pass). */
function npmEnv(): NodeJS.ProcessEnv {
  const keep = /^npm_config_(registry|cache|userconfig|https?_proxy|proxy|noproxy|no_proxy|strict_ssl|cafile)$/i
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_)/i.test(k) || keep.test(k)))
}

// ---------------------------------------------------------------------------------------------------------------

let work = ''
let project = ''
const tarballs = new Map<string, string>() // package name -> tarball path

beforeAll(async () => {
  for (const p of PACKAGES) {
    if (!existsSync(join(ROOT, 'packages', p.dir, 'dist', 'esm', 'index.js'))) {
      throw new Error(`packages/${p.dir} is not built: run \`pnpm build\` first (scripts/test.mjs does)`)
    }
  }
  work = mkdtempSync(join(tmpdir(), 'parley-packages-'))
  const packDir = join(work, 'tarballs')
  project = join(work, 'consumer')
  mkdirSync(packDir)
  mkdirSync(project)

  // pnpm pack in each package dir (in parallel): it rewrites workspace:^ and catalog: to real ranges.
  await Promise.all(
    [...PACKAGES, ...TOOLS].map(async (p) => {
      const res = await run('npx', ['-y', 'pnpm@10', 'pack', '--pack-destination', packDir], { cwd: join(ROOT, 'packages', p.dir), timeoutMs: 60_000 })
      ok(res, `pnpm pack in packages/${p.dir}`)
    }),
  )
  for (const p of [...PACKAGES, ...TOOLS]) {
    const file = `${p.name.replace('@', '').replace('/', '-')}-${JSON.parse(readFileSync(join(ROOT, 'packages', p.dir, 'package.json'), 'utf8')).version}.tgz`
    const path = join(packDir, file)
    if (!existsSync(path)) throw new Error(`pnpm pack made no ${file} (made: ${readdirSync(packDir).join(', ')})`)
    tarballs.set(p.name, path)
  }

  // A consumer project outside the workspace: no "type", so .ts is CommonJS under node16 and .mts is ESM.
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'parley-consumer', version: '0.0.0', private: true }, null, 2)}\n`)
  ok(
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...PACKAGES.map((p) => tarballs.get(p.name)!)], {
      cwd: project,
      env: npmEnv(),
      timeoutMs: 90_000,
    }),
    'npm install of the tarballs',
  )
}, 120_000)

afterAll(() => {
  for (const child of running) child.kill('SIGKILL')
  if (work) rmSync(work, { recursive: true, force: true })
})

describe.concurrent('packed packages', () => {
  it.for(PACKAGES)('$name tarball holds package.json, both builds, types, README and its spec', async (p, { expect }) => {
    const list = ok(await run('tar', ['-tzf', tarballs.get(p.name)!], { cwd: work }), 'tar -tzf')
    const files = new Set(list.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, '')))
    const required = ['package.json', 'README.md', 'dist/cjs/package.json']
    for (const entry of Object.keys(p.entries)) {
      const base = entry === p.name ? 'index' : entry.slice(p.name.length + 1)
      for (const kind of ['esm', 'cjs']) required.push(`dist/${kind}/${base}.js`, `dist/${kind}/${base}.d.ts`)
    }
    if (p.spec) required.push('openapi.yaml')
    expect(required.filter((f) => !files.has(f)), `missing from ${p.name}`).toEqual([])
    expect([...files].filter((f) => /^(src|test)\/|tsconfig|\.tsbuildinfo$/.test(f)), 'sources or build state shipped').toEqual([])

    const installed = JSON.parse(readFileSync(join(project, 'node_modules', p.name, 'package.json'), 'utf8')) as Record<string, Record<string, string>>
    const ranges = Object.values(installed.dependencies ?? {})
    expect(ranges.filter((r) => /^(workspace|catalog):/.test(r)), 'unrewritten ranges').toEqual([])
    expect(JSON.parse(readFileSync(join(project, 'node_modules', p.name, 'dist', 'cjs', 'package.json'), 'utf8'))).toEqual({ type: 'commonjs' })
  })

  it('ESM import of every entry point (sdk subpaths included) gives its factories from dist/esm', async ({ expect }) => {
    const script = `
      const entries = ${JSON.stringify(ENTRIES)}
      const out = {}
      for (const [entry, factories] of Object.entries(entries)) {
        const m = await import(entry)
        out[entry] = { file: import.meta.resolve(entry), factories: factories.map((f) => typeof m[f]) }
      }
      const so = (await import('@parley/sdk')).createStackOne({ apiKey: 'k', accountId: 'a' })
      const raw = (await import('@parley/stackone-messaging')).createStackOneMessagingClient()
      out.calls = [typeof so.GET, typeof so.paginate, typeof raw.GET]
      console.log(JSON.stringify(out))`
    const out = JSON.parse(ok(await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project }), 'node (ESM)')) as Record<string, { file: string; factories: string[] }> & { calls: string[] }
    for (const [entry, factories] of Object.entries(ENTRIES)) {
      expect(out[entry]?.file, entry).toMatch(/\/node_modules\/@parley\/[^/]+\/dist\/esm\/[a-z]+\.js$/)
      expect(out[entry]?.factories, entry).toEqual(factories.map(kindOf))
    }
    expect(out.calls).toEqual(['function', 'function', 'function'])
  })

  it('CJS require of every entry point loads dist/cjs (require(esm) off), and openapi.yaml resolves', async ({ expect }) => {
    const script = `
      const { existsSync } = require('node:fs')
      const entries = ${JSON.stringify(ENTRIES)}
      const out = {}
      for (const [entry, factories] of Object.entries(entries)) {
        const m = require(entry)
        out[entry] = { file: require.resolve(entry), factories: factories.map((f) => typeof m[f]) }
      }
      const so = require('@parley/sdk/stackone').createStackOne({ apiKey: 'k', accountId: 'a' })
      const raw = require('@parley/sunshine-conversations').createSunshineConversationsClient()
      out.calls = [typeof so.GET, typeof so.paginate, typeof raw.GET]
      out.specs = ${JSON.stringify(PACKAGES.filter((p) => p.spec).map((p) => p.name))}.map((n) => existsSync(require.resolve(n + '/openapi.yaml')))
      console.log(JSON.stringify(out))`
    const res = await run(process.execPath, ['--no-experimental-require-module', '-e', script], { cwd: project })
    const out = JSON.parse(ok(res, 'node (CJS)')) as Record<string, { file: string; factories: string[] }> & { calls: string[]; specs: boolean[] }
    for (const [entry, factories] of Object.entries(ENTRIES)) {
      expect(out[entry]?.file, entry).toMatch(/\/node_modules\/@parley\/[^/]+\/dist\/cjs\/[a-z]+\.js$/)
      expect(out[entry]?.factories, entry).toEqual(factories.map(kindOf))
    }
    expect(out.calls).toEqual(['function', 'function', 'function'])
    expect(out.specs).toEqual([true, true, true, true])
  })

  it('a consumer type-checks under node16 (CJS and ESM) and bundler; a deliberate type error is reported', async ({ expect }) => {
    const consumer = `import { ApiError, createStackOne, createSunshine, type Page, type StackOneClient } from '@parley/sdk'
import { createStackOne as createStackOneOnly, type StackOneOptions } from '@parley/sdk/stackone'
import { createStackOneMessagingClient, type Conversation } from '@parley/stackone-messaging'
import { createBrevoConversationsClient } from '@parley/brevo-conversations'
import { createSunshineConversationsClient } from '@parley/sunshine-conversations'
import { createMewsMessageThreadsClient } from '@parley/mews-message-threads'
import { createRedisRateLimitStore, RedisStoreError, type RedisRateLimitStore } from '@parley/rate-limit-redis'

export async function main(): Promise<string[]> {
  const options: StackOneOptions = { apiKey: 'k', accountId: 'a' }
  const so: StackOneClient = createStackOne(options)
  const one = await so.GET('/unified/messaging/conversations/{id}', { params: { path: { id: 'c1' } } })
  const first: string | null | undefined = one.data?.data?.name
  const names: (string | null | undefined)[] = [first]
  const list = createStackOneOnly(options).paginate('/unified/messaging/conversations', { params: { query: { page_size: '2' } } }, { maxPages: 2 })
  for await (const c of list) names.push(c.name)
  const raw = await createStackOneMessagingClient().GET('/unified/messaging/conversations', { params: { header: { 'x-account-id': 'a' } } })
  const conversations: Conversation[] = raw.data?.data ?? []
  const message = await createBrevoConversationsClient().GET('/conversations/messages/{id}', { params: { path: { id: 'm1' } } })
  const text: string | undefined = message.data?.text
  await createSunshineConversationsClient().GET('/v2/apps/{appId}/conversations/{conversationId}', { params: { path: { appId: 'a', conversationId: 'c' } } })
  void createMewsMessageThreadsClient()
  const budget: RedisRateLimitStore = createRedisRateLimitStore({ url: 'redis://localhost:6379' }, { onUnavailable: 'in-process' })
  void budget.close().catch((e: unknown) => e instanceof RedisStoreError && e.address)
  void createSunshine({ keyId: 'app_1', secret: 's', auth: 'jwt' })
  const page: Page<Conversation> | undefined = undefined
  void page
  try {
    await so.orThrow.GET('/unified/messaging/conversations/{id}', { params: { path: { id: 'c2' } } })
  } catch (e) {
    if (e instanceof ApiError) names.push(String(e.status))
  }
  return [...names.map(String), ...conversations.map((c) => c.id ?? ''), text ?? '']
}
`
    // Wrong: accountId missing, a path the API does not have, a number where the id is a string.
    const broken = `import { createStackOne } from '@parley/sdk'
const so = createStackOne({ apiKey: 'k' })
export const a = so.GET('/unified/messaging/nope', {})
export const b = so.GET('/unified/messaging/conversations/{id}', { params: { path: { id: 42 } } })
`
    writeFileSync(join(project, 'consumer.ts'), consumer)
    writeFileSync(join(project, 'consumer.mts'), consumer)
    writeFileSync(join(project, 'broken.ts'), broken)
    // node16 also checks the shipped declarations themselves (skipLibCheck off), for the CJS (.ts) and ESM (.mts)
    // sides; that is where a dual package goes wrong. bundler resolves one side only; there the consumer is enough.
    const tsconfig = (name: string, module: string, moduleResolution: string, files: string[], skipLibCheck = true) => {
      const compilerOptions = { module, moduleResolution, target: 'ES2022', lib: ['ES2022', 'DOM'], strict: true, noEmit: true, skipLibCheck, types: [] }
      writeFileSync(join(project, name), JSON.stringify({ compilerOptions, files }, null, 2))
      return name
    }
    const check = (config: string) => run(process.execPath, [TSC, '-p', config, '--pretty', 'false'], { cwd: project, timeoutMs: 115_000 })
    const [node16, bundler, failing] = await Promise.all([
      check(tsconfig('tsconfig.node16.json', 'node16', 'node16', ['consumer.ts', 'consumer.mts'], false)),
      check(tsconfig('tsconfig.bundler.json', 'esnext', 'bundler', ['consumer.ts'])),
      check(tsconfig('tsconfig.broken.json', 'node16', 'node16', ['broken.ts'])),
    ])
    expect(node16.stdout + node16.stderr, 'node16').toBe('')
    expect(node16.code).toBe(0)
    expect(bundler.stdout + bundler.stderr, 'bundler').toBe('')
    expect(bundler.code).toBe(0)
    expect(failing.code).not.toBe(0)
    const errors = failing.stdout.split('\n').filter((l) => l.startsWith('broken.ts('))
    expect(errors.length, failing.stdout).toBeGreaterThanOrEqual(3)
    expect(failing.stdout).toContain('accountId')
    expect(failing.stdout, 'the broken file must fail on its types, not on resolution').not.toContain('TS2307')
  }, 120_000)

  it.for(TOOLS)('$name tarball holds package.json, the ESM build, types and README, and no sources', async (p, { expect }) => {
    const list = ok(await run('tar', ['-tzf', tarballs.get(p.name)!], { cwd: work }), 'tar -tzf')
    const files = new Set(list.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, '')))
    const required = ['package.json', 'README.md']
    for (const entry of Object.keys(p.entries)) {
      const base = entry === p.name ? 'index' : entry.slice(p.name.length + 1)
      required.push(`dist/esm/${base}.js`, `dist/esm/${base}.d.ts`)
    }
    expect(required.filter((f) => !files.has(f)), `missing from ${p.name}`).toEqual([])
    expect([...files].filter((f) => /^(src|test)\/|tsconfig|\.tsbuildinfo$/.test(f)), 'sources or build state shipped').toEqual([])
  })

  it.for([...PACKAGES, ...TOOLS])('publint (strict, on the tarball) reports no errors or warnings for $name', async (p, { expect }) => {
    const bytes = readFileSync(tarballs.get(p.name)!)
    const tarball = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
    const { messages, pkg } = await publint({ pack: { tarball }, strict: true })
    const problems = messages.filter((m) => m.type !== 'suggestion').map((m) => `${m.type} ${m.code}: ${formatMessage(m, pkg)}`)
    expect(problems).toEqual([])
  })

  // attw's "node10" is TypeScript's legacy `moduleResolution: node`, which ignores `exports`: it can only find the
  // root entry (through main/types), never a subpath. Every runtime we support (Node >= 18) and every current TS
  // mode (node16, nodenext, bundler) read `exports`, so the sdk's subpaths are checked with `--profile node16`
  // and the only problems tolerated are node10 failures to resolve a subpath. The per-API packages pass `strict`.
  // `./openapi.yaml` is a file export, not a module, so it is left out of the type analysis.
  // The dev tools ship ESM only, so they are held to attw's `esm-only` profile.
  it.for([...PACKAGES, ...TOOLS])('@arethetypeswrong/cli finds no problems in $name', { timeout: 90_000 }, async (p, { expect }) => {
    const hasSubpaths = Object.keys(p.entries).length > 1
    const stdoutFile = join(work, `attw-${p.dir}.json`)
    const profile = TOOLS.includes(p) ? 'esm-only' : hasSubpaths ? 'node16' : 'strict'
    const args = [ATTW, tarballs.get(p.name)!, '--format', 'json', '--no-definitely-typed', '--profile', profile]
    if (p.spec) args.push('--exclude-entrypoints', './openapi.yaml')
    const res = await run(process.execPath, args, { cwd: work, stdoutFile, timeoutMs: 85_000 })
    const report = JSON.parse(res.stdout) as {
      analysis: { entrypoints: Record<string, unknown> }
      problems?: Record<string, { kind: string; entrypoint: string; resolutionKind: string }[]>
    }
    const problems = Object.values(report.problems ?? {}).flat()
    // The JSON lists every resolution's problems whatever the profile; esm-only leaves out CJS and node10 consumers.
    const tolerated = (q: (typeof problems)[number]) =>
      profile === 'esm-only'
        ? q.resolutionKind === 'node16-cjs' || q.resolutionKind === 'node10'
        : hasSubpaths && q.kind === 'NoResolution' && q.resolutionKind === 'node10' && q.entrypoint !== '.'
    expect(problems.filter((q) => !tolerated(q))).toEqual([])
    expect(res.code, res.stderr).toBe(0)
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual(
      [...Object.keys(p.entries).map((e) => (e === p.name ? '.' : `.${e.slice(p.name.length)}`)), './package.json'].sort(),
    )
  })
})
