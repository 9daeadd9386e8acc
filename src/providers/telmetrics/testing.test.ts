import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { createFetchHandler } from '../../adapters/fetch/index.js';
import type { SmsEvent } from '../../events.js';
import { parseSmsWebhook } from '../../parse.js';
import { createTelmetricsPayload, createTelmetricsRequest, signTelmetricsBody } from './testing.js';

function receiver(
  secret: string,
  scheme?: 'ms-signature' | 'url-token',
): { handle: (request: Request) => Promise<Response>; events: SmsEvent[] } {
  const events: SmsEvent[] = [];
  const handle = createFetchHandler({
    provider: 'telmetrics',
    secret,
    scheme,
    onEvent: (event) => {
      events.push(event);
    },
  });
  return { handle, events };
}

describe('createTelmetricsPayload', () => {
  test('the default parses to one conversation.started event', () => {
    const events = parseSmsWebhook(createTelmetricsPayload('sms_conversation_start'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'conversation.started',
      provider: 'telmetrics',
      from: '+19055802958',
      to: '+12242455621',
      attribution: { campaign: 'summersale', term: 'new cars', rule: 'Google Paid' },
    });
  });

  test('two calls are two events, with fresh ids and the current time', () => {
    const before = Date.now();
    const first = createTelmetricsPayload('sms_conversation_start');
    const second = createTelmetricsPayload('sms_conversation_start');
    expect(first.Id).toMatch(/^[0-9a-f]{32}$/);
    expect(first.Id).not.toBe(second.Id);
    expect(first.Properties.RequestId).not.toBe(second.Properties.RequestId);
    expect(first.Notifications[0].ConversationId).not.toBe(second.Notifications[0].ConversationId);
    expect(parseSmsWebhook(first)[0]?.idempotencyKey).not.toBe(
      parseSmsWebhook(second)[0]?.idempotencyKey,
    );
    const occurredAt = Date.parse(parseSmsWebhook(first)[0]?.occurredAt ?? '');
    expect(occurredAt).toBeGreaterThanOrEqual(before - 1);
    expect(occurredAt).toBeLessThanOrEqual(Date.now() + 1000);
  });

  test('merges notification and envelope overrides, AttributionDetails field by field', () => {
    const payload = createTelmetricsPayload('sms_conversation_start', {
      notification: {
        TexterNumber: '4165550123',
        AttributionDetails: { utm_campaign: 'spring%20sale' },
      },
      envelope: { Id: 'f'.repeat(32), Attempt: 3, Properties: { Scenario: 'TEST' } },
    });
    expect(payload.Attempt).toBe(3);
    expect(payload.Properties.Scenario).toBe('TEST');
    expect(payload.Properties.Organization).toBe('4062');
    expect(payload.Notifications[0].AttributionDetails.utm_source).toBe('google');
    const [event] = parseSmsWebhook(payload);
    expect(event).toMatchObject({
      idempotencyKey: `telmetrics:${'f'.repeat(32)}:0`,
      from: '+14165550123',
      attribution: { campaign: 'spring sale', source: 'google' },
    });
  });

  test('a redelivery (same Id, higher Attempt) is the same event', () => {
    const first = createTelmetricsPayload('sms_conversation_start', {
      envelope: { Id: 'a'.repeat(32) },
    });
    const retry = createTelmetricsPayload('sms_conversation_start', {
      envelope: { Id: 'a'.repeat(32), Attempt: 2 },
    });
    expect(parseSmsWebhook(first)[0]?.idempotencyKey).toBe(
      parseSmsWebhook(retry)[0]?.idempotencyKey,
    );
  });

  test('rejects an unknown kind', () => {
    expect(() => createTelmetricsPayload('call_start' as 'sms_conversation_start')).toThrow(
      TypeError,
    );
  });
});

describe('signTelmetricsBody', () => {
  test('equals sha256= and the hex HMAC-SHA256 of the body as node:crypto computes it', async () => {
    const body = JSON.stringify(createTelmetricsPayload('sms_conversation_start'));
    const expected = `sha256=${createHmac('sha256', 'test-secret').update(body).digest('hex')}`;
    expect(await signTelmetricsBody({ body, secret: 'test-secret' })).toBe(expected);
    expect(
      await signTelmetricsBody({ body: new TextEncoder().encode(body), secret: 'test-secret' }),
    ).toBe(expected);
  });
});

describe('createTelmetricsRequest', () => {
  test('ms-signature (default): accepted with the same secret, 401 with another', async () => {
    const payload = createTelmetricsPayload('sms_conversation_start');
    const { handle, events } = receiver('test-secret');
    const signed = await createTelmetricsRequest({ payload, secret: 'test-secret' });
    expect(signed.headers.get('ms-signature')).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect((await handle(signed)).status).toBe(200);
    expect(events.map((event) => event.type)).toEqual(['conversation.started']);
    const wrong = await createTelmetricsRequest({ payload, secret: 'other-secret' });
    expect((await handle(wrong)).status).toBe(401);
    expect((await handle(await createTelmetricsRequest({ payload }))).status).toBe(401);
    expect(events).toHaveLength(1);
  });

  test('url-token: the secret travels as ?token= and is accepted by that scheme', async () => {
    const payload = createTelmetricsPayload('sms_conversation_start');
    const request = await createTelmetricsRequest({
      payload,
      secret: 'url secret&more',
      scheme: 'url-token',
      url: 'http://127.0.0.1/hooks/telmetrics?tenant=7',
    });
    const url = new URL(request.url);
    expect(url.searchParams.get('token')).toBe('url secret&more');
    expect(url.searchParams.get('tenant')).toBe('7');
    expect(request.headers.get('ms-signature')).toBeNull();
    expect((await receiver('url secret&more', 'url-token').handle(request)).status).toBe(200);
    const wrong = await createTelmetricsRequest({ payload, secret: 'nope', scheme: 'url-token' });
    expect((await receiver('url secret&more', 'url-token').handle(wrong)).status).toBe(401);
  });

  test('sends a string body byte for byte and signs those bytes', async () => {
    const body = '{"Id":"x","Notifications":[]}';
    const request = await createTelmetricsRequest({ payload: body, secret: 's' });
    expect(await request.text()).toBe(body);
    expect(request.url).toBe('http://localhost/webhooks/telmetrics');
    expect(request.headers.get('ms-signature')).toBe(
      `sha256=${createHmac('sha256', 's').update(body).digest('hex')}`,
    );
  });
});
