import * as v from 'valibot';
import type {
  SmsAttribution,
  SmsContact,
  SmsConversationStartedEvent,
  SmsPostalAddress,
  SmsRawForms,
  SmsUnknownEvent,
} from '../../event-types.js';
import { percentDecode } from '../../normalize/percent-decode.js';
import { toE164 } from '../../normalize/phone-number.js';
import { idToString, nullIfEmpty } from '../../normalize/scalars.js';
import { toIsoTimestamp } from '../../normalize/timestamp.js';
import {
  type NormalizeContext,
  normalizeWith,
  type SmsParseOptions,
} from '../../tolerance/options.js';
import { rawForm, readId } from '../../tolerance/raw-form.js';
import type { SmsParsed } from '../../tolerance/read-tolerantly.js';
import {
  TELMETRICS_SMS_CONVERSATION_START,
  type TelmetricsAttributionDetails,
  type TelmetricsNotification,
  type TelmetricsSmsConversationStart,
  TelmetricsSmsConversationStartSchema,
  type TelmetricsWebhook,
  TelmetricsWebhookSchema,
} from './schema.js';

/** The event a Telmetrics "SMS Conversation Start" notification becomes. */
export type TelmetricsConversationStartedEvent = SmsConversationStartedEvent<'telmetrics'> &
  SmsRawForms<TelmetricsSmsConversationStart>;

/** The event a Telmetrics notification with an action this version does not model becomes. */
export type TelmetricsUnknownEvent = SmsUnknownEvent<'telmetrics'> &
  SmsRawForms<TelmetricsNotification>;

/** A Telmetrics delivery as the parse functions read it (descriptive fields may be `null`). */
export type TelmetricsParsedWebhook = SmsParsed<TelmetricsWebhook>;

type ParsedNotification = NonNullable<
  NonNullable<TelmetricsParsedWebhook['Notifications']>[number]
>;
type ParsedConversationStart = SmsParsed<TelmetricsSmsConversationStart>;

/** Every event a Telmetrics delivery can become. */
export type TelmetricsEvent = TelmetricsConversationStartedEvent | TelmetricsUnknownEvent;

/**
 * Turns a Telmetrics delivery into events, one per notification, in order.
 *
 * - `SmsDetails.SmsConversationStart` becomes `conversation.started`; every other action (call
 *   webhooks, later SMS actions) becomes `unknown`, its `action` the notification's `Action`
 *   (`null` when it has no usable one).
 * - `idempotencyKey` is `telmetrics:<Id>:<index of the notification>`. Redeliveries keep `Id` and
 *   raise `Attempt`, so the attempt is left out of the key.
 * - `occurredAt` is the notification's `MessageDate` when it has a readable one, else the
 *   delivery's `Properties.UTC`; both carry no offset and are read as UTC. Call times (`StartTime`
 *   and the like) are not used: they have been seen in US Eastern local time.
 * - `raw` is the notification object, unknown fields kept; `rawExact` says whether it matched its
 *   documented schema.
 *
 * @example
 * ```ts
 * const [event] = normalizeTelmetricsWebhook(parseTelmetricsWebhook(body));
 * if (event?.type === 'conversation.started') console.log(event.from, event.attribution.source);
 * ```
 */
export function normalizeTelmetricsWebhook(
  payload: TelmetricsParsedWebhook,
  options?: SmsParseOptions,
): TelmetricsEvent[] {
  return normalizeWith('telmetrics', options, (context) =>
    normalizeTelmetricsRead(payload, payload, v.is(TelmetricsWebhookSchema, payload), context),
  );
}

/**
 * Normalizes a delivery that was read tolerantly: `payload` is the delivery as read, `raw` the one
 * that arrived, `exact` whether it matched the documented schema.
 */
export function normalizeTelmetricsRead(
  payload: TelmetricsParsedWebhook,
  raw: unknown,
  exact: boolean,
  context: NormalizeContext,
): TelmetricsEvent[] {
  const deliveredAt = toIsoTimestamp(payload.Properties?.UTC);
  const rawNotifications = (raw as { Notifications?: unknown }).Notifications;
  const notifications = payload.Notifications ?? [];
  const events: TelmetricsEvent[] = [];
  for (let index = 0; index < notifications.length; index++) {
    const notification = notifications[index];
    if (notification === null || notification === undefined) continue;
    const rawNotification = Array.isArray(rawNotifications)
      ? rawNotifications[index]
      : notification;
    const idempotencyKey = `telmetrics:${payload.Id}:${index}`;
    const occurredAt = notificationTime(notification) ?? deliveredAt;
    if (isConversationStart(notification)) {
      const matched = exact || v.is(TelmetricsSmsConversationStartSchema, rawNotification);
      events.push(
        conversationStarted(
          notification,
          idempotencyKey,
          occurredAt,
          index,
          context,
          rawForm<TelmetricsSmsConversationStart>(rawNotification, matched),
        ),
      );
      continue;
    }
    reportUnmodelledAction(notification.Action, index, context);
    const matched = exact || typeof (rawNotification as { Action?: unknown }).Action === 'string';
    events.push(
      unknownNotification(
        notification,
        idempotencyKey,
        occurredAt,
        rawForm<TelmetricsNotification>(rawNotification, matched),
      ),
    );
  }
  return events;
}

function isConversationStart(
  notification: ParsedNotification,
): notification is ParsedConversationStart {
  return notification.Action === TELMETRICS_SMS_CONVERSATION_START;
}

// Call notifications (and Marchex's sales-rescue calls) are known to arrive on the same endpoint
// (FACTS.md); any other action that is not modelled may be a new kind of SMS event, worth a report.
const KNOWN_UNMODELLED_ACTIONS = ['CallDetails.', 'SalesRescueNew.'];

function reportUnmodelledAction(action: unknown, index: number, context: NormalizeContext): void {
  if (typeof action !== 'string') return;
  if (KNOWN_UNMODELLED_ACTIONS.some((prefix) => action.startsWith(prefix))) return;
  context.drift.push({
    provider: 'telmetrics',
    path: `Notifications[${index}].Action`,
    kind: 'unknown_event',
    expected: `("${TELMETRICS_SMS_CONVERSATION_START}" | ${KNOWN_UNMODELLED_ACTIONS.map((prefix) => `"${prefix}*"`).join(' | ')})`,
    received: 'string',
  });
}

function notificationTime(notification: ParsedNotification): string | null {
  const { MessageDate } = notification as { MessageDate?: unknown };
  return typeof MessageDate === 'string' ? toIsoTimestamp(MessageDate) : null;
}

function conversationStarted(
  notification: ParsedConversationStart,
  idempotencyKey: string,
  occurredAt: string | null,
  index: number,
  context: NormalizeContext,
  raw: SmsRawForms<TelmetricsSmsConversationStart>,
): TelmetricsConversationStartedEvent {
  const from = toE164(notification.TexterNumber, context.phoneNumberParser);
  const contact: SmsContact = {
    id: null,
    name: nullIfEmpty(notification.TexterName),
    phoneNumber: from,
    tag: null,
    address: postalAddress(notification),
  };
  return {
    type: 'conversation.started',
    provider: 'telmetrics',
    idempotencyKey,
    occurredAt,
    ...raw,
    from,
    to: toE164(notification.TextedNumber, context.phoneNumberParser),
    conversationId: nullIfEmpty(notification.ConversationId),
    contact,
    attribution: attribution(notification.AttributionDetails, index, context),
  };
}

function postalAddress(notification: ParsedConversationStart): SmsPostalAddress | null {
  const street = nullIfEmpty(notification.TexterAddress);
  const city = nullIfEmpty(notification.TexterCity);
  const state = nullIfEmpty(notification.TexterState);
  const postalCode = nullIfEmpty(notification.TexterZip);
  if (street === null && city === null && state === null && postalCode === null) return null;
  return { street, city, state, postalCode };
}

function attribution(
  details: SmsParsed<TelmetricsAttributionDetails> | null,
  index: number,
  context: NormalizeContext,
): SmsAttribution {
  const tag = details?.session_tag;
  return {
    source: utmValue(details?.utm_source),
    medium: utmValue(details?.utm_medium),
    campaign: utmValue(details?.utm_campaign),
    term: utmValue(details?.utm_term),
    content: utmValue(details?.utm_content),
    rule: nullIfEmpty(details?.RuleDescription),
    landingPage: nullIfEmpty(details?.LandingPageUrl),
    referrer: nullIfEmpty(details?.ReferrerUrl),
    session: readIdAt(details?.SessionId, index, 'SessionId', context),
    sessionTag: tag
      ? {
          id: readIdAt(tag.tag_id, index, 'session_tag.tag_id', context),
          data: nullIfEmpty(tag.tag_data),
          time: typeof tag.tag_time === 'string' ? toIsoTimestamp(tag.tag_time) : null,
        }
      : null,
  };
}

/** {@link readId} of an attribution field, its path built only when a report needs it. */
function readIdAt(
  value: unknown,
  index: number,
  field: string,
  context: NormalizeContext,
): string | null {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    return readId(
      value,
      `Notifications[${index}].AttributionDetails.${field}`,
      'telmetrics',
      context,
    );
  }
  return idToString(value);
}

// Telmetrics sends utm_* values as they appeared in the landing page's query string ("new%20cars").
function utmValue(value: string | null | undefined): string | null {
  const text = nullIfEmpty(value);
  return text === null ? null : nullIfEmpty(percentDecode(text));
}

function unknownNotification(
  notification: ParsedNotification,
  idempotencyKey: string,
  occurredAt: string | null,
  raw: SmsRawForms<TelmetricsNotification>,
): TelmetricsUnknownEvent {
  return {
    type: 'unknown',
    provider: 'telmetrics',
    idempotencyKey,
    occurredAt,
    ...raw,
    action: typeof notification.Action === 'string' ? notification.Action : null,
  };
}
