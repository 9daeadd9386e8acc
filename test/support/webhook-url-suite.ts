import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSmsWebhook } from '../../src/parse.js';
import type { TextLinkKind } from '../../src/providers/textlink/index.js';
import { type FixtureName, fixtureJson, fixtureNames, fixtureText } from './fixtures.js';
import { send } from './http.js';
import type { RuntimeHost } from './runtime-host.js';
import { signTelmetrics, signTextRequest, withTextLinkSecret } from './sign.js';

/** The secrets every runtime host is started with (as environment variables or bindings). */
export const runtimeSecrets = {
  TELMETRICS_WEBHOOK_SECRET: 'tm-runtime-secret-51c2e0',
  TEXTLINK_WEBHOOK_SECRET: 'tl-runtime-secret-a7d913',
  TEXT_REQUEST_API_KEY: 'tr-runtime-key-0be48f',
} as const;

/** Where a host serves each webhook; the hosts of test/runtimes/hosts/ use the defaults. */
export interface WebhookRoutes {
  /** Telmetrics, with `ms-signature` checked and `GET ?echo=` answered. */
  readonly telmetrics: string;
  /** TextLink, one path per kind. */
  readonly textlink: (kind: TextLinkKind) => string;
  /** Text Request, with `x-tr-webhook-signature` checked. */
  readonly textrequest: string;
  /** A route whose `onEvent` fails for every event. */
  readonly failing: string;
  /**
   * TextLink received with `timeoutMs: 400`, whose `onEvent` never settles for the text "hang".
   * Every host of test/runtimes/hosts/webhook-routes.mjs serves it; the Next.js examples, which
   * serve only their own routes, have none, and their suite has no timeout test.
   */
  readonly slow?: string;
}

/** The paths test/runtimes/hosts/webhook-routes.mjs serves. */
export const defaultRoutes: WebhookRoutes = {
  telmetrics: '/hooks/telmetrics',
  textlink: (kind) => `/hooks/textlink/${kind}`,
  textrequest: '/hooks/textrequest',
  failing: '/hooks/failing',
  slow: '/hooks/slow',
};

/** One host of the runtime matrix: how to start it once for the file, and where its routes are. */
export interface UrlHost {
  /** How the host appears in test names. */
  readonly name: string;
  /** Starts the server process; it is stopped after the file's tests. */
  start(): Promise<RuntimeHost>;
  /** Its routes, when they differ from {@link defaultRoutes}. */
  readonly routes?: WebhookRoutes;
  /** Makes the failing route fail, for hosts whose failure comes from outside (and undoes it). */
  readonly failure?: { arm(): Promise<void>; disarm(): Promise<void> };
  /** Whether the framework answers methods the route does not export itself (Next.js App Router). */
  readonly routesOnlyPost?: boolean;
  /** Whether a JSON body parser runs before the handler (it answers broken JSON itself). */
  readonly parsesJson?: boolean;
}

const textLinkKindOf: Record<string, TextLinkKind> = {
  'textlink/received': 'received',
  'textlink/how-it-works': 'received',
  'textlink/sent': 'sent',
  'textlink/failed': 'failed',
  'textlink/tag-changed': 'tag_changed',
};

/** A fixture sent the way its provider sends it to a host: path, signed body and headers. */
function delivery(
  name: FixtureName,
  routes: WebhookRoutes,
): { path: string; body: string; headers: Record<string, string>; expected: unknown } {
  const provider = name.slice(0, name.indexOf('/'));
  if (provider === 'textlink') {
    const kind = textLinkKindOf[name] ?? 'received';
    // TextLink sends the webhook secret in each request's body (docs.textlinksms.com/webhooks).
    const body = withTextLinkSecret(fixtureJson(name), runtimeSecrets.TEXTLINK_WEBHOOK_SECRET);
    return {
      path: routes.textlink(kind),
      body,
      headers: {},
      expected: parseSmsWebhook(body, { provider: 'textlink', kind }),
    };
  }
  const body = fixtureText(name);
  const expected = parseSmsWebhook(body);
  if (provider === 'telmetrics') {
    return {
      path: routes.telmetrics,
      body,
      headers: signTelmetrics(body, runtimeSecrets.TELMETRICS_WEBHOOK_SECRET),
      expected,
    };
  }
  return {
    path: routes.textrequest,
    body,
    headers: signTextRequest(body, runtimeSecrets.TEXT_REQUEST_API_KEY),
    expected,
  };
}

/** The events as JSON carries them: what a host can report back. */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

/**
 * Runs the HTTP behaviour table against a host process started once for the file: every fixture
 * signed as its provider signs it → 200 with exactly its events; forged, tampered or unsigned →
 * 401 with none; over 1 MiB → 413; other methods → 405; a failing `onEvent` → 500 without detail;
 * Telmetrics' `GET ?echo=` registration check.
 */
export function describeWebhookUrlSuite(host: UrlHost): void {
  const routes = host.routes ?? defaultRoutes;
  let running: RuntimeHost | undefined;
  const bodies: string[] = [];
  const seenEvents: unknown[] = [];

  function url(path: string): string {
    if (!running) throw new Error(`${host.name} did not start`);
    return `${running.origin}${path}`;
  }

  async function post(path: string, body: string | Uint8Array, headers = {}) {
    const response = await send(url(path), { body, headers });
    bodies.push(response.text);
    return response;
  }

  async function events() {
    if (!running) throw new Error(`${host.name} did not start`);
    const taken = await running.takeEvents();
    seenEvents.push(...taken);
    return taken;
  }

  beforeAll(async () => {
    running = await host.start();
  }, 300_000);

  afterAll(async () => {
    await running?.stop();
  });

  describe(`${host.name}: every fixture, signed as its provider signs it`, () => {
    it.each(fixtureNames)(
      'answers 200 {"ok":true} to %s and hands onEvent its events',
      async (name) => {
        const { path, body, headers, expected } = delivery(name, routes);
        const response = await post(path, body, headers);
        expect(response.status).toBe(200);
        expect(response.json).toEqual({ ok: true });
        expect(response.headers.get('content-type')).toBe('application/json');
        expect(await events()).toEqual(
          (expected as unknown[]).map((event) => ({ route: path, event: asJson(event) })),
        );
      },
    );
  });

  describe(`${host.name}: refusals`, () => {
    const trBody = fixtureText('textrequest/message-received');
    const tmBody = fixtureText('telmetrics/sms-conversation-start');
    const tlBody = (secret: string | undefined) =>
      withTextLinkSecret(fixtureJson('textlink/received'), secret);

    it.each([
      [
        'Text Request, signed with another key',
        () => routes.textrequest,
        () => trBody,
        () => signTextRequest(trBody, 'guessed-key'),
      ],
      ['Text Request, unsigned', () => routes.textrequest, () => trBody, () => ({})],
      [
        'Text Request, body changed after signing',
        () => routes.textrequest,
        () => trBody.replace('outbound message', 'outbound messages'),
        () => signTextRequest(trBody, runtimeSecrets.TEXT_REQUEST_API_KEY),
      ],
      [
        'Telmetrics, signed with another secret',
        () => routes.telmetrics,
        () => tmBody,
        () => signTelmetrics(tmBody, 'guessed'),
      ],
      ['Telmetrics, unsigned', () => routes.telmetrics, () => tmBody, () => ({})],
      [
        'TextLink, with a wrong secret',
        () => routes.textlink('received'),
        () => tlBody('guessed'),
        () => ({}),
      ],
      [
        'TextLink, without a secret',
        () => routes.textlink('received'),
        () => tlBody(undefined),
        () => ({}),
      ],
    ] as const)('answers 401 to %s and calls no onEvent', async (_, path, body, headers) => {
      const response = await post(path(), body(), headers());
      expect(response.status).toBe(401);
      expect(response.json).toEqual({ ok: false, error: { code: 'unauthorized' } });
      expect(await events()).toEqual([]);
    });

    it("answers 401 to TextLink's tag-change sample as documented, which carries no secret", async () => {
      const response = await post(
        routes.textlink('tag_changed'),
        fixtureText('textlink/tag-changed'),
      );
      expect(response.status).toBe(401);
      expect(await events()).toEqual([]);
    });

    it('answers 400 invalid_json to a body that is not JSON', async () => {
      const response = await post(routes.textlink('received'), '{"secret": ');
      expect(response.status).toBe(400);
      expect(await events()).toEqual([]);
      // express.json() refuses broken JSON itself, before the handler runs.
      if (host.parsesJson) return;
      expect(response.json).toEqual({
        ok: false,
        error: { code: 'invalid_json', issues: [{ path: '', message: 'body is not valid JSON' }] },
      });
    });

    it('answers 413 to a body over the default 1 MiB, without calling onEvent', async () => {
      const body = JSON.stringify({
        ...fixtureJson('textrequest/message-sent'),
        padding: 'x'.repeat(1_048_576),
      });
      const response = await post(
        routes.textrequest,
        body,
        signTextRequest(body, runtimeSecrets.TEXT_REQUEST_API_KEY),
      );
      expect(response.status).toBe(413);
      expect(response.json).toEqual({ ok: false, error: { code: 'payload_too_large' } });
      expect(await events()).toEqual([]);
    });

    it('answers 413 to a chunked body over 1 MiB that announces no length', async () => {
      const text = JSON.stringify({
        ...fixtureJson('textrequest/message-sent'),
        padding: 'x'.repeat(1_100_000),
      });
      const bytes = new TextEncoder().encode(text);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let offset = 0; offset < bytes.byteLength; offset += 65_536) {
            controller.enqueue(bytes.slice(offset, offset + 65_536));
          }
          controller.close();
        },
      });
      const response = await fetch(url(routes.textrequest), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signTextRequest(text, runtimeSecrets.TEXT_REQUEST_API_KEY),
        },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({ ok: false, error: { code: 'payload_too_large' } });
      expect(await events()).toEqual([]);
    });

    it.each(['GET', 'PUT', 'DELETE', 'PATCH'])(
      'answers 405 with Allow: POST to %s',
      async (method) => {
        const response = await send(url(routes.textrequest), {
          method,
          ...(method === 'GET' ? {} : { body: fixtureText('textrequest/message-sent') }),
        });
        bodies.push(response.text);
        expect(response.status).toBe(405);
        expect(await events()).toEqual([]);
        if (host.routesOnlyPost) return;
        expect(response.headers.get('allow')).toBe('POST');
        expect(response.json).toEqual({ ok: false, error: { code: 'method_not_allowed' } });
      },
    );

    it('answers 500 without detail when onEvent fails, so the provider retries', async () => {
      await host.failure?.arm();
      try {
        const body = fixtureText('textrequest/message-sent');
        const response = await post(
          routes.failing,
          body,
          signTextRequest(body, runtimeSecrets.TEXT_REQUEST_API_KEY),
        );
        expect(response.status).toBe(500);
        expect(response.text).toBe('{"ok":false,"error":{"code":"internal_error"}}');
      } finally {
        await host.failure?.disarm();
      }
    });
  });

  const slow = routes.slow;
  if (slow !== undefined)
    describe(`${host.name}: timeoutMs`, () => {
      it('answers a hung onEvent 503 at timeoutMs, whatever requests came and went meanwhile', async () => {
        const textLink = (text: string) =>
          withTextLinkSecret(
            { ...(fixtureJson('textlink/received') as object), text },
            runtimeSecrets.TEXTLINK_WEBHOOK_SECRET,
          );
        // Twice: the second round starts with the handler idle again after the first timed out.
        for (let round = 0; round < 2; round++) {
          const started = performance.now();
          const hung = post(slow, textLink('hang'), {});
          // Each started after the hung one and answered while it is still pending.
          for (let index = 0; index < 3; index++) {
            const quick = await post(slow, textLink(`quick ${index}`), {});
            expect(quick.status).toBe(200);
          }
          const response = await hung;
          expect(response.status).toBe(503);
          expect(response.headers.get('retry-after')).toBe('1');
          expect(response.json).toEqual({ ok: false, error: { code: 'timeout' } });
          expect(performance.now() - started).toBeGreaterThanOrEqual(400);
        }
      });
    });

  describe(`${host.name}: Telmetrics URL check`, () => {
    it('answers GET ?echo=<value> with the value as plain text, calling no onEvent', async () => {
      const response = await send(url(`${routes.telmetrics}?echo=5b1e0c9a`), { method: 'GET' });
      expect(response.status).toBe(200);
      expect(response.text).toBe('5b1e0c9a');
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await events()).toEqual([]);
    });

    it('answers 405 to a GET without echo', async () => {
      const response = await send(url(routes.telmetrics), { method: 'GET' });
      expect(response.status).toBe(405);
    });
  });

  describe(`${host.name}: secrets`, () => {
    it('appear in no response body and no event', async () => {
      expect(bodies.length).toBeGreaterThan(20);
      await events();
      expect(seenEvents.length).toBeGreaterThanOrEqual(fixtureNames.length);
      const log = JSON.stringify(seenEvents);
      for (const secret of Object.values(runtimeSecrets)) {
        for (const text of [...bodies, log]) expect(text).not.toContain(secret);
      }
    });
  });
}
