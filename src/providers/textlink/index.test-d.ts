import { describe, expectTypeOf, it } from 'vitest';
import type { SmsEvent, SmsEventOf, WithoutSecret } from '../../events.js';
import type { SmsParsed, SmsTolerated } from '../../tolerance/read-tolerantly.js';
import type { SmsVerificationResult } from '../../verify/verification-result.js';
import type { ProviderDefinition } from '../types.js';
import {
  inferTextLinkKind,
  normalizeTextLinkPayload,
  normalizeTextLinkWebhook,
  parseTextLinkWebhook,
  safeParseTextLinkWebhook,
  type TextLinkEvent,
  type TextLinkFailedEvent,
  type TextLinkFailedMessage,
  type TextLinkKind,
  type TextLinkParsedPayloads,
  type TextLinkPayload,
  type TextLinkReceivedEvent,
  type TextLinkReceivedMessage,
  type TextLinkSentMessage,
  type TextLinkTagChange,
  type TextLinkTagChangedEvent,
  textLinkKinds,
  textLinkProvider,
  verifyTextLinkRequest,
  verifyTextLinkSecret,
} from './index.js';

describe('TextLink types', () => {
  it('name the four kinds', () => {
    expectTypeOf<TextLinkKind>().toEqualTypeOf<'received' | 'sent' | 'failed' | 'tag_changed'>();
    expectTypeOf(textLinkKinds).toEqualTypeOf<
      readonly ['received', 'sent', 'failed', 'tag_changed']
    >();
    expectTypeOf(inferTextLinkKind).returns.toEqualTypeOf<TextLinkKind>();
  });

  it('infer the wire payloads from the schemas', () => {
    expectTypeOf<TextLinkReceivedMessage['phone_number']>().toEqualTypeOf<string>();
    expectTypeOf<TextLinkReceivedMessage['secret']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<TextLinkReceivedMessage['timestamp']>().toEqualTypeOf<
      number | string | undefined
    >();
    expectTypeOf<TextLinkReceivedMessage['tag']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<TextLinkSentMessage['portal']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<TextLinkFailedMessage['textlink_id']>().toEqualTypeOf<
      number | string | undefined
    >();
    expectTypeOf<TextLinkFailedMessage['custom_id']>().toEqualTypeOf<
      string | number | null | undefined
    >();
    expectTypeOf<TextLinkTagChange['tag']>().toEqualTypeOf<string | null>();
    expectTypeOf<TextLinkTagChange['subuser_id']>().toEqualTypeOf<number | string | undefined>();
  });

  it('type the parsed body by the kind given', () => {
    expectTypeOf(parseTextLinkWebhook({}, { kind: 'failed' })).toEqualTypeOf<
      SmsParsed<TextLinkFailedMessage>
    >();
    expectTypeOf(parseTextLinkWebhook({}, { kind: 'tag_changed' })).toEqualTypeOf<
      SmsParsed<TextLinkTagChange>
    >();
    expectTypeOf(parseTextLinkWebhook({})).toEqualTypeOf<TextLinkParsedPayloads[TextLinkKind]>();
    expectTypeOf<TextLinkPayload>().toExtend<TextLinkParsedPayloads[TextLinkKind]>();
    const result = safeParseTextLinkWebhook({}, { kind: 'sent' });
    if (result.success) {
      expectTypeOf(result.output).toEqualTypeOf<SmsParsed<TextLinkSentMessage>>();
      expectTypeOf(result.output.sim_card_id).toEqualTypeOf<number | string | null | undefined>();
    }
    // @ts-expect-error: TextLink has no such webhook kind.
    parseTextLinkWebhook({}, { kind: 'delivered' });
  });

  it('type the events by the kind', () => {
    expectTypeOf(
      normalizeTextLinkPayload('received', {} as TextLinkReceivedMessage),
    ).toEqualTypeOf<TextLinkReceivedEvent>();
    expectTypeOf(
      normalizeTextLinkWebhook({} as TextLinkFailedMessage, { kind: 'failed' }),
    ).toEqualTypeOf<TextLinkFailedEvent[]>();
    expectTypeOf<TextLinkTagChangedEvent['subaccountId']>().toEqualTypeOf<string | null>();
    expectTypeOf<TextLinkReceivedEvent>().toMatchTypeOf<SmsEvent>();
  });

  it('keep the fields but not the secret in raw', () => {
    type Exact<E extends { rawExact: boolean; raw: unknown }> = Extract<
      E,
      { rawExact: true }
    >['raw'];
    expectTypeOf<Exact<TextLinkReceivedEvent>>().toEqualTypeOf<
      WithoutSecret<TextLinkReceivedMessage>
    >();
    expectTypeOf<Extract<TextLinkReceivedEvent, { rawExact: false }>['raw']>().toEqualTypeOf<
      SmsTolerated<WithoutSecret<TextLinkReceivedMessage>>
    >();
    expectTypeOf<Exact<TextLinkReceivedEvent>['phone_number']>().toEqualTypeOf<string>();
    expectTypeOf<Exact<TextLinkFailedEvent>['textlink_id']>().toEqualTypeOf<
      number | string | undefined
    >();
    // Only the catch-all for unknown fields remains: `secret` is no longer a typed string.
    expectTypeOf<Exact<TextLinkTagChangedEvent>['secret']>().toEqualTypeOf<unknown>();
    expectTypeOf<TextLinkTagChange['secret']>().toEqualTypeOf<string | undefined>();
  });

  it('fit the provider registry', () => {
    expectTypeOf(textLinkProvider).toEqualTypeOf<
      ProviderDefinition<'textlink', TextLinkKind, 'body-secret', TextLinkEvent>
    >();
    expectTypeOf<TextLinkEvent>().toEqualTypeOf<SmsEventOf<'textlink'>>();
    expectTypeOf(textLinkProvider.verify).returns.toEqualTypeOf<Promise<SmsVerificationResult>>();
    expectTypeOf(verifyTextLinkRequest).returns.toEqualTypeOf<Promise<boolean>>();
    expectTypeOf(verifyTextLinkSecret).parameter(1).toEqualTypeOf<string | readonly string[]>();
  });
});
