import * as v from 'valibot';
import { isJsonObject } from '../../is-json-object.js';
import type { TolerancePolicy } from '../../tolerance/read-tolerantly.js';

// Tolerant reading (see README, "When a delivery differs from the documents"): these schemas say
// what Text Request documents, and stay the source of the types, the JSON Schemas and the docs. A
// body is read against its schema as a whole first; only when that fails is each failing field
// classified by the policies at the end of this file: an identifying field refuses the delivery,
// any other field is read where its meaning is unambiguous or becomes `null`, with a drift report
// either way. Every body is also refused when an identifying field holds an empty or
// whitespace-only string, which names no number and no id.

/** The Text Request account a message webhook belongs to. */
export const TextRequestAccountSchema: v.LooseObjectSchema<
  {
    /** Your Text Request account id. */
    readonly id: v.NumberSchema<undefined>;
    /** The account id you defined yourself, when the account has one. */
    readonly externalAccountId: v.OptionalSchema<
      v.NullableSchema<v.StringSchema<undefined>, undefined>,
      undefined
    >;
    /** The same external id under the name one Text Request document gives it. */
    readonly externalPhoneId: v.OptionalSchema<
      v.NullableSchema<v.StringSchema<undefined>, undefined>,
      undefined
    >;
  },
  undefined
> = v.looseObject({
  id: v.number(),
  externalAccountId: v.optional(v.nullable(v.string())),
  externalPhoneId: v.optional(v.nullable(v.string())),
});

/** Your Text Request phone number that sent or received the message. */
export const TextRequestPhoneNumberSchema: v.LooseObjectSchema<
  {
    /** Your Text Request phone number id. */
    readonly id: v.NumberSchema<undefined>;
    /** The phone number id that you define, or `null` when you have not set one. */
    readonly externalPhoneId: v.NullableSchema<v.StringSchema<undefined>, undefined>;
    /** The number's friendly name, e.g. `Our demonstration number`. */
    readonly description: v.StringSchema<undefined>;
    /** Your Text Request phone number, e.g. `14239309346` (11 or 10 digits, or `+1(555)-123-4567`). */
    readonly phoneNumber: v.StringSchema<undefined>;
  },
  undefined
> = v.looseObject({
  id: v.number(),
  externalPhoneId: v.nullable(v.string()),
  description: v.string(),
  phoneNumber: v.string(),
});

/** A picture or other file attached to an MMS message. */
export const TextRequestMmsAttachmentSchema: v.LooseObjectSchema<
  {
    /** Where the attachment can be downloaded. */
    readonly url: v.StringSchema<undefined>;
    /** The attachment's MIME type, e.g. `image/jpeg`. */
    readonly mimeType: v.OptionalSchema<
      v.NullableSchema<v.StringSchema<undefined>, undefined>,
      undefined
    >;
  },
  undefined
> = v.looseObject({
  url: v.string(),
  mimeType: v.optional(v.nullable(v.string())),
});

/** Who claimed the conversation; its shape is not documented, so a string, a number, an object or null is accepted. */
export const TextRequestClaimedBySchema: v.NullableSchema<
  v.UnionSchema<
    readonly [
      v.StringSchema<undefined>,
      v.NumberSchema<undefined>,
      v.RecordSchema<v.StringSchema<undefined>, v.UnknownSchema, undefined>,
    ],
    undefined
  >,
  undefined
> = v.nullable(v.union([v.string(), v.number(), v.record(v.string(), v.unknown())]));

/** The conversation and the message that caused the webhook. */
export const TextRequestConversationSchema: v.LooseObjectSchema<
  {
    /** Unique id of the conversation. */
    readonly id: v.NumberSchema<undefined>;
    /** The message timestamp in UTC, e.g. `2018-10-11T01:28:46.5966126Z` (7 fractional digits). */
    readonly date: v.StringSchema<undefined>;
    /** The customer's phone number: the sender of a received message, the recipient of a sent one. */
    readonly consumerPhoneNumber: v.StringSchema<undefined>;
    /** `S` for a message your number sent, `R` for one it received. */
    readonly messageDirection: v.PicklistSchema<readonly ['S', 'R'], undefined>;
    /** The message text. */
    readonly message: v.StringSchema<undefined>;
    /** The friendly name of the customer you are texting with, or `null` when there is none. */
    readonly consumerFriendlyName: v.NullableSchema<v.StringSchema<undefined>, undefined>;
    /** How many SMS segments the message took. */
    readonly numSegments: v.OptionalSchema<v.NumberSchema<undefined>, undefined>;
    /** The message's delivery status, when Text Request reports one. */
    readonly status: v.OptionalSchema<
      v.NullableSchema<v.StringSchema<undefined>, undefined>,
      undefined
    >;
    /** Who on your team claimed the conversation; its shape is not documented. */
    readonly claimedBy: v.OptionalSchema<typeof TextRequestClaimedBySchema, undefined>;
    /** The files attached to an MMS message. */
    readonly mmsAttachments: v.OptionalSchema<
      v.NullableSchema<v.ArraySchema<typeof TextRequestMmsAttachmentSchema, undefined>, undefined>,
      undefined
    >;
  },
  undefined
> = v.looseObject({
  id: v.number(),
  date: v.string(),
  consumerPhoneNumber: v.string(),
  messageDirection: v.picklist(['S', 'R']),
  message: v.string(),
  consumerFriendlyName: v.nullable(v.string()),
  numSegments: v.optional(v.number()),
  status: v.optional(v.nullable(v.string())),
  claimedBy: v.optional(TextRequestClaimedBySchema),
  mmsAttachments: v.optional(v.nullable(v.array(TextRequestMmsAttachmentSchema))),
});

/** The body of the "message sent" and "message received" webhooks, which differ only in `conversation.messageDirection`. */
export const TextRequestMessageSchema: v.LooseObjectSchema<
  {
    /** Text Request's unique id of the message. */
    readonly messageUniqueIdentifier: v.OptionalSchema<
      v.NullableSchema<v.StringSchema<undefined>, undefined>,
      undefined
    >;
    /** Your Text Request account. */
    readonly account: typeof TextRequestAccountSchema;
    /** Your Text Request phone number that sent or received the message. */
    readonly yourPhoneNumber: typeof TextRequestPhoneNumberSchema;
    /** The conversation, with the message itself. */
    readonly conversation: typeof TextRequestConversationSchema;
  },
  undefined
> = v.looseObject({
  messageUniqueIdentifier: v.optional(v.nullable(v.string())),
  account: TextRequestAccountSchema,
  yourPhoneNumber: TextRequestPhoneNumberSchema,
  conversation: TextRequestConversationSchema,
});

/** The body of the "new contact is created" webhook. */
export const TextRequestContactCreatedSchema: v.LooseObjectSchema<
  {
    /** Unique id of the contact. */
    readonly ContactId: v.NumberSchema<undefined>;
    /** Your Text Request phone number whose address book the contact was added to. */
    readonly LocationPhoneNumber: v.StringSchema<undefined>;
    /** The contact's phone number. */
    readonly ContactPhoneNumber: v.StringSchema<undefined>;
    /** The contact's friendly name, or `null` when none was given. */
    readonly ContactFriendlyName: v.NullableSchema<v.StringSchema<undefined>, undefined>;
  },
  undefined
> = v.looseObject({
  ContactId: v.number(),
  LocationPhoneNumber: v.string(),
  ContactPhoneNumber: v.string(),
  ContactFriendlyName: v.nullable(v.string()),
});

/** The message statuses Text Request documents for `status`, in the document's order. */
export const textRequestMessageStatuses: readonly [
  'accepted',
  'queued',
  'sending',
  'delivered',
  'error',
  'sent',
  'failed',
  'undelivered',
] = ['accepted', 'queued', 'sending', 'delivered', 'error', 'sent', 'failed', 'undelivered'];

/**
 * The body of the `msg_status_updated` webhook and of a message's `status_callback`: a message's
 * new delivery status.
 */
export const TextRequestMessageStatusSchema: v.LooseObjectSchema<
  {
    /** The message's unique identifier, e.g. `eb2a0cc2-5b88-468b-b3f4-926b07bcb275`. */
    readonly message_id: v.StringSchema<undefined>;
    /** The message's current status: `accepted`, `queued`, `sending`, `delivered`, `error`, `sent`, `failed` or `undelivered`. */
    readonly status: v.StringSchema<undefined>;
    /** An alphanumeric code for troubleshooting, set only when `status` is `error`, else `null`. */
    readonly error_code: v.OptionalSchema<
      v.NullableSchema<v.StringSchema<undefined>, undefined>,
      undefined
    >;
  },
  undefined
> = v.looseObject({
  message_id: v.string(),
  // A string, not a picklist: a status Text Request adds later must not refuse the delivery.
  status: v.string(),
  error_code: v.optional(v.nullable(v.string())),
});

/** One custom field value of a contact. */
export const TextRequestCustomFieldSchema: v.LooseObjectSchema<
  {
    /** The custom field's GUID, which you use to edit the value. */
    readonly id: v.StringSchema<undefined>;
    /** The field's current value, e.g. `john.doe@gmail.com`. */
    readonly value: v.OptionalSchema<
      v.NullableSchema<v.StringSchema<undefined>, undefined>,
      undefined
    >;
  },
  undefined
> = v.looseObject({
  id: v.string(),
  value: v.optional(v.nullable(v.string())),
});

/** The body of the `contact_updated` webhook: a contact of your dashboard as it is now. */
export const TextRequestContactUpdatedSchema: v.LooseObjectSchema<
  {
    /** The contact's phone number, e.g. `13216547890`. */
    readonly phone_number: v.StringSchema<undefined>;
    /** The contact's first name. */
    readonly first_name: v.OptionalSchema<
      v.NullableSchema<v.StringSchema<undefined>, undefined>,
      undefined
    >;
    /** The contact's last name. */
    readonly last_name: v.OptionalSchema<
      v.NullableSchema<v.StringSchema<undefined>, undefined>,
      undefined
    >;
    /** The contact's display name, e.g. `John Smith`. */
    readonly display_name: v.OptionalSchema<
      v.NullableSchema<v.StringSchema<undefined>, undefined>,
      undefined
    >;
    /** Whether the contact is suppressed (is not to be texted). */
    readonly is_suppressed: v.OptionalSchema<
      v.NullableSchema<v.BooleanSchema<undefined>, undefined>,
      undefined
    >;
    /** Whether the contact is archived. */
    readonly is_archived: v.OptionalSchema<
      v.NullableSchema<v.BooleanSchema<undefined>, undefined>,
      undefined
    >;
    /** Whether the contact is blocked. */
    readonly is_blocked: v.OptionalSchema<
      v.NullableSchema<v.BooleanSchema<undefined>, undefined>,
      undefined
    >;
    /** A note on why the contact was suppressed, e.g. `Contact asked not to be texted.` */
    readonly suppressed_reason: v.OptionalSchema<
      v.NullableSchema<v.StringSchema<undefined>, undefined>,
      undefined
    >;
    /** Any text notes for the contact. */
    readonly note: v.OptionalSchema<
      v.NullableSchema<v.StringSchema<undefined>, undefined>,
      undefined
    >;
    /** The ids of the groups the contact belongs to, e.g. `[12, 26]`. */
    readonly groups: v.OptionalSchema<
      v.NullableSchema<
        v.ArraySchema<
          v.UnionSchema<readonly [v.NumberSchema<undefined>, v.StringSchema<undefined>], undefined>,
          undefined
        >,
        undefined
      >,
      undefined
    >;
    /** The contact's tags, as tag GUIDs. */
    readonly contact_tags: v.OptionalSchema<
      v.NullableSchema<v.ArraySchema<v.StringSchema<undefined>, undefined>, undefined>,
      undefined
    >;
    /** The contact's custom field values. */
    readonly custom_fields: v.OptionalSchema<
      v.NullableSchema<v.ArraySchema<typeof TextRequestCustomFieldSchema, undefined>, undefined>,
      undefined
    >;
    /** Whether the contact's conversation thread is currently resolved. */
    readonly is_resolved: v.OptionalSchema<
      v.NullableSchema<v.BooleanSchema<undefined>, undefined>,
      undefined
    >;
    /** When the contact was first messaged, UTC; the document's own example is `false`, so a boolean is accepted too. */
    readonly first_contact_utc: v.OptionalSchema<
      v.NullableSchema<
        v.UnionSchema<readonly [v.StringSchema<undefined>, v.BooleanSchema<undefined>], undefined>,
        undefined
      >,
      undefined
    >;
    /** When the contact opted out, UTC, or `null` when the contact has not and can receive messages. */
    readonly opted_out_utc: v.OptionalSchema<
      v.NullableSchema<v.StringSchema<undefined>, undefined>,
      undefined
    >;
  },
  undefined
> = v.looseObject({
  phone_number: v.string(),
  first_name: v.optional(v.nullable(v.string())),
  last_name: v.optional(v.nullable(v.string())),
  display_name: v.optional(v.nullable(v.string())),
  is_suppressed: v.optional(v.nullable(v.boolean())),
  is_archived: v.optional(v.nullable(v.boolean())),
  is_blocked: v.optional(v.nullable(v.boolean())),
  suppressed_reason: v.optional(v.nullable(v.string())),
  note: v.optional(v.nullable(v.string())),
  groups: v.optional(v.nullable(v.array(v.union([v.number(), v.string()])))),
  contact_tags: v.optional(v.nullable(v.array(v.string()))),
  custom_fields: v.optional(v.nullable(v.array(TextRequestCustomFieldSchema))),
  is_resolved: v.optional(v.nullable(v.boolean())),
  first_contact_utc: v.optional(v.nullable(v.union([v.string(), v.boolean()]))),
  opted_out_utc: v.optional(v.nullable(v.string())),
});

/**
 * The body of the `location_received` webhook and of a message's `location_callback`: the
 * location a contact shared in answer to a location request.
 */
export const TextRequestLocationSchema: v.LooseObjectSchema<
  {
    /** The unique identifier of the message the location request was sent in. */
    readonly MessageId: v.StringSchema<undefined>;
    /** The contact's phone number, e.g. `13216547890`. */
    readonly PhoneNumber: v.OptionalSchema<
      v.NullableSchema<v.StringSchema<undefined>, undefined>,
      undefined
    >;
    /** The id of the dashboard the location request was sent from, e.g. `121`. */
    readonly DashboardId: v.OptionalSchema<
      v.NullableSchema<
        v.UnionSchema<readonly [v.NumberSchema<undefined>, v.StringSchema<undefined>], undefined>,
        undefined
      >,
      undefined
    >;
    /** The longitude of the contact's location, in degrees. */
    readonly Longitude: v.NumberSchema<undefined>;
    /** The latitude of the contact's location, in degrees. */
    readonly Latitude: v.NumberSchema<undefined>;
    /** The approximate address of the contact's location, e.g. `Near 1600 Pennsylvania Ave NW, …`. */
    readonly FormattedAddress: v.OptionalSchema<
      v.NullableSchema<v.StringSchema<undefined>, undefined>,
      undefined
    >;
  },
  undefined
> = v.looseObject({
  MessageId: v.string(),
  PhoneNumber: v.optional(v.nullable(v.string())),
  DashboardId: v.optional(v.nullable(v.union([v.number(), v.string()]))),
  Longitude: v.number(),
  Latitude: v.number(),
  FormattedAddress: v.optional(v.nullable(v.string())),
});

/** The payment statuses Text Request documents for `status`, in the document's order. */
export const textRequestPaymentStatuses: readonly [
  'Unknown',
  'Sent',
  'Paid',
  'Cancelled',
  'Failed',
  'PastDue',
  'MarkedAsPaid',
] = ['Unknown', 'Sent', 'Paid', 'Cancelled', 'Failed', 'PastDue', 'MarkedAsPaid'];

/** The body of the `payment_status_updated` webhook: a payment request's new status. */
export const TextRequestPaymentSchema: v.LooseObjectSchema<
  {
    /** The payment's id, which the API uses to update it, e.g. `2510`. */
    readonly payment_id: v.UnionSchema<
      readonly [v.NumberSchema<undefined>, v.StringSchema<undefined>],
      undefined
    >;
    /** The payment's status as the app's payments page shows it: `Unknown`, `Sent` (the first), `Paid`, `Cancelled`, `Failed`, `PastDue` or `MarkedAsPaid`. */
    readonly status: v.StringSchema<undefined>;
    /** The reference you gave the payment when you created it (not unique), e.g. `receipt-chicago`. */
    readonly reference_id: v.OptionalSchema<
      v.NullableSchema<v.StringSchema<undefined>, undefined>,
      undefined
    >;
  },
  undefined
> = v.looseObject({
  payment_id: v.union([v.number(), v.string()]),
  // A string, not a picklist: a status Text Request adds later must not refuse the delivery.
  status: v.string(),
  reference_id: v.optional(v.nullable(v.string())),
});

/** Any Text Request webhook body: a message (sent or received), a contact created or updated, a delivery status, a shared location or a payment status. */
export const TextRequestWebhookSchema: v.UnionSchema<
  readonly [
    typeof TextRequestMessageSchema,
    typeof TextRequestContactCreatedSchema,
    typeof TextRequestContactUpdatedSchema,
    typeof TextRequestMessageStatusSchema,
    typeof TextRequestLocationSchema,
    typeof TextRequestPaymentSchema,
  ],
  undefined
> = v.union([
  TextRequestMessageSchema,
  TextRequestContactCreatedSchema,
  TextRequestContactUpdatedSchema,
  TextRequestMessageStatusSchema,
  TextRequestLocationSchema,
  TextRequestPaymentSchema,
]);

/** Your Text Request account, as sent in a message webhook. */
export type TextRequestAccount = v.InferOutput<typeof TextRequestAccountSchema>;

/** Your Text Request phone number, as sent in a message webhook. */
export type TextRequestPhoneNumber = v.InferOutput<typeof TextRequestPhoneNumberSchema>;

/** An MMS attachment of a message. */
export type TextRequestMmsAttachment = v.InferOutput<typeof TextRequestMmsAttachmentSchema>;

/** Who claimed a conversation (shape not documented). */
export type TextRequestClaimedBy = v.InferOutput<typeof TextRequestClaimedBySchema>;

/** The conversation and message of a message webhook. */
export type TextRequestConversation = v.InferOutput<typeof TextRequestConversationSchema>;

/** The body of a "message sent" or "message received" webhook. */
export type TextRequestMessage = v.InferOutput<typeof TextRequestMessageSchema>;

/** The body of a "new contact is created" webhook. */
export type TextRequestContactCreated = v.InferOutput<typeof TextRequestContactCreatedSchema>;

/** The body of a `msg_status_updated` webhook or a message's `status_callback`. */
export type TextRequestMessageStatus = v.InferOutput<typeof TextRequestMessageStatusSchema>;

/** One custom field value of a contact. */
export type TextRequestCustomField = v.InferOutput<typeof TextRequestCustomFieldSchema>;

/** The body of a `contact_updated` webhook. */
export type TextRequestContactUpdated = v.InferOutput<typeof TextRequestContactUpdatedSchema>;

/** The body of a `location_received` webhook or a message's `location_callback`. */
export type TextRequestLocation = v.InferOutput<typeof TextRequestLocationSchema>;

/** The body of a `payment_status_updated` webhook. */
export type TextRequestPayment = v.InferOutput<typeof TextRequestPaymentSchema>;

/** Any Text Request webhook body. */
export type TextRequestWebhook = v.InferOutput<typeof TextRequestWebhookSchema>;

/**
 * How Text Request message bodies are read tolerantly. Identifying: `conversation.messageDirection`
 * (sent or received), `conversation.consumerPhoneNumber` and `yourPhoneNumber.phoneNumber` (who
 * texted whom), so `conversation` and `yourPhoneNumber` must be objects. Every other field, including
 * `conversation.message` (an MMS may carry no text), is descriptive.
 */
export const textRequestMessageTolerance: TolerancePolicy = {
  provider: 'textrequest',
  identifying: [
    'conversation.messageDirection',
    'conversation.consumerPhoneNumber',
    'yourPhoneNumber.phoneNumber',
  ],
};

/**
 * How Text Request contact-created bodies are read tolerantly. Identifying: `ContactId` and
 * `ContactPhoneNumber`; `LocationPhoneNumber` and `ContactFriendlyName` are descriptive.
 */
export const textRequestContactCreatedTolerance: TolerancePolicy = {
  provider: 'textrequest',
  identifying: ['ContactId', 'ContactPhoneNumber'],
};

/**
 * How Text Request delivery status bodies are read tolerantly. Identifying: `message_id` (which
 * message) and `status` (what happened to it); `error_code` is descriptive.
 */
export const textRequestMessageStatusTolerance: TolerancePolicy = {
  provider: 'textrequest',
  identifying: ['message_id', 'status'],
};

/**
 * How Text Request contact-updated bodies are read tolerantly. Identifying: `phone_number` (the
 * body's only reference to the contact); every flag, name, list and time is descriptive.
 */
export const textRequestContactUpdatedTolerance: TolerancePolicy = {
  provider: 'textrequest',
  identifying: ['phone_number'],
};

/**
 * How Text Request location bodies are read tolerantly. Identifying: `MessageId` (which request it
 * answers), `Latitude` and `Longitude`; the phone number, dashboard and address are descriptive.
 */
export const textRequestLocationTolerance: TolerancePolicy = {
  provider: 'textrequest',
  identifying: ['MessageId', 'Latitude', 'Longitude'],
};

/**
 * How Text Request payment bodies are read tolerantly. Identifying: `payment_id` and `status`;
 * `reference_id` is descriptive.
 */
export const textRequestPaymentTolerance: TolerancePolicy = {
  provider: 'textrequest',
  identifying: ['payment_id', 'status'],
};

/** The tolerance policy of each Text Request body kind. */
export const textRequestTolerance: { readonly [K in TextRequestBodyKind]: TolerancePolicy } = {
  message: textRequestMessageTolerance,
  contact_created: textRequestContactCreatedTolerance,
  contact_updated: textRequestContactUpdatedTolerance,
  message_status: textRequestMessageStatusTolerance,
  location: textRequestLocationTolerance,
  payment: textRequestPaymentTolerance,
};
/** The bodies Text Request sends, by the fields that tell them apart (see {@link inferTextRequestBodyKind}). */
export const textRequestBodyKinds: readonly [
  'message',
  'contact_created',
  'contact_updated',
  'message_status',
  'location',
  'payment',
] = ['message', 'contact_created', 'contact_updated', 'message_status', 'location', 'payment'];

/** Which Text Request body a payload is: `'message' | 'contact_created' | 'contact_updated' | 'message_status' | 'location' | 'payment'`. */
export type TextRequestBodyKind = (typeof textRequestBodyKinds)[number];

/** The wire type of each Text Request body kind. */
export interface TextRequestBodies {
  /** A `msg_sent` or `msg_received` body. */
  readonly message: TextRequestMessage;
  /** A `contact_created` body. */
  readonly contact_created: TextRequestContactCreated;
  /** A `contact_updated` body. */
  readonly contact_updated: TextRequestContactUpdated;
  /** A `msg_status_updated` body or a message's `status_callback`. */
  readonly message_status: TextRequestMessageStatus;
  /** A `location_received` body or a message's `location_callback`. */
  readonly location: TextRequestLocation;
  /** A `payment_status_updated` body. */
  readonly payment: TextRequestPayment;
}

/** The schema of each Text Request body kind. */
export const textRequestSchemas: {
  /** Validates a message sent or received body. */
  readonly message: typeof TextRequestMessageSchema;
  /** Validates a contact created body. */
  readonly contact_created: typeof TextRequestContactCreatedSchema;
  /** Validates a contact updated body. */
  readonly contact_updated: typeof TextRequestContactUpdatedSchema;
  /** Validates a message status body. */
  readonly message_status: typeof TextRequestMessageStatusSchema;
  /** Validates a shared location body. */
  readonly location: typeof TextRequestLocationSchema;
  /** Validates a payment status body. */
  readonly payment: typeof TextRequestPaymentSchema;
} = {
  message: TextRequestMessageSchema,
  contact_created: TextRequestContactCreatedSchema,
  contact_updated: TextRequestContactUpdatedSchema,
  message_status: TextRequestMessageStatusSchema,
  location: TextRequestLocationSchema,
  payment: TextRequestPaymentSchema,
};

/**
 * The `contact_updated` fields that no other body of any supported provider has; one of them next
 * to `phone_number` tells a contact update from a TextLink body, which also has `phone_number`.
 */
export const textRequestContactUpdatedMarkers: readonly string[] = [
  'first_name',
  'last_name',
  'display_name',
  'is_suppressed',
  'is_archived',
  'is_blocked',
  'suppressed_reason',
  'contact_tags',
  'custom_fields',
  'is_resolved',
  'first_contact_utc',
  'opted_out_utc',
];

/**
 * Tells which Text Request body a decoded payload is, by the fields that tell the bodies apart, or
 * `null` when it has none of them. No body names its kind, and every field of the v3 bodies is
 * optional in Text Request's document, so each rule uses the fields its body cannot do without
 * and no other body has. "Has" means the key is present. First match wins:
 * 1. objects `conversation` and `yourPhoneNumber` → `'message'` (sent or received);
 * 2. `ContactId` and `LocationPhoneNumber` → `'contact_created'`;
 * 3. `payment_id` and `status` → `'payment'`;
 * 4. `message_id` and `status` → `'message_status'` (`msg_status_updated`, `status_callback`);
 * 5. `MessageId`, `Latitude` and `Longitude` → `'location'` (`location_received`, `location_callback`);
 * 6. a string `phone_number` and one of {@link textRequestContactUpdatedMarkers} → `'contact_updated'`.
 *
 * Never throws.
 *
 * @example
 * ```ts
 * inferTextRequestBodyKind({ message_id: 'eb2a0cc2-…', status: 'delivered' }); // 'message_status'
 * inferTextRequestBodyKind({ phone_number: '13216547890', is_blocked: true }); // 'contact_updated'
 * inferTextRequestBodyKind({ phone_number: '+381690156360', text: 'Hi' }); // null (TextLink)
 * ```
 */
export function inferTextRequestBodyKind(body: unknown): TextRequestBodyKind | null {
  try {
    if (!isJsonObject(body)) return null;
    const has = (key: string): boolean => Object.hasOwn(body, key);
    if (isJsonObject(body.conversation) && isJsonObject(body.yourPhoneNumber)) return 'message';
    if (has('ContactId') && has('LocationPhoneNumber')) return 'contact_created';
    if (has('payment_id') && has('status')) return 'payment';
    if (has('message_id') && has('status')) return 'message_status';
    if (has('MessageId') && has('Latitude') && has('Longitude')) return 'location';
    if (typeof body.phone_number === 'string' && textRequestContactUpdatedMarkers.some(has)) {
      return 'contact_updated';
    }
    return null;
  } catch {
    // A proxy or a throwing getter is simply no Text Request body.
    return null;
  }
}
