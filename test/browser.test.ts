// The browser promise, in a real browser: test/browser/page.ts is bundled with esbuild (platform browser, ESM) from
// the BUILT @parley/sdk (dist/esm, resolved from packages/sdk, never the sources), served with an HTML page from a
// node:http server on 127.0.0.1 that also proxies `/mock/<api>/...` to the Prism mocks (one origin, so no CORS
// for Authorization or Prefer), and run in Debian's headless Chromium driven by playwright-core. The page makes a
// StackOne call, a `paginate(..., { maxPages: 2 })`, a 404 that must throw ApiError, and a Sunshine listing with
// `auth: 'jwt'` (Web Crypto in the page); the proxy records what the browser really sent.
// Chromium is installed with apt-get when /usr/bin/chromium is missing; if that fails, the test fails.
import { spawn } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build, type Plugin } from 'esbuild'
import { chromium, type BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PageResult } from './browser/page.js'
import { mockUrl } from './support/contract.js'
import { ROOT } from './support/paths.js'

// Debian's package by default; CHROMIUM_PATH points elsewhere (another distro, macOS, a Playwright download).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const SDK_DIR = join(ROOT, 'packages', 'sdk')
const APIS = ['stackone-messaging', 'sunshine-conversations']
const STACKONE_KEY = 'sk_browser_test'
const SUNSHINE = { keyId: 'app_5d8cff3cd55b040010928b5b', secret: 'browser-secret' }

// ---------------------------------------------------------------------------------------------------------------
// Chromium from Debian, installed on demand (a fresh machine does not have it).

function sh(cmd: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
    let output = ''
    const collect = (d: Buffer) => (output = (output + d.toString()).slice(-6_000))
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      output += `\n[killed after ${timeoutMs} ms]`
    }, timeoutMs)
    child.on('error', (e) => {
      clearTimeout(timer)
      resolve({ code: null, output: `${output}\n${cmd} could not start: ${e.message}` })
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

async function ensureChromium(): Promise<void> {
  if (existsSync(CHROMIUM)) return
  const fail = (why: string) => {
    throw new Error(`Chromium is needed for the browser test and is not at ${CHROMIUM}: ${why}`)
  }
  if (process.getuid?.() !== 0) fail('installing it needs root (apt-get install -y --no-install-recommends chromium)')
  const lock = ['-o', 'DPkg::Lock::Timeout=300']
  const update = await sh('apt-get', [...lock, 'update'], 300_000)
  if (update.code !== 0) fail(`apt-get update exited with ${update.code}:\n${update.output}`)
  const install = await sh('apt-get', [...lock, 'install', '-y', '--no-install-recommends', 'chromium'], 480_000)
  if (install.code !== 0) fail(`apt-get install chromium exited with ${install.code}:\n${install.output}`)
  if (!existsSync(CHROMIUM)) fail(`apt-get install chromium succeeded but left no ${CHROMIUM}:\n${install.output}`)
}

// ---------------------------------------------------------------------------------------------------------------
// The page bundle: @parley/sdk (and its subpaths) resolved from packages/sdk through its exports map, i.e. the
// built dist/esm, instead of the tsconfig `paths` alias to the sources that test/ would otherwise get.

const builtSdk: Plugin = {
  name: 'built-sdk',
  setup(b) {
    b.onResolve({ filter: /^@parley\/sdk(\/.*)?$/ }, async (args) => {
      if (args.pluginData === 'built-sdk') return undefined
      const res = await b.resolve(args.path, { kind: args.kind, resolveDir: SDK_DIR, importer: args.importer, pluginData: 'built-sdk' })
      return res.errors.length ? { errors: res.errors } : { path: res.path }
    })
  },
}

async function bundlePage(): Promise<{ js: string; inputs: string[] }> {
  const out = await build({
    entryPoints: [join(ROOT, 'test', 'browser', 'page.ts')],
    absWorkingDir: ROOT,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [builtSdk],
  })
  return { js: out.outputFiles[0]!.text, inputs: Object.keys(out.metafile.inputs) }
}

// ---------------------------------------------------------------------------------------------------------------
// One origin for the page, its bundle and the mocks.

interface Seen {
  api: string
  method: string
  url: string
  headers: IncomingHttpHeaders
}

function serve(js: string, mocks: Record<string, string>, seen: Seen[]): Promise<Server> {
  const html = '<!doctype html><html><head><meta charset="utf-8"><title>parley</title></head><body><script type="module" src="/page.js"></script></body></html>'
  const server = createServer((req, res) => {
    const url = req.url ?? '/'
    if (url === '/' || url === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html)
      return
    }
    if (url === '/page.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(js)
      return
    }
    const m = /^\/mock\/([^/]+)(\/.*)$/.exec(url)
    const base = m ? mocks[m[1]!] : undefined
    if (!m || !base) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`no route for ${url}`)
      return
    }
    seen.push({ api: m[1]!, method: req.method ?? 'GET', url: m[2]!, headers: req.headers })
    const target = new URL(m[2]!, base)
    const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', (e) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' })
      res.end(`proxy error: ${e.message}`)
    })
    req.pipe(upstream)
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve(server))
  })
}

// ---------------------------------------------------------------------------------------------------------------

let server: Server | undefined
let context: BrowserContext | undefined
let profile = ''
let inputs: string[] = []
let js = ''
let result: PageResult | undefined
let chromeVersion = ''
const seen: Seen[] = []
const pageLog: string[] = []

async function cleanUp(): Promise<void> {
  const ctx = context
  context = undefined
  await ctx?.close().catch(() => undefined)
  const srv = server
  server = undefined
  if (srv) {
    srv.closeAllConnections()
    await new Promise<void>((r) => srv.close(() => r()))
  }
  if (profile) rmSync(profile, { recursive: true, force: true })
  profile = ''
}

beforeAll(async () => {
  try {
    await ensureChromium()
    const bundle = await bundlePage()
    inputs = bundle.inputs
    js = bundle.js
    server = await serve(bundle.js, Object.fromEntries(APIS.map((api) => [api, mockUrl(api)])), seen)
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

    profile = mkdtempSync(join(tmpdir(), 'parley-chromium-'))
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      timeout: 60_000,
    })
    chromeVersion = context.browser()?.version() ?? ''
    const page = context.pages()[0] ?? (await context.newPage())
    page.on('console', (msg) => pageLog.push(`console.${msg.type()}: ${msg.text()}`))
    page.on('pageerror', (err) => pageLog.push(`pageerror: ${err.message}`))
    page.on('requestfailed', (req) => pageLog.push(`requestfailed: ${req.url()} ${req.failure()?.errorText ?? ''}`))
    await page.goto(`${origin}/`, { timeout: 30_000 })
    await page
      .waitForFunction(() => window.__result !== undefined, undefined, { timeout: 30_000 })
      .catch((e: Error) => {
        throw new Error(`the page reported no result: ${e.message}\n${pageLog.join('\n')}`)
      })
    result = await page.evaluate(() => window.__result)
  } catch (e) {
    await cleanUp()
    throw e
  }
}, 600_000)

afterAll(cleanUp)

describe('@parley/sdk in headless Chromium', () => {
  it('the page bundle is the built sdk for browsers (dist/browser), not sources, not the Node build', () => {
    expect(inputs).toContain('packages/sdk/dist/browser/index.js')
    expect(inputs.filter((f) => /^packages\/[^/]+\/src\//.test(f) || f.includes('/dist/cjs/') || f.startsWith('packages/sdk/dist/esm/'))).toEqual([])
    // The browser build has no hand-rolled redirect follower (a browser hands back opaque redirects).
    expect(js).not.toMatch(/get\(["']location["']\)/)
  })

  it('runs in Chromium and completes without error', () => {
    expect(result, pageLog.join('\n')).toMatchObject({ ok: true })
    if (!result?.ok) return
    expect(result.userAgent).toMatch(/HeadlessChrome|Chrome\//)
    expect(chromeVersion).toMatch(/^\d+\./)
  })

  it('a typed StackOne GET passes Prism with basic auth and x-account-id sent from the browser', () => {
    if (!result?.ok) throw new Error(`page failed: ${JSON.stringify(result)}`)
    expect(result.get).toEqual({ status: 200, violations: null, nameType: 'string' })
    const stackone = seen.filter((s) => s.api === 'stackone-messaging')
    expect(stackone.length).toBeGreaterThanOrEqual(4)
    const basic = `Basic ${Buffer.from(`${STACKONE_KEY}:`).toString('base64')}`
    for (const s of stackone) {
      expect(s.headers.authorization, s.url).toBe(basic)
      expect(s.headers['x-account-id'], s.url).toBe('45355976281015164504')
    }
  })

  it('paginate(..., { maxPages: 2 }) follows the cursor once and stops', () => {
    if (!result?.ok) throw new Error(`page failed: ${JSON.stringify(result)}`)
    expect(result.paginate.count).toBe(4) // two pages of the spec's two-item example
    const lists = seen.filter((s) => s.api === 'stackone-messaging' && s.url.startsWith('/unified/messaging/conversations?'))
    expect(lists).toHaveLength(2)
    expect(new URL(lists[0]!.url, 'http://x').searchParams.get('next')).toBeNull()
    expect(new URL(lists[1]!.url, 'http://x').searchParams.get('next')).toBeTruthy()
  })

  it('a 404 asked of the mock (Prefer header, same origin) throws ApiError', () => {
    if (!result?.ok) throw new Error(`page failed: ${JSON.stringify(result)}`)
    expect(result.error).toEqual({ isApiError: true, name: 'ApiError', status: 404 })
  })

  it("Sunshine with auth: 'jwt' signs an HS256 JWT with Web Crypto that verifies, and Prism accepts the call", () => {
    if (!result?.ok) throw new Error(`page failed: ${JSON.stringify(result)}`)
    expect(result.sunshine.webCrypto).toBe(true)
    expect(result.sunshine.count).toBeGreaterThan(0)
    expect(result.sunshine.violations).toBeNull()
    const calls = seen.filter((s) => s.api === 'sunshine-conversations')
    expect(calls.length).toBeGreaterThan(0)
    for (const call of calls) {
      const token = /^Bearer (.+)$/.exec(call.headers.authorization ?? '')?.[1]
      expect(token, 'bearer token').toBeTruthy()
      const [head, body, signature] = token!.split('.')
      expect(JSON.parse(Buffer.from(head!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT', kid: SUNSHINE.keyId })
      expect(JSON.parse(Buffer.from(body!, 'base64url').toString())).toEqual({ scope: 'app' })
      expect(signature).toBe(createHmac('sha256', SUNSHINE.secret).update(`${head}.${body}`).digest('base64url'))
    }
  })
})
