/** What {@link IdempotencyStore.claim} found for a key. */
export type IdempotencyClaim =
  | {
      /** The key was free or its lease had run out; the caller now holds it for `leaseMs`. */
      readonly status: 'claimed';
    }
  | {
      /** The event was handled already and is still within its retention; skip it. */
      readonly status: 'done';
    }
  | {
      /** Another attempt holds an unexpired lease on the key. */
      readonly status: 'busy';
      /** How long that lease still runs, in milliseconds (at least 1). */
      readonly retryAfterMs: number;
    };

/**
 * Remembers which events were handled, so a redelivery, a replay or a second server instance
 * never runs `onEvent` twice for one `event.idempotencyKey`. Each operation must be atomic in the
 * backing engine; `sms-webhooks/stores/memory`, `/stores/redis` and `/stores/postgres` implement it.
 *
 * @example
 * ```ts
 * import { memoryStore } from 'sms-webhooks/stores/memory';
 * const store: IdempotencyStore = memoryStore();
 * ```
 */
export interface IdempotencyStore {
  /**
   * Atomically claims `key` for `leaseMs` under `token` unless it is done or leased by another
   * token; an expired lease or retention counts as free.
   */
  claim(key: string, token: string, leaseMs: number): Promise<IdempotencyClaim>;
  /** Marks `key` done for `retentionMs`, whoever holds its lease: the event has been handled. */
  complete(key: string, retentionMs: number): Promise<void>;
  /** Frees `key` if `token` still holds its lease, so the next delivery handles the event. */
  release(key: string, token: string): Promise<void>;
}
