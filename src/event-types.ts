// The event shapes every provider builds its events from. A low layer: nothing here may import
// from providers/ (the union of all events, derived from the registry, is in events.ts).
import type { SmsIntent } from './normalize/intent.js';
import type { SmsTolerated } from './tolerance/read-tolerantly.js';

export type { SmsIntent };

/** A payload type with its `secret` field removed, as it appears in an event's `raw`. */
export type WithoutSecret<T> = { [K in keyof T as K extends 'secret' ? never : K]: T[K] };

/** A postal address the provider matched to a texter. */
export interface SmsPostalAddress {
  /** The street line, e.g. `718 Marin Drive`, or `null`. */
  readonly street: string | null;
  /** The city, or `null`. */
  readonly city: string | null;
  /** The state or province, e.g. `IL`, or `null`. */
  readonly state: string | null;
  /** The ZIP or postal code, or `null`. */
  readonly postalCode: string | null;
}

/** The person on the other side of the conversation, as far as the provider knows them. */
export interface SmsContact {
  /** The provider's id for the contact, as a string, or `null` when it sends none. */
  readonly id: string | null;
  /** The contact's name, or `null` when the provider does not know it. */
  readonly name: string | null;
  /** The contact's phone number, E.164 where possible, or `null`. */
  readonly phoneNumber: string | null;
  /** The contact's tag (TextLink), e.g. `Warm`, or `null`. */
  readonly tag: string | null;
  /** The contact's postal address (Telmetrics name/address matching), or `null`. */
  readonly address: SmsPostalAddress | null;
}

/** A media attachment of a message. */
export interface SmsMedia {
  /** Where the attachment can be fetched. */
  readonly url: string;
  /** Its MIME type, e.g. `image/jpeg`, or `null` when the provider does not say. */
  readonly contentType: string | null;
}

/** Marketing attribution of a conversation (Telmetrics Dynamic Number Insertion and Lead Tracking). */
export interface SmsAttribution {
  /** `utm_source`, percent-decoded, or `null`. */
  readonly source: string | null;
  /** `utm_medium`, percent-decoded, or `null`. */
  readonly medium: string | null;
  /** `utm_campaign`, percent-decoded, or `null`. */
  readonly campaign: string | null;
  /** `utm_term`, percent-decoded, or `null`. */
  readonly term: string | null;
  /** `utm_content`, percent-decoded, or `null`. */
  readonly content: string | null;
  /** The attribution rule that matched, e.g. `Google Paid`, or `null`. */
  readonly rule: string | null;
  /** The landing page URL, or `null`. */
  readonly landingPage: string | null;
  /** The referrer URL, or `null`. */
  readonly referrer: string | null;
  /** The tracked web session id, as a string, or `null`. */
  readonly session: string | null;
  /** The session tag, or `null` when none was sent. */
  readonly sessionTag: SmsSessionTag | null;
}

/** A tag attached to the tracked web session. */
export interface SmsSessionTag {
  /** The tag id, as a string, or `null`. */
  readonly id: string | null;
  /** The tag's data, or `null`. */
  readonly data: string | null;
  /** When the tag was set, ISO 8601 UTC, or `null`. */
  readonly time: string | null;
}

/** The fields every event has. */
export interface SmsEventBase<T extends string, P extends string, R> {
  /** What happened; narrow on it to reach the fields of each kind. */
  readonly type: T;
  /** Which provider sent the webhook. */
  readonly provider: P;
  /** The same for every redelivery of this event and different for any other event. */
  readonly idempotencyKey: string;
  /** When it happened, ISO 8601 UTC with milliseconds (`…Z`), or `null` when the provider does not say. */
  readonly occurredAt: string | null;
  /** The provider's own object the event came from, unknown fields kept, secret removed. */
  readonly raw: R;
}

/**
 * The two forms of an event's `raw`, told apart by `rawExact`: as documented, or as it arrived when
 * some descriptive fields did not match the documents. Every built-in provider's events have it.
 */
export type SmsRawForms<R> =
  | {
      /** `raw` matched the documented schema (unknown fields aside): it has the documented type. */
      readonly rawExact: true;
      /** The provider's object, of its documented type. */
      readonly raw: R;
    }
  | {
      /** `raw` did not match the documented schema; the delivery's drift reports say where. */
      readonly rawExact: false;
      /** The provider's object as it arrived: the documented keys, any JSON values. */
      readonly raw: SmsTolerated<R>;
    };

/** The fields every message event has. */
export interface SmsMessageFields {
  /** The sender's number, E.164 where possible, or `null` when the provider does not send it. */
  readonly from: string | null;
  /** The recipient's number, E.164 where possible, or `null` when the provider does not send it. */
  readonly to: string | null;
  /** The message text, or `null` when empty. */
  readonly text: string | null;
  /** The provider's conversation id, as a string, or `null`. */
  readonly conversationId: string | null;
  /** The provider's message id, as a string, or `null`. */
  readonly messageId: string | null;
  /** The other party, or `null` when the provider says nothing about them. */
  readonly contact: SmsContact | null;
  /** Attachments; empty when there are none. */
  readonly media: readonly SmsMedia[];
}

/** A message that arrived at one of your numbers. */
export interface SmsMessageReceivedEvent<P extends string = string, R = unknown>
  extends SmsEventBase<'message.received', P, R>,
    SmsMessageFields {
  /** The opt-out, opt-in or help keyword the whole message is, or `null`. */
  readonly intent: SmsIntent;
}

/** A message one of your numbers sent (or was asked to send). */
export interface SmsMessageSentEvent<P extends string = string, R = unknown>
  extends SmsEventBase<'message.sent', P, R>,
    SmsMessageFields {}

/**
 * Where a message is on its way, the same words for every provider: `accepted` (taken by the
 * provider), `queued`, `sending`, `sent` (handed to the carrier), `delivered`, and the two that
 * mean it will not arrive, `undelivered` (the carrier could not deliver it) and `failed` (it could
 * not be sent); `unknown` for a status this version does not know (the provider's word is kept in
 * `providerStatus`).
 */
export type SmsDeliveryStatus =
  | 'accepted'
  | 'queued'
  | 'sending'
  | 'sent'
  | 'delivered'
  | 'undelivered'
  | 'failed'
  | 'unknown';

/** The delivery statuses that mean the message will not arrive; they come as `message.failed`. */
export type SmsFailedDeliveryStatus = Extract<SmsDeliveryStatus, 'undelivered' | 'failed'>;

/** Every other delivery status; it comes as `message.status`. */
export type SmsPendingOrDeliveredStatus = Exclude<SmsDeliveryStatus, SmsFailedDeliveryStatus>;

/** The delivery fields `message.status` and `message.failed` share. */
export interface SmsDeliveryFields<S extends SmsDeliveryStatus = SmsDeliveryStatus> {
  /** The delivery status, normalized across providers. */
  readonly status: S;
  /** The provider's own word for the status, e.g. Text Request's `error`, or `null` when it sends none. */
  readonly providerStatus: string | null;
  /** The provider's error code for troubleshooting, e.g. `SMS10023`, or `null`. */
  readonly errorCode: string | null;
}

/**
 * A message that could not be sent or delivered: TextLink's failed webhook, or a Text Request
 * status of `failed`, `undelivered` or `error`. One `case 'message.failed'` handles both.
 */
export interface SmsMessageFailedEvent<P extends string = string, R = unknown>
  extends SmsEventBase<'message.failed', P, R>,
    SmsMessageFields,
    SmsDeliveryFields<SmsFailedDeliveryStatus> {}

/**
 * A sent message's delivery status changed to one that does not mean failure (`queued`, `sent`,
 * `delivered`, …). Text Request's status bodies name only the message, so `from`, `to`, `text`
 * and `contact` are `null`; look the message up by `messageId`.
 */
export interface SmsMessageStatusEvent<P extends string = string, R = unknown>
  extends SmsEventBase<'message.status', P, R>,
    SmsMessageFields,
    SmsDeliveryFields<SmsPendingOrDeliveredStatus> {}

/** The first message of a new conversation on a tracking number, with attribution. */
export interface SmsConversationStartedEvent<P extends string = string, R = unknown>
  extends SmsEventBase<'conversation.started', P, R> {
  /** The texter's number, E.164 where possible. */
  readonly from: string | null;
  /** The tracking number that was texted, E.164 where possible. */
  readonly to: string | null;
  /** The provider's conversation id. */
  readonly conversationId: string | null;
  /** The texter, with the name and address the provider matched. */
  readonly contact: SmsContact | null;
  /** Where the texter came from. */
  readonly attribution: SmsAttribution;
}

/** A contact was added to an address book. */
export interface SmsContactCreatedEvent<P extends string = string, R = unknown>
  extends SmsEventBase<'contact.created', P, R> {
  /** The new contact. */
  readonly contact: SmsContact;
  /** Your number whose address book it was added to, E.164 where possible, or `null`. */
  readonly businessNumber: string | null;
}

/** A contact's tag changed (e.g. `Cold` → `Warm`). */
export interface SmsContactTagChangedEvent<P extends string = string, R = unknown>
  extends SmsEventBase<'contact.tag_changed', P, R> {
  /** The contact, with its new tag. */
  readonly contact: SmsContact;
  /** The new tag. */
  readonly tag: string | null;
  /** The sub-account that received the webhook, as a string, or `null` for the main account. */
  readonly subaccountId: string | null;
}

/** One custom field value of a contact. */
export interface SmsCustomField {
  /** The provider's id of the field. */
  readonly id: string;
  /** The field's value, or `null` when it is empty. */
  readonly value: string | null;
}

/** A contact's details changed: names, opt-out or suppression, blocking, archiving, tags, groups, fields. */
export interface SmsContactUpdatedEvent<P extends string = string, R = unknown>
  extends SmsEventBase<'contact.updated', P, R> {
  /** The contact as it is now. */
  readonly contact: SmsContact;
  /** Your number whose address book holds the contact, E.164 where possible, or `null` when not sent. */
  readonly businessNumber: string | null;
  /** The contact's first name, or `null`. */
  readonly firstName: string | null;
  /** The contact's last name, or `null`. */
  readonly lastName: string | null;
  /**
   * Whether you must not text the contact: `true` when the contact is suppressed or has opted out,
   * `false` when the provider says neither, `null` when it says nothing about it.
   */
  readonly optedOut: boolean | null;
  /** When the contact opted out, ISO 8601 UTC, or `null` when they have not (or it is not sent). */
  readonly optedOutAt: string | null;
  /** Whether the contact is suppressed (not to be texted), or `null` when not sent. */
  readonly suppressed: boolean | null;
  /** Why the contact was suppressed, or `null`. */
  readonly suppressedReason: string | null;
  /** Whether the contact is blocked, or `null` when not sent. */
  readonly blocked: boolean | null;
  /** Whether the contact is archived, or `null` when not sent. */
  readonly archived: boolean | null;
  /** Whether the contact's conversation is resolved, or `null` when not sent. */
  readonly resolved: boolean | null;
  /** Your notes on the contact, or `null`. */
  readonly note: string | null;
  /** The contact's tags (Text Request: tag ids); empty when there are none. */
  readonly tags: readonly string[];
  /** The ids of the groups the contact belongs to, as strings; empty when there are none. */
  readonly groupIds: readonly string[];
  /** The contact's custom field values; empty when there are none. */
  readonly customFields: readonly SmsCustomField[];
  /** When the contact was first messaged, ISO 8601 UTC, or `null`. */
  readonly firstContactAt: string | null;
}

/** A contact shared their location in answer to a location request. */
export interface SmsLocationReceivedEvent<P extends string = string, R = unknown>
  extends SmsEventBase<'location.received', P, R> {
  /** The contact's number, E.164 where possible, or `null` when not sent. */
  readonly from: string | null;
  /** The id of the message the location request was sent in. */
  readonly messageId: string;
  /** The provider's id of your number or dashboard the request was sent from, as a string, or `null`. */
  readonly dashboardId: string | null;
  /** The latitude, in degrees, as the provider's `Latitude` field gives it. */
  readonly latitude: number;
  /** The longitude, in degrees, as the provider's `Longitude` field gives it. */
  readonly longitude: number;
  /** The approximate address of the location, or `null`. */
  readonly address: string | null;
}

/**
 * Where a payment request stands: `sent` (the first status), `paid`, `marked_as_paid` (marked by
 * your team), `past_due`, `cancelled`, `failed`, or `unknown` (the provider's `Unknown` or a status
 * this version does not know; the provider's word is kept in `providerStatus`).
 */
export type SmsPaymentStatus =
  | 'sent'
  | 'paid'
  | 'marked_as_paid'
  | 'past_due'
  | 'cancelled'
  | 'failed'
  | 'unknown';

/** A payment request's status changed. */
export interface SmsPaymentUpdatedEvent<P extends string = string, R = unknown>
  extends SmsEventBase<'payment.updated', P, R> {
  /** The provider's id of the payment, as a string, or `null` when it is not usable (a number that is not a safe integer). */
  readonly paymentId: string | null;
  /** The payment's status, normalized. */
  readonly status: SmsPaymentStatus;
  /** The provider's own word for the status, e.g. `PastDue`. */
  readonly providerStatus: string;
  /** The reference you gave the payment (not unique), or `null`. */
  readonly referenceId: string | null;
}

/** A valid payload of a known provider whose action this version does not model; never an error. */
export interface SmsUnknownEvent<P extends string = string, R = unknown>
  extends SmsEventBase<'unknown', P, R> {
  /** The provider's name for what happened (e.g. `CallDetails.CallPreprocessed`), or `null`. */
  readonly action: string | null;
}
