import type { Redis } from 'ioredis';
import type pg from 'pg';
import type { createClient } from 'redis';
import { describe, expectTypeOf, it } from 'vitest';
import type { SmsWebhookEventContext, SmsWebhookHandlerOptions } from '../adapters/core/options.js';
import type { PostgresStoreClient } from './postgres.js';
import type { RedisStoreClient } from './redis.js';
import type { IdempotencyClaim, IdempotencyStore } from './types.js';

describe('store client types', () => {
  it('take the clients users already have, unchanged', () => {
    expectTypeOf<ReturnType<typeof createClient>>().toExtend<RedisStoreClient>();
    expectTypeOf<Redis>().toExtend<RedisStoreClient>();
    expectTypeOf<pg.Pool>().toExtend<PostgresStoreClient>();
    expectTypeOf<pg.Client>().toExtend<PostgresStoreClient>();
    expectTypeOf<{ get(key: string): Promise<string> }>().not.toExtend<RedisStoreClient>();
    expectTypeOf<{ execute(sql: string): Promise<void> }>().not.toExtend<PostgresStoreClient>();
  });

  it('narrow a claim on its status', () => {
    const claim = {} as IdempotencyClaim;
    if (claim.status === 'busy') expectTypeOf(claim.retryAfterMs).toEqualTypeOf<number>();
    expectTypeOf(claim.status).toEqualTypeOf<'claimed' | 'done' | 'busy'>();
  });

  it('are what the handler options take, with an AbortSignal in the onEvent context', () => {
    expectTypeOf<SmsWebhookHandlerOptions['store']>().toEqualTypeOf<IdempotencyStore | undefined>();
    expectTypeOf<SmsWebhookEventContext['signal']>().toEqualTypeOf<AbortSignal>();
  });
});
