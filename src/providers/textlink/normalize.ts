import * as v from 'valibot';
import type {
  SmsContact,
  SmsContactTagChangedEvent,
  SmsMessageFailedEvent,
  SmsMessageReceivedEvent,
  SmsMessageSentEvent,
  SmsRawForms,
  WithoutSecret,
} from '../../event-types.js';
import { documentedFingerprint } from '../../normalize/fingerprint.js';
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
  type TextLinkFailedMessage,
  type TextLinkKind,
  type TextLinkPayloads,
  type TextLinkReceivedMessage,
  type TextLinkSentMessage,
  type TextLinkTagChange,
  textLinkSchemas,
} from './schema.js';

/** The `message.received` event of a TextLink received message webhook. */
export type TextLinkReceivedEvent = SmsMessageReceivedEvent<'textlink'> &
  SmsRawForms<WithoutSecret<TextLinkReceivedMessage>>;
/** The `message.sent` event of a TextLink sent message webhook. */
export type TextLinkSentEvent = SmsMessageSentEvent<'textlink'> &
  SmsRawForms<WithoutSecret<TextLinkSentMessage>>;
/** The `message.failed` event of a TextLink failed message webhook. */
export type TextLinkFailedEvent = SmsMessageFailedEvent<'textlink'> &
  SmsRawForms<WithoutSecret<TextLinkFailedMessage>>;
/** The `contact.tag_changed` event of a TextLink tag change webhook. */
export type TextLinkTagChangedEvent = SmsContactTagChangedEvent<'textlink'> &
  SmsRawForms<WithoutSecret<TextLinkTagChange>>;

/** The event each TextLink webhook kind becomes. */
export interface TextLinkEvents {
  /** A received message becomes `message.received`. */
  readonly received: TextLinkReceivedEvent;
  /** A sent message becomes `message.sent`. */
  readonly sent: TextLinkSentEvent;
  /** A failed message becomes `message.failed`. */
  readonly failed: TextLinkFailedEvent;
  /** A tag change becomes `contact.tag_changed`. */
  readonly tag_changed: TextLinkTagChangedEvent;
}

/** Every event a TextLink webhook can become. */
export type TextLinkEvent = TextLinkEvents[TextLinkKind];

/** A TextLink webhook body as the parse functions read it (descriptive fields may be `null`). */
export interface TextLinkParsedPayloads {
  /** The received message webhook body, as read. */
  readonly received: SmsParsed<TextLinkPayloads['received']>;
  /** The sent message webhook body, as read. */
  readonly sent: SmsParsed<TextLinkPayloads['sent']>;
  /** The failed message webhook body, as read. */
  readonly failed: SmsParsed<TextLinkPayloads['failed']>;
  /** The contact tag change webhook body, as read. */
  readonly tag_changed: SmsParsed<TextLinkPayloads['tag_changed']>;
}

/** A body to normalize: as read, as it arrived (secret included), and whether it matched exactly. */
export interface TextLinkSource<K extends TextLinkKind> {
  /** The body as read against its schema. */
  readonly payload: TextLinkParsedPayloads[K];
  /** The body as it arrived. */
  readonly raw: object;
  /** Whether it matched the documented schema. */
  readonly exact: boolean;
}

function sourceOf<K extends TextLinkKind>(
  kind: K,
  payload: TextLinkParsedPayloads[K],
): TextLinkSource<K> {
  return { payload, raw: payload, exact: v.is(textLinkSchemas[kind], payload) };
}

/**
 * Turns a received message webhook into a `message.received` event.
 *
 * The idempotency key is a fingerprint of the documented fields without the secret, because
 * TextLink sends no message id; the documented received body carries no timestamp either, so two
 * identical texts from one number can only be told apart when TextLink includes `timestamp`.
 */
export function normalizeTextLinkReceivedMessage(
  payload: SmsParsed<TextLinkReceivedMessage>,
  options?: SmsParseOptions,
): TextLinkReceivedEvent {
  return normalizeWith('textlink', options, (context) =>
    receivedEvent(sourceOf('received', payload), context),
  );
}

/** Turns a sent message webhook into a `message.sent` event. */
export function normalizeTextLinkSentMessage(
  payload: SmsParsed<TextLinkSentMessage>,
  options?: SmsParseOptions,
): TextLinkSentEvent {
  return normalizeWith('textlink', options, (context) =>
    sentEvent(sourceOf('sent', payload), context),
  );
}

/**
 * Turns a failed message webhook into a `message.failed` event; `messageId` is TextLink's
 * `textlink_id`, which also keys the event when it is a usable id.
 */
export function normalizeTextLinkFailedMessage(
  payload: SmsParsed<TextLinkFailedMessage>,
  options?: SmsParseOptions,
): TextLinkFailedEvent {
  return normalizeWith('textlink', options, (context) =>
    failedEvent(sourceOf('failed', payload), context),
  );
}

/** Turns a tag change webhook into a `contact.tag_changed` event. */
export function normalizeTextLinkTagChange(
  payload: SmsParsed<TextLinkTagChange>,
  options?: SmsParseOptions,
): TextLinkTagChangedEvent {
  return normalizeWith('textlink', options, (context) =>
    tagChangedEvent(sourceOf('tag_changed', payload), context),
  );
}

/**
 * Turns a TextLink webhook body of the given kind into its event.
 *
 * @example
 * ```ts
 * normalizeTextLinkPayload('tag_changed', { phone_number: '+381690156360', tag: 'Warm' }).tag; // 'Warm'
 * ```
 */
export function normalizeTextLinkPayload<K extends TextLinkKind>(
  kind: K,
  payload: TextLinkParsedPayloads[K],
  options?: SmsParseOptions,
): TextLinkEvents[K] {
  return normalizeWith('textlink', options, (context) =>
    normalizeTextLinkSource(kind, sourceOf(kind, payload), context),
  );
}

/** Turns a body that was read tolerantly into its event. */
export function normalizeTextLinkSource<K extends TextLinkKind>(
  kind: K,
  source: TextLinkSource<K>,
  context: NormalizeContext,
): TextLinkEvents[K] {
  // TypeScript cannot narrow the source through the generic kind, so each branch restates it.
  switch (kind) {
    case 'received':
      return receivedEvent(source as TextLinkSource<'received'>, context) as TextLinkEvents[K];
    case 'sent':
      return sentEvent(source as TextLinkSource<'sent'>, context) as TextLinkEvents[K];
    case 'failed':
      return failedEvent(source as TextLinkSource<'failed'>, context) as TextLinkEvents[K];
    default: // 'tag_changed'
      return tagChangedEvent(source as TextLinkSource<'tag_changed'>, context) as TextLinkEvents[K];
  }
}

// The secret only authenticates the request; dropping it here keeps it out of events and logs.
function withoutSecret(raw: object): object {
  const { secret: _secret, ...rest } = raw as { secret?: unknown };
  return rest;
}

function receivedEvent(
  { payload, raw: arrived, exact }: TextLinkSource<'received'>,
  context: NormalizeContext,
): TextLinkReceivedEvent {
  const raw = withoutSecret(arrived);
  const from = toE164(payload.phone_number, context.phoneNumberParser);
  const text = nullIfEmpty(payload.text);
  return {
    type: 'message.received',
    provider: 'textlink',
    idempotencyKey: fingerprintKey('received', raw),
    occurredAt: toIsoTimestamp(payload.timestamp),
    ...rawForm<WithoutSecret<TextLinkReceivedMessage>>(raw, exact),
    from,
    to: null,
    text,
    conversationId: null,
    messageId: null,
    contact: contactOf(from, payload.name, payload.tag),
    media: [],
    intent: detectIntent(text, context.intentKeywords),
  };
}

function sentEvent(source: TextLinkSource<'sent'>, context: NormalizeContext): TextLinkSentEvent {
  const raw = withoutSecret(source.raw);
  return {
    type: 'message.sent',
    provider: 'textlink',
    idempotencyKey: fingerprintKey('sent', raw),
    ...outboundFields(source.payload, null, context),
    ...rawForm<WithoutSecret<TextLinkSentMessage>>(raw, source.exact),
  };
}

function failedEvent(
  source: TextLinkSource<'failed'>,
  context: NormalizeContext,
): TextLinkFailedEvent {
  const raw = withoutSecret(source.raw);
  const messageId = readId(source.payload.textlink_id, 'textlink_id', 'textlink', context);
  return {
    type: 'message.failed',
    provider: 'textlink',
    idempotencyKey:
      messageId === null ? fingerprintKey('failed', raw) : `textlink:failed:${messageId}`,
    ...outboundFields(source.payload, messageId, context),
    ...rawForm<WithoutSecret<TextLinkFailedMessage>>(raw, source.exact),
    // TextLink's failed webhook says only that sending failed: no status word, no error code.
    status: 'failed',
    providerStatus: null,
    errorCode: null,
  };
}

function tagChangedEvent(
  { payload, raw: arrived, exact }: TextLinkSource<'tag_changed'>,
  context: NormalizeContext,
): TextLinkTagChangedEvent {
  const raw = withoutSecret(arrived);
  const tag = nullIfEmpty(payload.tag);
  return {
    type: 'contact.tag_changed',
    provider: 'textlink',
    idempotencyKey: fingerprintKey('tag_changed', raw),
    occurredAt: toIsoTimestamp(payload.timestamp),
    ...rawForm<WithoutSecret<TextLinkTagChange>>(raw, exact),
    contact: contactOf(toE164(payload.phone_number, context.phoneNumberParser), payload.name, tag),
    tag,
    subaccountId: readId(payload.subuser_id, 'subuser_id', 'textlink', context),
  };
}

// Only documented fields count, so a field TextLink adds to a redelivery does not change the key.
function fingerprintKey(kind: TextLinkKind, raw: object): string {
  return `textlink:${kind}:${documentedFingerprint(textLinkSchemas[kind], raw)}`;
}

/** The fields a sent and a failed message share: both are outbound, to `phone_number`. */
function outboundFields(
  payload: SmsParsed<TextLinkSentMessage>,
  messageId: string | null,
  context: NormalizeContext,
) {
  const to = toE164(payload.phone_number, context.phoneNumberParser);
  return {
    occurredAt: toIsoTimestamp(payload.timestamp),
    from: null,
    to,
    text: nullIfEmpty(payload.text),
    conversationId: null,
    messageId,
    contact: contactOf(to, null, null),
    media: [],
  };
}

function contactOf(
  phoneNumber: string | null,
  name: string | null | undefined,
  tag: string | null | undefined,
): SmsContact {
  return { id: null, name: nullIfEmpty(name), phoneNumber, tag: nullIfEmpty(tag), address: null };
}
