// Measures the built package's hot paths against baselines timed in the same run, and prints each
// as a ratio (how many times the baseline's time per operation it takes), so the numbers compare
// across machines. Run `npm run build` first (`npm run bench` does both).
//
//   node scripts/bench.mjs          the table
//   node scripts/bench.mjs --json   the measurements as JSON
import { createHmac } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createClient } from 'redis';
import { parseSmsWebhook } from 'sms-webhooks';
import { createFetchHandler } from 'sms-webhooks/fetch';
import { memoryStore } from 'sms-webhooks/stores/memory';
import { createPostgresStoreTable, postgresStore } from 'sms-webhooks/stores/postgres';
import { redisStore } from 'sms-webhooks/stores/redis';
import { verifyTelmetricsSignature } from 'sms-webhooks/telmetrics';
import { verifyTextRequestSignature } from 'sms-webhooks/textrequest';
import { startPostgres, startRedis } from './local-servers.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = 7;
const ROUND_MS = 150;

/** Runs `fn` in rounds of about ROUND_MS and returns the median nanoseconds per call. */
async function time(fn) {
  for (let i = 0; i < 200; i++) await fn(); // warm up the JIT and any caches
  const perCall = [];
  for (let round = 0; round < ROUNDS; round++) {
    let calls = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0n;
    while (elapsed < BigInt(ROUND_MS * 1e6)) {
      for (let i = 0; i < 50; i++) await fn();
      calls += 50;
      elapsed = process.hrtime.bigint() - start;
    }
    perCall.push(Number(elapsed) / calls);
  }
  perCall.sort((a, b) => a - b);
  return perCall[Math.floor(perCall.length / 2)];
}

/** Nanoseconds per call of `fn` over about `ms` milliseconds. */
async function round(fn, ms) {
  let calls = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < BigInt(ms * 1e6)) {
    for (let i = 0; i < 20; i++) await fn();
    calls += 20;
    elapsed = process.hrtime.bigint() - start;
  }
  return Number(elapsed) / calls;
}

/**
 * Times `fn` against `baseline` in alternating rounds, so load that comes and goes on a shared
 * machine hits both alike; returns the medians of each and of the per-round ratios.
 */
async function timeAgainst(fn, baseline) {
  for (let i = 0; i < 200; i++) {
    await baseline();
    await fn();
  }
  const pairs = [];
  for (let index = 0; index < ROUNDS * 2 + 1; index++) {
    const base = await round(baseline, ROUND_MS);
    const nanos = await round(fn, ROUND_MS);
    pairs.push({ base, nanos, ratio: nanos / base });
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return {
    nanos: median(pairs.map((pair) => pair.nanos)),
    baseNanos: median(pairs.map((pair) => pair.base)),
    ratio: median(pairs.map((pair) => pair.ratio)),
  };
}

async function readFixtures() {
  const out = [];
  for (const provider of ['telmetrics', 'textlink', 'textrequest']) {
    for (const file of (await readdir(join(root, 'fixtures', provider))).sort()) {
      if (!file.endsWith('.json')) continue;
      out.push({
        provider,
        name: `${provider}/${file.slice(0, -5)}`,
        text: await readFile(join(root, 'fixtures', provider, file), 'utf8'),
      });
    }
  }
  return out;
}

async function main() {
  const fixtures = await readFixtures();
  const rows = [];
  const add = (group, name, nanos, baselineNanos, baselineName) =>
    rows.push({ group, name, nanos, baseline: baselineName, ratio: nanos / baselineNanos });

  // Parsing: the whole pipeline (decode, detect, validate, normalize) against JSON.parse alone.
  for (const fixture of fixtures) {
    const jsonParse = await time(() => JSON.parse(fixture.text));
    add(
      'parse',
      `${fixture.name} (detected)`,
      await time(() => parseSmsWebhook(fixture.text)),
      jsonParse,
      'JSON.parse',
    );
    add(
      'parse',
      `${fixture.name} (provider given)`,
      await time(() => parseSmsWebhook(fixture.text, { provider: fixture.provider })),
      jsonParse,
      'JSON.parse',
    );
  }

  // Verification: Web Crypto HMAC with key import, against node:crypto's createHmac.
  const body = fixtures.find((f) => f.name === 'textrequest/message-received').text;
  const apiKey = 'bench-api-key';
  const nowSeconds = Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', apiKey).update(`${nowSeconds}.${body}`).digest('base64');
  const nodeHmac = await time(() =>
    createHmac('sha256', apiKey).update(`${nowSeconds}.${body}`).digest('base64'),
  );
  add(
    'verify',
    'verifyTextRequestSignature',
    await time(() =>
      verifyTextRequestSignature({ body, signature, timestamp: String(nowSeconds), apiKey }),
    ),
    nodeHmac,
    'node:crypto createHmac',
  );
  const telmetricsBody = fixtures.find((f) => f.name === 'telmetrics/sms-conversation-start').text;
  const telmetricsSignature = `sha256=${createHmac('sha256', apiKey).update(telmetricsBody).digest('hex')}`;
  add(
    'verify',
    'verifyTelmetricsSignature',
    await time(() =>
      verifyTelmetricsSignature({
        body: telmetricsBody,
        signature: telmetricsSignature,
        secret: apiKey,
      }),
    ),
    nodeHmac,
    'node:crypto createHmac',
  );

  // The Fetch handler end to end, against building the same Request and reading its body.
  const headers = {
    'content-type': 'application/json',
    'x-tr-webhook-signature': signature,
    'x-tr-webhook-timestamp': String(nowSeconds),
  };
  const handler = createFetchHandler({ provider: 'textrequest', secret: apiKey, onEvent() {} });
  const readOnly = await time(async () => {
    const request = new Request('http://localhost/hooks', { method: 'POST', headers, body });
    await request.text();
    return new Response('{"ok":true}');
  });
  add(
    'handler',
    'createFetchHandler (Text Request, signed)',
    await time(async () => {
      const response = await handler(
        new Request('http://localhost/hooks', { method: 'POST', headers, body }),
      );
      if (response.status !== 200) throw new Error(`unexpected status ${response.status}`);
    }),
    readOnly,
    'Request + text() + Response',
  );

  // Idempotency stores: the same handler per request with each store against none, on local
  // servers started for this run. Every request is a new event (claim, onEvent, mark done); a
  // redelivery of a done event costs one claim.
  const [redisServer, postgresServer] = await Promise.all([startRedis(), startPostgres()]);
  const nodeRedis = await createClient({ url: redisServer.url }).connect();
  const ioredis = new Redis(redisServer.url);
  const pool = new pg.Pool({ connectionString: postgresServer.url, max: 4 });
  try {
    await createPostgresStoreTable(pool);
    const message = JSON.parse(body);
    let serial = 0;
    const freshRequest = () => {
      const payload = { ...message, messageUniqueIdentifier: `bench-${++serial}` };
      return new Request('http://localhost/hooks', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
    };
    const replayBody = JSON.stringify({ ...message, messageUniqueIdentifier: 'bench-replay' });
    const replayRequest = () =>
      new Request('http://localhost/hooks', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: replayBody,
      });
    const handlerCall = (store, request) => {
      const handle = createFetchHandler({
        provider: 'textrequest',
        onEvent() {},
        ...(store ? { store } : {}),
      });
      return async () => {
        const response = await handle(request());
        if (response.status !== 200) throw new Error(`unexpected status ${response.status}`);
      };
    };
    const stores = [
      ['memoryStore()', memoryStore()],
      ['redisStore (node-redis)', redisStore(nodeRedis, { prefix: `bench-${Date.now()}:` })],
      ['redisStore (ioredis)', redisStore(ioredis, { prefix: `bench-io-${Date.now()}:` })],
      ['postgresStore (pg Pool)', postgresStore(pool)],
    ];
    for (const [name, store] of stores) {
      for (const [what, request] of [
        ['new event', freshRequest],
        ['redelivery', replayRequest],
      ]) {
        const timed = await timeAgainst(
          handlerCall(store, request),
          handlerCall(undefined, request),
        );
        rows.push({
          group: 'store',
          name: `${name}, ${what}`,
          nanos: timed.nanos,
          baseline: `no store (${(timed.baseNanos / 1000).toFixed(2)} µs, alternating rounds)`,
          ratio: timed.ratio,
        });
      }
    }
  } finally {
    await Promise.allSettled([nodeRedis.quit(), ioredis.quit(), pool.end()]);
    await Promise.allSettled([redisServer.close(), postgresServer.close()]);
  }

  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(rows, null, 2));
    return;
  }
  const width = Math.max(...rows.map((row) => row.name.length));
  console.log(
    `sms-webhooks benchmarks (median of ${ROUNDS} rounds; ratio = time per call / baseline's)\n`,
  );
  let group = '';
  for (const row of rows) {
    if (row.group !== group) {
      group = row.group;
      console.log(`${group}`);
    }
    const micros = (row.nanos / 1000).toFixed(2).padStart(9);
    console.log(
      `  ${row.name.padEnd(width)}  ${micros} µs   ${row.ratio.toFixed(2).padStart(6)}× ${row.baseline}`,
    );
  }
}

await main();
