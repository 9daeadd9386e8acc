import { describe, expect, it } from 'vitest';
import received from '../../../fixtures/textlink/received.json' with { type: 'json' };
import type { SmsEvent } from '../../events.js';
import { textLinkProvider } from '../../providers/textlink/index.js';
import { createFetchHandler, createProviderFetchHandler } from './index.js';

const body = JSON.stringify({ ...received, secret: 'tl-secret' });

function post(payload: BodyInit | null, init: RequestInit = {}): Request {
  return new Request('https://app.example.com/api/sms', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: payload,
    ...init,
  });
}

describe('createFetchHandler', () => {
  it('turns a Request into a Response, as a Next.js App Router POST export', async () => {
    const events: SmsEvent[] = [];
    const POST = createFetchHandler({
      provider: 'textlink',
      kind: 'received',
      secret: 'tl-secret',
      onEvent: (event) => void events.push(event),
    });
    const response = await POST(post(body));
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ ok: true });
    expect(events.map((event) => [event.type, event.provider])).toEqual([
      ['message.received', 'textlink'],
    ]);
  });

  it('stops reading a streamed body past maxBodyBytes and cancels the stream', async () => {
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1024;
        controller.enqueue(new Uint8Array(1024).fill(0x20));
      },
      cancel() {
        cancelled = true;
      },
    });
    const handler = createFetchHandler({ onEvent() {}, maxBodyBytes: 8 * 1024 });
    const response = await handler(post(endless, { duplex: 'half' } as RequestInit));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ ok: false, error: { code: 'payload_too_large' } });
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(64 * 1024);
  });

  it('reads a body whose Content-Length is declared, as servers hand it over', async () => {
    const events: SmsEvent[] = [];
    const handler = createFetchHandler({
      provider: 'textlink',
      secret: 'tl-secret',
      onEvent: (event) => void events.push(event),
    });
    const length = String(new TextEncoder().encode(body).byteLength);
    const response = await handler(
      post(body, { headers: { 'content-type': 'application/json', 'content-length': length } }),
    );
    expect(response.status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it('answers 413 to a body past maxBodyBytes whose Content-Length understates it', async () => {
    const events: SmsEvent[] = [];
    const handler = createFetchHandler({
      onEvent: (event) => void events.push(event),
      maxBodyBytes: 1024,
    });
    const big = JSON.stringify({ ...received, secret: 'tl-secret', padding: 'x'.repeat(4096) });
    const response = await handler(
      post(big, { headers: { 'content-type': 'application/json', 'content-length': '100' } }),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ ok: false, error: { code: 'payload_too_large' } });
    expect(events).toEqual([]);
  });

  it('answers 500 raw_body_unavailable, saying what to pass instead, for a Request whose body was read', async () => {
    const request = post(body);
    await request.text();
    const handler = createFetchHandler({ onEvent() {} });
    const response = await handler(request);
    expect(response.status).toBe(500);
    const json = (await response.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe('raw_body_unavailable');
    expect(json.error.message).toContain('request.clone()');
  });

  it('answers 400 invalid_json to a POST without a body', async () => {
    const handler = createFetchHandler({ onEvent() {} });
    const response = await handler(post(null));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      ok: false,
      error: { code: 'invalid_json', issues: [{ path: '', message: 'body is not valid JSON' }] },
    });
  });

  it('answers 400 to a body stream that fails midway', async () => {
    const failing = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"phone_number":'));
        controller.error(new Error('connection reset'));
      },
    });
    const handler = createFetchHandler({ onEvent() {} });
    const response = await handler(post(failing, { duplex: 'half' } as RequestInit));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      ok: false,
      error: { code: 'invalid_json', issues: [{ path: '', message: 'body is incomplete' }] },
    });
  });

  it('answers 405 with Allow: POST to HEAD and OPTIONS', async () => {
    const handler = createFetchHandler({ onEvent() {} });
    for (const method of ['HEAD', 'OPTIONS']) {
      const response = await handler(new Request('https://app.example.com/api/sms', { method }));
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
    }
  });

  it('reads the url-token from the Request URL', async () => {
    const handler = createFetchHandler({
      provider: 'telmetrics',
      scheme: 'url-token',
      secret: 'tm-token',
      onEvent() {},
    });
    const { default: start } = await import(
      '../../../fixtures/telmetrics/sms-conversation-start.json',
      {
        with: { type: 'json' },
      }
    );
    const ok = await handler(
      new Request('https://app.example.com/api/sms?token=tm-token', {
        method: 'POST',
        body: JSON.stringify(start),
      }),
    );
    const refused = await handler(
      new Request('https://app.example.com/api/sms?token=nope', {
        method: 'POST',
        body: JSON.stringify(start),
      }),
    );
    expect([ok.status, refused.status]).toEqual([200, 401]);
  });

  it('throws a TypeError at creation for invalid options, not on the first request', () => {
    expect(() => createFetchHandler({ provider: 'nope' as 'textlink', onEvent() {} })).toThrow(
      TypeError,
    );
  });
});

describe('createProviderFetchHandler', () => {
  it('handles its provider as createFetchHandler does with `provider` set', async () => {
    const events: SmsEvent[] = [];
    const handler = createProviderFetchHandler(textLinkProvider, {
      kind: 'received',
      secret: 'tl-secret',
      onEvent: (event, context) => {
        expect(context.provider).toBe('textlink');
        events.push(event);
      },
    });
    const response = await handler(post(body));
    expect(response.status).toBe(200);
    expect(events.map((event) => [event.type, event.provider])).toEqual([
      ['message.received', 'textlink'],
    ]);
    const wrong = await handler(post(JSON.stringify({ ...received, secret: 'nope' })));
    expect(wrong.status).toBe(401);
  });

  it('refuses options for another provider when it is created', () => {
    expect(() =>
      createProviderFetchHandler(textLinkProvider, {
        kind: 'contact' as never,
        onEvent() {},
      }),
    ).toThrow(TypeError);
  });
});
