import { Redis } from 'ioredis';
import pg from 'pg';
import { createClient } from 'redis';
import { memoryStore } from '../../src/stores/memory.js';
import { createPostgresStoreTable, postgresStore } from '../../src/stores/postgres.js';
import { redisStore } from '../../src/stores/redis.js';
import type { IdempotencyStore } from '../../src/stores/types.js';

/** Every engine and client a store is tested with. */
export const storeEngines = ['memory', 'node-redis', 'ioredis', 'postgres'] as const;

/** One of {@link storeEngines}. */
export type StoreEngine = (typeof storeEngines)[number];

/** The servers the engines connect to. */
export interface StoreUrls {
  /** `redis://…` of a running redis-server. */
  readonly redis: string;
  /** `postgres://…` of a running PostgreSQL. */
  readonly postgres: string;
}

/** A store on a real client, and how to disconnect it. */
export interface OpenStore {
  /** The store. */
  readonly store: IdempotencyStore;
  /** Disconnects the client. */
  close(): Promise<void>;
}

/**
 * Opens a store the way a user would: their own client, configured to fail at once rather than
 * queue commands while the server is away.
 */
export async function openStore(
  engine: StoreEngine,
  urls: StoreUrls,
  namespace: string,
): Promise<OpenStore> {
  switch (engine) {
    case 'memory':
      return { store: memoryStore(), close: async () => {} };
    case 'node-redis': {
      const client = createClient({
        url: urls.redis,
        disableOfflineQueue: true,
        socket: { reconnectStrategy: () => 200 },
      });
      client.on('error', () => {});
      await client.connect();
      return {
        store: redisStore(client, { prefix: `${namespace}:` }),
        close: async () => {
          client.destroy();
        },
      };
    }
    case 'ioredis': {
      const client = new Redis(urls.redis, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        retryStrategy: () => 200,
        lazyConnect: true,
      });
      client.on('error', () => {});
      await client.connect();
      return {
        store: redisStore(client, { prefix: `${namespace}:` }),
        close: async () => {
          client.disconnect();
        },
      };
    }
    case 'postgres': {
      const pool = new pg.Pool({ connectionString: urls.postgres, max: 10 });
      pool.on('error', () => {});
      const table = `idempotency_${namespace.replace(/[^A-Za-z0-9_]/g, '_')}`;
      await createPostgresStoreTable(pool, { table });
      return { store: postgresStore(pool, { table }), close: () => pool.end() };
    }
  }
}
