// A mock as the test code uses it: fetch functions to hand to the SDK (or any openapi-fetch client) that name
// Prism's violations in the error body, end listings, force a documented status; and the calls they saw.
import { findOperation, loadSpec, resolveSpec, type Operation, type SpecInfo } from './spec.js'
import { ERROR_BODIES, defaultErrorBody, explainViolations, type ErrorBody, type Violation } from './violations.js'
import { pageable, sentCursor, withCursor } from './pages.js'

export type MockFetch = (input: Request | string | URL, init?: RequestInit) => Promise<Response>

export interface RecordedCall {
  /** `METHOD /path/{template}`, or `METHOD /path` when the spec has no such operation. */
  operation: string
  status: number
  /** What Prism objected to (empty when it accepted the request). */
  violations: Violation[]
}

export interface StatusRun {
  operation: string
  status: number
  /** The status the call really got (differs when Prism rejected the request first). */
  answered: number | undefined
  /** What the function returned, when it returned. */
  value?: unknown
  /** What the function threw, when it threw. */
  error?: unknown
}

export interface ConnectOptions {
  /** Builds the error body that carries Prism's violations; defaults to the vendor's shape for the four Parley APIs. */
  errorBody?: ErrorBody
  /** Where packages are resolved from (default: the current directory). */
  cwd?: string
}

export interface MockConnection {
  /** The API's short name (`stackone-messaging`). */
  readonly name: string
  /** The mock's base URL: the client's `baseUrl`. */
  readonly url: string
  /** The spec file the mock serves. */
  readonly spec: string
  /** A fetch for the client: requests go to the mock; a rejected one fails with Prism's violations as the message. */
  readonly fetch: MockFetch
  /** Like `fetch`, but every listing ends after `pages` pages (each page the spec's example, with fresh cursors). */
  finitePages(pages: number): MockFetch
  /**
   * Runs `fn` once with a plain fetch to learn which operations it calls, then once per documented status of each
   * of those operations, with a fetch that makes that operation answer that status. Runs are sequential.
   */
  eachStatus<T>(fn: (fetch: MockFetch) => Promise<T> | T): Promise<StatusRun[]>
  /** Every call made through this connection's fetch functions, in order. */
  readonly calls: readonly RecordedCall[]
  /** `METHOD /path status` for each documented status of each operation called that no call got. */
  unexercised(): string[]
}

interface Plan {
  pages?: number
  force?: { operation: string; status: number }
}

/** Connects to a mock already running at `url` (started by a global setup, another process, `startMock`). */
export function connectMock(api: string, url: string, options: ConnectOptions = {}): MockConnection {
  const spec: SpecInfo = loadSpec(resolveSpec(api, options.cwd))
  const base = new URL(url)
  const basePath = base.pathname.replace(/\/$/, '')
  const errorBody = options.errorBody ?? ERROR_BODIES[spec.name] ?? defaultErrorBody
  const calls: RecordedCall[] = []

  const makeFetch = (plan: Plan): MockFetch => {
    // The cursors this fetch handed out, with the page each stands for.
    const issued = new Map<unknown, number>()
    return async (input, init) => {
      let request = new Request(input, init)
      const target = new URL(request.url)
      const pathname = target.pathname.startsWith(basePath) ? target.pathname.slice(basePath.length) : target.pathname
      const op = findOperation(spec, request.method, pathname)
      const operation = op?.id ?? `${request.method} ${pathname}`
      if (plan.force && plan.force.operation === operation) {
        request = new Request(request, { headers: withHeader(request.headers, 'prefer', `code=${plan.force.status}`) })
      }
      const page = plan.pages && pageable(op) ? (issued.get(await sentCursor(request, op)) ?? 1) : undefined
      // The global fetch, looked up per call, so a stub or polyfill installed later is used.
      let response = await fetch(request)
      const explained = await explainViolations(response, errorBody)
      response = explained.response
      if (page !== undefined && explained.violations.length === 0) {
        response = await withCursor(response, op as Operation & { dialect: string }, page, plan.pages!, (c, p) => issued.set(c, p))
      }
      calls.push({ operation, status: response.status, violations: explained.violations })
      return response
    }
  }

  const connection: MockConnection = {
    name: spec.name,
    url,
    spec: spec.path,
    fetch: makeFetch({}),
    finitePages(pages) {
      if (!Number.isInteger(pages) || pages < 1) throw new TypeError(`finitePages: pages must be an integer >= 1, got ${String(pages)}`)
      return makeFetch({ pages })
    },
    async eachStatus(fn) {
      const from = calls.length
      await settle(fn, makeFetch({}))
      const called = [...new Set(calls.slice(from).map((c) => c.operation))]
      const runs: StatusRun[] = []
      for (const operation of called) {
        const op = spec.operations.find((o) => o.id === operation)
        for (const status of op?.statuses ?? []) {
          const before = calls.length
          const outcome = await settle(fn, makeFetch({ force: { operation, status } }))
          const answered = calls.slice(before).find((c) => c.operation === operation)?.status
          runs.push({ operation, status, answered, ...outcome })
        }
      }
      return runs
    },
    get calls() {
      return calls
    },
    unexercised() {
      const seen = new Set(calls.map((c) => `${c.operation} ${c.status}`))
      const called = new Set(calls.map((c) => c.operation))
      return spec.operations
        .filter((op) => called.has(op.id))
        .flatMap((op) => op.statuses.map((s) => `${op.id} ${s}`))
        .filter((key) => !seen.has(key))
    },
  }
  return connection
}

async function settle<T>(fn: (fetch: MockFetch) => Promise<T> | T, fetch: MockFetch): Promise<{ value?: T; error?: unknown }> {
  try {
    return { value: await fn(fetch) }
  } catch (error) {
    return { error }
  }
}

function withHeader(headers: Headers, name: string, value: string): Headers {
  const copy = new Headers(headers)
  copy.set(name, value)
  return copy
}
