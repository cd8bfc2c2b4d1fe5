// Where a rate-limit budget's recent requests are kept. The SDK keeps them in memory (one process);
// `@parley/rate-limit-redis` keeps them in Redis, so every process sharing a credential shares its budget.

/**
 * Keys name a budget (`parley:<api>:<hash of the credential>`), never a credential itself.
 * Both methods must be atomic per key: two concurrent `take`s never both get the last slot.
 */
export interface RateLimitStore {
  /**
   * Takes one request from budget `key` if it has room now: at most `requests` in any `perMs` window, and none while
   * the budget is paused. Resolves 0 when taken; otherwise takes nothing and resolves the ms until room may free up.
   * A budget known only from what the server says (no fixed number) takes with `requests` = 2^31, more than any
   * budget: then only a pause holds it back.
   */
  take(key: string, requests: number, perMs: number): Promise<number>
  /** Pauses budget `key` for `ms` from now (a 429's Retry-After, a spent Brevo window): no `take` succeeds before. */
  pause(key: string, ms: number): Promise<void>
}
