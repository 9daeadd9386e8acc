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

/** A message that could not be sent. */
export interface SmsMessageFailedEvent<P extends string = string, R = unknown>
  extends SmsEventBase<'message.failed', P, R>,
    SmsMessageFields {}

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

/** A valid payload of a known provider whose action this version does not model; never an error. */
export interface SmsUnknownEvent<P extends string = string, R = unknown>
  extends SmsEventBase<'unknown', P, R> {
  /** The provider's name for what happened (e.g. `CallDetails.CallPreprocessed`), or `null`. */
  readonly action: string | null;
}
