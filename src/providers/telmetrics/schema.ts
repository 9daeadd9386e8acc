import * as v from 'valibot';
import type { TolerancePolicy } from '../../tolerance/read-tolerantly.js';

// Tolerant reading (see README, "When a delivery differs from the documents"): these schemas say
// what Telmetrics documents, and stay the source of the types, the JSON Schemas and the docs. A
// delivery is read against them as a whole first; only when that fails is each failing field
// classified by `telmetricsTolerance` below: an identifying field refuses the delivery, any other
// (descriptive) field is read where its meaning is unambiguous or becomes `null`, with a drift
// report either way. Every delivery is also refused when an identifying field holds an empty or
// whitespace-only string, which names no delivery, conversation or number.

/** The `Action` of the one notification this version models: the first text of a conversation. */
export const TELMETRICS_SMS_CONVERSATION_START = 'SmsDetails.SmsConversationStart';

/** The fields of the Telmetrics `Properties` schema, each with its documentation. */
export type TelmetricsPropertiesEntries = {
  /** What kind of notifications the delivery carries, e.g. `SmsDetails` or `CallDetails`. */
  readonly CollectionType: v.StringSchema<undefined>;
  /** When the delivery was created, UTC without an offset, e.g. `2019-09-19T17:16:01.765`. */
  readonly UTC: v.StringSchema<undefined>;
  /** The Telmetrics organization the webhook belongs to, as a string, e.g. `4062`. */
  readonly Organization: v.StringSchema<undefined>;
  /** The id of the request that produced the delivery, a dashed GUID. */
  readonly RequestId: v.StringSchema<undefined>;
  /** Set to `TEST` on test deliveries; absent otherwise. */
  readonly Scenario: v.OptionalSchema<v.StringSchema<undefined>, undefined>;
};

/** Describes the `Properties` of a Telmetrics webhook delivery. */
export const TelmetricsPropertiesSchema: v.LooseObjectSchema<
  TelmetricsPropertiesEntries,
  undefined
> = v.looseObject({
  CollectionType: v.string(),
  UTC: v.string(),
  Organization: v.string(),
  RequestId: v.string(),
  Scenario: v.optional(v.string()),
});

/** The fields of the Telmetrics `SessionTag` schema, each with its documentation. */
export type TelmetricsSessionTagEntries = {
  /** The session tag's numeric id, e.g. `71718183`. */
  readonly tag_id: v.NumberSchema<undefined>;
  /** The data stored in the session tag, e.g. `ID09347882882`. */
  readonly tag_data: v.StringSchema<undefined>;
  /** When the session was tagged, without an offset, e.g. `2019-09-19T17:10:00`. */
  readonly tag_time: v.StringSchema<undefined>;
};

/** Describes the tag Lead Tracking attached to the texter's web session. */
export const TelmetricsSessionTagSchema: v.LooseObjectSchema<
  TelmetricsSessionTagEntries,
  undefined
> = v.looseObject({
  tag_id: v.number(),
  tag_data: v.string(),
  tag_time: v.string(),
});

/** The fields of the Telmetrics `AttributionDetails` schema, each with its documentation. */
export type TelmetricsAttributionDetailsEntries = {
  /** The tag of the texter's web session, or `null` when the session has none. */
  readonly session_tag: v.NullableSchema<typeof TelmetricsSessionTagSchema, undefined>;
  /** The Dynamic Number Insertion session the texter came from, or `null` when none was matched. */
  readonly SessionId: v.NullableSchema<
    v.UnionSchema<[v.StringSchema<undefined>, v.NumberSchema<undefined>], undefined>,
    undefined
  >;
  /** The attribution rule that matched, e.g. `Google Paid`. */
  readonly RuleDescription: v.StringSchema<undefined>;
  /** The page the texter landed on, or an empty string when unknown. */
  readonly LandingPageUrl: v.StringSchema<undefined>;
  /** The page that referred the texter, or an empty string when unknown. */
  readonly ReferrerUrl: v.StringSchema<undefined>;
  /** Whether the attribution spans several web sessions. */
  readonly MultisessionFlag: v.BooleanSchema<undefined>;
  /** The `utm_campaign` of the session, percent-encoded, e.g. `summersale`. */
  readonly utm_campaign: v.StringSchema<undefined>;
  /** The `utm_term` of the session, percent-encoded, e.g. `new%20cars`. */
  readonly utm_term: v.StringSchema<undefined>;
  /** The `utm_source` of the session, percent-encoded, e.g. `google`. */
  readonly utm_source: v.StringSchema<undefined>;
  /** The `utm_medium` of the session, percent-encoded, e.g. `web`. */
  readonly utm_medium: v.StringSchema<undefined>;
  /** The `utm_content` of the session, percent-encoded, e.g. `web1`. */
  readonly utm_content: v.StringSchema<undefined>;
};

/** Describes the attribution obtained from Dynamic Number Insertion and Lead Tracking. */
export const TelmetricsAttributionDetailsSchema: v.LooseObjectSchema<
  TelmetricsAttributionDetailsEntries,
  undefined
> = v.looseObject({
  session_tag: v.nullable(TelmetricsSessionTagSchema),
  SessionId: v.nullable(v.union([v.string(), v.number()])),
  RuleDescription: v.string(),
  LandingPageUrl: v.string(),
  ReferrerUrl: v.string(),
  MultisessionFlag: v.boolean(),
  utm_campaign: v.string(),
  utm_term: v.string(),
  utm_source: v.string(),
  utm_medium: v.string(),
  utm_content: v.string(),
});

/** A text field of name/address matching: a string, `null`, or absent ("when available"). */
type TelmetricsMatchedField = v.OptionalSchema<
  v.NullableSchema<v.StringSchema<undefined>, undefined>,
  undefined
>;

/** The fields of the Telmetrics `SmsConversationStart` schema, each with its documentation. */
export type TelmetricsSmsConversationStartEntries = {
  /** Always `SmsDetails.SmsConversationStart`. */
  readonly Action: v.LiteralSchema<typeof TELMETRICS_SMS_CONVERSATION_START, undefined>;
  /** The conversation's id, a dashed GUID. */
  readonly ConversationId: v.StringSchema<undefined>;
  /** When the first message arrived, no offset (read as UTC), e.g. `2019-09-19T17:16:24.147`. */
  readonly MessageDate: v.StringSchema<undefined>;
  /** The Telmetrics study (tracking configuration) the number belongs to, e.g. `9462657`. */
  readonly TelmetricsStudyID: v.NumberSchema<undefined>;
  /** The texter's phone number, 10 digits without country code. */
  readonly TexterNumber: v.StringSchema<undefined>;
  /** The tracking number that was texted, 10 digits without country code. */
  readonly TextedNumber: v.StringSchema<undefined>;
  /** How the conversation is handled, e.g. `ChatClient` for SMS-To-Chat. */
  readonly ConversationType: v.StringSchema<undefined>;
  /** The SMS-To-Chat provider the conversation is routed to, e.g. `Customer Service`. */
  readonly SmsToChatProvider: v.StringSchema<undefined>;
  /** The texter's name from name/address matching, when available. */
  readonly TexterName: TelmetricsMatchedField;
  /** The texter's street address from name/address matching, when available. */
  readonly TexterAddress: TelmetricsMatchedField;
  /** The texter's city from name/address matching, when available. */
  readonly TexterCity: TelmetricsMatchedField;
  /** The texter's state or province from name/address matching, when available. */
  readonly TexterState: TelmetricsMatchedField;
  /** The texter's ZIP or postal code from name/address matching, when available. */
  readonly TexterZip: TelmetricsMatchedField;
  /** Where the texter came from, per Dynamic Number Insertion and Lead Tracking. */
  readonly AttributionDetails: typeof TelmetricsAttributionDetailsSchema;
};

/**
 * Describes the "SMS Conversation Start" notification, sent as soon as the first message reaches a
 * tracking number.
 */
export const TelmetricsSmsConversationStartSchema: v.LooseObjectSchema<
  TelmetricsSmsConversationStartEntries,
  undefined
> = v.looseObject({
  Action: v.literal(TELMETRICS_SMS_CONVERSATION_START),
  ConversationId: v.string(),
  MessageDate: v.string(),
  TelmetricsStudyID: v.number(),
  TexterNumber: v.string(),
  TextedNumber: v.string(),
  ConversationType: v.string(),
  SmsToChatProvider: v.string(),
  TexterName: v.optional(v.nullable(v.string())),
  TexterAddress: v.optional(v.nullable(v.string())),
  TexterCity: v.optional(v.nullable(v.string())),
  TexterState: v.optional(v.nullable(v.string())),
  TexterZip: v.optional(v.nullable(v.string())),
  AttributionDetails: TelmetricsAttributionDetailsSchema,
});

/** The fields of the Telmetrics `Notification` schema, each with its documentation. */
export type TelmetricsNotificationEntries = {
  /** What happened, e.g. `SmsDetails.SmsConversationStart` or `CallDetails.CallPreprocessed`. */
  readonly Action: v.StringSchema<undefined>;
};

/** Describes any notification: an object with a string `Action`, other fields kept. */
export const TelmetricsNotificationSchema: v.LooseObjectSchema<
  TelmetricsNotificationEntries,
  undefined
> = v.looseObject({
  Action: v.string(),
});

/** The fields of the Telmetrics `OtherNotification` schema, each with its documentation. */
export type TelmetricsOtherNotificationEntries = {
  /** An action this version does not model, e.g. `CallDetails.CallPreprocessed`. */
  readonly Action: v.SchemaWithPipe<
    readonly [
      v.StringSchema<undefined>,
      v.NotValueAction<string, typeof TELMETRICS_SMS_CONVERSATION_START, undefined>,
    ]
  >;
};

/**
 * Describes a notification whose `Action` this version does not model (call webhooks, later SMS
 * actions); it is valid as long as `Action` is a string.
 */
export const TelmetricsOtherNotificationSchema: v.LooseObjectSchema<
  TelmetricsOtherNotificationEntries,
  undefined
> = v.looseObject({
  // Excluding the modelled actions keeps an invalid conversation start from passing as "other".
  Action: v.pipe(v.string(), v.notValue(TELMETRICS_SMS_CONVERSATION_START)),
});

/** The fields of the Telmetrics `CallDetails` schema, each with its documentation. */
export type TelmetricsCallDetailsEntries = {
  /** The call action, e.g. `CallDetails.CallPreprocessed` (also "Call Processed", "Call Start"). */
  readonly Action: v.SchemaWithPipe<
    readonly [v.StringSchema<undefined>, v.StartsWithAction<string, 'CallDetails.', undefined>]
  >;
  /** The Telmetrics organization, as a number, e.g. `4062`. */
  readonly OrganizationId: v.NumberSchema<undefined>;
  /** Whether the call's details are not complete yet. */
  readonly Incomplete: v.BooleanSchema<undefined>;
  /** The call's Telmetrics id; it can exceed 2^32, so store it as a 64-bit integer or a string. */
  readonly TelmetricsId: v.NumberSchema<undefined>;
  /** The Telmetrics study (tracking configuration) the called number belongs to. */
  readonly TelmetricsStudyID: v.NumberSchema<undefined>;
  /** The tracking number that was called, 10 digits without country code. */
  readonly CalledNumber: v.StringSchema<undefined>;
  /** The number the call was forwarded to, 10 digits without country code. */
  readonly TerminationNumber: v.StringSchema<undefined>;
  /** When the call started, without an offset; seen in US Eastern local time, not UTC. */
  readonly StartTime: v.StringSchema<undefined>;
  /** When the call was answered, without an offset; seen in US Eastern local time, not UTC. */
  readonly AnswerTime: v.StringSchema<undefined>;
  /** When the call ended, without an offset; seen in US Eastern local time, not UTC. */
  readonly EndTime: v.StringSchema<undefined>;
};

/**
 * Describes a call notification (`CallDetails.*`) with the fields seen in captured deliveries.
 *
 * Telmetrics does not document its call webhooks publicly, so {@link TelmetricsWebhookSchema} does
 * not enforce this shape (call notifications become `unknown` events); check them with it yourself
 * when you rely on these fields.
 */
export const TelmetricsCallDetailsSchema: v.LooseObjectSchema<
  TelmetricsCallDetailsEntries,
  undefined
> = v.looseObject({
  Action: v.pipe(v.string(), v.startsWith('CallDetails.')),
  OrganizationId: v.number(),
  Incomplete: v.boolean(),
  TelmetricsId: v.number(),
  TelmetricsStudyID: v.number(),
  CalledNumber: v.string(),
  TerminationNumber: v.string(),
  StartTime: v.string(),
  AnswerTime: v.string(),
  EndTime: v.string(),
});

/** The fields of the Telmetrics `Webhook` schema, each with its documentation. */
export type TelmetricsWebhookEntries = {
  /** The delivery's id, 32 hex digits; redeliveries keep it. */
  readonly Id: v.SchemaWithPipe<
    readonly [v.StringSchema<undefined>, v.NonEmptyAction<string, undefined>]
  >;
  /** Which delivery attempt this is, starting at 1; redeliveries raise it. */
  readonly Attempt: v.NumberSchema<undefined>;
  /** What the delivery carries, for which organization, and when it was made. */
  readonly Properties: typeof TelmetricsPropertiesSchema;
  /** The notifications of the delivery, each with its `Action`. */
  readonly Notifications: v.ArraySchema<
    v.VariantSchema<
      'Action',
      readonly [
        typeof TelmetricsSmsConversationStartSchema,
        typeof TelmetricsOtherNotificationSchema,
      ],
      undefined
    >,
    undefined
  >;
};

/**
 * Describes a Telmetrics v3 webhook delivery: the envelope and its notifications.
 *
 * A notification whose `Action` is `SmsDetails.SmsConversationStart` must match
 * {@link TelmetricsSmsConversationStartSchema}; any other one only needs a string `Action`.
 */
export const TelmetricsWebhookSchema: v.LooseObjectSchema<TelmetricsWebhookEntries, undefined> =
  v.looseObject({
    // An empty id would give every delivery the same idempotency keys.
    Id: v.pipe(v.string(), v.nonEmpty()),
    Attempt: v.number(),
    Properties: TelmetricsPropertiesSchema,
    Notifications: v.array(
      v.variant('Action', [
        TelmetricsSmsConversationStartSchema,
        TelmetricsOtherNotificationSchema,
      ]),
    ),
  });

/** The `Properties` of a Telmetrics webhook delivery. */
export type TelmetricsProperties = v.InferOutput<typeof TelmetricsPropertiesSchema>;

/** The tag Lead Tracking attached to the texter's web session. */
export type TelmetricsSessionTag = v.InferOutput<typeof TelmetricsSessionTagSchema>;

/** The attribution of a conversation (Dynamic Number Insertion and Lead Tracking). */
export type TelmetricsAttributionDetails = v.InferOutput<typeof TelmetricsAttributionDetailsSchema>;

/** An "SMS Conversation Start" notification. */
export type TelmetricsSmsConversationStart = v.InferOutput<
  typeof TelmetricsSmsConversationStartSchema
>;

/** Any notification: a string `Action` and whatever else its kind carries. */
export type TelmetricsNotification = v.InferOutput<typeof TelmetricsNotificationSchema>;

/** A notification whose `Action` this version does not model. */
export type TelmetricsOtherNotification = v.InferOutput<typeof TelmetricsOtherNotificationSchema>;

/** A call notification (`CallDetails.*`), as seen in captured deliveries. */
export type TelmetricsCallDetails = v.InferOutput<typeof TelmetricsCallDetailsSchema>;

/** A Telmetrics v3 webhook delivery. */
export type TelmetricsWebhook = v.InferOutput<typeof TelmetricsWebhookSchema>;

/**
 * How Telmetrics deliveries are read tolerantly. Identifying: the envelope's `Id` and
 * `Notifications` (an array of objects), and a conversation start's `ConversationId`,
 * `TexterNumber` and `TextedNumber`. A notification without a usable `Action` becomes an `unknown`
 * event (drift `unknown_event`) while the envelope's other notifications are delivered. Every other
 * field is descriptive. The fields of notifications this version does not model are not documented,
 * so none of them is reported as unknown.
 */
export const telmetricsTolerance: TolerancePolicy = {
  provider: 'telmetrics',
  identifying: [
    'Id',
    'Notifications',
    'Notifications[*]',
    'Notifications[*].ConversationId',
    'Notifications[*].TexterNumber',
    'Notifications[*].TextedNumber',
  ],
  discriminators: ['Notifications[*].Action'],
  openSchemas: [TelmetricsOtherNotificationSchema],
};
