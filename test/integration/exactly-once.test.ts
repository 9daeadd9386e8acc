import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFingerprintKey } from '../../src/normalize/fingerprint.js';
import { createTelmetricsPayload, createTextRequestPayload } from '../../src/testing/index.js';
import { fixtureJson } from '../support/fixtures.js';
import { type SentResponse, send } from '../support/http.js';
import type { PostgresServer } from '../support/postgres-server.js';
import { freePort, stopProcessGroup } from '../support/process.js';
import type { RedisServer } from '../support/redis-server.js';
import { signTelmetrics, signTextRequest, withTextLinkSecret } from '../support/sign.js';
import type { StoreEngine } from '../support/store-clients.js';
import { startStoreServers } from '../support/store-servers.js';

// Real server processes (test/support/exactly-once-server.mjs on the built package) sharing one
// real Redis or PostgreSQL, as a user's instances behind a load balancer do.
const root = fileURLToPath(new URL('../../', import.meta.url));
const serverFile = fileURLToPath(new URL('../support/exactly-once-server.mjs', import.meta.url));
const secrets = {
  TEXT_REQUEST_API_KEY: `tr-${randomBytes(12).toString('hex')}`,
  TELMETRICS_SECRET: `tm-${randomBytes(12).toString('hex')}`,
  TEXTLINK_SECRET: `tl-${randomBytes(12).toString('hex')}`,
};

let redis: RedisServer;
let postgres: PostgresServer;
let dir: string;
const running = new Set<ChildProcess>();

beforeAll(async () => {
  ({ redis, postgres } = await startStoreServers());
  dir = await mkdtemp(join(tmpdir(), 'sms-webhooks-exactly-once-'));
}, 120_000);

afterAll(async () => {
  await Promise.all([...running].map((child) => stopProcessGroup(child)));
  await Promise.all([redis?.close(), postgres?.close()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface LogEntry {
  readonly pid: number;
  readonly on: 'start' | 'done' | 'fail' | 'error';
  readonly key?: string;
  readonly code?: string;
  readonly status?: number;
}

interface ServerProcess {
  readonly origin: string;
  readonly child: ChildProcess;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startServerProcess(
  engine: StoreEngine,
  name: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [serverFile], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...secrets,
      PORT: String(port),
      STORE: engine,
      REDIS_URL: redis.url,
      POSTGRES_URL: postgres.url,
      NAMESPACE: `eo_${engine.replace('-', '_')}`,
      LOG: join(dir, `${engine}.log`),
      MARKERS: dir,
      ...env,
    },
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
  const deadline = Date.now() + 30_000;
  while (!output.includes(`listening on ${port}`)) {
    if (child.exitCode !== null) throw new Error(`server ${name} exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`server ${name} did not start:\n${output}`);
    await sleep(50);
  }
  return { origin: `http://127.0.0.1:${port}`, child };
}

async function logOf(engine: StoreEngine): Promise<LogEntry[]> {
  const text = await readFile(join(dir, `${engine}.log`), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogEntry);
}

async function count(engine: StoreEngine, on: LogEntry['on'], key: string): Promise<number> {
  return (await logOf(engine)).filter((entry) => entry.on === on && entry.key === key).length;
}

/** A signed Text Request message with a fresh id, as Text Request would post it. */
function textRequestDelivery(): { body: string; headers: Record<string, string>; key: string } {
  const payload = createTextRequestPayload('message_received');
  const body = JSON.stringify(payload);
  return {
    body,
    headers: signTextRequest(body, secrets.TEXT_REQUEST_API_KEY),
    key: `textrequest:message:${payload.messageUniqueIdentifier}`,
  };
}

/** A signed Telmetrics envelope with a fresh `Id` and `notifications` notifications. */
function telmetricsDelivery(notifications = 1): {
  body: string;
  headers: Record<string, string>;
  keys: string[];
} {
  const payload = createTelmetricsPayload('sms_conversation_start');
  const [notification] = payload.Notifications;
  const envelope = { ...payload, Notifications: Array(notifications).fill(notification) };
  const body = JSON.stringify(envelope);
  return {
    body,
    headers: signTelmetrics(body, secrets.TELMETRICS_SECRET),
    keys: envelope.Notifications.map((_, index) => `telmetrics:${payload.Id}:${index}`),
  };
}

/** Redelivers as a provider does until the answer is 200, waiting as long as `Retry-After` asks. */
async function deliverUntilOk(
  url: string,
  init: { body: string; headers: Record<string, string> },
  attempts = 30,
): Promise<SentResponse[]> {
  const answers: SentResponse[] = [];
  for (let attempt = 0; attempt < attempts; attempt++) {
    const answer = await send(url, init);
    answers.push(answer);
    if (answer.status === 200) return answers;
    expect(answer.status, answer.text).toBe(503);
    await sleep(Math.min(1_000, Number(answer.headers.get('retry-after') ?? 1) * 1_000));
  }
  throw new Error(`no 200 after ${attempts} attempts: ${answers.map((a) => a.status).join(', ')}`);
}

describe.each(['node-redis', 'ioredis', 'postgres'] as const)(
  'exactly once across two server processes sharing %s',
  (engine) => {
    let a: ServerProcess;
    let b: ServerProcess;

    beforeAll(async () => {
      [a, b] = await Promise.all([
        startServerProcess(engine, 'A', { DELAY_MS: '200', FINGERPRINT_WINDOW_MS: '1000' }),
        startServerProcess(engine, 'B', { DELAY_MS: '200', FINGERPRINT_WINDOW_MS: '1000' }),
      ]);
    }, 60_000);

    afterAll(async () => {
      await Promise.all([a, b].map((server) => server && stopProcessGroup(server.child)));
    });

    it('runs onEvent once for 200 concurrent deliveries split across both', async () => {
      const delivery = textRequestDelivery();
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, index) =>
          send(`${(index % 2 === 0 ? a : b).origin}/textrequest`, delivery),
        ),
      );
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.every((status) => status === 200 || status === 503)).toBe(true);
      expect(statuses).toContain(503);
      for (const answer of answers.filter((each) => each.status === 503)) {
        expect(answer.json).toEqual({ ok: false, error: { code: 'in_progress' } });
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
      // The provider retries every refused delivery until it is answered 200.
      const retried = await Promise.all(
        answers
          .map((answer, index) => ({ answer, index }))
          .filter(({ answer }) => answer.status !== 200)
          .map(({ index }) =>
            deliverUntilOk(`${(index % 2 === 0 ? a : b).origin}/textrequest`, delivery),
          ),
      );
      expect(retried.every((chain) => chain.at(-1)?.status === 200)).toBe(true);
      expect(await count(engine, 'start', delivery.key)).toBe(1);
      expect(await count(engine, 'done', delivery.key)).toBe(1);
    }, 60_000);

    it('resumes a partly failed envelope on another instance, skipping what is done', async () => {
      const delivery = telmetricsDelivery(3);
      const [first, second, third] = delivery.keys as [string, string, string];
      const failing = await startServerProcess(engine, 'failing', { FAIL_ONCE: second });
      try {
        const failed = await send(`${failing.origin}/telmetrics`, delivery);
        expect(failed.status).toBe(500);
        const resumed = await send(`${b.origin}/telmetrics`, delivery);
        expect(resumed.status).toBe(200);
      } finally {
        await stopProcessGroup(failing.child);
      }
      expect(await count(engine, 'start', first)).toBe(1);
      expect(await count(engine, 'start', second)).toBe(2);
      expect(await count(engine, 'fail', second)).toBe(1);
      expect(await count(engine, 'done', second)).toBe(1);
      expect(await count(engine, 'done', third)).toBe(1);
      expect(await count(engine, 'start', third)).toBe(1);
    }, 60_000);

    it('handles the event once more after a process is killed inside onEvent, once the lease ends', async () => {
      const delivery = textRequestDelivery();
      const doomed = await startServerProcess(engine, 'doomed', {
        HANG: delivery.key,
        TIMEOUT_MS: '1000',
        LEASE_MS: '2000',
      });
      const pending = send(`${doomed.origin}/textrequest`, delivery).catch((error: Error) => error);
      const deadline = Date.now() + 10_000;
      while ((await count(engine, 'start', delivery.key)) === 0) {
        if (Date.now() > deadline) throw new Error('onEvent never started');
        await sleep(20);
      }
      doomed.child.kill('SIGKILL');
      await once(doomed.child, 'exit');
      await pending;
      // The dead process's lease still holds the event: another instance must not run it yet.
      const refused = await send(`${a.origin}/textrequest`, delivery);
      expect(refused.status).toBe(503);
      expect(refused.json).toEqual({ ok: false, error: { code: 'in_progress' } });
      const answers = await deliverUntilOk(`${a.origin}/textrequest`, delivery);
      expect(answers.at(-1)?.status).toBe(200);
      expect(await count(engine, 'start', delivery.key)).toBe(2);
      expect(await count(engine, 'done', delivery.key)).toBe(1);
      expect((await send(`${b.origin}/textrequest`, delivery)).status).toBe(200);
      expect(await count(engine, 'start', delivery.key)).toBe(2);
    }, 60_000);

    it('answers retryably while the store is stopped, and loses nothing once it is back', async () => {
      const before = telmetricsDelivery();
      const during = telmetricsDelivery();
      const [beforeKey] = before.keys as [string];
      const [duringKey] = during.keys as [string];
      expect((await send(`${a.origin}/telmetrics`, before)).status).toBe(200);
      const server = engine === 'postgres' ? postgres : redis;
      await server.stop();
      try {
        for (const origin of [a.origin, b.origin]) {
          const refused = await send(`${origin}/telmetrics`, during);
          expect(refused.status).toBe(503);
          expect(refused.headers.get('retry-after')).not.toBeNull();
          expect((await send(`${origin}/telmetrics`, before)).status).toBe(503);
        }
      } finally {
        await server.restart();
      }
      const errors = (await logOf(engine)).filter((entry) => entry.on === 'error');
      expect(
        errors.some((entry) => entry.code === 'store_unavailable' && entry.status === 503),
      ).toBe(true);
      expect(await count(engine, 'start', duringKey)).toBe(0);
      await deliverUntilOk(`${b.origin}/telmetrics`, during);
      await deliverUntilOk(`${a.origin}/telmetrics`, before);
      expect(await count(engine, 'done', duringKey)).toBe(1);
      expect(await count(engine, 'start', beforeKey)).toBe(1);
    }, 60_000);

    it('answers 200 to a replayed signed request without running onEvent again', async () => {
      const textRequest = textRequestDelivery();
      const telmetrics = telmetricsDelivery();
      for (const [path, delivery, key] of [
        ['/textrequest', textRequest, textRequest.key],
        ['/telmetrics', telmetrics, telmetrics.keys[0] as string],
      ] as const) {
        expect((await send(`${a.origin}${path}`, delivery)).status).toBe(200);
        expect((await send(`${b.origin}${path}`, delivery)).status).toBe(200);
        expect((await send(`${a.origin}${path}`, delivery)).status).toBe(200);
        expect(await count(engine, 'start', key)).toBe(1);
      }
    }, 60_000);

    it('takes an identical TextLink text for a redelivery only within the fingerprint window', async () => {
      const text = {
        ...fixtureJson('textlink/received'),
        text: `Yes ${randomBytes(4).toString('hex')}`,
      };
      const body = withTextLinkSecret(text, secrets.TEXTLINK_SECRET);
      const url = (server: ServerProcess) => `${server.origin}/textlink/received`;
      expect((await send(url(a), { body })).status).toBe(200);
      expect((await send(url(b), { body })).status).toBe(200);
      const keys = (await logOf(engine))
        .filter((entry) => entry.on === 'done' && entry.key?.startsWith('textlink:received:'))
        .map((entry) => entry.key as string);
      const key = keys.at(-1) as string;
      expect(isFingerprintKey(key)).toBe(true);
      expect(await count(engine, 'done', key)).toBe(1);
      await sleep(1_300);
      expect((await send(url(b), { body })).status).toBe(200);
      expect(await count(engine, 'done', key)).toBe(2);
    }, 60_000);
  },
);

describe('one server process with memoryStore()', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServerProcess('memory', 'memory');
  }, 60_000);

  afterAll(async () => {
    if (server) await stopProcessGroup(server.child);
  });

  it('answers 200 to a replayed signed request without running onEvent again', async () => {
    const delivery = telmetricsDelivery();
    for (let replay = 0; replay < 3; replay++) {
      expect((await send(`${server.origin}/telmetrics`, delivery)).status).toBe(200);
    }
    expect(await count('memory', 'start', delivery.keys[0] as string)).toBe(1);
  });

  it('resumes a partly failed envelope, skipping what is done', async () => {
    const delivery = telmetricsDelivery(2);
    const failing = await startServerProcess('memory', 'memory-failing', {
      FAIL_ONCE: delivery.keys[1] as string,
    });
    try {
      expect((await send(`${failing.origin}/telmetrics`, delivery)).status).toBe(500);
      expect((await send(`${failing.origin}/telmetrics`, delivery)).status).toBe(200);
    } finally {
      await stopProcessGroup(failing.child);
    }
    expect(await count('memory', 'start', delivery.keys[0] as string)).toBe(1);
    expect(await count('memory', 'start', delivery.keys[1] as string)).toBe(2);
  }, 60_000);
});
