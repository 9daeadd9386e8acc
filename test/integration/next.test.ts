import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureJson, fixtureText } from '../support/fixtures.js';
import { receivedBodies, send } from '../support/http.js';
import { freePort, stopProcessGroup } from '../support/process.js';
import type { RecordedEvent as HostEvent, RuntimeHost } from '../support/runtime-host.js';
import { signTextRequest, withTextLinkSecret } from '../support/sign.js';
import { describeWebhookUrlSuite, runtimeSecrets } from '../support/webhook-url-suite.js';

// The example app in examples/next, built with `next build` and served by `next start` from the
// repository's own install, importing the package from dist/ as an application would.
const appDir = fileURLToPath(new URL('../../examples/next/', import.meta.url));
const nextBin = fileURLToPath(new URL('../../node_modules/.bin/next', import.meta.url));

const textLinkSecret = runtimeSecrets.TEXTLINK_WEBHOOK_SECRET;
const textRequestApiKey = runtimeSecrets.TEXT_REQUEST_API_KEY;

interface RecordedEvent {
  readonly route: string;
  readonly event: Record<string, unknown>;
}

let workDir = '';
let eventsLog = '';
let origin = '';
let server: ChildProcess | undefined;
let serverOutput = '';

function nextEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // vitest sets NODE_ENV=test, which Next.js refuses to build or serve production output with.
  return { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...extra };
}

/** Runs a command to its end and resolves to its exit code and everything it printed. */
function run(args: readonly string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(nextBin, args, { cwd: appDir, env: nextEnv() });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

async function waitUntilAnswering(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`next start exited early:\n${serverOutput}`);
    }
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`next start did not answer within ${timeoutMs} ms:\n${serverOutput}`);
}

async function recordedEvents(): Promise<RecordedEvent[]> {
  const text = await readFile(eventsLog, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as RecordedEvent);
}

/** Sends one request and returns its response and the events recorded while it was handled. */
async function sendAndObserve(path: string, init: Parameters<typeof send>[1]) {
  const before = (await recordedEvents()).length;
  const response = await send(`${origin}${path}`, init);
  const events = (await recordedEvents()).slice(before);
  return { response, events };
}

function signedTextRequest(name: Parameters<typeof fixtureText>[0]) {
  const body = fixtureText(name);
  return { body, headers: signTextRequest(body, textRequestApiKey) };
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'sms-webhooks-next-'));
  eventsLog = join(workDir, 'events.jsonl');

  const build = await run(['build']);
  if (build.code !== 0) {
    throw new Error(`next build failed with exit code ${build.code}:\n${build.output}`);
  }

  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  // Secrets reach the app only at start: route handlers read them at runtime, not at build time.
  server = spawn(nextBin, ['start', '--hostname', '127.0.0.1', '--port', String(port)], {
    cwd: appDir,
    detached: true,
    env: nextEnv({ EVENTS_LOG: eventsLog, ...runtimeSecrets }),
  });
  server.stdout?.on('data', (chunk: Buffer) => {
    serverOutput += chunk.toString();
  });
  server.stderr?.on('data', (chunk: Buffer) => {
    serverOutput += chunk.toString();
  });
  await waitUntilAnswering(`${origin}/api/textrequest`, server, 60_000);
}, 420_000);

afterAll(async () => {
  if (server) await stopProcessGroup(server);
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

// How many recorded events the runtime suites have taken, over both routers.
let taken = 0;

/** The running app as the runtime suite sees it; the file's own hooks start and stop it. */
function nextHost(): RuntimeHost {
  return {
    origin,
    async takeEvents(): Promise<HostEvent[]> {
      const all = await recordedEvents();
      const fresh = all.slice(taken);
      taken = all.length;
      return fresh;
    },
    output: () => serverOutput,
    stop: async () => {},
  };
}

// The application's storage failing: the events log turned into a directory makes every
// recordEvent reject, so onEvent fails as it does when a database is down.
const storageFailure = {
  async arm() {
    await rename(eventsLog, `${eventsLog}.kept`).catch(() => {});
    await mkdir(eventsLog);
  },
  async disarm() {
    await rm(eventsLog, { recursive: true, force: true });
    await rename(`${eventsLog}.kept`, eventsLog).catch(() => {});
  },
};

describeWebhookUrlSuite({
  name: 'Next.js App Router',
  start: async () => nextHost(),
  routes: {
    telmetrics: '/api/telmetrics',
    textlink: (kind) => `/api/textlink/${kind}`,
    textrequest: '/api/textrequest',
    failing: '/api/textrequest',
  },
  failure: storageFailure,
  routesOnlyPost: true,
});

describeWebhookUrlSuite({
  name: 'Next.js Pages Router',
  start: async () => nextHost(),
  routes: {
    telmetrics: '/api/telmetrics-pages',
    textlink: (kind) => `/api/textlink-pages/${kind}`,
    textrequest: '/api/textrequest-pages',
    failing: '/api/textrequest-pages',
  },
  failure: storageFailure,
});

describe('Next.js App Router route handler (createFetchHandler)', () => {
  it('accepts a TextLink received message carrying the right secret and hands on its event', async () => {
    const body = withTextLinkSecret(fixtureJson('textlink/received'), textLinkSecret);
    const { response, events } = await sendAndObserve('/api/textlink/received', { body });

    expect(response.status).toBe(200);
    expect(response.json).toEqual({ ok: true });
    expect(events).toHaveLength(1);
    expect(events[0]?.route).toBe('/api/textlink/received');
    expect(events[0]?.event).toMatchObject({
      type: 'message.received',
      provider: 'textlink',
      from: '+381690156360',
      text: 'General Kenobi',
      intent: null,
      contact: { name: 'Aleksandar Spremo', tag: 'Cold' },
    });
    expect(events[0]?.event.raw).not.toHaveProperty('secret');
  });

  it('answers 401 to a TextLink body with the wrong secret and records nothing', async () => {
    const body = withTextLinkSecret(fixtureJson('textlink/received'), 'not-the-secret');
    const { response, events } = await sendAndObserve('/api/textlink/received', { body });

    expect(response.status).toBe(401);
    expect(response.json).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(events).toEqual([]);
  });

  it('accepts a Text Request message signed as Text Request signs it and normalizes it', async () => {
    const { response, events } = await sendAndObserve(
      '/api/textrequest',
      signedTextRequest('textrequest/message-received'),
    );

    expect(response.status).toBe(200);
    expect(response.json).toEqual({ ok: true });
    expect(events).toHaveLength(1);
    expect(events[0]?.event).toMatchObject({
      type: 'message.received',
      provider: 'textrequest',
      from: '+14232074721',
      to: '+14239309346',
      text: 'This is an outbound message.',
      conversationId: '42045',
      occurredAt: '2018-10-11T01:28:46.596Z',
      intent: null,
    });
  });

  it('answers 401 to a Text Request body changed after signing and records nothing', async () => {
    const { body, headers } = signedTextRequest('textrequest/message-received');
    const tampered = body.replace('This is an outbound message.', 'Send the refund elsewhere.');
    expect(tampered).not.toBe(body);
    const { response, events } = await sendAndObserve('/api/textrequest', {
      body: tampered,
      headers,
    });

    expect(response.status).toBe(401);
    expect(response.json).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(events).toEqual([]);
  });

  it('answers 400 invalid_json to a signed body that is not JSON', async () => {
    const body = '{"conversation": ';
    const { response, events } = await sendAndObserve('/api/textrequest', {
      body,
      headers: signTextRequest(body, textRequestApiKey),
    });

    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ ok: false, error: { code: 'invalid_json' } });
    expect(events).toEqual([]);
  });

  it('answers 405 to GET', async () => {
    const { response, events } = await sendAndObserve('/api/textrequest', { method: 'GET' });

    expect(response.status).toBe(405);
    expect(events).toEqual([]);
  });
});

describe('Next.js Pages Router API route (createNodeHandler, bodyParser off)', () => {
  it('accepts a signed Text Request message and hands on its event', async () => {
    const { response, events } = await sendAndObserve(
      '/api/textrequest-pages',
      signedTextRequest('textrequest/message-received-extended'),
    );

    expect(response.status).toBe(200);
    expect(response.json).toEqual({ ok: true });
    expect(events).toHaveLength(1);
    expect(events[0]?.route).toBe('/api/textrequest-pages');
    expect(events[0]?.event).toMatchObject({
      type: 'message.received',
      provider: 'textrequest',
      from: '+14232074721',
      to: '+14239309346',
      text: 'Here is a photo of the damaged part.',
      media: [
        {
          url: 'https://mms.example.com/attachments/42045/part-photo.jpg',
          contentType: 'image/jpeg',
        },
      ],
    });
  });

  it('answers 401 to an unsigned Text Request message', async () => {
    const { response, events } = await sendAndObserve('/api/textrequest-pages', {
      body: fixtureText('textrequest/message-received'),
    });

    expect(response.status).toBe(401);
    expect(events).toEqual([]);
  });

  it('answers 405 with an Allow header to GET', async () => {
    const { response } = await sendAndObserve('/api/textrequest-pages', { method: 'GET' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(response.json).toMatchObject({ ok: false, error: { code: 'method_not_allowed' } });
  });
});

describe('secrets', () => {
  it('appear in no recorded event and no response body', async () => {
    const body = withTextLinkSecret(fixtureJson('textlink/received'), textLinkSecret);
    const { response } = await sendAndObserve('/api/textlink/received', { body });
    expect(response.status).toBe(200);

    const log = await readFile(eventsLog, 'utf8');
    for (const text of [log, ...receivedBodies]) {
      expect(text).not.toContain(textLinkSecret);
      expect(text).not.toContain(textRequestApiKey);
    }
  });
});
