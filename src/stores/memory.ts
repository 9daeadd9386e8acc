/**
 * An idempotency store in this process's memory, for one server instance and for tests.
 *
 * @module sms-webhooks/stores/memory
 */
import type { IdempotencyClaim, IdempotencyStore } from './types.js';

export type { IdempotencyClaim, IdempotencyStore } from './types.js';

/** One key's state: held under `token` until `expiresAt`, or done (`token` null) until then. */
interface Entry {
  readonly token: string | null;
  readonly expiresAt: number;
}

// Expired entries are dropped when touched, and all of them once every this many claims.
const SWEEP_EVERY = 1024;

/**
 * Creates an idempotency store in memory: exact within one process (JavaScript runs each operation
 * to the end before another starts), forgotten when the process ends, not shared between instances.
 * Use the Redis or PostgreSQL store when several instances receive webhooks.
 *
 * @example
 * ```ts
 * import { createNodeHandler } from 'sms-webhooks/node';
 * import { memoryStore } from 'sms-webhooks/stores/memory';
 *
 * const handler = createNodeHandler({ provider: 'textrequest', store: memoryStore(), onEvent });
 * ```
 */
export function memoryStore(): IdempotencyStore {
  const entries = new Map<string, Entry>();
  let claims = 0;

  function sweep(now: number): void {
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
  }

  return {
    async claim(key, token, leaseMs): Promise<IdempotencyClaim> {
      const now = Date.now();
      if (++claims % SWEEP_EVERY === 0) sweep(now);
      const entry = entries.get(key);
      if (entry === undefined || entry.expiresAt <= now) {
        entries.set(key, { token, expiresAt: now + leaseMs });
        return { status: 'claimed' };
      }
      if (entry.token === null) return { status: 'done' };
      return { status: 'busy', retryAfterMs: entry.expiresAt - now };
    },
    async complete(key, retentionMs) {
      entries.set(key, { token: null, expiresAt: Date.now() + retentionMs });
    },
    async release(key, token) {
      if (entries.get(key)?.token === token) entries.delete(key);
    },
  };
}
