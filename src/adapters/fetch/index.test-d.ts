import { describe, expectTypeOf, it } from 'vitest';
import type { SmsEvent, SmsEventOf } from '../../events.js';
import type { ProviderId } from '../../providers/index.js';
import { textLinkProvider } from '../../providers/textlink/index.js';
import { textRequestProvider } from '../../providers/textrequest/index.js';
import type { SmsDriftReport, SmsJsonType } from '../../tolerance/drift.js';
import type { SmsWebhookDriftContext, SmsWebhookHandlerRequest } from '../core/options.js';
import {
  createFetchHandler,
  createProviderFetchHandler,
  type SmsWebhookHandlerOptions,
} from './index.js';

describe('createFetchHandler types', () => {
  it('returns a Request → Promise<Response> function', () => {
    const handler = createFetchHandler({ onEvent() {} });
    expectTypeOf(handler).toEqualTypeOf<(request: Request) => Promise<Response>>();
  });

  it('narrows the events and context to the configured provider', () => {
    createFetchHandler({
      provider: 'textlink',
      onEvent(event, context) {
        expectTypeOf(event).toEqualTypeOf<SmsEventOf<'textlink'>>();
        expectTypeOf(context.provider).toEqualTypeOf<'textlink'>();
      },
    });
  });

  it('types onDrift with the drift report and a context narrowed to the provider', () => {
    createFetchHandler({
      provider: 'telmetrics',
      strict: true,
      onDrift(report, context) {
        expectTypeOf(report).toEqualTypeOf<SmsDriftReport>();
        expectTypeOf(report.received).toEqualTypeOf<SmsJsonType>();
        expectTypeOf(context).toEqualTypeOf<SmsWebhookDriftContext<'telmetrics'>>();
        expectTypeOf(context.provider).toEqualTypeOf<'telmetrics'>();
      },
      phoneNumberParser: (value) => (value.startsWith('+') ? value : null),
      intentKeywords: { optOut: { add: ['ARRET'] } },
      onEvent(event) {
        if (event.type === 'conversation.started' && event.rawExact) {
          expectTypeOf(event.raw.AttributionDetails.utm_source).toEqualTypeOf<string>();
        }
      },
    });
    // @ts-expect-error: a parser returns the E.164 string or null, not undefined.
    createFetchHandler({ onEvent() {}, phoneNumberParser: (_value: string) => undefined });
  });

  it('gives every event type when the provider is detected', () => {
    createFetchHandler({
      onEvent(event) {
        expectTypeOf(event).toEqualTypeOf<SmsEvent>();
      },
    });
  });

  it('accepts only the configured provider’s kinds', () => {
    createFetchHandler({ provider: 'textlink', kind: 'tag_changed', onEvent() {} });
    // @ts-expect-error Telmetrics bodies say what they are; it takes no kind.
    createFetchHandler({ provider: 'telmetrics', kind: 'received', onEvent() {} });
    // @ts-expect-error not a TextLink kind
    createFetchHandler({ provider: 'textlink', kind: 'delivered', onEvent() {} });
  });

  it('accepts only the configured provider’s verification schemes', () => {
    createFetchHandler({ provider: 'telmetrics', scheme: 'url-token', secret: 't', onEvent() {} });
    // @ts-expect-error a misspelt scheme
    createFetchHandler({ provider: 'telmetrics', scheme: 'url_token', secret: 't', onEvent() {} });
    // @ts-expect-error Text Request signs with HMAC only
    createFetchHandler({ provider: 'textrequest', scheme: 'url-token', secret: 't', onEvent() {} });
  });

  it('takes a secret as a string, a list, or a (possibly async) resolver', () => {
    createFetchHandler({ secret: 'one', onEvent() {} });
    createFetchHandler({ secret: ['new', 'old'], onEvent() {} });
    createFetchHandler({ secret: process.env.MISSING_SECRET, onEvent() {} });
    createFetchHandler({
      async secret(request) {
        expectTypeOf(request).toEqualTypeOf<SmsWebhookHandlerRequest>();
        return request.headers.get('x-tenant') === 'acme' ? ['a', 'b'] : undefined;
      },
      onEvent() {},
    });
    // @ts-expect-error a secret is a string
    createFetchHandler({ secret: 42, onEvent() {} });
  });

  it('lets onEvent return anything, e.g. a queue job', () => {
    const queue = { add: (event: SmsEvent) => Promise.resolve({ id: event.idempotencyKey }) };
    createFetchHandler({ onEvent: (event) => queue.add(event) });
  });

  it('exports the options type with its default provider', () => {
    expectTypeOf<SmsWebhookHandlerOptions['provider']>().toEqualTypeOf<ProviderId | undefined>();
  });
});

describe('createProviderFetchHandler types', () => {
  it('narrows the events, context, kinds and schemes to the provider passed', () => {
    createProviderFetchHandler(textRequestProvider, {
      scheme: 'hmac-sha256',
      onEvent(event, context) {
        expectTypeOf(event).toEqualTypeOf<SmsEventOf<'textrequest'>>();
        expectTypeOf(context.provider).toEqualTypeOf<'textrequest'>();
      },
    });
    createProviderFetchHandler(textLinkProvider, {
      // @ts-expect-error Text Request's scheme is not TextLink's
      scheme: 'hmac-sha256',
      onEvent() {},
    });
    createProviderFetchHandler(textLinkProvider, {
      // @ts-expect-error the provider is the first argument
      provider: 'textlink',
      onEvent() {},
    });
  });
});
