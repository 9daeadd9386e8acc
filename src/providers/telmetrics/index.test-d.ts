import { describe, expectTypeOf, it } from 'vitest';
import type { SmsEventOf } from '../../events.js';
import type { SmsDriftReport } from '../../tolerance/drift.js';
import type { SmsTolerated } from '../../tolerance/read-tolerantly.js';
import type { ProviderDefinition } from '../types.js';
import {
  normalizeTelmetricsWebhook,
  parseTelmetricsWebhook,
  type SafeParseTelmetricsWebhookResult,
  safeParseTelmetricsWebhook,
  type TelmetricsAttributionDetails,
  type TelmetricsCallDetails,
  type TelmetricsConversationStartedEvent,
  type TelmetricsEvent,
  type TelmetricsNotification,
  type TelmetricsParsedWebhook,
  type TelmetricsSmsConversationStart,
  type TelmetricsUnknownEvent,
  type TelmetricsVerificationScheme,
  type TelmetricsWebhook,
  telmetricsProvider,
  verifyTelmetricsSignature,
  verifyTelmetricsUrlToken,
} from './index.js';

describe('Telmetrics types', () => {
  it('types the parsed delivery', () => {
    const delivery = parseTelmetricsWebhook('{}', { onDrift: () => {} });
    expectTypeOf(delivery).toEqualTypeOf<TelmetricsParsedWebhook>();
    // Read tolerantly, a descriptive field that did not fit is null, and the type says so.
    expectTypeOf(delivery.Id).toEqualTypeOf<string | null>();
    expectTypeOf(delivery.Attempt).toEqualTypeOf<number | null>();
    expectTypeOf(delivery.Properties?.Organization).toEqualTypeOf<string | null | undefined>();
    expectTypeOf(delivery.Properties?.Scenario).toEqualTypeOf<string | null | undefined>();
    // A delivery that matches the documents exactly is one such reading.
    expectTypeOf<TelmetricsWebhook>().toExtend<TelmetricsParsedWebhook>();
    expectTypeOf<TelmetricsParsedWebhook>().not.toExtend<TelmetricsWebhook>();
    expectTypeOf<TelmetricsSmsConversationStart>().toExtend<
      TelmetricsWebhook['Notifications'][number]
    >();
  });

  it('types the conversation start fields, name and address as "when available"', () => {
    expectTypeOf<
      TelmetricsSmsConversationStart['Action']
    >().toEqualTypeOf<'SmsDetails.SmsConversationStart'>();
    expectTypeOf<TelmetricsSmsConversationStart['TexterNumber']>().toEqualTypeOf<string>();
    expectTypeOf<TelmetricsSmsConversationStart['TelmetricsStudyID']>().toEqualTypeOf<number>();
    expectTypeOf<TelmetricsSmsConversationStart['TexterName']>().toEqualTypeOf<
      string | null | undefined
    >();
    expectTypeOf<TelmetricsSmsConversationStart['AttributionDetails']['SessionId']>().toEqualTypeOf<
      string | number | null
    >();
    expectTypeOf<
      NonNullable<TelmetricsSmsConversationStart['AttributionDetails']['session_tag']>['tag_id']
    >().toEqualTypeOf<number>();
    // Unknown fields are kept and typed as unknown.
    expectTypeOf<TelmetricsSmsConversationStart['SomethingNew']>().toEqualTypeOf<unknown>();
  });

  it('types notifications it does not model loosely, and call details as seen', () => {
    expectTypeOf<TelmetricsNotification['Action']>().toEqualTypeOf<string>();
    expectTypeOf<TelmetricsCallDetails['TelmetricsId']>().toEqualTypeOf<number>();
    expectTypeOf<TelmetricsCallDetails['Incomplete']>().toEqualTypeOf<boolean>();
  });

  it('types the safe result as a union on success', () => {
    const result = safeParseTelmetricsWebhook(null);
    expectTypeOf(result).toEqualTypeOf<SafeParseTelmetricsWebhookResult>();
    if (result.success) {
      expectTypeOf(result.output).toEqualTypeOf<TelmetricsParsedWebhook>();
      expectTypeOf(result.drift).toEqualTypeOf<SmsDriftReport[]>();
    } else expectTypeOf(result.error.code).toBeString();
  });

  it('normalizes to Telmetrics events only', () => {
    const events = normalizeTelmetricsWebhook({} as TelmetricsWebhook);
    expectTypeOf(events).toEqualTypeOf<SmsEventOf<'telmetrics'>[]>();
    const [event] = events;
    if (event?.type === 'conversation.started') {
      expectTypeOf(event).toEqualTypeOf<TelmetricsConversationStartedEvent>();
      // raw claims the documented type only where the notification matched it.
      expectTypeOf(event.raw).toEqualTypeOf<
        TelmetricsSmsConversationStart | SmsTolerated<TelmetricsSmsConversationStart>
      >();
      if (event.rawExact) {
        expectTypeOf(event.raw).toEqualTypeOf<TelmetricsSmsConversationStart>();
        expectTypeOf(event.raw.AttributionDetails).toEqualTypeOf<TelmetricsAttributionDetails>();
      } else {
        expectTypeOf(event.raw).toEqualTypeOf<SmsTolerated<TelmetricsSmsConversationStart>>();
        // @ts-expect-error: a tolerated AttributionDetails may be null or of any JSON type.
        const details: TelmetricsAttributionDetails = event.raw.AttributionDetails;
        expectTypeOf(details).toBeObject();
        const number = event.raw.TexterNumber;
        expectTypeOf(number).toExtend<string | number | boolean | null | undefined | object>();
        if (typeof number === 'string') expectTypeOf(number).toBeString();
      }
      expectTypeOf(event.attribution.sessionTag).toEqualTypeOf<{
        readonly id: string | null;
        readonly data: string | null;
        readonly time: string | null;
      } | null>();
    } else if (event) {
      expectTypeOf(event).toEqualTypeOf<TelmetricsUnknownEvent>();
      expectTypeOf(event.action).toEqualTypeOf<string | null>();
      if (event.rawExact) expectTypeOf(event.raw).toEqualTypeOf<TelmetricsNotification>();
      else expectTypeOf(event.raw).toEqualTypeOf<SmsTolerated<TelmetricsNotification>>();
    }
  });

  it('types the provider definition and the verification functions', () => {
    expectTypeOf(telmetricsProvider).toEqualTypeOf<
      ProviderDefinition<'telmetrics', never, 'ms-signature' | 'url-token', TelmetricsEvent>
    >();
    expectTypeOf<TelmetricsEvent>().toEqualTypeOf<SmsEventOf<'telmetrics'>>();
    expectTypeOf<TelmetricsVerificationScheme>().toEqualTypeOf<'ms-signature' | 'url-token'>();
    expectTypeOf(verifyTelmetricsSignature).returns.toEqualTypeOf<Promise<boolean>>();
    expectTypeOf(verifyTelmetricsSignature)
      .parameter(0)
      .toHaveProperty('secret')
      .toEqualTypeOf<string | readonly string[]>();
    expectTypeOf(verifyTelmetricsSignature)
      .parameter(0)
      .toHaveProperty('signature')
      .toEqualTypeOf<string | null | undefined>();
    expectTypeOf(verifyTelmetricsUrlToken).returns.toEqualTypeOf<boolean>();
    // @ts-expect-error a body must be the raw string or bytes, not parsed JSON
    void verifyTelmetricsSignature({ body: {}, signature: null, secret: 's' });
  });
});
