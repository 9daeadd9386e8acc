import { describe, expectTypeOf, it } from 'vitest';
import {
  createTextRequestClient,
  type TextRequestApiError,
  type TextRequestApiErrorCode,
  type TextRequestClient,
  type TextRequestHook,
  type TextRequestHookEvent,
  type TextRequestHookPage,
  type TextRequestHookVerb,
} from '../index.js';

const client = createTextRequestClient({ apiKey: 'key' });

describe('createTextRequestClient types', () => {
  it('returns the client, from the sms-webhooks/textrequest entry', () => {
    expectTypeOf(client).toEqualTypeOf<TextRequestClient>();
    // @ts-expect-error the key is required
    createTextRequestClient({ baseUrl: 'https://api.textrequest.com/api/v3' });
  });

  it('types pages, hooks and the iterator over all pages', async () => {
    expectTypeOf(client.listHooks(121)).resolves.toEqualTypeOf<TextRequestHookPage>();
    expectTypeOf<TextRequestHookPage['items']>().toEqualTypeOf<readonly TextRequestHook[]>();
    for await (const hook of client.allHooks(121)) {
      expectTypeOf(hook).toEqualTypeOf<TextRequestHook>();
      expectTypeOf(hook.id).toEqualTypeOf<number>();
      expectTypeOf(hook.isUserDefined).toEqualTypeOf<boolean | null>();
    }
    expectTypeOf(client.deleteHook(121, 1414)).resolves.toEqualTypeOf<void>();
  });

  it('offers the known events and verbs, and keeps newer names the API returns', () => {
    expectTypeOf<'msg_received'>().toExtend<TextRequestHookEvent>();
    expectTypeOf<TextRequestHookVerb>().toEqualTypeOf<'POST' | 'PUT' | 'DELETE'>();
    expectTypeOf<'msg_received'>().toExtend<TextRequestHook['event']>();
    expectTypeOf<'something_new'>().toExtend<TextRequestHook['event']>();
    expectTypeOf(client.listEventTypes()).resolves.items.toBeString();
  });

  it('refuses GET as a hook verb', () => {
    void client.addHook(121, {
      event: 'msg_sent',
      targetUrl: 'https://x.example/',
      httpVerb: 'PUT',
    });
    void client.addHook(121, {
      event: 'msg_sent',
      targetUrl: 'https://x.example/',
      // @ts-expect-error a hook cannot be called with GET
      httpVerb: 'GET',
    });
    // @ts-expect-error the target URL is required
    void client.addHook(121, { event: 'msg_sent' });
  });

  it('types the error', () => {
    expectTypeOf<TextRequestApiError['status']>().toEqualTypeOf<number | null>();
    expectTypeOf<TextRequestApiError['apiMessage']>().toEqualTypeOf<string | null>();
    expectTypeOf<TextRequestApiError['code']>().toEqualTypeOf<TextRequestApiErrorCode>();
  });
});
