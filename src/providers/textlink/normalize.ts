import type {
  SmsContact,
  SmsContactTagChangedEvent,
  SmsMessageFailedEvent,
  SmsMessageReceivedEvent,
  SmsMessageSentEvent,
  WithoutSecret,
} from '../../event-types.js';
import { documentedFields, fingerprint } from '../../normalize/fingerprint.js';
import { detectIntent } from '../../normalize/intent.js';
import { toE164 } from '../../normalize/phone-number.js';
import { idToString, nullIfEmpty } from '../../normalize/scalars.js';
import { toIsoTimestamp } from '../../normalize/timestamp.js';
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
export type TextLinkReceivedEvent = SmsMessageReceivedEvent<
  'textlink',
  WithoutSecret<TextLinkReceivedMessage>
>;
/** The `message.sent` event of a TextLink sent message webhook. */
export type TextLinkSentEvent = SmsMessageSentEvent<'textlink', WithoutSecret<TextLinkSentMessage>>;
/** The `message.failed` event of a TextLink failed message webhook. */
export type TextLinkFailedEvent = SmsMessageFailedEvent<
  'textlink',
  WithoutSecret<TextLinkFailedMessage>
>;
/** The `contact.tag_changed` event of a TextLink tag change webhook. */
export type TextLinkTagChangedEvent = SmsContactTagChangedEvent<
  'textlink',
  WithoutSecret<TextLinkTagChange>
>;

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

/**
 * Turns a validated received message webhook into a `message.received` event.
 *
 * The idempotency key is a fingerprint of the documented fields without the secret, because
 * TextLink sends no message id; the documented received body carries no timestamp either, so two
 * identical texts from one number can only be told apart when TextLink includes `timestamp`.
 */
export function normalizeTextLinkReceivedMessage(
  payload: TextLinkReceivedMessage,
): TextLinkReceivedEvent {
  // The secret only authenticates the request; dropping it here keeps it out of events and logs.
  const { secret: _secret, ...raw } = payload;
  const from = toE164(payload.phone_number);
  const text = nullIfEmpty(payload.text);
  return {
    type: 'message.received',
    provider: 'textlink',
    idempotencyKey: fingerprintKey('received', raw),
    occurredAt: toIsoTimestamp(payload.timestamp),
    raw,
    from,
    to: null,
    text,
    conversationId: null,
    messageId: null,
    contact: contactOf(from, payload.name, payload.tag),
    media: [],
    intent: detectIntent(text),
  };
}

/** Turns a validated sent message webhook into a `message.sent` event. */
export function normalizeTextLinkSentMessage(payload: TextLinkSentMessage): TextLinkSentEvent {
  const fields = outboundFields(payload, null);
  return {
    type: 'message.sent',
    provider: 'textlink',
    idempotencyKey: fingerprintKey('sent', fields.raw),
    ...fields,
  };
}

/**
 * Turns a validated failed message webhook into a `message.failed` event; `messageId` is
 * TextLink's `textlink_id`, which also keys the event when present.
 */
export function normalizeTextLinkFailedMessage(
  payload: TextLinkFailedMessage,
): TextLinkFailedEvent {
  const fields = outboundFields(payload, idToString(payload.textlink_id));
  return {
    type: 'message.failed',
    provider: 'textlink',
    idempotencyKey:
      fields.messageId === null
        ? fingerprintKey('failed', fields.raw)
        : `textlink:failed:${fields.messageId}`,
    ...fields,
  };
}

/** Turns a validated tag change webhook into a `contact.tag_changed` event. */
export function normalizeTextLinkTagChange(payload: TextLinkTagChange): TextLinkTagChangedEvent {
  const { secret: _secret, ...raw } = payload;
  const tag = nullIfEmpty(payload.tag);
  return {
    type: 'contact.tag_changed',
    provider: 'textlink',
    idempotencyKey: fingerprintKey('tag_changed', raw),
    occurredAt: toIsoTimestamp(payload.timestamp),
    raw,
    contact: contactOf(toE164(payload.phone_number), payload.name, tag),
    tag,
    subaccountId: idToString(payload.subuser_id),
  };
}

/**
 * Turns a validated TextLink webhook body of the given kind into its event.
 *
 * @example
 * ```ts
 * normalizeTextLinkPayload('tag_changed', { phone_number: '+381690156360', tag: 'Warm' }).tag; // 'Warm'
 * ```
 */
export function normalizeTextLinkPayload<K extends TextLinkKind>(
  kind: K,
  payload: TextLinkPayloads[K],
): TextLinkEvents[K] {
  // TypeScript cannot narrow the payload through the generic kind, so each branch restates it.
  switch (kind) {
    case 'received':
      return normalizeTextLinkReceivedMessage(
        payload as TextLinkReceivedMessage,
      ) as TextLinkEvents[K];
    case 'sent':
      return normalizeTextLinkSentMessage(payload as TextLinkSentMessage) as TextLinkEvents[K];
    case 'failed':
      return normalizeTextLinkFailedMessage(payload as TextLinkFailedMessage) as TextLinkEvents[K];
    default: // 'tag_changed'
      return normalizeTextLinkTagChange(payload as TextLinkTagChange) as TextLinkEvents[K];
  }
}

// Only documented fields count, so a field TextLink adds to a redelivery does not change the key.
function fingerprintKey(kind: TextLinkKind, raw: object): string {
  return `textlink:${kind}:${fingerprint(documentedFields(textLinkSchemas[kind], raw))}`;
}

/** The fields a sent and a failed message share: both are outbound, to `phone_number`. */
function outboundFields<T extends TextLinkSentMessage>(payload: T, messageId: string | null) {
  const { secret: _secret, ...rest } = payload;
  // Object rest over a generic type is typed as Omit, which loses the keys next to the index
  // signature; it is exactly the payload without its secret.
  const raw = rest as unknown as WithoutSecret<T>;
  const to = toE164(payload.phone_number);
  return {
    occurredAt: toIsoTimestamp(payload.timestamp),
    raw,
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
