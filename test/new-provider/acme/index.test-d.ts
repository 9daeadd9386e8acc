import { describe, expectTypeOf, it } from 'vitest';
import type { SmsWebhookHandlerOptions } from '../../adapters/core/options.js';
import type { SmsEvent, SmsEventOf } from '../../events.js';
import type { WebhookRequestOptions } from '../../testing/create-webhook-request.js';
import type { SmsWebhookFixtures } from '../../testing/fixtures.js';
import type { ProviderId, WebhookKind } from '../index.js';
import type { AcmeEvent } from './index.js';
import type { AcmeFixtures, CreateAcmeRequestOptions } from './testing.js';

describe('a registered provider', () => {
  it('reaches every type derived from the registry', () => {
    expectTypeOf<ProviderId>().toEqualTypeOf<'acme' | 'telmetrics' | 'textlink' | 'textrequest'>();
    expectTypeOf<SmsEventOf<'acme'>>().toEqualTypeOf<AcmeEvent>();
    expectTypeOf<AcmeEvent>().toExtend<SmsEvent>();
    expectTypeOf<WebhookKind>().toEqualTypeOf<'received' | 'sent' | 'failed' | 'tag_changed'>();
    expectTypeOf<SmsWebhookHandlerOptions<'acme'>['scheme']>().toEqualTypeOf<
      'token-header' | undefined
    >();
    expectTypeOf<WebhookRequestOptions['acme']>().toEqualTypeOf<CreateAcmeRequestOptions>();
    expectTypeOf<SmsWebhookFixtures['acme']>().toEqualTypeOf<AcmeFixtures>();
  });
});
