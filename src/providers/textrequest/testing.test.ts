import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { createFetchHandler } from '../../adapters/fetch/index.js';
import type { SmsEvent } from '../../events.js';
import { parseSmsWebhook } from '../../parse.js';
import {
  createTextRequestPayload,
  createTextRequestRequest,
  signTextRequestBody,
  textRequestPayloadKinds,
} from './testing.js';

const eventTypes = {
  message_received: 'message.received',
  message_sent: 'message.sent',
  contact_created: 'contact.created',
  contact_updated: 'contact.updated',
  message_status_updated: 'message.status',
  location_received: 'location.received',
  payment_status_updated: 'payment.updated',
} as const;

function receiver(apiKey: string): {
  handle: (request: Request) => Promise<Response>;
  events: SmsEvent[];
} {
  const events: SmsEvent[] = [];
  const handle = createFetchHandler({
    provider: 'textrequest',
    secret: apiKey,
    onEvent: (event) => {
      events.push(event);
    },
  });
  return { handle, events };
}

describe('createTextRequestPayload', () => {
  test.each(textRequestPayloadKinds)('%s: the default parses to its event', (kind) => {
    const events = parseSmsWebhook(createTextRequestPayload(kind));
    expect(events.map((event) => [event.provider, event.type])).toEqual([
      ['textrequest', eventTypes[kind]],
    ]);
  });

  test.each(textRequestPayloadKinds)('%s: two calls are two events', (kind) => {
    const [first] = parseSmsWebhook(createTextRequestPayload(kind));
    const [second] = parseSmsWebhook(createTextRequestPayload(kind));
    expect(first?.idempotencyKey).not.toBe(second?.idempotencyKey);
  });

  test('dates a message now, with the 7 fractional digits Text Request writes', () => {
    const before = Date.now();
    const { conversation } = createTextRequestPayload('message_sent');
    expect(conversation.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
    expect(Date.parse(conversation.date)).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(conversation.date)).toBeLessThanOrEqual(Date.now() + 1000);
  });

  test('merges a partial conversation into the default one', () => {
    const payload = createTextRequestPayload('message_received', {
      messageUniqueIdentifier: 'msg-1',
      conversation: { message: 'stop', consumerPhoneNumber: '4165550123' },
    });
    expect(payload.conversation.messageDirection).toBe('R');
    expect(payload.conversation.consumerFriendlyName).toBe('Check');
    const [event] = parseSmsWebhook(payload);
    expect(event).toMatchObject({
      type: 'message.received',
      from: '+14165550123',
      text: 'stop',
      intent: 'opt_out',
      messageId: 'msg-1',
      idempotencyKey: 'textrequest:message:msg-1',
    });
  });

  test('makes the v3 bodies a texting product handles: failures, opt-outs, locations, payments', () => {
    const [failed] = parseSmsWebhook(
      createTextRequestPayload('message_status_updated', { status: 'undelivered' }),
    );
    expect(failed).toMatchObject({ type: 'message.failed', status: 'undelivered' });
    const [optedOut] = parseSmsWebhook(
      createTextRequestPayload('contact_updated', {
        phone_number: '4165550123',
        opted_out_utc: '2026-11-30T14:03:27Z',
      }),
    );
    expect(optedOut).toMatchObject({
      type: 'contact.updated',
      optedOut: true,
      optedOutAt: '2026-11-30T14:03:27.000Z',
      contact: { phoneNumber: '+14165550123', name: 'John Smith' },
    });
    const [location] = parseSmsWebhook(createTextRequestPayload('location_received'));
    expect(location).toMatchObject({ latitude: 38.8976763, longitude: -77.0365298 });
    const [paid] = parseSmsWebhook(
      createTextRequestPayload('payment_status_updated', { status: 'Paid', payment_id: 7 }),
    );
    expect(paid).toMatchObject({ paymentId: '7', status: 'paid', providerStatus: 'Paid' });
  });

  test('keeps an overridden id, so redeliveries can be simulated', () => {
    const first = createTextRequestPayload('contact_created', { ContactId: 3998552 });
    const second = createTextRequestPayload('contact_created', { ContactId: 3998552 });
    expect(parseSmsWebhook(first)[0]?.idempotencyKey).toBe(
      parseSmsWebhook(second)[0]?.idempotencyKey,
    );
  });
});

describe('signTextRequestBody', () => {
  test('equals Base64 HMAC-SHA256 of "{timestamp}.{body}" as node:crypto computes it', async () => {
    const body = JSON.stringify(createTextRequestPayload('message_received'));
    const expected = createHmac('sha256', 'test-api-key')
      .update(`1619448468.${body}`)
      .digest('base64');
    expect(await signTextRequestBody({ body, apiKey: 'test-api-key', timestamp: 1619448468 })).toBe(
      expected,
    );
    expect(
      await signTextRequestBody({
        body: new TextEncoder().encode(body),
        apiKey: 'test-api-key',
        timestamp: '1619448468',
      }),
    ).toBe(expected);
  });

  test('signs non-ASCII bodies over their UTF-8 bytes', async () => {
    const body = '{"message":"Café ☕ 👋"}';
    const expected = createHmac('sha256', 'ключ').update(`1.${body}`, 'utf8').digest('base64');
    expect(await signTextRequestBody({ body, apiKey: 'ключ', timestamp: 1 })).toBe(expected);
  });
});

describe('createTextRequestRequest', () => {
  test('is accepted by a handler with the same API key', async () => {
    const payload = createTextRequestPayload('message_received', {
      conversation: { message: 'Hi' },
    });
    const { handle, events } = receiver('test-api-key');
    const response = await handle(
      await createTextRequestRequest({ payload, apiKey: 'test-api-key' }),
    );
    expect(response.status).toBe(200);
    expect(events.map((event) => event.type)).toEqual(['message.received']);
    expect(events[0]?.raw).toEqual(payload);
  });

  test('is refused with 401 by a handler with another API key', async () => {
    const { handle, events } = receiver('test-api-key');
    const request = await createTextRequestRequest({
      payload: createTextRequestPayload('contact_created'),
      apiKey: 'another-key',
    });
    expect((await handle(request)).status).toBe(401);
    expect(events).toHaveLength(0);
  });

  test('signs the exact bytes with the timestamp it sends', async () => {
    const body = '{ "ContactId": 1, "LocationPhoneNumber": "14239309346" }';
    const request = await createTextRequestRequest({
      payload: body,
      apiKey: 'test-api-key',
      timestamp: 1619448468,
      url: 'http://127.0.0.1/hooks/tr',
    });
    expect(request.url).toBe('http://127.0.0.1/hooks/tr');
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(request.headers.get('x-tr-webhook-timestamp')).toBe('1619448468');
    expect(request.headers.get('x-tr-webhook-signature')).toBe(
      createHmac('sha256', 'test-api-key').update(`1619448468.${body}`).digest('base64'),
    );
    expect(await request.text()).toBe(body);
  });

  test('signs with the current time by default, and an old timestamp is refused', async () => {
    const now = Math.floor(Date.now() / 1000);
    const payload = createTextRequestPayload('message_sent');
    const fresh = await createTextRequestRequest({ payload, apiKey: 'test-api-key' });
    expect(Math.abs(Number(fresh.headers.get('x-tr-webhook-timestamp')) - now)).toBeLessThanOrEqual(
      1,
    );
    const stale = await createTextRequestRequest({
      payload,
      apiKey: 'test-api-key',
      timestamp: new Date(Date.now() - 10 * 60 * 1000),
    });
    const { handle } = receiver('test-api-key');
    expect((await handle(stale)).status).toBe(401);
  });

  test('refuses a timestamp in milliseconds or with a fraction', async () => {
    const payload = createTextRequestPayload('message_sent');
    await expect(
      createTextRequestRequest({ payload, apiKey: 'k', timestamp: Date.now() }),
    ).rejects.toThrow(RangeError);
    await expect(
      createTextRequestRequest({ payload, apiKey: 'k', timestamp: 1.5 }),
    ).rejects.toThrow(RangeError);
  });
});
