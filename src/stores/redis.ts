/**
 * An idempotency store in Redis, shared by every instance that uses the same server; pass the
 * `redis` (node-redis 5) or `ioredis` client you already have.
 *
 * @module sms-webhooks/stores/redis
 */
import type { IdempotencyClaim, IdempotencyStore } from './types.js';

export type { IdempotencyClaim, IdempotencyStore } from './types.js';

/**
 * The one method of a Redis client the store uses to send a command: node-redis 5's
 * `client.sendCommand(['EVAL', …])` or ioredis' `redis.call('EVAL', …)`.
 */
export type RedisStoreClient =
  | {
      /** node-redis: sends one command given as its words. */
      sendCommand(args: string[]): Promise<unknown>;
    }
  | {
      /** ioredis: sends one command given as its name and arguments. */
      call(command: string, ...args: string[]): Promise<unknown>;
    };

/** Options of {@link redisStore}. */
export interface RedisStoreOptions {
  /**
   * What every key the store writes starts with, to keep them apart from your own.
   * @default 'sms-webhooks:idempotency:'
   * @example { prefix: 'tenant-a:sms:' }
   */
  readonly prefix?: string | undefined;
}

const DONE = 'done';

// Absent or expired: take the lease (the token is the value, PX its expiry) and answer 0. Done:
// answer -1. Leased: answer the lease's remaining milliseconds. One script, so atomic in Redis.
const claimScript = `local value = redis.call('GET', KEYS[1])
if not value then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 0
end
if value == '${DONE}' then return -1 end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 1 then return 1 end
return ttl`;

// Deletes the key only while it still holds this attempt's token.
const releaseScript = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/**
 * Creates an idempotency store on a Redis client: claims are one Lua script (atomic on the server),
 * leases and retention are key expiries (`PX`), so nothing needs cleaning up. Guarantees hold as
 * long as Redis keeps its data: with persistence off, a restart forgets done events and their
 * redeliveries run again. Commands go to one server; a cluster client is not supported.
 *
 * Give the client a bounded wait (node-redis `disableOfflineQueue: true`, ioredis
 * `enableOfflineQueue: false`) so a stopped server answers `store_unavailable` at once rather
 * than `timeout` after `timeoutMs`.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * const client = await createClient({ url: process.env.REDIS_URL }).connect();
 * const store = redisStore(client);
 * ```
 * @example
 * ```ts
 * import Redis from 'ioredis';
 * const store = redisStore(new Redis(process.env.REDIS_URL!));
 * ```
 */
export function redisStore(
  client: RedisStoreClient,
  options: RedisStoreOptions = {},
): IdempotencyStore {
  const prefix = options.prefix ?? 'sms-webhooks:idempotency:';
  if (typeof prefix !== 'string') throw new TypeError('`prefix` must be a string when given.');
  const send: (args: string[]) => Promise<unknown> =
    // ioredis also has a `sendCommand`, taking its own Command objects, so `call` is checked first.
    'call' in client && typeof client.call === 'function'
      ? (args) => client.call(args[0] as string, ...args.slice(1))
      : 'sendCommand' in client && typeof client.sendCommand === 'function'
        ? (args) => client.sendCommand(args)
        : () =>
            Promise.reject(new TypeError('The Redis client has neither call() nor sendCommand().'));

  return {
    async claim(key, token, leaseMs): Promise<IdempotencyClaim> {
      const reply = Number(
        await send(['EVAL', claimScript, '1', prefix + key, token, String(leaseMs)]),
      );
      if (reply === 0) return { status: 'claimed' };
      if (reply === -1) return { status: 'done' };
      if (Number.isFinite(reply) && reply > 0) return { status: 'busy', retryAfterMs: reply };
      throw new TypeError('Redis answered the claim with something other than a number.');
    },
    async complete(key, retentionMs) {
      await send(['SET', prefix + key, DONE, 'PX', String(retentionMs)]);
    },
    async release(key, token) {
      await send(['EVAL', releaseScript, '1', prefix + key, token]);
    },
  };
}
