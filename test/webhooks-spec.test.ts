// The inbound events each spec declares (OpenAPI 3.1 `webhooks`) and the sample deliveries users test with:
//   - every example delivery validates against its webhook's body schema and against `WebhookPayload`, with a JSON
//     Schema 2020-12 validator (ajv 8, the one Prism validates with, resolved through @stoplight/prism-cli so that
//     nothing new is installed), and a broken delivery is rejected;
//   - the `WebhookEvent` union and the `webhooks` section name the same events, and each example's events are of
//     its webhook's event type;
//   - the `/webhooks` subpath serves those examples, and the client entry never imports them;
//   - the generated types narrow on the discriminator (checked by tsc, which type-checks this file in the suite).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import * as brevo from '@parley/brevo-conversations'
import * as brevoWebhooks from '@parley/brevo-conversations/webhooks'
import * as mews from '@parley/mews-message-threads'
import * as mewsWebhooks from '@parley/mews-message-threads/webhooks'
import * as stackone from '@parley/stackone-messaging'
import * as stackoneWebhooks from '@parley/stackone-messaging/webhooks'
import * as sunshine from '@parley/sunshine-conversations'
import * as sunshineWebhooks from '@parley/sunshine-conversations/webhooks'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { listSpecs } from '../scripts/lib/specs.mjs'
import { ROOT } from './support/paths.js'

type Json = Record<string, any>

// ajv is not a dependency of this workspace: take Prism's own copy (prism-cli -> prism-http -> ajv, ajv-formats).
const fromPrism = createRequire(createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json'))
const fromPrismHttp = createRequire(fromPrism.resolve('@stoplight/prism-http/package.json'))
const Ajv2020 = fromPrismHttp('ajv/dist/2020').default as new (options: object) => {
  addSchema(schema: object, key: string): void
  addFormat(name: string, format: true): void
  compile(schema: object): ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null }
}
const addFormats = fromPrismHttp('ajv-formats').default as (ajv: object) => void

/** Each spec's discriminator, the field of an event that names its type. */
const DISCRIMINATOR: Record<string, string> = {
  'sunshine-conversations': 'type',
  'mews-message-threads': 'Discriminator',
  'brevo-conversations': 'eventName',
  'stackone-messaging': 'event',
}
/** Where a delivery holds its events (Sunshine and Mews batch them; Brevo and StackOne POST one event). */
const EVENTS_FIELD: Record<string, string | undefined> = { 'sunshine-conversations': 'events', 'mews-message-threads': 'Events' }

const escape = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1')

function validatorFor(doc: Json) {
  // OpenAPI keywords (discriminator, example) are annotations to ajv; `strict: false` lets them through.
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  for (const format of ['int32', 'int64']) ajv.addFormat(format, true)
  ajv.addSchema(doc, 'spec')
  return (pointer: string) => {
    const validate = ajv.compile({ $ref: `spec#${pointer}` })
    return (data: unknown) => {
      const ok = validate(data)
      return ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`)
    }
  }
}

const specs = listSpecs().map((spec) => ({ ...spec, doc: parse(readFileSync(spec.path, 'utf8')) as Json }))

describe.each(specs)('specs/$file webhooks', ({ name, doc }) => {
  const webhooks = Object.entries(doc.webhooks ?? {}) as [string, Json][]
  const validator = validatorFor(doc)
  const payload = validator('/components/schemas/WebhookPayload')
  const bodyOf = (event: string) => validator(`/webhooks/${escape(event)}/post/requestBody/content/application~1json/schema`)
  const examplesOf = (item: Json) => Object.entries(item.post.requestBody.content['application/json'].examples ?? {}) as [string, Json][]
  const eventsOf = (delivery: Json): Json[] => (EVENTS_FIELD[name] ? delivery[EVENTS_FIELD[name]!] : [delivery])

  it('declares events, each with a body, an example and the vendor authentication as a parameter', () => {
    expect(webhooks.length).toBeGreaterThan(0)
    for (const [event, item] of webhooks) {
      expect(item.post?.requestBody?.content?.['application/json']?.schema, event).toBeDefined()
      expect(examplesOf(item).length, `${event} examples`).toBeGreaterThan(0)
      expect(item.post.parameters?.length, `${event} parameters`).toBeGreaterThan(0)
    }
  })

  it('names the same events in the WebhookEvent union as in the webhooks section', () => {
    const union = doc.components.schemas.WebhookEvent as Json
    expect(union.discriminator.propertyName).toBe(DISCRIMINATOR[name])
    expect(Object.keys(union.discriminator.mapping).sort()).toEqual(webhooks.map(([event]) => event).sort())
    expect(union.oneOf.map((r: Json) => r.$ref).sort()).toEqual(Object.values(union.discriminator.mapping).sort())
  })

  it('every example delivery validates against its webhook body and WebhookPayload, with events of its type', () => {
    let checked = 0
    for (const [event, item] of webhooks) {
      const body = bodyOf(event)
      for (const [example, { value }] of examplesOf(item)) {
        const where = `${event} example ${example}`
        expect(body(value), where).toEqual([])
        expect(payload(value), `${where} as WebhookPayload`).toEqual([])
        const events = eventsOf(value)
        expect(events.length, where).toBeGreaterThan(0)
        for (const e of events) expect(e[DISCRIMINATOR[name]!], where).toBe(event)
        checked++
      }
    }
    expect(checked).toBeGreaterThanOrEqual(webhooks.length)
  })

  it('rejects a delivery whose event lost its discriminator or carries a wrong-typed field', () => {
    const [event, item] = webhooks[0]!
    const value = structuredClone(examplesOf(item)[0]![1].value) as Json
    const first = eventsOf(value)[0]!
    delete first[DISCRIMINATOR[name]!]
    expect(bodyOf(event)(value).join('\n')).toMatch(new RegExp(DISCRIMINATOR[name]!))
    expect(payload(value)).not.toEqual([])
    const wrong = structuredClone(examplesOf(item)[0]![1].value) as Json
    if (EVENTS_FIELD[name]) wrong[EVENTS_FIELD[name]!] = 'not a list'
    else wrong[DISCRIMINATOR[name]!] = 42
    expect(bodyOf(event)(wrong)).not.toEqual([])
  })
})

describe('the /webhooks subpath', () => {
  const packages = {
    'brevo-conversations': brevoWebhooks,
    'mews-message-threads': mewsWebhooks,
    'stackone-messaging': stackoneWebhooks,
    'sunshine-conversations': sunshineWebhooks,
  }

  it.each(specs)('@parley/$name/webhooks serves every example of specs/$file, in spec order', ({ name, doc }) => {
    const expected = Object.fromEntries(
      Object.entries(doc.webhooks as Json).map(([event, item]) => [
        event,
        Object.values(item.post.requestBody.content['application/json'].examples as Json).map((e: Json) => e.value),
      ]),
    )
    expect(packages[name as keyof typeof packages].webhookExamples).toEqual(expected)
  })

  it.each(specs)('the client entry of @parley/$name imports nothing that loads the examples', ({ name }) => {
    const entry = readFileSync(join(ROOT, 'packages', name, 'src', 'index.ts'), 'utf8')
    const imports = [...entry.matchAll(/(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/g)].map((m) => m[1])
    expect(imports.length).toBeGreaterThan(0)
    expect(imports.filter((from) => /webhook/.test(from ?? ''))).toEqual([])
  })
})

// Type-level: each union narrows on its discriminator (tsc fails the suite when one does not).
export function narrowsOnTheDiscriminator(
  s: sunshine.WebhookEvent,
  m: mews.WebhookEvent,
  b: brevo.WebhookEvent,
  o: stackone.WebhookEvent,
): unknown[] {
  const out: unknown[] = []
  if (s.type === 'conversation:message') out.push(s.payload.message.content.type)
  if (s.type === 'conversation:create') {
    // @ts-expect-error a conversation:create event carries no message
    out.push(s.payload.message)
    out.push(s.payload.creationReason)
  }
  if (m.Discriminator === 'MessageAdded') out.push(m.Value.Id)
  // @ts-expect-error not a Mews discriminator
  if (m.Discriminator === 'MessageUpdated') out.push(m)
  if (b.eventName === 'conversationStarted') out.push(b.conversationId.length, b.message?.text)
  if (o.event === 'account.deleted') out.push(o.account_id)
  return out
}
