import { describe, expect, it } from 'vitest';
import conversationStart from '../../../fixtures/telmetrics/sms-conversation-start.json' with {
  type: 'json',
};
import received from '../../../fixtures/textlink/received.json' with { type: 'json' };
import messageReceived from '../../../fixtures/textrequest/message-received.json' with {
  type: 'json',
};
import { isSmsWebhookError, type SmsWebhookError } from '../../errors/SmsWebhookError.js';
import { signTelmetricsBody } from '../../providers/telmetrics/testing.js';
import {
  createTextRequestRequest,
  signTextRequestBody,
} from '../../providers/textrequest/testing.js';
import { createFetchHandler } from '../fetch/index.js';
import { verifyAndParseSmsWebhook } from './verify-and-parse.js';

const API_KEY = 'tr-api-key-5b7d';
const body = JSON.stringify(messageReceived);

async function refusal(promise: Promise<unknown>): Promise<SmsWebhookError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isSmsWebhookError(error))
    throw new Error(`expected an SmsWebhookError, got ${String(error)}`);
  return error;
}

describe('verifyAndParseSmsWebhook', () => {
  it('verifies a signed Web Request and returns its events', async () => {
    const request = await createTextRequestRequest({ payload: body, apiKey: API_KEY });
    const events = await verifyAndParseSmsWebhook(request, {
      provider: 'textrequest',
      secret: API_KEY,
    });
    expect(events.map((event) => [event.type, event.provider, event.idempotencyKey])).toEqual([
      ['message.received', 'textrequest', expect.stringMatching(/^textrequest:/)],
    ]);
  });

  it('takes the raw body with Node-style headers, as Fastify and NestJS give them', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = await signTextRequestBody({ body, apiKey: API_KEY, timestamp });
    const events = await verifyAndParseSmsWebhook(
      {
        body: Buffer.from(body),
        headers: {
          'Content-Type': 'application/json',
          'x-tr-webhook-signature': signature,
          'x-tr-webhook-timestamp': [String(timestamp)],
          'x-forwarded-for': undefined,
        },
        method: 'post',
        url: '/hooks/textrequest',
      },
      { secret: API_KEY },
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.provider).toBe('textrequest');
  });

  it('reads the URL for Telmetrics’ url-token scheme, and a string body', async () => {
    const [event] = await verifyAndParseSmsWebhook(
      {
        body: JSON.stringify(conversationStart),
        headers: {},
        url: '/hooks/telmetrics?token=tm-token-19',
      },
      { provider: 'telmetrics', scheme: 'url-token', secret: 'tm-token-19' },
    );
    expect(event?.type).toBe('conversation.started');
    const wrong = await refusal(
      verifyAndParseSmsWebhook(
        { body: JSON.stringify(conversationStart), headers: {}, url: '/hooks/telmetrics?token=x' },
        { provider: 'telmetrics', scheme: 'url-token', secret: 'tm-token-19' },
      ),
    );
    expect(wrong.code).toBe('unauthorized');
  });

  it('accepts a parsed body where the check does not sign bytes (TextLink’s body secret)', async () => {
    const events = await verifyAndParseSmsWebhook(
      { body: { ...received, secret: 'tl-secret' }, headers: {} },
      { provider: 'textlink', kind: 'received', secret: 'tl-secret' },
    );
    expect(events.map((event) => event.type)).toEqual(['message.received']);
    expect(events[0]?.raw).not.toHaveProperty('secret');
  });

  it('throws one SmsWebhookError with the code the handlers answer with', async () => {
    const forgedRequest = await createTextRequestRequest({ payload: body, apiKey: 'wrong-key' });
    const signature = await signTelmetricsBody({ body: '{"Id":1}', secret: 'k' });
    const cases: [() => Promise<unknown>, string][] = [
      [() => verifyAndParseSmsWebhook(forgedRequest.clone(), { secret: API_KEY }), 'unauthorized'],
      [() => verifyAndParseSmsWebhook({ body: '{"Id":', headers: {} }, {}), 'invalid_json'],
      [() => verifyAndParseSmsWebhook({ body: '{"a":1}', headers: {} }, {}), 'unknown_provider'],
      [
        () =>
          verifyAndParseSmsWebhook(
            { body: '{"Id":1}', headers: { 'ms-signature': signature } },
            { provider: 'telmetrics', secret: 'k' },
          ),
        'invalid_payload',
      ],
      [
        () => verifyAndParseSmsWebhook({ body, headers: {}, method: 'GET' }, {}),
        'method_not_allowed',
      ],
      [
        () => verifyAndParseSmsWebhook({ body, headers: {} }, { maxBodyBytes: 64 }),
        'payload_too_large',
      ],
      [
        () =>
          verifyAndParseSmsWebhook(
            { body: messageReceived, headers: {} },
            { provider: 'textrequest', secret: API_KEY },
          ),
        'raw_body_unavailable',
      ],
    ];
    for (const [call, code] of cases) {
      const error = await refusal(call());
      expect(error.code).toBe(code);
      expect(error.message).not.toContain(API_KEY);
    }
    // The same requests through a handler are answered with these codes.
    const handler = createFetchHandler({ secret: API_KEY, onEvent() {} });
    const forged = await handler(
      await createTextRequestRequest({ payload: body, apiKey: 'wrong-key' }),
    );
    expect(forged.status).toBe(401);
  });

  it('names the failing fields of an invalid payload', async () => {
    const error = await refusal(
      verifyAndParseSmsWebhook(
        { body: JSON.stringify({ ...messageReceived, conversation: 'x' }), headers: {} },
        { provider: 'textrequest' },
      ),
    );
    expect(error.code).toBe('invalid_payload');
    expect(error.issues.map((issue) => issue.path)).toEqual(['conversation']);
  });

  it('rethrows what your own secret resolver or verify function threw', async () => {
    const mine = new Error('tenant store down');
    await expect(
      verifyAndParseSmsWebhook(
        { body, headers: {} },
        {
          secret: () => {
            throw mine;
          },
        },
      ),
    ).rejects.toBe(mine);
    await expect(
      verifyAndParseSmsWebhook({ body, headers: {} }, { verify: () => Promise.reject(mine) }),
    ).rejects.toBe(mine);
  });

  it('throws a TypeError for invalid options, before reading anything', async () => {
    await expect(
      verifyAndParseSmsWebhook({ body, headers: {} }, { provider: 'twilio' as never }),
    ).rejects.toThrow(/Unknown provider "twilio"/);
    await expect(verifyAndParseSmsWebhook(42 as never, {})).rejects.toThrow(TypeError);
  });
});
