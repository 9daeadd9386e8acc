import { describe, expectTypeOf, it } from 'vitest';
import type { SmsEventOf } from '../../events.js';
import type { SmsDriftReport } from '../../tolerance/drift.js';
import type { SmsParsed, SmsTolerated } from '../../tolerance/read-tolerantly.js';
import type { ProviderDefinition } from '../types.js';
import {
  isTextRequestMessage,
  normalizeTextRequestContactCreated,
  normalizeTextRequestMessage,
  normalizeTextRequestWebhook,
  parseTextRequestWebhook,
  type SafeParseTextRequestWebhookResult,
  safeParseTextRequestWebhook,
  type TextRequestContactCreated,
  type TextRequestContactUpdated,
  type TextRequestEvent,
  type TextRequestLocation,
  type TextRequestMessage,
  type TextRequestMessageStatus,
  type TextRequestParsedContactCreated,
  type TextRequestParsedMessage,
  type TextRequestParsedWebhook,
  type TextRequestPayment,
  type TextRequestWebhook,
  textRequestProvider,
  verifyTextRequestSignature,
} from './index.js';

declare const payload: TextRequestParsedWebhook;
declare const message: TextRequestMessage;
declare const contact: TextRequestContactCreated;

describe('sms-webhooks/textrequest types', () => {
  it('parses to the union of every body and narrows with isTextRequestMessage', () => {
    expectTypeOf(parseTextRequestWebhook).returns.toEqualTypeOf<TextRequestParsedWebhook>();
    expectTypeOf<TextRequestWebhook>().toExtend<TextRequestParsedWebhook>();
    if (isTextRequestMessage(payload)) {
      expectTypeOf(payload).toEqualTypeOf<TextRequestParsedMessage>();
      expectTypeOf(payload.conversation?.message).toEqualTypeOf<string | null | undefined>();
    } else {
      expectTypeOf(payload).toEqualTypeOf<
        | TextRequestParsedContactCreated
        | SmsParsed<TextRequestContactUpdated>
        | SmsParsed<TextRequestMessageStatus>
        | SmsParsed<TextRequestLocation>
        | SmsParsed<TextRequestPayment>
      >();
    }
  });

  it('narrows the safe result on success', () => {
    const result = safeParseTextRequestWebhook('{}');
    expectTypeOf(result).toEqualTypeOf<SafeParseTextRequestWebhookResult>();
    if (result.success) {
      expectTypeOf(result.output).toEqualTypeOf<TextRequestParsedWebhook>();
      expectTypeOf(result.drift).toEqualTypeOf<SmsDriftReport[]>();
    } else expectTypeOf(result.error.code).toBeString();
  });

  it('normalizes a message to a received event with intent or a sent event without', () => {
    const event = normalizeTextRequestMessage(message);
    expectTypeOf(event.type).toEqualTypeOf<'message.received' | 'message.sent'>();
    if (event.rawExact) expectTypeOf(event.raw).toEqualTypeOf<TextRequestMessage>();
    else expectTypeOf(event.raw).toEqualTypeOf<SmsTolerated<TextRequestMessage>>();
    if (!event.rawExact) {
      // @ts-expect-error: a tolerated conversation may be missing its message text.
      const text: string = event.raw.conversation.message;
      expectTypeOf(text).toBeString();
    }
    if (event.type === 'message.received') {
      expectTypeOf(event.intent).toEqualTypeOf<'opt_out' | 'opt_in' | 'help' | null>();
    } else {
      expectTypeOf(event).not.toHaveProperty('intent');
    }
  });

  it('normalizes a contact to a contact.created event with its business number', () => {
    const event = normalizeTextRequestContactCreated(contact);
    expectTypeOf(event.type).toEqualTypeOf<'contact.created'>();
    expectTypeOf(event.businessNumber).toEqualTypeOf<string | null>();
    expectTypeOf(event.raw).toEqualTypeOf<
      TextRequestContactCreated | SmsTolerated<TextRequestContactCreated>
    >();
  });

  it('returns only Text Request events from the webhook normalizer', () => {
    expectTypeOf(normalizeTextRequestWebhook(payload)).toEqualTypeOf<SmsEventOf<'textrequest'>[]>();
    expectTypeOf<SmsEventOf<'textrequest'>['type']>().toEqualTypeOf<
      | 'message.received'
      | 'message.sent'
      | 'message.status'
      | 'message.failed'
      | 'contact.created'
      | 'contact.updated'
      | 'location.received'
      | 'payment.updated'
    >();
  });

  it('takes one API key or several and resolves to a boolean', () => {
    expectTypeOf(verifyTextRequestSignature).returns.resolves.toEqualTypeOf<boolean>();
    expectTypeOf(verifyTextRequestSignature)
      .parameter(0)
      .toHaveProperty('apiKey')
      .toEqualTypeOf<string | readonly string[]>();
    expectTypeOf(verifyTextRequestSignature)
      .parameter(0)
      .toHaveProperty('body')
      .toEqualTypeOf<string | Uint8Array>();
  });

  it('is a provider definition for the id textrequest, with no kinds to name', () => {
    expectTypeOf(textRequestProvider).toEqualTypeOf<
      ProviderDefinition<'textrequest', never, 'hmac-sha256', TextRequestEvent>
    >();
    expectTypeOf<TextRequestEvent>().toEqualTypeOf<SmsEventOf<'textrequest'>>();
    expectTypeOf(textRequestProvider.kinds).toEqualTypeOf<readonly never[]>();
  });
});
