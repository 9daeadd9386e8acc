import * as v from 'valibot';
import type {
  SmsContactCreatedEvent,
  SmsContactUpdatedEvent,
  SmsCustomField,
  SmsDeliveryStatus,
  SmsLocationReceivedEvent,
  SmsMedia,
  SmsMessageFailedEvent,
  SmsMessageFields,
  SmsMessageReceivedEvent,
  SmsMessageSentEvent,
  SmsMessageStatusEvent,
  SmsPaymentStatus,
  SmsPaymentUpdatedEvent,
  SmsRawForms,
} from '../../event-types.js';
import { documentedFingerprint } from '../../normalize/fingerprint.js';
import { detectIntent } from '../../normalize/intent.js';
import { toE164 } from '../../normalize/phone-number.js';
import { idToString, nullIfEmpty, presentValues } from '../../normalize/scalars.js';
import { toIsoTimestamp } from '../../normalize/timestamp.js';
import {
  type NormalizeContext,
  normalizeWith,
  type SmsParseOptions,
} from '../../tolerance/options.js';
import { rawForm, readId } from '../../tolerance/raw-form.js';
import type { SmsParsed } from '../../tolerance/read-tolerantly.js';
import {
  type TextRequestBodies,
  type TextRequestBodyKind,
  type TextRequestContactCreated,
  TextRequestContactCreatedSchema,
  type TextRequestContactUpdated,
  TextRequestContactUpdatedSchema,
  type TextRequestLocation,
  TextRequestLocationSchema,
  type TextRequestMessage,
  TextRequestMessageSchema,
  type TextRequestMessageStatus,
  TextRequestMessageStatusSchema,
  type TextRequestMmsAttachment,
  type TextRequestPayment,
  TextRequestPaymentSchema,
  type TextRequestWebhook,
  textRequestSchemas,
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

/** A Text Request status body whose status means the message failed: `failed`, `undelivered` or `error`. */
export type TextRequestMessageFailedEvent = SmsMessageFailedEvent<'textrequest'> &
  SmsRawForms<TextRequestMessageStatus>;

/** A Text Request status body with any other status: `accepted`, `queued`, `sending`, `sent`, `delivered`, … */
export type TextRequestDeliveryStatusEvent = SmsMessageStatusEvent<'textrequest'> &
  SmsRawForms<TextRequestMessageStatus>;

/**
 * The event of a Text Request delivery status (`msg_status_updated` or `status_callback`):
 * `message.failed` for `failed`, `undelivered` and `error`, `message.status` for every other status.
 */
export type TextRequestMessageStatusEvent =
  | TextRequestMessageFailedEvent
  | TextRequestDeliveryStatusEvent;

/** The event of a Text Request `contact_updated` webhook. */
export type TextRequestContactUpdatedEvent = SmsContactUpdatedEvent<'textrequest'> &
  SmsRawForms<TextRequestContactUpdated>;

/** The event of a Text Request `location_received` webhook or `location_callback`. */
export type TextRequestLocationEvent = SmsLocationReceivedEvent<'textrequest'> &
  SmsRawForms<TextRequestLocation>;

/** The event of a Text Request `payment_status_updated` webhook. */
export type TextRequestPaymentEvent = SmsPaymentUpdatedEvent<'textrequest'> &
  SmsRawForms<TextRequestPayment>;

/** Every event a Text Request webhook can become. */
export type TextRequestEvent =
  | TextRequestMessageEvent
  | TextRequestContactCreatedEvent
  | TextRequestContactUpdatedEvent
  | TextRequestMessageStatusEvent
  | TextRequestLocationEvent
  | TextRequestPaymentEvent;

/** The event each Text Request body kind becomes. */
export interface TextRequestEvents {
  /** A message body becomes `message.received` or `message.sent`. */
  readonly message: TextRequestMessageEvent;
  /** A contact created body becomes `contact.created`. */
  readonly contact_created: TextRequestContactCreatedEvent;
  /** A contact updated body becomes `contact.updated`. */
  readonly contact_updated: TextRequestContactUpdatedEvent;
  /** A status body becomes `message.status`, or `message.failed` for a failure. */
  readonly message_status: TextRequestMessageStatusEvent;
  /** A location body becomes `location.received`. */
  readonly location: TextRequestLocationEvent;
  /** A payment body becomes `payment.updated`. */
  readonly payment: TextRequestPaymentEvent;
}

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
  const kind = kindOfParsed(payload);
  return [
    normalizeWith('textrequest', options, (context) =>
      textRequestEventOf(
        kind,
        { payload, raw: payload, exact: v.is(textRequestSchemas[kind], payload) },
        context,
      ),
    ),
  ];
}

/**
 * Tells which kind a read body is by the field its schema requires and no other has; unlike
 * `inferTextRequestBodyKind`, it needs no distinguishing field beyond what reading demanded.
 */
function kindOfParsed(payload: TextRequestParsedWebhook): TextRequestBodyKind {
  if (isTextRequestMessage(payload)) return 'message';
  if ('ContactId' in payload) return 'contact_created';
  if ('payment_id' in payload) return 'payment';
  if ('message_id' in payload) return 'message_status';
  if ('MessageId' in payload) return 'location';
  return 'contact_updated';
}

/** Turns a body of a known kind, read tolerantly, into its event. */
export function textRequestEventOf(
  kind: TextRequestBodyKind,
  source: TextRequestSource<unknown>,
  context: NormalizeContext,
): TextRequestEvent {
  const builders: {
    readonly [K in TextRequestBodyKind]: (
      source: TextRequestSource<SmsParsed<TextRequestBodies[K]>>,
      context: NormalizeContext,
    ) => TextRequestEvents[K];
  } = {
    message: messageEvent,
    contact_created: contactCreatedEvent,
    contact_updated: contactUpdatedEvent,
    message_status: messageStatusEvent,
    location: locationEvent,
    payment: paymentEvent,
  };
  return (
    builders[kind] as (
      source: TextRequestSource<unknown>,
      context: NormalizeContext,
    ) => TextRequestEvent
  )(source, context);
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
    idempotencyKey: `textrequest:message:${messageId ?? documentedFingerprint(TextRequestMessageSchema, raw)}`,
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
    media: presentValues(conversation?.mmsAttachments, mediaOf),
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
        ? `textrequest:contact:~${documentedFingerprint(TextRequestContactCreatedSchema, raw)}`
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

/** An MMS attachment as the event lists it, or `null` when it has no URL. */
function mediaOf(attachment: SmsParsed<TextRequestMmsAttachment> | null): SmsMedia | null {
  const url = nullIfEmpty(attachment?.url);
  return url === null ? null : { url, contentType: nullIfEmpty(attachment?.mimeType) };
}

// Text Request's documented statuses (v3 `webhook_payload_message_status`); `error` is a failure
// that comes with an `error_code`. A Map, not an object: `constructor` or `__proto__` must not find
// what every object inherits.
const deliveryStatuses: ReadonlyMap<string, SmsDeliveryStatus> = new Map([
  ['accepted', 'accepted'],
  ['queued', 'queued'],
  ['sending', 'sending'],
  ['sent', 'sent'],
  ['delivered', 'delivered'],
  ['undelivered', 'undelivered'],
  ['failed', 'failed'],
  ['error', 'failed'],
]);

/**
 * Maps a Text Request message status to the normalized delivery status: `error` becomes `failed`,
 * a status this version does not know becomes `unknown`.
 *
 * @example
 * ```ts
 * toTextRequestDeliveryStatus('error'); // 'failed'
 * ```
 */
export function toTextRequestDeliveryStatus(status: string): SmsDeliveryStatus {
  return deliveryStatuses.get(status.trim().toLowerCase()) ?? 'unknown';
}

/**
 * Turns a delivery status body (`msg_status_updated` or a message's `status_callback`) into a
 * `message.failed` event for `failed`, `undelivered` and `error`, and a `message.status` event for
 * any other status. The body names only the message, so `from`, `to`, `text` and `contact` are
 * `null`.
 *
 * @example
 * ```ts
 * const event = normalizeTextRequestMessageStatus({ message_id: 'eb2a…', status: 'error', error_code: 'SMS10023' });
 * event.type; // 'message.failed'
 * ```
 */
export function normalizeTextRequestMessageStatus(
  payload: SmsParsed<TextRequestMessageStatus>,
  options?: SmsParseOptions,
): TextRequestMessageStatusEvent {
  return normalizeWith('textrequest', options, (context) =>
    messageStatusEvent(
      { payload, raw: payload, exact: v.is(TextRequestMessageStatusSchema, payload) },
      context,
    ),
  );
}

/** A provider's text as one part of a key: URI-escaped, so `:` and `%` inside it are told apart. */
function keyPart(text: string | null): string {
  return encodeURIComponent(String(text));
}

/** Turns a delivery status body that was read tolerantly into its event. */
export function messageStatusEvent(
  { payload, raw, exact }: TextRequestSource<SmsParsed<TextRequestMessageStatus>>,
  _context: NormalizeContext,
): TextRequestMessageStatusEvent {
  const providerStatus = payload.status ?? '';
  const errorCode = nullIfEmpty(payload.error_code);
  const base = {
    provider: 'textrequest',
    // One message reaches each status once, so message and status identify the event; a
    // redelivery repeats both. The error code is part of it, as an `error` may come with several.
    // Each part is escaped, so a `:` inside one cannot make two events' keys alike.
    idempotencyKey: `textrequest:status:${keyPart(payload.message_id)}:${keyPart(providerStatus)}${errorCode === null ? '' : `:${keyPart(errorCode)}`}`,
    occurredAt: null,
    from: null,
    to: null,
    text: null,
    conversationId: null,
    messageId: nullIfEmpty(payload.message_id),
    contact: null,
    media: [],
    providerStatus,
    errorCode,
  } as const;
  const status = toTextRequestDeliveryStatus(providerStatus);
  const forms = rawForm<TextRequestMessageStatus>(raw, exact);
  if (status === 'failed' || status === 'undelivered') {
    return { type: 'message.failed', ...base, status, ...forms };
  }
  return { type: 'message.status', ...base, status, ...forms };
}

/**
 * Turns a `contact_updated` body into a `contact.updated` event. The body carries no contact id,
 * so `contact.id` is `null` and the event is keyed by its documented fields.
 *
 * @example
 * ```ts
 * const event = normalizeTextRequestContactUpdated(payload);
 * if (event.optedOut) await suppress(event.contact.phoneNumber);
 * ```
 */
export function normalizeTextRequestContactUpdated(
  payload: SmsParsed<TextRequestContactUpdated>,
  options?: SmsParseOptions,
): TextRequestContactUpdatedEvent {
  return normalizeWith('textrequest', options, (context) =>
    contactUpdatedEvent(
      { payload, raw: payload, exact: v.is(TextRequestContactUpdatedSchema, payload) },
      context,
    ),
  );
}

/** Turns a contact-updated body that was read tolerantly into its event. */
export function contactUpdatedEvent(
  { payload, raw, exact }: TextRequestSource<SmsParsed<TextRequestContactUpdated>>,
  context: NormalizeContext,
): TextRequestContactUpdatedEvent {
  const firstName = nullIfEmpty(payload.first_name);
  const lastName = nullIfEmpty(payload.last_name);
  const fullName =
    firstName === null ? lastName : lastName === null ? firstName : `${firstName} ${lastName}`;
  const optedOutAt = toIsoTimestamp(payload.opted_out_utc);
  const suppressed = payload.is_suppressed ?? null;
  return {
    type: 'contact.updated',
    provider: 'textrequest',
    // No contact id and no time: the content is the event. Only documented fields count, so a
    // field added to a redelivery does not change the key.
    idempotencyKey: `textrequest:contact_updated:${documentedFingerprint(TextRequestContactUpdatedSchema, raw)}`,
    occurredAt: null,
    ...rawForm<TextRequestContactUpdated>(raw, exact),
    contact: {
      id: null,
      name: nullIfEmpty(payload.display_name) ?? nullIfEmpty(fullName),
      phoneNumber: toE164(payload.phone_number, context.phoneNumberParser),
      tag: null,
      address: null,
    },
    businessNumber: null,
    firstName,
    lastName,
    optedOut: optedOutOf(suppressed, payload.opted_out_utc, optedOutAt),
    optedOutAt,
    suppressed,
    suppressedReason: nullIfEmpty(payload.suppressed_reason),
    blocked: payload.is_blocked ?? null,
    archived: payload.is_archived ?? null,
    resolved: payload.is_resolved ?? null,
    note: nullIfEmpty(payload.note),
    tags: presentValues(payload.contact_tags, nullIfEmpty),
    groupIds: presentValues(payload.groups, idToString),
    customFields: presentValues(payload.custom_fields, customFieldOf),
    firstContactAt:
      typeof payload.first_contact_utc === 'string'
        ? toIsoTimestamp(payload.first_contact_utc)
        : null,
  };
}

/** A custom field of a contact-updated body as its event lists it, or `null` when it has no id. */
function customFieldOf(
  field: NonNullable<SmsParsed<TextRequestContactUpdated>['custom_fields']>[number],
): SmsCustomField | null {
  const id = nullIfEmpty(field?.id);
  return id === null ? null : { id, value: nullIfEmpty(field?.value) };
}

/** Suppressed or opted out means do not text; `opted_out_utc: null` is documented as "can receive messages". */
function optedOutOf(
  suppressed: boolean | null,
  optedOutUtc: string | null | undefined,
  optedOutAt: string | null,
): boolean | null {
  if (suppressed === true || optedOutAt !== null) return true;
  if (suppressed === false || optedOutUtc === null) return false;
  return null;
}

/**
 * Turns a location body (`location_received` or a message's `location_callback`) into a
 * `location.received` event. `latitude` and `longitude` are read from the fields of those names.
 *
 * @example
 * ```ts
 * const event = normalizeTextRequestLocation(payload);
 * console.log(event.from, event.latitude, event.longitude, event.address);
 * ```
 */
export function normalizeTextRequestLocation(
  payload: SmsParsed<TextRequestLocation>,
  options?: SmsParseOptions,
): TextRequestLocationEvent {
  return normalizeWith('textrequest', options, (context) =>
    locationEvent(
      { payload, raw: payload, exact: v.is(TextRequestLocationSchema, payload) },
      context,
    ),
  );
}

/** Turns a location body that was read tolerantly into its event. */
export function locationEvent(
  { payload, raw, exact }: TextRequestSource<SmsParsed<TextRequestLocation>>,
  context: NormalizeContext,
): TextRequestLocationEvent {
  return {
    type: 'location.received',
    provider: 'textrequest',
    // The body has no id of its own: the same answer to the same request is the same event.
    idempotencyKey: `textrequest:location:${documentedFingerprint(TextRequestLocationSchema, raw)}`,
    occurredAt: null,
    ...rawForm<TextRequestLocation>(raw, exact),
    from: toE164(payload.PhoneNumber, context.phoneNumberParser),
    messageId: payload.MessageId ?? '',
    dashboardId: readId(payload.DashboardId, 'DashboardId', 'textrequest', context),
    latitude: payload.Latitude ?? Number.NaN,
    longitude: payload.Longitude ?? Number.NaN,
    address: nullIfEmpty(payload.FormattedAddress),
  };
}

// Text Request's documented payment statuses (v3 `webhook_payload_payment`), compared without case;
// a Map, as above. The documented `Unknown` needs no entry: every status not here becomes `unknown`.
const paymentStatuses: ReadonlyMap<string, SmsPaymentStatus> = new Map([
  ['sent', 'sent'],
  ['paid', 'paid'],
  ['cancelled', 'cancelled'],
  ['failed', 'failed'],
  ['pastdue', 'past_due'],
  ['markedaspaid', 'marked_as_paid'],
]);

/**
 * Maps a Text Request payment status to the normalized one: `PastDue` becomes `past_due`,
 * `MarkedAsPaid` `marked_as_paid`, a status this version does not know `unknown`.
 *
 * @example
 * ```ts
 * toTextRequestPaymentStatus('PastDue'); // 'past_due'
 * ```
 */
export function toTextRequestPaymentStatus(status: string): SmsPaymentStatus {
  return paymentStatuses.get(status.trim().toLowerCase()) ?? 'unknown';
}

/**
 * Turns a `payment_status_updated` body into a `payment.updated` event.
 *
 * @example
 * ```ts
 * const event = normalizeTextRequestPayment({ payment_id: 2510, status: 'Paid', reference_id: 'receipt-chicago' });
 * event.status; // 'paid'
 * ```
 */
export function normalizeTextRequestPayment(
  payload: SmsParsed<TextRequestPayment>,
  options?: SmsParseOptions,
): TextRequestPaymentEvent {
  return normalizeWith('textrequest', options, (context) =>
    paymentEvent(
      { payload, raw: payload, exact: v.is(TextRequestPaymentSchema, payload) },
      context,
    ),
  );
}

/** Turns a payment body that was read tolerantly into its event. */
export function paymentEvent(
  { payload, raw, exact }: TextRequestSource<SmsParsed<TextRequestPayment>>,
  context: NormalizeContext,
): TextRequestPaymentEvent {
  // A payment_id that is not a safe integer (1e309, 2 ** 53 + 1) names no single payment.
  const paymentId = readId(payload.payment_id, 'payment_id', 'textrequest', context);
  const providerStatus = payload.status ?? '';
  return {
    type: 'payment.updated',
    provider: 'textrequest',
    // A payment reaches each status once; a redelivery repeats both.
    idempotencyKey: `textrequest:payment:${paymentId ?? `~${documentedFingerprint(TextRequestPaymentSchema, raw)}`}:${keyPart(providerStatus)}`,
    occurredAt: null,
    ...rawForm<TextRequestPayment>(raw, exact),
    paymentId,
    status: toTextRequestPaymentStatus(providerStatus),
    providerStatus,
    referenceId: nullIfEmpty(payload.reference_id),
  };
}
