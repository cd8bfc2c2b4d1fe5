// Test helpers: a fetch that answers from a script and records what it was sent.
export type Reply = Response | Error | ((req: Request) => Response | Promise<Response>)

export interface Recorded {
  method: string
  url: string
  headers: Record<string, string>
  body: string | undefined
}

export function scriptedFetch(...replies: Reply[]) {
  const requests: Recorded[] = []
  let i = 0
  const fetch = async (req: Request): Promise<Response> => {
    requests.push({
      method: req.method,
      url: req.url,
      headers: Object.fromEntries(req.headers.entries()),
      body: req.body ? await req.text() : undefined,
    })
    const reply = replies[Math.min(i++, replies.length - 1)]
    if (reply === undefined) throw new Error('scriptedFetch: no reply scripted')
    if (reply instanceof Error) throw reply
    return typeof reply === 'function' ? reply(req) : reply.clone()
  }
  return { fetch, requests }
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

/** Runs a listing to its end, keeping nothing; rejects with its error if it fails. */
export async function exhaust(it: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of it) void _
}

/** Items until the listing ends or throws; a throw is returned alongside what was yielded before it. */
export async function drain<T>(it: AsyncIterable<T>): Promise<{ items: T[]; error?: unknown }> {
  const items: T[] = []
  try {
    for await (const x of it) items.push(x)
  } catch (error) {
    return { items, error }
  }
  return { items }
}
