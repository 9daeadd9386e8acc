import type {
  SmsAttribution,
  SmsContact,
  SmsConversationStartedEvent,
  SmsPostalAddress,
  SmsUnknownEvent,
} from '../../event-types.js';
import { percentDecode } from '../../normalize/percent-decode.js';
import { toE164 } from '../../normalize/phone-number.js';
import { idToString, nullIfEmpty } from '../../normalize/scalars.js';
import { toIsoTimestamp } from '../../normalize/timestamp.js';
import {
  TELMETRICS_SMS_CONVERSATION_START,
  type TelmetricsAttributionDetails,
  type TelmetricsNotification,
  type TelmetricsSmsConversationStart,
  type TelmetricsWebhook,
} from './schema.js';

/** The event a Telmetrics "SMS Conversation Start" notification becomes. */
export type TelmetricsConversationStartedEvent = SmsConversationStartedEvent<
  'telmetrics',
  TelmetricsSmsConversationStart
>;

/** The event a Telmetrics notification with an action this version does not model becomes. */
export type TelmetricsUnknownEvent = SmsUnknownEvent<'telmetrics', TelmetricsNotification>;

/** Every event a Telmetrics delivery can become. */
export type TelmetricsEvent = TelmetricsConversationStartedEvent | TelmetricsUnknownEvent;

/**
 * Turns a validated Telmetrics delivery into events, one per notification, in order.
 *
 * - `SmsDetails.SmsConversationStart` becomes `conversation.started`; every other action (call
 *   webhooks, later SMS actions) becomes `unknown`, its `action` the notification's `Action`.
 * - `idempotencyKey` is `telmetrics:<Id>:<index of the notification>`. Redeliveries keep `Id` and
 *   raise `Attempt`, so the attempt is left out of the key.
 * - `occurredAt` is the notification's `MessageDate` when it has a readable one, else the
 *   delivery's `Properties.UTC`; both carry no offset and are read as UTC. Call times (`StartTime`
 *   and the like) are not used: they have been seen in US Eastern local time.
 * - `raw` is the notification object, unknown fields kept.
 *
 * @example
 * ```ts
 * const [event] = normalizeTelmetricsWebhook(parseTelmetricsWebhook(body));
 * if (event?.type === 'conversation.started') console.log(event.from, event.attribution.source);
 * ```
 */
export function normalizeTelmetricsWebhook(payload: TelmetricsWebhook): TelmetricsEvent[] {
  const deliveredAt = toIsoTimestamp(payload.Properties.UTC);
  return payload.Notifications.map((notification, index) => {
    const idempotencyKey = `telmetrics:${payload.Id}:${index}`;
    const occurredAt = notificationTime(notification) ?? deliveredAt;
    return isConversationStart(notification)
      ? conversationStarted(notification, idempotencyKey, occurredAt)
      : unknownNotification(notification, idempotencyKey, occurredAt);
  });
}

function isConversationStart(
  notification: TelmetricsNotification | TelmetricsSmsConversationStart,
): notification is TelmetricsSmsConversationStart {
  return notification.Action === TELMETRICS_SMS_CONVERSATION_START;
}

function notificationTime(notification: TelmetricsNotification): string | null {
  const { MessageDate } = notification;
  return typeof MessageDate === 'string' ? toIsoTimestamp(MessageDate) : null;
}

function conversationStarted(
  notification: TelmetricsSmsConversationStart,
  idempotencyKey: string,
  occurredAt: string | null,
): TelmetricsConversationStartedEvent {
  const from = toE164(notification.TexterNumber);
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
    raw: notification,
    from,
    to: toE164(notification.TextedNumber),
    conversationId: idToString(notification.ConversationId),
    contact,
    attribution: attribution(notification.AttributionDetails),
  };
}

function postalAddress(notification: TelmetricsSmsConversationStart): SmsPostalAddress | null {
  const address: SmsPostalAddress = {
    street: nullIfEmpty(notification.TexterAddress),
    city: nullIfEmpty(notification.TexterCity),
    state: nullIfEmpty(notification.TexterState),
    postalCode: nullIfEmpty(notification.TexterZip),
  };
  return Object.values(address).every((part) => part === null) ? null : address;
}

function attribution(details: TelmetricsAttributionDetails): SmsAttribution {
  const tag = details.session_tag;
  return {
    source: utmValue(details.utm_source),
    medium: utmValue(details.utm_medium),
    campaign: utmValue(details.utm_campaign),
    term: utmValue(details.utm_term),
    content: utmValue(details.utm_content),
    rule: nullIfEmpty(details.RuleDescription),
    landingPage: nullIfEmpty(details.LandingPageUrl),
    referrer: nullIfEmpty(details.ReferrerUrl),
    session: idToString(details.SessionId),
    sessionTag: tag
      ? {
          id: idToString(tag.tag_id),
          data: nullIfEmpty(tag.tag_data),
          time: toIsoTimestamp(tag.tag_time),
        }
      : null,
  };
}

// Telmetrics sends utm_* values as they appeared in the landing page's query string ("new%20cars").
function utmValue(value: string): string | null {
  const text = nullIfEmpty(value);
  return text === null ? null : nullIfEmpty(percentDecode(text));
}

function unknownNotification(
  notification: TelmetricsNotification,
  idempotencyKey: string,
  occurredAt: string | null,
): TelmetricsUnknownEvent {
  return {
    type: 'unknown',
    provider: 'telmetrics',
    idempotencyKey,
    occurredAt,
    raw: notification,
    action: notification.Action,
  };
}
