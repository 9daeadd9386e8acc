import * as v from 'valibot';
import type { TolerancePolicy } from '../../tolerance/read-tolerantly.js';

// Tolerant reading (see README, "When a delivery differs from the documents"): these schemas say
// what Text Request documents, and stay the source of the types, the JSON Schemas and the docs. A
// body is read against its schema as a whole first; only when that fails is each failing field
// classified by the policies at the end of this file: an identifying field refuses the delivery,
// any other field is read where its meaning is unambiguous or becomes `null`, with a drift report
// either way.

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

/** Any Text Request webhook body: a message (sent or received) or a new contact. */
export const TextRequestWebhookSchema: v.UnionSchema<
  readonly [typeof TextRequestMessageSchema, typeof TextRequestContactCreatedSchema],
  undefined
> = v.union([TextRequestMessageSchema, TextRequestContactCreatedSchema]);

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
