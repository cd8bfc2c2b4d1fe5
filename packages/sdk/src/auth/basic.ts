/** `Basic base64(user:password)`, UTF-8 safe (btoa alone only takes Latin-1). */
export function basicAuthorization(user: string, password: string): string {
  return `Basic ${base64(new TextEncoder().encode(`${user}:${password}`))}`
}

export function base64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i] as number)
  return btoa(binary)
}

export function base64url(bytes: Uint8Array): string {
  return base64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
