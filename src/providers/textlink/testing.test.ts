import { describe, expect, test } from 'vitest';
import { createFetchHandler } from '../../adapters/fetch/index.js';
import type { SmsEvent } from '../../events.js';
import { parseSmsWebhook } from '../../parse.js';
import { textLinkKinds } from './schema.js';
import { createTextLinkPayload, createTextLinkRequest } from './testing.js';

const eventTypes = {
  received: 'message.received',
  sent: 'message.sent',
  failed: 'message.failed',
  tag_changed: 'contact.tag_changed',
} as const;

function receiver(secret: string): {
  handle: (request: Request) => Promise<Response>;
  events: SmsEvent[];
} {
  const events: SmsEvent[] = [];
  const handle = createFetchHandler({
    provider: 'textlink',
    secret,
    onEvent: (event) => {
      events.push(event);
    },
  });
  return { handle, events };
}

describe('createTextLinkPayload', () => {
  test.each(textLinkKinds)('%s: the default parses, with the kind given or inferred', (kind) => {
    const payload = createTextLinkPayload(kind);
    const [given] = parseSmsWebhook(payload, { provider: 'textlink', kind });
    const [inferred] = parseSmsWebhook(payload);
    expect(given?.type).toBe(eventTypes[kind]);
    expect(inferred?.type).toBe(eventTypes[kind]);
    expect(Object.hasOwn(payload, 'secret')).toBe(false);
  });

  test.each(textLinkKinds)('%s: two calls are two events', (kind) => {
    const [first] = parseSmsWebhook(createTextLinkPayload(kind), { provider: 'textlink', kind });
    const [second] = parseSmsWebhook(createTextLinkPayload(kind), { provider: 'textlink', kind });
    expect(first?.idempotencyKey).not.toBe(second?.idempotencyKey);
  });

  test('two calls with the same overridden timestamp are one event', () => {
    const first = createTextLinkPayload('received', { timestamp: 1748455363370 });
    const second = createTextLinkPayload('received', { timestamp: 1748455363370 });
    expect(parseSmsWebhook(first)[0]?.idempotencyKey).toBe(
      parseSmsWebhook(second)[0]?.idempotencyKey,
    );
  });

  test('applies overrides and removes fields overridden with undefined', () => {
    const payload = createTextLinkPayload('received', { text: 'STOP', tag: undefined });
    expect(payload.text).toBe('STOP');
    expect(Object.hasOwn(payload, 'tag')).toBe(false);
    const [event] = parseSmsWebhook(payload, { provider: 'textlink', kind: 'received' });
    expect(event?.type === 'message.received' && event.intent).toBe('opt_out');
  });

  test('rejects an unknown kind', () => {
    expect(() => createTextLinkPayload('delivered' as 'sent')).toThrow(TypeError);
  });
});

describe('createTextLinkRequest', () => {
  test('is accepted by a handler with the same secret', async () => {
    const payload = createTextLinkPayload('received', { text: 'Hello' });
    const { handle, events } = receiver('test-secret');
    const response = await handle(await createTextLinkRequest({ payload, secret: 'test-secret' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(events).toHaveLength(1);
    expect(events[0]?.type === 'message.received' && events[0].text).toBe('Hello');
  });

  test('is refused with 401 by a handler with another secret, and without a secret', async () => {
    const payload = createTextLinkPayload('sent');
    const { handle, events } = receiver('test-secret');
    const wrong = await handle(await createTextLinkRequest({ payload, secret: 'other-secret' }));
    const unsigned = await handle(await createTextLinkRequest({ payload }));
    expect(wrong.status).toBe(401);
    expect(unsigned.status).toBe(401);
    expect(events).toHaveLength(0);
  });

  test('writes the secret as the first field of a JSON POST and replaces one the payload had', async () => {
    const payload = { ...createTextLinkPayload('failed'), secret: 'stale' };
    const request = await createTextLinkRequest({
      payload,
      secret: 'test-secret',
      url: 'http://127.0.0.1/hooks/textlink',
    });
    expect(request.method).toBe('POST');
    expect(request.url).toBe('http://127.0.0.1/hooks/textlink');
    expect(request.headers.get('content-type')).toBe('application/json');
    const body = await request.json();
    expect(Object.keys(body)[0]).toBe('secret');
    expect(body).toEqual({ ...payload, secret: 'test-secret' });
  });

  test('sends a string payload byte for byte, and refuses to add a secret to it', async () => {
    const request = await createTextLinkRequest({ payload: '{"phone_number": 5}' });
    expect(await request.text()).toBe('{"phone_number": 5}');
    expect(request.url).toBe('http://localhost/webhooks/textlink');
    await expect(createTextLinkRequest({ payload: '{}', secret: 's' })).rejects.toThrow(TypeError);
  });
});
