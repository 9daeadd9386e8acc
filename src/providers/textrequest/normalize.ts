import * as v from 'valibot';
import type {
  SmsContactCreatedEvent,
  SmsMedia,
  SmsMessageFields,
  SmsMessageReceivedEvent,
  SmsMessageSentEvent,
  SmsRawForms,
} from '../../event-types.js';
import { documentedFields, fingerprint } from '../../normalize/fingerprint.js';
import { detectIntent } from '../../normalize/intent.js';
import { toE164 } from '../../normalize/phone-number.js';
import { nullIfEmpty } from '../../normalize/scalars.js';
import { toIsoTimestamp } from '../../normalize/timestamp.js';
import {
  type NormalizeContext,
  normalizeWith,
  type SmsParseOptions,
} from '../../tolerance/options.js';
import { rawForm, readId } from '../../tolerance/raw-form.js';
import type { SmsParsed } from '../../tolerance/read-tolerantly.js';
import {
  type TextRequestContactCreated,
  TextRequestContactCreatedSchema,
  type TextRequestMessage,
  TextRequestMessageSchema,
  type TextRequestMmsAttachment,
  type TextRequestWebhook,
} from './schema.js';

/** The `message.received` event of a Text Request message webhook with direction `R`. */
export type TextRequestReceivedEvent = SmsMessageReceivedEvent<'textrequest'> &
  SmsRawForms<TextRequestMessage>;

/** The `message.sent` event of a Text Request message webhook with direction `S`. */
export type TextRequestSentEvent = SmsMessageSentEvent<'textrequest'> &
  SmsRawForms<TextRequestMessage>;

/** The event of a Text Request message webhook: received (`R`) or sent (`S`). */
export type TextRequestMessageEvent = TextRequestReceivedEvent | TextRequestSentEvent;

/** The event of a Text Request "new contact is created" webhook. */
export type TextRequestContactCreatedEvent = SmsContactCreatedEvent<'textrequest'> &
  SmsRawForms<TextRequestContactCreated>;

/** A Text Request message body as the parse functions read it (descriptive fields may be `null`). */
export type TextRequestParsedMessage = SmsParsed<TextRequestMessage>;

/** A Text Request contact-created body as the parse functions read it. */
export type TextRequestParsedContactCreated = SmsParsed<TextRequestContactCreated>;

/** Any Text Request webhook body as the parse functions read it. */
export type TextRequestParsedWebhook = SmsParsed<TextRequestWebhook>;

/** A body to normalize: as read, as it arrived, and whether it matched its schema exactly. */
export interface TextRequestSource<T> {
  /** The body as read against its schema. */
  readonly payload: T;
  /** The body as it arrived. */
  readonly raw: object;
  /** Whether it matched the documented schema. */
  readonly exact: boolean;
}

/** Every event a Text Request webhook can become. */
export type TextRequestEvent = TextRequestMessageEvent | TextRequestContactCreatedEvent;

/**
 * Tells a message body from a contact-created body.
 *
 * @example
 * ```ts
 * if (isTextRequestMessage(payload)) console.log(payload.conversation?.message);
 * ```
 */
export function isTextRequestMessage(
  payload: TextRequestParsedWebhook,
): payload is TextRequestParsedMessage {
  return 'conversation' in payload && 'yourPhoneNumber' in payload;
}

/**
 * Turns a message body into a `message.received` (direction `R`) or `message.sent` (direction
 * `S`) event.
 *
 * @example
 * ```ts
 * const payload = parseTextRequestWebhook(body);
 * if (isTextRequestMessage(payload)) console.log(normalizeTextRequestMessage(payload).text);
 * ```
 */
export function normalizeTextRequestMessage(
  payload: TextRequestParsedMessage,
  options?: SmsParseOptions,
): TextRequestMessageEvent {
  return normalizeWith('textrequest', options, (context) =>
    messageEvent(
      { payload, raw: payload, exact: v.is(TextRequestMessageSchema, payload) },
      context,
    ),
  );
}

/**
 * Turns a contact-created body into a `contact.created` event.
 *
 * @example
 * ```ts
 * const event = normalizeTextRequestContactCreated(payload);
 * console.log(event.contact.name, event.contact.phoneNumber, event.businessNumber);
 * ```
 */
export function normalizeTextRequestContactCreated(
  payload: TextRequestParsedContactCreated,
  options?: SmsParseOptions,
): TextRequestContactCreatedEvent {
  return normalizeWith('textrequest', options, (context) =>
    contactCreatedEvent(
      { payload, raw: payload, exact: v.is(TextRequestContactCreatedSchema, payload) },
      context,
    ),
  );
}

/**
 * Turns any Text Request webhook body into its events (always exactly one).
 *
 * @example
 * ```ts
 * const [event] = normalizeTextRequestWebhook(parseTextRequestWebhook(req.body));
 * ```
 */
export function normalizeTextRequestWebhook(
  payload: TextRequestParsedWebhook,
  options?: SmsParseOptions,
): TextRequestEvent[] {
  return [
    isTextRequestMessage(payload)
      ? normalizeTextRequestMessage(payload, options)
      : normalizeTextRequestContactCreated(payload as TextRequestParsedContactCreated, options),
  ];
}

/** Turns a message body that was read tolerantly into its event. */
export function messageEvent(
  { payload, raw, exact }: TextRequestSource<TextRequestParsedMessage>,
  context: NormalizeContext,
): TextRequestMessageEvent {
  const { conversation } = payload;
  const consumer = toE164(conversation?.consumerPhoneNumber, context.phoneNumberParser);
  const business = toE164(payload.yourPhoneNumber?.phoneNumber, context.phoneNumberParser);
  const messageId = nullIfEmpty(payload.messageUniqueIdentifier);
  const text = nullIfEmpty(conversation?.message);
  const base = {
    provider: 'textrequest',
    // Text Request sends no event id on older payloads, so a redelivery is recognised by its content.
    // Only documented fields count, so a field added to a redelivery does not change the key.
    idempotencyKey: `textrequest:message:${messageId ?? fingerprint(documentedFields(TextRequestMessageSchema, raw))}`,
    occurredAt: toIsoTimestamp(conversation?.date),
    ...rawForm<TextRequestMessage>(raw, exact),
  } as const;
  const fields = {
    text,
    conversationId: readId(conversation?.id, 'conversation.id', 'textrequest', context),
    messageId,
    contact: {
      id: null,
      name: nullIfEmpty(conversation?.consumerFriendlyName),
      phoneNumber: consumer,
      tag: null,
      address: null,
    },
    media: toMedia(conversation?.mmsAttachments),
  } satisfies Omit<SmsMessageFields, 'from' | 'to'>;
  if (conversation?.messageDirection === 'R') {
    return {
      type: 'message.received',
      ...base,
      from: consumer,
      to: business,
      ...fields,
      intent: detectIntent(text, context.intentKeywords),
    };
  }
  return { type: 'message.sent', ...base, from: business, to: consumer, ...fields };
}

/** Turns a contact-created body that was read tolerantly into its event. */
export function contactCreatedEvent(
  { payload, raw, exact }: TextRequestSource<TextRequestParsedContactCreated>,
  context: NormalizeContext,
): TextRequestContactCreatedEvent {
  const id = readId(payload.ContactId, 'ContactId', 'textrequest', context);
  return {
    type: 'contact.created',
    provider: 'textrequest',
    // An id that is not a safe integer may equal another contact's, so the content keys it instead.
    idempotencyKey:
      id === null
        ? `textrequest:contact:~${fingerprint(documentedFields(TextRequestContactCreatedSchema, raw))}`
        : `textrequest:contact:${id}`,
    occurredAt: null,
    ...rawForm<TextRequestContactCreated>(raw, exact),
    contact: {
      id,
      name: nullIfEmpty(payload.ContactFriendlyName),
      phoneNumber: toE164(payload.ContactPhoneNumber, context.phoneNumberParser),
      tag: null,
      address: null,
    },
    businessNumber: toE164(payload.LocationPhoneNumber, context.phoneNumberParser),
  };
}

function toMedia(
  attachments: readonly (SmsParsed<TextRequestMmsAttachment> | null)[] | null | undefined,
): SmsMedia[] {
  const media: SmsMedia[] = [];
  for (const attachment of attachments ?? []) {
    const url = nullIfEmpty(attachment?.url);
    if (url !== null) media.push({ url, contentType: nullIfEmpty(attachment?.mimeType) });
  }
  return media;
}
