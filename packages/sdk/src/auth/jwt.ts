// Sunshine Conversations app-scoped JWT: HS256, header {alg, typ, kid: keyId}, payload {scope: 'app'}, signed
// with Web Crypto so it runs in browsers, Deno, Bun and Node alike.
import { base64url } from './basic.js'

const encoder = new TextEncoder()

export async function signJwt(header: Record<string, unknown>, payload: Record<string, unknown>, secret: string): Promise<string> {
  const head = base64url(encoder.encode(JSON.stringify(header)))
  const body = base64url(encoder.encode(JSON.stringify(payload)))
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${head}.${body}`)))
  return `${head}.${body}.${base64url(signature)}`
}

export function signAppJwt(keyId: string, secret: string): Promise<string> {
  return signJwt({ alg: 'HS256', typ: 'JWT', kid: keyId }, { scope: 'app' }, secret)
}
