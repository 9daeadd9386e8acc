// One webhook server process as a user would run it: node:http, the built package (dist/), and a
// store on its own client. Several of these share one Redis or PostgreSQL in the exactly-once tests.
//
// Environment: PORT, STORE (memory | node-redis | ioredis | postgres), REDIS_URL, POSTGRES_URL,
// NAMESPACE (key prefix / table), LOG (a file that gets one JSON line per onEvent start, finish
// and onError report), TEXT_REQUEST_API_KEY, TELMETRICS_SECRET, TEXTLINK_SECRET, TIMEOUT_MS,
// LEASE_MS, FINGERPRINT_WINDOW_MS, DELAY_MS (how long onEvent takes), FAIL_ONCE (keys whose first
// attempt across all processes throws), HANG (keys whose onEvent never settles), MARKERS (a folder
// for the FAIL_ONCE markers).

import { createHash } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createClient } from 'redis';
import { createNodeHandler } from '../../dist/node.js';
import { memoryStore } from '../../dist/stores/memory.js';
import { createPostgresStoreTable, postgresStore } from '../../dist/stores/postgres.js';
import { redisStore } from '../../dist/stores/redis.js';

const env = process.env;
const list = (name) => (env[name] ? env[name].split(',') : []);
const failOnce = new Set(list('FAIL_ONCE'));
const hang = new Set(list('HANG'));
const delayMs = Number(env.DELAY_MS ?? 0);
const numberOption = (name) => (env[name] ? Number(env[name]) : undefined);

function log(entry) {
  appendFileSync(env.LOG, `${JSON.stringify({ pid: process.pid, ...entry })}\n`);
}

async function openStore() {
  switch (env.STORE) {
    case 'memory':
      return memoryStore();
    case 'node-redis': {
      const client = createClient({
        url: env.REDIS_URL,
        disableOfflineQueue: true,
        socket: { reconnectStrategy: () => 200 },
      });
      client.on('error', () => {});
      await client.connect();
      return redisStore(client, { prefix: `${env.NAMESPACE}:` });
    }
    case 'ioredis': {
      const client = new Redis(env.REDIS_URL, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        retryStrategy: () => 200,
        lazyConnect: true,
      });
      client.on('error', () => {});
      await client.connect();
      return redisStore(client, { prefix: `${env.NAMESPACE}:` });
    }
    case 'postgres': {
      const pool = new pg.Pool({ connectionString: env.POSTGRES_URL, max: 20 });
      pool.on('error', () => {});
      await createPostgresStoreTable(pool, { table: env.NAMESPACE });
      return postgresStore(pool, { table: env.NAMESPACE });
    }
    default:
      throw new Error(`unknown STORE ${env.STORE}`);
  }
}

/** True the first time any process asks for this key: the marker file is created exclusively. */
function firstAttempt(key) {
  const marker = join(env.MARKERS, createHash('sha256').update(key).digest('hex'));
  try {
    writeFileSync(marker, '', { flag: 'wx' });
    return true;
  } catch {
    return false;
  }
}

const store = await openStore();
const common = {
  store,
  timeoutMs: numberOption('TIMEOUT_MS'),
  leaseMs: numberOption('LEASE_MS'),
  fingerprintWindowMs: numberOption('FINGERPRINT_WINDOW_MS'),
  async onEvent(event, { signal }) {
    const key = event.idempotencyKey;
    log({ on: 'start', key });
    if (hang.has(key)) await new Promise(() => {});
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (failOnce.has(key) && firstAttempt(key)) {
      log({ on: 'fail', key });
      throw new Error('the first attempt fails');
    }
    log({ on: 'done', key, aborted: signal.aborted });
  },
  onError(_error, context) {
    log({ on: 'error', status: context.status, code: context.code });
  },
};
const handlers = {
  '/textrequest': createNodeHandler({
    ...common,
    provider: 'textrequest',
    secret: env.TEXT_REQUEST_API_KEY,
  }),
  '/telmetrics': createNodeHandler({
    ...common,
    provider: 'telmetrics',
    secret: env.TELMETRICS_SECRET,
  }),
  '/textlink/received': createNodeHandler({
    ...common,
    provider: 'textlink',
    kind: 'received',
    secret: env.TEXTLINK_SECRET,
  }),
};

const server = createServer((req, res) => {
  const handler = handlers[new URL(req.url ?? '/', 'http://localhost').pathname];
  if (handler) return handler(req, res);
  res.statusCode = 404;
  res.end();
});
server.listen(Number(env.PORT), '127.0.0.1', () => {
  console.log(`listening on ${server.address().port}`);
});
