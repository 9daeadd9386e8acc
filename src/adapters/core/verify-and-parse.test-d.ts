import { describe, expectTypeOf, it } from 'vitest';
import type { SmsEvent, SmsEventOf } from '../../events.js';
import { verifyAndParseSmsWebhook } from './verify-and-parse.js';

describe('verifyAndParseSmsWebhook types', () => {
  it('returns the configured provider’s events, or every event when it is detected', () => {
    const request = new Request('http://localhost/', { method: 'POST', body: '{}' });
    expectTypeOf(verifyAndParseSmsWebhook(request, { provider: 'textlink' })).toEqualTypeOf<
      Promise<SmsEventOf<'textlink'>[]>
    >();
    expectTypeOf(verifyAndParseSmsWebhook({ body: '{}', headers: {} }, {})).toEqualTypeOf<
      Promise<SmsEvent[]>
    >();
  });

  it('takes the handlers’ checks but none of their callbacks', () => {
    void verifyAndParseSmsWebhook(
      { body: '', headers: { 'x-tr-webhook-signature': ['a'] }, url: '/hooks' },
      { provider: 'telmetrics', scheme: 'url-token', secret: ['new', 'old'], maxBodyBytes: 1024 },
    );
    // @ts-expect-error events are returned, not passed to a callback
    void verifyAndParseSmsWebhook({ body: '', headers: {} }, { onEvent() {} });
    void verifyAndParseSmsWebhook(
      { body: '', headers: {} },
      // @ts-expect-error Text Request has no url-token scheme
      { provider: 'textrequest', scheme: 'url-token' },
    );
  });
});
