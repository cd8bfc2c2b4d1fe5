// Reading a delivery's body: JSON only, read once, and never more than the limit (the read stops at the first
// chunk past it, so an endless or huge body costs at most `maxBytes` of memory).
import { WebhookError } from '../errors.js'

/** `application/json` or any `application/*+json`; a delivery without a content type is read as JSON too. */
export function checkContentType(request: Request): void {
  const type = request.headers.get('content-type')
  if (type === null) return
  const media = type.split(';', 1)[0]!.trim().toLowerCase()
  if (media === 'application/json' || /^application\/[^/]+\+json$/.test(media)) return
  throw new WebhookError(415, `content-type must be application/json, got ${JSON.stringify(type.slice(0, 100))}`)
}

export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = () => new WebhookError(413, `body is larger than ${maxBytes} bytes (maxBodyBytes)`)
  const declared = Number(request.headers.get('content-length') ?? NaN)
  if (declared > maxBytes) {
    await request.body?.cancel().catch(() => {})
    throw tooLarge()
  }
  if (request.bodyUsed) throw new WebhookError(400, 'body was already read (pass the request before anything reads it)')
  if (!request.body) return new Uint8Array(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read().catch((cause: unknown) => {
      throw new WebhookError(400, 'body could not be read to its end', { cause })
    })
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => {})
      throw tooLarge()
    }
    chunks.push(value)
  }
  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return body
}

/** The parsed JSON body; 400 when it is not valid UTF-8 JSON. */
export function parseJson(body: Uint8Array<ArrayBuffer>): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body))
  } catch (cause) {
    throw new WebhookError(400, 'body is not valid JSON', { cause })
  }
}
