import type {
  SmsContactCreatedEvent,
  SmsMedia,
  SmsMessageFields,
  SmsMessageReceivedEvent,
  SmsMessageSentEvent,
} from '../../event-types.js';
import { documentedFields, fingerprint } from '../../normalize/fingerprint.js';
import { detectIntent } from '../../normalize/intent.js';
import { toE164 } from '../../normalize/phone-number.js';
import { idToString, nullIfEmpty } from '../../normalize/scalars.js';
import { toIsoTimestamp } from '../../normalize/timestamp.js';
import {
  type TextRequestContactCreated,
  TextRequestContactCreatedSchema,
  type TextRequestMessage,
  TextRequestMessageSchema,
  type TextRequestMmsAttachment,
  type TextRequestWebhook,
} from './schema.js';

/** The event of a Text Request message webhook: received (`R`) or sent (`S`). */
export type TextRequestMessageEvent =
  | SmsMessageReceivedEvent<'textrequest', TextRequestMessage>
  | SmsMessageSentEvent<'textrequest', TextRequestMessage>;

/** The event of a Text Request "new contact is created" webhook. */
export type TextRequestContactCreatedEvent = SmsContactCreatedEvent<
  'textrequest',
  TextRequestContactCreated
>;

/** Every event a Text Request webhook can become. */
export type TextRequestEvent = TextRequestMessageEvent | TextRequestContactCreatedEvent;

/**
 * Tells a validated message body from a contact-created body.
 *
 * @example
 * ```ts
 * if (isTextRequestMessage(payload)) console.log(payload.conversation.message);
 * ```
 */
export function isTextRequestMessage(payload: TextRequestWebhook): payload is TextRequestMessage {
  return 'conversation' in payload && 'yourPhoneNumber' in payload;
}

/**
 * Turns a validated message body into a `message.received` (direction `R`) or `message.sent`
 * (direction `S`) event.
 *
 * @example
 * ```ts
 * const event = normalizeTextRequestMessage(parseTextRequestWebhook(body) as TextRequestMessage);
 * if (event.type === 'message.received') console.log(event.from, event.text, event.intent);
 * ```
 */
export function normalizeTextRequestMessage(payload: TextRequestMessage): TextRequestMessageEvent {
  const { conversation } = payload;
  const consumer = toE164(conversation.consumerPhoneNumber);
  const business = toE164(payload.yourPhoneNumber.phoneNumber);
  const messageId = nullIfEmpty(payload.messageUniqueIdentifier);
  const base = {
    provider: 'textrequest',
    // Text Request sends no event id on older payloads, so a redelivery is recognised by its content.
    // Only documented fields count, so a field added to a redelivery does not change the key.
    idempotencyKey: `textrequest:message:${messageId ?? fingerprint(documentedFields(TextRequestMessageSchema, payload))}`,
    occurredAt: toIsoTimestamp(conversation.date),
    raw: payload,
  } as const;
  const fields = {
    text: nullIfEmpty(conversation.message),
    conversationId: idToString(conversation.id),
    messageId,
    contact: {
      id: null,
      name: nullIfEmpty(conversation.consumerFriendlyName),
      phoneNumber: consumer,
      tag: null,
      address: null,
    },
    media: toMedia(conversation.mmsAttachments),
  } satisfies Omit<SmsMessageFields, 'from' | 'to'>;
  if (conversation.messageDirection === 'R') {
    return {
      type: 'message.received',
      ...base,
      from: consumer,
      to: business,
      ...fields,
      intent: detectIntent(conversation.message),
    };
  }
  return { type: 'message.sent', ...base, from: business, to: consumer, ...fields };
}

/**
 * Turns a validated contact-created body into a `contact.created` event.
 *
 * @example
 * ```ts
 * const event = normalizeTextRequestContactCreated(payload);
 * console.log(event.contact.name, event.contact.phoneNumber, event.businessNumber);
 * ```
 */
export function normalizeTextRequestContactCreated(
  payload: TextRequestContactCreated,
): TextRequestContactCreatedEvent {
  // A ContactId that is not a safe integer (1e309, 2 ** 53 + 1) names no single contact.
  const contactId = idToString(payload.ContactId);
  return {
    type: 'contact.created',
    provider: 'textrequest',
    idempotencyKey: `textrequest:contact:${contactId ?? `~${fingerprint(documentedFields(TextRequestContactCreatedSchema, payload))}`}`,
    occurredAt: null,
    raw: payload,
    contact: {
      id: contactId,
      name: nullIfEmpty(payload.ContactFriendlyName),
      phoneNumber: toE164(payload.ContactPhoneNumber),
      tag: null,
      address: null,
    },
    businessNumber: toE164(payload.LocationPhoneNumber),
  };
}

/**
 * Turns any validated Text Request webhook body into its events (always exactly one).
 *
 * @example
 * ```ts
 * const [event] = normalizeTextRequestWebhook(parseTextRequestWebhook(req.body));
 * ```
 */
export function normalizeTextRequestWebhook(payload: TextRequestWebhook): TextRequestEvent[] {
  return [
    isTextRequestMessage(payload)
      ? normalizeTextRequestMessage(payload)
      : normalizeTextRequestContactCreated(payload),
  ];
}

function toMedia(attachments: readonly TextRequestMmsAttachment[] | null | undefined): SmsMedia[] {
  return (attachments ?? []).map((attachment) => ({
    url: attachment.url,
    contentType: nullIfEmpty(attachment.mimeType),
  }));
}
