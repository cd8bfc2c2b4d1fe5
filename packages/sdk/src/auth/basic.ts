/** `Basic base64(user:password)`, UTF-8 safe (btoa alone only takes Latin-1). */
export function basicAuthorization(user: string, password: string): string {
  return `Basic ${base64(new TextEncoder().encode(`${user}:${password}`))}`
}

// Credentials and JWT parts are short, so spreading the bytes into one call is safe.
export const base64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes))

export function base64url(bytes: Uint8Array): string {
  return base64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
