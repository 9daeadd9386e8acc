/**
 * An idempotency store in a PostgreSQL table, shared by every instance that uses the same
 * database; pass the `pg` (node-postgres) `Pool` or `Client` you already have.
 *
 * @module sms-webhooks/stores/postgres
 */
import type { IdempotencyClaim, IdempotencyStore } from './types.js';

export type { IdempotencyClaim, IdempotencyStore } from './types.js';

/** The one method of a PostgreSQL client the store uses: `pg`'s `query(text, values)`. */
export interface PostgresStoreClient {
  /** Runs one parameterized statement and resolves with its rows. */
  query(text: string, values?: unknown[]): Promise<PostgresStoreQueryResult>;
}

/** What the store reads of a query's result. */
export interface PostgresStoreQueryResult {
  /** The rows the statement returned. */
  readonly rows: readonly unknown[];
}

/** Options of {@link postgresStore}, {@link createPostgresStoreTable} and {@link postgresStoreTableSql}. */
export interface PostgresStoreOptions {
  /**
   * The table the store uses, optionally schema-qualified; letters, digits and `_` only.
   * @default 'sms_webhooks_idempotency'
   * @example { table: 'webhooks.idempotency' }
   */
  readonly table?: string | undefined;
}

const identifierPattern = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?$/;

function tableOf(options: PostgresStoreOptions): {
  name: string;
  index: string;
} {
  const table = options.table ?? 'sms_webhooks_idempotency';
  if (typeof table !== 'string' || !identifierPattern.test(table) || table.length > 120) {
    throw new TypeError(
      '`table` must be a table name (letters, digits and _), optionally schema-qualified.',
    );
  }
  const parts = table.split('.');
  const last = parts.at(-1) as string;
  return {
    name: parts.map((part) => `"${part}"`).join('.'),
    index: `"${last}_expires_at"`,
  };
}

/**
 * Returns the DDL of the store's table: `key` (the event's idempotency key), `token` (the lease
 * holder, `NULL` once done) and `expires_at` (when the lease or the retention ends; an expired row
 * counts as absent and is overwritten or pruned, so no job has to clean up).
 *
 * @example
 * ```ts
 * postgresStoreTableSql();
 * // CREATE TABLE IF NOT EXISTS "sms_webhooks_idempotency" (key text PRIMARY KEY, token text,
 * //   expires_at timestamptz NOT NULL); CREATE INDEX IF NOT EXISTS … (expires_at);
 * ```
 */
export function postgresStoreTableSql(options: PostgresStoreOptions = {}): string {
  const { name, index } = tableOf(options);
  return `CREATE TABLE IF NOT EXISTS ${name} (
  key text PRIMARY KEY,
  token text,
  expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS ${index} ON ${name} (expires_at);`;
}

/**
 * Creates the store's table and index if they do not exist yet (run it at start-up or in a
 * migration). Instances that start together may all run it at once: the one that loses
 * PostgreSQL's race to create the table runs the statement again and finds it made.
 *
 * @example
 * ```ts
 * await createPostgresStoreTable(pool);
 * ```
 */
export async function createPostgresStoreTable(
  client: PostgresStoreClient,
  options: PostgresStoreOptions = {},
): Promise<void> {
  // Two statements, since a parameterless multi-statement query is not portable across clients.
  for (const statement of postgresStoreTableSql(options).split(';\n')) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await client.query(statement);
        break;
      } catch (error) {
        // `IF NOT EXISTS` does not guard against a session creating the same table or index at the
        // same moment: the loser fails on the catalog. By then the winner has committed, so the
        // statement run again finds the object and does nothing.
        if (attempt >= CREATE_ATTEMPTS || !isConcurrentCreation(error)) throw error;
      }
    }
  }
}

// unique_violation (on pg_type or pg_class), duplicate_object, duplicate_table.
const CONCURRENT_CREATION_CODES = new Set(['23505', '42710', '42P07']);
const CREATE_ATTEMPTS = 3;

function isConcurrentCreation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONCURRENT_CREATION_CODES.has(code);
}

// Expired rows are deleted in small batches at most this often per store, on the way.
const PRUNE_INTERVAL_MS = 60_000;
const PRUNE_BATCH = 100;
// A claim racing a release or a prune of the same key may find no row at all; it asks again.
const CLAIM_ATTEMPTS = 5;

interface ClaimRow {
  readonly status: 'claimed' | 'done' | 'busy';
  readonly wait_ms: number;
}

/**
 * Creates an idempotency store on a PostgreSQL table (create it with
 * {@link createPostgresStoreTable}): a claim is an `INSERT … ON CONFLICT DO NOTHING`, else an
 * `UPDATE … WHERE expires_at <= now()` (each atomic under concurrent instances, so one claimer
 * wins), expiry is the `expires_at` column, and expired rows are pruned in small batches while the
 * store runs. As durable as the database.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * await createPostgresStoreTable(pool);
 * const store = postgresStore(pool);
 * ```
 */
export function postgresStore(
  client: PostgresStoreClient,
  options: PostgresStoreOptions = {},
): IdempotencyStore {
  const { name } = tableOf(options);
  // A new key is one insert. Otherwise the expired row is taken over, or the live one read: a
  // redelivery of a done event writes nothing, so it costs no commit flush.
  const insertSql = `INSERT INTO ${name} (key, token, expires_at)
VALUES ($1, $2, now() + $3::float8 * interval '1 millisecond')
ON CONFLICT (key) DO NOTHING
RETURNING 1`;
  const takeOverSql = `WITH claimed AS (
  UPDATE ${name} SET token = $2, expires_at = now() + $3::float8 * interval '1 millisecond'
  WHERE key = $1 AND expires_at <= now()
  RETURNING 1
)
SELECT 'claimed' AS status, 0::float8 AS wait_ms FROM claimed
UNION ALL
SELECT CASE WHEN token IS NULL THEN 'done' ELSE 'busy' END,
  ceil(extract(epoch FROM expires_at - now()) * 1000)::float8
FROM ${name} WHERE key = $1 AND expires_at > now() AND NOT EXISTS (SELECT 1 FROM claimed)`;
  const completeSql = `INSERT INTO ${name} (key, token, expires_at)
VALUES ($1, NULL, now() + $2::float8 * interval '1 millisecond')
ON CONFLICT (key) DO UPDATE SET token = NULL, expires_at = excluded.expires_at`;
  const releaseSql = `DELETE FROM ${name} WHERE key = $1 AND token = $2`;
  const pruneSql = `DELETE FROM ${name} WHERE key IN (
  SELECT key FROM ${name} WHERE expires_at < now() ORDER BY expires_at LIMIT ${PRUNE_BATCH}
  FOR UPDATE SKIP LOCKED)`;
  let prunedAt = Date.now();

  return {
    async claim(key, token, leaseMs): Promise<IdempotencyClaim> {
      for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
        const values = [key, token, leaseMs];
        if ((await client.query(insertSql, values)).rows.length > 0) return { status: 'claimed' };
        const row = (await client.query(takeOverSql, values)).rows[0] as ClaimRow | undefined;
        if (row === undefined) continue;
        if (row.status === 'busy') {
          return {
            status: 'busy',
            retryAfterMs: Math.max(1, Number(row.wait_ms)),
          };
        }
        return { status: row.status };
      }
      throw new Error('The claim kept racing concurrent claims of the same key.');
    },
    async complete(key, retentionMs) {
      await client.query(completeSql, [key, retentionMs]);
      const now = Date.now();
      if (now - prunedAt >= PRUNE_INTERVAL_MS) {
        prunedAt = now;
        // Housekeeping only: a failure here changes nothing about this event.
        client.query(pruneSql).catch(() => {});
      }
    },
    async release(key, token) {
      await client.query(releaseSql, [key, token]);
    },
  };
}
