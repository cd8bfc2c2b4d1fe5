// Sample webhook deliveries: the spec's own `webhooks` examples, as the installed API package ships them on its
// `/webhooks` subpath, authenticated the vendor's way by the receiver under test.
import { createRequire } from 'node:module'
import { join } from 'node:path'

export interface WebhookSample {
  /** The webhook's name in the spec: the vendor's event name (`conversation:message`, `MessageAdded`, ...). */
  readonly event: string
  /** The example's place among the event's examples, in spec order. */
  readonly index: number
  /** The example delivery: the parsed JSON body of one POST. */
  readonly payload: unknown
}

/** What the samples need from a receiver: `createSunshineWebhooks(...)` and its siblings have it. */
export interface SigningReceiver {
  testRequest(payload: never, init?: { url?: string | URL | undefined }): Promise<Request>
}

export interface WebhookDelivery extends WebhookSample {
  /** A POST of `payload` carrying valid credentials for the receiver it was built with. */
  readonly request: Request
}

/**
 * Every example of every webhook the spec of `api` declares, in spec order. `api` is an installed per-API package
 * (`@parley/sunshine-conversations`), resolved from `cwd` as the project's own code would resolve it.
 */
export function webhookSamples(api: string, options: { cwd?: string } = {}): WebhookSample[] {
  const from = options.cwd ?? process.cwd()
  if (typeof api !== 'string' || !/^(@[\w.-]+\/)?[\w.-]+$/.test(api)) {
    throw new TypeError(`api must be an installed API package name such as "@parley/sunshine-conversations", got ${JSON.stringify(api)}`)
  }
  let examples: Record<string, readonly unknown[]> | undefined
  try {
    examples = createRequire(join(from, 'package.json'))(`${api}/webhooks`).webhookExamples
  } catch (error) {
    throw new Error(`api "${api}" is not an installed package with webhook examples (${api}/webhooks, resolved from ${from})`, { cause: error })
  }
  const samples = Object.entries(examples ?? {}).flatMap(([event, payloads]) => payloads.map((payload, index) => ({ event, index, payload })))
  if (samples.length === 0) throw new Error(`${api}/webhooks has no webhook examples`)
  return samples
}

/**
 * The samples of `api` as Requests authenticated by `receiver` (its `testRequest`), ready for your handler:
 * `for (const d of await webhookDeliveries(api, receiver)) expect((await handle(d.request)).status).toBe(204)`.
 */
export async function webhookDeliveries(
  api: string,
  receiver: SigningReceiver,
  options: { cwd?: string; url?: string | URL } = {},
): Promise<WebhookDelivery[]> {
  if (typeof receiver?.testRequest !== 'function') {
    throw new TypeError(`receiver must be a webhook receiver from @parley/sdk (with testRequest), got ${receiver === null ? 'null' : typeof receiver}`)
  }
  const init = options.url === undefined ? {} : { url: options.url }
  return Promise.all(
    webhookSamples(api, options).map(async (sample) => ({ ...sample, request: await receiver.testRequest(sample.payload as never, init) })),
  )
}
