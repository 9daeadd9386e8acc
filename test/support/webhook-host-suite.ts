import { afterEach, describe, expect, it } from 'vitest';
import type {
  SmsWebhookDriftContext,
  SmsWebhookErrorContext,
  SmsWebhookEventContext,
  SmsWebhookHandlerOptions,
} from '../../src/adapters/core/options.js';
import { isSmsWebhookError } from '../../src/errors/SmsWebhookError.js';
import type { SmsEvent } from '../../src/events.js';
import { parseSmsWebhook } from '../../src/parse.js';
import type { SmsDriftReport } from '../../src/tolerance/drift.js';
import { type FixtureName, fixtureJson, fixtureNames, fixtureText } from './fixtures.js';
import { receivedBodies, send, sendEndlessBody } from './http.js';
import type { TestServer } from './server.js';
import { signTelmetrics, signTextRequest, withTextLinkSecret } from './sign.js';

/** A way of hosting a handler that the shared suite runs against. */
export interface WebhookHost {
  /** How the host appears in test names. */
  readonly name: string;
  /** What reads the body before the handler: nothing, or an Express body parser. */
  readonly bodyParser: 'none' | 'json' | 'raw' | 'text';
  /** Whether the server reads on to discard a body the handler refused with 413 (it does not keep it). */
  readonly discardsRefusedBody?: boolean;
  /** Starts a server on 127.0.0.1 whose every method and path is answered by a handler made from `options`. */
  start(options: SmsWebhookHandlerOptions): Promise<TestServer>;
}

/** Every secret the suite uses; none of them may ever appear in a response or in `onError`. */
export const testSecrets = {
  telmetrics: 'tm-signing-secret-3f9a1c',
  telmetricsOld: 'tm-signing-secret-old-82be',
  telmetricsToken: 'tm-url-token-77c1d0e4',
  textlink: 'tl-body-secret-b2e4aa',
  textlinkOld: 'tl-body-secret-old-5190',
  textrequest: 'tr-api-key-9d0c51',
  textrequestOld: 'tr-api-key-old-3e27',
  acme: 'acme-tenant-secret-11aa',
  globex: 'globex-tenant-secret-22bb',
  basicAuth: 'Basic aG9vazpob29rLXBhc3N3b3JkLTYxZjA=',
  documentedPlaceholder: 'YOUR_WEBHOOK_SECRET',
} as const;

const reports: { error: unknown; context: SmsWebhookErrorContext }[] = [];

/** Records what the handler's callbacks received. */
function capture(): {
  events: SmsEvent[];
  contexts: SmsWebhookEventContext[];
  errors: { error: unknown; context: SmsWebhookErrorContext }[];
  callbacks: Pick<SmsWebhookHandlerOptions, 'onEvent' | 'onError'>;
} {
  const events: SmsEvent[] = [];
  const contexts: SmsWebhookEventContext[] = [];
  const errors: { error: unknown; context: SmsWebhookErrorContext }[] = [];
  return {
    events,
    contexts,
    errors,
    callbacks: {
      onEvent(event, context) {
        events.push(event);
        contexts.push(context);
      },
      onError(error, context) {
        errors.push({ error, context });
        reports.push({ error, context });
      },
    },
  };
}

function providerOf(name: FixtureName): string {
  return name.slice(0, name.indexOf('/'));
}

function padded(name: FixtureName, totalBytes: number): string {
  const body = fixtureJson(name);
  const base = JSON.stringify({ ...body, padding: '' });
  return JSON.stringify({ ...body, padding: 'x'.repeat(totalBytes - Buffer.byteLength(base)) });
}

/** A Telmetrics delivery with three notifications, to check order and once-per-event calls. */
function telmetricsThreeNotifications(): string {
  const start = fixtureJson('telmetrics/sms-conversation-start');
  const call = fixtureJson('telmetrics/call-preprocessed');
  const [conversation] = start.Notifications as Record<string, unknown>[];
  const [callNotification] = call.Notifications as Record<string, unknown>[];
  return JSON.stringify({
    ...start,
    Notifications: [
      { ...conversation, ConversationId: 'aaaaaaaa-0000-4000-8000-000000000001' },
      callNotification,
      { ...conversation, ConversationId: 'aaaaaaaa-0000-4000-8000-000000000003' },
    ],
  });
}

const textLinkKindOf: Partial<Record<FixtureName, string>> = {
  'textlink/received': 'message.received',
  'textlink/sent': 'message.sent',
  'textlink/failed': 'message.failed',
};

/** Runs the HTTP behaviour table and every verification scheme against one host. */
export function describeWebhookHost(host: WebhookHost): void {
  const rawBody = host.bodyParser !== 'json';
  const handlerReadsStream = host.bodyParser === 'none';
  const servers: TestServer[] = [];

  async function serve(options: SmsWebhookHandlerOptions): Promise<string> {
    const server = await host.start(options);
    servers.push(server);
    return `${server.origin}/hooks`;
  }

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  describe(`${host.name}: HTTP behaviour`, () => {
    it.each(fixtureNames)(
      'answers 200 {"ok":true} to %s and hands onEvent its events',
      async (name) => {
        const seen = capture();
        const url = await serve({ ...seen.callbacks });
        const response = await send(url, { body: fixtureText(name) });
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('application/json');
        expect(response.json).toEqual({ ok: true });
        expect(seen.events).toEqual(parseSmsWebhook(fixtureJson(name)));
        expect(seen.contexts.map((context) => context.provider)).toEqual(
          seen.events.map(() => providerOf(name)),
        );
        expect(seen.errors).toEqual([]);
      },
    );

    it('calls onEvent once per event, in payload order, awaiting each before the next and all before answering', async () => {
      const log: string[] = [];
      const delays = [40, 5, 0];
      const url = await serve({
        async onEvent(event) {
          const id =
            event.type === 'conversation.started' ? event.conversationId : (event.type as string);
          log.push(`start ${id}`);
          await new Promise((resolve) => setTimeout(resolve, delays[log.length % 3] ?? 0));
          log.push(`end ${id}`);
        },
      });
      const response = await send(url, { body: telmetricsThreeNotifications() });
      expect(response.status).toBe(200);
      expect(log).toEqual([
        'start aaaaaaaa-0000-4000-8000-000000000001',
        'end aaaaaaaa-0000-4000-8000-000000000001',
        'start unknown',
        'end unknown',
        'start aaaaaaaa-0000-4000-8000-000000000003',
        'end aaaaaaaa-0000-4000-8000-000000000003',
      ]);
    });

    it('gives onEvent the request: provider, method, full URL with query, headers and decoded body', async () => {
      const seen = capture();
      const url = await serve({ ...seen.callbacks, provider: 'textrequest' });
      const body = fixtureText('textrequest/message-received');
      await send(`${url}/tenant-7?source=test`, { body, headers: { 'x-tenant': 'seven' } });
      const [context] = seen.contexts;
      expect(context?.provider).toBe('textrequest');
      expect(context?.request.method).toBe('POST');
      const requestUrl = new URL(context?.request.url ?? '');
      expect(requestUrl.pathname).toBe('/hooks/tenant-7');
      expect(requestUrl.search).toBe('?source=test');
      expect(context?.request.headers.get('X-Tenant')).toBe('seven');
      expect(context?.request.body).toEqual(JSON.parse(body));
      if (rawBody)
        expect(new TextDecoder().decode(context?.request.rawBody ?? undefined)).toBe(body);
      else expect(context?.request.rawBody).toBeNull();
    });

    it('answers 400 invalid_json to a body that is not JSON, without calling onEvent', async () => {
      const seen = capture();
      const url = await serve({ ...seen.callbacks });
      const response = await send(url, { body: '{"Id": "0bdacf54", "Attempt": ' });
      expect(response.status).toBe(400);
      expect(seen.events).toEqual([]);
      // express.json() refuses broken JSON itself, before the handler runs.
      if (host.bodyParser === 'json') return;
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(response.json).toEqual({
        ok: false,
        error: { code: 'invalid_json', issues: [{ path: '', message: 'body is not valid JSON' }] },
      });
      expect(seen.errors.map(({ context }) => context)).toEqual([
        { status: 400, code: 'invalid_json', provider: undefined, method: 'POST', path: '/hooks' },
      ]);
    });

    if (host.bodyParser === 'none' || host.bodyParser === 'raw')
      it('answers 400 invalid_json to a body that is not UTF-8', async () => {
        const seen = capture();
        const url = await serve({ ...seen.callbacks, provider: 'textlink' });
        const response = await send(url, {
          body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
        });
        expect(response.status).toBe(400);
        expect(response.json).toEqual({
          ok: false,
          error: {
            code: 'invalid_json',
            issues: [{ path: '', message: 'body is not valid UTF-8' }],
          },
        });
        expect(seen.events).toEqual([]);
      });

    it('answers 400 invalid_payload naming each failing field, without calling onEvent', async () => {
      const seen = capture();
      const url = await serve({ ...seen.callbacks, provider: 'telmetrics' });
      const body = fixtureJson('telmetrics/sms-conversation-start');
      const [notification] = body.Notifications as Record<string, unknown>[];
      const response = await send(url, {
        body: JSON.stringify({
          ...body,
          Notifications: [{ ...notification, TexterNumber: [9055802958] }],
        }),
      });
      expect(response.status).toBe(400);
      expect(response.json).toEqual({
        ok: false,
        error: {
          code: 'invalid_payload',
          issues: [
            { path: 'Notifications[0].TexterNumber', message: 'expected string, received array' },
          ],
        },
      });
      expect(seen.events).toEqual([]);
      expect(seen.errors[0]?.context).toEqual({
        status: 400,
        code: 'invalid_payload',
        provider: 'telmetrics',
        method: 'POST',
        path: '/hooks',
      });
    });

    it('answers 400 unknown_provider to JSON no provider sends', async () => {
      const seen = capture();
      const url = await serve({ ...seen.callbacks });
      const response = await send(url, { body: '{"hello":"world"}' });
      expect(response.status).toBe(400);
      expect(response.json).toEqual({
        ok: false,
        error: {
          code: 'unknown_provider',
          issues: [{ path: '', message: 'body matches no supported provider' }],
        },
      });
      expect(seen.events).toEqual([]);
    });

    it('answers 400 ambiguous_payload to a body two providers could have sent', async () => {
      const seen = capture();
      const url = await serve({ ...seen.callbacks });
      const body = {
        ...fixtureJson('telmetrics/sms-conversation-start'),
        ...fixtureJson('textrequest/message-received'),
      };
      const response = await send(url, { body: JSON.stringify(body) });
      expect(response.status).toBe(400);
      expect(response.json).toEqual({
        ok: false,
        error: {
          code: 'ambiguous_payload',
          issues: [{ path: '', message: 'body matches telmetrics, textrequest' }],
        },
      });
      expect(seen.events).toEqual([]);
    });

    it('answers 400 when the configured kind is not the provider the body comes from', async () => {
      const seen = capture();
      const url = await serve({ ...seen.callbacks, kind: 'received' });
      const response = await send(url, { body: fixtureText('textrequest/message-received') });
      expect(response.status).toBe(400);
      expect(response.json).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
      expect(seen.events).toEqual([]);
    });

    it('answers 401 {"code":"unauthorized"} to a wrong secret, without calling onEvent', async () => {
      const seen = capture();
      const url = await serve({
        ...seen.callbacks,
        provider: 'textlink',
        secret: testSecrets.textlink,
      });
      const response = await send(url, {
        body: withTextLinkSecret(fixtureJson('textlink/received'), 'not-the-secret'),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(response.json).toEqual({ ok: false, error: { code: 'unauthorized' } });
      expect(seen.events).toEqual([]);
      expect(seen.errors.map(({ context }) => context)).toEqual([
        {
          status: 401,
          code: 'unauthorized',
          reason: 'secret_mismatch',
          provider: 'textlink',
          method: 'POST',
          path: '/hooks',
        },
      ]);
    });

    it.each(['GET', 'PUT', 'DELETE', 'PATCH'])(
      'answers 405 with Allow: POST to %s',
      async (method) => {
        const seen = capture();
        const url = await serve({ ...seen.callbacks });
        const response = await send(url, {
          method,
          ...(method === 'GET' ? {} : { body: fixtureText('textlink/received') }),
        });
        expect(response.status).toBe(405);
        expect(response.headers.get('allow')).toBe('POST');
        expect(response.headers.get('content-type')).toBe('application/json');
        expect(response.json).toEqual({ ok: false, error: { code: 'method_not_allowed' } });
        expect(seen.events).toEqual([]);
        expect(seen.errors[0]?.context.status).toBe(405);
      },
    );

    it('answers 413 when Content-Length announces more than maxBodyBytes', async () => {
      const seen = capture();
      const url = await serve({ ...seen.callbacks, maxBodyBytes: 1024 });
      const response = await send(url, { body: padded('telmetrics/sms-conversation-start', 1025) });
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(response.json).toEqual({ ok: false, error: { code: 'payload_too_large' } });
      expect(seen.events).toEqual([]);
      expect(seen.errors[0]?.context).toMatchObject({ status: 413, code: 'payload_too_large' });
    });

    it('accepts a body of exactly maxBodyBytes', async () => {
      const seen = capture();
      const url = await serve({ ...seen.callbacks, maxBodyBytes: 1024 });
      const response = await send(url, { body: padded('telmetrics/sms-conversation-start', 1024) });
      expect(response.status).toBe(200);
      expect(seen.events).toHaveLength(1);
    });

    if (handlerReadsStream)
      it.each(['chunked', 'content-length'] as const)(
        'answers 413 promptly to an endless %s body and stops reading it',
        async (framing) => {
          const seen = capture();
          const url = await serve({ ...seen.callbacks });
          const result = await sendEndlessBody(url, framing);
          expect(result.status).toBe(413);
          expect(JSON.parse(result.text)).toEqual({
            ok: false,
            error: { code: 'payload_too_large' },
          });
          expect(result.elapsedMs).toBeLessThan(5000);
          // A server that read on, even only to discard, would take hundreds of MiB more in the half
          // second after answering; one that stopped takes nothing beyond its socket buffers.
          expect(result.bytesSent).toBeLessThan(16 * 1024 * 1024);
          if (!host.discardsRefusedBody) {
            expect(result.bytesSentLater - result.bytesSent).toBeLessThan(8 * 1024 * 1024);
          }
          expect(seen.events).toEqual([]);
        },
      );

    if (host.bodyParser === 'raw' || host.bodyParser === 'text')
      it('answers 413 to a chunked body the parser read that is over maxBodyBytes', async () => {
        const seen = capture();
        const url = await serve({ ...seen.callbacks, maxBodyBytes: 64 * 1024 });
        const big = padded('textlink/received', 128 * 1024);
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(big));
            controller.close();
          },
        });
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          duplex: 'half',
        } as RequestInit);
        expect(response.status).toBe(413);
        expect(await response.json()).toEqual({ ok: false, error: { code: 'payload_too_large' } });
        expect(seen.events).toEqual([]);
      });

    it('answers 500 without detail when onEvent throws, and reports the error to onError', async () => {
      const reported: { error: unknown; context: SmsWebhookErrorContext }[] = [];
      const failure = new Error('database db-7.internal refused the connection');
      const url = await serve({
        onEvent() {
          throw failure;
        },
        onError(error, context) {
          reported.push({ error, context });
        },
      });
      const response = await send(url, { body: fixtureText('textlink/sent') });
      expect(response.status).toBe(500);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(response.text).toBe('{"ok":false,"error":{"code":"internal_error"}}');
      expect(reported).toEqual([
        {
          error: failure,
          context: {
            status: 500,
            code: 'internal_error',
            provider: 'textlink',
            method: 'POST',
            path: '/hooks',
          },
        },
      ]);
    });

    it('answers 500 when onEvent rejects, and calls no later event', async () => {
      const calls: string[] = [];
      const url = await serve({
        async onEvent(event) {
          calls.push(event.type);
          if (calls.length === 1) throw new Error('queue full');
        },
      });
      const response = await send(url, { body: telmetricsThreeNotifications() });
      expect(response.status).toBe(500);
      expect(response.json).toEqual({ ok: false, error: { code: 'internal_error' } });
      expect(calls).toEqual(['conversation.started']);
    });

    it('still answers when onError itself throws or rejects', async () => {
      for (const onError of [
        () => {
          throw new Error('logger down');
        },
        () => Promise.reject(new Error('logger down')),
      ]) {
        const url = await serve({ onEvent() {}, onError });
        const response = await send(url, { body: '{}' });
        expect(response.status).toBe(400);
      }
    });

    it('accepts unverified requests when neither secret nor verify is configured', async () => {
      const seen = capture();
      const url = await serve({ ...seen.callbacks, provider: 'textrequest' });
      const response = await send(url, { body: fixtureText('textrequest/message-sent') });
      expect(response.status).toBe(200);
      expect(seen.events.map((event) => event.type)).toEqual(['message.sent']);
    });
  });

  describe(`${host.name}: tolerated deliveries`, () => {
    /** Records what onDrift receives, next to the other callbacks. */
    function captureDrift() {
      const seen = capture();
      const drift: { report: SmsDriftReport; context: SmsWebhookDriftContext }[] = [];
      return {
        ...seen,
        drift,
        callbacks: {
          ...seen.callbacks,
          onDrift(report: SmsDriftReport, context: SmsWebhookDriftContext) {
            drift.push({ report, context });
          },
        },
      };
    }

    function startWithoutAttribution(): string {
      const body = fixtureJson('telmetrics/sms-conversation-start');
      const [notification] = body.Notifications as Record<string, unknown>[];
      return JSON.stringify({
        ...body,
        Notifications: [{ ...notification, AttributionDetails: null }],
      });
    }

    it('answers 200 to a conversation start without AttributionDetails, calling onEvent and onDrift', async () => {
      const seen = captureDrift();
      const url = await serve({ ...seen.callbacks, provider: 'telmetrics' });
      const response = await send(`${url}?tenant=a`, { body: startWithoutAttribution() });
      expect(response.status).toBe(200);
      expect(response.json).toEqual({ ok: true });
      expect(seen.events).toHaveLength(1);
      expect(seen.events[0]).toMatchObject({
        type: 'conversation.started',
        from: '+19055802958',
        rawExact: false,
        attribution: { source: null, campaign: null, sessionTag: null },
      });
      expect(seen.drift).toEqual([
        {
          report: {
            provider: 'telmetrics',
            path: 'Notifications[0].AttributionDetails',
            kind: 'unexpected_type',
            expected: 'Object',
            received: 'null',
          },
          context: { provider: 'telmetrics', method: 'POST', path: '/hooks' },
        },
      ]);
      expect(seen.errors).toEqual([]);
    });

    it('answers 200 to a TextLink tag change of the admin account (subuser_id: null)', async () => {
      const seen = captureDrift();
      const url = await serve({ ...seen.callbacks, provider: 'textlink', kind: 'tag_changed' });
      const body = { ...fixtureJson('textlink/tag-changed'), subuser_id: null };
      const response = await send(url, { body: JSON.stringify(body) });
      expect(response.status).toBe(200);
      expect(seen.events).toEqual([
        expect.objectContaining({ type: 'contact.tag_changed', subaccountId: null, tag: 'Warm' }),
      ]);
      expect(seen.drift.map(({ report }) => [report.path, report.kind])).toEqual([
        ['subuser_id', 'unexpected_type'],
      ]);
    });

    it('answers 200 to a signed Text Request MMS without text, detecting the provider', async () => {
      const seen = captureDrift();
      // Signature checks need the raw body, which express.json() does not keep.
      const url = await serve({
        ...seen.callbacks,
        ...(rawBody ? { secret: testSecrets.textrequest } : {}),
      });
      const body = fixtureJson('textrequest/message-received-extended');
      const conversation = { ...(body.conversation as object), message: null };
      const text = JSON.stringify({ ...body, conversation });
      const response = await send(url, {
        body: text,
        headers: signTextRequest(text, testSecrets.textrequest),
      });
      expect(response.status).toBe(200);
      expect(seen.events).toEqual([
        expect.objectContaining({ type: 'message.received', text: null, intent: null }),
      ]);
      expect(seen.drift.map(({ report }) => report.path)).toEqual(['conversation.message']);
      expect(seen.drift[0]?.context.provider).toBe('textrequest');
    });

    it('delivers the other notifications of an envelope when one has no usable Action', async () => {
      const seen = captureDrift();
      const url = await serve({ ...seen.callbacks });
      const body = fixtureJson('telmetrics/sms-conversation-start');
      const [notification] = body.Notifications as Record<string, unknown>[];
      const response = await send(url, {
        body: JSON.stringify({ ...body, Notifications: [{ Action: null }, notification] }),
      });
      expect(response.status).toBe(200);
      expect(seen.events.map((event) => event.type)).toEqual(['unknown', 'conversation.started']);
      expect(seen.drift.map(({ report }) => [report.path, report.kind, report.received])).toEqual([
        ['Notifications[0].Action', 'unknown_event', 'null'],
      ]);
    });

    it('answers 400 invalid_payload under strict, naming the drift, without calling onEvent or onDrift', async () => {
      const seen = captureDrift();
      const url = await serve({ ...seen.callbacks, provider: 'telmetrics', strict: true });
      const response = await send(url, { body: startWithoutAttribution() });
      expect(response.status).toBe(400);
      expect(response.json).toEqual({
        ok: false,
        error: {
          code: 'invalid_payload',
          issues: [
            {
              path: 'Notifications[0].AttributionDetails',
              message: 'unexpected type: expected Object, received null',
            },
          ],
        },
      });
      expect(seen.events).toEqual([]);
      expect(seen.drift).toEqual([]);
      expect(seen.errors.map(({ context }) => context.code)).toEqual(['invalid_payload']);
    });

    it('accepts unknown fields under strict, and reports each one once per handler', async () => {
      const seen = captureDrift();
      const url = await serve({ ...seen.callbacks, provider: 'textlink', strict: true });
      const body = JSON.stringify({ ...fixtureJson('textlink/how-it-works'), media_url: 'x' });
      for (let delivery = 0; delivery < 3; delivery++) {
        const response = await send(url, { body });
        expect(response.status).toBe(200);
      }
      expect(seen.events).toHaveLength(3);
      expect(seen.drift.map(({ report }) => [report.path, report.kind])).toEqual([
        ['media_url', 'unknown_field'],
      ]);
      // A handler of its own starts with nothing reported.
      const other = captureDrift();
      const otherUrl = await serve({ ...other.callbacks, provider: 'textlink' });
      expect((await send(otherUrl, { body })).status).toBe(200);
      expect(other.drift).toHaveLength(1);
    });

    it('still answers 200 when onDrift throws or rejects', async () => {
      for (const onDrift of [
        () => {
          throw new Error('logger down');
        },
        () => Promise.reject(new Error('logger down')),
      ]) {
        const seen = capture();
        const url = await serve({ ...seen.callbacks, provider: 'telmetrics', onDrift });
        const response = await send(url, { body: startWithoutAttribution() });
        expect(response.status).toBe(200);
        expect(seen.events).toHaveLength(1);
      }
    });
  });

  describe(`${host.name}: Telmetrics ms-signature`, () => {
    const body = fixtureText('telmetrics/sms-conversation-start-attributed');
    const options = (secret: string | readonly string[]) => ({
      provider: 'telmetrics' as const,
      secret,
    });

    if (!rawBody) {
      it('answers 500 raw_body_unavailable saying how to keep the raw body, and reports it', async () => {
        const seen = capture();
        const url = await serve({ ...seen.callbacks, ...options(testSecrets.telmetrics) });
        const response = await send(url, {
          body,
          headers: signTelmetrics(body, testSecrets.telmetrics),
        });
        expect(response.status).toBe(500);
        expect(response.headers.get('content-type')).toBe('application/json');
        const json = response.json as { ok: boolean; error: { code: string; message: string } };
        expect(json.ok).toBe(false);
        expect(json.error.code).toBe('raw_body_unavailable');
        expect(json.error.message).toContain(
          'express.json({ verify: (req, _res, buf) => { req.rawBody = buf } })',
        );
        expect(json.error.message).toContain('mount the handler before express.json()');
        expect(json.error.message).toContain(
          'export const config = { api: { bodyParser: false } }',
        );
        expect(seen.events).toEqual([]);
        const [report] = seen.errors;
        expect(isSmsWebhookError(report?.error) && report.error.code).toBe('raw_body_unavailable');
        expect(report?.context).toMatchObject({
          status: 500,
          code: 'raw_body_unavailable',
          provider: 'telmetrics',
        });
      });
      return;
    }

    it('accepts a correct signature', async () => {
      const seen = capture();
      const url = await serve({ ...seen.callbacks, ...options(testSecrets.telmetrics) });
      const response = await send(url, {
        body,
        headers: signTelmetrics(body, testSecrets.telmetrics),
      });
      expect(response.status).toBe(200);
      expect(seen.events).toEqual(parseSmsWebhook(body));
    });

    it.each([
      ['a signature made with another secret', () => signTelmetrics(body, 'some-other-secret')],
      ['no signature header', () => ({})],
      ['a malformed signature header', () => ({ 'ms-signature': 'sha256=zz' })],
      [
        'a signature of a different body',
        () => signTelmetrics(body.replace('"Attempt": 1', '"Attempt": 2'), testSecrets.telmetrics),
      ],
    ])('refuses %s with 401', async (_, headers) => {
      const seen = capture();
      const url = await serve({ ...seen.callbacks, ...options(testSecrets.telmetrics) });
      const response = await send(url, { body, headers: headers() });
      expect(response.status).toBe(401);
      expect(response.json).toEqual({ ok: false, error: { code: 'unauthorized' } });
      expect(seen.events).toEqual([]);
    });

    it('refuses a body changed after signing (tampered) with 401', async () => {
      const seen = capture();
      const url = await serve({ ...seen.callbacks, ...options(testSecrets.telmetrics) });
      const tampered = body.replace('"9055802958"', '"9055802959"');
      const response = await send(url, {
        body: tampered,
        headers: signTelmetrics(body, testSecrets.telmetrics),
      });
      expect(response.status).toBe(401);
      expect(seen.events).toEqual([]);
    });

    it('accepts the old and the new secret during a rotation, nothing else', async () => {
      const seen = capture();
      const url = await serve({
        ...seen.callbacks,
        ...options([testSecrets.telmetrics, testSecrets.telmetricsOld]),
      });
      for (const [secret, status] of [
        [testSecrets.telmetrics, 200],
        [testSecrets.telmetricsOld, 200],
        ['retired-secret', 401],
      ] as const) {
        const response = await send(url, { body, headers: signTelmetrics(body, secret) });
        expect(response.status).toBe(status);
      }
      expect(seen.events).toHaveLength(2);
    });

    it('does not accept a URL token unless the url-token scheme is chosen', async () => {
      const seen = capture();
      const url = await serve({ ...seen.callbacks, ...options(testSecrets.telmetrics) });
      const response = await send(`${url}?token=${testSecrets.telmetrics}`, { body });
      expect(response.status).toBe(401);
      expect(seen.events).toEqual([]);
    });
  });

  describe(`${host.name}: Telmetrics URL check`, () => {
    it('echoes the echo parameter of a GET as plain text, without calling onEvent', async () => {
      const seen = capture();
      const url = await serve({ ...seen.callbacks, provider: 'telmetrics', secret: 'k' });
      const response = await send(`${url}?echo=3f9c1a`, { method: 'GET' });
      expect(response.status).toBe(200);
      expect(response.text).toBe('3f9c1a');
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(seen.events).toEqual([]);
    });

    it('answers 405 to a GET without echo, and to an echo for another provider', async () => {
      const seen = capture();
      const telmetrics = await serve({ ...seen.callbacks, provider: 'telmetrics' });
      expect((await send(telmetrics, { method: 'GET' })).status).toBe(405);
      expect((await send(`${telmetrics}?echo=`, { method: 'GET' })).status).toBe(405);
      expect((await send(`${telmetrics}?echo=${'x'.repeat(257)}`, { method: 'GET' })).status).toBe(
        405,
      );
      const textlink = await serve({ ...seen.callbacks, provider: 'textlink' });
      expect((await send(`${textlink}?echo=abc`, { method: 'GET' })).status).toBe(405);
    });
  });

  describe(`${host.name}: Telmetrics url-token`, () => {
    const body = fixtureText('telmetrics/sms-conversation-start');
    const options = {
      provider: 'telmetrics',
      scheme: 'url-token',
      secret: testSecrets.telmetricsToken,
    } as const;

    it('accepts the token in the query string', async () => {
      const seen = capture();
      const url = await serve({ ...seen.callbacks, ...options });
      const response = await send(`${url}?token=${testSecrets.telmetricsToken}`, { body });
      expect(response.status).toBe(200);
      expect(seen.events).toHaveLength(1);
    });

    it.each([
      ['a wrong token', `?token=${testSecrets.telmetricsToken}x`],
      ['no token', ''],
      ['an empty token', '?token='],
      ['the token under another name', `?key=${testSecrets.telmetricsToken}`],
    ])('refuses %s with 401, reporting no token to onError', async (_, query) => {
      const seen = capture();
      const url = await serve({ ...seen.callbacks, ...options });
      const response = await send(`${url}${query}`, { body });
      expect(response.status).toBe(401);
      expect(response.json).toEqual({ ok: false, error: { code: 'unauthorized' } });
      expect(seen.events).toEqual([]);
      expect(seen.errors[0]?.context.path).toBe('/hooks');
    });
  });

  describe(`${host.name}: TextLink body-secret`, () => {
    it.each([
      'textlink/received',
      'textlink/sent',
      'textlink/failed',
      'textlink/how-it-works',
    ] as const)(
      'accepts %s carrying the secret, and keeps the secret out of the event',
      async (name) => {
        const seen = capture();
        const url = await serve({
          ...seen.callbacks,
          provider: 'textlink',
          secret: testSecrets.textlink,
        });
        const response = await send(url, {
          body: withTextLinkSecret(fixtureJson(name), testSecrets.textlink),
        });
        expect(response.status).toBe(200);
        expect(seen.events).toHaveLength(1);
        const expectedType = textLinkKindOf[name];
        if (expectedType) expect(seen.events[0]?.type).toBe(expectedType);
        expect(JSON.stringify(seen.events)).not.toContain(testSecrets.textlink);
      },
    );

    it.each([
      ['a wrong secret', 'tl-body-secret-b2e4ab'],
      ['no secret field', undefined],
      ['an empty secret', ''],
      ['the documented placeholder', testSecrets.documentedPlaceholder],
    ])('refuses %s with 401', async (_, secret) => {
      const seen = capture();
      const url = await serve({
        ...seen.callbacks,
        provider: 'textlink',
        secret: testSecrets.textlink,
      });
      const response = await send(url, {
        body: withTextLinkSecret(fixtureJson('textlink/received'), secret),
      });
      expect(response.status).toBe(401);
      expect(seen.events).toEqual([]);
    });

    it('refuses a tag change (which carries no secret) once a secret is configured', async () => {
      const seen = capture();
      const url = await serve({
        ...seen.callbacks,
        provider: 'textlink',
        secret: testSecrets.textlink,
      });
      const response = await send(url, { body: fixtureText('textlink/tag-changed') });
      expect(response.status).toBe(401);
    });

    it('accepts both secrets during a rotation', async () => {
      const seen = capture();
      const url = await serve({
        ...seen.callbacks,
        provider: 'textlink',
        secret: [testSecrets.textlink, testSecrets.textlinkOld],
      });
      for (const secret of [testSecrets.textlink, testSecrets.textlinkOld]) {
        const response = await send(url, {
          body: withTextLinkSecret(fixtureJson('textlink/sent'), secret),
        });
        expect(response.status).toBe(200);
      }
      expect(seen.events).toHaveLength(2);
    });

    it('parses the body as the configured kind', async () => {
      const seen = capture();
      const body = withTextLinkSecret(fixtureJson('textlink/failed'), testSecrets.textlink);
      for (const kind of ['sent', 'failed'] as const) {
        const url = await serve({
          ...seen.callbacks,
          provider: 'textlink',
          kind,
          secret: testSecrets.textlink,
        });
        expect((await send(url, { body })).status).toBe(200);
      }
      expect(seen.events.map((event) => event.type)).toEqual(['message.sent', 'message.failed']);
    });
  });

  describe(`${host.name}: Text Request hmac-sha256`, () => {
    const body = fixtureText('textrequest/message-received-extended');
    const now = () => Math.floor(Date.now() / 1000);
    const options = { provider: 'textrequest', secret: testSecrets.textrequest } as const;

    if (!rawBody) {
      it('answers 500 raw_body_unavailable saying how to keep the raw body', async () => {
        const seen = capture();
        const url = await serve({ ...seen.callbacks, ...options });
        const response = await send(url, {
          body,
          headers: signTextRequest(body, testSecrets.textrequest),
        });
        expect(response.status).toBe(500);
        expect(response.json).toMatchObject({ ok: false, error: { code: 'raw_body_unavailable' } });
        expect((response.json as { error: { message: string } }).error.message).toContain(
          'express.json({ verify',
        );
        expect(seen.events).toEqual([]);
      });
      return;
    }

    it('accepts a correct, fresh signature', async () => {
      const seen = capture();
      const url = await serve({ ...seen.callbacks, ...options });
      const response = await send(url, {
        body,
        headers: signTextRequest(body, testSecrets.textrequest),
      });
      expect(response.status).toBe(200);
      expect(seen.events).toEqual(parseSmsWebhook(body));
    });

    it.each([
      ['a signature made with another key', () => signTextRequest(body, 'another-api-key')],
      ['no signature headers', () => ({})],
      [
        'no timestamp header',
        () => ({
          'x-tr-webhook-signature':
            signTextRequest(body, testSecrets.textrequest)['x-tr-webhook-signature'] ?? '',
        }),
      ],
      [
        'a stale timestamp (301 s old)',
        () => signTextRequest(body, testSecrets.textrequest, now() - 301),
      ],
      [
        // Signed before the request is sent: a few seconds' margin keeps a slow machine from
        // bringing it back inside the window on its way.
        'a timestamp 305 s in the future',
        () => signTextRequest(body, testSecrets.textrequest, now() + 305),
      ],
      [
        'a timestamp changed after signing',
        () => ({
          ...signTextRequest(body, testSecrets.textrequest, now() - 10),
          'x-tr-webhook-timestamp': String(now()),
        }),
      ],
    ])('refuses %s with 401', async (_, headers) => {
      const seen = capture();
      const url = await serve({ ...seen.callbacks, ...options });
      const response = await send(url, { body, headers: headers() });
      expect(response.status).toBe(401);
      expect(response.json).toEqual({ ok: false, error: { code: 'unauthorized' } });
      expect(seen.events).toEqual([]);
    });

    it('refuses a body changed after signing (tampered) with 401', async () => {
      const seen = capture();
      const url = await serve({ ...seen.callbacks, ...options });
      const response = await send(url, {
        body: body.replace('damaged part', 'damaged parts'),
        headers: signTextRequest(body, testSecrets.textrequest),
      });
      expect(response.status).toBe(401);
      expect(seen.events).toEqual([]);
    });

    it('accepts a timestamp within the tolerance and applies toleranceSeconds', async () => {
      const seen = capture();
      const url = await serve({ ...seen.callbacks, ...options });
      const oldButFine = await send(url, {
        body,
        headers: signTextRequest(body, testSecrets.textrequest, now() - 290),
      });
      expect(oldButFine.status).toBe(200);
      const strict = await serve({ ...seen.callbacks, ...options, toleranceSeconds: 30 });
      const tooOld = await send(strict, {
        body,
        headers: signTextRequest(body, testSecrets.textrequest, now() - 60),
      });
      expect(tooOld.status).toBe(401);
      expect(seen.events).toHaveLength(1);
    });

    it('accepts the old and the new API key during a rotation', async () => {
      const seen = capture();
      const url = await serve({
        ...seen.callbacks,
        provider: 'textrequest',
        secret: [testSecrets.textrequest, testSecrets.textrequestOld],
      });
      for (const [key, status] of [
        [testSecrets.textrequest, 200],
        [testSecrets.textrequestOld, 200],
        ['revoked-key', 401],
      ] as const) {
        expect((await send(url, { body, headers: signTextRequest(body, key) })).status).toBe(
          status,
        );
      }
    });

    it('detects Text Request and verifies its signature when no provider is configured', async () => {
      const seen = capture();
      // Signature checks need the raw body, which express.json() does not keep.
      const url = await serve({
        ...seen.callbacks,
        ...(rawBody ? { secret: testSecrets.textrequest } : {}),
      });
      const contact = fixtureText('textrequest/contact-created');
      const good = await send(url, {
        body: contact,
        headers: signTextRequest(contact, testSecrets.textrequest),
      });
      const bad = await send(url, { body: contact, headers: signTextRequest(contact, 'nope') });
      expect([good.status, bad.status]).toEqual([200, 401]);
      expect(seen.events.map((event) => event.type)).toEqual(['contact.created']);
    });
  });

  describe(`${host.name}: HTTP methods`, () => {
    const status = fixtureText('textrequest/message-status');

    it.each(['PUT', 'DELETE'] as const)(
      'accepts a Text Request delivery by %s when methods allows it, with the same body as POST',
      async (method) => {
        const seen = capture();
        const url = await serve({ ...seen.callbacks, methods: ['POST', 'PUT', 'DELETE'] });
        const response = await send(url, { method, body: status });
        expect(response.status).toBe(200);
        expect(response.json).toEqual({ ok: true });
        expect(seen.events).toEqual(parseSmsWebhook(status));
        expect(seen.contexts.map((context) => context.request.method)).toEqual([method]);
        const byPost = await send(url, { body: status });
        expect(byPost.status).toBe(200);
        expect(seen.events[1]).toEqual(seen.events[0]);
      },
    );

    it.each([
      [['PUT'], 'POST', 'PUT'],
      [['PUT'], 'DELETE', 'PUT'],
      [['POST', 'DELETE'], 'PUT', 'POST, DELETE'],
      [['POST', 'PUT', 'DELETE'], 'PATCH', 'POST, PUT, DELETE'],
      [['POST', 'PUT'], 'GET', 'POST, PUT'],
    ] as const)(
      'with methods %j answers 405 to %s, listing the accepted methods in Allow',
      async (methods, method, allow) => {
        const seen = capture();
        const url = await serve({ ...seen.callbacks, methods });
        const response = await send(url, {
          method,
          ...(method === 'GET' ? {} : { body: status }),
        });
        expect(response.status).toBe(405);
        expect(response.headers.get('allow')).toBe(allow);
        expect(response.json).toEqual({ ok: false, error: { code: 'method_not_allowed' } });
        expect(seen.events).toEqual([]);
        expect(seen.errors.map(({ context }) => [context.status, context.method])).toEqual([
          [405, method],
        ]);
      },
    );

    it('still answers the Telmetrics GET echo when only PUT is accepted', async () => {
      const url = await serve({ provider: 'telmetrics', methods: ['PUT'], onEvent() {} });
      const response = await send(`${url}?echo=5d1e`, { method: 'GET' });
      expect([response.status, response.text]).toEqual([200, '5d1e']);
      expect((await send(url, { method: 'GET' })).headers.get('allow')).toBe('PUT');
    });

    if (rawBody) {
      it('verifies a signed Text Request delivery sent by PUT like one sent by POST', async () => {
        const seen = capture();
        const url = await serve({
          ...seen.callbacks,
          provider: 'textrequest',
          secret: testSecrets.textrequest,
          methods: ['PUT'],
        });
        const good = await send(url, {
          method: 'PUT',
          body: status,
          headers: signTextRequest(status, testSecrets.textrequest),
        });
        const forged = await send(url, {
          method: 'PUT',
          body: status,
          headers: signTextRequest(status, 'not-the-key'),
        });
        expect([good.status, forged.status]).toEqual([200, 401]);
        expect(seen.events.map((event) => event.type)).toEqual(['message.status']);
      });
    }
  });

  describe(`${host.name}: secret resolver`, () => {
    const tenants: Record<string, string> = { acme: testSecrets.acme, globex: testSecrets.globex };
    const byPath = (request: { url: string }) =>
      tenants[new URL(request.url).pathname.split('/').at(-1) ?? ''];
    const received = fixtureJson('textlink/received');

    it('picks each tenant secret from the URL path', async () => {
      const seen = capture();
      const url = await serve({ ...seen.callbacks, provider: 'textlink', secret: byPath });
      const cases = [
        ['acme', testSecrets.acme, 200],
        ['globex', testSecrets.globex, 200],
        ['globex', testSecrets.acme, 401],
        ['acme', testSecrets.globex, 401],
        ['initech', testSecrets.acme, 401],
      ] as const;
      for (const [tenant, secret, status] of cases) {
        const response = await send(`${url}/${tenant}`, {
          body: withTextLinkSecret(received, secret),
        });
        expect(response.status).toBe(status);
      }
      expect(seen.events).toHaveLength(2);
      expect(seen.errors.map(({ context }) => context.path)).toEqual([
        '/hooks/globex',
        '/hooks/acme',
        '/hooks/initech',
      ]);
    });

    it('awaits an async resolver that reads a header, and sees the decoded body', async () => {
      const seen = capture();
      const bodies: unknown[] = [];
      const url = await serve({
        ...seen.callbacks,
        async secret(request) {
          bodies.push(request.body);
          await new Promise((resolve) => setTimeout(resolve, 5));
          return tenants[request.headers.get('x-tenant') ?? ''];
        },
      });
      const body = withTextLinkSecret(received, testSecrets.globex);
      const good = await send(url, { body, headers: { 'x-tenant': 'globex' } });
      const bad = await send(url, { body, headers: { 'x-tenant': 'acme' } });
      const none = await send(url, { body });
      expect([good.status, bad.status, none.status]).toEqual([200, 401, 401]);
      expect(bodies[0]).toEqual(JSON.parse(body));
    });

    it('refuses with 401 when the resolver returns an empty list', async () => {
      const seen = capture();
      const url = await serve({ ...seen.callbacks, secret: () => [] });
      const response = await send(url, { body: withTextLinkSecret(received, testSecrets.acme) });
      expect(response.status).toBe(401);
      expect(seen.events).toEqual([]);
    });

    it('answers 500 without detail when the resolver throws', async () => {
      const seen = capture();
      const url = await serve({
        ...seen.callbacks,
        secret() {
          throw new Error('vault unreachable');
        },
      });
      const response = await send(url, { body: withTextLinkSecret(received, testSecrets.acme) });
      expect(response.status).toBe(500);
      expect(response.json).toEqual({ ok: false, error: { code: 'internal_error' } });
      expect(seen.errors[0]?.error).toEqual(new Error('vault unreachable'));
      expect(seen.events).toEqual([]);
    });

    it('refuses every request with 401 when secret is present but undefined (an unset variable)', async () => {
      const seen = capture();
      const url = await serve({ ...seen.callbacks, provider: 'textlink', secret: undefined });
      const response = await send(url, { body: withTextLinkSecret(received, testSecrets.acme) });
      expect(response.status).toBe(401);
      expect(seen.events).toEqual([]);
      expect(seen.errors[0]?.context.code).toBe('unauthorized');
    });
  });

  describe(`${host.name}: custom verify hook`, () => {
    const body = fixtureText('textrequest/message-sent');
    const basicAuth = (request: { headers: { get(name: string): string | null } }) =>
      request.headers.get('authorization') === testSecrets.basicAuth;

    it('accepts a request the hook approves and refuses others with 401', async () => {
      const seen = capture();
      const url = await serve({ ...seen.callbacks, verify: basicAuth });
      const good = await send(url, { body, headers: { authorization: testSecrets.basicAuth } });
      const wrong = await send(url, { body, headers: { authorization: 'Basic d3Jvbmc6d3Jvbmc=' } });
      const missing = await send(url, { body });
      expect([good.status, wrong.status, missing.status]).toEqual([200, 401, 401]);
      expect(seen.events).toHaveLength(1);
    });

    it('sees the client address, for IP allow-lists', async () => {
      const addresses: (string | null)[] = [];
      const url = await serve({
        onEvent() {},
        verify(request) {
          addresses.push(request.remoteAddress);
          return true;
        },
      });
      await send(url, { body });
      expect(addresses).toHaveLength(1);
      expect(addresses[0] === null || addresses[0]?.endsWith('127.0.0.1')).toBe(true);
    });

    if (rawBody)
      it('requires both the secret and the hook to pass when both are set', async () => {
        const seen = capture();
        const url = await serve({
          ...seen.callbacks,
          provider: 'textrequest',
          secret: testSecrets.textrequest,
          verify: async (request) => basicAuth(request),
        });
        const signed = signTextRequest(body, testSecrets.textrequest);
        const both = await send(url, {
          body,
          headers: { ...signed, authorization: testSecrets.basicAuth },
        });
        const onlySecret = await send(url, { body, headers: signed });
        const onlyHook = await send(url, {
          body,
          headers: { ...signTextRequest(body, 'wrong-key'), authorization: testSecrets.basicAuth },
        });
        expect([both.status, onlySecret.status, onlyHook.status]).toEqual([200, 401, 401]);
        expect(seen.events).toHaveLength(1);
      });

    it('refuses with 401 when the hook returns anything but true', async () => {
      const url = await serve({ onEvent() {}, verify: () => 'yes' as unknown as boolean });
      expect((await send(url, { body })).status).toBe(401);
    });

    it('answers 500 without detail when the hook throws', async () => {
      const seen = capture();
      const url = await serve({
        ...seen.callbacks,
        verify() {
          throw new Error('allow-list file missing');
        },
      });
      const response = await send(url, { body });
      expect(response.status).toBe(500);
      expect(response.text).not.toContain('allow-list');
      expect(seen.events).toEqual([]);
    });
  });

  describe(`${host.name}: secrets`, () => {
    // Runs last in the file, over every response and report the tests above produced.
    it('never puts a secret in a response body or in what onError receives', () => {
      const secrets = Object.values(testSecrets);
      expect(receivedBodies.length).toBeGreaterThan(50);
      for (const text of receivedBodies) {
        for (const secret of secrets) expect(text).not.toContain(secret);
      }
      for (const { error, context } of reports) {
        const issues = isSmsWebhookError(error) ? JSON.stringify(error.issues) : '';
        const seen = `${String(error)} ${issues} ${JSON.stringify(context)}`;
        for (const secret of secrets) expect(seen).not.toContain(secret);
      }
    });
  });
}
