// Sample webhook deliveries from the spec's own `webhooks` examples, authenticated the vendor's way by the receiver
// under test, so a handler can be tested with what the vendor documents it sends.
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { resolveSpec } from './spec.js'

export interface WebhookSample {
  /** The webhook's name in the spec: the vendor's event name (`conversation:message`, `MessageAdded`, ...). */
  readonly event: string
  /** The example's key in the spec. */
  readonly example: string
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
 * Every example of every webhook the spec of `api` declares (an installed per-API package, or a spec path), in spec
 * order. Throws, naming the spec, when it declares no webhook examples.
 */
export function webhookSamples(api: string, options: { cwd?: string } = {}): WebhookSample[] {
  const path = resolveSpec(api, options.cwd)
  const doc = parse(readFileSync(path, 'utf8')) as { webhooks?: Record<string, Record<string, any>> }
  const samples: WebhookSample[] = []
  for (const [event, item] of Object.entries(doc.webhooks ?? {})) {
    const examples = item?.post?.requestBody?.content?.['application/json']?.examples ?? {}
    for (const [example, value] of Object.entries<{ value?: unknown }>(examples)) {
      if (value?.value !== undefined) samples.push({ event, example, payload: value.value })
    }
  }
  if (samples.length === 0) throw new Error(`${path} declares no webhook examples (webhooks.<event>.post.requestBody examples)`)
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
