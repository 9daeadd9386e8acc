import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPostgresStoreTable,
  postgresStore,
  postgresStoreTableSql,
} from '../../src/stores/postgres.js';
import type { IdempotencyStore } from '../../src/stores/types.js';
import type { PostgresServer } from '../support/postgres-server.js';
import type { RedisServer } from '../support/redis-server.js';
import { type OpenStore, openStore, storeEngines } from '../support/store-clients.js';
import { startStoreServers } from '../support/store-servers.js';

let redis: RedisServer;
let postgres: PostgresServer;
const opened: OpenStore[] = [];

beforeAll(async () => {
  ({ redis, postgres } = await startStoreServers());
});

afterAll(async () => {
  await Promise.all(opened.map((store) => store.close()));
  await Promise.all([redis?.close(), postgres?.close()]);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(storeEngines)('the %s store', (engine) => {
  let store: IdempotencyStore;
  const key = () => `textrequest:message:${randomUUID()}`;

  beforeAll(async () => {
    const open = await openStore(
      engine,
      { redis: redis.url, postgres: postgres.url },
      `contract_${engine.replace('-', '_')}`,
    );
    opened.push(open);
    store = open.store;
  });

  it('claims a free key once; a second token finds it busy for the rest of the lease', async () => {
    const k = key();
    expect(await store.claim(k, 'a', 5_000)).toEqual({ status: 'claimed' });
    const busy = await store.claim(k, 'b', 5_000);
    expect(busy.status).toBe('busy');
    const { retryAfterMs } = busy as { retryAfterMs: number };
    expect(retryAfterMs).toBeGreaterThan(3_000);
    expect(retryAfterMs).toBeLessThanOrEqual(5_000);
  });

  it('answers done after complete, to every token, until the retention ends', async () => {
    const k = key();
    await store.claim(k, 'a', 5_000);
    await store.complete(k, 400);
    expect(await store.claim(k, 'b', 5_000)).toEqual({ status: 'done' });
    expect(await store.claim(k, 'a', 5_000)).toEqual({ status: 'done' });
    await sleep(600);
    expect(await store.claim(k, 'c', 5_000)).toEqual({ status: 'claimed' });
  });

  it('marks a key done even when another token holds its lease', async () => {
    const k = key();
    await store.claim(k, 'late', 5_000);
    await store.complete(k, 5_000);
    expect(await store.claim(k, 'other', 5_000)).toEqual({ status: 'done' });
  });

  it('frees a key on release by its holder only', async () => {
    const k = key();
    await store.claim(k, 'holder', 5_000);
    await store.release(k, 'someone-else');
    expect((await store.claim(k, 'next', 5_000)).status).toBe('busy');
    await store.release(k, 'holder');
    expect(await store.claim(k, 'next', 5_000)).toEqual({ status: 'claimed' });
  });

  it('does not let a release undo a done key', async () => {
    const k = key();
    await store.claim(k, 'a', 5_000);
    await store.complete(k, 5_000);
    await store.release(k, 'a');
    expect(await store.claim(k, 'b', 5_000)).toEqual({ status: 'done' });
  });

  it('gives the key to the next claim once the lease runs out (a process died)', async () => {
    const k = key();
    await store.claim(k, 'dead', 300);
    await sleep(500);
    expect(await store.claim(k, 'next', 5_000)).toEqual({ status: 'claimed' });
    await store.release(k, 'dead');
    expect((await store.claim(k, 'third', 5_000)).status).toBe('busy');
  });

  it('lets exactly one of 100 concurrent claims of one key win', async () => {
    const k = key();
    const claims = await Promise.all(
      Array.from({ length: 100 }, (_, index) => store.claim(k, `token-${index}`, 5_000)),
    );
    expect(claims.filter((claim) => claim.status === 'claimed')).toHaveLength(1);
    expect(claims.filter((claim) => claim.status === 'busy')).toHaveLength(99);
  });

  it('keeps keys apart', async () => {
    const [a, b] = [key(), key()];
    await store.claim(a, 'x', 5_000);
    await store.complete(a, 5_000);
    expect(await store.claim(b, 'x', 5_000)).toEqual({ status: 'claimed' });
  });
});

describe('postgres table', () => {
  it('creates its table idempotently, and refuses a table name that is not an identifier', async () => {
    const pool = new pg.Pool({ connectionString: postgres.url, max: 2 });
    try {
      await pool.query('CREATE SCHEMA IF NOT EXISTS hooks');
      await createPostgresStoreTable(pool, { table: 'hooks.idempotency' });
      await createPostgresStoreTable(pool, { table: 'hooks.idempotency' });
      const columns = await pool.query(
        `SELECT column_name, data_type, is_nullable FROM information_schema.columns
         WHERE table_schema = 'hooks' AND table_name = 'idempotency' ORDER BY ordinal_position`,
      );
      expect(columns.rows).toEqual([
        { column_name: 'key', data_type: 'text', is_nullable: 'NO' },
        { column_name: 'token', data_type: 'text', is_nullable: 'YES' },
        {
          column_name: 'expires_at',
          data_type: 'timestamp with time zone',
          is_nullable: 'NO',
        },
      ]);
      const store = postgresStore(pool, { table: 'hooks.idempotency' });
      expect(await store.claim('k', 't', 1_000)).toEqual({ status: 'claimed' });
      // Any other failure reaches the caller as the client threw it.
      await expect(
        createPostgresStoreTable(pool, { table: 'missing_schema.idempotency' }),
      ).rejects.toMatchObject({
        code: '3F000',
      });
    } finally {
      await pool.end();
    }
    expect(() => postgresStoreTableSql({ table: 'x; DROP TABLE users' })).toThrow(TypeError);
    expect(() => postgresStore({ query: async () => ({ rows: [] }) }, { table: '"x"' })).toThrow(
      /`table` must be a table name/,
    );
  });

  it('creates its table when several instances start at once, each on its own connection', async () => {
    // CREATE TABLE IF NOT EXISTS is not safe against itself: two sessions creating the same table
    // at once can fail with a unique violation on the catalog. Instances of one app deployed
    // together do exactly that.
    // Clients rather than pools: a client's end() waits for its connection to close, so none is
    // still open when the server stops after the last test.
    for (let round = 0; round < 5; round += 1) {
      const table = `race_${process.pid}_${round}`;
      const clients = Array.from(
        { length: 6 },
        () => new pg.Client({ connectionString: postgres.url }),
      );
      try {
        await Promise.all(clients.map((client) => client.connect()));
        await Promise.all(clients.map((client) => createPostgresStoreTable(client, { table })));
        const [first] = clients;
        if (first === undefined) throw new Error('no client');
        const store = postgresStore(first, { table });
        expect(await store.claim('k', 't', 1_000)).toEqual({
          status: 'claimed',
        });
      } finally {
        await Promise.all(clients.map((client) => client.end()));
      }
    }
  });
});
