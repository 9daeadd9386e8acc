import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeHandler } from '../../src/adapters/node/index.js';
import { fixtureText } from '../support/fixtures.js';
import { send } from '../support/http.js';
import { startServer, type TestServer } from '../support/server.js';
import { describeWebhookHost } from '../support/webhook-host-suite.js';

describeWebhookHost({
  name: 'node:http',
  bodyParser: 'none',
  start: (options) => startServer(createNodeHandler(options)),
});

describe('node:http: handler edges', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('routes each event to its `on` handler, then onEvent, over real HTTP', async () => {
    const calls: string[] = [];
    const server = await startServer(
      createNodeHandler({
        provider: 'textrequest',
        on: {
          'message.sent': (event, context) =>
            void calls.push(`sent ${event.to} via ${new URL(context.request.url).pathname}`),
        },
        onUnhandled: (event) => void calls.push(`unhandled ${event.type}`),
        onEvent: (event) => void calls.push(`any ${event.type}`),
      }),
    );
    servers.push(server);
    const sent = await send(`${server.origin}/hooks/tr`, {
      body: fixtureText('textrequest/message-sent'),
    });
    const contact = await send(`${server.origin}/hooks/tr`, {
      body: fixtureText('textrequest/contact-created'),
    });
    expect([sent.status, contact.status]).toEqual([200, 200]);
    expect(calls).toEqual([
      'sent +14232074721 via /hooks/tr',
      'any message.sent',
      'unhandled contact.created',
      'any contact.created',
    ]);
  });

  it('answers 413 to a declared Content-Length at once, before any body byte is sent, and closes the connection', async () => {
    let eventCalls = 0;
    const server = await startServer(createNodeHandler({ onEvent: () => void eventCalls++ }));
    servers.push(server);
    const { status, connection, body } = await new Promise<{
      status: number | undefined;
      connection: string | undefined;
      body: string;
    }>((resolve, reject) => {
      const req = httpRequest(`${server.origin}/hooks`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(500 * 1024 * 1024),
        },
      });
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => {
          resolve({ status: res.statusCode, connection: res.headers.connection, body: text });
          req.destroy();
        });
      });
      req.on('error', reject);
      // Headers only: the announced 500 MiB are never sent.
      req.flushHeaders();
    });
    expect(status).toBe(413);
    expect(connection).toBe('close');
    expect(JSON.parse(body)).toEqual({ ok: false, error: { code: 'payload_too_large' } });
    expect(eventCalls).toBe(0);
  });

  it('keeps the connection open after a normal answer', async () => {
    const server = await startServer(createNodeHandler({ onEvent() {} }));
    servers.push(server);
    const response = await send(`${server.origin}/hooks`, { body: fixtureText('textlink/sent') });
    expect(response.status).toBe(200);
    expect(response.headers.get('connection')).not.toBe('close');
  });

  it('calls next with an error, instead of throwing, when the response was already started', async () => {
    const passed: unknown[] = [];
    const handler = createNodeHandler({ onEvent() {} });
    const server = await startServer((req, res) => {
      res.writeHead(202, { 'content-type': 'text/plain' });
      void handler(req, res, (error) => {
        passed.push(error);
        res.end('started elsewhere');
      });
    });
    servers.push(server);
    const response = await send(`${server.origin}/hooks`, { body: fixtureText('textlink/sent') });
    expect(response.status).toBe(202);
    expect(response.text).toBe('started elsewhere');
    expect(passed).toHaveLength(1);
    expect(passed[0]).toBeInstanceOf(Error);
  });

  it('reads a body someone paused before the handler ran', async () => {
    const events: string[] = [];
    const handler = createNodeHandler({ onEvent: (event) => void events.push(event.type) });
    const server = await startServer((req, res) => {
      req.pause();
      setTimeout(() => void handler(req, res), 20);
    });
    servers.push(server);
    const response = await send(`${server.origin}/hooks`, {
      body: fixtureText('textrequest/contact-created'),
    });
    expect(response.status).toBe(200);
    expect(events).toEqual(['contact.created']);
  });

  it('takes the raw bytes a framework kept in req.rawBody, so signatures still verify', async () => {
    const body = fixtureText('telmetrics/sms-conversation-start');
    const { signTelmetrics } = await import('../support/sign.js');
    const events: string[] = [];
    const handler = createNodeHandler({
      provider: 'telmetrics',
      secret: 'raw-body-secret',
      onEvent: (event) => void events.push(event.type),
    });
    const server = await startServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        Object.assign(req, { rawBody: raw, body: JSON.parse(raw.toString('utf8')) });
        void handler(req, res);
      });
    });
    servers.push(server);
    const response = await send(`${server.origin}/hooks`, {
      body,
      headers: signTelmetrics(body, 'raw-body-secret'),
    });
    expect(response.status).toBe(200);
    expect(events).toEqual(['conversation.started']);
  });

  it('answers 500 raw_body_unavailable when the stream was read and nothing kept the body', async () => {
    const handler = createNodeHandler({ onEvent() {} });
    const server = await startServer((req, res) => {
      req.resume();
      req.on('end', () => void handler(req, res));
    });
    servers.push(server);
    const response = await send(`${server.origin}/hooks`, { body: fixtureText('textlink/sent') });
    expect(response.status).toBe(500);
    expect(response.json).toMatchObject({ ok: false, error: { code: 'raw_body_unavailable' } });
  });

  it('does not let a Host header smuggle a url-token into the URL it verifies', async () => {
    const handler = createNodeHandler({
      provider: 'telmetrics',
      scheme: 'url-token',
      secret: 'tm-token',
      onEvent() {},
    });
    const server = await startServer(handler);
    servers.push(server);
    const body = fixtureText('telmetrics/sms-conversation-start');
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = httpRequest(`${server.origin}/hooks`, {
        method: 'POST',
        headers: { host: 'example.com/x?token=tm-token#', 'content-type': 'application/json' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end(body);
    });
    expect(status).toBe(401);
  });

  it('verifies a string body a framework decoded (Next.js Pages Router text parsing) as its UTF-8 bytes', async () => {
    const { signTextRequest } = await import('../support/sign.js');
    const body = fixtureText('textrequest/message-received').replace('outbound', 'outbound ✓');
    const handler = createNodeHandler({ provider: 'textrequest', secret: 'tr-key', onEvent() {} });
    const server = await startServer((req, res) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        text += chunk;
      });
      req.on('end', () => {
        Object.assign(req, { body: text });
        void handler(req, res);
      });
    });
    servers.push(server);
    const response = await send(`${server.origin}/hooks`, {
      body,
      headers: signTextRequest(body, 'tr-key'),
    });
    expect(response.status).toBe(200);
  });
});
