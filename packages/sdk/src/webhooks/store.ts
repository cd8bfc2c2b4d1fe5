// Which webhook events were handled, so a redelivery is not handled twice. The SDK keeps them in memory (one
// process); `@parley/rate-limit-redis` keeps them in Redis for many processes behind one webhook URL.

/**
 * What `claim` found: `claimed` (handle the event now), `done` (handled already: skip it) or `busy` (another delivery
 * holds it now, or the store has no room: the receiver asks the vendor to deliver again, since that handler may fail).
 */
export type ClaimResult = 'claimed' | 'busy' | 'done'

/** Keys are `<api>:<event key>` (Sunshine's event id, Mews' discriminator and entity id, ...), never a secret. */
export interface WebhookStore {
  /**
   * Claims event `key` for handling. A claim that is neither `done` nor `released` lapses after a lease (a crashed
   * process), so nothing is lost.
   */
  claim(key: string): Promise<ClaimResult>
  /** The event was handled: remember it (for as long as the vendor may redeliver) so a redelivery is skipped. */
  done(key: string): Promise<void>
  /** The handler failed: forget the claim, so the vendor's redelivery is handled. */
  release(key: string): Promise<void>
}
