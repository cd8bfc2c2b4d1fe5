// Each factory's client has every method of openapi-fetch's client, and each of them goes through the facade
// (credentials, checks, timeouts): what a user switching from openapi-fetch expects to find.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import createClient from 'openapi-fetch'
import { describe, expect, it } from 'vitest'
import { ConfigurationError, createBrevo, createMews, createStackOne, createSunshine } from '../src/index.js'
import { json, scriptedFetch } from './helpers.js'

const openapiFetchMethods = Object.keys(createClient({ baseUrl: 'https://x.test' })).sort()
const httpMethods = openapiFetchMethods.filter((m) => m === m.toUpperCase())

const factories = {
  stackone: (fetch: never) => createStackOne({ apiKey: 'k', accountId: 'a', fetch, baseUrl: 'https://x.test' }),
  brevo: (fetch: never) => createBrevo({ apiKey: 'k', fetch, baseUrl: 'https://x.test' }),
  sunshine: (fetch: never) => createSunshine({ keyId: 'app_1', secret: 's', fetch, baseUrl: 'https://x.test' }),
  mews: (fetch: never) => createMews({ clientToken: 'c', accessToken: 'a', client: 'Parley', fetch, baseUrl: 'https://x.test' }),
}

describe.each(Object.entries(factories))('%s client', (_name, make) => {
  it("has openapi-fetch's methods, orThrow for each HTTP method, paginate and pages", () => {
    const client = make(scriptedFetch(json({})).fetch as never) as unknown as Record<string, unknown>
    expect(httpMethods).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT', 'TRACE'])
    for (const m of openapiFetchMethods) expect(typeof client[m], m).toBe('function')
    for (const m of httpMethods) expect(typeof (client.orThrow as Record<string, unknown>)[m], `orThrow.${m}`).toBe('function')
    expect(typeof client.paginate).toBe('function')
    expect(typeof client.pages).toBe('function')
  })

  // fetch forbids TRACE (see below); openapi-fetch has the method all the same. Mews' API has only POST operations
  // and its tokens ride in every body, which fetch refuses on GET and HEAD.
  const sendable = httpMethods.filter((m) => m !== 'TRACE' && (_name !== 'mews' || (m !== 'GET' && m !== 'HEAD')))
  it.each(sendable)('%s is sent with that method through the facade, and refuses a bad timeout first', async (method) => {
    const s = scriptedFetch(json({}))
    const client = make(s.fetch as never) as unknown as Record<string, (path: string, init?: object) => Promise<{ response: Response }>>
    const { response } = await client[method]!('/anything')
    expect(response.status).toBe(200)
    expect(s.requests.map((r) => r.method)).toEqual([method])
    await expect(client[method]!('/anything', { timeoutMs: -1 })).rejects.toBeInstanceOf(ConfigurationError)
    expect(s.requests).toHaveLength(1)
  })

  it('TRACE, which fetch refuses to send, fails with an error naming it, and nothing is sent', async () => {
    const s = scriptedFetch(json({}))
    const client = make(s.fetch as never) as unknown as Record<string, (path: string) => Promise<unknown>>
    await expect(client.TRACE!('/anything')).rejects.toThrow(/TRACE \/anything failed: .*TRACE/)
    expect(s.requests).toHaveLength(0)
  })
})

// Layers point one way: a newcomer can read the SDK from errors.ts up to the factories without a loop.
describe('source layout', () => {
  it('has no import cycle', () => {
    const root = fileURLToPath(new URL('../src/', import.meta.url))
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))
    const imports = new Map(
      files.map((file) => {
        const text = readFileSync(join(root, file), 'utf8')
        const targets = [...text.matchAll(/^(?:import|export)[^'"]*from '(\.[^']+)\.js'/gm)].map((m) => join(dirname(file), `${m[1]}.ts`))
        return [file, targets]
      }),
    )
    expect(imports.size).toBeGreaterThan(15)
    const cycles: string[] = []
    const visit = (file: string, path: string[]) => {
      if (path.includes(file)) return void cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '))
      for (const next of imports.get(file) ?? []) visit(next, [...path, file])
    }
    for (const file of imports.keys()) visit(file, [])
    expect(cycles).toEqual([])
  })
})
