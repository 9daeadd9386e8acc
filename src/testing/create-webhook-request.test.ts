import { describe, expect, test } from 'vitest';
import { createFetchHandler } from '../adapters/fetch/index.js';
import type { SmsEvent } from '../events.js';
import { parseSmsWebhook } from '../parse.js';
import type { ProviderId } from '../providers/index.js';
import { createWebhookRequest } from './create-webhook-request.js';
import { fixtures } from './fixtures.js';
import { testingKits } from './registry.js';

// Every registered provider, through its own factory: a provider added to the registry is covered.
const cases = testingKits.map((kit) => {
  const createPayload = kit.createPayload as (kind: string) => object;
  return [kit.id, () => createPayload(kit.payloadKinds[0] ?? '')] as const;
});

describe('createWebhookRequest', () => {
  test.each(cases)(
    '%s: a handler that detects the provider accepts it with the same secret and refuses another',
    async (provider, createPayload) => {
      const events: SmsEvent[] = [];
      const handle = createFetchHandler({
        secret: 'shared-secret',
        onEvent: (e) => void events.push(e),
      });
      const payload = createPayload();
      const build = createWebhookRequest as (
        provider: ProviderId,
        options: { payload: object; secret: string },
      ) => Promise<Request>;
      expect(
        (await handle(await build(provider, { payload, secret: 'shared-secret' }))).status,
      ).toBe(200);
      expect(
        (await handle(await build(provider, { payload, secret: 'wrong-secret' }))).status,
      ).toBe(401);
      const [parsed] = parseSmsWebhook(payload, { provider });
      expect(events.map((event) => [event.provider, event.type])).toEqual([
        [provider, parsed?.type],
      ]);
    },
  );

  test('covers the three providers of this version, with the events their default payloads make', () => {
    const defaults = Object.fromEntries(
      cases.map(([provider, createPayload]) => [
        provider,
        parseSmsWebhook(createPayload())[0]?.type,
      ]),
    );
    expect(defaults).toMatchObject({
      telmetrics: 'conversation.started',
      textlink: 'message.received',
      textrequest: 'message.received',
    });
  });

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
