import { describe, expectTypeOf, it } from 'vitest';
import type { SmsEventOf } from '../../events.js';
import type { ProviderDefinition } from '../types.js';
import {
  normalizeTelmetricsWebhook,
  parseTelmetricsWebhook,
  type SafeParseTelmetricsWebhookResult,
  safeParseTelmetricsWebhook,
  type TelmetricsCallDetails,
  type TelmetricsConversationStartedEvent,
  type TelmetricsEvent,
  type TelmetricsNotification,
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
    const delivery = parseTelmetricsWebhook('{}');
    expectTypeOf(delivery).toEqualTypeOf<TelmetricsWebhook>();
    expectTypeOf(delivery.Id).toEqualTypeOf<string>();
    expectTypeOf(delivery.Attempt).toEqualTypeOf<number>();
    expectTypeOf(delivery.Properties.Organization).toEqualTypeOf<string>();
    expectTypeOf(delivery.Properties.Scenario).toEqualTypeOf<string | undefined>();
    expectTypeOf(delivery.Notifications[0]).toExtend<TelmetricsNotification | undefined>();
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
    if (result.success) expectTypeOf(result.output).toEqualTypeOf<TelmetricsWebhook>();
    else expectTypeOf(result.error.code).toBeString();
  });

  it('normalizes to Telmetrics events only', () => {
    const events = normalizeTelmetricsWebhook({} as TelmetricsWebhook);
    expectTypeOf(events).toEqualTypeOf<SmsEventOf<'telmetrics'>[]>();
    const [event] = events;
    if (event?.type === 'conversation.started') {
      expectTypeOf(event).toEqualTypeOf<TelmetricsConversationStartedEvent>();
      expectTypeOf(event.raw).toEqualTypeOf<TelmetricsSmsConversationStart>();
      expectTypeOf(event.attribution.sessionTag).toEqualTypeOf<{
        readonly id: string | null;
        readonly data: string | null;
        readonly time: string | null;
      } | null>();
    } else if (event) {
      expectTypeOf(event).toEqualTypeOf<TelmetricsUnknownEvent>();
      expectTypeOf(event.action).toEqualTypeOf<string | null>();
      expectTypeOf(event.raw).toEqualTypeOf<TelmetricsNotification>();
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
