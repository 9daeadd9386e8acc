import { describe, expect, test } from 'vitest';
import { createFetchHandler } from '../adapters/fetch/index.js';
import type { SmsEvent } from '../events.js';
import type { ProviderId } from '../providers/index.js';
import { createTelmetricsPayload } from '../providers/telmetrics/testing.js';
import { createTextLinkPayload } from '../providers/textlink/testing.js';
import { createTextRequestPayload } from '../providers/textrequest/testing.js';
import { createWebhookRequest } from './create-webhook-request.js';
import { fixtures } from './fixtures.js';

function build(provider: ProviderId, secret: string): Promise<Request> {
  switch (provider) {
    case 'telmetrics':
      return createWebhookRequest('telmetrics', {
        payload: createTelmetricsPayload('sms_conversation_start'),
        secret,
      });
    case 'textlink':
      return createWebhookRequest('textlink', { payload: createTextLinkPayload('sent'), secret });
    case 'textrequest':
      return createWebhookRequest('textrequest', {
        payload: createTextRequestPayload('message_received'),
        secret,
      });
  }
}

const expected = {
  telmetrics: 'conversation.started',
  textlink: 'message.sent',
  textrequest: 'message.received',
} as const;

describe('createWebhookRequest', () => {
  test.each(Object.keys(expected) as ProviderId[])(
    '%s: a handler that detects the provider accepts it with the same secret and refuses another',
    async (provider) => {
      const events: SmsEvent[] = [];
      const handle = createFetchHandler({
        secret: 'shared-secret',
        onEvent: (e) => void events.push(e),
      });
      expect((await handle(await build(provider, 'shared-secret'))).status).toBe(200);
      expect((await handle(await build(provider, 'wrong-secret'))).status).toBe(401);
      expect(events.map((event) => [event.provider, event.type])).toEqual([
        [provider, expected[provider]],
      ]);
    },
  );

  test('passes the provider’s own options on (Telmetrics url-token)', async () => {
    const request = await createWebhookRequest('telmetrics', {
      payload: fixtures.telmetrics.smsConversationStart,
      secret: 'token-value',
      scheme: 'url-token',
    });
    expect(new URL(request.url).searchParams.get('token')).toBe('token-value');
  });

  test('rejects a provider this version does not support', async () => {
    await expect(createWebhookRequest('twilio' as 'textlink', { payload: '{}' })).rejects.toThrow(
      TypeError,
    );
  });
});
