// Measures the built package against baselines timed in the same run, and prints each figure as a
// ratio to its baseline (time per call ÷ the baseline's, or requests/s ÷ the baseline's), so the
// numbers compare across machines and survive a busy one. Contenders of one group run in
// interleaved rounds; each ratio is the median over rounds of the per-round ratio, with the spread
// (lowest–highest) beside it. Run `npm run build` first (`npm run bench` does both).
//
//   node scripts/bench.mjs                      every group
//   node scripts/bench.mjs --only=parse,verify  some groups: parse, scale, alloc, verify, handler,
//                                               store, http, import, size
//   node scripts/bench.mjs --only=instructions  instruction counts under valgrind's callgrind (minutes;
//                                               never part of the default run); pick groups with
//                                               --instructions=verify,parse@textlink/received
//   node scripts/bench.mjs --rounds=9           more rounds (default 7; HTTP and import use fewer)
//   node scripts/bench.mjs --json               the measurements as JSON
import { execFile, spawn } from 'node:child_process';
import { createHmac, timingSafeEqual as nodeTimingSafeEqual } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { parseSmsWebhook } from 'sms-webhooks';
import { createFetchHandler } from 'sms-webhooks/fetch';
import { memoryStore } from 'sms-webhooks/stores/memory';
import { createPostgresStoreTable, postgresStore } from 'sms-webhooks/stores/postgres';
import { redisStore } from 'sms-webhooks/stores/redis';
import * as telmetrics from 'sms-webhooks/telmetrics';
import * as textlink from 'sms-webhooks/textlink';
import * as textrequest from 'sms-webhooks/textrequest';
import { coldStart, entrySpecifiers } from './bench/cold-start.mjs';
import { loadRoute, serverLines } from './bench/http-load.mjs';
import { zodFromValibot } from './bench/zod-from-valibot.mjs';
import { startPostgres, startRedis } from './local-servers.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const argument = (name) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = argument('only')?.split(',');
const ROUNDS = Number(argument('rounds') ?? 7);
const ROUND_MS = Number(argument('round-ms') ?? 120);
const enabled = (group) => only === undefined || only.includes(group);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Calls `fn` for about `ms` milliseconds and returns the nanoseconds per call. */
async function sample(contender, ms) {
  const { fn, async } = contender;
  const budget = BigInt(Math.round(ms * 1e6));
  const batch = contender.batch;
  let calls = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < budget) {
    if (async) for (let i = 0; i < batch; i++) await fn();
    else for (let i = 0; i < batch; i++) fn();
    calls += batch;
    elapsed = process.hrtime.bigint() - start;
  }
  return Number(elapsed) / calls;
}

/**
 * Times the contenders of one group in interleaved rounds (each round visits every contender, in
 * a rotating order), so a machine that slows down mid-run slows all of them alike.
 */
async function race(contenders, { rounds = ROUNDS, ms = ROUND_MS } = {}) {
  for (const contender of contenders) {
    const warm = contender.async ? 300 : 2000;
    const started = performance.now();
    for (let i = 0; i < warm && performance.now() - started < 300; i++) {
      if (contender.async) await contender.fn();
      else contender.fn();
    }
    // Enough calls per batch that reading the clock costs nothing next to them.
    const one = await sample({ ...contender, batch: 1 }, 5);
    contender.batch = Math.max(1, Math.min(1000, Math.round(20_000 / one)));
  }
  const perRound = contenders.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const index = (k + round) % contenders.length;
      perRound[index].push(await sample(contenders[index], ms));
    }
  }
  return perRound;
}

/** A row: the median of `values` and of `values[i] / baseline[i]`, with the spread of that ratio. */
function row(group, name, values, baselineValues, baseline, unit = 'ns/op') {
  const ratios = values.map((value, i) => value / baselineValues[i]);
  return {
    group,
    name,
    unit,
    value: median(values),
    baseline,
    ratio: median(ratios),
    low: Math.min(...ratios),
    high: Math.max(...ratios),
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

/** The library's own valibot schema for a fixture, which the zod baseline copies in shape. */
function valibotSchemaFor(fixture) {
  const json = JSON.parse(fixture.text);
  if (fixture.provider === 'telmetrics') return telmetrics.TelmetricsWebhookSchema;
  if (fixture.provider === 'textrequest') return textrequest.TextRequestWebhookSchema;
  return textlink.textLinkSchemas[textlink.inferTextLinkKind(json)];
}

/** A Telmetrics envelope with `count` conversation starts, each with its own id. */
async function telmetricsEnvelope(count) {
  const sample = JSON.parse(
    await readFile(
      join(root, 'fixtures/telmetrics/sms-conversation-start-attributed.json'),
      'utf8',
    ),
  );
  const [notification] = sample.Notifications;
  sample.Notifications = Array.from({ length: count }, (_, i) => ({
    ...notification,
    ConversationId: `${notification.ConversationId}-${i}`,
  }));
  return JSON.stringify(sample);
}

const rows = [];
const notes = [];

async function benchParse(fixtures) {
  for (const fixture of fixtures) {
    const zod = zodFromValibot(valibotSchemaFor(fixture));
    // The zod baseline must accept what the library accepts, or it would be timing a failure.
    zod.parse(JSON.parse(fixture.text));
    const contenders = [
      { fn: () => JSON.parse(fixture.text) },
      { fn: () => zod.parse(JSON.parse(fixture.text)) },
      { fn: () => parseSmsWebhook(fixture.text, { provider: fixture.provider }) },
      { fn: () => parseSmsWebhook(fixture.text) },
    ];
    const [json, withZod, given, detected] = await race(contenders);
    const toJson = row('parse', fixture.name, given, json, 'JSON.parse');
    const toZod = row('parse', fixture.name, given, withZod, 'JSON.parse + zod');
    const zodToJson = row('parse', fixture.name, withZod, json, 'JSON.parse');
    const detectedToJson = row('parse', fixture.name, detected, json, 'JSON.parse');
    rows.push({
      group: 'parse',
      name: fixture.name,
      unit: 'ns/op',
      bytes: Buffer.byteLength(fixture.text),
      value: toJson.value,
      baseline: 'JSON.parse',
      ratio: toJson.ratio,
      low: toJson.low,
      high: toJson.high,
      zod: { ratio: toZod.ratio, low: toZod.low, high: toZod.high },
      zodToJson: { ratio: zodToJson.ratio, low: zodToJson.low, high: zodToJson.high },
      detected: { ratio: detectedToJson.ratio, low: detectedToJson.low, high: detectedToJson.high },
    });
  }
}

async function benchScale() {
  const counts = [10, 100, 1000, 5000];
  const bodies = await Promise.all(counts.map(telmetricsEnvelope));
  const contenders = bodies.flatMap((body) => [
    { fn: () => JSON.parse(body) },
    { fn: () => parseSmsWebhook(body, { provider: 'telmetrics' }) },
  ]);
  const results = await race(contenders, { rounds: Math.max(3, ROUNDS - 2), ms: 250 });
  const perNotification = (values, count) => values.map((value) => value / count);
  const ours10 = perNotification(results[1], counts[0]);
  counts.forEach((count, i) => {
    const json = perNotification(results[2 * i], count);
    const ours = perNotification(results[2 * i + 1], count);
    const label = `Telmetrics envelope, ${count} notifications (${Buffer.byteLength(bodies[i])} B), per notification`;
    rows.push(row('scale', label, ours, json, 'JSON.parse', 'ns/notification'));
    if (i > 0) rows.push(row('scale', label, ours, ours10, 'ours at 10', 'ns/notification'));
  });
}

/**
 * Parsing after many forged bodies were refused unread, given as text (decoded, then left) against
 * given parsed: fresh processes of each kind, alternating, one ratio per pair.
 */
async function benchAfterRefusals() {
  const script = join(root, 'scripts/bench/after-refusals.mjs');
  const timed = async (mode) => {
    const { stdout } = await promisify(execFile)(process.execPath, [script, mode], { cwd: root });
    return JSON.parse(stdout).nsPerParse;
  };
  const asText = [];
  const parsed = [];
  for (let round = 0; round < Math.max(3, ROUNDS - 2); round++) {
    for (const mode of round % 2 === 0 ? ['text', 'parsed'] : ['parsed', 'text']) {
      (mode === 'text' ? asText : parsed).push(await timed(mode));
    }
  }
  const label = 'textlink/received after 200,000 forged bodies refused, as text';
  rows.push(row('scale', label, asText, parsed, 'refused as parsed values'));
}

/**
 * A parse given keyword changes written inline (a new, equal object on every call, as in
 * `parseSmsWebhook(body, { intentKeywords: { … } })`) against one object made once.
 */
async function benchInlineKeywords(fixtures) {
  const { text } = fixtures.find((f) => f.name === 'textlink/received');
  const keywords = () => ({ optOut: { add: ['ARRET', 'BAJA'] }, help: { add: ['AIDE'] } });
  const shared = keywords();
  const [inline, once] = await race([
    { fn: () => parseSmsWebhook(text, { provider: 'textlink', intentKeywords: keywords() }) },
    { fn: () => parseSmsWebhook(text, { provider: 'textlink', intentKeywords: shared }) },
  ]);
  const label = 'textlink/received, intentKeywords written inline in each call';
  rows.push(row('scale', label, inline, once, 'one intentKeywords object'));
}

async function benchAlloc() {
  // As many notifications as fit in 1 MiB.
  const perNotification = Buffer.byteLength(await telmetricsEnvelope(100)) / 100;
  const count = Math.floor(1_048_576 / perNotification) - 1;
  const body = await telmetricsEnvelope(count);
  const dir = await mkdtemp(join(tmpdir(), 'sms-webhooks-bench-'));
  try {
    const file = join(dir, 'envelope.json');
    await writeFile(file, body);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-gc', join(root, 'scripts/bench/alloc.mjs'), file],
      { cwd: root },
    );
    const bytes = JSON.parse(stdout);
    const baseline = bytes['JSON.parse'];
    const label = `Telmetrics envelope, ${count} notifications (${Buffer.byteLength(body)} B)`;
    for (const [name, value] of Object.entries(bytes)) {
      rows.push({
        group: 'alloc',
        name: `${label}: ${name}`,
        unit: 'bytes',
        value,
        baseline: 'JSON.parse',
        ratio: value / baseline,
        low: value / baseline,
        high: value / baseline,
      });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The verification functions as an edge runtime gets them: bundled without the `node` condition. */
async function edgeBuild() {
  const result = await build({
    stdin: {
      contents:
        "export { verifyTextRequestSignature } from 'sms-webhooks/textrequest';\n" +
        "export { verifyTelmetricsSignature } from 'sms-webhooks/telmetrics';",
      resolveDir: root,
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    // As from an installed package: the repository's tsconfig maps `#hmac` to the sources.
    tsconfigRaw: {},
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  if (/\bnode:/.test(code)) throw new Error('the edge build of the verification imports node:');
  const dir = await mkdtemp(join(tmpdir(), 'sms-webhooks-bench-'));
  const file = join(dir, 'edge.mjs');
  await writeFile(file, code);
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function benchVerify(fixtures) {
  const encoder = new TextEncoder();
  const apiKey = 'bench-api-key';
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(apiKey),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  /** The baselines for one signed body: node:crypto, and Web Crypto with a key imported once. */
  const baselines = (prefix, body, encoding) => {
    const bytes = encoder.encode(body);
    const message = encoder.encode(`${prefix}${body}`);
    const digest = createHmac('sha256', apiKey).update(message).digest();
    const received = Buffer.from(digest.toString(encoding), encoding);
    return [
      {
        fn: () => {
          const expected = createHmac('sha256', apiKey).update(prefix).update(bytes).digest();
          return received.length === expected.length && nodeTimingSafeEqual(received, expected);
        },
      },
      {
        async: true,
        fn: async () => {
          const expected = new Uint8Array(await crypto.subtle.sign('HMAC', key, message));
          return received.length === expected.length && nodeTimingSafeEqual(received, expected);
        },
      },
    ];
  };
  const body = fixtures.find((f) => f.name === 'textrequest/message-received').text;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', apiKey).update(`${timestamp}.${body}`).digest('base64');
  const telmetricsBody = fixtures.find((f) => f.name === 'telmetrics/sms-conversation-start').text;
  const telmetricsSignature = `sha256=${createHmac('sha256', apiKey).update(telmetricsBody).digest('hex')}`;
  const edge = await edgeBuild();
  const textRequestOptions = { body, signature, timestamp, apiKey };
  const telmetricsOptions = {
    body: telmetricsBody,
    signature: telmetricsSignature,
    secret: apiKey,
  };
  const cases = [
    [
      'verifyTextRequestSignature',
      `${timestamp}.`,
      body,
      'base64',
      textrequest.verifyTextRequestSignature,
      edge.verifyTextRequestSignature,
      textRequestOptions,
    ],
    [
      'verifyTelmetricsSignature',
      '',
      telmetricsBody,
      'hex',
      telmetrics.verifyTelmetricsSignature,
      edge.verifyTelmetricsSignature,
      telmetricsOptions,
    ],
  ];
  for (const [name, prefix, signed, encoding, onNode, onEdge, options] of cases) {
    // The baselines hash the body's bytes, as a handler has them; ours is timed on the same bytes
    // and on the body as text, which it must encode first.
    const asBytes = { ...options, body: encoder.encode(options.body) };
    for (const [verify, given] of [
      [onNode, options],
      [onNode, asBytes],
      [onEdge, options],
    ]) {
      if ((await verify(given)) !== true) throw new Error(`${name} refused a correct signature`);
    }
    const [node, web, ours, oursBytes, edgeOurs] = await race([
      ...baselines(prefix, signed, encoding),
      { fn: () => onNode(options), async: true },
      { fn: () => onNode(asBytes), async: true },
      { fn: () => onEdge(options), async: true },
    ]);
    const size = `${Buffer.byteLength(signed)} B`;
    rows.push(
      row('verify', `Web Crypto, key imported once (${size})`, web, node, 'node:crypto HMAC'),
    );
    rows.push(row('verify', `${name} (Node, ${size} as text)`, ours, node, 'node:crypto HMAC'));
    rows.push(
      row('verify', `${name} (Node, ${size} as bytes)`, oursBytes, node, 'node:crypto HMAC'),
    );
    rows.push(
      row(
        'verify',
        `${name} (edge build, ${size})`,
        edgeOurs,
        web,
        'Web Crypto, key imported once',
      ),
    );
  }
}

async function benchHandler(fixtures) {
  const body = fixtures.find((f) => f.name === 'textrequest/message-received').text;
  const apiKey = 'bench-api-key';
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers = {
    'content-type': 'application/json',
    'x-tr-webhook-signature': createHmac('sha256', apiKey)
      .update(`${timestamp}.${body}`)
      .digest('base64'),
    'x-tr-webhook-timestamp': timestamp,
  };
  const handler = createFetchHandler({ provider: 'textrequest', secret: apiKey, onEvent() {} });
  const [bare, ours] = await race([
    {
      async: true,
      fn: async () => {
        const request = new Request('http://localhost/hooks', { method: 'POST', headers, body });
        JSON.parse(await request.text());
        return new Response('{"ok":true}');
      },
    },
    {
      async: true,
      fn: async () => {
        const response = await handler(
          new Request('http://localhost/hooks', { method: 'POST', headers, body }),
        );
        if (response.status !== 200) throw new Error(`unexpected status ${response.status}`);
      },
    },
  ]);
  rows.push(
    row(
      'handler',
      'createFetchHandler (Text Request, signed), in process',
      ours,
      bare,
      'Request + text() + JSON.parse + Response',
    ),
  );
}

/**
 * Idempotency stores: the same handler per request with each store against none, on local
 * servers started for this run. Every request is a new event (claim, onEvent, mark done); a
 * redelivery of a done event costs one claim.
 */
async function benchStore(fixtures) {
  const body = fixtures.find((f) => f.name === 'textrequest/message-received').text;
  // The clients are loaded here, not with the rest: node-redis subclasses String, and once any
  // object inherits from String.prototype V8 stops inlining charCodeAt, which would slow the parse
  // figures measured before this by 5–20 % (the library's own charCodeAt reads, not the store's).
  const [{ Redis }, { default: pg }, { createClient }] = await Promise.all([
    import('ioredis'),
    import('pg'),
    import('redis'),
  ]);
  const [redisServer, postgresServer] = await Promise.all([startRedis(), startPostgres()]);
  const nodeRedis = await createClient({ url: redisServer.url }).connect();
  const ioredis = new Redis(redisServer.url);
  const pool = new pg.Pool({ connectionString: postgresServer.url, max: 4 });
  try {
    await createPostgresStoreTable(pool);
    const message = JSON.parse(body);
    let serial = 0;
    const post = (text) =>
      new Request('http://localhost/hooks', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: text,
      });
    const freshRequest = () =>
      post(JSON.stringify({ ...message, messageUniqueIdentifier: `bench-${++serial}` }));
    const replayBody = JSON.stringify({ ...message, messageUniqueIdentifier: 'bench-replay' });
    const replayRequest = () => post(replayBody);
    const handlerCall = (store, request) => {
      const handle = createFetchHandler({
        provider: 'textrequest',
        onEvent() {},
        ...(store ? { store } : {}),
      });
      return {
        async: true,
        fn: async () => {
          const response = await handle(request());
          if (response.status !== 200) throw new Error(`unexpected status ${response.status}`);
        },
      };
    };
    const stores = [
      ['memoryStore()', memoryStore()],
      ['redisStore (node-redis)', redisStore(nodeRedis, { prefix: `bench-${Date.now()}:` })],
      ['redisStore (ioredis)', redisStore(ioredis, { prefix: `bench-io-${Date.now()}:` })],
      ['postgresStore (pg Pool)', postgresStore(pool)],
    ];
    for (const [what, request] of [
      ['new event', freshRequest],
      ['redelivery', replayRequest],
    ]) {
      const [none, ...withStore] = await race([
        handlerCall(undefined, request),
        ...stores.map(([, store]) => handlerCall(store, request)),
      ]);
      stores.forEach(([name], i) => {
        rows.push(row('store', `${name}, ${what}`, withStore[i], none, 'no store'));
      });
    }
  } finally {
    await Promise.allSettled([nodeRedis.quit(), ioredis.quit(), pool.end()]);
    await Promise.allSettled([redisServer.close(), postgresServer.close()]);
  }
}

async function benchHttp(fixtures) {
  const textLinkSecret = JSON.parse(
    fixtures.find((f) => f.name === 'textlink/received').text,
  ).secret;
  const apiKey = 'bench-api-key';
  const textLinkBody = fixtures.find((f) => f.name === 'textlink/received').text;
  const textRequestBody = fixtures.find((f) => f.name === 'textrequest/message-received').text;
  const servers = spawn(
    process.execPath,
    [join(root, 'scripts/bench/http-servers.mjs'), textLinkSecret, apiKey],
    {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  try {
    // The servers' standard output, as lines: first their URLs, then one line per CPU query.
    const { nextLine, cpu } = serverLines(servers, 'the bench servers');
    const urls = await nextLine();
    const seconds = Number(argument('http-seconds') ?? 2);
    const load = async (url, body, signed) => {
      const result = await loadRoute({
        url,
        body,
        apiKey: signed ? apiKey : undefined,
        seconds,
        cpu,
      });
      // The server's CPU time per answered request, in ns.
      return { ...result, cpuPerRequest: result.cpuPerRequest * 1000 };
    };
    const routes = [
      ['bare', textLinkBody, false],
      ['textlink', textLinkBody, false],
      ['hand', textRequestBody, true],
      ['textrequest', textRequestBody, true],
    ];
    const rounds = Number(argument('http-rounds') ?? 3);
    for (const [host, base] of Object.entries(urls)) {
      await load(`${base}/bare`, textLinkBody, false); // warm up
      const results = Object.fromEntries(routes.map(([route]) => [route, []]));
      for (let round = 0; round < rounds; round++) {
        for (let k = 0; k < routes.length; k++) {
          const [route, body, signed] = routes[(k + round) % routes.length];
          results[route].push(await load(`${base}/${route}`, body, signed));
        }
      }
      // Requests per second: a higher figure is better, so the ratio is ours ÷ baseline.
      const rps = (route) => results[route].map((r) => 1 / r.rps);
      const p99 = (route) => median(results[route].map((r) => r.p99));
      const add = (name, route, baseRoute, baseName) => {
        const r = row('http', `${host}: ${name}`, rps(route), rps(baseRoute), baseName, 'req/s');
        rows.push({
          ...r,
          value: median(results[route].map((x) => x.rps)),
          ratio: 1 / r.ratio,
          low: 1 / r.high,
          high: 1 / r.low,
          p99: p99(route),
          baselineP99: p99(baseRoute),
        });
      };
      // Server CPU time per request: a lower figure is better, so the ratio is ours ÷ baseline.
      const cpuPerRequest = (route) => results[route].map((r) => r.cpuPerRequest);
      const addCpu = (name, route, baseRoute, baseName) => {
        rows.push(
          row(
            'http',
            `${host}: ${name}, server CPU per request`,
            cpuPerRequest(route),
            cpuPerRequest(baseRoute),
            baseName,
          ),
        );
      };
      const handHmac = 'hand-written raw body + node:crypto + JSON.parse';
      add('TextLink handler', 'textlink', 'bare', 'bare JSON route');
      add('Text Request handler (signed)', 'textrequest', 'hand', handHmac);
      addCpu('TextLink handler', 'textlink', 'bare', 'bare JSON route');
      addCpu('Text Request handler (signed)', 'textrequest', 'hand', handHmac);
    }
  } finally {
    servers.stdin.end();
    await new Promise((resolve) =>
      servers.exitCode === null ? servers.once('exit', resolve) : resolve(),
    );
  }
}

async function benchImport() {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const specifiers = entrySpecifiers(pkg);
  const dir = await mkdtemp(join(tmpdir(), 'sms-webhooks-bench-'));
  const empty = join(dir, 'empty.mjs');
  await writeFile(empty, 'export {};\n');
  const coldImport = (specifier) => coldStart(root, specifier);
  try {
    const rounds = Number(argument('import-rounds') ?? 9);
    const contenders = [pathToFileURL(empty).href, ...specifiers];
    const times = contenders.map(() => []);
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < contenders.length; k++) {
        const index = (k + round) % contenders.length;
        times[index].push(await coldImport(contenders[index]));
      }
    }
    for (const measure of ['wall', 'cpu']) {
      const of = (i) => times[i].map((t) => t[measure]);
      const what = measure === 'wall' ? 'cold import' : 'cold import, CPU time';
      specifiers.forEach((specifier, i) => {
        const over = of(i + 1).map((t, r) => t - of(0)[r]);
        rows.push({
          group: 'import',
          name: `${specifier}, ${what} over an empty module`,
          unit: 'ms',
          value: median(over),
          baseline: `empty module (${median(of(0)).toFixed(2)} ms)`,
          ratio: median(of(i + 1)) / median(of(0)),
          low: Math.min(...over),
          high: Math.max(...over),
          spreadUnit: 'ms',
        });
      });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs one instruction-count case under callgrind and returns the instructions it executed. */
async function instructionsOf(group, name, count) {
  const dir = await mkdtemp(join(tmpdir(), 'sms-webhooks-bench-'));
  try {
    const { stderr } = await promisify(execFile)(
      'valgrind',
      [
        '--tool=callgrind',
        // V8 writes machine code at run time; valgrind must look for it outside mapped files.
        '--smc-check=all-non-file',
        `--callgrind-out-file=${join(dir, 'callgrind.out')}`,
        process.execPath,
        join(root, 'scripts/bench/instructions.mjs'),
        group,
        name,
        String(count),
      ],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
    );
    const collected = /Collected : (\d+)/.exec(stderr);
    if (!collected) throw new Error(`callgrind printed no count for ${group} ${name}:\n${stderr}`);
    return Number(collected[1]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Instruction counts per call under callgrind, which a busy machine does not change: for each
 * group, (a run with COUNT extra calls − a run with none) ÷ COUNT, two runs at a time.
 */
async function benchInstructions() {
  const COUNT = 5000;
  const groups = (
    argument('instructions') ??
    'verify,parse@textlink/received,parse@textrequest/message-received,parse@telmetrics/sms-conversation-start'
  ).split(',');
  const casesOf = {
    verify: ['node:crypto HMAC', 'verifyTextRequestSignature'],
    parse: ['JSON.parse', 'JSON.parse + zod', 'parseSmsWebhook (provider given)'],
  };
  for (const group of groups) {
    const names = casesOf[group.split('@')[0]];
    const runs = [[names[0], 0], ...names.map((name) => [name, COUNT])];
    const counts = [];
    for (let i = 0; i < runs.length; i += 2) {
      counts.push(
        ...(await Promise.all(
          runs.slice(i, i + 2).map(([name, count]) => instructionsOf(group, name, count)),
        )),
      );
    }
    const perCall = counts.slice(1).map((total) => (total - counts[0]) / COUNT);
    names.forEach((name, i) => {
      if (i === 0) return;
      rows.push({
        group: 'instructions',
        name: `${group}: ${name}`,
        unit: 'instructions',
        value: perCall[i],
        baseline: `${names[0]} (${Math.round(perCall[0])} instructions)`,
        ratio: perCall[i] / perCall[0],
        low: perCall[i] / perCall[0],
        high: perCall[i] / perCall[0],
      });
    });
  }
}

async function benchSize() {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(root, 'scripts/size-report.mjs'), '--json'],
    {
      cwd: root,
    },
  ).catch((error) => error);
  const report = JSON.parse(stdout);
  for (const entry of report.entries) {
    rows.push({
      group: 'size',
      name: `${entry.name}, minified + gzip (budget ${entry.budget ?? 'none'})`,
      unit: 'bytes',
      value: entry.gzipped,
      baseline: `${report.baseline.name} (${report.baseline.gzipped} B)`,
      ratio: entry.ratio,
      low: entry.ratio,
      high: entry.ratio,
    });
  }
  for (const extra of report.extras ?? []) {
    rows.push({
      group: 'size',
      name: `${extra.name}, minified + gzip${extra.budget ? ` (budget ${extra.budget})` : ''}`,
      unit: 'bytes',
      value: extra.gzipped,
      baseline: `${report.baseline.name} (${report.baseline.gzipped} B)`,
      ratio: extra.gzipped / report.baseline.gzipped,
      low: extra.gzipped / report.baseline.gzipped,
      high: extra.gzipped / report.baseline.gzipped,
    });
  }
}

/**
 * The parse group as one table, a row per fixture: parseSmsWebhook(raw, { provider }) in ns/op,
 * its ratio to JSON.parse and to JSON.parse + zod v4 with their spreads, and for reference
 * JSON.parse + zod and detection (no provider given), each ÷ JSON.parse.
 */
function printParse(parseRows) {
  const spread = (r) => `[${r.low.toFixed(2)}–${r.high.toFixed(2)}]`;
  const ratio = (r) => `${r.ratio.toFixed(2)}× ${spread(r)}`;
  const header = [
    'fixture',
    'bytes',
    'ns/op',
    '÷ JSON.parse [spread]',
    '÷ JSON.parse + zod [spread]',
    'zod ÷ JSON.parse',
    'detected ÷ JSON.parse',
  ];
  const table = [
    header,
    ...parseRows.map((r) => [
      r.name,
      String(r.bytes),
      String(Math.round(r.value)),
      ratio(r),
      ratio(r.zod),
      ratio(r.zodToJson),
      ratio(r.detected),
    ]),
  ];
  const widths = header.map((_, c) => Math.max(...table.map((cells) => cells[c].length)));
  console.log('parse: parseSmsWebhook(raw, { provider }) from the raw string');
  for (const cells of table) {
    console.log(
      `  ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')}`,
    );
  }
}

function print() {
  const format = (r) => {
    const value =
      r.unit === 'ns/op' || r.unit === 'ns/notification'
        ? `${(r.value / 1000).toFixed(2)} µs`
        : r.unit === 'req/s'
          ? `${Math.round(r.value)} req/s`
          : r.unit === 'ms'
            ? `+${r.value.toFixed(2)} ms`
            : r.unit === 'instructions'
              ? `${Math.round(r.value)} instr.`
              : `${Math.round(r.value)} B`;
    const spread =
      r.spreadUnit === 'ms'
        ? `[${r.low.toFixed(1)}–${r.high.toFixed(1)} ms]`
        : r.low === r.high
          ? ''
          : `[${r.low.toFixed(2)}–${r.high.toFixed(2)}]`;
    const p99 = r.p99 === undefined ? '' : `  p99 ${r.p99} ms vs ${r.baselineP99} ms`;
    return [r.name, value, `${r.ratio.toFixed(2)}×`, spread, r.baseline + p99];
  };
  const parseRows = rows.filter((r) => r.group === 'parse');
  const otherRows = rows.filter((r) => r.group !== 'parse');
  const table = otherRows.map(format);
  const widths = [0, 1, 2, 3].map((c) => Math.max(...table.map((cells) => cells[c].length)));
  console.log(
    `sms-webhooks benchmarks, ${process.version}: ratio = median over interleaved rounds of ours ÷ baseline ` +
      '(time, bytes; for req/s ours ÷ baseline too, higher is better), [lowest–highest round]\n',
  );
  if (parseRows.length > 0) printParse(parseRows);
  let group = '';
  otherRows.forEach((r, i) => {
    if (r.group !== group) {
      group = r.group;
      console.log(group);
    }
    const [name, value, ratio, spread, baseline] = table[i];
    console.log(
      `  ${name.padEnd(widths[0])}  ${value.padStart(widths[1])}  ${ratio.padStart(widths[2])} ${spread.padEnd(widths[3])}  ${baseline}`,
    );
  });
  for (const note of notes) console.log(note);
}

async function main() {
  const fixtures = await readFixtures();
  if (enabled('parse')) await benchParse(fixtures);
  if (enabled('scale')) {
    await benchScale();
    await benchAfterRefusals();
    await benchInlineKeywords(fixtures);
  }
  if (enabled('alloc')) await benchAlloc();
  if (enabled('verify')) await benchVerify(fixtures);
  if (enabled('handler')) await benchHandler(fixtures);
  if (enabled('store')) await benchStore(fixtures);
  if (enabled('http')) await benchHttp(fixtures);
  if (enabled('import')) await benchImport();
  if (enabled('size')) await benchSize();
  // Minutes under valgrind: only when asked for.
  if (only?.includes('instructions')) await benchInstructions();
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
  else print();
}

await main();
