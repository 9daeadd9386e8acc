import type { RequestListener } from 'node:http';
import { describe, expectTypeOf, it } from 'vitest';
import type { SmsEventOf } from '../../events.js';
import { createNodeHandler, type SmsWebhookNodeHandler } from './index.js';

describe('createNodeHandler types', () => {
  it('returns a handler usable as a Node request listener', () => {
    const handler = createNodeHandler({ onEvent() {} });
    expectTypeOf(handler).toEqualTypeOf<SmsWebhookNodeHandler>();
    expectTypeOf(handler).toExtend<RequestListener>();
    expectTypeOf(handler).returns.toEqualTypeOf<Promise<void>>();
  });

  it('narrows the events to the configured provider', () => {
    createNodeHandler({
      provider: 'textrequest',
      onEvent(event) {
        expectTypeOf(event).toEqualTypeOf<SmsEventOf<'textrequest'>>();
      },
    });
  });
});
