// Comparing a presented credential with the secrets, and the digests webhooks need, with Web Crypto only.
import { base64url } from '../auth/basic.js'

const utf8 = (text: string) => new TextEncoder().encode(text)

export async function sha256(data: string | Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', typeof data === 'string' ? utf8(data) : data))
}

/** HMAC-SHA256 of `data` keyed with the UTF-8 bytes of `secret`, base64url without padding. */
export async function hmacSha256Base64url(secret: string, data: Uint8Array<ArrayBuffer>): Promise<string> {
  const key = await crypto.subtle.importKey('raw', utf8(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  return base64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, data)))
}

/**
 * Whether `a` equals `b`, in time that depends on neither: both are hashed first, so the loop always runs over 32
 * bytes, whatever their lengths and wherever they first differ.
 */
export async function safeEqual(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([sha256(a), sha256(b)])
  let diff = 0
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!
  return diff === 0
}

/** Whether `presented` equals one of `secrets`; every secret is compared, so the time does not say which matched. */
export async function matchesAny(presented: string, secrets: readonly string[]): Promise<boolean> {
  const results = await Promise.all(secrets.map((secret) => safeEqual(presented, secret)))
  return results.includes(true)
}
